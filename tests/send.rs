//! `varsel send` through the real binary against a real SMTP server
//! (aiosmtpd, started per test by tests/support/smtp_sink.py): a simulated
//! fortnight, STARTTLS, and fault injection (crash after hand-over, server
//! down, 451/550 replies, concurrent runs, a torn ledger line).

mod support;

use std::path::PathBuf;
use std::process::{Child, Stdio};

use chrono::{DateTime, Duration, FixedOffset, NaiveDateTime, TimeZone};
use chrono_tz::Europe::Oslo;
use serde_json::Value;
use support::Site;
use support::process;
use support::smtp::{Received, Sink, certificates, parse_eml, read_strictly, text};

// ---------------------------------------------------------------- the site

const CONFIG: &str = r#"title: Nedetid test
base_url: https://intranett.example.org/nedetid/
language: nb
timezone: Europe/Oslo
theme: default
mail:
  from: "Meldingsansvarlige SØ <meldinger@example.org>"
  message_id_domain: example.org
  recipients_header: HEADER
recipients:
  - { name: PLO ressurspersoner, address: plo-ressurs@example.org }
  - { name: PLO avdelingssjefer, address: plo-sjefer@example.org }
systems:
  plo: { name: PLO-meldinger }
municipalities:
  halden: { name: Halden, coordinator_phone: "+47 00 00 00 01" }
  moss: { name: Moss, coordinator_phone: "+47 00 00 00 02" }
routines:
  default: nodrutiner/plo
"#;

const ROUTINE: &str = "---\ntitle: Nødrutine for PLO-meldinger\n---\n\nIntro.\n\n1. **Les varselet.** Se når.\n2. Ring koordinatortelefonen.\n";

/// A site with [`CONFIG`] (recipients in `header`: `to` or `bcc`),
/// [`ROUTINE`], an empty ledger and no outages.
fn site(header: &str) -> Site {
    Site::new()
        .config(&CONFIG.replace("HEADER", header))
        .file("content/nodrutiner/plo.md", ROUTINE)
        .file("ledger.jsonl", "")
}

fn planned(start: &str, end: &str, extra: &str) -> String {
    format!(
        "title: Oppgradering <b>meldingstjener</b>\nkind: planned\nstart: {start}\nend: {end}\nsystems: [plo]\nmunicipalities: [halden]\n{extra}"
    )
}

fn acute(start: &str, extra: &str) -> String {
    format!(
        "title: Brudd hos leverandør\nkind: acute\nstart: {start}\nsystems: [plo]\nmunicipalities: [halden, moss]\n{extra}"
    )
}

fn local(text: &str) -> DateTime<FixedOffset> {
    let naive = NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap();
    Oslo.from_local_datetime(&naive).unwrap().fixed_offset()
}

// ---------------------------------------------------------------- the fortnight

/// A notice the fortnight must deliver exactly once, at the run `at`.
struct Expected {
    stem: &'static str,
    at: &'static str,
    subject: &'static str,
    text: &'static [&'static str],
}

const EXPECTED: &[Expected] = &[
    Expected {
        stem: "a-moved.announce",
        at: "2026-12-01 11:00",
        subject: "Planlagt stans i PLO-meldinger onsdag 2. desember kl. 10–14",
        text: &["om lag 4 timer", "onsdag 2. desember kl. 10:00"],
    },
    Expected {
        stem: "a-moved.changed.1",
        at: "2026-12-01 15:00",
        subject: "Endret tidspunkt: Planlagt stans i PLO-meldinger torsdag 3. desember kl. 10–14",
        text: &[
            "tidligere onsdag 2. desember kl. 10–14",
            "torsdag 3. desember kl. 10:00",
        ],
    },
    // Moved to another day: that day gets its own day-before notice.
    Expected {
        stem: "a-moved.announce.2",
        at: "2026-12-02 11:00",
        subject: "Planlagt stans i PLO-meldinger torsdag 3. desember kl. 10–14",
        text: &["om lag 4 timer", "torsdag 3. desember kl. 10:00"],
    },
    Expected {
        stem: "a-moved.reminder",
        at: "2026-12-03 07:00",
        subject: "Påminnelse: Planlagt stans i PLO-meldinger torsdag 3. desember kl. 10–14",
        text: &["er nede i dag", "om lag 4 timer"],
    },
    Expected {
        stem: "b-cancelled.announce",
        at: "2026-12-03 11:00",
        subject: "Planlagt stans i PLO-meldinger fredag 4. desember kl. 09–12",
        text: &["om lag 3 timer"],
    },
    Expected {
        stem: "b-cancelled.cancelled",
        at: "2026-12-03 13:00",
        subject: "Avlyst: Planlagt stans i PLO-meldinger fredag 4. desember kl. 09–12",
        text: &["blir ikke noe av", "Du trenger ikke nødrutinene"],
    },
    Expected {
        stem: "c-early.announce",
        at: "2026-12-07 11:00",
        subject: "Planlagt stans i PLO-meldinger tirsdag 8. desember kl. 12–18",
        text: &["om lag 6 timer"],
    },
    Expected {
        stem: "c-early.reminder",
        at: "2026-12-08 07:00",
        subject: "Påminnelse: Planlagt stans i PLO-meldinger tirsdag 8. desember kl. 12–18",
        text: &["er nede i dag"],
    },
    Expected {
        stem: "c-early.completed_early",
        at: "2026-12-08 15:15",
        subject: "Ferdig før tiden: Planlagt stans i PLO-meldinger tirsdag 8. desember kl. 12–18",
        text: &["virker igjen fra tirsdag 8. desember kl. 15:00"],
    },
    Expected {
        stem: "d-acute.alert",
        at: "2026-12-09 13:30",
        subject: "AKUTT: Brudd i PLO-meldinger fra onsdag 9. desember kl. 13:05",
        text: &["ikke kjent ennå", "+47 00 00 00 02"],
    },
    Expected {
        stem: "d-acute.resolved",
        at: "2026-12-09 16:45",
        subject: "Løst: Brudd i PLO-meldinger fra onsdag 9. desember kl. 13:05",
        text: &["virker igjen fra onsdag 9. desember kl. 16:30"],
    },
    Expected {
        stem: "f-late.announce",
        at: "2026-12-10 10:00",
        subject: "Pågår nå: Planlagt stans i PLO-meldinger torsdag 10. desember kl. 09–12",
        text: &["Planlagt stans pågår nå", "om lag 3 timer"],
    },
];

