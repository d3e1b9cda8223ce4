//! Every word the site shows that a coordinator did not write, in both site
//! languages, plus dates and durations in words. Templates see the strings
//! as the map `t` (`{{ t.pass_on }}`).

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Locale, TimeDelta};
use chrono_tz::Tz;

use crate::config::Language;

/// UI strings as (key, bokmål, English).
const STRINGS: &[(&str, &str, &str)] = &[
    (
        "skip_link",
        "Hopp til hovedinnholdet",
        "Skip to main content",
    ),
    ("nav_label", "Hovedmeny", "Main menu"),
    ("nav_home", "Varsler", "Notices"),
    (
        "nav_directory",
        "Koordinatortelefoner",
        "Coordinator telephones",
    ),
    ("current_heading", "Pågående nedetid", "Ongoing outages"),
    ("upcoming_heading", "Planlagt nedetid", "Planned outages"),
    (
        "past_heading",
        "Nylig avsluttet eller avlyst",
        "Recently ended or cancelled",
    ),
    (
        "empty",
        "Ingen kjente driftsstans i meldingsutvekslingen nå. Alt virker som normalt.",
        "No known outages in message exchange right now. Everything works as normal.",
    ),
    ("status_upcoming", "Planlagt", "Upcoming"),
    ("status_ongoing", "Pågår nå", "Ongoing"),
    ("status_ended", "Avsluttet", "Ended"),
    (
        "status_finished_early",
        "Ferdig tidligere enn planlagt",
        "Finished early",
    ),
    ("status_cancelled", "Avlyst", "Cancelled"),
    ("kind_planned", "Planlagt nedetid", "Planned outage"),
    ("kind_acute", "Akutt nedetid", "Unplanned outage"),
    ("start", "Starter", "Starts"),
    ("started", "Startet", "Started"),
    ("end", "Ventes ferdig", "Expected end"),
    ("ended", "Ferdig", "Ended"),
    (
        "end_unknown",
        "Ukjent – vi varsler når tjenesten virker igjen",
        "Unknown – we will tell you when service is back",
    ),
    ("duration", "Varighet", "Duration"),
    ("systems", "Berørte tjenester", "Affected services"),
    (
        "municipalities",
        "Berørte kommuner",
        "Affected municipalities",
    ),
    ("all_municipalities", "Alle kommuner", "All municipalities"),
    (
        "routine",
        "Slik gjør du (nødrutine)",
        "What to do (manual routine)",
    ),
    (
        "routine_link",
        "Les hele nødrutinen",
        "Read the full manual routine",
    ),
    ("phones", "Koordinatortelefoner", "Coordinator telephones"),
    ("phone", "Telefon", "Telephone"),
    ("municipality", "Kommune", "Municipality"),
    ("note", "Merknad", "Note"),
    ("description", "Om nedetiden", "About the outage"),
    ("updates", "Oppdateringer", "Updates"),
    (
        "pass_on",
        "Videreformidle denne informasjonen til aktuelle medarbeidere i din enhet.",
        "Pass this information on to the relevant staff in your unit.",
    ),
    ("read_more", "Les mer", "Read more"),
    (
        "expired",
        "Dette varselet er utløpt. Se forsiden for gjeldende varsler.",
        "This notice has expired. See the front page for current notices.",
    ),
    (
        "directory_intro",
        "Ring kommunens koordinatortelefon når elektroniske meldinger ikke kan sendes eller mottas.",
        "Call the municipality's coordinator telephone when electronic messages cannot be sent or received.",
    ),
    ("feeds", "Abonner", "Subscribe"),
    ("feed_atom", "Nyhetsstrøm (Atom)", "News feed (Atom)"),
    ("feed_ics", "Kalender (iCalendar)", "Calendar (iCalendar)"),
    ("feed_json", "Data (JSON)", "Data (JSON)"),
    ("generated", "Oppdatert", "Updated"),
    (
        "banner_title",
        "Nedetid i meldingsutvekslingen",
        "Outages in message exchange",
    ),
    (
        "banner_empty",
        "Ingen kjente driftsstans nå.",
        "No known outages right now.",
    ),
    ("pages", "Sider", "Pages"),
];

/// The UI strings of `language`, keyed for templates.
pub fn strings(language: Language) -> BTreeMap<&'static str, &'static str> {
    STRINGS
        .iter()
        .map(|(key, nb, en)| {
            (
                *key,
                match language {
                    Language::Nb => *nb,
                    Language::En => *en,
                },
            )
        })
        .collect()
}

