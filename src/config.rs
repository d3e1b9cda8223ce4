//! `varsel.yaml`: the site's configuration (SPEC §2), read and validated.
//!
//! A configuration with errors makes every command stop with exit status 2:
//! without a valid zone, policy and recipient list nothing can be scheduled.

use std::str::FromStr;

use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Tz;

use crate::catalogue::{check, config as msg, outage};
use crate::diagnostic::Diagnostic;
use crate::reader::{Fields, Reader, did_you_mean};
use crate::yaml::{self, Node, Pos};

pub mod directory;
pub mod telephone;
pub mod workbook;

pub use directory::{LeftOut, Merged, WorkbookSetting, merge_workbook};

/// Name of the configuration file in the site root.
pub const FILE: &str = "varsel.yaml";

/// The whole site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Site title, shown on every page and in email footers.
    pub title: String,
    /// Public address of the built site, always ending in `/`.
    pub base_url: String,
    /// Language of UI strings, dates and email text.
    pub language: Language,
    /// The zone every local time of the site is in.
    pub timezone: Tz,
    /// Theme folder name under `themes/`.
    pub theme: String,
    /// When notices go out and pages appear.
    pub policy: Policy,
    /// Sender and message identity.
    pub mail: MailConfig,
    /// The contact groups; every notice goes to all of them.
    pub recipients: Vec<Recipient>,
    /// What can be down, in file order.
    pub systems: Vec<System>,
    /// Municipality directory, in file order; once the site is loaded,
    /// merged with the contact workbook's ([`merge_workbook`]).
    pub municipalities: Vec<Municipality>,
    /// The contact workbook the directory is read from, if any.
    pub municipalities_from: Option<WorkbookSetting>,
    /// Workbook rows left out of the directory for an error (filled in by
    /// [`merge_workbook`]): an outage naming one of their ids is invalid.
    pub left_out: Vec<LeftOut>,
    /// Manual-routine content pages.
    pub routines: Routines,
}

pub use crate::catalogue::Language;

/// The `language:` a `varsel.yaml` text sets, read before (and whether or
/// not) the whole file is valid, so that even the problems in it are
/// reported in the site's language. `None` when there is no such line or
/// its value is neither `nb` nor `en`.
pub fn language_of(text: &str) -> Option<Language> {
    text.lines().find_map(|line| {
        let value = line.strip_prefix("language:")?;
        let value = value.split(" #").next().unwrap_or("").trim();
        match value.trim_matches(['"', '\'']) {
            "nb" => Some(Language::Nb),
            "en" => Some(Language::En),
            _ => None,
        }
    })
}

/// Which "day before" the first notice and the page use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AnnounceDay {
    /// The calendar day before the start date.
    Calendar,
    /// The working day before the start date.
    Working,
}

/// The scheduling policy (SPEC §2 `policy`).
#[derive(Debug, Clone)]
pub struct Policy {
    /// A notice is required when MORE than this many minutes fall on working days.
    pub min_working_minutes: i64,
    /// Local time of the first notice, on the day before the start.
    pub announce_at: NaiveTime,
    /// Which day before.
    pub announce_day: AnnounceDay,
    /// Local time of the second notice, on the start day.
    pub reminder_at: NaiveTime,
    /// Local time the page goes live, on the day before the start.
    pub publish_at: NaiveTime,
    /// Dates that count as non-working.
    pub extra_closed_days: Vec<NaiveDate>,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            min_working_minutes: 60,
            announce_at: NaiveTime::from_hms_opt(11, 0, 0).unwrap_or_default(),
            announce_day: AnnounceDay::Calendar,
            reminder_at: NaiveTime::from_hms_opt(7, 0, 0).unwrap_or_default(),
            publish_at: NaiveTime::from_hms_opt(11, 0, 0).unwrap_or_default(),
            extra_closed_days: Vec::new(),
        }
    }
}

/// Where the recipient groups go in the message header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecipientsHeader {
    /// `To` names every group (an RFC 5322 group without addresses);
    /// the addresses are in the envelope only.
    To,
    /// `To` is the sender; the groups are in the envelope only.
    Bcc,
}

/// Mail settings (SMTP settings come from the environment, never from here).
#[derive(Debug, Clone)]
pub struct MailConfig {
    /// `From` mailbox, e.g. `Meldingsansvarlige <meldinger@example.org>`.
    pub from: String,
    /// Optional `Reply-To` mailbox.
    pub reply_to: Option<String>,
    /// Domain part of every `Message-ID`.
    pub message_id_domain: String,
    /// `To` or `Bcc` for the recipient groups.
    pub recipients_header: RecipientsHeader,
}

