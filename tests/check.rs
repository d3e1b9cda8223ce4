//! `varsel check` through the real binary: one fixture file per rule under
//! `tests/fixtures/check/`, each with the exact line, column and key words
//! of every diagnostic it must produce, plus exit codes and the three output
//! formats.

mod support;

use std::collections::BTreeSet;

use serde_json::Value;
use support::{Site, VALID_OUTAGE, fixtures};

/// Every run uses this `now`, so the warnings about time are stable.
const NOW: &str = "2026-12-01 10:00";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sev {
    E,
    W,
}
use Sev::{E, W};

/// One expected diagnostic: severity, line, column (0 = any), key words that
/// must all occur in the message or the hint.
type Expect = (Sev, u32, u32, &'static [&'static str]);

/// An outage fixture (`tests/fixtures/check/outages/<file>`), the config it
/// runs with (`None` = the builder's minimal config, else a file in
/// `tests/fixtures/check/configs/`) and everything it must report.
struct Case {
    file: &'static str,
    config: Option<&'static str>,
    expect: &'static [Expect],
}

const fn case(file: &'static str, expect: &'static [Expect]) -> Case {
    Case {
        file,
        config: None,
        expect,
    }
}

const CASES: &[Case] = &[
    case(
        "unknown-key.yaml",
        &[(
            E,
            7,
            1,
            &[
                "unknown key `municipalites`",
                "did you mean `municipalities`?",
            ],
        )],
    ),
    case("missing-title.yaml", &[(E, 2, 1, &["has no `title`"])]),
    case("missing-kind.yaml", &[(E, 2, 1, &["has no `kind`"])]),
    case("missing-start.yaml", &[(E, 2, 1, &["has no `start`"])]),
    case("missing-systems.yaml", &[(E, 2, 1, &["has no `systems`"])]),
    case(
        "missing-municipalities.yaml",
        &[(E, 2, 1, &["has no `municipalities`"])],
    ),
    case(
        "planned-without-end.yaml",
        &[(E, 2, 1, &["planned outage has no `end`", "end: "])],
    ),
    case(
        "end-before-start.yaml",
        &[(E, 5, 1, &["`end` (2026-12-03 17:00) is not after `start`"])],
    ),
    case(
        "ended-before-start.yaml",
        &[(
            E,
            5,
            1,
            &["`ended` (2026-11-30 13:05) is not after `start`"],
        )],
    ),
    case(
        "unknown-system.yaml",
        &[(
            E,
            6,
            16,
            &[
                "unknown system `epikrise`",
                "known systems: plo, dialogmeldinger",
            ],
        )],
    ),
    case(
        "unknown-municipality.yaml",
        &[(
            E,
            9,
            5,
            &["unknown municipality `mos`", "did you mean `moss`?"],
        )],
    ),
    Case {
        file: "municipality-without-phone.yaml",
        config: Some("valid-aremark-without-phone.yaml"),
        expect: &[(
            E,
            8,
            26,
            &[
                "Aremark has no coordinator telephone",
                "`coordinator_phone:` under `municipalities.aremark`",
            ],
        )],
    },
    case(
        "unknown-routine.yaml",
        &[(
            E,
            8,
            10,
            &["routine page `content/nodrutiner/epikrise.md` does not exist"],
        )],
    ),
    case(
        "notify-without-reason.yaml",
        &[(
            E,
            8,
            1,
            &["`notify_reason` is missing", "add `notify_reason:`"],
        )],
    ),
    case(
        "bad-notify.yaml",
        &[(E, 8, 9, &["unknown `notify` value `sometimes`", "`always`"])],
    ),
    case(
        "bad-kind.yaml",
        &[(
            E,
            3,
            7,
            &["unknown kind `plannd`", "did you mean `planned`?"],
        )],
    ),
    case(
        "title-line-break.yaml",
        &[(E, 2, 8, &["`title` has a line break", "one line"])],
    ),
    case(
        "title-too-long.yaml",
        &[(E, 2, 8, &["121 characters long, more than 120", "shorten"])],
    ),
    case(
        "Bad_Name.yaml",
        &[(
            E,
            1,
            1,
            &["`Bad_Name.yaml` is not a valid outage id", "lowercase"],
        )],
    ),
    case(
        "duplicate-key.yaml",
        &[(E, 6, 1, &["`start` is given twice", "first on line 4"])],
    ),
    case(
        "dst-gap.yaml",
        &[(
            E,
            4,
            8,
            &[
                "2026-03-29 02:30 does not exist in Europe/Oslo",
                "jump forward",
            ],
        )],
    ),
    case(
        "dst-ambiguous.yaml",
        &[(
            E,
            4,
            8,
            &[
                "2026-10-25 02:30 happens twice",
                "go back",
                "2026-10-25T02:30+02:00",
                "2026-10-25T02:30+01:00",
            ],
        )],
    ),
    case("dst-ambiguous-with-offset.yaml", &[]),
    case(
        "bad-time-format.yaml",
        &[(
            E,
            4,
            8,
            &[
                "`03.12.2026 18:00` is not a date and time",
                "YYYY-MM-DD HH:MM",
            ],
        )],
    ),
    case(
        "cancelled-acute.yaml",
        &[(E, 5, 1, &["acute outage cannot be cancelled", "ended:"])],
    ),
    case(
        "cancelled-and-ended.yaml",
        &[(E, 7, 1, &["both `cancelled` and `ended`"])],
    ),
    case("empty.yaml", &[(E, 1, 1, &["the outage file is empty"])]),
    case(
        "binary.yaml",
        &[(E, 2, 7, &["not UTF-8", "save the file as UTF-8"])],
    ),
    case(
        "tab-indent.yaml",
        &[(
            E,
            8,
            1,
            &["tab", "only spaces", "replace the tab with spaces"],
        )],
    ),
    case(
        "tab-in-text.yaml",
        &[(
            E,
            11,
            1,
            &["tab", "only spaces", "replace the tab with spaces"],
        )],
    ),
    case(
        "control-characters.yaml",
        &[(E, 1, 20, &["not valid YAML", "unexpected character"])],
    ),
    case(
        "alias-bomb.yaml",
        &[(
            E,
            4,
            0,
            &["anchors, aliases or nesting", "write the values out"],
        )],
    ),
    case(
        "recursive-alias.yaml",
        &[(
            E,
            2,
            12,
            &["alias (`*`) refers to the anchor (`&`) it is inside"],
        )],
    ),
    case(
        "deep-nesting.yaml",
        &[(E, 2, 0, &["nested too deeply", "few levels of nesting"])],
    ),
    case(
        "not-a-mapping.yaml",
        &[(
            E,
            2,
            1,
            &["should be a mapping of `key: value` lines, found a list"],
        )],
    ),
    case(
        "wrong-types.yaml",
        &[
            (E, 2, 8, &["`title` should be text, found a list"]),
            (E, 5, 3, &["`start` should be text, found a mapping"]),
            (
                E,
                7,
                12,
                &["`cancelled` should be true or false, found text"],
            ),
            (
                E,
                8,
                10,
                &["`systems` should be a list, found text", "[a, b]"],
            ),
        ],
    ),
    // Every problem of one file, in one run.
    case(
        "many-errors.yaml",
        &[
            (E, 3, 7, &["unknown kind `plannd`"]),
            (E, 5, 1, &["`end` (2026-12-03 17:00) is not after `start`"]),
            (E, 6, 16, &["unknown system `epikrise`"]),
            (E, 7, 26, &["unknown municipality `mos`"]),
            (E, 8, 1, &["`notify_reason` is missing"]),
            (
                E,
                9,
                1,
                &["unknown key `descripton`", "did you mean `description`?"],
            ),
        ],
    ),
    case(
        "wrong-extension.txt",
        &[(
            W,
            1,
            1,
            &["this file is not read", "end in `.yaml` (or `.yml`)"],
        )],
    ),
    case("valid-short-extension.yml", &[]),
    case(
        "com1.yaml",
        &[(
            E,
            1,
            1,
            &["`com1` is a name Windows reserves", "rename the file"],
        )],
    ),
    case(
        "bidi-title.yaml",
        &[(
            E,
            2,
            25,
            &[
                "`title` holds the invisible direction control U+202E (character 17)",
                "retype",
            ],
        )],
    ),
    case(
        "bidi-update.yaml",
        &[(
            E,
            9,
            41,
            &["`text` holds the invisible direction control U+2068 (character 6)"],
        )],
    ),
    case(
        "bidi-block.yaml",
        &[(
            E,
            12,
            12,
            &["`text` holds the invisible direction control U+202A (character 23)"],
        )],
    ),
    case(
        "acute-open-long.yaml",
        &[(W, 4, 1, &["open for more than 24 hours", "set `ended:`"])],
    ),
    case(
        "ended-in-future.yaml",
        &[(
            W,
            5,
            1,
            &[
                "`ended` (2026-12-01 12:00) lies in the future",
                // Not "ongoing": a planned outage may not have started yet.
                "until then the outage is not over",
                "an estimate belongs in `end:`",
            ],
        )],
    ),
    case(
        "longer-than-week.yaml",
        &[(W, 5, 1, &["lasts more than 7 days"])],
    ),
    case(
        "far-ahead.yaml",
        &[(W, 4, 1, &["starts more than a year from now", "year"])],
    ),
];

