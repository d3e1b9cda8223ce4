//! The rules of an outage file (`outages/<id>.yaml`), as `check` reports
//! them.

super::messages! {
    bad_file_name(id) {
        nb: "filnavnet `{id}.yaml` er ikke en gyldig stans-id",
        en: "the file name `{id}.yaml` is not a valid outage id",
    }
    bad_file_name_hint() {
        nb: "gi filen nytt navn: små bokstaver a–z, sifre og `-`, høyst 80 tegn, f.eks. `2026-12-03-meldingstjener.yaml`",
        en: "rename the file: lowercase letters a–z, digits and `-`, at most 80 characters, e.g. `2026-12-03-meldingstjener.yaml`",
    }
    empty_file() {
        nb: "stansfilen er tom",
        en: "the outage file is empty",
    }
    empty_file_hint() {
        nb: "ta utgangspunkt i et eksempel i outages/, eller kjør `varsel new`",
        en: "start from an example in outages/ or run `varsel new`",
    }
    add_kind() {
        nb: "legg til `kind: planned` eller `kind: acute`",
        en: "add `kind: planned` or `kind: acute`",
    }
    kind_did_you_mean(near) {
        nb: "mente du `{near}`? `kind` er `planned` eller `acute`",
        en: "did you mean `{near}`? `kind` is `planned` or `acute`",
    }
    kind_hint() {
        nb: "skriv `kind: planned` (varslet på forhånd) eller `kind: acute` (en feil nå)",
        en: "write `kind: planned` (announced in advance) or `kind: acute` (a failure now)",
    }
    unknown_kind(kind) {
        nb: "ukjent type (`kind`) `{kind}`",
        en: "unknown kind `{kind}`",
    }
    add_start() {
        nb: "legg til `start: 2026-12-03 18:00` (lokal tid)",
        en: "add `start: 2026-12-03 18:00` (local time)",
    }
    planned_without_end() {
        nb: "en planlagt stans har ingen `end`",
        en: "a planned outage has no `end`",
    }
    planned_without_end_hint() {
        nb: "legg til ventet slutt, f.eks. `end: 2026-12-03 22:00`",
        en: "add the estimated end, e.g. `end: 2026-12-03 22:00`",
    }
    end_before_start(end, start) {
        nb: "`end` ({end}) er ikke etter `start` ({start})",
        en: "`end` ({end}) is not after `start` ({start})",
    }
    end_before_start_hint() {
        nb: "ventet slutt må være senere enn starten; sjekk dato og klokkeslett",
        en: "the estimated end must be later than the start; check the date and the hour",
    }
    ended_before_start(ended, start) {
        nb: "`ended` ({ended}) er ikke etter `start` ({start})",
        en: "`ended` ({ended}) is not after `start` ({start})",
    }
    ended_before_start_hint() {
        nb: "`ended` er når tjenesten virket igjen; det må være senere enn starten",
        en: "`ended` is when service came back; it must be later than the start",
    }
    ended_in_future(ended, now) {
        nb: "`ended` ({ended}) ligger fram i tid (nå er det {now}): til da er stansen ikke over, og sider og e-post viser tidspunktet som ventet slutt, ikke som ferdig",
        en: "`ended` ({ended}) lies in the future (it is now {now}): until then the outage is not over, and pages and emails show the time as the expected end, not as finished",
    }
    ended_in_future_hint() {
        nb: "`ended` er når tjenesten faktisk virket igjen; et anslag hører hjemme i `end:` (sett `ended:` når tjenesten virker)",
        en: "`ended` is when service actually came back; an estimate belongs in `end:` (set `ended:` once service works)",
    }
    acute_cancelled() {
        nb: "en akutt stans kan ikke avlyses",
        en: "an acute outage cannot be cancelled",
    }
    acute_cancelled_hint() {
        nb: "sett heller `ended:` til når tjenesten virket igjen",
        en: "set `ended:` to when service came back instead",
    }
    cancelled_and_ended() {
        nb: "stansen er både `cancelled` og `ended`",
        en: "the outage is both `cancelled` and `ended`",
    }
    cancelled_and_ended_hint() {
        nb: "en avlyst stans skjedde aldri: fjern `ended`, eller fjern `cancelled` hvis den skjedde",
        en: "a cancelled outage never happened: remove `ended`, or remove `cancelled` if it did happen",
    }
    add_systems() {
        nb: "legg til `systems: [plo]`",
        en: "add `systems: [plo]`",
    }
    add_municipalities() {
        nb: "legg til `municipalities: all` eller en liste som `[halden, moss]`",
        en: "add `municipalities: all` or a list such as `[halden, moss]`",
    }
    notify_without_reason() {
        nb: "`notify` overstyrer arbeidstidsregelen, men `notify_reason` mangler",
        en: "`notify` overrides the working-hour rule but `notify_reason` is missing",
    }
    notify_without_reason_hint() {
        nb: "legg til `notify_reason:` med grunnen, så neste koordinator forstår valget",
        en: "add `notify_reason:` saying why, so the next coordinator understands the choice",
    }
    add_title() {
        nb: "legg til `title: Oppgradering av meldingstjener` (én linje)",
        en: "add `title: Oppgradering av meldingstjener` (one line)",
    }
    title_line_break() {
        nb: "`title` har et linjeskift",
        en: "`title` has a line break",
    }
    title_line_break_hint() {
        nb: "skriv tittelen på én linje; legg detaljer i `description`",
        en: "write the title on one line; put details in `description`",
    }
    title_empty() {
        nb: "`title` er tom",
        en: "`title` is empty",
    }
    title_empty_hint() {
        nb: "skriv en kort tittel, som `Oppgradering av meldingstjener`",
        en: "write a short title such as `Oppgradering av meldingstjener`",
    }
    title_too_long(count, max) {
        nb: "`title` er {count} tegn lang, mer enn {max}",
        en: "`title` is {count} characters long, more than {max}",
    }
    title_too_long_hint() {
        nb: "gjør tittelen kortere (den blir emnefeltet i e-posten); legg detaljer i `description`",
        en: "shorten the title (it is an email subject); put details in `description`",
    }
    title_control() {
        nb: "`title` inneholder kontrolltegn",
        en: "`title` contains control characters",
    }
    title_control_hint() {
        nb: "skriv tittelen på nytt med vanlige bokstaver",
        en: "retype the title with ordinary letters",
    }
    bad_time(key, problem) {
        nb: "`{key}`: {problem}",
        en: "`{key}`: {problem}",
    }
    systems_empty() {
        nb: "`systems` er tom",
        en: "`systems` is empty",
    }
    systems_empty_hint() {
        nb: "nevn minst ett system, f.eks. `systems: [plo]`",
        en: "name at least one system, e.g. `systems: [plo]`",
    }
    system_did_you_mean(near) {
        nb: "mente du `{near}`? Systemene står i varsel.yaml",
        en: "did you mean `{near}`? Systems are listed in varsel.yaml",
    }
    known_systems(known) {
        nb: "kjente systemer: {known} (legg til nye under `systems:` i varsel.yaml)",
        en: "known systems: {known} (add new ones under `systems:` in varsel.yaml)",
    }
    unknown_system(id) {
        nb: "ukjent system `{id}`",
        en: "unknown system `{id}`",
    }
    municipalities_word(value) {
        nb: "`municipalities` er `{value}`",
        en: "`municipalities` is `{value}`",
    }
    municipalities_hint() {
        nb: "skriv `municipalities: all` eller en liste som `[halden, moss]`",
        en: "write `municipalities: all` or a list such as `[halden, moss]`",
    }
    municipalities_empty() {
        nb: "`municipalities` er tom",
        en: "`municipalities` is empty",
    }
    municipalities_empty_hint() {
        nb: "skriv `municipalities: all` eller nevn minst én kommune",
        en: "write `municipalities: all` or name at least one municipality",
    }
    known_municipalities(known) {
        nb: "kjente kommuner: {known}",
        en: "known municipalities: {known}",
    }
    unknown_municipality(id) {
        nb: "ukjent kommune `{id}`",
        en: "unknown municipality `{id}`",
    }
    left_out_municipality(id, file, cell) {
        nb: "kommunen `{id}` er utelatt fra katalogen fordi raden dens i kontaktarbeidsboka har en feil (i {file}: {cell}); denne stansen sendes og bygges ikke før det er rettet",
        en: "municipality `{id}` is left out of the directory because its row in the contact workbook has an error (in {file}: {cell}); this outage is neither sent nor built until that is fixed",
    }
    left_out_municipality_hint(id) {
        nb: "rett raden i V02 (`varsel check` viser feilen i cellen), eller gi `municipalities.{id}` en `coordinator_phone` i varsel.yaml",
        en: "fix the row in V02 (`varsel check` shows the error at the cell), or give `municipalities.{id}` a `coordinator_phone` in varsel.yaml",
    }
    all_includes_no_phone(name) {
        nb: "`all` tar med {name}, som ikke har koordinatortelefon i varsel.yaml",
        en: "`all` includes {name}, which has no coordinator telephone in varsel.yaml",
    }
    no_phone(name) {
        nb: "{name} har ikke koordinatortelefon i varsel.yaml",
        en: "{name} has no coordinator telephone in varsel.yaml",
    }
    no_phone_hint(id) {
        nb: "legg til `coordinator_phone:` under `municipalities.{id}` i varsel.yaml: de ansatte må få vite hvem de skal ringe",
        en: "add `coordinator_phone:` under `municipalities.{id}` in varsel.yaml: staff must be told whom to call",
    }
    not_a_page_path(routine) {
        nb: "`{routine}` er ikke stien til en innholdsside",
        en: "`{routine}` is not a content page path",
    }
    not_a_page_path_hint() {
        nb: "skriv sidens sti under content/ uten `.md`, f.eks. `nodrutiner/plo`",
        en: "write the page's path under content/ without `.md`, e.g. `nodrutiner/plo`",
    }
    routine_missing(routine) {
        nb: "nødrutinesiden `content/{routine}.md` finnes ikke",
        en: "the routine page `content/{routine}.md` does not exist",
    }
    routine_missing_hint(default) {
        nb: "lag den, eller bruk standardsiden `{default}`",
        en: "create it, or use the default `{default}`",
    }
    unknown_notify(value) {
        nb: "ukjent verdi `{value}` for `notify`",
        en: "unknown `notify` value `{value}`",
    }
    unknown_notify_hint() {
        nb: "skriv `auto` (arbeidstidsregelen avgjør), `always` eller `never`",
        en: "write `auto` (the working-hour rule decides), `always` or `never`",
    }
    updates_not_a_list(found) {
        nb: "`updates` skal være en liste, men er {found}",
        en: "`updates` should be a list, found {found}",
    }
    updates_not_a_list_hint() {
        nb: "skriv én `- {{ at: 2026-12-03 19:10, text: \"...\" }}` per oppdatering",
        en: "write one `- {{ at: 2026-12-03 19:10, text: \"...\" }}` per update",
    }
    add_update_at() {
        nb: "legg til `at: 2026-12-03 19:10`",
        en: "add `at: 2026-12-03 19:10`",
    }
    add_update_text() {
        nb: "legg til `text: \"...\"`",
        en: "add `text: \"...\"`",
    }
    updates_out_of_order() {
        nb: "`updates` står ikke i tidsrekkefølge",
        en: "`updates` are not in time order",
    }
    updates_out_of_order_hint() {
        nb: "før opp oppdateringene med den eldste først og den nyeste sist",
        en: "list the updates oldest first, newest last",
    }
    open_long() {
        nb: "denne akutte stansen har vart i mer enn 24 timer",
        en: "this acute outage has been open for more than 24 hours",
    }
    open_long_update_hint(newest) {
        nb: "virker tjenesten igjen, sett `ended:`; ellers legg til en oppdatering (den nyeste er fra {newest}) så de ansatte vet at stansen fortsatt pågår",
        en: "if service is back, set `ended:`; otherwise add an update (the newest is from {newest}) so staff know it is still ongoing",
    }
    open_long_no_update_hint() {
        nb: "virker tjenesten igjen, sett `ended:`; ellers legg til en oppdatering så de ansatte vet at stansen fortsatt pågår",
        en: "if service is back, set `ended:`; otherwise add an update so staff know it is still ongoing",
    }
    open_long_updated_hint() {
        nb: "virker tjenesten igjen, sett `ended:`",
        en: "if service is back, set `ended:`",
    }
    longer_than_week() {
        nb: "denne stansen varer mer enn 7 døgn",
        en: "this outage lasts more than 7 days",
    }
    longer_than_week_hint() {
        nb: "sjekk datoene i `start` og `end`",
        en: "check the dates of `start` and `end`",
    }
    far_ahead() {
        nb: "denne stansen starter mer enn ett år frem i tid",
        en: "this outage starts more than a year from now",
    }
    far_ahead_hint() {
        nb: "sjekk årstallet i `start`",
        en: "check the year of `start`",
    }
    ignored_file() {
        nb: "denne filen leses ikke: stansfiler slutter på `.yaml` (eller `.yml`)",
        en: "this file is not read: outage files end in `.yaml` (or `.yml`)",
    }
    ignored_file_hint() {
        nb: "gi den navnet `<id>.yaml`, eller flytt den ut av outages/",
        en: "rename it to `<id>.yaml`, or move it out of outages/",
    }
    hidden_file() {
        nb: "denne filen leses ikke: navnet starter med punktum, så den er skjult",
        en: "this file is not read: its name starts with a dot, so it is hidden",
    }
    hidden_file_hint(name) {
        nb: "gi den navnet `{name}` (uten punktum foran) hvis det er en stans, ellers flytt den ut av outages/",
        en: "rename it to `{name}` (without the leading dot) if it is an outage, else move it out of outages/",
    }
    symlink_file() {
        nb: "dette er en symbolsk lenke og leses ikke: en stansfil må være en egen fil",
        en: "this is a symbolic link and is not read: an outage file must be a file of its own",
    }
    symlink_file_hint() {
        nb: "legg selve filen i outages/ (git lagrer en lenke som en lenke, og på Windows blir den en liten tekstfil)",
        en: "put the file itself in outages/ (git stores a link as a link, and on Windows it checks out as a small text file)",
    }
    folder_ignored() {
        nb: "denne mappen leses ikke: stansfiler ligger rett i outages/",
        en: "this folder is not read: outage files lie directly in outages/",
    }
    folder_ignored_hint() {
        nb: "flytt filene i den opp i outages/, eller flytt mappen ut av outages/",
        en: "move its files up into outages/, or move the folder out of outages/",
    }
    not_a_file() {
        nb: "dette er ikke en vanlig fil og leses ikke",
        en: "this is not a regular file and is not read",
    }
    not_a_file_hint() {
        nb: "fjern den fra outages/",
        en: "remove it from outages/",
    }
    both_extensions(id) {
        nb: "både `{id}.yaml` og `{id}.yml` finnes: én stans-id, to filer, og ingen av dem leses",
        en: "both `{id}.yaml` and `{id}.yml` exist: one outage id, two files, and neither is read",
    }
    both_extensions_hint(id) {
        nb: "behold én av dem: slett eller gi nytt navn til den andre (en ny stans trenger sin egen id), f.eks. `git rm outages/{id}.yml`",
        en: "keep one of them: delete or rename the other (a new outage needs its own id), e.g. `git rm outages/{id}.yml`",
    }
    reserved_id(id) {
        nb: "`{id}` er et navn Windows reserverer: meldingsansvarlige på Windows kan ikke sjekke ut denne filen",
        en: "`{id}` is a name Windows reserves: coordinators on Windows cannot check this file out",
    }
    reserved_id_hint(id) {
        nb: "gi filen et annet navn, f.eks. `2026-12-03-{id}-stans.yaml` (con, prn, aux, nul, com1–com9 og lpt1–lpt9 kan ikke brukes)",
        en: "rename the file, e.g. `2026-12-03-{id}-outage.yaml` (con, prn, aux, nul, com1–com9 and lpt1–lpt9 cannot be used)",
    }
    bidi_control(key, code, at) {
        nb: "`{key}` inneholder det usynlige retningstegnet {code} (tegn nr. {at}), som kan få et e-postprogram til å vise andre ord enn de som ble skrevet",
        en: "`{key}` holds the invisible direction control {code} (character {at}), which can make a mail client show other words than were written",
    }
    bidi_control_hint() {
        nb: "skriv teksten på nytt uten det (slike tegn følger ofte med når tekst limes inn fra en nettside eller chat)",
        en: "retype the text without it (such characters often come along when text is pasted from a web page or chat)",
    }
}
