//! JSON Schemas (draft-07) for outage files and `varsel.yaml`, so that an
//! editor with yaml-language-server offers completion and marks mistakes
//! while a coordinator types.
//!
//! The schemas mirror the rules of [`crate::outage`] and [`crate::config`]
//! as far as a schema can; `varsel check` stays the authority. Descriptions
//! are in the site language, and with a site at hand the ids of systems and
//! municipalities become enums. The key lists are kept in sync with the
//! readers by tests.

use serde_json::{Map, Value, json};

use std::path::Path;

use crate::config::{self, Config, Language};
use crate::diagnostic::{Diagnostic, Sources};
use crate::site::LoadFailure;
use crate::yaml::Pos;

/// A local time or RFC 3339 time as outage files accept it.
pub const TIME_PATTERN: &str = r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)?$";
/// An id of an outage, system, municipality or theme.
pub const ID_PATTERN: &str = "^[a-z0-9][a-z0-9-]{0,79}$";
/// A clock time `HH:MM` (00:00–23:59).
pub const CLOCK_PATTERN: &str = "^([01][0-9]|2[0-3]):[0-5][0-9]$";
/// A date `YYYY-MM-DD`.
pub const DATE_PATTERN: &str = r"^\d{4}-\d{2}-\d{2}$";
/// A content page path such as `nodrutiner/plo` (`.md` tolerated).
pub const PAGE_PATTERN: &str = r"^[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*(\.md)?$";
/// A telephone number: optional `+`, digits with spaces or hyphens.
pub const PHONE_PATTERN: &str = r"^\+?[0-9][0-9 -]*$";

const DRAFT: &str = "http://json-schema.org/draft-07/schema#";

/// Which file a schema describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Target {
    /// `outages/<id>.yaml`.
    Outage,
    /// `varsel.yaml`.
    Config,
}

/// Builds the schema for `target`, in `language`, with the site's ids as
/// enums when `config` is given.
pub fn schema(target: Target, language: Language, config: Option<&Config>) -> Value {
    match target {
        Target::Outage => outage(language, config),
        Target::Config => config_schema(language),
    }
}

/// The description of outage key `key` in `language` (also used for the
/// comments `varsel new` writes). Empty for an unknown key.
pub fn outage_doc(key: &str, language: Language) -> &'static str {
    lookup(OUTAGE_DOCS, key, language)
}

fn lookup(
    table: &[(&str, &'static str, &'static str)],
    key: &str,
    language: Language,
) -> &'static str {
    table
        .iter()
        .find(|(k, ..)| *k == key)
        .map_or("", |(_, nb, en)| crate::words::tr(language, nb, en))
}