/// A config fixture (`tests/fixtures/check/configs/<file>`); each makes
/// `check` stop with exit status 2 and exactly these errors in varsel.yaml.
const CONFIG_CASES: &[(&str, &[Expect])] = &[
    (
        "bad-email.yaml",
        &[(
            E,
            9,
            9,
            &["`Meldingsansvarlige meldinger.example.org` is not an email address"],
        )],
    ),
    (
        "bad-phone.yaml",
        &[(
            E,
            16,
            46,
            &["`ring sentralbordet` is not a telephone number", "+47"],
        )],
    ),
    (
        "unknown-zone.yaml",
        &[(
            E,
            5,
            11,
            &[
                "unknown time zone `Europe/Olso`",
                "did you mean `Europe/Oslo`?",
            ],
        )],
    ),
    (
        "bad-clock.yaml",
        &[(
            E,
            7,
            16,
            &["`announce_at` is `11`, which is not a clock time", "HH:MM"],
        )],
    ),
    (
        "missing-routine-page.yaml",
        &[(
            E,
            18,
            12,
            &["default routine page `content/nodrutiner/finnes-ikke.md` does not exist"],
        )],
    ),
    (
        "unknown-key.yaml",
        &[(
            E,
            4,
            1,
            &["unknown key `langauge`", "did you mean `language`?"],
        )],
    ),
    (
        "bad-base-url.yaml",
        &[(
            E,
            3,
            11,
            &[
                "`intranett.example.org/nedetid` is not a web address",
                "https://",
            ],
        )],
    ),
    (
        "empty-recipients.yaml",
        &[(E, 11, 13, &["`recipients` is empty", "contact groups"])],
    ),
];

