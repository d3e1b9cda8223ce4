//! `varsel explain ID`: why an outage's notices are or are not required,
//! in words, in the site language — the working-minute arithmetic day by
//! day, the threshold or override, each notice's due time and state, and the
//! publish window. The wording of dates and names comes from
//! [`crate::words`].

use std::fmt::Write;

use chrono::DateTime;
use chrono_tz::Tz;

use crate::calendar::{Calendar, DayKind};
use crate::config::{AnnounceDay, Config};
use crate::outage::{Kind, Notify, Outage};
use crate::schedule::{NoticeKind, OutagePlan};
use crate::words::{date, long_time, notice_name, published, state_name, status_name, tr};

/// The explanation of one outage's plan, in the site language.
pub fn explain(config: &Config, outage: &Outage, plan: &OutagePlan, now: DateTime<Tz>) -> String {
    let l = config.language;
    let mut out = String::new();
    let _ = writeln!(out, "{}: {}", outage.id, outage.title);
    let kind = match outage.kind {
        Kind::Planned => tr(l, "Planlagt stans", "Planned outage"),
        Kind::Acute => tr(l, "Akutt stans", "Acute outage"),
    };
    let _ = write!(
        out,
        "{kind} {} {}",
        tr(l, "fra", "from"),
        long_time(&outage.start, &now, l)
    );
    match outage.end {
        Some(end) => {
            let _ = write!(out, " {} {}", tr(l, "til", "to"), long_time(&end, &now, l));
        }
        None => out.push_str(tr(l, ", uten anslått slutt", ", no estimated end")),
    }
    let _ = writeln!(out, " ({}).", status_name(plan.status, l));
    if let Some(ended) = outage.ended {
        let _ = writeln!(
            out,
            "{} {}.",
            tr(l, "Tjenesten var tilbake", "Service was back"),
            long_time(&ended, &now, l)
        );
    }
    if outage.cancelled {
        let _ = writeln!(
            out,
            "{}",
            tr(l, "Stansen er avlyst.", "The outage is cancelled.")
        );
    }
    let _ = writeln!(
        out,
        "{} {}.",
        tr(l, "Nå er det", "Now is"),
        long_time(&now, &now, l)
    );
    let told = crate::words::told(plan.told.as_ref(), &now, l);
    let _ = writeln!(out, "{}{}.", told[..1].to_uppercase(), &told[1..]);
    out.push('\n');
    arithmetic(&mut out, config, outage, plan, now);
    out.push('\n');
    notices(&mut out, config, plan, now);
    out.push('\n');
    publishing(&mut out, config, plan, now);
    out
}