/// (key, nb, en) for every outage key, and for `at`/`text` of an update.
const OUTAGE_DOCS: &[(&str, &str, &str)] = &[
    (
        "title",
        "Kort tittel på én linje, høyst 120 tegn. Brukes som emne i e-postvarslene.",
        "Short title on one line, at most 120 characters. Used as the subject of the email notices.",
    ),
    (
        "kind",
        "planned: planlagt stans, varsles dagen før og samme morgen. acute: akutt bortfall, varsles straks.",
        "planned: announced in advance, notified the day before and the same morning. acute: a failure now, notified at once.",
    ),
    (
        "start",
        "Når nedetiden starter: ÅÅÅÅ-MM-DD TT:MM i lokal tid, eller RFC 3339 med tidssone.",
        "When the outage starts: YYYY-MM-DD HH:MM in local time, or RFC 3339 with an offset.",
    ),
    (
        "end",
        "Antatt slutt, samme form som start. Påkrevd for planlagt nedetid, valgfritt for akutt.",
        "Estimated end, same form as start. Required for planned outages, optional for acute ones.",
    ),
    (
        "ended",
        "Når tjenesten faktisk var tilbake. Fyll inn når nedetiden er over; tidligere enn end gir varsel om at arbeidet ble ferdig før tiden.",
        "When service actually came back. Set it when the outage is over; earlier than end sends a finished-early notice.",
    ),
    (
        "cancelled",
        "Sett til true hvis en planlagt stans avlyses. Kun for planlagt nedetid.",
        "Set to true when a planned outage is called off. Planned outages only.",
    ),
    (
        "systems",
        "Hvilke tjenester som er nede: id-er fra systems i varsel.yaml.",
        "Which systems are down: ids from systems in varsel.yaml.",
    ),
    (
        "municipalities",
        "all, eller en liste med kommune-id-er fra varsel.yaml.",
        "all, or a list of municipality ids from varsel.yaml.",
    ),
    (
        "routine",
        "Nødrutinen som gjelder: side under content/ uten .md. Standard er routines.default i varsel.yaml.",
        "The manual routine that applies: a page under content/ without .md. Defaults to routines.default in varsel.yaml.",
    ),
    (
        "notify",
        "auto: varsle når mer enn grensen i varsel.yaml faller på virkedager. always/never overstyrer regelen og krever notify_reason.",
        "auto: notify when more than the limit in varsel.yaml falls on working days. always/never override the rule and need notify_reason.",
    ),
    (
        "notify_reason",
        "Hvorfor notify ikke er auto. Påkrevd når notify er always eller never.",
        "Why notify is not auto. Required when notify is always or never.",
    ),
    (
        "description",
        "Hva som skjer og hva ansatte skal gjøre (Markdown). Rå HTML vises ikke.",
        "What happens and what staff should do (Markdown). Raw HTML is not rendered.",
    ),
    (
        "updates",
        "Tidslinje med oppdateringer, eldste først, nyeste sist.",
        "Timeline of updates, oldest first, newest last.",
    ),
    (
        "at",
        "Tidspunkt for oppdateringen, samme form som start.",
        "When the update was made, same form as start.",
    ),
    (
        "text",
        "Oppdateringen (Markdown).",
        "The update (Markdown).",
    ),
];

fn describe(mut schema: Value, description: &str) -> Value {
    if let Value::Object(map) = &mut schema {
        map.insert("description".into(), Value::String(description.into()));
    }
    schema
}

fn ids(items: Vec<String>, language: Language, what_nb: &str, what_en: &str) -> Value {
    if items.is_empty() {
        return json!({"type": "string", "pattern": ID_PATTERN});
    }
    let note = match language {
        Language::Nb => format!(
            "En av {what_nb} i varsel.yaml (listen er hentet fra varsel.yaml da skjemaet ble laget)."
        ),
        Language::En => format!(
            "One of the {what_en} in varsel.yaml (the list was taken from varsel.yaml when the schema was made)."
        ),
    };
    json!({"type": "string", "enum": items, "description": note})
}

