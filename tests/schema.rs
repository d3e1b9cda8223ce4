//! `varsel schema`: the committed schemas equal the command's output, every
//! example outage passes the outage schema, and each invalid fixture is
//! rejected by the schema for the same reason `varsel check` gives.

mod support;

use std::path::Path;

use serde_json::Value;
use support::{Site, repository as repo};

fn schema_output(root: &Path, target: &str) -> String {
    let out = support::run(root, &["schema", target]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.stdout
}

/// Regenerate with `UPDATE_SCHEMAS=1 cargo test --test schema`.
#[test]
fn committed_schemas_equal_the_command_output() {
    for target in ["outage", "config"] {
        let generated = schema_output(&repo(), target);
        let path = repo().join(format!("schemas/{target}.schema.json"));
        if std::env::var_os("UPDATE_SCHEMAS").is_some() {
            std::fs::write(&path, &generated).expect("write schema");
        }
        let committed = std::fs::read_to_string(&path).expect("committed schema");
        assert!(
            committed == generated,
            "{} is out of date: run `UPDATE_SCHEMAS=1 cargo test --test schema`",
            path.display()
        );
    }
}

fn validator(target: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(repo().join(format!("schemas/{target}.schema.json")))
        .expect("schema");
    let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("schema compiles")
}

fn yaml_to_json(text: &str) -> Value {
    varsel::yaml_json::to_json(&varsel::yaml::parse(text).expect("YAML"))
}

/// (instance path, schema path) of every schema error.
fn schema_errors(v: &jsonschema::Validator, text: &str) -> Vec<(String, String)> {
    let instance = yaml_to_json(text);
    v.iter_errors(&instance)
        .map(|e| (e.instance_path().to_string(), e.schema_path().to_string()))
        .collect()
}

#[test]
fn every_example_outage_and_the_config_pass_the_schemas() {
    let outage = validator("outage");
    let mut seen = 0;
    for entry in std::fs::read_dir(repo().join("outages")).expect("outages/") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let text = std::fs::read_to_string(&path).expect("read");
            assert_eq!(schema_errors(&outage, &text), vec![], "{}", path.display());
            seen += 1;
        }
    }
    assert!(seen >= 3, "expected the example outages, found {seen}");
    let config = std::fs::read_to_string(repo().join("varsel.yaml")).expect("varsel.yaml");
    assert_eq!(schema_errors(&validator("config"), &config), vec![]);
}

const VALID: &str = "title: Oppgradering\nkind: planned\nstart: 2026-12-03 18:00\nend: 2026-12-03 22:00\nsystems: [plo]\nmunicipalities: all\n";

/// (name, file text, what `check` says, instance path, end of the schema path).
const INVALID: &[(&str, &str, &str, &str, &str)] = &[
    (
        "unknown-key",
        "colour: red\n",
        "unknown key `colour`",
        "",
        "/additionalProperties",
    ),
    (
        "bad-kind",
        "kind: planed\n",
        "unknown kind `planed`",
        "/kind",
        "/enum",
    ),
    (
        "no-end",
        "end: ~\n",
        "a planned outage has no `end`",
        "",
        "/allOf/0/then/required",
    ),
    (
        "notify-never",
        "notify: never\n",
        "`notify_reason` is missing",
        "",
        "/allOf/1/then/required",
    ),
    (
        "bad-time",
        "start: 3.12.2026 18:00\n",
        "is not a date and time",
        "/start",
        "/pattern",
    ),
    (
        "unknown-system",
        "systems: [plo, journal]\n",
        "unknown system `journal`",
        "/systems/1",
        "/enum",
    ),
    (
        "unknown-municipality",
        "municipalities: [halden, oslo]\n",
        "unknown municipality `oslo`",
        "/municipalities",
        "/anyOf",
    ),
    (
        "acute-cancelled",
        "kind: acute\ncancelled: true\n",
        "cannot be cancelled",
        "/cancelled",
        "/allOf/2/then/properties/cancelled/const",
    ),
    (
        "cancelled-and-ended",
        "cancelled: true\nended: 2026-12-03 20:00\n",
        "both `cancelled` and `ended`",
        "",
        "/allOf/3/then/not",
    ),
    (
        "long-title",
        "title: \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"\n",
        "more than 120",
        "/title",
        "/maxLength",
    ),
    (
        "title-control",
        "title: \"Oppgradering\\tPLO\"\n",
        "control characters",
        "/title",
        "/pattern",
    ),
    (
        "blank-reason",
        "notify: always\nnotify_reason: \" \"\n",
        "`notify_reason` is missing",
        "/notify_reason",
        "/pattern",
    ),
    (
        "bad-update",
        "updates: [{ at: 2026-12-03 19:00, txt: x }]\n",
        "unknown key `txt`",
        "/updates/0",
        "/additionalProperties",
    ),
];

