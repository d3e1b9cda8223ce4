//! "Every staff member hears every change, exactly once" (SPEC §4, issue
//! 13), through the real binary against a real SMTP server (aiosmtpd) that
//! can kill the sender the moment it has received a message: each numbered
//! case of the issue, with the edits coordinators really make between runs.

mod preview;
mod support;

use preview::Preview;
use serde_json::Value;
use support::Site;
use support::smtp::{Received, Sink, read_strictly};

const OUTAGE: &str = "x";

fn planned(start: &str, end: &str, extra: &str) -> String {
    format!(
        "title: Oppgradering\nkind: planned\nstart: {start}\nend: {end}\nsystems: [plo]\nmunicipalities: [halden]\n{extra}"
    )
}

fn acute(start: &str, extra: &str) -> String {
    format!(
        "title: Brudd\nkind: acute\nstart: {start}\nsystems: [plo]\nmunicipalities: [halden]\n{extra}"
    )
}

/// What a `send` run did.
struct Run {
    /// Exit code; `None` when the process was killed.
    code: Option<i32>,
    stderr: String,
}

/// Runs `varsel --now NOW send --ledger <root>/ledger.jsonl` against `sink`.
fn send(site: &Site, sink: &Sink, now: &str) -> Run {
    let out = site.send(now, &sink.url());
    Run {
        code: out.status.code(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Like [`send`], with the server killing the sender on receipt.
fn send_killed(site: &Site, sink: &Sink, now: &str) {
    sink.kill_next_sender();
    let killed = sink.killed();
    let run = send(site, sink, now);
    assert_eq!(run.code, None, "the sender was killed: {}", run.stderr);
    assert_eq!(sink.killed(), killed + 1);
}

fn ok(run: &Run) {
    assert_eq!(run.code, Some(0), "{}", run.stderr);
}

fn site() -> Site {
    Site::new().file("ledger.jsonl", "")
}

/// (Message-ID, subject, text part) of every message received.
fn mail(sink: &Sink) -> Vec<(String, String, String)> {
    sink.received()
        .iter()
        .map(|m: &Received| (m.message_id(), m.one("Subject"), m.part("text/plain")))
        .collect()
}

fn ids(sink: &Sink) -> Vec<String> {
    mail(sink).into_iter().map(|m| m.0).collect()
}

fn id(stem: &str) -> String {
    format!("<{OUTAGE}.{stem}@example.org>")
}

fn ledger(site: &Site) -> Vec<Value> {
    std::fs::read_to_string(site.ledger())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

const W: (&str, &str) = ("2026-12-03 18:00", "2026-12-03 22:00");

/// Case 1's edits of [`OUTAGE`] over [`W`] on 2 December, each followed
/// by a `send` that succeeds: announced at 11:00, cancelled at 12:00,
/// reinstated at 13:00, cancelled again at 14:00.
fn cancelled_reinstated_cancelled_again(site: &Site, sink: &Sink) {
    for (now, extra) in [
        ("2026-12-02 11:00", ""),
        ("2026-12-02 12:00", "cancelled: true\n"),
        ("2026-12-02 13:00", ""),
        ("2026-12-02 14:00", "cancelled: true\n"),
    ] {
        site.write_outage(OUTAGE, &planned(W.0, W.1, extra));
        ok(&send(site, sink, now));
    }
}

#[test]
fn case_1_cancelled_reinstated_cancelled_again_and_over_twice() {
    let sink = Sink::start();
    let site = site();
    cancelled_reinstated_cancelled_again(&site, &sink);
    ok(&send(&site, &sink, "2026-12-02 15:00"));
    let m = mail(&sink);
    let got: Vec<&str> = m.iter().map(|m| m.0.as_str()).collect();
    assert_eq!(
        got,
        [
            id("announce"),
            id("cancelled"),
            id("changed.1"),
            id("cancelled.2")
        ]
    );
    assert!(m[2].1.starts_with("Likevel ikke avlyst: "), "{}", m[2].1);
    assert!(m[3].1.starts_with("Avlyst igjen: "), "{}", m[3].1);

    // Finished early, not after all, finished early again.
    let sink = Sink::start();
    let site = self::site();
    site.write_outage(OUTAGE, &planned(W.0, W.1, ""));
    ok(&send(&site, &sink, "2026-12-02 11:00"));
    ok(&send(&site, &sink, "2026-12-03 07:00"));
    site.write_outage(OUTAGE, &planned(W.0, W.1, "ended: 2026-12-03 19:00\n"));
    ok(&send(&site, &sink, "2026-12-03 19:00"));
    site.write_outage(OUTAGE, &planned(W.0, W.1, ""));
    ok(&send(&site, &sink, "2026-12-03 19:15"));
    site.write_outage(OUTAGE, &planned(W.0, W.1, "ended: 2026-12-03 20:00\n"));
    ok(&send(&site, &sink, "2026-12-03 20:00"));
    let m = mail(&sink);
    let got: Vec<&str> = m.iter().map(|m| m.0.as_str()).collect();
    assert_eq!(
        got,
        [
            id("announce"),
            id("reminder"),
            id("completed_early"),
            id("changed.1"),
            id("completed_early.2")
        ]
    );
    assert!(
        m[3].2.contains("Stansen er likevel ikke over"),
        "{}",
        m[3].2
    );
    assert!(m[4].2.contains("Over igjen"), "{}", m[4].2);

    // Acute: resolved, reopened, resolved again.
    let sink = Sink::start();
    let site = self::site();
    site.write_outage(OUTAGE, &acute("2026-12-07 09:00", ""));
    ok(&send(&site, &sink, "2026-12-07 09:00"));
    site.write_outage(
        OUTAGE,
        &acute("2026-12-07 09:00", "ended: 2026-12-07 10:00\n"),
    );
    ok(&send(&site, &sink, "2026-12-07 10:00"));
    site.write_outage(OUTAGE, &acute("2026-12-07 09:00", ""));
    ok(&send(&site, &sink, "2026-12-07 10:15"));
    site.write_outage(
        OUTAGE,
        &acute("2026-12-07 09:00", "ended: 2026-12-07 11:00\n"),
    );
    ok(&send(&site, &sink, "2026-12-07 11:00"));
    let m = mail(&sink);
    let got: Vec<&str> = m.iter().map(|m| m.0.as_str()).collect();
    assert_eq!(
        got,
        [
            id("alert"),
            id("resolved"),
            id("changed.1"),
            id("resolved.2")
        ]
    );
    assert!(m[3].1.starts_with("Over igjen: "), "{}", m[3].1);
}

/// `(Message-ID, In-Reply-To, References)` of a raw message as Python's
/// `email` package reads it with `policy.strict`, which raises on any
/// header defect (a malformed message identifier included).
fn thread_headers(raw: &[u8]) -> (String, String, String) {
    let [id, reply, refs]: [String; 3] = serde_json::from_value(read_strictly(
        "get = lambda n: str(m[n] or '')\n\
json.dump([get('Message-ID'), get('In-Reply-To'), get('References')], sys.stdout)\n",
        raw,
    ))
    .unwrap();
    (
        id,
        reply,
        refs.split_whitespace().collect::<Vec<_>>().join(" "),
    )
}

/// [`thread_headers`] of every message received.
fn threads(sink: &Sink) -> Vec<(String, String, String)> {
    sink.received()
        .iter()
        .map(|m| thread_headers(&m.raw))
        .collect()
}

#[test]
fn follow_ups_reply_to_the_notice_before_and_reference_every_earlier_one() {
    let sink = Sink::start();
    let site = site();
    cancelled_reinstated_cancelled_again(&site, &sink);
    let got = threads(&sink);
    let (a, c, ch, c2) = (
        id("announce"),
        id("cancelled"),
        id("changed.1"),
        id("cancelled.2"),
    );
    assert_eq!(
        got,
        [
            (a.clone(), String::new(), String::new()),
            (c.clone(), a.clone(), a.clone()),
            (ch.clone(), c.clone(), format!("{a} {c}")),
            (c2, ch.clone(), format!("{a} {c} {ch}")),
        ]
    );
}

#[test]
fn a_resent_follow_up_carries_the_same_thread_as_its_first_attempt() {
    let sink = Sink::start();
    let site = site();
    site.write_outage(OUTAGE, &planned(W.0, W.1, ""));
    ok(&send(&site, &sink, "2026-12-02 11:00"));
    site.write_outage(OUTAGE, &planned(W.0, W.1, "cancelled: true\n"));
    send_killed(&site, &sink, "2026-12-02 12:00");
    ok(&send(&site, &sink, "2026-12-02 12:15"));
    let got = threads(&sink);
    let (a, c) = (id("announce"), id("cancelled"));
    assert_eq!(
        got,
        [
            (a.clone(), String::new(), String::new()),
            (c.clone(), a.clone(), a.clone()),
            (c, a.clone(), a),
        ]
    );
}

#[test]
fn case_2_a_killed_hand_over_counts_as_told_and_the_cancellation_follows() {
    let sink = Sink::start();
    let site = site();
    site.write_outage(OUTAGE, &planned(W.0, W.1, ""));
    send_killed(&site, &sink, "2026-12-02 11:00");
    site.write_outage(OUTAGE, &planned(W.0, W.1, "cancelled: true\n"));
    let run = send(&site, &sink, "2026-12-02 11:15");
    ok(&run);
    assert!(run.stderr.contains("counts as told"), "{}", run.stderr);
    assert_eq!(ids(&sink), [id("announce"), id("cancelled")]);
    assert!(
        ledger(&site).iter().all(|r| r["state"] != "failed"),
        "an interrupted hand-over is never recorded as failed"
    );
    // The page stays up, marked cancelled, until the told window is over.
    let out = site.build("2026-12-03 12:00", &[]);
    assert_eq!(out.code, 0, "{out}");
    let json: Value = serde_json::from_str(&site.read("outages.json")).unwrap();
    assert_eq!(json["outages"][0]["status"], "cancelled");
    // And the acute alert: killed, then `ended`: resolved goes.
    let sink = Sink::start();
    let site = self::site();
    site.write_outage(OUTAGE, &acute("2026-12-07 09:00", ""));
    send_killed(&site, &sink, "2026-12-07 09:00");
    site.write_outage(
        OUTAGE,
        &acute("2026-12-07 09:00", "ended: 2026-12-07 09:10\n"),
    );
    ok(&send(&site, &sink, "2026-12-07 09:15"));
    assert_eq!(ids(&sink), [id("alert"), id("resolved")]);
}

#[test]
fn a_killed_hand_over_still_due_is_resent_once_with_the_same_message_id() {
    let sink = Sink::start();
    let site = site();
    site.write_outage(OUTAGE, &planned(W.0, W.1, ""));
    send_killed(&site, &sink, "2026-12-02 11:00");
    send_killed(&site, &sink, "2026-12-02 11:15");
    ok(&send(&site, &sink, "2026-12-02 11:30"));
    ok(&send(&site, &sink, "2026-12-02 11:45"));
    assert_eq!(ids(&sink), [id("announce"), id("announce")]);
}

#[test]
fn case_3_a_change_after_a_killed_change_gets_a_new_message_id() {
    let sink = Sink::start();
    let site = site();
    site.write_outage(OUTAGE, &planned(W.0, W.1, ""));
    ok(&send(&site, &sink, "2026-12-02 11:00"));
    site.write_outage(OUTAGE, &planned("2026-12-03 19:00", "2026-12-03 23:00", ""));
    send_killed(&site, &sink, "2026-12-02 12:00");
    site.write_outage(OUTAGE, &planned("2026-12-03 20:00", "2026-12-04 00:00", ""));
    ok(&send(&site, &sink, "2026-12-02 12:15"));
    let m = mail(&sink);
    let got: Vec<&str> = m.iter().map(|m| m.0.as_str()).collect();
    assert_eq!(got, [id("announce"), id("changed.1"), id("changed.2")]);
    assert!(m[1].2.contains("kl. 19–23"), "{}", m[1].2);
    assert!(
        m[2].2.contains("tidligere torsdag 3. desember kl. 19–23"),
        "{}",
        m[2].2
    );
}

#[test]
fn case_4_moved_and_cancelled_in_one_edit_names_the_told_day() {
    let sink = Sink::start();
    let site = site();
    site.write_outage(OUTAGE, &planned(W.0, W.1, ""));
    ok(&send(&site, &sink, "2026-12-02 11:00"));
    site.write_outage(
        OUTAGE,
        &planned("2026-12-10 18:00", "2026-12-10 22:00", "cancelled: true\n"),
    );
    ok(&send(&site, &sink, "2026-12-02 12:00"));
    let m = mail(&sink);
    assert_eq!(m[1].0, id("cancelled"));
    assert!(
        m[1].1.contains("torsdag 3. desember kl. 18–22"),
        "{}",
        m[1].1
    );
    assert!(!m[1].2.contains("10. desember"), "{}", m[1].2);
}

#[test]
fn case_5_reinstating_says_the_cancellation_is_withdrawn() {
    let sink = Sink::start();
    let site = site();
    site.write_outage(OUTAGE, &planned(W.0, W.1, ""));
    ok(&send(&site, &sink, "2026-12-02 11:00"));
    site.write_outage(OUTAGE, &planned(W.0, W.1, "cancelled: true\n"));
    ok(&send(&site, &sink, "2026-12-02 12:00"));
    site.write_outage(OUTAGE, &planned(W.0, W.1, ""));
    ok(&send(&site, &sink, "2026-12-02 13:00"));
    let m = mail(&sink);
    assert_eq!(m[2].0, id("changed.1"));
    assert!(
        m[2].2.contains("Avlysningen er trukket tilbake"),
        "{}",
        m[2].2
    );
    assert!(!m[2].2.contains("tidligere"), "{}", m[2].2);
    assert!(!m[2].2.contains("Tidligere"), "{}", m[2].2);
}

#[test]
fn case_6_an_alerted_acute_page_stays_open_until_ended() {
    let sink = Sink::start();
    let site = site();
    // Saturday: a short outage needs no notice by the minutes.
    site.write_outage(OUTAGE, &acute("2026-12-05 09:00", ""));
    ok(&send(&site, &sink, "2026-12-05 09:00"));
    site.write_outage(
        OUTAGE,
        &acute("2026-12-05 09:00", "end: 2026-12-05 09:30\n"),
    );
    ok(&send(&site, &sink, "2026-12-05 11:00"));
    let out = site.build("2026-12-05 11:00", &[]);
    assert_eq!(out.code, 0, "{out}");
    let json: Value = serde_json::from_str(&site.read("outages.json")).unwrap();
    assert_eq!(json["outages"][0]["id"], OUTAGE);
    assert_eq!(json["outages"][0]["publish_until"], Value::Null);
}

#[test]
fn case_7_moved_to_another_day_gets_changed_then_that_days_notices() {
    let sink = Sink::start();
    let site = site();
    site.write_outage(OUTAGE, &planned(W.0, W.1, ""));
    ok(&send(&site, &sink, "2026-12-02 11:00"));
    ok(&send(&site, &sink, "2026-12-03 07:00"));
    site.write_outage(OUTAGE, &planned("2026-12-08 18:00", "2026-12-08 22:00", ""));
    for now in [
        "2026-12-03 08:00",
        "2026-12-03 11:00",
        "2026-12-07 11:00",
        "2026-12-07 12:00",
        "2026-12-08 07:00",
        "2026-12-08 08:00",
    ] {
        ok(&send(&site, &sink, now));
    }
    assert_eq!(
        ids(&sink),
        [
            id("announce"),
            id("reminder"),
            id("changed.1"),
            id("announce.2"),
            id("reminder.2")
        ]
    );
}

#[test]
fn case_8_a_vanished_file_is_an_error_in_check_and_send_until_the_window_is_over() {
    let sink = Sink::start();
    let site = site();
    site.write_outage(OUTAGE, &planned(W.0, W.1, ""));
    ok(&send(&site, &sink, "2026-12-02 11:00"));
    site.delete(&support::outage_path(OUTAGE));
    site.write_outage("other", &planned(W.0, W.1, ""));
    let check = site.run(&["--lang", "en", "--now", "2026-12-02 12:00", "check"]);
    assert_eq!(check.code, 1, "{check}");
    for needle in [
        "outage `x` has no file any more",
        "Thursday 3 December 18:00–22:00",
        "by the notice “first notice (the day before)” sent Wednesday 2 December at 11:00",
        "cancelled: true",
    ] {
        assert!(
            check.stdout.contains(needle) || check.stderr.contains(needle),
            "{needle}: {check}"
        );
    }
    let json = site.run(&["--now", "2026-12-02 12:00", "check", "--format", "json"]);
    assert_eq!(json.json()["errors"][0]["file"], "outages/x.yaml");
    let run = send(&site, &sink, "2026-12-02 12:00");
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains("outage `x` has no file any more"),
        "{}",
        run.stderr
    );
    // The other outage is not affected.
    assert!(ids(&sink).contains(&"<other.announce@example.org>".to_string()));
    // Once the told window is over, the file may go.
    let check = site.run(&["--now", W.1, "check"]);
    assert_eq!(check.code, 0, "{check}");
    ok(&send(&site, &sink, W.1));
}

#[test]
fn case_8_a_renamed_file_is_reported_under_its_old_id() {
    let sink = Sink::start();
    let site = site();
    site.write_outage(OUTAGE, &planned(W.0, W.1, ""));
    ok(&send(&site, &sink, "2026-12-02 11:00"));
    site.delete(&support::outage_path(OUTAGE));
    site.write_outage("x-renamed", &planned(W.0, W.1, ""));
    let run = send(&site, &sink, "2026-12-02 12:00");
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains("outage `x` has no file any more"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("restore the file outages/x.yaml (or .yml;"),
        "{}",
        run.stderr
    );
}

#[test]
fn case_9_an_announce_killed_on_the_start_day_is_not_followed_by_a_reminder() {
    let sink = Sink::start();
    let site = site();
    // Registered late, early on the start day.
    site.write_outage(OUTAGE, &planned(W.0, W.1, ""));
    send_killed(&site, &sink, "2026-12-03 06:50");
    ok(&send(&site, &sink, "2026-12-03 07:00"));
    ok(&send(&site, &sink, "2026-12-03 07:15"));
    assert_eq!(ids(&sink), [id("announce")]);
}

#[test]
fn every_email_asks_for_no_automatic_replies() {
    let sink = Sink::start();
    let site = site();
    site.write_outage(OUTAGE, &planned(W.0, W.1, ""));
    ok(&send(&site, &sink, "2026-12-02 11:00"));
    let m = &sink.received()[0];
    assert_eq!(m.one("Auto-Submitted"), "auto-generated");
    assert_eq!(m.one("X-Auto-Response-Suppress"), "All");
}

#[test]
fn plan_and_explain_say_what_staff_were_told_and_each_revision() {
    let sink = Sink::start();
    let site = site();
    site.write_outage(OUTAGE, &planned(W.0, W.1, ""));
    ok(&send(&site, &sink, "2026-12-02 11:05"));
    site.write_outage(OUTAGE, &planned("2026-12-08 18:00", "2026-12-08 22:00", ""));
    ok(&send(&site, &sink, "2026-12-02 12:00"));
    let now = ["--now", "2026-12-02 12:30"];
    let json = site
        .run(&[now[0], now[1], "plan", "--format", "json"])
        .json();
    let outage = &json["outages"][0];
    assert_eq!(outage["told"]["state"], "on");
    assert_eq!(outage["told"]["by"], "changed");
    assert_eq!(outage["told"]["revision"], 1);
    assert_eq!(outage["told"]["start"], "2026-12-08T18:00:00+01:00");
    assert_eq!(outage["truth"], "on");
    let revisions: Vec<(String, Value)> = outage["notices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["kind"].as_str().unwrap().to_string(),
                n["revision"].clone(),
            )
        })
        .collect();
    assert_eq!(
        revisions,
        [
            ("announce".to_string(), Value::Null),
            ("changed".to_string(), Value::from(1)),
            ("announce".to_string(), Value::from(2)),
            ("reminder".to_string(), Value::Null),
        ]
    );
    let human = site.run(&[now[0], now[1], "plan"]);
    assert!(
        human.stdout.contains("fortalt: stansen blir tirsdag 8. desember kl. 18–22, ved «endret tidspunkt» #1 kl. 12:00"),
        "{human}"
    );
    assert!(
        human.stdout.contains("første varsel (dagen før) #2"),
        "{human}"
    );
    let explain = site.run(&[now[0], now[1], "explain", OUTAGE]);
    assert!(
        explain
            .stdout
            .contains("Fortalt: stansen blir tirsdag 8. desember kl. 18–22"),
        "{explain}"
    );
}

/// One step of a scenario: write the outage file (if given), then run
/// `send` at `now`.
type Step = (&'static str, Option<String>);

/// Runs the steps; with `kill`, the server kills the sender at each
/// step's first hand-over and a recovery run follows eleven minutes
/// later, once the claim's lease (10 minutes) has run out.
/// Returns the Message-IDs received, in order.
fn play(steps: &[Step], kill: bool) -> Vec<String> {
    let sink = Sink::start();
    let site = site();
    for (now, file) in steps {
        if let Some(yaml) = file {
            site.write_outage(OUTAGE, yaml);
        }
        if kill {
            sink.kill_next_sender();
            let _ = send(&site, &sink, now);
            let later = chrono::NaiveDateTime::parse_from_str(now, "%Y-%m-%d %H:%M").unwrap()
                + chrono::Duration::minutes(11);
            let later = later.format("%Y-%m-%d %H:%M").to_string();
            // The kill fired only if something went out; disarm it.
            sink.disarm_kill();
            ok(&send(&site, &sink, &later));
        } else {
            ok(&send(&site, &sink, now));
        }
    }
    ids(&sink)
}

/// The distinct Message-IDs in order of first arrival; asserts none came
/// more than twice.
fn distinct(ids: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for id in ids {
        let n = ids.iter().filter(|i| *i == id).count();
        assert!(n <= 2, "{id} received {n} times: {ids:?}");
        if !out.contains(id) {
            out.push(id.clone());
        }
    }
    out
}

#[test]
fn every_case_survives_the_sender_being_killed_at_each_hand_over() {
    let on = planned(W.0, W.1, "");
    let off = planned(W.0, W.1, "cancelled: true\n");
    let moved = planned("2026-12-08 18:00", "2026-12-08 22:00", "");
    let scenarios: Vec<(&str, Vec<Step>, Vec<&str>)> = vec![
        (
            "cancelled, reinstated, cancelled again",
            vec![
                ("2026-12-02 11:00", Some(on.clone())),
                ("2026-12-02 12:00", Some(off.clone())),
                ("2026-12-02 13:00", Some(on.clone())),
                ("2026-12-02 14:00", Some(off.clone())),
            ],
            vec!["announce", "cancelled", "changed.1", "cancelled.2"],
        ),
        (
            "moved and cancelled in one edit",
            vec![
                ("2026-12-02 11:00", Some(on.clone())),
                (
                    "2026-12-02 12:00",
                    Some(planned(
                        "2026-12-10 18:00",
                        "2026-12-10 22:00",
                        "cancelled: true\n",
                    )),
                ),
            ],
            vec!["announce", "cancelled"],
        ),
        (
            "moved to another day after announce and reminder",
            vec![
                ("2026-12-02 11:00", Some(on.clone())),
                ("2026-12-03 07:00", None),
                ("2026-12-03 08:00", Some(moved.clone())),
                ("2026-12-07 11:00", None),
                ("2026-12-08 07:00", None),
            ],
            vec![
                "announce",
                "reminder",
                "changed.1",
                "announce.2",
                "reminder.2",
            ],
        ),
    ];
    for (name, steps, want) in scenarios {
        let want: Vec<String> = want.into_iter().map(id).collect();
        assert_eq!(distinct(&play(&steps, false)), want, "{name}");
        let got = play(&steps, true);
        assert_eq!(
            distinct(&got),
            want,
            "{name}, killed at each hand-over: {got:?}"
        );
        assert!(
            got.len() > want.len(),
            "{name}: the kills caused resends: {got:?}"
        );
    }
}

/// The moment the id of [`OUTAGE`] comes back for another outage, in the
/// site [`reused_id`] makes.
const REUSED_AT: &str = "2027-01-13 11:00";

/// A site whose outage `x` (3 December) was told, over and deleted, and
/// whose `x.yaml` now describes another outage (14 January); `other` is an
/// unrelated outage of 14 January, announced already.
fn reused_id(sink: &Sink) -> Site {
    let site = site();
    site.write_outage(OUTAGE, &planned(W.0, W.1, ""));
    site.write_outage(
        "other",
        &planned("2027-01-14 08:00", "2027-01-14 12:00", ""),
    );
    ok(&send(&site, sink, "2026-12-02 11:00"));
    ok(&send(&site, sink, "2026-12-03 07:00"));
    // The window passes, the file goes; weeks later the id comes back for
    // another outage.
    site.delete(&support::outage_path(OUTAGE));
    ok(&send(&site, sink, "2026-12-10 09:00"));
    site.write_outage(OUTAGE, &planned("2027-01-14 18:00", "2027-01-14 22:00", ""));
    site
}

#[test]
fn an_old_id_used_for_a_new_outage_is_an_error_in_check_and_send_never_a_change() {
    let sink = Sink::start();
    let site = reused_id(&sink);
    let now = REUSED_AT;
    let check = site.run(&["--lang", "en", "--now", now, "check", "--format", "json"]);
    assert_eq!(check.code, 1, "{check}");
    let error = &check.json()["errors"][0];
    assert_eq!(error["file"], "outages/x.yaml", "{check}");
    assert_eq!((&error["line"], &error["column"]), (&3.into(), &8.into()));
    let said = format!("{}\n{}", error["message"], error["hint"]);
    assert!(
        said.contains("`x` is the id of an outage staff were told about")
            && said.contains("give the new outage its own id"),
        "{said}"
    );
    let before = ids(&sink);
    let run = send(&site, &sink, now);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains("give the new outage its own id"),
        "{}",
        run.stderr
    );
    let sent: Vec<String> = ids(&sink)[before.len()..].to_vec();
    // The other outage is not affected; nothing goes out under `x`.
    assert_eq!(sent, ["<other.announce@example.org>"], "{}", run.stderr);
    // Given its own id, the new outage is announced as new.
    site.delete(&support::outage_path(OUTAGE));
    site.write_outage(
        "x-januar",
        &planned("2027-01-14 18:00", "2027-01-14 22:00", ""),
    );
    ok(&send(&site, &sink, now));
    assert_eq!(
        ids(&sink).last().map(String::as_str),
        Some("<x-januar.announce@example.org>")
    );
}

/// Runs `varsel ARGS`, which must exit 1 naming the reused id's place
/// (`outages/x.yaml:3:8`, in the site [`reused_id`] makes) and `hint` on
/// standard error.
fn invalid_reused_id(site: &Site, args: &[&str], hint: &str) -> support::Output {
    let out = site.run(args);
    assert_eq!(out.code, 1, "{out}");
    assert!(
        out.stderr.contains("outages/x.yaml:3:8") && out.stderr.contains(hint),
        "{out}"
    );
    out
}

#[test]
fn an_old_id_used_again_is_an_invalid_file_to_plan_explain_build_and_the_preview() {
    let sink = Sink::start();
    let site = reused_id(&sink);
    let at = ["--lang", "en", "--now", REUSED_AT];
    let hint = "give the new outage its own id";
    // `plan`: the error, and no `changed` (nor any notice) under `x`.
    let plan = site.run(&[&at[..], &["plan", "--format", "json"]].concat());
    assert_eq!(plan.code, 1, "{plan}");
    let doc = plan.json();
    let error = &doc["errors"][0];
    assert_eq!(error["file"], "outages/x.yaml", "{plan}");
    assert_eq!((&error["line"], &error["column"]), (&3.into(), &8.into()));
    assert!(error["hint"].as_str().unwrap().contains(hint), "{plan}");
    let ids: Vec<&str> = doc["outages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["other"], "{plan}");
    let human = invalid_reused_id(&site, &[&at[..], &["plan"]].concat(), hint);
    assert!(!human.stdout.contains("changed"), "{human}");
    // `explain x`: the error, as for any invalid file.
    let explain = invalid_reused_id(&site, &[&at[..], &["explain", "x"]].concat(), hint);
    assert!(!explain.stdout.contains("changed"), "{explain}");
    // `build`: `x` left out and named, `other` published.
    let build = invalid_reused_id(&site, &[&at[..], &["build"]].concat(), hint);
    assert!(site.exists("outages/other/index.html"), "{build}");
    assert!(!site.exists("outages/x/index.html"), "{build}");
    // The preview's dashboard shows the problem and plans only `other`.
    let preview = Preview::start(site.root(), REUSED_AT);
    let (status, dashboard) = preview.get("/_varsel/");
    assert_eq!(status, 200, "{dashboard}");
    assert!(
        dashboard.contains("outages/x.yaml:3:8") && dashboard.contains(hint),
        "{dashboard}"
    );
    let x_shown = |dashboard: &str| {
        ["\"", "?"]
            .iter()
            .any(|end| dashboard.contains(&format!("/_varsel/outage/x{end}")))
    };
    assert!(!x_shown(&dashboard), "x is shown as an outage: {dashboard}");
    assert!(dashboard.contains("/_varsel/outage/other"), "{dashboard}");
    assert_eq!(preview.get("/outages/x/").0, 404);
    // Renamed to its own id while the preview runs, it is an outage like
    // any other.
    let new_outage = planned("2027-01-14 18:00", "2027-01-14 22:00", "");
    site.delete(&support::outage_path(OUTAGE));
    site.write_outage("x-januar", &new_outage);
    let limit = std::time::Duration::from_secs(20);
    preview::wait_until(limit, "x-januar on the dashboard, no problem", || {
        let (_, dashboard) = preview.get("/_varsel/");
        dashboard.contains("/_varsel/outage/x-januar") && !dashboard.contains(hint)
    });
    let plan = site.run(&[&at[..], &["plan", "--format", "json"]].concat());
    assert_eq!(plan.code, 0, "{plan}");
    // The old id written again is the problem again (the preview reads
    // only the edited file, and its records in the ledger).
    site.write_outage(OUTAGE, &new_outage);
    preview::wait_until(limit, "the old id shown as a problem again", || {
        let (_, dashboard) = preview.get("/_varsel/");
        dashboard.contains("outages/x.yaml:3:8") && !x_shown(&dashboard)
    });
}