fn outage(language: Language, config: Option<&Config>) -> Value {
    let doc = |key: &str| outage_doc(key, language);
    let time = || json!({"type": "string", "pattern": TIME_PATTERN});
    let system_ids = config.map_or_else(Vec::new, |c| {
        c.systems.iter().map(|s| s.id.clone()).collect()
    });
    let municipality_ids = config.map_or_else(Vec::new, |c| {
        c.municipalities.iter().map(|m| m.id.clone()).collect()
    });
    let mut properties = Map::new();
    let mut put = |key: &str, schema: Value| {
        properties.insert(key.into(), describe(schema, doc(key)));
    };
    put(
        "title",
        json!({"type": "string", "minLength": 1, "maxLength": crate::outage::MAX_TITLE, "pattern": r"^[^\u0000-\u001F\u007F-\u009F]*\S[^\u0000-\u001F\u007F-\u009F]*\n?$"}),
    );
    put(
        "kind",
        json!({"type": "string", "enum": ["planned", "acute"]}),
    );
    put("start", time());
    put("end", time());
    put("ended", time());
    put("cancelled", json!({"type": "boolean"}));
    put(
        "systems",
        json!({"type": "array", "minItems": 1, "items": ids(system_ids, language, "systemene", "systems")}),
    );
    put(
        "municipalities",
        json!({"anyOf": [
            {"type": "string", "const": "all"},
            {"type": "array", "minItems": 1, "items": ids(municipality_ids, language, "kommunene", "municipalities")}
        ]}),
    );
    put(
        "routine",
        json!({"type": "string", "pattern": PAGE_PATTERN}),
    );
    put(
        "notify",
        json!({"type": "string", "enum": ["auto", "always", "never"], "default": "auto"}),
    );
    put("notify_reason", json!({"type": "string", "pattern": r"\S"}));
    put("description", json!({"type": "string"}));
    put(
        "updates",
        json!({"type": "array", "items": {
            "type": "object",
            "additionalProperties": false,
            "required": ["at", "text"],
            "properties": {
                "at": describe(time(), doc("at")),
                "text": describe(json!({"type": "string"}), doc("text")),
            }
        }}),
    );
    let (title, description) = match language {
        Language::Nb => (
            "Nedetid",
            "Én fil per nedetid i outages/. Filnavnet (uten .yaml) er id-en. Kjør `varsel check` for full kontroll.",
        ),
        Language::En => (
            "Outage",
            "One file per outage in outages/. The file name (without .yaml) is the id. Run `varsel check` for the full check.",
        ),
    };
    json!({
        "$schema": DRAFT,
        "title": title,
        "description": description,
        "type": "object",
        "additionalProperties": false,
        "required": ["title", "kind", "start", "systems", "municipalities"],
        "properties": properties,
        "allOf": [
            {"if": {"required": ["kind"], "properties": {"kind": {"const": "planned"}}},
             "then": {"required": ["end"]}},
            {"if": {"required": ["notify"], "properties": {"notify": {"enum": ["always", "never"]}}},
             "then": {"required": ["notify_reason"]}},
            {"if": {"required": ["kind"], "properties": {"kind": {"const": "acute"}}},
             "then": {"properties": {"cancelled": {"const": false}}}},
            {"if": {"required": ["cancelled"], "properties": {"cancelled": {"const": true}}},
             "then": {"not": {"required": ["ended"]}}}
        ]
    })
}