type Edit = Box<dyn Fn(&Site)>;

fn fortnight_edits() -> Vec<(&'static str, Edit)> {
    vec![
        (
            "2026-11-30 00:00",
            Box::new(|s: &Site| {
                s.write_outage(
                    "a-moved",
                    &planned("2026-12-02 10:00", "2026-12-02 14:00", ""),
                );
                s.write_outage(
                    "b-cancelled",
                    &planned("2026-12-04 09:00", "2026-12-04 12:00", ""),
                );
                s.write_outage(
                    "c-early",
                    &planned("2026-12-08 12:00", "2026-12-08 18:00", ""),
                );
                s.write_outage(
                    "e-weekend",
                    &planned("2026-12-12 02:00", "2026-12-12 05:00", ""),
                );
            }),
        ),
        (
            "2026-12-01 15:00",
            Box::new(|s: &Site| {
                s.write_outage(
                    "a-moved",
                    &planned("2026-12-03 10:00", "2026-12-03 14:00", ""),
                );
            }),
        ),
        (
            "2026-12-03 13:00",
            Box::new(|s: &Site| {
                s.write_outage(
                    "b-cancelled",
                    &planned("2026-12-04 09:00", "2026-12-04 12:00", "cancelled: true\n"),
                );
            }),
        ),
        (
            "2026-12-08 15:10",
            Box::new(|s: &Site| {
                s.write_outage(
                    "c-early",
                    &planned(
                        "2026-12-08 12:00",
                        "2026-12-08 18:00",
                        "ended: 2026-12-08 15:00\n",
                    ),
                );
            }),
        ),
        (
            "2026-12-09 13:20",
            Box::new(|s: &Site| {
                s.write_outage("d-acute", &acute("2026-12-09 13:05", ""));
            }),
        ),
        (
            "2026-12-09 16:40",
            Box::new(|s: &Site| {
                s.write_outage(
                    "d-acute",
                    &acute("2026-12-09 13:05", "ended: 2026-12-09 16:30\n"),
                );
            }),
        ),
        (
            "2026-12-10 09:00",
            Box::new(|s: &Site| {
                s.write_outage("g-broken", "title: Ødelagt\nkind: sometimes\n");
            }),
        ),
        (
            "2026-12-10 09:50",
            Box::new(|s: &Site| {
                s.write_outage(
                    "f-late",
                    &planned("2026-12-10 09:00", "2026-12-10 12:00", ""),
                );
            }),
        ),
        (
            "2026-12-10 12:00",
            Box::new(|s: &Site| s.delete(&support::outage_path("g-broken"))),
        ),
    ]
}