/// One contact group.
#[derive(Debug, Clone)]
pub struct Recipient {
    /// Display name of the group.
    pub name: String,
    /// Its email address.
    pub address: String,
}

/// A system that can be down.
#[derive(Debug, Clone)]
pub struct System {
    /// Id used in outage files.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Optional one-line description.
    pub description: Option<String>,
}

/// A municipality and its coordinator telephone.
#[derive(Debug, Clone)]
pub struct Municipality {
    /// Id used in outage files.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The coordinator telephone, if known; an outage naming a
    /// municipality without one is refused.
    pub coordinator_phone: Option<String>,
    /// A note shown next to the number.
    pub note: Option<String>,
    /// Where the entry was written.
    pub source: Source,
}

/// Where a municipality's entry (and so its telephone) comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Under `municipalities:` in `varsel.yaml`, at this key.
    Config {
        /// The position of the entry's id.
        pos: Pos,
    },
    /// A row of the contact workbook.
    Workbook {
        /// The workbook's path under the site root.
        file: String,
        /// The telephone's cell, with its sheet: `Kommuner!C14`.
        cell: String,
    },
}

/// Routine pages.
#[derive(Debug, Clone)]
pub struct Routines {
    /// Content page (path under `content/`, no extension) used when an outage names none.
    pub default: String,
    /// Where `default` was written, for "page does not exist" errors.
    pub default_pos: Pos,
}

impl Config {
    /// The system with `id`.
    pub fn system(&self, id: &str) -> Option<&System> {
        self.systems.iter().find(|s| s.id == id)
    }

    /// The municipality with `id`.
    pub fn municipality(&self, id: &str) -> Option<&Municipality> {
        self.municipalities.iter().find(|m| m.id == id)
    }

    /// Reads and validates `varsel.yaml`. Returns the config only if it has
    /// no errors; diagnostics (errors and warnings) either way.
    pub fn read(text: &str) -> (Option<Config>, Vec<Diagnostic>) {
        let mut r = Reader::new(FILE);
        let config = match yaml::parse(text) {
            Ok(node) => read_root(&mut r, &node),
            Err(e) => {
                r.error(
                    e.pos.unwrap_or(Pos { line: 1, column: 1 }),
                    msg::not_yaml(FILE, &e.message),
                    e.hint,
                );
                None
            }
        };
        let ok = !r.has_errors();
        (config.filter(|_| ok), r.diagnostics)
    }
}

/// Every top-level key of `varsel.yaml`.
pub const ROOT_KEYS: &[&str] = &[
    "title",
    "base_url",
    "language",
    "timezone",
    "theme",
    "policy",
    "mail",
    "recipients",
    "systems",
    "municipalities",
    "municipalities_from",
    "routines",
];