/// The valid outage with `change`'s keys replacing (or, for `~`, removing) its own.
fn with(change: &str) -> String {
    let changed: Vec<(&str, &str)> = change.lines().filter_map(|l| l.split_once(": ")).collect();
    let mut out = String::new();
    for line in VALID.lines() {
        let key = line.split_once(": ").map_or("", |(k, _)| k);
        if !changed.iter().any(|(k, _)| *k == key) {
            out.push_str(line);
            out.push('\n');
        }
    }
    for (key, value) in changed {
        if value != "~" {
            out.push_str(&format!("{key}: {value}\n"));
        }
    }
    out
}

#[test]
fn invalid_fixtures_are_rejected_by_check_and_schema_for_the_same_reason() {
    let v = validator("outage");
    assert_eq!(
        schema_errors(&v, VALID),
        vec![],
        "the base fixture is valid"
    );
    let site = Site::repository();
    for (name, change, message, instance, schema_end) in INVALID {
        let text = with(change);
        let file = support::outage_path(name);
        site.write(&file, &text);
        let out = site.run(&[
            "--lang",
            "en",
            "--now",
            "2026-12-01 10:00",
            "check",
            "--format",
            "json",
        ]);
        site.delete(&file);
        assert_eq!(out.code, 1, "{name}: check must fail");
        let report: Value = serde_json::from_str(&out.stdout).expect("json");
        let messages: Vec<&str> = report["errors"]
            .as_array()
            .expect("errors")
            .iter()
            .filter_map(|e| e["message"].as_str())
            .collect();
        assert!(
            messages.iter().any(|m| m.contains(message)),
            "{name}: check said {messages:?}"
        );
        let errors = schema_errors(&v, &text);
        assert!(
            errors
                .iter()
                .any(|(i, s)| i == instance && s.ends_with(schema_end)),
            "{name}: schema said {errors:?}\n{text}"
        );
    }
}

#[test]
fn without_a_site_the_schema_is_generic_and_norwegian() {
    let empty = Site::empty();
    let schema: Value = serde_json::from_str(&schema_output(empty.root(), "outage")).expect("json");
    let systems = &schema["properties"]["systems"]["items"];
    assert!(systems.get("enum").is_none() && systems["pattern"].is_string());
    assert!(
        schema["properties"]["end"]["description"]
            .as_str()
            .expect("description")
            .contains("Påkrevd")
    );
}

#[test]
fn an_english_site_gets_english_descriptions_and_its_ids() {
    let config = std::fs::read_to_string(repo().join("varsel.yaml"))
        .expect("varsel.yaml")
        .replace("language: nb", "language: en");
    let site = Site::empty().config(&config);
    let schema: Value = serde_json::from_str(&schema_output(site.root(), "outage")).expect("json");
    assert!(
        schema["properties"]["end"]["description"]
            .as_str()
            .expect("description")
            .contains("Required")
    );
    let systems = schema["properties"]["systems"]["items"]["enum"]
        .as_array()
        .expect("enum");
    assert!(systems.iter().any(|s| s == "plo"));
}

#[test]
fn a_broken_config_is_bad_usage() {
    let site = Site::empty().config("title: [\n");
    assert_eq!(site.run(&["schema", "config"]).code, 2);
}