/// `send --now T` every 15 minutes for 14 days against a real SMTP server,
/// with outage files edited between runs.
#[test]
fn a_simulated_fortnight_delivers_each_notice_once_at_the_right_run() {
    let sink = Sink::start();
    let site = site("to");
    let mut edits = fortnight_edits().into_iter().peekable();
    let mut delivered: Vec<(String, String)> = Vec::new();
    let mut seen = 0;
    let first = NaiveDateTime::parse_from_str("2026-11-30 00:00", "%Y-%m-%d %H:%M").unwrap();
    let mut runs = 0;
    let started = std::time::Instant::now();
    for step in 0..14 * 24 * 4 {
        let now = (first + Duration::minutes(15 * step))
            .format("%Y-%m-%d %H:%M")
            .to_string();
        while edits.peek().is_some_and(|(at, _)| **at <= *now) {
            let (_, edit) = edits.next().unwrap();
            edit(&site);
        }
        let out = site.send(&now, &sink.url());
        runs += 1;
        let broken = site.root().join("outages/g-broken.yaml").exists();
        let expected_status = if broken { 1 } else { 0 };
        assert_eq!(
            out.status.code(),
            Some(expected_status),
            "run at {now}: {}",
            text(&out)
        );
        if broken {
            assert!(
                String::from_utf8_lossy(&out.stderr).contains("outages/g-broken.yaml"),
                "{}",
                text(&out)
            );
        }
        let received = sink.received();
        for message in &received[seen..] {
            delivered.push((message.message_id(), now.clone()));
            check_message(message, &now);
        }
        seen = received.len();
    }
    eprintln!("fortnight: {runs} runs in {:?}", started.elapsed());
    let expected: Vec<(String, String)> = EXPECTED
        .iter()
        .map(|e| (format!("<{}@example.org>", e.stem), e.at.to_string()))
        .collect();
    assert_eq!(delivered, expected);
    let received = sink.received();
    for (message, e) in received.iter().zip(EXPECTED) {
        assert_eq!(message.one("Subject"), e.subject);
        let plain = message.part("text/plain");
        for needle in e.text {
            assert!(
                plain.contains(needle),
                "{} lacks {needle:?}:\n{plain}",
                e.stem
            );
        }
    }
    // The ledger agrees: every delivered notice recorded as sent, once.
    let sent: Vec<String> = site
        .records()
        .iter()
        .filter(|r| r["state"] == "sent")
        .map(|r| r["message_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        sent,
        expected
            .iter()
            .map(|(id, _)| id.clone())
            .collect::<Vec<_>>()
    );
}

/// Headers, MIME structure and the five contents the procedure requires.
fn check_message(message: &Received, now: &str) {
    let id = message.message_id();
    let stem = id
        .strip_prefix('<')
        .and_then(|s| s.strip_suffix("@example.org>"))
        .unwrap_or_else(|| panic!("Message-ID {id}"));
    let mut pieces = stem.splitn(3, '.');
    let (outage, kind) = (pieces.next().unwrap(), pieces.next().unwrap());
    assert_eq!(message.one("X-Varsel-Notice"), format!("{outage} {kind}"));
    assert_eq!(message.one("Auto-Submitted"), "auto-generated");
    assert_eq!(message.one("X-Auto-Response-Suppress"), "All");
    assert_eq!(
        message.one("From"),
        "Meldingsansvarlige SØ <meldinger@example.org>"
    );
    // `recipients_header: to`: a group naming the lists, no address.
    let to = message.one("To");
    assert_eq!(to, "PLO ressurspersoner · PLO avdelingssjefer:;", "{to}");
    let mut rcpt = message.rcpt_tos();
    rcpt.sort();
    assert_eq!(rcpt, ["plo-ressurs@example.org", "plo-sjefer@example.org"]);
    let date = DateTime::parse_from_rfc3339(message.json["date"].as_str().unwrap()).unwrap();
    assert_eq!(date, local(now), "Date of {id}");
    // Valid MIME: multipart/alternative with a text and an HTML part, no defects.
    assert_eq!(message.json["content_type"], "multipart/alternative");
    assert_eq!(message.json["defects"], Value::Array(vec![]), "{id}");
    let header_end = message
        .raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap();
    assert!(
        message.raw[..header_end].is_ascii(),
        "headers must be encoded: {id}"
    );
    let plain = message.part("text/plain");
    let html = message.part("text/html");
    for body in [&plain, &html] {
        // 1 time, 2 duration, 3 manual routine + link, 4 coordinator phone, 5 pass it on.
        assert!(body.contains("desember kl."), "{id}: no time");
        assert!(
            body.contains("Varighet")
                && (body.contains("om lag") || body.contains("ikke kjent ennå")),
            "{id}: no duration"
        );
        assert!(
            body.contains("Nødrutine for PLO-meldinger"),
            "{id}: no routine"
        );
        assert!(body.contains("Les varselet."), "{id}: no key steps");
        assert!(
            body.contains("https://intranett.example.org/nedetid/nodrutiner/plo/"),
            "{id}: no routine link"
        );
        assert!(
            body.contains("+47 00 00 00 01"),
            "{id}: no coordinator phone"
        );
        assert!(
            body.contains("Gi denne informasjonen videre internt"),
            "{id}: no request to pass it on"
        );
    }
    assert!(
        html.contains("Oppgradering &lt;b&gt;meldingstjener&lt;/b&gt;")
            || html.contains("Brudd hos leverandør"),
        "{id}: title not escaped in HTML"
    );
}

// ---------------------------------------------------------------- fault injection

const DUE: &str = "2026-12-02 11:00";

fn one_planned_outage() -> Site {
    let site = site("to");
    site.write_outage("x", &planned("2026-12-03 18:00", "2026-12-03 22:00", ""));
    site
}

#[test]
fn a_crash_after_hand_over_is_resent_once_with_the_same_message_id() {
    let sink = Sink::start();
    let site = one_planned_outage();
    let out = site
        .send_command(DUE, Some(&sink.url()))
        .env("VARSEL_FAILPOINT", "after-handover")
        .output()
        .unwrap();
    assert!(!out.status.success(), "{}", text(&out));
    assert_eq!(sink.received().len(), 1);
    assert_eq!(site.states("<x.announce@example.org>"), ["sending"]);
    let out = site.send("2026-12-02 11:15", &sink.url());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("same Message-ID"),
        "{}",
        text(&out)
    );
    let received = sink.received();
    assert_eq!(received.len(), 2);
    assert_eq!(received[0].message_id(), received[1].message_id());
    assert_eq!(
        site.states("<x.announce@example.org>"),
        ["sending", "sending", "sent"]
    );
    let out = site.send("2026-12-02 11:30", &sink.url());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(sink.received().len(), 2, "sent a third time");
}

