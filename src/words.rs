//! Words varsel writes in the site language (bokmål or English): dates,
//! times, spans and durations in words, lists, and the names of notice
//! kinds, notice states and outage statuses. The site pages, the emails,
//! `plan` and `explain` all take their wording from here, so a date reads
//! the same everywhere.
//!
//! One rule for years: a date shows its year only when the year differs
//! from the year of `now` ("torsdag 3. desember kl. 18:00", but
//! "mandag 4. januar 2027 kl. 07:05" when `now` is in 2026).

use chrono::{DateTime, Datelike, Locale, NaiveDate, TimeDelta, Timelike};
use chrono_tz::Tz;

use crate::catalogue::Language;
use crate::schedule::{Handover, NoticeKind, NoticeState, Picture, Status, Told};

pub use crate::catalogue::tr;

/// The chrono locale for names of days and months in `language`.
pub(crate) fn locale(language: Language) -> Locale {
    match language {
        Language::Nb => Locale::nb_NO,
        Language::En => Locale::en_GB,
    }
}

/// A date in words: "torsdag 3. desember" / "Thursday 3 December", with
/// the year when it is not the year of `now`.
pub fn date(d: NaiveDate, now: &DateTime<Tz>, language: Language) -> String {
    let year = d.year() != now.year();
    let pattern = match (language, year) {
        (Language::Nb, false) => "%A %-d. %B",
        (Language::Nb, true) => "%A %-d. %B %Y",
        (Language::En, false) => "%A %-d %B",
        (Language::En, true) => "%A %-d %B %Y",
    };
    d.format_localized(pattern, locale(language)).to_string()
}

/// A time in long form: "torsdag 3. desember kl. 18:00" /
/// "Thursday 3 December at 18:00"; the year as in [`date`].
pub fn long_time(t: &DateTime<Tz>, now: &DateTime<Tz>, language: Language) -> String {
    format!(
        "{} {} {}",
        date(t.date_naive(), now, language),
        tr(language, "kl.", "at"),
        t.format("%H:%M")
    )
}

/// A short time for timelines: "3. des. kl. 19:10" / "3 Dec 19:10".
pub fn short_time(t: &DateTime<Tz>, language: Language) -> String {
    match language {
        Language::Nb => t.format_localized("%-d. %b kl. %H:%M", Locale::nb_NO),
        Language::En => t.format_localized("%-d %b %H:%M", Locale::en_GB),
    }
    .to_string()
}

/// A window in one phrase, short when start and end share a date:
/// "torsdag 3. desember kl. 18–22", "torsdag 3. desember kl. 18:30–22:00",
/// across midnight both times in long form, without an end
/// "fra torsdag 3. desember kl. 18:00".
pub fn span(
    start: &DateTime<Tz>,
    end: Option<&DateTime<Tz>>,
    now: &DateTime<Tz>,
    language: Language,
) -> String {
    let Some(end) = end else {
        return format!(
            "{} {}",
            tr(language, "fra", "from"),
            long_time(start, now, language)
        );
    };
    if start.date_naive() != end.date_naive() {
        return format!(
            "{} – {}",
            long_time(start, now, language),
            long_time(end, now, language)
        );
    }
    let (a, b) = if language == Language::Nb && start.minute() == 0 && end.minute() == 0 {
        (start.format("%H"), end.format("%H"))
    } else {
        (start.format("%H:%M"), end.format("%H:%M"))
    };
    let day = date(start.date_naive(), now, language);
    match language {
        Language::Nb => format!("{day} kl. {a}–{b}"),
        Language::En => format!("{day} {a}–{b}"),
    }
}

