//! The words of `plan` (the human timeline), of `explain`, and the reasons
//! of the schedule ([`crate::schedule::Reason`], also in `plan --format
//! json`). These messages take the language as their first argument, since
//! the schedule and the views are pure functions of their inputs; the
//! command line passes the `--lang` the reader chose (which is also the
//! [`language`](super::language) of every other message).

super::messages! { in language;
    // `explain`: where each coordinator telephone came from.
    phones_heading() {
        nb: "Koordinatortelefoner i varslene:",
        en: "Coordinator telephones in the notices:",
    }
    phone_from_config(file, line) {
        nb: "fra {file}, linje {line}",
        en: "from {file}, line {line}",
    }
    phone_from_workbook(file, cell) {
        nb: "fra {file}, celle {cell}",
        en: "from {file}, cell {cell}",
    }
    // `plan`: the timeline.
    plan_heading(now) {
        nb: "Varselplan per {now}",
        en: "Notice plan as of {now}",
    }
    section_due() {
        nb: "Sendes ved neste utsending:",
        en: "Goes out with the next send:",
    }
    section_scheduled() {
        nb: "Kommende varsler:",
        en: "Coming notices:",
    }
    section_sent() {
        nb: "Sendt:",
        en: "Sent:",
    }
    section_skipped() {
        nb: "Hoppes over:",
        en: "Skipped:",
    }
    section_stale() {
        nb: "Utløpt uten utsending:",
        en: "Stale (never sent):",
    }
    section_outages() {
        nb: "Stanser:",
        en: "Outages:",
    }
    working_minutes(minutes) {
        nb: "{minutes} arbeidsminutter",
        en: "{minutes} working minutes",
    }
    working_minutes_unknown() {
        nb: "ukjent antall arbeidsminutter (ingen ventet slutt)",
        en: "working minutes unknown (no estimated end)",
    }
    notice_required() {
        nb: "varsel påkrevd",
        en: "notice required",
    }
    no_notice_required() {
        nb: "varsel ikke påkrevd",
        en: "no notice required",
    }
    // `explain`: the outage.
    kind_planned() {
        nb: "Planlagt stans",
        en: "Planned outage",
    }
    kind_acute() {
        nb: "Akutt stans",
        en: "Acute outage",
    }
    from_to(kind, start, end, status) {
        nb: "{kind} fra {start} til {end} ({status}).",
        en: "{kind} from {start} to {end} ({status}).",
    }
    from_no_end(kind, start, status) {
        nb: "{kind} fra {start}, uten anslått slutt ({status}).",
        en: "{kind} from {start}, no estimated end ({status}).",
    }
    service_back(at) {
        nb: "Tjenesten var tilbake {at}.",
        en: "Service was back {at}.",
    }
    service_expected_back(at) {
        nb: "`ended` ligger fram i tid: til da pågår stansen, og tjenesten ventes tilbake {at}.",
        en: "`ended` lies ahead: until then the outage is on, and service is expected back {at}.",
    }
    is_cancelled() {
        nb: "Stansen er avlyst.",
        en: "The outage is cancelled.",
    }
    now_is(now) {
        nb: "Nå er det {now}.",
        en: "Now is {now}.",
    }
    // `explain`: the working minutes and the verdict.
    minutes_heading() {
        nb: "Arbeidsminutter (virkedager er mandag–fredag utenom helligdager og stengte dager, hele døgnet 00–24):",
        en: "Working minutes (working days are Monday–Friday except public holidays and closed days, all day 00–24):",
    }
    day_minutes(day, minutes, what) {
        nb: "{day}: {minutes} minutter, {what}",
        en: "{day}: {minutes} minutes, {what}",
    }
    day_working() {
        nb: "virkedag – teller",
        en: "working day – counts",
    }
    day_weekend() {
        nb: "helg – teller ikke",
        en: "weekend – does not count",
    }
    day_holiday(name) {
        nb: "helligdag ({name}) – teller ikke",
        en: "public holiday ({name}) – does not count",
    }
    day_closed() {
        nb: "stengt dag (extra_closed_days) – teller ikke",
        en: "closed day (extra_closed_days) – does not count",
    }
    minutes_total(minutes) {
        nb: "Sum: {minutes} arbeidsminutter.",
        en: "Total: {minutes} working minutes.",
    }
    minutes_uncountable() {
        nb: "Ingen anslått slutt, så minuttene kan ikke telles.",
        en: "No estimated end, so the minutes cannot be counted.",
    }
    verdict_always(reason) {
        nb: "Filen sier `notify: always` ({reason}): varsel er påkrevd uansett minutter.",
        en: "The file says `notify: always` ({reason}): a notice is required whatever the minutes.",
    }
    verdict_never(reason) {
        nb: "Filen sier `notify: never` ({reason}): det sendes aldri varsel og siden publiseres ikke.",
        en: "The file says `notify: never` ({reason}): no notice is ever sent and no page is published.",
    }
    verdict_over(threshold, minutes) {
        nb: "Grensen er {threshold} minutter: {minutes} > {threshold}, så varsel er påkrevd.",
        en: "The threshold is {threshold} minutes: {minutes} > {threshold}, so a notice is required.",
    }
    verdict_under(threshold, minutes) {
        nb: "Grensen er {threshold} minutter: {minutes} ≤ {threshold}, så varsel er ikke påkrevd (prosedyren: mer enn 1 time på ordinære virkedager).",
        en: "The threshold is {threshold} minutes: {minutes} ≤ {threshold}, so no notice is required (the procedure: more than 1 hour on ordinary working days).",
    }
    verdict_acute_open() {
        nb: "En akutt stans uten anslått slutt krever alltid varsel.",
        en: "An acute outage without an estimated end always requires a notice.",
    }
    // `explain`: the notices.
    no_notices() {
        nb: "Ingen varsler gjelder for denne stansen.",
        en: "No notices apply to this outage.",
    }
    notices_heading() {
        nb: "Varsler:",
        en: "Notices:",
    }
    notice_rule(rule) {
        nb: "Regel: {rule}",
        en: "Rule: {rule}",
    }
    notice_due(at) {
        nb: "Tidspunkt: {at}",
        en: "Due: {at}",
    }
    notice_stale_from(at) {
        nb: "Sendes ikke etter: {at}",
        en: "Not sent from: {at}",
    }
    notice_sent(at) {
        nb: "Sendt: {at}",
        en: "Sent: {at}",
    }
    notice_why(why) {
        nb: "Fordi: {why}",
        en: "Why: {why}",
    }
    // `explain`: the rule of each kind of notice.
    the_day_before() {
        nb: "dagen før",
        en: "the day before",
    }
    the_working_day_before() {
        nb: "virkedagen før",
        en: "the working day before",
    }
    rule_announce(at, day) {
        nb: "kl. {at} {day} startdatoen som står i filen nå; ikke hvis et varsel om den datoen alt gikk ut etter det",
        en: "at {at} {day} the start date now in the file; not if a notice about that date went out since then",
    }
    rule_reminder(at) {
        nb: "kl. {at} på startdatoen, hvis det er før start; ikke hvis et varsel om den datoen alt gikk ut samme dag",
        en: "at {at} on the start date if that is before the start; not if a notice about that date went out that day",
    }
    rule_changed() {
        nb: "straks filen sier noe annet enn de ansatte sist fikk vite: andre tider, ikke avlyst likevel, ikke over likevel",
        en: "at once when the file says other than staff were last told: other times, not cancelled after all, not over after all",
    }
    rule_cancelled() {
        nb: "straks stansen er avlyst, hvis de ansatte tror den blir; nevner tidspunktet de fikk",
        en: "as soon as the outage is cancelled, if staff believe it is on; names the times they were told",
    }
    rule_completed_early() {
        nb: "når tjenesten er tilbake før anslått slutt, hvis de ansatte tror stansen pågår eller kommer",
        en: "when service is back before the estimated end, if staff believe the outage is on",
    }
    rule_alert() {
        nb: "straks ved start (også når filen kommer etter start), hvis ingenting er fortalt ennå",
        en: "at once from the start (also when the file comes after the start), if nothing was told yet",
    }
    rule_resolved() {
        nb: "når tjenesten er tilbake, hvis de ansatte tror stansen pågår; ikke senere enn 12 timer etter",
        en: "when service is back, if staff believe the outage is on; not later than 12 hours after",
    }
    // `explain`: the page.
    not_published_cancelled() {
        nb: "Siden publiseres ikke: stansen ble avlyst før noe varsel gikk ut.",
        en: "The page is not published: the outage was cancelled before any notice went out.",
    }
    not_published_not_required() {
        nb: "Siden publiseres ikke, fordi varsel ikke er påkrevd.",
        en: "The page is not published, because no notice is required.",
    }
    published_until(at) {
        nb: "til {at}",
        en: "until {at}",
    }
    published_until_ended() {
        nb: "til tjenesten er tilbake (`ended`)",
        en: "until service is back (`ended`)",
    }
    published_from(from, until, published) {
        nb: "Siden publiseres fra {from} {until} ({published} nå).",
        en: "The page is published from {from} {until} ({published} now).",
    }
    // The schedule's reasons (`crate::schedule::Reason`).
    reason_waiting() {
        nb: "ikke tid ennå",
        en: "not due yet",
    }
    reason_due_now() {
        nb: "klar: neste utsending sender det",
        en: "due: the next send delivers it",
    }
    reason_sent() {
        nb: "loggen viser at det er sendt",
        en: "the ledger records it as sent",
    }
    reason_reminder_instead() {
        nb: "ble ikke sendt i tide; påminnelsen går i stedet (ett varsel etter tapte kjøringer, aldri to)",
        en: "not sent in time; the reminder goes instead (one notice after missed runs, never two)",
    }
    reason_announced_on_start_day() {
        nb: "første varsel gikk ut samme dag som stansen, så en påminnelse ville gjenta det",
        en: "the first notice went out on the start day, so a reminder would repeat it",
    }
    reason_carried_by(kind) {
        nb: "varselet «{kind}» som går i samme kjøring, har de nye tidene",
        en: "the notice “{kind}” going out in the same run carries the new times",
    }
    reason_passed() {
        nb: "tidspunktet gikk uten utsending; varselet er ikke lenger nyttig",
        en: "its moment passed without a send; it is no longer useful",
    }
    reason_already_told(kind) {
        nb: "varselet «{kind}» som er sendt, fortalte alt om denne startdatoen",
        en: "the notice “{kind}” that went out already told staff of this start date",
    }
    reason_possibly_sent() {
        nb: "levert til e-posttjeneren, men kjøringen stoppet før utfallet ble lagret; regnes som sendt",
        en: "handed over, but the run stopped before the outcome was recorded; it counts as told",
    }
    reason_claimed() {
        nb: "en annen kjøring sender det nå (lagret i loggen); regnes som sendt",
        en: "another run is handing it over (claimed in the ledger); it counts as told",
    }
    reason_resend() {
        nb: "en utsending ble avbrutt og varselet gjelder fortsatt: sendes én gang til med samme Message-ID",
        en: "a hand-over was interrupted and the notice is still due: sent once more with the same Message-ID",
    }
    reason_refused_for(addresses) {
        nb: "sendt, men avvist for {addresses} (e-posttjeneren tok imot for de andre); tilbys ikke igjen: varselet gjelder ikke lenger, eller alle mottakerne i varsel.yaml har det alt",
        en: "sent, but refused for {addresses} (the mail server took it for the others); not offered again: the notice is no longer due, or every recipient in varsel.yaml has it already",
    }
    reason_refused_offered_again(addresses, to) {
        nb: "sendt, men avvist for {addresses}; neste utsending tilbyr samme melding (samme Message-ID) til {to} mens varselet gjelder",
        en: "sent, but refused for {addresses}; the next send offers the same message (same Message-ID) to {to} while it is due",
    }
}

/// What a notice kind is called, by its id (`announce`, ...): "påminnelse
/// (samme morgen)" / "reminder (the same morning)". Keyed by the id so
/// that the catalogue needs nothing from the schedule (which words its
/// reasons with it); [`crate::words::notice_name`] reads it by kind.
pub fn notice_name(language: super::Language, id: &str) -> &'static str {
    let (nb, en) = match id {
        "announce" => ("første varsel (dagen før)", "first notice (the day before)"),
        "reminder" => ("påminnelse (samme morgen)", "reminder (the same morning)"),
        "changed" => ("endret tidspunkt", "times changed"),
        "cancelled" => ("avlyst", "cancelled"),
        "completed_early" => ("ferdig før tiden", "finished early"),
        "alert" => ("akuttvarsel", "acute alert"),
        "resolved" => ("feilen er rettet", "resolved"),
        _ => ("varsel", "notice"),
    };
    super::tr(language, nb, en)
}