#[test]
fn a_resend_that_is_interrupted_too_is_not_sent_a_third_time() {
    let sink = Sink::start();
    let site = one_planned_outage();
    for at in ["2026-12-02 11:00", "2026-12-02 11:15"] {
        let out = site
            .send_command(at, Some(&sink.url()))
            .env("VARSEL_FAILPOINT", "after-handover")
            .output()
            .unwrap();
        assert!(!out.status.success(), "{}", text(&out));
    }
    assert_eq!(
        site.states("<x.announce@example.org>"),
        ["sending", "sending"]
    );
    let out = site.send("2026-12-02 11:30", &sink.url());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(sink.received().len(), 2);
    assert_eq!(
        site.states("<x.announce@example.org>"),
        ["sending", "sending", "sent"]
    );
}

#[test]
fn the_server_down_fails_the_run_records_nothing_as_sent_and_the_next_run_delivers() {
    let site = one_planned_outage();
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let out = site.send(DUE, &format!("smtp://127.0.0.1:{closed}"));
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert_eq!(
        site.states("<x.announce@example.org>"),
        ["sending", "failed"]
    );
    let sink = Sink::start();
    let out = site.send("2026-12-02 11:15", &sink.url());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(sink.received().len(), 1);
    assert_eq!(
        site.states("<x.announce@example.org>"),
        ["sending", "failed", "sending", "sent"]
    );
}

#[test]
fn refusals_451_and_550_are_recorded_as_failed_and_retried() {
    let sink = Sink::start();
    let site = one_planned_outage();
    for (reply, at) in [
        ("451 4.3.0 Try again later", "2026-12-02 11:00"),
        ("550 5.7.1 Relaying denied", "2026-12-02 11:15"),
    ] {
        sink.reply(Some(reply));
        let out = site.send(at, &sink.url());
        assert_eq!(out.status.code(), Some(1), "{}", text(&out));
        let code = &reply[..3];
        let last = site.records().last().cloned().unwrap();
        assert_eq!(last["state"], "failed");
        assert!(last["error"].as_str().unwrap().contains(code), "{last}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains(code),
            "{}",
            text(&out)
        );
    }
    assert!(sink.received().is_empty());
    sink.reply(None);
    let out = site.send("2026-12-02 11:30", &sink.url());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(sink.received().len(), 1);
}