/// (key, nb, en) for every key of `varsel.yaml`, dotted below the top level.
const CONFIG_DOCS: &[(&str, &str, &str)] = &[
    (
        "title",
        "Nettstedets tittel, vist på hver side og i e-postene.",
        "Site title, shown on every page and in the emails.",
    ),
    (
        "base_url",
        "Den publiserte adressen til nettstedet, f.eks. https://intranett.example.org/nedetid/.",
        "Public address of the built site, e.g. https://intranett.example.org/nedetid/.",
    ),
    (
        "language",
        "Språk for sider, datoer og e-post: nb (standard) eller en.",
        "Language of pages, dates and email: nb (default) or en.",
    ),
    (
        "timezone",
        "IANA-tidssone for alle lokale tider, f.eks. Europe/Oslo.",
        "IANA zone of every local time, e.g. Europe/Oslo.",
    ),
    (
        "theme",
        "Navnet på temamappen under themes/.",
        "Name of the theme folder under themes/.",
    ),
    (
        "policy",
        "Når varsler sendes og sider publiseres.",
        "When notices go out and pages appear.",
    ),
    (
        "policy.min_working_minutes",
        "Varsel kreves når MER enn så mange minutter faller på virkedager.",
        "A notice is required when MORE than this many minutes fall on working days.",
    ),
    (
        "policy.announce_at",
        "Klokkeslett (TT:MM) for første varsel, dagen før start.",
        "Clock time (HH:MM) of the first notice, the day before the start.",
    ),
    (
        "policy.announce_day",
        "Hvilken «dag før»: calendar (kalenderdagen før) eller working (virkedagen før).",
        "Which day before: calendar (the calendar day before) or working (the working day before).",
    ),
    (
        "policy.reminder_at",
        "Klokkeslett (TT:MM) for andre varsel, samme dag som start.",
        "Clock time (HH:MM) of the second notice, on the start day.",
    ),
    (
        "policy.publish_at",
        "Klokkeslett (TT:MM) da siden publiseres, dagen før start.",
        "Clock time (HH:MM) the page goes live, the day before the start.",
    ),
    (
        "policy.extra_closed_days",
        "Datoer (ÅÅÅÅ-MM-DD) som ikke regnes som virkedager, utover helligdager.",
        "Dates (YYYY-MM-DD) that count as non-working, besides public holidays.",
    ),
    (
        "mail",
        "Avsender og meldings-id for e-postvarslene. SMTP-oppsettet står i miljøvariabelen VARSEL_SMTP_URL.",
        "Sender and message identity of the email notices. SMTP settings come from VARSEL_SMTP_URL.",
    ),
    (
        "mail.from",
        "Avsender, f.eks. \"Meldingsansvarlige <meldinger@example.org>\".",
        "Sender, e.g. \"Meldingsansvarlige <meldinger@example.org>\".",
    ),
    (
        "mail.reply_to",
        "Svaradresse (valgfri).",
        "Reply-To address (optional).",
    ),
    (
        "mail.message_id_domain",
        "Domenet i Message-ID, f.eks. example.org.",
        "Domain of every Message-ID, e.g. example.org.",
    ),
    (
        "mail.recipients_header",
        "to: To navngir mottakergruppene (uten adresser). bcc: To er avsenderen. Gruppene får e-posten gjennom konvolutten i begge tilfeller.",
        "to: To names the groups (no addresses). bcc: To is the sender. The groups receive the mail through the envelope either way.",
    ),
    (
        "recipients",
        "Kontaktgruppene. Alle varsler går til alle.",
        "The contact groups. Every notice goes to all of them.",
    ),
    ("recipients.name", "Gruppens navn.", "Name of the group."),
    (
        "recipients.address",
        "Gruppens e-postadresse.",
        "Email address of the group.",
    ),
    (
        "systems",
        "Tjenestene som kan være nede, etter id.",
        "The systems that can be down, by id.",
    ),
    ("systems.name", "Visningsnavn.", "Display name."),
    (
        "systems.description",
        "Kort beskrivelse (valgfri).",
        "Short description (optional).",
    ),
    (
        "municipalities",
        "Kommunene med koordinatortelefon, etter id.",
        "The municipalities with their coordinator telephones, by id.",
    ),
    (
        "municipalities.name",
        "Kommunens navn.",
        "Name of the municipality.",
    ),
    (
        "municipalities.coordinator_phone",
        "Koordinatortelefon, f.eks. \"+47 69 00 00 00\". Nedetid for en kommune uten nummer avvises.",
        "Coordinator telephone, e.g. \"+47 69 00 00 00\". An outage naming a municipality without one is refused.",
    ),
    (
        "municipalities.note",
        "Merknad som vises ved nummeret.",
        "A note shown next to the number.",
    ),
    (
        "municipalities_from",
        "Les kommunene fra sykehusets kontaktarbeidsbok (V02). Oppføringer under municipalities vinner over arbeidsbokas.",
        "Read the municipalities from the hospital's contact workbook (V02). Entries under municipalities win over the workbook's.",
    ),
    (
        "municipalities_from.workbook",
        "Arbeidsboka, .xlsx eller .xlsm, som sti under nettstedsmappa.",
        "The workbook, .xlsx or .xlsm, as a path under the site folder.",
    ),
    (
        "municipalities_from.sheet",
        "Arket med kommunene (valgfritt; ellers det første synlige arket).",
        "The sheet with the municipalities (optional; otherwise the first visible sheet).",
    ),
    (
        "municipalities_from.columns",
        "Overskriftene på kolonnene; overskriftsraden finnes blant de første 20 radene.",
        "The columns' header texts; the header row is found in the first 20 rows.",
    ),
    (
        "municipalities_from.columns.name",
        "Overskriften over kommunenavnene (standard: Kommune).",
        "The header above the municipality names (default: Kommune).",
    ),
    (
        "municipalities_from.columns.coordinator_phone",
        "Overskriften over koordinatortelefonene (standard: Koordinatortelefon).",
        "The header above the coordinator telephones (default: Koordinatortelefon).",
    ),
    (
        "municipalities_from.columns.id",
        "Overskriften over id-ene (valgfri; ellers lages id-en av navnet).",
        "The header above the ids (optional; otherwise the id is made from the name).",
    ),
    (
        "municipalities_from.columns.note",
        "Overskriften over merknadene (valgfri).",
        "The header above the notes (optional).",
    ),
    (
        "routines",
        "Sider med nødrutiner.",
        "Pages with manual routines.",
    ),
    (
        "routines.default",
        "Nødrutinen som brukes når en nedetid ikke nevner noen: side under content/ uten .md.",
        "The routine used when an outage names none: a page under content/ without .md.",
    ),
];