fn read_root(r: &mut Reader, node: &Node) -> Option<Config> {
    let f = r.fields(node, FILE, ROOT_KEYS)?;
    let title = required_text(r, &f, "title", &msg::add_title());
    let base_url = required_text(r, &f, "base_url", &msg::add_base_url())
        .and_then(|url| check_base_url(r, &f, url));
    let language = match f.get("language") {
        None => Some(Language::Nb),
        Some(n) => match r.text(n, "language").as_deref() {
            Some("nb") => Some(Language::Nb),
            Some("en") => Some(Language::En),
            Some(other) => {
                r.error(
                    n.pos,
                    msg::unknown_language(other),
                    msg::unknown_language_hint(),
                );
                None
            }
            None => None,
        },
    };
    let timezone = match f.get("timezone") {
        None => Some(chrono_tz::Europe::Oslo),
        Some(n) => r
            .text(n, "timezone")
            .and_then(|name| match Tz::from_str(&name) {
                Ok(tz) => Some(tz),
                Err(_) => {
                    let zones: Vec<&'static str> =
                        chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect();
                    let hint = match did_you_mean(&name, &zones) {
                        Some(zone) => check::did_you_mean(zone),
                        None => msg::zone_hint(),
                    };
                    r.error(n.pos, msg::unknown_zone(&name), hint);
                    None
                }
            }),
    };
    let theme = match f.get("theme") {
        None => Some("default".to_string()),
        Some(n) => r.text(n, "theme").and_then(|t| {
            if is_id(&t) {
                Some(t)
            } else {
                r.error(n.pos, msg::bad_theme(&t), msg::bad_theme_hint());
                None
            }
        }),
    };
    let policy = match f.get("policy") {
        None => Some(Policy::default()),
        Some(n) => read_policy(r, n),
    };
    let mail = r
        .require(&f, "mail", FILE, &msg::add_mail())
        .and_then(|n| read_mail(r, n));
    let recipients = r
        .require(&f, "recipients", FILE, &msg::add_recipients())
        .and_then(|n| read_recipients(r, n));
    let systems = r
        .require(&f, "systems", FILE, &msg::add_systems())
        .and_then(|n| read_systems(r, n));
    let municipalities_from = f
        .get("municipalities_from")
        .map(|n| directory::read_setting(r, n));
    let municipalities = match (f.get("municipalities"), &municipalities_from) {
        (Some(n), _) => read_municipalities(r, n),
        // The workbook is read once the site's folder is known.
        (None, Some(_)) => Some(Vec::new()),
        (None, None) => {
            r.require(&f, "municipalities", FILE, &msg::add_municipalities());
            None
        }
    };
    let routines = r
        .require(&f, "routines", FILE, &msg::add_routines())
        .and_then(|n| read_routines(r, n));
    Some(Config {
        title: title?,
        base_url: base_url?,
        language: language?,
        timezone: timezone?,
        theme: theme?,
        policy: policy?,
        mail: mail?,
        recipients: recipients?,
        systems: systems?,
        municipalities: municipalities?,
        municipalities_from: municipalities_from.map_or(Some(None), |s| s.map(Some))?,
        left_out: Vec::new(),
        routines: routines?,
    })
}

fn required_text(r: &mut Reader, f: &Fields, key: &str, hint: &str) -> Option<String> {
    let node = r.require(f, key, FILE, hint)?;
    let text = r.text(node, key)?;
    if text.trim().is_empty() {
        r.error(node.pos, msg::empty_value(key), hint.to_string());
        return None;
    }
    Some(text)
}

fn check_base_url(r: &mut Reader, f: &Fields, url: String) -> Option<String> {
    let pos = f.get("base_url").map_or(f.pos(), |n| n.pos);
    let scheme_ok = url.starts_with("https://") || url.starts_with("http://");
    if !scheme_ok || url.contains(char::is_whitespace) {
        r.error(pos, msg::bad_url(&url), msg::bad_url_hint());
        return None;
    }
    Some(if url.ends_with('/') {
        url
    } else {
        format!("{url}/")
    })
}

/// Every key under `policy`.
pub const POLICY_KEYS: &[&str] = &[
    "min_working_minutes",
    "announce_at",
    "announce_day",
    "reminder_at",
    "publish_at",
    "extra_closed_days",
];

fn read_policy(r: &mut Reader, node: &Node) -> Option<Policy> {
    let f = r.fields(node, "`policy`", POLICY_KEYS)?;
    let mut policy = Policy::default();
    let mut ok = true;
    if let Some(n) = f.get("min_working_minutes") {
        match r.integer(n, "min_working_minutes") {
            Some(m) if m >= 0 => policy.min_working_minutes = m,
            Some(m) => {
                r.error(
                    n.pos,
                    msg::negative_minutes(m),
                    msg::negative_minutes_hint(),
                );
                ok = false;
            }
            None => ok = false,
        }
    }
    for (key, slot) in [
        ("announce_at", &mut policy.announce_at),
        ("reminder_at", &mut policy.reminder_at),
        ("publish_at", &mut policy.publish_at),
    ] {
        if let Some(n) = f.get(key) {
            match clock(r, n, key) {
                Some(t) => *slot = t,
                None => ok = false,
            }
        }
    }
    if let Some(n) = f.get("announce_day") {
        match r.text(n, "announce_day").as_deref() {
            Some("calendar") => policy.announce_day = AnnounceDay::Calendar,
            Some("working") => policy.announce_day = AnnounceDay::Working,
            Some(other) => {
                r.error(
                    n.pos,
                    msg::unknown_announce_day(other),
                    msg::unknown_announce_day_hint(),
                );
                ok = false;
            }
            None => ok = false,
        }
    }
    if let Some(n) = f.get("extra_closed_days") {
        match r.text_list(n, "extra_closed_days") {
            Some(days) => {
                for (text, pos) in days {
                    match NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
                        Ok(d) => policy.extra_closed_days.push(d),
                        Err(_) => {
                            r.error(pos, msg::not_a_date(&text), msg::not_a_date_hint());
                            ok = false;
                        }
                    }
                }
            }
            None => ok = false,
        }
    }
    ok.then_some(policy)
}