#[test]
fn two_runs_started_together_send_each_notice_once() {
    let sink = Sink::start();
    sink.delay(0.3);
    let site = site("to");
    site.write_outage("x", &planned("2026-12-03 18:00", "2026-12-03 22:00", ""));
    site.write_outage("y", &acute("2026-12-02 10:30", ""));
    let children: Vec<Child> = (0..2)
        .map(|_| {
            site.send_command(DUE, Some(&sink.url()))
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    }
    let mut ids: Vec<String> = sink.received().iter().map(Received::message_id).collect();
    ids.sort();
    assert_eq!(ids, ["<x.announce@example.org>", "<y.alert@example.org>"]);
}

/// A site with two notices due at [`DUE`] (`x` announce, `y` alert) and
/// a `varsel send` on it whose hand-overs the sink holds; returns once the
/// server has the first message (and holds its reply), with its Message-ID
/// and the other's.
fn held_run(sink: &Sink, site: &Site) -> (Child, String, String) {
    sink.hold();
    site.write_outage("x", &planned("2026-12-03 18:00", "2026-12-03 22:00", ""));
    site.write_outage("y", &acute("2026-12-02 10:30", ""));
    let child = site
        .send_command(DUE, Some(&sink.url()))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let received = sink.wait_for(1);
    assert_eq!(
        received.len(),
        1,
        "the first hand-over never reached the server"
    );
    let first = received[0].message_id();
    let second = ["<x.announce@example.org>", "<y.alert@example.org>"]
        .into_iter()
        .find(|id| *id != first)
        .unwrap()
        .to_string();
    (child, first, second)
}

#[test]
fn sigterm_during_a_hand_over_finishes_it_hands_over_nothing_more_and_the_next_run_sends_the_rest()
{
    let sink = Sink::start();
    let site = site("to");
    let (mut child, first, second) = held_run(&sink, &site);
    process::signal(&child, "TERM");
    // The signal is handled at once; the held reply comes after it.
    std::thread::sleep(std::time::Duration::from_millis(300));
    sink.release();
    let (status, took) = process::exit_within(&mut child, std::time::Duration::from_secs(30));
    eprintln!("one-shot send, SIGTERM mid-hand-over: exited {took:?} after the release");
    let out = child.wait_with_output().unwrap();
    let all = text(&out);
    assert_eq!(status.and_then(|s| s.code()), Some(1), "{all}");
    assert!(
        all.contains("stopped by SIGTERM before the run was done")
            && all.contains("1 notice(s) sent, 1 failed"),
        "{all}"
    );
    assert_eq!(sink.received().len(), 1);
    assert_eq!(site.states(&first), ["sending", "sent"]);
    assert_eq!(site.states(&second), ["sending", "failed"]);
    let note = site.records().last().unwrap()["error"].clone();
    assert!(
        note.as_str().unwrap().contains("the sender was stopping"),
        "{note}"
    );
    // The next run sends the second at once (no lease to wait for).
    let out = site.send("2026-12-02 11:01", &sink.url());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let received = sink.received();
    assert_eq!(received.len(), 2);
    assert_eq!(received[1].message_id(), second);
    assert_eq!(
        site.states(&second),
        ["sending", "failed", "sending", "sent"]
    );
    assert_eq!(site.states(&first), ["sending", "sent"]);
}

#[test]
fn a_second_signal_ends_a_held_hand_over_at_once_and_a_later_run_settles_it_as_interrupted() {
    let sink = Sink::start();
    let site = site("to");
    let (mut child, first, second) = held_run(&sink, &site);
    process::signal(&child, "TERM");
    std::thread::sleep(std::time::Duration::from_millis(300));
    process::signal(&child, "INT");
    // The reply is still held: only the second signal can end the run.
    let (status, took) = process::exit_within(&mut child, std::time::Duration::from_secs(30));
    eprintln!("one-shot send, a second signal mid-hand-over: exited after {took:?}");
    let out = child.wait_with_output().unwrap();
    assert_eq!(status.and_then(|s| s.code()), Some(1), "{}", text(&out));
    sink.release();
    // Cut off with no reply: both claims stay open until their lease.
    assert_eq!(site.states(&first), ["sending"]);
    assert_eq!(site.states(&second), ["sending"]);
    let out = site.send("2026-12-02 11:15", &sink.url());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let received = sink.received();
    // The interrupted one again with the same Message-ID, the other once.
    let mut ids: Vec<String> = received.iter().map(Received::message_id).collect();
    ids.sort();
    let mut expected = vec![first.clone(), first.clone(), second.clone()];
    expected.sort();
    assert_eq!(ids, expected);
    assert_eq!(site.states(&first), ["sending", "sending", "sent"]);
    assert_eq!(site.states(&second), ["sending", "sending", "sent"]);
}

#[test]
fn sigterm_to_a_run_waiting_for_the_ledger_lock_ends_it_and_it_claims_nothing() {
    let sink = Sink::start();
    let site = site("to");
    let (mut first, a, b) = held_run(&sink, &site);
    let said = site.root().join("waiting.err");
    let mut waiting = site
        .send_command(DUE, Some(&sink.url()))
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&said).unwrap())
        .spawn()
        .unwrap();
    let err = || std::fs::read_to_string(&said).unwrap_or_default();
    assert!(
        process::wait_for(|| err().contains("another `varsel send` is using")),
        "{}",
        err()
    );
    process::signal(&waiting, "TERM");
    let (status, took) = process::exit_within(&mut waiting, std::time::Duration::from_secs(30));
    eprintln!("one-shot send waiting for the ledger lock, SIGTERM: exited after {took:?}");
    assert_eq!(status.and_then(|s| s.code()), Some(1), "{}", err());
    assert!(err().contains("stopped by SIGTERM"), "{}", err());
    // The holder goes on undisturbed; the stopped run wrote nothing.
    sink.release();
    let (status, _) = process::exit_within(&mut first, std::time::Duration::from_secs(30));
    assert_eq!(status.and_then(|s| s.code()), Some(0));
    assert_eq!(site.states(&a), ["sending", "sent"]);
    assert_eq!(site.states(&b), ["sending", "sent"]);
    assert_eq!(sink.received().len(), 2);
}

#[test]
fn a_torn_last_ledger_line_is_read_cleanly() {
    let sink = Sink::start();
    let site = one_planned_outage();
    let out = site.send(DUE, &sink.url());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let mut ledger = std::fs::read_to_string(site.ledger()).unwrap();
    ledger.push_str(r#"{"v":1,"outage":"x","kind":"remin"#);
    std::fs::write(site.ledger(), ledger).unwrap();
    // The reminder is due the next morning; the torn line must not hide the
    // announce (not resent) nor swallow the new records.
    let out = site.send("2026-12-03 07:00", &sink.url());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("unreadable"),
        "{}",
        text(&out)
    );
    let ids: Vec<String> = sink.received().iter().map(Received::message_id).collect();
    assert_eq!(
        ids,
        ["<x.announce@example.org>", "<x.reminder@example.org>"]
    );
    assert_eq!(site.states("<x.reminder@example.org>"), ["sending", "sent"]);
    let out = site.send("2026-12-03 07:15", &sink.url());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(sink.received().len(), 2);
}

// ---------------------------------------------------------------- TLS

