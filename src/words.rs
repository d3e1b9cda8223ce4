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

/// Names as they read inside a sentence: a name with no capital letter
/// but its first ("Dialogmeldinger", "Epikriser") is a common noun and gets
/// a small first letter ("stans i PLO-meldinger, dialogmeldinger og
/// epikriser"); a name with more capitals ("PLO-meldinger", "DIPS Arena",
/// "Norsk Helsenett") is kept as written.
pub fn names_mid_sentence(names: &[String]) -> Vec<String> {
    names.iter().map(|name| mid_sentence(name)).collect()
}

/// [`names_mid_sentence`] for every name but the first, which is kept as
/// written: the list may begin a sentence ("Dialogmeldinger og epikriser
/// er nede").
pub fn names_in_text(names: &[String]) -> Vec<String> {
    names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            if i == 0 {
                name.clone()
            } else {
                mid_sentence(name)
            }
        })
        .collect()
}

fn mid_sentence(name: &str) -> String {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    if chars.clone().any(char::is_uppercase) {
        return name.to_string();
    }
    first.to_lowercase().chain(chars).collect()
}

/// What a notice kind is called: "påminnelse (samme morgen)".
pub fn notice_name(kind: NoticeKind, language: Language) -> &'static str {
    crate::catalogue::plan::notice_name(language, kind.as_str())
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

/// What staff were told, in one phrase, in the tense of `now`: "fortalt:
/// stansen blir torsdag 3. desember kl. 18–22, ved «første varsel (dagen
/// før)» kl. 11:05" (before the window), "stansen pågår (...)" (in it),
/// "stansen var ..." (after it) / "told: it will be down Thursday 3
/// December 18:00–22:00, by “first notice (the day before)” at 11:05";
/// "nothing told yet" without a notice. A hand-over that may not have
/// reached the server is marked "(possibly)".
pub fn told(told: Option<&Told>, now: &DateTime<Tz>, language: Language) -> String {
    let Some(t) = told else {
        return tr(language, "ingenting fortalt ennå", "nothing told yet").to_string();
    };
    let w = t.window;
    let span = span(&w.start, w.end.as_ref(), now, language);
    let tense = if *now < w.start {
        Tense::Future
    } else if w.end.is_none_or(|end| *now < end) {
        Tense::Present
    } else {
        Tense::Past
    };
    let belief = match (t.picture(), language, tense) {
        (Picture::On(_), Language::Nb, Tense::Future) => format!("stansen blir {span}"),
        (Picture::On(_), Language::Nb, Tense::Present) => format!("stansen pågår ({span})"),
        (Picture::On(_), Language::Nb, Tense::Past) => format!("stansen var {span}"),
        (Picture::On(_), Language::En, Tense::Future) => format!("it will be down {span}"),
        (Picture::On(_), Language::En, Tense::Present) => format!("it is down ({span})"),
        (Picture::On(_), Language::En, Tense::Past) => format!("it was down {span}"),
        (Picture::Off(_), _, _) => format!("{} ({span})", tr(language, "avlyst", "cancelled")),
        (Picture::Over(_), _, _) => format!("over ({span})"),
    };
    // "kl. 10:45" on the day of `now`, else "27. nov. kl. 10:45" (the
    // short form carries its own "kl.").
    let at = match (t.at.date_naive() == now.date_naive(), language) {
        (true, Language::Nb) => t.at.format("kl. %H:%M").to_string(),
        (true, Language::En) => t.at.format("at %H:%M").to_string(),
        (false, Language::Nb) => short_time(&t.at, language),
        (false, Language::En) => {
            t.at.format_localized("on %-d %b at %H:%M", Locale::en_GB)
                .to_string()
        }
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
    let name = notice_name(t.kind, language);
    match language {
        Language::Nb => format!("fortalt: {belief}, ved «{name}»{rev} {at}{possibly}"),
        Language::En => format!("told: {belief}, by “{name}”{rev} {at}{possibly}"),
    }
}

/// Where `now` falls against a window, for [`told`].
enum Tense {
    Future,
    Present,
    Past,
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
        let systems = [
            "PLO-meldinger",
            "Dialogmeldinger",
            "Epikriser",
            "DIPS Arena",
        ]
        .map(String::from);
        assert_eq!(
            list(&names_in_text(&systems), Nb),
            "PLO-meldinger, dialogmeldinger, epikriser og DIPS Arena"
        );
        let first = ["Dialogmeldinger".to_string(), "Norsk Helsenett".to_string()];
        assert_eq!(
            names_in_text(&first),
            ["Dialogmeldinger", "Norsk Helsenett"]
        );
        assert_eq!(
            names_mid_sentence(&first),
            ["dialogmeldinger", "Norsk Helsenett"]
        );
        assert_eq!(
            notice_name(NoticeKind::Reminder, Nb),
            "påminnelse (samme morgen)"
        );
        assert_eq!(state_name(NoticeState::Due, En), "due");
        assert_eq!(status_name(Status::Ongoing, Nb), "pågår");
        assert_eq!(published(false, En), "not published");
    }

    fn told_at(kind: NoticeKind, at: &str) -> Told {
        Told {
            kind,
            window: crate::schedule::Window {
                start: t("2026-11-26 15:00"),
                end: Some(t("2026-11-26 19:00")),
            },
            at: t(at),
            revision: 1,
            message_id: "<x@example.org>".into(),
            handover: Handover::Accepted,
            refused: Vec::new(),
            accepted: None,
        }
    }

    #[test]
    fn what_staff_were_told_reads_in_the_tense_of_now_with_one_kl() {
        let reminder = told_at(NoticeKind::Reminder, "2026-11-26 07:05");
        let cases = [
            (
                &reminder,
                "2026-11-26 08:00",
                "fortalt: stansen blir torsdag 26. november kl. 15–19, ved «påminnelse (samme morgen)» kl. 07:05",
                "told: it will be down Thursday 26 November 15:00–19:00, by “reminder (the same morning)” at 07:05",
            ),
            (
                &reminder,
                "2026-11-26 16:00",
                "fortalt: stansen pågår (torsdag 26. november kl. 15–19), ved «påminnelse (samme morgen)» kl. 07:05",
                "told: it is down (Thursday 26 November 15:00–19:00), by “reminder (the same morning)” at 07:05",
            ),
            (
                &reminder,
                "2026-11-28 12:00",
                "fortalt: stansen var torsdag 26. november kl. 15–19, ved «påminnelse (samme morgen)» 26. nov. kl. 07:05",
                "told: it was down Thursday 26 November 15:00–19:00, by “reminder (the same morning)” on 26 Nov at 07:05",
            ),
        ];
        for (told_, now, nb, en) in cases {
            assert_eq!(told(Some(told_), &t(now), Nb), nb);
            assert_eq!(told(Some(told_), &t(now), En), en);
        }
        let early = told_at(NoticeKind::CompletedEarly, "2026-11-26 14:55");
        let now = t("2026-11-27 10:00");
        assert_eq!(
            told(Some(&early), &now, Nb),
            "fortalt: over (torsdag 26. november kl. 15–19), ved «ferdig før tiden» 26. nov. kl. 14:55"
        );
        assert_eq!(
            told(Some(&early), &now, En),
            "told: over (Thursday 26 November 15:00–19:00), by “finished early” on 26 Nov at 14:55"
        );
        let cancelled = told_at(NoticeKind::Cancelled, "2026-11-25 13:35");
        assert!(told(Some(&cancelled), &now, En).starts_with("told: cancelled ("));
    }
}
