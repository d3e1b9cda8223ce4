//! `varsel plan` and `varsel explain` through the real binary, on small
//! fixture sites built in temp dirs and on the repository's own site.

mod support;

use serde_json::Value;
use support::{MINIMAL_CONFIG, Output, Site};

/// A fixture site: the minimal configuration and the given outage files.
fn site(outages: &[(&str, &str)]) -> Site {
    outages
        .iter()
        .fold(Site::new(), |site, (id, text)| site.outage(id, text))
}

fn outage(kind: &str, start: &str, end: &str, extra: &str) -> String {
    format!(
        "title: T\nkind: {kind}\nstart: {start}\nend: {end}\nsystems: [plo]\nmunicipalities: all\n{extra}description: D\n"
    )
}

fn notices(plan: &Value, id: &str) -> Vec<(String, String, String)> {
    let outage = plan["outages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == id)
        .unwrap();
    outage["notices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["kind"].as_str().unwrap().to_string(),
                n["due"].as_str().unwrap().to_string(),
                n["state"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn triples(list: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    list.iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect()
}

const LEDGER: &str = r#"{"v":1,"outage":"2026-12-03-server","kind":"announce","state":"sending","start":"2026-12-03T18:00:00+01:00","end":"2026-12-03T22:00:00+01:00","at":"2026-12-02T11:00:01+01:00","message_id":"<2026-12-03-server.announce@example.org>"}
{"v":1,"outage":"2026-12-03-server","kind":"announce","state":"sent","start":"2026-12-03T18:00:00+01:00","end":"2026-12-03T22:00:00+01:00","at":"2026-12-02T11:00:04+01:00","message_id":"<2026-12-03-server.announce@example.org>"}
"#;

#[test]
fn plan_json_has_exact_due_times_and_states() {
    let server = outage("planned", "2026-12-03 18:00", "2026-12-03 22:00", "");
    let moved = outage("planned", "2026-12-04 18:00", "2026-12-04 22:00", "");
    let christmas = outage("planned", "2026-12-25 08:00", "2026-12-26 20:00", "");
    let dst = outage("planned", "2026-10-26 09:00", "2026-10-26 12:00", "");
    let dir = site(&[
        ("2026-12-03-server", &server),
        ("2026-12-04-moved", &moved),
        ("2026-12-25-christmas", &christmas),
        ("2026-10-26-dst", &dst),
    ]);
    dir.write("ledger.jsonl", LEDGER);
    let Output {
        code,
        stdout: out,
        stderr: err,
    } = dir.run(&["--now", "2026-12-03 07:05", "plan", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let plan: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(plan["now"], "2026-12-03T07:05:00+01:00");
    assert_eq!(plan["errors"], Value::Array(vec![]));
    assert_eq!(
        notices(&plan, "2026-12-03-server"),
        triples(&[
            ("announce", "2026-12-02T11:00:00+01:00", "sent"),
            ("reminder", "2026-12-03T07:00:00+01:00", "due"),
        ])
    );
    // The next day's outage: both notices still ahead.
    assert_eq!(
        notices(&plan, "2026-12-04-moved"),
        triples(&[
            ("announce", "2026-12-03T11:00:00+01:00", "scheduled"),
            ("reminder", "2026-12-04T07:00:00+01:00", "scheduled"),
        ])
    );
    assert_eq!(notices(&plan, "2026-12-25-christmas"), vec![]);
    assert_eq!(
        notices(&plan, "2026-10-26-dst"),
        triples(&[
            ("announce", "2026-10-25T11:00:00+01:00", "stale"),
            ("reminder", "2026-10-26T07:00:00+01:00", "stale"),
        ])
    );
    let server = plan["outages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "2026-12-03-server")
        .unwrap();
    assert_eq!(server["kind"], "planned");
    assert_eq!(server["working_minutes"], 240);
    assert_eq!(server["notice_required"], true);
    assert_eq!(server["publish_from"], "2026-12-02T11:00:00+01:00");
    assert_eq!(server["publish_until"], "2026-12-03T22:00:00+01:00");
    assert_eq!(server["published"], true);
    let christmas = plan["outages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "2026-12-25-christmas")
        .unwrap();
    assert_eq!(christmas["working_minutes"], 0);
    assert_eq!(christmas["publish_from"], Value::Null);
    // Outages are ordered by start.
    let ids: Vec<&str> = plan["outages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "2026-10-26-dst",
            "2026-12-03-server",
            "2026-12-04-moved",
            "2026-12-25-christmas"
        ]
    );

    // A ledger given with --ledger elsewhere: empty, so the announce is stale
    // after the start and the human timeline says so.
    let empty = dir.root().join("other.jsonl");
    std::fs::write(&empty, "").unwrap();
    let Output {
        code, stdout: out, ..
    } = dir.run(&[
        "--now",
        "2026-12-03 19:00",
        "plan",
        "--ledger",
        empty.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("Sendes ved neste utsending:"), "{out}");
    assert!(out.contains("2026-12-03-server  første varsel"), "{out}");
}

#[test]
fn invalid_files_are_reported_and_the_rest_still_planned() {
    let good = outage("acute", "2026-12-07 09:00", "2026-12-07 15:00", "");
    let dir = site(&[
        ("2026-12-07-good", &good),
        ("2026-12-08-bad", "title: T\nkind: plannd\n"),
    ]);
    let Output {
        code, stdout: out, ..
    } = dir.run(&["--now", "2026-12-07 10:00", "plan", "--format", "json"]);
    assert_eq!(code, 1);
    let plan: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        notices(&plan, "2026-12-07-good"),
        triples(&[("alert", "2026-12-07T09:00:00+01:00", "due")])
    );
    let errors = plan["errors"].as_array().unwrap();
    assert!(!errors.is_empty());
    for e in errors {
        assert_eq!(e["file"], "outages/2026-12-08-bad.yaml");
        assert!(e["line"].as_u64().unwrap() >= 1 && e["column"].as_u64().unwrap() >= 1);
        assert!(e["message"].as_str().unwrap().len() > 5);
    }
    // explain on the broken file shows its problems.
    let Output {
        code, stderr: err, ..
    } = dir.run(&["--now", "2026-12-07 10:00", "explain", "2026-12-08-bad"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("plannd") && err.contains("2026-12-08-bad.yaml"),
        "{err}"
    );
}

#[test]
fn explain_shows_the_arithmetic_holidays_and_notices_in_norwegian() {
    let xmas = outage("planned", "2026-12-24 20:00", "2026-12-25 10:00", "");
    let dir = site(&[("2026-12-24-julaften", &xmas)]);
    let Output {
        code,
        stdout: out,
        stderr: err,
    } = dir.run(&[
        "--now",
        "2026-12-23 12:00",
        "explain",
        "2026-12-24-julaften",
    ]);
    assert_eq!(code, 0, "{err}");
    for fact in [
        "torsdag 24. desember: 240 minutter, virkedag",
        "fredag 25. desember: 600 minutter, helligdag (1. juledag) – teller ikke",
        "Sum: 240 arbeidsminutter",
        "240 > 60, så varsel er påkrevd",
        "onsdag 23. desember kl. 11:00",
        "påminnelse (samme morgen) (reminder): planlagt",
        "Siden publiseres fra onsdag 23. desember kl. 11:00 til fredag 25. desember kl. 10:00 (publisert nå)",
    ] {
        assert!(out.contains(fact), "missing {fact:?} in\n{out}");
    }
    assert!(
        out.contains("første varsel (dagen før) (announce): klar til utsending"),
        "{out}"
    );
    // Unknown id: bad usage (exit 2) and a suggestion, in the site's language.
    let Output {
        code, stderr: err, ..
    } = dir.run(&["explain", "2026-12-24-julafte"]);
    assert_eq!(code, 2);
    assert!(err.contains("mente du `2026-12-24-julaften`"), "{err}");
}

#[test]
fn explain_in_english_names_the_override() {
    let dir = site(&[(
        "2027-05-17-nasjonaldag",
        &outage(
            "planned",
            "2027-05-17 08:00",
            "2027-05-17 16:00",
            "notify: always\nnotify_reason: Legevakt bruker PLO også på helligdager\n",
        ),
    )]);
    let config = MINIMAL_CONFIG.replace("language: nb", "language: en");
    dir.write("varsel.yaml", config);
    let Output {
        code,
        stdout: out,
        stderr: err,
    } = dir.run(&[
        "--now",
        "2027-05-10 12:00",
        "explain",
        "2027-05-17-nasjonaldag",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("public holiday (Constitution Day)"), "{out}");
    assert!(
        out.contains("`notify: always` (Legevakt bruker PLO også på helligdager)"),
        "{out}"
    );
    assert!(out.contains("Sunday 16 May at 11:00"), "{out}");
}

#[test]
fn bad_config_exits_2() {
    let dir = site(&[]);
    dir.write("varsel.yaml", "title: [\n");
    assert_eq!(dir.run(&["plan"]).code, 2);
    assert_eq!(dir.run(&["explain", "x"]).code, 2);
}

#[test]
fn the_repository_site_plans_with_the_spec_fields() {
    let root = support::repository();
    let empty = tempfile::tempdir().unwrap();
    let ledger = empty.path().join("ledger.jsonl");
    // An explicit --ledger must exist (issue 14); an empty file is an empty ledger.
    std::fs::write(&ledger, "").unwrap();
    let Output {
        code,
        stdout: out,
        stderr: err,
    } = support::run(
        &root,
        &[
            "--now",
            "2026-11-26 10:00",
            "plan",
            "--format",
            "json",
            "--ledger",
            ledger.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    let plan: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(plan["now"], "2026-11-26T10:00:00+01:00");
    assert!(plan["errors"].as_array().unwrap().is_empty());
    let outages = plan["outages"].as_array().unwrap();
    assert!(outages.len() >= 3);
    for o in outages {
        for key in [
            "id",
            "kind",
            "working_minutes",
            "notice_required",
            "publish_from",
            "publish_until",
            "published",
            "notices",
        ] {
            assert!(o.get(key).is_some(), "{key} missing in {o}");
        }
        let mut last = String::new();
        for n in o["notices"].as_array().unwrap() {
            let due = n["due"].as_str().unwrap().to_string();
            assert!(due.ends_with("+01:00") || due.ends_with("+02:00"), "{due}");
            assert!(
                ["scheduled", "due", "sent", "skipped", "stale"]
                    .contains(&n["state"].as_str().unwrap())
            );
            assert!(due >= last, "notices not ordered by due time in {o}");
            last = due;
        }
    }
    let meldingstjener = outages
        .iter()
        .find(|o| o["id"] == "2026-11-27-oppgradering-meldingstjener")
        .unwrap();
    assert_eq!(meldingstjener["publish_from"], "2026-11-26T11:00:00+01:00");
    assert_eq!(
        notices(&plan, "2026-11-27-oppgradering-meldingstjener"),
        triples(&[
            ("announce", "2026-11-26T11:00:00+01:00", "scheduled"),
            ("reminder", "2026-11-27T07:00:00+01:00", "scheduled"),
        ])
    );
}

#[test]
fn a_view_of_a_past_moment_reads_the_ledger_as_it_was_then() {
    let server = outage("planned", "2026-12-03 18:00", "2026-12-03 22:00", "");
    let dir = site(&[("2026-12-03-server", &server)]);
    dir.write("ledger.jsonl", LEDGER);
    let state = |now: &str| {
        let out = dir.run(&["--now", now, "plan", "--format", "json"]);
        let plan: Value = serde_json::from_str(&out.stdout).unwrap();
        notices(&plan, "2026-12-03-server")
            .into_iter()
            .find(|(kind, _, _)| kind == "announce")
            .map(|(_, _, state)| state)
            .unwrap()
    };
    // The announce went out at 11:00:04; a minute before, it was still due.
    assert_eq!(state("2026-12-02 10:59"), "scheduled");
    assert_eq!(state("2026-12-02 11:00"), "due");
    assert_eq!(state("2026-12-02 11:01"), "sent");
}

#[test]
fn an_overrun_is_named_by_plan_overdue_and_check_until_ended_is_set() {
    // SPEC §7: staff were told 18–22; at 23:00 nobody has said it is over.
    let id = "2026-12-03-meldingstjener";
    let f = site(&[(
        id,
        &outage("planned", "2026-12-03 18:00", "2026-12-03 22:00", ""),
    )]);
    f.write("ledger.jsonl", "");
    let outbox = f.root().join("out");
    let ledger = f.ledger();
    let told = f.run(&[
        "--now",
        "2026-12-02 11:00",
        "send",
        "--outbox",
        outbox.to_str().unwrap(),
        "--ledger",
        ledger.to_str().unwrap(),
    ]);
    assert_eq!(told.code, 0, "{told}");
    let overdue = |now: &str, format: &str| {
        f.run(&["--now", now, "plan", "--overdue", "30", "--format", format])
    };
    let line = format!("OVERRUN {id} end 2026-12-03T22:00:00+01:00 (60 min ago)\n");
    let late = overdue("2026-12-03 23:00", "human");
    assert_eq!(
        (late.code, late.stdout.as_str()),
        (1, line.as_str()),
        "{late}"
    );
    let doc = overdue("2026-12-03 23:00", "json").json();
    assert_eq!(
        doc["overrun"],
        serde_json::json!([{"id": id, "end": "2026-12-03T22:00:00+01:00", "minutes_ago": 60}])
    );
    // Within the threshold it is not yet an alarm.
    let early = overdue("2026-12-03 22:20", "human");
    assert_eq!(early.code, 0, "{early}");
    assert!(early.stdout.starts_with("OK "), "{early}");
    // The line is the same in English (SPEC §7 fixes it).
    let en = f.run(&[
        "--lang",
        "en",
        "--now",
        "2026-12-03 23:00",
        "plan",
        "--overdue",
        "30",
    ]);
    assert_eq!(en.stdout, line, "{en}");

    // `check` warns at the `end:` key, with the ledger of the site.
    let check = f.run(&[
        "--lang",
        "en",
        "--now",
        "2026-12-03 23:00",
        "check",
        "--format",
        "json",
    ]);
    assert_eq!(check.code, 0, "a warning: {check}");
    let file = format!("outages/{id}.yaml");
    let about = |check: &Output| -> Vec<Value> {
        let warnings = check.json()["warnings"].clone();
        let all = warnings.as_array().cloned().unwrap_or_default();
        all.into_iter().filter(|w| w["file"] == file).collect()
    };
    let warnings = about(&check);
    assert_eq!(warnings.len(), 1, "{check}");
    let w = &warnings[0];
    assert_eq!(
        (w["line"].as_u64(), w["column"].as_u64()),
        (Some(4), Some(1))
    );
    let message = w["message"].as_str().unwrap();
    assert!(
        message.contains("2026-12-03 22:00, passed 1 h 0 min ago and `ended` is not set"),
        "{message}"
    );
    assert!(
        w["hint"]
            .as_str()
            .unwrap()
            .contains("`ended: 2026-12-03 22:00`"),
        "{w}"
    );

    // Once `ended` is written, there is nothing to say.
    f.write_outage(
        id,
        &outage(
            "planned",
            "2026-12-03 18:00",
            "2026-12-03 22:00",
            "ended: 2026-12-03 22:00\n",
        ),
    );
    let done = overdue("2026-12-03 23:00", "human");
    assert_eq!(done.code, 0, "{done}");
    let check = f.run(&["--now", "2026-12-03 23:00", "check", "--format", "json"]);
    assert_eq!(about(&check), Vec::<Value>::new(), "{check}");
}

#[test]
fn an_ended_still_ahead_is_not_yet_true_in_the_plan() {
    // SPEC §3: until 12:00 the outage is on; `ended` is its expected end.
    let acute = "title: T\nkind: acute\nstart: 2026-12-03 08:00\nended: 2026-12-03 12:00\nsystems: [plo]\nmunicipalities: all\ndescription: D\n";
    let f = site(&[("x", acute)]);
    let plan = |now: &str| {
        let out = f.run(&["--now", now, "plan", "--format", "json"]);
        out.json()["outages"][0].clone()
    };
    let before = plan("2026-12-03 10:00");
    assert_eq!(before["status"], "ongoing");
    assert_eq!(before["truth"], "on");
    assert_eq!(
        before["ended"], "2026-12-03T12:00:00+01:00",
        "as in the file"
    );
    assert_eq!(before["expected_end"], "2026-12-03T12:00:00+01:00");
    let after = plan("2026-12-03 12:00");
    assert_eq!(after["status"], "ended");
    assert_eq!(after["truth"], "over");
    assert_eq!(after["expected_end"], Value::Null, "no estimate was given");
}