#[test]
fn starttls_works_with_a_trusted_ca_and_fails_clearly_without_it() {
    let certs = tempfile::tempdir().unwrap();
    let (ca, cert, key) = certificates(certs.path());
    let sink = Sink::start_with(&[
        "--cert",
        cert.to_str().unwrap(),
        "--key",
        key.to_str().unwrap(),
    ]);
    let site = site("bcc");
    site.write_outage("x", &planned("2026-12-03 18:00", "2026-12-03 22:00", ""));
    let url = format!("smtp://user:s3cret@127.0.0.1:{}?tls=required", sink.port);
    let out = site.send(DUE, &url);
    let all = text(&out);
    assert_eq!(out.status.code(), Some(1), "{all}");
    assert!(
        all.contains("certificate") && all.contains("VARSEL_SMTP_CA_FILE"),
        "{all}"
    );
    assert!(!all.contains("s3cret"), "the password was printed: {all}");
    assert!(sink.received().is_empty());

    let url = format!("smtp://127.0.0.1:{}?tls=required", sink.port);
    let out = site
        .send_command("2026-12-02 11:15", Some(&url))
        .env("VARSEL_SMTP_CA_FILE", &ca)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let received = sink.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].json["tls"], true);
    // Bcc: the groups are in the envelope only; To is the sender (who
    // thereby keeps a copy).
    assert!(received[0].header("Bcc").is_empty());
    assert!(!String::from_utf8_lossy(&received[0].raw).contains("plo-ressurs"));
    assert_eq!(
        received[0].one("To"),
        "Meldingsansvarlige SØ <meldinger@example.org>"
    );
    let mut rcpt = received[0].rcpt_tos();
    rcpt.sort();
    assert_eq!(
        rcpt,
        [
            "meldinger@example.org",
            "plo-ressurs@example.org",
            "plo-sjefer@example.org"
        ]
    );
}

// ---------------------------------------------------------------- usage

#[test]
fn english_sites_get_english_notices() {
    let site = one_planned_outage();
    let config = std::fs::read_to_string(site.root().join("varsel.yaml")).unwrap();
    std::fs::write(
        site.root().join("varsel.yaml"),
        config.replace("language: nb", "language: en"),
    )
    .unwrap();
    let outbox = to_outbox(&site, "2026-12-03 18:30");
    let eml = parse_eml(&outbox.join("x.announce.eml"));
    // A late announce (sent after the start) says the outage is in progress.
    assert_eq!(
        eml.one("Subject"),
        "In progress: Planned outage of PLO-meldinger Thursday 3 December 18:00–22:00"
    );
    let plain = eml.part("text/plain");
    assert!(plain.contains("Planned outage now in progress"), "{plain}");
    assert!(plain.contains("about 4 hours"), "{plain}");
    assert!(
        plain.contains("Please pass this information on internally"),
        "{plain}"
    );
    // --outbox names the envelope in the file (none travels with it).
    assert!(
        eml.one("X-Varsel-Envelope-To")
            .contains("plo-ressurs@example.org")
    );
}

/// `{"to_addresses", "to_groups", "envelope", "bcc"}` of a raw message as
/// Python's `email` reads it with `policy.strict` (which raises on a
/// header defect).
fn strict_recipients(raw: &[u8]) -> Value {
    read_strictly(
        "to = m['To']\n\
json.dump({'to_addresses': [a.addr_spec for a in to.addresses],\n\
  'to_groups': [g.display_name for g in to.groups if g.display_name],\n\
  'envelope': str(m['X-Varsel-Envelope-To'] or ''), 'bcc': m['Bcc'] is not None}, sys.stdout)\n",
        raw,
    )
}

/// Runs `send --outbox SITE/outbox` at `now`, which must succeed; the outbox.
fn to_outbox(site: &Site, now: &str) -> PathBuf {
    let outbox = site.root().join("outbox");
    let out = site
        .send_command(now, None)
        .arg("--outbox")
        .arg(&outbox)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    outbox
}

#[test]
fn outbox_files_carry_no_bcc_and_name_the_envelope_in_a_header() {
    for header in ["to", "bcc"] {
        let site = site(header);
        site.write_outage("x", &planned("2026-12-03 18:00", "2026-12-03 22:00", ""));
        let outbox = to_outbox(&site, DUE);
        let raw = std::fs::read(outbox.join("x.announce.eml")).unwrap();
        let got = strict_recipients(&raw);
        assert_eq!(got["bcc"], false, "{header}: {got}");
        assert!(!String::from_utf8_lossy(&raw).contains("Bcc:"), "{header}");
        if header == "to" {
            // No list address in `To`: a group that names them.
            assert_eq!(got["to_addresses"], serde_json::json!([]), "{got}");
            assert_eq!(
                got["to_groups"],
                serde_json::json!(["PLO ressurspersoner · PLO avdelingssjefer"]),
                "{got}"
            );
            assert_eq!(
                got["envelope"],
                "plo-ressurs@example.org, plo-sjefer@example.org"
            );
        } else {
            assert_eq!(
                got["to_addresses"],
                serde_json::json!(["meldinger@example.org"])
            );
            assert_eq!(
                got["envelope"],
                "meldinger@example.org, plo-ressurs@example.org, plo-sjefer@example.org"
            );
        }
    }
}

#[test]
fn recipients_header_to_names_the_groups_and_sends_to_the_lists() {
    let sink = Sink::start();
    let site = one_planned_outage();
    let out = site.send(DUE, &sink.url());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let received = sink.received();
    assert_eq!(received.len(), 1);
    let mut rcpt = received[0].rcpt_tos();
    rcpt.sort();
    assert_eq!(rcpt, ["plo-ressurs@example.org", "plo-sjefer@example.org"]);
    let got = strict_recipients(&received[0].raw);
    assert_eq!(got["to_addresses"], serde_json::json!([]), "{got}");
    assert_eq!(
        got["envelope"], "",
        "the envelope header is for the outbox only"
    );
}