/// The description of `varsel.yaml` key `key` (dotted below the top level,
/// e.g. `policy.announce_at`) in `language`. Empty for an unknown key.
pub fn config_doc(key: &str, language: Language) -> &'static str {
    lookup(CONFIG_DOCS, key, language)
}

fn object(
    prefix: &str,
    language: Language,
    required: &[&str],
    fields: Vec<(&str, Value)>,
) -> Value {
    let properties: Map<String, Value> = fields
        .into_iter()
        .map(|(key, schema)| {
            let dotted = if prefix.is_empty() {
                key.to_string()
            } else {
                format!("{prefix}.{key}")
            };
            (
                key.to_string(),
                describe(schema, config_doc(&dotted, language)),
            )
        })
        .collect();
    json!({"type": "object", "additionalProperties": false, "required": required, "properties": properties})
}

fn config_schema(language: Language) -> Value {
    let text = || json!({"type": "string", "minLength": 1});
    let clock = || json!({"type": "string", "pattern": CLOCK_PATTERN});
    let zones: Vec<&str> = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect();
    let policy = object(
        "policy",
        language,
        &[],
        vec![
            (
                "min_working_minutes",
                json!({"type": "integer", "minimum": 0}),
            ),
            ("announce_at", clock()),
            (
                "announce_day",
                json!({"type": "string", "enum": ["calendar", "working"]}),
            ),
            ("reminder_at", clock()),
            ("publish_at", clock()),
            (
                "extra_closed_days",
                json!({"type": "array", "items": {"type": "string", "pattern": DATE_PATTERN}}),
            ),
        ],
    );
    let mail = object(
        "mail",
        language,
        &["from", "message_id_domain"],
        vec![
            ("from", text()),
            ("reply_to", text()),
            (
                "message_id_domain",
                json!({"type": "string", "pattern": r"^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$"}),
            ),
            (
                "recipients_header",
                json!({"type": "string", "enum": ["to", "bcc"]}),
            ),
        ],
    );
    let recipient = object(
        "recipients",
        language,
        &["name", "address"],
        vec![
            ("name", text()),
            (
                "address",
                json!({"type": "string", "pattern": "^[^@\\s<>]+@[^@\\s<>]+$"}),
            ),
        ],
    );
    let system = object(
        "systems",
        language,
        &["name"],
        vec![("name", text()), ("description", json!({"type": "string"}))],
    );
    let municipality = object(
        "municipalities",
        language,
        &["name"],
        vec![
            ("name", text()),
            (
                "coordinator_phone",
                json!({"type": "string", "pattern": PHONE_PATTERN}),
            ),
            ("note", json!({"type": "string"})),
        ],
    );
    let directory = |entry: Value| json!({"type": "object", "minProperties": 1, "propertyNames": {"pattern": ID_PATTERN}, "additionalProperties": entry});
    let columns = object(
        "municipalities_from.columns",
        language,
        &["name", "coordinator_phone"],
        vec![
            ("name", text()),
            ("coordinator_phone", text()),
            ("id", text()),
            ("note", text()),
        ],
    );
    let municipalities_from = object(
        "municipalities_from",
        language,
        &["workbook"],
        vec![
            (
                "workbook",
                json!({"type": "string", "pattern": r"^[^/\\:]+(/[^/\\:]+)*\.[xX][lL][sS][xXmM]$"}),
            ),
            ("sheet", text()),
            ("columns", columns),
        ],
    );
    let routines = object(
        "routines",
        language,
        &["default"],
        vec![(
            "default",
            json!({"type": "string", "pattern": PAGE_PATTERN}),
        )],
    );
    let mut root = object(
        "",
        language,
        &[
            "title",
            "base_url",
            "mail",
            "recipients",
            "systems",
            "routines",
        ],
        vec![
            ("title", text()),
            (
                "base_url",
                json!({"type": "string", "pattern": r"^https?://\S+$"}),
            ),
            (
                "language",
                json!({"type": "string", "enum": ["nb", "en"], "default": "nb"}),
            ),
            (
                "timezone",
                json!({"type": "string", "enum": zones, "default": "Europe/Oslo"}),
            ),
            (
                "theme",
                json!({"type": "string", "pattern": ID_PATTERN, "default": "default"}),
            ),
            ("policy", policy),
            ("mail", mail),
            (
                "recipients",
                json!({"type": "array", "minItems": 1, "items": recipient}),
            ),
            ("systems", directory(system)),
            ("municipalities", directory(municipality)),
            ("municipalities_from", municipalities_from),
            ("routines", routines),
        ],
    );
    if let Value::Object(map) = &mut root {
        map.insert(
            "anyOf".into(),
            json!([{"required": ["municipalities"]}, {"required": ["municipalities_from"]}]),
        );
    }
    let (title, description) = match language {
        Language::Nb => (
            "varsel.yaml",
            "Oppsett for nettstedet og e-postvarslene. Kjør `varsel check` for full kontroll.",
        ),
        Language::En => (
            "varsel.yaml",
            "Configuration of the site and the email notices. Run `varsel check` for the full check.",
        ),
    };
    if let Value::Object(map) = &mut root {
        map.insert("$schema".into(), DRAFT.into());
        map.insert("title".into(), title.into());
        map.insert("description".into(), description.into());
    }
    root
}

