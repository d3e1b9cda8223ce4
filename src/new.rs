//! `varsel new`: writes a complete, commented outage file from a few answers,
//! so that a coordinator never has to start from an empty file.
//!
//! This module is the pure part: the answers ([`Draft`]), the file name
//! ([`slug`], [`file_id`]), the file text ([`render`]) and the notices the
//! outage will trigger ([`preview`]). [`command`] does the I/O and [`prompt`]
//! asks the questions on a terminal.

pub mod command;
pub mod prompt;

use chrono::{DateTime, NaiveDate};
use chrono_tz::Tz;

use crate::calendar::Calendar;
use crate::config::{Config, Language};
use crate::localtime;
use crate::outage::{Kind, Outage};
use crate::schedule::{self, NoticeKind, PublishWindow};
use crate::schema::outage_doc;

/// The line every written outage file starts with: it points
/// yaml-language-server at the schema committed in `schemas/`.
pub const MODELINE: &str = "# yaml-language-server: $schema=../schemas/outage.schema.json";

/// Longest outage id (SPEC §3).
const MAX_ID: usize = 80;

/// Which municipalities an outage affects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Municipalities {
    /// Every municipality in `varsel.yaml`.
    All,
    /// These ids.
    Some(Vec<String>),
}

/// The coordinator's answers, as text: times are written to the file as
/// given and validated by [`Outage::read`] like any other file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// Planned or acute.
    pub kind: Kind,
    /// One-line title.
    pub title: String,
    /// Start time as written.
    pub start: String,
    /// Estimated end as written.
    pub end: Option<String>,
    /// System ids.
    pub systems: Vec<String>,
    /// Affected municipalities.
    pub municipalities: Municipalities,
    /// Routine page; `None` writes the site default.
    pub routine: Option<String>,
    /// Markdown description; may be empty.
    pub description: String,
}

/// The file-name part made from a title: lowercase ASCII letters, digits and
/// `-`, with æ→ae, ø→o, å→a (and common accents dropped).
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        let piece: &str = match c {
            'æ' => "ae",
            'ø' | 'ö' | 'ó' | 'ò' | 'ô' => "o",
            'å' | 'ä' | 'á' | 'à' | 'â' => "a",
            'é' | 'è' | 'ê' | 'ë' => "e",
            'ü' | 'ú' | 'ù' | 'û' => "u",
            'í' | 'ì' | 'î' | 'ï' => "i",
            'ß' => "ss",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => "-",
        };
        out.push_str(piece);
    }
    let mut collapsed = String::with_capacity(out.len());
    for c in out.chars() {
        if !(c == '-' && (collapsed.is_empty() || collapsed.ends_with('-'))) {
            collapsed.push(c);
        }
    }
    collapsed.trim_end_matches('-').to_string()
}

/// The outage id `YYYY-MM-DD-<slug>` (the start's local date), at most 80
/// characters. Without a readable start date the id is the slug alone
/// (the file is refused anyway); without letters in the title the slug is
/// `nedetid` / `outage`.
pub fn file_id(draft: &Draft, tz: Tz, language: Language) -> String {
    let date = match localtime::parse(&draft.start, tz) {
        Ok(t) => Some(t.date_naive()),
        Err(_) => draft
            .start
            .trim()
            .get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
    };
    let mut slug = slug(&draft.title);
    if slug.is_empty() {
        slug = match language {
            Language::Nb => "nedetid".into(),
            Language::En => "outage".into(),
        };
    }
    let id = match date {
        Some(d) => format!("{}-{slug}", d.format("%Y-%m-%d")),
        None => slug,
    };
    let cut: String = id.chars().take(MAX_ID).collect();
    cut.trim_end_matches('-').to_string()
}

/// An end written as a bare time (`22:00`, `9:30`) is that time on the
/// local date of `start`: `2026-12-03 22:00`. Anything else, and any end
/// when `start` cannot be read, is returned as written.
pub fn end_on_start_date(end: &str, start: &str, tz: Tz) -> String {
    let bare = end.trim();
    let is_time = matches!(bare.split_once(':'), Some((h, m))
        if (1..=2).contains(&h.len()) && m.len() == 2
            && h.chars().chain(m.chars()).all(|c| c.is_ascii_digit()));
    match (is_time, localtime::parse(start, tz)) {
        (true, Ok(start)) => format!("{} {bare:0>5}", start.format("%Y-%m-%d")),
        _ => end.to_string(),
    }
}