#[test]
fn without_a_destination_send_stops_with_2_and_says_what_to_set() {
    let site = one_planned_outage();
    let out = site.send_command(DUE, None).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("VARSEL_SMTP_URL") && err.contains("--outbox") && err.contains("--dry-run"),
        "{err}"
    );
}

#[test]
fn dry_run_prints_and_records_nothing_and_outbox_writes_one_eml_each() {
    let site = one_planned_outage();
    let out = site
        .send_command(DUE, None)
        .arg("--dry-run")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Message-ID: <x.announce@example.org>"));
    assert!(site.records().is_empty());
    let outbox = to_outbox(&site, DUE);
    assert!(outbox.join("x.announce.eml").is_file());
    assert_eq!(site.states("<x.announce@example.org>"), ["sending", "sent"]);
}

// ---------------------------------------------------------------- footguns

#[test]
fn a_missing_ledger_stops_send_with_2_naming_it() {
    let sink = Sink::start();
    let site = one_planned_outage().remove("ledger.jsonl");
    // The default ledger, read by a dry run.
    let out = site
        .command(&["--lang", "en", "--now", DUE, "send", "--dry-run"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("ledger.jsonl")
            && err.contains("does not exist")
            && err.contains("touch ledger.jsonl"),
        "{err}"
    );
    // A mistyped --ledger is not read as "nothing was sent".
    let typo = site.root().join("ledgr.jsonl");
    let out = site
        .command(&[
            "--lang",
            "en",
            "--now",
            DUE,
            "send",
            "--ledger",
            typo.to_str().unwrap(),
        ])
        .env("VARSEL_SMTP_URL", sink.url())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("ledgr.jsonl"),
        "{}",
        text(&out)
    );
    assert!(!typo.exists(), "the mistyped ledger was created");
    assert!(sink.received().is_empty());
    // An empty file is an empty ledger.
    site.write("ledgr.jsonl", "");
    let out = site
        .command(&[
            "--lang",
            "en",
            "--now",
            DUE,
            "send",
            "--ledger",
            typo.to_str().unwrap(),
        ])
        .env("VARSEL_SMTP_URL", sink.url())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(sink.received().len(), 1);
}

#[test]
fn trying_things_out_needs_an_explicit_ledger() {
    let site = one_planned_outage();
    let outbox = site.root().join("outbox");
    for (args, flag) in [
        (
            vec![
                "--now",
                "2026-12-03 07:00",
                "send",
                "--outbox",
                outbox.to_str().unwrap(),
            ],
            "--now",
        ),
        (vec!["--now", "2026-12-03 07:00", "send"], "--now"),
        (
            vec!["send", "--outbox", outbox.to_str().unwrap()],
            "--outbox",
        ),
    ] {
        let out = site
            .command(&args)
            .env("VARSEL_SMTP_URL", "smtp://127.0.0.1:1")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", text(&out));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(flag) && err.contains("--ledger") && err.contains("virkelige loggen"),
            "{args:?}: {err}"
        );
    }
    assert!(!outbox.exists());
    assert!(site.records().is_empty());
}