/// One UI string (panics on an unknown key: a programming error).
pub fn text(language: Language, key: &str) -> &'static str {
    let (_, nb, en) = STRINGS
        .iter()
        .find(|(k, _, _)| *k == key)
        .unwrap_or_else(|| panic!("no UI string `{key}`"));
    match language {
        Language::Nb => nb,
        Language::En => en,
    }
}

/// A time in long form: "torsdag 3. desember kl. 18:00" /
/// "Thursday 3 December at 18:00"; the year is added when it is not the
/// year of `now`.
pub fn long_time(t: &DateTime<Tz>, now: &DateTime<Tz>, language: Language) -> String {
    let year = t.year() != now.year();
    let (format, locale) = match (language, year) {
        (Language::Nb, false) => ("%A %-d. %B kl. %H:%M", Locale::nb_NO),
        (Language::Nb, true) => ("%A %-d. %B %Y kl. %H:%M", Locale::nb_NO),
        (Language::En, false) => ("%A %-d %B at %H:%M", Locale::en_GB),
        (Language::En, true) => ("%A %-d %B %Y at %H:%M", Locale::en_GB),
    };
    t.format_localized(format, locale).to_string()
}

/// A short time for timelines: "3. des. kl. 19:10" / "3 Dec 19:10".
pub fn short_time(t: &DateTime<Tz>, language: Language) -> String {
    match language {
        Language::Nb => t.format_localized("%-d. %b kl. %H:%M", Locale::nb_NO),
        Language::En => t.format_localized("%-d %b %H:%M", Locale::en_GB),
    }
    .to_string()
}

/// A duration in words, rounded: "om lag 4 timer" / "about 4 hours".
pub fn duration(d: TimeDelta, language: Language) -> String {
    let minutes = d.num_minutes().max(0);
    let (amount, unit) = if minutes < 60 {
        let m = minutes.max(1);
        (m.to_string(), if m == 1 { "minute" } else { "minutes" })
    } else if minutes < 48 * 60 {
        let halves = (minutes + 15) / 30;
        let text = if halves % 2 == 0 {
            (halves / 2).to_string()
        } else {
            let sep = if language == Language::Nb { "," } else { "." };
            format!("{}{sep}5", halves / 2)
        };
        (text, if halves == 2 { "hour" } else { "hours" })
    } else {
        let days = (minutes + 12 * 60) / (24 * 60);
        (days.to_string(), "days")
    };
    match language {
        Language::En => format!("about {amount} {unit}"),
        Language::Nb => {
            let unit = match unit {
                "minute" => "minutt",
                "minutes" => "minutter",
                "hour" => "time",
                "hours" => "timer",
                _ => "døgn",
            };
            format!("om lag {amount} {unit}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use chrono_tz::Europe::Oslo;

    #[test]
    fn long_form_in_norwegian_and_english() {
        let t = Oslo.with_ymd_and_hms(2026, 12, 3, 18, 0, 0).unwrap();
        let now = Oslo.with_ymd_and_hms(2026, 12, 1, 8, 0, 0).unwrap();
        assert_eq!(
            long_time(&t, &now, Language::Nb),
            "torsdag 3. desember kl. 18:00"
        );
        assert_eq!(
            long_time(&t, &now, Language::En),
            "Thursday 3 December at 18:00"
        );
        let next_year = Oslo.with_ymd_and_hms(2027, 1, 4, 7, 5, 0).unwrap();
        assert_eq!(
            long_time(&next_year, &now, Language::Nb),
            "mandag 4. januar 2027 kl. 07:05"
        );
    }

    #[test]
    fn durations_in_words() {
        let h = |m| TimeDelta::minutes(m);
        assert_eq!(duration(h(240), Language::Nb), "om lag 4 timer");
        assert_eq!(duration(h(240), Language::En), "about 4 hours");
        assert_eq!(duration(h(60), Language::Nb), "om lag 1 time");
        assert_eq!(duration(h(140), Language::Nb), "om lag 2,5 timer");
        assert_eq!(duration(h(45), Language::En), "about 45 minutes");
        assert_eq!(duration(h(3 * 24 * 60), Language::Nb), "om lag 3 døgn");
    }

    #[test]
    fn every_key_is_unique() {
        let mut keys: Vec<_> = STRINGS.iter().map(|s| s.0).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), STRINGS.len());
    }
}
