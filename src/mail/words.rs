//! Times, durations and lists in words, in the site's language: the parts
//! of a notice that must read naturally in an inbox ("torsdag 3. desember
//! kl. 18–22", "om lag 4 timer"). Pure functions.

use chrono::{DateTime, Locale, Timelike};
use chrono_tz::Tz;

use crate::config::Language;

fn locale(lang: Language) -> Locale {
    match lang {
        Language::Nb => Locale::nb_NO,
        Language::En => Locale::en_GB,
    }
}

/// The date alone: "torsdag 3. desember" / "Thursday 3 December".
pub fn date(t: &DateTime<Tz>, lang: Language) -> String {
    let pattern = match lang {
        Language::Nb => "%A %-d. %B",
        Language::En => "%A %-d %B",
    };
    t.format_localized(pattern, locale(lang)).to_string()
}

/// Date and time: "torsdag 3. desember kl. 18:00" / "Thursday 3 December at 18:00".
pub fn moment(t: &DateTime<Tz>, lang: Language) -> String {
    match lang {
        Language::Nb => format!("{} kl. {}", date(t, lang), t.format("%H:%M")),
        Language::En => format!("{} at {}", date(t, lang), t.format("%H:%M")),
    }
}

/// A window in one phrase, short when start and end share a date:
/// "torsdag 3. desember kl. 18–22", "torsdag 3. desember kl. 18:30–22:00",
/// across midnight both moments, without an end "fra torsdag ...".
pub fn span(start: &DateTime<Tz>, end: Option<&DateTime<Tz>>, lang: Language) -> String {
    let Some(end) = end else {
        return match lang {
            Language::Nb => format!("fra {}", moment(start, lang)),
            Language::En => format!("from {}", moment(start, lang)),
        };
    };
    if start.date_naive() != end.date_naive() {
        return format!("{} – {}", moment(start, lang), moment(end, lang));
    }
    let (a, b) = if lang == Language::Nb && start.minute() == 0 && end.minute() == 0 {
        (start.format("%H"), end.format("%H"))
    } else {
        (start.format("%H:%M"), end.format("%H:%M"))
    };
    match lang {
        Language::Nb => format!("{} kl. {a}–{b}", date(start, lang)),
        Language::En => format!("{} {a}–{b}", date(start, lang)),
    }
}

/// An approximate duration: "om lag 4 timer", "om lag 1 time og 30
/// minutter" / "about 4 hours".
pub fn duration(minutes: i64, lang: Language) -> String {
    let minutes = minutes.max(0);
    let (hours, rest) = (minutes / 60, minutes % 60);
    let part = |n: i64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let (h, m, and, about) = match lang {
        Language::Nb => (
            part(hours, "time", "timer"),
            part(rest, "minutt", "minutter"),
            " og ",
            "om lag",
        ),
        Language::En => (
            part(hours, "hour", "hours"),
            part(rest, "minute", "minutes"),
            " ",
            "about",
        ),
    };
    match (hours, rest) {
        (0, _) => format!("{about} {m}"),
        (_, 0) => format!("{about} {h}"),
        _ => format!("{about} {h}{and}{m}"),
    }
}

/// "a, b og c" / "a, b and c".
pub fn list(items: &[String], lang: Language) -> String {
    let and = match lang {
        Language::Nb => " og ",
        Language::En => " and ",
    };
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{}{and}{last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::localtime;
    use chrono_tz::Europe::Oslo;

    fn t(s: &str) -> DateTime<Tz> {
        localtime::parse(s, Oslo).unwrap()
    }

    #[test]
    fn norwegian_dates_read_like_the_procedure() {
        let (a, b) = (t("2026-12-03 18:00"), t("2026-12-03 22:00"));
        assert_eq!(moment(&a, Language::Nb), "torsdag 3. desember kl. 18:00");
        assert_eq!(
            span(&a, Some(&b), Language::Nb),
            "torsdag 3. desember kl. 18–22"
        );
        assert_eq!(
            span(&a, Some(&t("2026-12-03 22:30")), Language::Nb),
            "torsdag 3. desember kl. 18:00–22:30"
        );
        assert_eq!(
            span(&a, Some(&t("2026-12-04 02:00")), Language::Nb),
            "torsdag 3. desember kl. 18:00 – fredag 4. desember kl. 02:00"
        );
        assert_eq!(
            span(&a, None, Language::Nb),
            "fra torsdag 3. desember kl. 18:00"
        );
        assert_eq!(
            span(&a, Some(&b), Language::En),
            "Thursday 3 December 18:00–22:00"
        );
    }

    #[test]
    fn durations_and_lists() {
        assert_eq!(duration(240, Language::Nb), "om lag 4 timer");
        assert_eq!(duration(90, Language::Nb), "om lag 1 time og 30 minutter");
        assert_eq!(duration(45, Language::En), "about 45 minutes");
        assert_eq!(duration(60, Language::En), "about 1 hour");
        let items = ["a".to_string(), "b".to_string(), "c".to_string()];
        assert_eq!(list(&items, Language::Nb), "a, b og c");
        assert_eq!(list(&items[..1], Language::En), "a");
    }
}