fn fixture(kind: &str, file: &str) -> Vec<u8> {
    let path = fixtures().join("check").join(kind).join(file);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn config_fixture(file: &str) -> String {
    String::from_utf8(fixture("configs", file)).expect("config fixtures are UTF-8")
}

/// The diagnostics of `check --format json` as (severity, file, line, column, message + hint).
fn diagnostics(json: &Value) -> Vec<(Sev, String, u32, u32, String)> {
    let mut out = Vec::new();
    for (key, sev) in [("errors", E), ("warnings", W)] {
        for d in json[key].as_array().expect("a list") {
            out.push((
                sev,
                d["file"].as_str().expect("file").to_string(),
                d["line"].as_u64().expect("line") as u32,
                d["column"].as_u64().expect("column") as u32,
                format!(
                    "{}\nhint: {}",
                    d["message"].as_str().expect("message"),
                    d["hint"].as_str().unwrap_or("")
                ),
            ));
        }
    }
    out.sort_by(|a, b| (&a.1, a.2, a.3).cmp(&(&b.1, b.2, b.3)));
    out
}

/// Compares what was reported for `file` with `expect`; returns the problems.
fn compare(
    file: &str,
    found: &[(Sev, String, u32, u32, String)],
    expect: &[Expect],
) -> Vec<String> {
    let found: Vec<_> = found.iter().filter(|d| d.1 == file).collect();
    let mut problems = Vec::new();
    if found.len() != expect.len() {
        problems.push(format!(
            "{file}: expected {} diagnostic(s), found {}: {found:#?}",
            expect.len(),
            found.len()
        ));
        return problems;
    }
    for (d, (sev, line, column, words)) in found.iter().zip(expect) {
        let place_ok = d.0 == *sev && d.2 == *line && (*column == 0 || d.3 == *column);
        let missing: Vec<_> = words.iter().filter(|w| !d.4.contains(**w)).collect();
        if !place_ok || !missing.is_empty() {
            problems.push(format!(
                "{file}: expected {sev:?} at {line}:{column} with {words:?}, found {d:?}"
            ));
        }
    }
    problems
}

/// `send --dry-run` and `build` on `site`, in English: what each said,
/// with its arguments (both name the entries of `outages/` they leave out).
fn send_and_build(site: &Site) -> Vec<(&'static [&'static str], support::Output)> {
    [
        &["--now", "2026-12-02 11:00", "send", "--dry-run"][..],
        &["--now", NOW, "build"][..],
    ]
    .into_iter()
    .map(|args| {
        let mut all = vec!["--lang", "en"];
        all.extend_from_slice(args);
        (args, site.run(&all))
    })
    .collect()
}