/// The complete file text: the modeline, a comment before every key, the
/// optional keys as commented-out examples.
pub fn render(draft: &Draft, config: &Config) -> String {
    let lang = config.language;
    let mut out = String::new();
    out.push_str(MODELINE);
    out.push('\n');
    out.push_str(match lang {
        Language::Nb => "# Laget med `varsel new`. Kontroller filen med `varsel check` før du lagrer den i git.\n",
        Language::En => "# Written by `varsel new`. Check the file with `varsel check` before you commit it.\n",
    });
    field(&mut out, lang, "title", &scalar(&draft.title));
    field(&mut out, lang, "kind", draft.kind.as_str());
    field(&mut out, lang, "start", &scalar(&draft.start));
    match &draft.end {
        Some(end) => field(&mut out, lang, "end", &scalar(end)),
        None => commented(&mut out, lang, "end", "2026-12-03 22:00"),
    }
    let example_end = draft.end.as_deref().unwrap_or(draft.start.as_str());
    commented(&mut out, lang, "ended", &scalar(example_end));
    if draft.kind == Kind::Planned {
        commented(&mut out, lang, "cancelled", "true");
    }
    field(&mut out, lang, "systems", &list(&draft.systems));
    let municipalities = match &draft.municipalities {
        Municipalities::All => "all".to_string(),
        Municipalities::Some(ids) => list(ids),
    };
    field(&mut out, lang, "municipalities", &municipalities);
    let routine = draft.routine.as_deref().unwrap_or(&config.routines.default);
    field(&mut out, lang, "routine", &scalar(routine));
    field(&mut out, lang, "notify", "auto");
    commented(&mut out, lang, "notify_reason", "...");
    if draft.description.trim().is_empty() {
        commented(&mut out, lang, "description", "|");
        out.push_str("#   ...\n");
    } else {
        field(&mut out, lang, "description", &block(&draft.description));
    }
    let example_at = scalar(draft.start.trim());
    out.push('\n');
    comment(&mut out, outage_doc("updates", lang));
    out.push_str("# updates:\n");
    out.push_str(&format!("#   - {{ at: {example_at}, text: \"...\" }}\n"));
    out
}

fn comment(out: &mut String, text: &str) {
    let mut line = String::from("#");
    for word in text.split_whitespace() {
        if line.len() + word.len() + 1 > 78 && line.len() > 1 {
            out.push_str(&line);
            out.push('\n');
            line = String::from("#");
        }
        line.push(' ');
        line.push_str(word);
    }
    out.push_str(&line);
    out.push('\n');
}

fn field(out: &mut String, lang: Language, key: &str, value: &str) {
    out.push('\n');
    comment(out, outage_doc(key, lang));
    out.push_str(&format!("{key}: {value}\n"));
}

fn commented(out: &mut String, lang: Language, key: &str, example: &str) {
    out.push('\n');
    comment(out, outage_doc(key, lang));
    out.push_str(&format!("# {key}: {example}\n"));
}

/// A YAML scalar: plain when that is unambiguous, else double-quoted.
fn scalar(text: &str) -> String {
    let plain = text.chars().next().is_some_and(char::is_alphanumeric)
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || " -.,()/+:_'!?%&".contains(c))
        && !text.contains(": ")
        && !text.ends_with([':', ' '])
        && !is_special_plain(text);
    if plain {
        text.to_string()
    } else {
        serde_json::to_string(text).unwrap_or_default()
    }
}

/// Plain scalars YAML would read as something other than text.
fn is_special_plain(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    matches!(
        lower.as_str(),
        "y" | "n" | "yes" | "no" | "on" | "off" | "true" | "false" | "null"
    ) || text.parse::<f64>().is_ok()
}

fn list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|i| scalar(i)).collect();
    format!("[{}]", items.join(", "))
}

fn block(text: &str) -> String {
    let text = text.trim_end();
    let indicator = if text.starts_with([' ', '\t']) {
        "|2"
    } else {
        "|"
    };
    let mut out = String::from(indicator);
    for line in text.lines() {
        out.push('\n');
        if !line.is_empty() {
            out.push_str("  ");
            out.push_str(line);
        }
    }
    out
}

/// What a new outage will cause: whether a notice is required, the working
/// minutes it counts, the notices with their due times, and its page's
/// publish window.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    /// Whether the procedure requires telling staff.
    pub required: bool,
    /// Minutes on working days; `None` when the end is unknown.
    pub working_minutes: Option<i64>,
    /// The first notices of the outage, by due time (later notices, such as
    /// `changed` or `completed_early`, depend on later edits).
    pub notices: Vec<(NoticeKind, DateTime<Tz>)>,
    /// When the page is on the site, if it ever is.
    pub publish: Option<PublishWindow>,
}