fn clock(r: &mut Reader, node: &Node, key: &str) -> Option<NaiveTime> {
    let text = r.text(node, key)?;
    let parsed = crate::localtime::parse_clock(&text);
    if parsed.is_none() {
        r.error(
            node.pos,
            msg::not_a_clock(key, &text),
            msg::not_a_clock_hint(key),
        );
    }
    parsed
}

/// Every key under `mail`.
pub const MAIL_KEYS: &[&str] = &["from", "reply_to", "message_id_domain", "recipients_header"];

fn read_mail(r: &mut Reader, node: &Node) -> Option<MailConfig> {
    let f = r.fields(node, "`mail`", MAIL_KEYS)?;
    let from = r
        .require(&f, "from", "`mail`", &msg::add_from())
        .and_then(|n| mailbox(r, n, "from"));
    let reply_to = match f.get("reply_to") {
        Some(n) => Some(mailbox(r, n, "reply_to")?),
        None => None,
    };
    let domain = r
        .require(&f, "message_id_domain", "`mail`", &msg::add_domain())
        .and_then(|n| {
            let d = r.text(n, "message_id_domain")?;
            if is_domain(&d) {
                Some(d)
            } else {
                r.error(n.pos, msg::bad_domain(&d), msg::bad_domain_hint());
                None
            }
        });
    let header = match f.get("recipients_header") {
        None => Some(RecipientsHeader::To),
        Some(n) => match r.text(n, "recipients_header").as_deref() {
            Some("to") => Some(RecipientsHeader::To),
            Some("bcc") => Some(RecipientsHeader::Bcc),
            Some(other) => {
                r.error(
                    n.pos,
                    msg::unknown_recipients_header(other),
                    msg::recipients_header_hint(),
                );
                None
            }
            None => None,
        },
    };
    Some(MailConfig {
        from: from?,
        reply_to,
        message_id_domain: domain?,
        recipients_header: header?,
    })
}

fn mailbox(r: &mut Reader, node: &Node, key: &str) -> Option<String> {
    let text = r.text(node, key)?;
    match lettre::message::Mailbox::from_str(&text) {
        Ok(_) => Some(text),
        Err(_) => {
            r.error(node.pos, msg::bad_mailbox(&text), msg::bad_mailbox_hint());
            None
        }
    }
}