/// The working-minute arithmetic day by day and the verdict.
fn arithmetic(
    out: &mut String,
    config: &Config,
    outage: &Outage,
    plan: &OutagePlan,
    now: DateTime<Tz>,
) {
    let l = config.language;
    let calendar = Calendar::new(config.policy.extra_closed_days.iter().copied());
    let _ = writeln!(
        out,
        "{}",
        tr(
            l,
            "Arbeidsminutter (virkedager er mandag–fredag utenom helligdager og stengte dager, hele døgnet 00–24):",
            "Working minutes (working days are Monday–Friday except public holidays and closed days, all day 00–24):"
        )
    );
    match outage.end {
        Some(end) => {
            for slice in calendar.breakdown(&outage.start, &end) {
                let day = date(slice.date, &now, l);
                let what = match slice.kind {
                    DayKind::Working => {
                        tr(l, "virkedag – teller", "working day – counts").to_string()
                    }
                    DayKind::Weekend => {
                        tr(l, "helg – teller ikke", "weekend – does not count").to_string()
                    }
                    DayKind::Holiday(h) => format!(
                        "{} ({}) – {}",
                        tr(l, "helligdag", "public holiday"),
                        tr(l, h.name_nb, h.name_en),
                        tr(l, "teller ikke", "does not count")
                    ),
                    DayKind::Closed => tr(
                        l,
                        "stengt dag (extra_closed_days) – teller ikke",
                        "closed day (extra_closed_days) – does not count",
                    )
                    .to_string(),
                };
                let _ = writeln!(
                    out,
                    "  {day}: {} {}, {what}",
                    slice.minutes,
                    tr(l, "minutter", "minutes")
                );
            }
            let minutes = plan.working_minutes.unwrap_or(0);
            let _ = writeln!(
                out,
                "  {}: {minutes} {}.",
                tr(l, "Sum", "Total"),
                tr(l, "arbeidsminutter", "working minutes")
            );
        }
        None => {
            let _ = writeln!(
                out,
                "  {}",
                tr(
                    l,
                    "Ingen anslått slutt, så minuttene kan ikke telles.",
                    "No estimated end, so the minutes cannot be counted."
                )
            );
        }
    }
    let threshold = config.policy.min_working_minutes;
    let verdict = match (outage.notify, plan.working_minutes) {
        (Notify::Always, _) => format!(
            "{} `notify: always` ({}): {}",
            tr(l, "Filen sier", "The file says"),
            outage.notify_reason.as_deref().unwrap_or("–"),
            tr(
                l,
                "varsel er påkrevd uansett minutter.",
                "a notice is required whatever the minutes."
            )
        ),
        (Notify::Never, _) => format!(
            "{} `notify: never` ({}): {}",
            tr(l, "Filen sier", "The file says"),
            outage.notify_reason.as_deref().unwrap_or("–"),
            tr(
                l,
                "det sendes aldri varsel og siden publiseres ikke.",
                "no notice is ever sent and no page is published."
            )
        ),
        (Notify::Auto, Some(m)) if m > threshold => format!(
            "{} {threshold} {}: {m} > {threshold}, {}",
            tr(l, "Grensen er", "The threshold is"),
            tr(l, "minutter", "minutes"),
            tr(l, "så varsel er påkrevd.", "so a notice is required.")
        ),
        (Notify::Auto, Some(m)) => format!(
            "{} {threshold} {}: {m} ≤ {threshold}, {}",
            tr(l, "Grensen er", "The threshold is"),
            tr(l, "minutter", "minutes"),
            tr(
                l,
                "så varsel er ikke påkrevd (prosedyren: mer enn 1 time på ordinære virkedager).",
                "so no notice is required (the procedure: more than 1 hour on ordinary working days)."
            )
        ),
        (Notify::Auto, None) => tr(
            l,
            "En akutt stans uten anslått slutt krever alltid varsel.",
            "An acute outage without an estimated end always requires a notice.",
        )
        .to_string(),
    };
    let _ = writeln!(out, "{verdict}");
}

/// Each notice: its rule, due time, state and why.
fn notices(out: &mut String, config: &Config, plan: &OutagePlan, now: DateTime<Tz>) {
    let l = config.language;
    if plan.notices.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            tr(
                l,
                "Ingen varsler gjelder for denne stansen.",
                "No notices apply to this outage."
            )
        );
        return;
    }
    let _ = writeln!(out, "{}", tr(l, "Varsler:", "Notices:"));
    for n in &plan.notices {
        let rev = n.revision.map(|r| format!(" #{r}")).unwrap_or_default();
        let _ = writeln!(
            out,
            "  {}{rev} ({}{rev}): {}",
            notice_name(n.kind, l),
            n.kind.as_str(),
            state_name(n.state, l)
        );
        let _ = writeln!(
            out,
            "    {}: {}",
            tr(l, "Regel", "Rule"),
            rule(n.kind, config)
        );
        let _ = writeln!(
            out,
            "    {}: {}",
            tr(l, "Tidspunkt", "Due"),
            long_time(&n.due, &now, l)
        );
        if let Some(stale) = n.stale_from {
            let _ = writeln!(
                out,
                "    {}: {}",
                tr(l, "Sendes ikke etter", "Not sent from"),
                long_time(&stale, &now, l)
            );
        }
        if let Some(at) = n.sent_at {
            let _ = writeln!(
                out,
                "    {}: {}",
                tr(l, "Sendt", "Sent"),
                long_time(&at, &now, l)
            );
        }
        let _ = writeln!(out, "    {}: {}", tr(l, "Fordi", "Why"), n.why.text(l));
    }
}