/// A duration in words, rounded: under an hour in minutes, under two days
/// in half hours, else in days: "om lag 4 timer", "om lag 2,5 timer" /
/// "about 4 hours".
pub fn duration(d: TimeDelta, language: Language) -> String {
    let minutes = d.num_minutes().max(0);
    let (amount, one) = if minutes < 60 {
        let m = minutes.max(1);
        (m.to_string(), m == 1)
    } else if minutes < 48 * 60 {
        let halves = (minutes + 15) / 30;
        let text = if halves % 2 == 0 {
            (halves / 2).to_string()
        } else {
            format!("{}{}5", halves / 2, tr(language, ",", "."))
        };
        (text, halves == 2)
    } else {
        let days = (minutes + 12 * 60) / (24 * 60);
        (days.to_string(), false)
    };
    let unit = match (minutes < 60, minutes < 48 * 60, one) {
        (true, _, true) => tr(language, "minutt", "minute"),
        (true, _, false) => tr(language, "minutter", "minutes"),
        (false, true, true) => tr(language, "time", "hour"),
        (false, true, false) => tr(language, "timer", "hours"),
        (false, false, _) => tr(language, "døgn", "days"),
    };
    format!("{} {amount} {unit}", tr(language, "om lag", "about"))
}

/// "a, b og c" / "a, b and c".
pub fn list(items: &[String], language: Language) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{}{}{last}", init.join(", "), tr(language, " og ", " and ")),
    }
}

/// What a notice kind is called: "påminnelse (samme morgen)".
pub fn notice_name(kind: NoticeKind, language: Language) -> &'static str {
    use NoticeKind::*;
    match kind {
        Announce => tr(
            language,
            "første varsel (dagen før)",
            "first notice (the day before)",
        ),
        Reminder => tr(
            language,
            "påminnelse (samme morgen)",
            "reminder (the same morning)",
        ),
        Changed => tr(language, "endret tidspunkt", "times changed"),
        Cancelled => tr(language, "avlyst", "cancelled"),
        CompletedEarly => tr(language, "ferdig før tiden", "finished early"),
        Alert => tr(language, "akuttvarsel", "acute alert"),
        Resolved => tr(language, "feilen er rettet", "resolved"),
    }
}

/// What a notice state is called: "klar til utsending".
pub fn state_name(state: NoticeState, language: Language) -> &'static str {
    match state {
        NoticeState::Scheduled => tr(language, "planlagt", "scheduled"),
        NoticeState::Due => tr(language, "klar til utsending", "due"),
        NoticeState::Sent => tr(language, "sendt", "sent"),
        NoticeState::Skipped => tr(language, "hoppes over", "skipped"),
        NoticeState::Stale => tr(language, "utløpt", "stale"),
    }
}

/// What an outage status is called: "pågår".
pub fn status_name(status: Status, language: Language) -> &'static str {
    match status {
        Status::Upcoming => tr(language, "kommende", "upcoming"),
        Status::Ongoing => tr(language, "pågår", "ongoing"),
        Status::Ended => tr(language, "avsluttet", "ended"),
        Status::Cancelled => tr(language, "avlyst", "cancelled"),
    }
}

/// What staff were told, in one phrase: "told: on torsdag 3. desember kl.
/// 18–22, by the announce at 11:05" / "fortalt: stansen blir torsdag 3.
/// desember kl. 18–22, ved første varsel kl. 11:05"; "nothing told yet"
/// without a notice. A hand-over that may not have reached the server is
/// marked "(possibly)".
pub fn told(told: Option<&Told>, now: &DateTime<Tz>, language: Language) -> String {
    let Some(t) = told else {
        return tr(language, "ingenting fortalt ennå", "nothing told yet").to_string();
    };
    let w = t.window;
    let span = span(&w.start, w.end.as_ref(), now, language);
    let belief = match (t.picture(), language) {
        (Picture::On(_), Language::Nb) => format!("stansen blir {span}"),
        (Picture::On(_), Language::En) => format!("on {span}"),
        (Picture::Off(_), Language::Nb) => format!("avlyst ({span})"),
        (Picture::Off(_), Language::En) => format!("off ({span})"),
        (Picture::Over(_), Language::Nb) => format!("over ({span})"),
        (Picture::Over(_), Language::En) => format!("over ({span})"),
    };
    let at = if t.at.date_naive() == now.date_naive() {
        t.at.format("%H:%M").to_string()
    } else {
        short_time(&t.at, language)
    };
    let rev = if t.revision > 1 || t.kind == NoticeKind::Changed {
        format!(" #{}", t.revision)
    } else {
        String::new()
    };
    let possibly = match t.handover {
        Handover::Accepted => "",
        _ => tr(language, " (kanskje levert)", " (possibly)"),
    };
    match language {
        Language::Nb => format!(
            "fortalt: {belief}, ved «{}»{rev} kl. {at}{possibly}",
            notice_name(t.kind, language)
        ),
        Language::En => format!(
            "told: {belief}, by the {}{rev} at {at}{possibly}",
            t.kind.as_str()
        ),
    }
}