#[test]
fn dry_run_prints_each_notice_readably() {
    for header in ["to", "bcc"] {
        let site = site(header);
        site.write_outage("x", &planned("2026-12-03 18:00", "2026-12-03 22:00", ""));
        let out = site
            .command(&["--lang", "en", "--now", DUE, "send", "--dry-run"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", text(&out));
        let printed = String::from_utf8_lossy(&out.stdout);
        assert!(
            printed.contains("Message-ID: <x.announce@example.org>"),
            "{printed}"
        );
        assert!(
            printed.contains("From: Meldingsansvarlige SØ <meldinger@example.org>"),
            "{printed}"
        );
        let line = printed
            .lines()
            .find(|l| l.starts_with("Received by: "))
            .unwrap_or_else(|| panic!("no `Received by` line: {printed}"));
        assert!(
            line.contains("plo-ressurs@example.org") && line.contains("plo-sjefer@example.org"),
            "{line}"
        );
        assert!(
            printed
                .contains("Subject: Planlagt stans i PLO-meldinger torsdag 3. desember kl. 18–22"),
            "{printed}"
        );
        // The text part decoded: words with ø and å, no MIME or quoted-printable.
        assert!(
            printed.contains("Nødrutine for PLO-meldinger")
                && printed.contains("Gi denne informasjonen videre internt"),
            "{printed}"
        );
        for raw in [
            "Content-Transfer-Encoding",
            "=C3",
            "MIME-Version",
            "<html",
            "=\r\n",
        ] {
            assert!(!printed.contains(raw), "{raw} in {printed}");
        }
        assert!(site.records().is_empty());
    }
}

#[test]
fn plan_reads_a_missing_default_ledger_as_empty_with_a_note_and_refuses_a_missing_explicit_one() {
    let site = one_planned_outage().remove("ledger.jsonl");
    let out = site.run(&["--now", DUE, "plan"]);
    assert_eq!(out.code, 0, "{out}");
    assert!(
        out.stderr.contains("merk:") && out.stderr.contains("ledger.jsonl"),
        "{out}"
    );
    let out = site.run(&["--lang", "en", "--now", DUE, "plan"]);
    assert!(
        out.stderr.contains("note:") && out.stderr.contains("touch ledger.jsonl"),
        "{out}"
    );
    let out = site.run(&[
        "--lang",
        "en",
        "--now",
        DUE,
        "plan",
        "--ledger",
        "nope.jsonl",
    ]);
    assert_eq!(out.code, 2, "{out}");
    assert!(
        out.stderr.contains("nope.jsonl") && out.stderr.contains("does not exist"),
        "{out}"
    );
    let out = site.run(&["--now", DUE, "explain", "x", "--ledger", "nope.jsonl"]);
    assert_eq!(out.code, 2, "{out}");
}

// ---------------------------------------------------------------- SMTP in plain words

#[test]
fn smtp_url_mistakes_are_explained_and_never_show_the_password() {
    let site = one_planned_outage();
    for (url, expect) in [
        (
            "smtp://u:s3cret@127.0.0.1:25?tls=requird",
            &[
                "tls=requird",
                "tls=required",
                "tls=opportunistic",
                "smtps://",
            ][..],
        ),
        (
            "u:s3cret@mail.example.org:587",
            &[
                "must start with smtp:// or smtps://",
                "smtp://user:password@mail.example.org:587?tls=required",
            ][..],
        ),
        (
            "smtp://u:s3cret@127.0.0.1:25?tsl=required",
            &["unknown parameter `tsl`"][..],
        ),
    ] {
        let out = site.send(DUE, url);
        let all = text(&out);
        assert_eq!(out.status.code(), Some(2), "{all}");
        for e in expect {
            assert!(all.contains(e), "{url}: no `{e}` in {all}");
        }
        assert!(!all.contains("s3cret"), "the password was printed: {all}");
        assert!(
            !all.contains("Unknown scheme") && !all.contains("host undefined"),
            "{all}"
        );
    }
    assert!(site.records().is_empty());
}

#[test]
fn a_refused_connection_names_host_and_port_once_and_stops_the_run() {
    let site = site("to");
    site.write_outage("x", &planned("2026-12-03 18:00", "2026-12-03 22:00", ""));
    site.write_outage("y", &acute("2026-12-02 10:30", ""));
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let out = site.send(DUE, &format!("smtp://u:s3cret@127.0.0.1:{closed}"));
    let all = text(&out);
    assert_eq!(out.status.code(), Some(1), "{all}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let first = stdout.lines().find(|l| l.contains(" FAILED ")).unwrap();
    let server = format!("127.0.0.1:{closed}");
    assert_eq!(first.matches(&server).count(), 1, "{first}");
    assert_eq!(
        first.to_lowercase().matches("refused").count(),
        1,
        "{first}"
    );
    assert!(!all.contains("s3cret"), "{all}");
    // The second notice is not tried against a server that cannot be reached.
    assert!(
        stdout.contains("not handed over: the mail server could not be used"),
        "{all}"
    );
    assert_eq!(
        site.records()
            .iter()
            .filter(|r| r["state"] == "failed")
            .count(),
        2
    );
}

#[test]
fn smtp_auth_over_starttls_delivers_with_the_right_password_and_says_so_with_a_wrong_one() {
    let certs = tempfile::tempdir().unwrap();
    let (ca, cert, key) = certificates(certs.path());
    for mechanism in ["PLAIN", "LOGIN"] {
        let sink = Sink::start_with(&[
            "--cert",
            cert.to_str().unwrap(),
            "--key",
            key.to_str().unwrap(),
            "--auth",
            "varsel:s3cret pass",
            "--mechanism",
            mechanism,
        ]);
        let site = one_planned_outage();
        let url = |password: &str| {
            format!(
                "smtp://varsel:{password}@127.0.0.1:{}?tls=required",
                sink.port
            )
        };
        let out = site
            .send_command(DUE, Some(&url("wr0ng")))
            .env("VARSEL_SMTP_CA_FILE", &ca)
            .output()
            .unwrap();
        let all = text(&out);
        assert_eq!(out.status.code(), Some(1), "{mechanism}: {all}");
        assert!(
            all.contains("refused the login") && all.contains("535"),
            "{mechanism}: {all}"
        );
        let ledger = std::fs::read_to_string(site.ledger()).unwrap();
        assert!(
            !all.contains("wr0ng") && !ledger.contains("wr0ng"),
            "{all}\n{ledger}"
        );
        assert!(sink.received().is_empty());

        let out = site
            .send_command("2026-12-02 11:15", Some(&url("s3cret%20pass")))
            .env("VARSEL_SMTP_CA_FILE", &ca)
            .output()
            .unwrap();
        let all = text(&out);
        assert_eq!(out.status.code(), Some(0), "{mechanism}: {all}");
        assert!(!all.contains("s3cret"), "{all}");
        let received = sink.received();
        assert_eq!(received.len(), 1);
        assert_eq!(received[0].json["auth"], format!("{mechanism}:varsel"));
        assert_eq!(received[0].json["tls"], true);
    }
}