/// The rule of one notice kind in words, with the site's times filled in.
fn rule(kind: NoticeKind, config: &Config) -> String {
    let l = config.language;
    let p = &config.policy;
    let day = match p.announce_day {
        AnnounceDay::Calendar => tr(l, "dagen før", "the day before"),
        AnnounceDay::Working => tr(l, "virkedagen før", "the working day before"),
    };
    match kind {
        NoticeKind::Announce => format!(
            "{} {} {day} {}",
            tr(l, "kl.", "at"),
            p.announce_at.format("%H:%M"),
            tr(
                l,
                "startdatoen som står i filen nå; ikke hvis et varsel om den datoen alt gikk ut etter det",
                "the start date now in the file; not if a notice about that date went out since then"
            )
        ),
        NoticeKind::Reminder => format!(
            "{} {} {}",
            tr(l, "kl.", "at"),
            p.reminder_at.format("%H:%M"),
            tr(
                l,
                "på startdatoen, hvis det er før start; ikke hvis et varsel om den datoen alt gikk ut samme dag",
                "on the start date if that is before the start; not if a notice about that date went out that day"
            )
        ),
        NoticeKind::Changed => tr(
            l,
            "straks filen sier noe annet enn de ansatte sist fikk vite: andre tider, ikke avlyst likevel, ikke over likevel",
            "at once when the file says other than staff were last told: other times, not cancelled after all, not over after all",
        )
        .into(),
        NoticeKind::Cancelled => tr(
            l,
            "straks stansen er avlyst, hvis de ansatte tror den blir; nevner tidspunktet de fikk",
            "as soon as the outage is cancelled, if staff believe it is on; names the times they were told",
        )
        .into(),
        NoticeKind::CompletedEarly => tr(
            l,
            "når tjenesten er tilbake før anslått slutt, hvis de ansatte tror stansen pågår eller kommer",
            "when service is back before the estimated end, if staff believe the outage is on",
        )
        .into(),
        NoticeKind::Alert => tr(
            l,
            "straks ved start (også når filen kommer etter start), hvis ingenting er fortalt ennå",
            "at once from the start (also when the file comes after the start), if nothing was told yet",
        )
        .into(),
        NoticeKind::Resolved => tr(
            l,
            "når tjenesten er tilbake, hvis de ansatte tror stansen pågår; ikke senere enn 12 timer etter",
            "when service is back, if staff believe the outage is on; not later than 12 hours after",
        )
        .into(),
    }
}

/// The publish window in words.
fn publishing(out: &mut String, config: &Config, plan: &OutagePlan, now: DateTime<Tz>) {
    let l = config.language;
    let Some(w) = plan.publish else {
        let text = if plan.notice_required {
            tr(
                l,
                "Siden publiseres ikke: stansen ble avlyst før noe varsel gikk ut.",
                "The page is not published: the outage was cancelled before any notice went out.",
            )
        } else {
            tr(
                l,
                "Siden publiseres ikke, fordi varsel ikke er påkrevd.",
                "The page is not published, because no notice is required.",
            )
        };
        let _ = writeln!(out, "{text}");
        return;
    };
    let until = match w.until {
        Some(u) => format!("{} {}", tr(l, "til", "until"), long_time(&u, &now, l)),
        None => tr(
            l,
            "til tjenesten er tilbake (`ended`)",
            "until service is back (`ended`)",
        )
        .into(),
    };
    let _ = writeln!(
        out,
        "{} {} {until} ({} {}).",
        tr(l, "Siden publiseres fra", "The page is published from"),
        long_time(&w.from, &now, l),
        published(plan.published, l),
        tr(l, "nå", "now")
    );
}