/// Whether an outage's page is on the site: "publisert" / "ikke publisert".
pub fn published(published: bool, language: Language) -> &'static str {
    if published {
        tr(language, "publisert", "published")
    } else {
        tr(language, "ikke publisert", "not published")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::localtime;
    use Language::{En, Nb};
    use chrono_tz::Europe::Oslo;

    fn t(s: &str) -> DateTime<Tz> {
        localtime::parse(s, Oslo).unwrap()
    }

    #[test]
    fn long_form_in_norwegian_and_english() {
        let now = t("2026-12-01 08:00");
        let a = t("2026-12-03 18:00");
        assert_eq!(long_time(&a, &now, Nb), "torsdag 3. desember kl. 18:00");
        assert_eq!(long_time(&a, &now, En), "Thursday 3 December at 18:00");
        let next_year = t("2027-01-04 07:05");
        assert_eq!(
            long_time(&next_year, &now, Nb),
            "mandag 4. januar 2027 kl. 07:05"
        );
        assert_eq!(
            date(next_year.date_naive(), &now, En),
            "Monday 4 January 2027"
        );
        assert_eq!(short_time(&a, Nb), "3. des. kl. 18:00");
        assert_eq!(short_time(&a, En), "3 Dec 18:00");
    }

    #[test]
    fn spans_read_like_the_procedure() {
        let now = t("2026-12-01 08:00");
        let (a, b) = (t("2026-12-03 18:00"), t("2026-12-03 22:00"));
        assert_eq!(
            span(&a, Some(&b), &now, Nb),
            "torsdag 3. desember kl. 18–22"
        );
        assert_eq!(
            span(&a, Some(&t("2026-12-03 22:30")), &now, Nb),
            "torsdag 3. desember kl. 18:00–22:30"
        );
        assert_eq!(
            span(&a, Some(&t("2026-12-04 02:00")), &now, Nb),
            "torsdag 3. desember kl. 18:00 – fredag 4. desember kl. 02:00"
        );
        assert_eq!(
            span(&a, None, &now, Nb),
            "fra torsdag 3. desember kl. 18:00"
        );
        assert_eq!(
            span(&a, Some(&b), &now, En),
            "Thursday 3 December 18:00–22:00"
        );
        let (c, d) = (t("2027-01-04 10:00"), t("2027-01-04 12:00"));
        assert_eq!(
            span(&c, Some(&d), &now, Nb),
            "mandag 4. januar 2027 kl. 10–12"
        );
    }

    #[test]
    fn durations_in_words() {
        let m = TimeDelta::minutes;
        assert_eq!(duration(m(240), Nb), "om lag 4 timer");
        assert_eq!(duration(m(240), En), "about 4 hours");
        assert_eq!(duration(m(60), Nb), "om lag 1 time");
        assert_eq!(duration(m(60), En), "about 1 hour");
        assert_eq!(duration(m(90), Nb), "om lag 1,5 timer");
        assert_eq!(duration(m(140), Nb), "om lag 2,5 timer");
        assert_eq!(duration(m(45), En), "about 45 minutes");
        assert_eq!(duration(m(1), Nb), "om lag 1 minutt");
        assert_eq!(duration(m(3 * 24 * 60), Nb), "om lag 3 døgn");
    }

    #[test]
    fn lists_and_names() {
        let items = ["a".to_string(), "b".to_string(), "c".to_string()];
        assert_eq!(list(&items, Nb), "a, b og c");
        assert_eq!(list(&items, En), "a, b and c");
        assert_eq!(list(&items[..1], En), "a");
        assert_eq!(list(&[], Nb), "");
        assert_eq!(
            notice_name(NoticeKind::Reminder, Nb),
            "påminnelse (samme morgen)"
        );
        assert_eq!(state_name(NoticeState::Due, En), "due");
        assert_eq!(status_name(Status::Ongoing, Nb), "pågår");
        assert_eq!(published(false, En), "not published");
    }
}