/// The configuration of the site at `root`, for enums and the language:
/// `None` when there is no `varsel.yaml` (the schema is then generic, in
/// Norwegian); an error when it exists but cannot be used.
pub fn site_config(root: &Path) -> Result<Option<Config>, LoadFailure> {
    let path = root.join(config::FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            let d = Diagnostic::error(
                config::FILE,
                Pos { line: 1, column: 1 },
                crate::catalogue::check::cannot_read(path.display(), e),
            )
            .with_hint(crate::catalogue::check::cannot_read_hint());
            return Err(LoadFailure {
                diagnostics: vec![d],
                sources: Sources::default(),
            });
        }
    };
    let (config, mut diagnostics) = Config::read(&text);
    match config {
        Some(mut config) => {
            let merged = config::merge_workbook(root, &mut config);
            // Bad rows are left out; the rows read are the choices.
            let usable = !merged.fatal && !diagnostics.iter().any(Diagnostic::is_error);
            diagnostics.extend(merged.diagnostics);
            if usable {
                return Ok(Some(config));
            }
            let mut sources = Sources::default();
            sources.add(config::FILE, &text);
            Err(LoadFailure {
                diagnostics,
                sources,
            })
        }
        None => {
            let mut sources = Sources::default();
            sources.add(config::FILE, &text);
            Err(LoadFailure {
                diagnostics,
                sources,
            })
        }
    }
}