fn is_domain(d: &str) -> bool {
    !d.is_empty()
        && d.contains('.')
        && d.split('.').all(|label| {
            !label.is_empty() && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

/// Every key of one entry in `recipients`.
pub const RECIPIENT_KEYS: &[&str] = &["name", "address"];
/// Every key of one entry in `systems`.
pub const SYSTEM_KEYS: &[&str] = &["name", "description"];
/// Every key of one entry in `municipalities`.
pub const MUNICIPALITY_KEYS: &[&str] = &["name", "coordinator_phone", "note"];

fn read_recipients(r: &mut Reader, node: &Node) -> Option<Vec<Recipient>> {
    let yaml::Value::Seq(items) = &node.value else {
        r.error(
            node.pos,
            msg::recipients_not_a_list(node.value.describe()),
            msg::recipients_not_a_list_hint(),
        );
        return None;
    };
    if items.is_empty() {
        r.error(
            node.pos,
            msg::recipients_empty(),
            msg::recipients_empty_hint(),
        );
        return None;
    }
    let mut out = Vec::new();
    let mut ok = true;
    for item in items {
        let Some(f) = r.fields(item, &msg::a_recipient(), RECIPIENT_KEYS) else {
            ok = false;
            continue;
        };
        let name = r
            .require(
                &f,
                "name",
                &msg::this_recipient(),
                &msg::add_recipient_name(),
            )
            .and_then(|n| r.text(n, "name"));
        let address = r
            .require(
                &f,
                "address",
                &msg::this_recipient(),
                &msg::add_recipient_address(),
            )
            .and_then(|n| {
                let a = r.text(n, "address")?;
                if lettre::Address::from_str(&a).is_ok() {
                    Some(a)
                } else {
                    r.error(n.pos, msg::bad_mailbox(&a), msg::bad_address_hint());
                    None
                }
            });
        match (name, address) {
            (Some(name), Some(address)) => out.push(Recipient { name, address }),
            _ => ok = false,
        }
    }
    ok.then_some(out)
}

fn read_systems(r: &mut Reader, node: &Node) -> Option<Vec<System>> {
    let mut out = Vec::new();
    let ok = read_directory(r, node, "systems", SYSTEM_KEYS, |r, id, f| {
        let name = r
            .require(f, "name", &msg::this_system(), &msg::add_system_name())
            .and_then(|n| r.text(n, "name"))?;
        let description = match f.get("description") {
            Some(n) => Some(r.text(n, "description")?),
            None => None,
        };
        out.push(System {
            id,
            name,
            description,
        });
        Some(())
    });
    ok.then_some(out)
}

fn read_municipalities(r: &mut Reader, node: &Node) -> Option<Vec<Municipality>> {
    let mut out = Vec::new();
    let ok = read_directory(r, node, "municipalities", MUNICIPALITY_KEYS, |r, id, f| {
        let name = r
            .require(
                f,
                "name",
                &msg::this_municipality(),
                &msg::add_municipality_name(),
            )
            .and_then(|n| r.text(n, "name"))?;
        let coordinator_phone = match f.get("coordinator_phone") {
            Some(n) => {
                let phone = r.text(n, "coordinator_phone")?;
                if !is_phone(&phone) {
                    r.error(n.pos, msg::bad_phone(&phone), msg::bad_phone_hint());
                    return None;
                }
                Some(phone)
            }
            None => None,
        };
        let note = match f.get("note") {
            Some(n) => Some(r.text(n, "note")?),
            None => None,
        };
        out.push(Municipality {
            id,
            name,
            coordinator_phone,
            note,
            source: Source::Config { pos: f.pos() },
        });
        Some(())
    });
    ok.then_some(out)
}

/// Reads an `id: { ... }` mapping where ids must be valid and each entry has `keys`.
fn read_directory(
    r: &mut Reader,
    node: &Node,
    what: &str,
    keys: &[&'static str],
    mut each: impl FnMut(&mut Reader, String, &Fields) -> Option<()>,
) -> bool {
    let yaml::Value::Map(pairs) = &node.value else {
        r.error(
            node.pos,
            msg::not_a_directory(what, node.value.describe()),
            msg::not_a_directory_hint(what),
        );
        return false;
    };
    if pairs.is_empty() {
        r.error(
            node.pos,
            msg::directory_empty(what),
            msg::directory_empty_hint(what),
        );
        return false;
    }
    let mut ok = true;
    let mut seen: Vec<(String, u32)> = Vec::new();
    for (key, value) in pairs {
        let Some(id) = key.as_text() else {
            r.error(key.pos, msg::id_not_a_word(what), msg::id_hint());
            ok = false;
            continue;
        };
        if let Some((_, line)) = seen.iter().find(|(s, _)| *s == id) {
            r.error(
                key.pos,
                msg::id_twice(&id, what, line),
                msg::id_twice_hint(),
            );
            ok = false;
            continue;
        }
        seen.push((id.clone(), key.pos.line));
        if !is_id(&id) {
            r.error(key.pos, msg::bad_id(&id), msg::bad_id_hint());
            ok = false;
            continue;
        }
        let label = format!("`{what}.{id}`");
        let Some(f) = r.fields(value, &label, keys) else {
            ok = false;
            continue;
        };
        ok &= each(r, id, &f).is_some();
    }
    ok
}

/// Every key under `routines`.
pub const ROUTINE_KEYS: &[&str] = &["default"];

fn read_routines(r: &mut Reader, node: &Node) -> Option<Routines> {
    let f = r.fields(node, "`routines`", ROUTINE_KEYS)?;
    let n = r.require(&f, "default", "`routines`", &msg::add_default_routine())?;
    let default = r.text(n, "default")?;
    if !is_content_path(&default) {
        r.error(
            n.pos,
            outage::not_a_page_path(&default),
            outage::not_a_page_path_hint(),
        );
        return None;
    }
    Some(Routines {
        default,
        default_pos: n.pos,
    })
}

/// True for ids of systems, municipalities, themes and outages:
/// `^[a-z0-9][a-z0-9-]{0,79}$`.
pub fn is_id(text: &str) -> bool {
    let bytes = text.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 80
        && (bytes[0].is_ascii_lowercase() || bytes[0].is_ascii_digit())
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
}

/// True for a content page path such as `nodrutiner/plo`: id segments joined by `/`.
pub fn is_content_path(text: &str) -> bool {
    !text.is_empty()
        && text.split('/').all(|segment| {
            is_id(segment)
                || segment
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                    && !segment.is_empty()
        })
}

/// True for a plausible telephone number: optional `+`, then digits with
/// spaces or hyphens between them, 8 to 15 digits in all.
pub fn is_phone(text: &str) -> bool {
    let body = text.strip_prefix('+').unwrap_or(text);
    let digits = body.chars().filter(char::is_ascii_digit).count();
    !body.is_empty()
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || c == ' ' || c == '-')
        && body.starts_with(|c: char| c.is_ascii_digit())
        && (8..=15).contains(&digits)
}

/// The known id closest to `word`, for "did you mean" hints on ids.
pub fn suggest<'a>(word: &str, ids: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let ids: Vec<&str> = ids.collect();
    did_you_mean(word, &ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) const MINIMAL: &str = "title: T\nbase_url: https://x.example.org/n\nmail: { from: a@example.org, message_id_domain: example.org }\nrecipients: [{ name: G, address: g@example.org }]\nsystems: { plo: { name: PLO } }\nmunicipalities: { halden: { name: Halden, coordinator_phone: \"+47 00 00 00 01\" } }\nroutines: { default: nodrutiner/plo }\n";

    #[test]
    fn minimal_config_gets_defaults() {
        let (config, diagnostics) = Config::read(MINIMAL);
        assert_eq!(diagnostics, vec![]);
        let config = config.unwrap();
        assert_eq!(config.base_url, "https://x.example.org/n/");
        assert_eq!(config.timezone, chrono_tz::Europe::Oslo);
        assert_eq!(config.policy.min_working_minutes, 60);
        assert_eq!(
            config.policy.reminder_at,
            NaiveTime::from_hms_opt(7, 0, 0).unwrap()
        );
    }

    #[test]
    fn every_config_error_is_reported_at_its_line() {
        let text = "title: T\nbase_url: intranett\ntimezone: Europe/Olso\nlanguage: de\npolicy: { announce_at: \"11\", announce_day: tomorrow, extra_closed_days: [2026-02-30] }\nmail: { from: not-an-address, message_id_domain: \"a b\" }\nrecipients: [{ name: G, address: g@ }]\nsystems: { PLO: { name: PLO } }\nmunicipalities: { halden: { name: Halden, coordinator_phone: \"123\" } }\nroutines: { default: \"../x\" }\n";
        let (config, diagnostics) = Config::read(text);
        assert!(config.is_none());
        let lines: Vec<u32> = diagnostics.iter().map(|d| d.line).collect();
        for line in [2, 3, 4, 5, 6, 7, 8, 9, 10] {
            assert!(
                lines.contains(&line),
                "no error on line {line}: {diagnostics:#?}"
            );
        }
        assert!(diagnostics.iter().filter(|d| d.line == 5).count() >= 3);
        assert!(diagnostics.iter().filter(|d| d.line == 6).count() >= 2);
    }

    #[test]
    fn phones_and_ids() {
        for ok in ["+47 69 00 00 00", "69000000", "+47-69-00-00-00"] {
            assert!(is_phone(ok), "{ok}");
        }
        for bad in [
            "123",
            "+47 69 00 00 0a",
            "ring meg",
            "+",
            "+47 69 00 00 00 00 00 00 00",
        ] {
            assert!(!is_phone(bad), "{bad}");
        }
        assert!(is_id("2026-12-03-meldingstjener"));
        for bad in ["", "-a", "Abc", "a_b", "æ", &"a".repeat(81)] {
            assert!(!is_id(bad), "{bad}");
        }
    }

    #[test]
    fn the_language_is_found_before_the_whole_file_is_read() {
        assert_eq!(language_of("title: T\nlanguage: en\n"), Some(Language::En));
        assert_eq!(
            language_of("language: \"nb\"  # bokmål\n"),
            Some(Language::Nb)
        );
        assert_eq!(language_of("language: de\n"), None);
        assert_eq!(language_of("title: T\n  language: en\n"), None);
        assert_eq!(language_of("kind: [\nlanguage: en\n"), Some(Language::En));
    }
}