/// The notices a freshly written outage will trigger (SPEC §4): `announce`
/// and `reminder` for a planned outage, `alert` for an acute one, if a
/// notice is required.
pub fn preview(outage: &Outage, config: &Config) -> Preview {
    let policy = &config.policy;
    let calendar = Calendar::new(policy.extra_closed_days.iter().copied());
    let required = schedule::notice_required(outage, policy, &calendar);
    let tz = outage.start.timezone();
    let mut notices = Vec::new();
    if required && !outage.cancelled {
        match outage.kind {
            Kind::Planned => {
                let start_date = outage.start.date_naive();
                let before = schedule::day_before(start_date, policy, &calendar);
                notices.push((
                    NoticeKind::Announce,
                    localtime::at(before, policy.announce_at, tz),
                ));
                let reminder = localtime::at(start_date, policy.reminder_at, tz);
                if reminder < outage.start {
                    notices.push((NoticeKind::Reminder, reminder));
                }
            }
            Kind::Acute => notices.push((NoticeKind::Alert, outage.start)),
        }
    }
    Preview {
        required,
        working_minutes: schedule::working_minutes(outage, &calendar),
        notices,
        publish: schedule::publish_window(outage, policy, &calendar, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Oslo;

    fn draft(title: &str, start: &str) -> Draft {
        Draft {
            kind: Kind::Planned,
            title: title.into(),
            start: start.into(),
            end: Some("2026-12-03 22:00".into()),
            systems: vec!["plo".into()],
            municipalities: Municipalities::All,
            routine: None,
            description: String::new(),
        }
    }

    #[test]
    fn slugs_transliterate_norwegian_letters() {
        assert_eq!(
            slug("Oppgradering av meldingstjener"),
            "oppgradering-av-meldingstjener"
        );
        assert_eq!(
            slug("Bytte av sertifikat på Helsenett – Østfold"),
            "bytte-av-sertifikat-pa-helsenett-ostfold"
        );
        assert_eq!(slug("  Ærlig talt: PLO/DIPS!! "), "aerlig-talt-plo-dips");
        assert_eq!(slug("Våler og Råde"), "valer-og-rade");
        assert_eq!(slug("!!!"), "");
    }

    #[test]
    fn ids_use_the_local_start_date_and_stay_short() {
        let d = draft("Oppgradering", "2026-12-03 18:00");
        assert_eq!(file_id(&d, Oslo, Language::Nb), "2026-12-03-oppgradering");
        let utc = draft("Oppgradering", "2026-12-03T23:30:00Z");
        assert_eq!(file_id(&utc, Oslo, Language::Nb), "2026-12-04-oppgradering");
        let long = draft(&"meldingstjener ".repeat(12), "2026-12-03 18:00");
        let id = file_id(&long, Oslo, Language::Nb);
        assert!(
            id.len() <= 80 && !id.ends_with('-') && crate::config::is_id(&id),
            "{id}"
        );
        let gap = draft("Sommertid", "2027-03-28 02:30");
        assert_eq!(file_id(&gap, Oslo, Language::Nb), "2027-03-28-sommertid");
        assert_eq!(
            file_id(&draft("???", "2026-12-03 18:00"), Oslo, Language::En),
            "2026-12-03-outage"
        );
    }

    #[test]
    fn a_bare_end_time_is_on_the_start_date() {
        let start = "2026-12-03 18:00";
        assert_eq!(end_on_start_date("22:00", start, Oslo), "2026-12-03 22:00");
        assert_eq!(end_on_start_date(" 9:30 ", start, Oslo), "2026-12-03 09:30");
        let utc = "2026-12-03T23:30:00Z";
        assert_eq!(end_on_start_date("02:00", utc, Oslo), "2026-12-04 02:00");
        for kept in ["2026-12-04 02:00", "", "22", "ab:cd", "123:00"] {
            assert_eq!(end_on_start_date(kept, start, Oslo), kept);
        }
        assert_eq!(end_on_start_date("22:00", "bogus", Oslo), "22:00");
    }

    #[test]
    fn scalars_are_quoted_when_yaml_would_misread_them() {
        assert_eq!(scalar("Oppgradering av PLO"), "Oppgradering av PLO");
        assert_eq!(scalar("2026-12-03 18:00"), "2026-12-03 18:00");
        assert_eq!(scalar("Feil: meldinger"), "\"Feil: meldinger\"");
        assert_eq!(scalar("no"), "\"no\"");
        assert_eq!(scalar("2026"), "\"2026\"");
        assert_eq!(scalar("#1 \"x\""), "\"#1 \\\"x\\\"\"");
        assert_eq!(block("a\n\nb\n"), "|\n  a\n\n  b");
        assert_eq!(block("  kode"), "|2\n    kode");
    }
}