/// The schema as the committed files hold it: pretty JSON and a final newline.
pub fn to_text(schema: &Value) -> String {
    let mut text = serde_json::to_string_pretty(schema).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{
        self, MAIL_KEYS, MUNICIPALITY_KEYS, POLICY_KEYS, RECIPIENT_KEYS, ROOT_KEYS, ROUTINE_KEYS,
        SYSTEM_KEYS,
    };
    use crate::outage::{KEYS, UPDATE_KEYS};

    const MINIMAL: &str = "title: T\nbase_url: https://x.example.org/n\nmail: { from: a@example.org, message_id_domain: example.org }\nrecipients: [{ name: G, address: g@example.org }]\nsystems: { plo: { name: PLO } }\nmunicipalities: { halden: { name: Halden, coordinator_phone: \"+47 00 00 00 01\" } }\nroutines: { default: nodrutiner/plo }\n";

    fn keys(schema: &Value) -> Vec<String> {
        let mut keys: Vec<String> = schema["properties"]
            .as_object()
            .expect("properties")
            .keys()
            .cloned()
            .collect();
        keys.sort();
        keys
    }

    fn sorted(list: &[&str]) -> Vec<String> {
        let mut list: Vec<String> = list.iter().map(|s| s.to_string()).collect();
        list.sort();
        list
    }

    #[test]
    fn outage_schema_has_exactly_the_readers_keys() {
        let s = schema(Target::Outage, Language::Nb, None);
        assert_eq!(keys(&s), sorted(KEYS));
        assert_eq!(
            keys(&s["properties"]["updates"]["items"]),
            sorted(UPDATE_KEYS)
        );
    }

    #[test]
    fn config_schema_has_exactly_the_readers_keys() {
        let s = schema(Target::Config, Language::En, None);
        let p = &s["properties"];
        assert_eq!(keys(&s), sorted(ROOT_KEYS));
        assert_eq!(keys(&p["policy"]), sorted(POLICY_KEYS));
        assert_eq!(keys(&p["mail"]), sorted(MAIL_KEYS));
        assert_eq!(keys(&p["routines"]), sorted(ROUTINE_KEYS));
        assert_eq!(keys(&p["recipients"]["items"]), sorted(RECIPIENT_KEYS));
        assert_eq!(
            keys(&p["systems"]["additionalProperties"]),
            sorted(SYSTEM_KEYS)
        );
        assert_eq!(
            keys(&p["municipalities"]["additionalProperties"]),
            sorted(MUNICIPALITY_KEYS)
        );
        let from = &p["municipalities_from"];
        assert_eq!(keys(from), sorted(config::directory::KEYS));
        assert_eq!(
            keys(&from["properties"]["columns"]),
            sorted(config::directory::COLUMN_KEYS)
        );
    }

    #[test]
    fn every_key_is_described_in_both_languages() {
        for language in [Language::Nb, Language::En] {
            for key in KEYS.iter().chain(UPDATE_KEYS) {
                assert!(!outage_doc(key, language).is_empty(), "{key}");
            }
            let nested = [
                ("policy", POLICY_KEYS),
                ("mail", MAIL_KEYS),
                ("routines", ROUTINE_KEYS),
                ("recipients", RECIPIENT_KEYS),
                ("systems", SYSTEM_KEYS),
                ("municipalities", MUNICIPALITY_KEYS),
                ("municipalities_from", config::directory::KEYS),
                (
                    "municipalities_from.columns",
                    config::directory::COLUMN_KEYS,
                ),
            ];
            for key in ROOT_KEYS {
                assert!(!config_doc(key, language).is_empty(), "{key}");
            }
            for (prefix, list) in nested {
                for key in list {
                    assert!(
                        !config_doc(&format!("{prefix}.{key}"), language).is_empty(),
                        "{prefix}.{key}"
                    );
                }
            }
        }
    }

    #[test]
    fn site_ids_become_enums() {
        let (config, _) = config::Config::read(MINIMAL);
        let s = schema(Target::Outage, Language::Nb, config.as_ref());
        assert_eq!(s["properties"]["systems"]["items"]["enum"], json!(["plo"]));
        assert_eq!(
            s["properties"]["municipalities"]["anyOf"][1]["items"]["enum"],
            json!(["halden"])
        );
        let generic = schema(Target::Outage, Language::Nb, None);
        assert_eq!(
            generic["properties"]["systems"]["items"]["pattern"],
            json!(ID_PATTERN)
        );
    }

    #[test]
    fn descriptions_follow_the_language() {
        let nb = schema(Target::Outage, Language::Nb, None);
        let en = schema(Target::Outage, Language::En, None);
        assert!(
            nb["properties"]["end"]["description"]
                .as_str()
                .unwrap()
                .contains("Påkrevd")
        );
        assert!(
            en["properties"]["end"]["description"]
                .as_str()
                .unwrap()
                .contains("Required")
        );
    }
}