fn check_json(site: &Site, extra: &[&str]) -> (support::Output, Value) {
    let mut args = vec!["--lang", "en", "--now", NOW, "check", "--format", "json"];
    args.extend_from_slice(extra);
    let out = site.run(&args);
    let json = out.json();
    (out, json)
}

#[test]
fn each_fixture_reports_exactly_its_problems() {
    let mut problems = Vec::new();
    for case in CASES {
        let mut site = Site::new().outage_bytes(case.file, &fixture("outages", case.file));
        if let Some(config) = case.config {
            site = site.config(&config_fixture(config));
        }
        let (out, json) = check_json(&site, &[]);
        let found = diagnostics(&json);
        let file = format!("outages/{}", case.file);
        problems.extend(compare(&file, &found, case.expect));
        if let Some(other) = found.iter().find(|d| d.1 != file) {
            problems.push(format!(
                "{file}: unexpected diagnostic elsewhere: {other:?}"
            ));
        }
        let errors = case.expect.iter().any(|e| e.0 == E);
        let warnings = case.expect.iter().any(|e| e.0 == W);
        let code = if errors { 1 } else { 0 };
        if out.code != code {
            problems.push(format!("{file}: exit {} instead of {code}", out.code));
        }
        if warnings && !errors {
            let denied = site.run(&["--lang", "en", "--now", NOW, "check", "--deny-warnings"]);
            if denied.code != 1 {
                problems.push(format!(
                    "{file}: --deny-warnings exit {} instead of 1",
                    denied.code
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_fixture_file_has_a_case() {
    let listed: BTreeSet<&str> = CASES.iter().map(|c| c.file).collect();
    let on_disk: BTreeSet<String> = std::fs::read_dir(fixtures().join("check/outages"))
        .expect("fixture folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    let on_disk: BTreeSet<&str> = on_disk.iter().map(String::as_str).collect();
    assert_eq!(listed, on_disk);
    let configs: BTreeSet<String> = std::fs::read_dir(fixtures().join("check/configs"))
        .expect("config fixture folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with("valid-"))
        .collect();
    let listed: BTreeSet<String> = CONFIG_CASES.iter().map(|c| c.0.to_string()).collect();
    assert_eq!(listed, configs);
}

/// All fixtures in one site: one broken file hides nothing in the others,
/// and the valid one is still loaded.
#[test]
fn one_site_with_every_fixture_reports_each_file_as_alone() {
    let mut site = Site::new();
    let mut cases = Vec::new();
    for case in CASES.iter().filter(|c| c.config.is_none()) {
        site = site.outage_bytes(case.file, &fixture("outages", case.file));
        cases.push(case);
    }
    let (out, json) = check_json(&site, &[]);
    assert_eq!(out.code, 1, "{out}");
    let found = diagnostics(&json);
    let mut problems = Vec::new();
    for case in &cases {
        problems.extend(compare(
            &format!("outages/{}", case.file),
            &found,
            case.expect,
        ));
    }
    let total: usize = cases.iter().map(|c| c.expect.len()).sum();
    assert_eq!(found.len(), total, "{found:#?}");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let human = site.run(&["--lang", "en", "--now", NOW, "check"]);
    let valid = cases
        .iter()
        .filter(|c| {
            c.expect.iter().all(|e| e.0 == W)
                && (c.file.ends_with(".yaml") || c.file.ends_with(".yml"))
        })
        .count();
    assert!(
        human
            .stderr
            .contains(&format!("{valid} outage file(s) valid")),
        "{human}"
    );
}

#[test]
fn each_config_error_stops_with_exit_2() {
    let mut problems = Vec::new();
    for (file, expect) in CONFIG_CASES {
        let site = Site::new()
            .outage("2026-12-03-meldingstjener", VALID_OUTAGE)
            .config(&config_fixture(file));
        let (out, json) = check_json(&site, &[]);
        if out.code != 2 {
            problems.push(format!("{file}: exit {} instead of 2", out.code));
        }
        let found = diagnostics(&json);
        problems.extend(
            compare("varsel.yaml", &found, expect)
                .into_iter()
                .map(|p| format!("{file} → {p}")),
        );
        let human = site.run(&["--lang", "en", "--now", NOW, "check"]);
        if human.code != 2 || !human.stderr.contains("configuration cannot be used") {
            problems.push(format!("{file}: human output:\n{human}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_clean_site_exits_0_and_says_so() {
    let site = Site::new().outage("2026-12-03-meldingstjener", VALID_OUTAGE);
    let out = site.run(&["--lang", "en", "--now", NOW, "check", "--deny-warnings"]);
    assert_eq!(out.code, 0, "{out}");
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr
            .contains("1 outage file(s) and varsel.yaml are valid"),
        "{out}"
    );
    let (out, json) = check_json(&site, &[]);
    assert_eq!(out.code, 0, "{out}");
    assert_eq!(json, serde_json::json!({"errors": [], "warnings": []}));
}

#[test]
fn a_page_or_email_template_that_does_not_compile_is_an_error_naming_it() {
    // Nothing is due: without `check`, the broken email template would only
    // be found when a notice is.
    let site = Site::new()
        .outage("2026-12-03-meldingstjener", VALID_OUTAGE)
        .file("themes/default/email/announce.txt", "Hei\n{{ outage.title ");
    let out = site.run(&["--lang", "en", "--now", NOW, "check"]);
    assert_eq!(out.code, 1, "{out}");
    assert!(
        out.stdout
            .contains("themes/default/email/announce.txt does not compile"),
        "{out}"
    );
    let (out, json) = check_json(&site, &[]);
    assert_eq!(out.code, 1, "{out}");
    assert_eq!(
        json["errors"][0]["file"], "themes/default/email/announce.txt",
        "{json:#}"
    );
    assert_eq!(json["errors"][0]["line"], 2, "{json:#}");

    let site = Site::new().file("themes/default/templates/outage.html", "{% if %}");
    let out = site.run(&["--lang", "en", "--now", NOW, "check", "--format", "github"]);
    assert_eq!(out.code, 1, "{out}");
    assert!(
        out.stdout
            .contains("file=themes/default/templates/outage.html"),
        "{out}"
    );
}

#[test]
fn the_repository_site_has_no_errors() {
    let out = support::run(
        &support::repository(),
        &[
            "--lang",
            "en",
            "--now",
            "2026-11-26 14:00",
            "check",
            "--format",
            "json",
        ],
    );
    let json = out.json();
    assert_eq!(json["errors"], serde_json::json!([]), "{json:#}");
    assert_eq!(out.code, 0);
}

#[test]
fn warnings_fail_only_with_deny_warnings() {
    let site = Site::new().outage(
        "far-ahead",
        &String::from_utf8_lossy(&fixture("outages", "far-ahead.yaml")),
    );
    assert_eq!(site.run(&["--lang", "en", "--now", NOW, "check"]).code, 0);
    assert_eq!(
        site.run(&["--lang", "en", "--now", NOW, "check", "--deny-warnings"])
            .code,
        1
    );
    // Less than a year before the start, the warning is gone.
    let later = site.run(&[
        "--lang",
        "en",
        "--now",
        "2027-06-01 10:00",
        "check",
        "--deny-warnings",
    ]);
    assert_eq!(later.code, 0, "{later}");
}

#[test]
fn human_format_shows_place_line_and_hint() {
    let site = Site::new().outage(
        "bad-kind",
        &String::from_utf8_lossy(&fixture("outages", "bad-kind.yaml")),
    );
    let out = site.run(&["--lang", "en", "--now", NOW, "check"]);
    assert_eq!(out.code, 1, "{out}");
    for expected in [
        "error: unknown kind `plannd`",
        "outages/bad-kind.yaml:3:7",
        "kind: plannd",
        "^^^^^^",
        "hint: did you mean `planned`?",
    ] {
        assert!(out.stdout.contains(expected), "no {expected:?} in:\n{out}");
    }
    assert!(out.stderr.contains("1 error(s), 0 warning(s)"), "{out}");
}

#[test]
fn github_format_prints_annotations() {
    let site = Site::new()
        .outage(
            "bad-kind",
            &String::from_utf8_lossy(&fixture("outages", "bad-kind.yaml")),
        )
        .outage(
            "far-ahead",
            &String::from_utf8_lossy(&fixture("outages", "far-ahead.yaml")),
        );
    let out = site.run(&["--lang", "en", "--now", NOW, "check", "--format", "github"]);
    assert_eq!(out.code, 1, "{out}");
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].starts_with("::error file=outages/bad-kind.yaml,line=3,col=7,")
            && lines[0].contains("::unknown kind `plannd`%0Ahint: did you mean `planned`?"),
        "{out}"
    );
    assert!(
        lines[1].starts_with("::warning file=outages/far-ahead.yaml,line=4,col=1,"),
        "{out}"
    );
}

#[test]
fn bad_now_is_a_usage_error() {
    let out = Site::new().run(&["--lang", "en", "--now", "i morgen", "check"]);
    assert_eq!(out.code, 2, "{out}");
    assert!(out.stdout.contains("--now"), "{out}");
}

/// SPEC §3: nothing in `outages/` is silently left out. A symbolic link
/// and two files for one id are errors, a folder a warning; `send` and
/// `build` say the same about what they leave out.
#[test]
fn links_folders_and_twin_files_in_outages_are_reported_never_skipped() {
    let site = Site::new()
        .outage("a", VALID_OUTAGE)
        .file("outages/twin.yaml", VALID_OUTAGE)
        .file("outages/twin.yml", VALID_OUTAGE)
        .file("outages/archive/old.yaml", VALID_OUTAGE)
        .file("ledger.jsonl", "");
    std::os::unix::fs::symlink(
        site.root().join("outages/a.yaml"),
        site.root().join("outages/link.yaml"),
    )
    .unwrap();
    let (out, json) = check_json(&site, &[]);
    assert_eq!(out.code, 1, "{out}");
    let found = diagnostics(&json);
    let mut problems = Vec::new();
    let twins: &[Expect] = &[(
        E,
        1,
        1,
        &["both `twin.yaml` and `twin.yml` exist", "keep one"],
    )];
    for (file, expect) in [
        (
            "outages/link.yaml",
            &[(E, 1, 1, &["symbolic link", "the file itself"][..])][..],
        ),
        ("outages/twin.yaml", twins),
        ("outages/twin.yml", twins),
        (
            "outages/archive",
            &[(
                W,
                1,
                1,
                &["this folder is not read", "move its files up"][..],
            )][..],
        ),
    ] {
        problems.extend(compare(file, &found, expect));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(found.len(), 4, "{found:#?}");
    for (args, out) in send_and_build(&site) {
        assert_eq!(out.code, 1, "{args:?}: {out}");
        for said in [
            "outages/archive",
            "this folder is not read",
            "outages/link.yaml",
            "symbolic link",
            "outages/twin.yml",
        ] {
            assert!(
                out.stderr.contains(said),
                "{args:?} did not say {said}: {out}"
            );
        }
    }
}

/// SPEC §3: a hidden `.yaml` file (hidden by mistake) is warned about, in
/// `check`, `send` and `build`; what is clearly no coordinator's file
/// (`.gitkeep`, an editor's swap, lock or backup file) is skipped.
#[test]
fn a_hidden_outage_file_is_warned_about_and_editor_files_are_skipped() {
    let site = Site::new()
        .outage("a", VALID_OUTAGE)
        .file("outages/.2026-12-03-x.yaml", VALID_OUTAGE)
        .file("outages/.gitkeep", "")
        .file("outages/.a.yaml.swp", "swap")
        .file("outages/a.yaml~", VALID_OUTAGE)
        .file("ledger.jsonl", "");
    // Emacs's lock: a dangling link named after the file being edited.
    std::os::unix::fs::symlink(
        "someone@host.1234:1700000000",
        site.root().join("outages/.#a.yaml"),
    )
    .unwrap();
    let (out, json) = check_json(&site, &[]);
    assert_eq!(out.code, 0, "{out}");
    let found = diagnostics(&json);
    let problems = compare(
        "outages/.2026-12-03-x.yaml",
        &found,
        &[(
            W,
            1,
            1,
            &[
                "its name starts with a dot, so it is hidden",
                "rename it to `2026-12-03-x.yaml` (without the leading dot)",
            ][..],
        )],
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(found.len(), 1, "{found:#?}");
    for (args, out) in send_and_build(&site) {
        for said in ["outages/.2026-12-03-x.yaml", "hidden"] {
            assert!(
                out.stderr.contains(said),
                "{args:?} did not say {said}: {out}"
            );
        }
        for quiet in [".gitkeep", ".swp", "a.yaml~", ".#a.yaml"] {
            assert!(!out.stderr.contains(quiet), "{args:?} named {quiet}: {out}");
        }
    }
}
