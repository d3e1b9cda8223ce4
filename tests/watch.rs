//! `varsel send --watch` on the real clock (no `--now`), through the real
//! binary against a real SMTP server (aiosmtpd via tests/support/smtp_sink.py),
//! and `plan --overdue`. Each test is bounded by deadlines and stops every
//! process it starts (the watchers on drop); together they take about
//! 25 s of wall time, most of it the 20 s wait for a start in the future.

mod preview;
mod support;

use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Child, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, SecondsFormat, Utc};
use chrono_tz::Europe::Oslo;
use support::smtp::{Received, Sink, free_port};
use support::{Site, wait_until};

/// An acute outage starting at `start` (any outage-file time form).
fn acute(start: &str) -> String {
    format!(
        "title: Brudd hos leverandør\nkind: acute\nstart: {start}\nsystems: [plo]\nmunicipalities: all\n"
    )
}

/// `t` as RFC 3339 with seconds, in the site zone.
fn rfc3339(t: DateTime<Utc>) -> String {
    t.with_timezone(&Oslo)
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// The current minute as a local time of the site (`YYYY-MM-DD HH:MM`): due now.
fn this_minute() -> String {
    Utc::now()
        .with_timezone(&Oslo)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// The states recorded for one outage's notices, in order.
fn states(site: &Site, outage: &str) -> Vec<String> {
    site.records()
        .iter()
        .filter(|r| r["outage"] == outage)
        .map(|r| r["state"].as_str().unwrap().to_string())
        .collect()
}

/// Every hand-over in the ledger has its outcome (no `sending` is last).
fn assert_complete(site: &Site) {
    let records = site.records();
    let mut last = std::collections::BTreeMap::new();
    for r in &records {
        last.insert(
            r["message_id"].as_str().unwrap().to_string(),
            r["state"].clone(),
        );
    }
    for (id, state) in last {
        assert_ne!(state, "sending", "{id} has no outcome: {records:?}");
    }
}

/// A running `varsel send --watch`; killed when dropped.
struct Watch {
    child: Child,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
}

impl Watch {
    /// `varsel --root SITE --lang en send --watch --ledger SITE/ledger.jsonl EXTRA` to `url`.
    fn start(site: &Site, url: &str, extra: &[&str]) -> Watch {
        let mut child = site
            .watch_command(extra)
            .env("VARSEL_SMTP_URL", url)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start varsel");
        let stdout = collect(child.stdout.take().unwrap());
        let stderr = collect(child.stderr.take().unwrap());
        let watch = Watch {
            child,
            stdout,
            stderr,
        };
        assert!(
            wait_until(Duration::from_secs(10), || watch.said(" watching ")),
            "the watcher did not start:\n{}",
            watch.output()
        );
        watch
    }

    fn said(&self, text: &str) -> bool {
        self.stdout.lock().unwrap().contains(text)
    }

    fn output(&self) -> String {
        format!(
            "--- stdout\n{}--- stderr\n{}",
            self.stdout.lock().unwrap(),
            self.stderr.lock().unwrap()
        )
    }

    fn signal(&self, signal: &str) {
        let status = std::process::Command::new("kill")
            .args([&format!("-{signal}"), &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success(), "kill -{signal}");
    }

    /// Sends `signal` and waits (at most 10 s) for the exit.
    fn stop(&mut self, signal: &str) -> ExitStatus {
        self.signal(signal);
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the readers drain the pipes.
                std::thread::sleep(Duration::from_millis(100));
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "no exit 10 s after SIG{signal}:\n{}",
                self.output()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads a pipe into a shared string on a thread of its own.
fn collect(pipe: impl Read + Send + 'static) -> Arc<Mutex<String>> {
    let text = Arc::new(Mutex::new(String::new()));
    let sink = Arc::clone(&text);
    std::thread::spawn(move || {
        for line in BufReader::new(pipe).lines().map_while(Result::ok) {
            let mut text = sink.lock().unwrap();
            text.push_str(&line);
            text.push('\n');
        }
    });
    text
}

/// When the sink received `message`, as a UTC instant.
fn received_at(message: &Received) -> DateTime<Utc> {
    let seconds = message.json["received_at"].as_f64().unwrap();
    DateTime::from_timestamp_millis((seconds * 1000.0) as i64).unwrap()
}

#[test]
fn an_acute_outage_starting_soon_is_sent_at_its_start_not_before() {
    let sink = Sink::start();
    let site = Site::without_outages();
    // RFC 3339 with seconds: 20 seconds from now.
    let start = Utc::now() + chrono::Duration::seconds(20);
    let start = DateTime::from_timestamp(start.timestamp(), 0).unwrap();
    site.write_outage("soon", &acute(&rfc3339(start)));
    let mut watch = Watch::start(&site, &sink.url(), &[]);
    assert!(
        wait_until(Duration::from_secs(32), || !sink.received().is_empty()),
        "nothing was sent by 12 s after the start:\n{}",
        watch.output()
    );
    let received = sink.received();
    assert_eq!(received.len(), 1);
    let lag = received_at(&received[0]) - start;
    assert!(
        lag >= chrono::Duration::zero(),
        "sent {lag} before the start:\n{}",
        watch.output()
    );
    assert!(
        lag <= chrono::Duration::seconds(10),
        "sent {lag} after the start:\n{}",
        watch.output()
    );
    assert_eq!(received[0].message_id(), "<soon.alert@example.org>");
    assert!(watch.stop("TERM").success(), "{}", watch.output());
    assert_eq!(states(&site, "soon"), ["sending", "sent"]);
    assert_complete(&site);
}

/// An outage file written while the watcher runs goes out within 15 s, and
/// an invalid file beside it is logged once, not at every pass.
fn file_added_while_watching_is_sent(extra: &[&str]) {
    let sink = Sink::start();
    let site = Site::without_outages();
    site.write_outage("broken", "title: [unclosed\n");
    let mut watch = Watch::start(&site, &sink.url(), extra);
    let written = Instant::now();
    site.write_outage("new", &acute(&this_minute()));
    assert!(
        wait_until(Duration::from_secs(15), || sink.received().len() == 1),
        "not sent within 15 s of writing the file:\n{}",
        watch.output()
    );
    eprintln!("sent {:?} after the file was written", written.elapsed());
    // A change that is not news for the broken file: it is not logged again.
    site.write("content/extra.md", "---\ntitle: Ekstra\n---\n\nTekst.\n");
    assert!(
        wait_until(Duration::from_secs(8), || {
            watch.said("site files changed")
                && watch
                    .stdout
                    .lock()
                    .unwrap()
                    .matches("site files changed")
                    .count()
                    >= 2
        }),
        "{}",
        watch.output()
    );
    assert!(watch.stop("INT").success(), "{}", watch.output());
    assert_eq!(states(&site, "new"), ["sending", "sent"]);
    let stderr = watch.stderr.lock().unwrap().clone();
    assert_eq!(
        stderr.matches("outages/broken.yaml").count(),
        1,
        "the invalid file is logged once per change:\n{}",
        watch.output()
    );
}

#[test]
fn an_outage_file_added_while_watching_is_sent_within_15_seconds() {
    file_added_while_watching_is_sent(&[]);
}

#[test]
fn polling_finds_an_added_outage_file_too() {
    file_added_while_watching_is_sent(&["--poll"]);
}

#[test]
fn sigterm_finishes_the_hand_over_in_progress_and_exits_0() {
    let sink = Sink::start();
    sink.delay(2.0);
    let site = Site::without_outages();
    site.write_outage("a-first", &acute(&this_minute()));
    site.write_outage("b-second", &acute(&this_minute()));
    let mut watch = Watch::start(&site, &sink.url(), &[]);
    assert!(
        wait_until(Duration::from_secs(10), || !site.records().is_empty()),
        "no hand-over started:\n{}",
        watch.output()
    );
    let status = watch.stop("TERM");
    assert!(status.success(), "exit {status}:\n{}", watch.output());
    assert!(watch.said("stopped by SIGTERM"), "{}", watch.output());
    // The hand-over in progress was finished and recorded; no other began
    // (a run that claims every notice before handing any over records the
    // rest as not handed over, so the next run sends them at once).
    assert_eq!(states(&site, "a-first"), ["sending", "sent"]);
    let second = states(&site, "b-second");
    assert!(
        second.is_empty() || second == ["sending", "failed"],
        "{second:?}"
    );
    assert_eq!(sink.received().len(), 1);
    assert_complete(&site);
}

#[test]
fn a_watcher_killed_during_a_hand_over_is_settled_by_the_next_run() {
    let sink = Sink::start();
    sink.delay(3.0);
    let site = Site::without_outages();
    site.write_outage("cut", &acute(&this_minute()));
    let mut watch = Watch::start(&site, &sink.url(), &[]);
    assert!(
        wait_until(Duration::from_secs(10), || states(&site, "cut")
            == ["sending"]),
        "no hand-over started:\n{}",
        watch.output()
    );
    watch.signal("KILL");
    let _ = watch.child.wait();
    assert_eq!(states(&site, "cut"), ["sending"]);
    sink.delay(0.0);
    // The next run, one-shot, at a moment past any claim's lease (about
    // 10 minutes, SPEC §7), so the claim is an interrupted hand-over.
    let later = rfc3339(Utc::now() + chrono::Duration::minutes(11));
    let ledger = site.ledger();
    let out = site
        .command(&[
            "--now",
            &later,
            "send",
            "--ledger",
            ledger.to_str().unwrap(),
        ])
        .env("VARSEL_SMTP_URL", sink.url())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let states = states(&site, "cut");
    assert_eq!(
        states.last().map(String::as_str),
        Some("sent"),
        "{states:?}"
    );
    let received = sink.received();
    assert!(!received.is_empty());
    for message in &received {
        assert_eq!(
            message.message_id(),
            "<cut.alert@example.org>",
            "a resend keeps the Message-ID"
        );
    }
}

#[test]
fn a_server_down_then_up_gets_the_notice_after_the_backoff() {
    let port = free_port();
    let site = Site::without_outages();
    site.write_outage("down", &acute(&this_minute()));
    let mut watch = Watch::start(&site, &format!("smtp://127.0.0.1:{port}"), &[]);
    assert!(
        wait_until(Duration::from_secs(10), || states(&site, "down")
            .contains(&"failed".to_string())),
        "the first try did not fail:\n{}",
        watch.output()
    );
    let failed_at = Instant::now();
    assert!(
        wait_until(Duration::from_secs(5), || watch
            .said("trying again in 10 s")),
        "{}",
        watch.output()
    );
    let sink = Sink::start_on(port);
    assert!(
        wait_until(Duration::from_secs(15), || sink.received().len() == 1),
        "not delivered after the server came back:\n{}",
        watch.output()
    );
    let waited = failed_at.elapsed();
    assert!(
        waited >= Duration::from_secs(8),
        "retried after {waited:?}, before the 10 s backoff:\n{}",
        watch.output()
    );
    assert!(watch.stop("TERM").success(), "{}", watch.output());
    // One failure, one success: no busy loop in between.
    assert_eq!(
        states(&site, "down"),
        ["sending", "failed", "sending", "sent"],
        "{}",
        watch.output()
    );
}

#[test]
fn the_smtp_password_never_appears_in_the_log() {
    let port = free_port();
    let site = Site::without_outages();
    site.write_outage("secret", &acute(&this_minute()));
    let url = format!("smtp://varsel:s3cret-pw@127.0.0.1:{port}");
    let mut watch = Watch::start(&site, &url, &[]);
    assert!(
        wait_until(Duration::from_secs(10), || states(&site, "secret")
            .contains(&"failed".to_string())),
        "{}",
        watch.output()
    );
    assert!(watch.stop("TERM").success());
    let everything = format!(
        "{}{}",
        watch.output(),
        std::fs::read_to_string(site.ledger()).unwrap()
    );
    assert!(everything.contains("varsel:***@"), "{everything}");
    assert!(!everything.contains("s3cret-pw"), "{everything}");
}

#[test]
fn watch_refuses_now_and_dry_run() {
    let site = Site::without_outages();
    let ledger = site.ledger();
    let ledger = ledger.to_str().unwrap();
    let outbox = site.root().join("out");
    let with_now = site.run(&[
        "--now",
        "2026-12-02 10:00",
        "send",
        "--watch",
        "--outbox",
        outbox.to_str().unwrap(),
        "--ledger",
        ledger,
    ]);
    assert_eq!(with_now.code, 2, "{with_now}");
    assert!(with_now.stderr.contains("cannot take --now"), "{with_now}");
    let dry = site.run(&["send", "--watch", "--dry-run", "--ledger", ledger]);
    assert_eq!(dry.code, 2, "{dry}");
}

// ---------------------------------------------------------------- plan --overdue

#[test]
fn plan_overdue_exits_1_only_past_the_threshold() {
    // The announce of this outage is due Wednesday 2 December at 11:00.
    let site = Site::without_outages().outage("2026-12-03-meldingstjener", support::VALID_OUTAGE);
    let ledger = site.ledger();
    let ledger = ledger.to_str().unwrap();
    let overdue = |now: &str, minutes: &str, format: &str| {
        site.run(&[
            "--lang",
            "en",
            "--now",
            now,
            "plan",
            "--ledger",
            ledger,
            "--overdue",
            minutes,
            "--format",
            format,
        ])
    };
    let inside = overdue("2026-12-02 11:20", "30", "human");
    assert_eq!(inside.code, 0, "{inside}");
    assert!(inside.stdout.starts_with("OK "), "{inside}");
    let past = overdue("2026-12-02 11:20", "15", "human");
    assert_eq!(past.code, 1, "{past}");
    assert_eq!(
        past.stdout,
        "OVERDUE 2026-12-03-meldingstjener announce due 2026-12-02T11:00:00+01:00 (20 min late)\n",
        "{past}"
    );
    let json = overdue("2026-12-02 11:20", "15", "json");
    assert_eq!(json.code, 1, "{json}");
    let doc = json.json();
    assert_eq!(doc["threshold_minutes"], 15);
    assert_eq!(doc["overdue"][0]["id"], "2026-12-03-meldingstjener");
    assert_eq!(doc["overdue"][0]["kind"], "announce");
    assert_eq!(doc["overdue"][0]["due"], "2026-12-02T11:00:00+01:00");
    assert_eq!(doc["overdue"][0]["minutes_late"], 20);
    assert_eq!(
        overdue("2026-12-02 11:20", "30", "json").json()["overdue"],
        serde_json::json!([])
    );
    // Once sent, nothing is overdue.
    let outbox = site.root().join("out");
    let out = site
        .command(&[
            "--now",
            "2026-12-02 11:20",
            "send",
            "--outbox",
            outbox.to_str().unwrap(),
            "--ledger",
            ledger,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(overdue("2026-12-02 11:25", "1", "human").code, 0);
}

#[test]
fn plan_overdue_counts_an_invalid_file_as_a_failure() {
    let site = Site::without_outages().outage("broken", "title: [unclosed\n");
    let ledger = site.ledger();
    let out = site.run(&[
        "plan",
        "--ledger",
        ledger.to_str().unwrap(),
        "--overdue",
        "15",
    ]);
    assert_eq!(out.code, 1, "{out}");
    assert!(out.stdout.contains("INVALID outages/broken.yaml"), "{out}");
}

#[test]
fn the_dashboard_marks_overdue_notices() {
    let site = Site::without_outages().outage("2026-12-03-meldingstjener", preview::OUTAGE);
    // The announce is due at 11:00: 10 minutes is not overdue, 40 is.
    let early = preview::Preview::start(site.root(), "2026-12-02 11:10");
    let (status, page) = early.get("/_varsel/");
    assert_eq!(status, 200);
    assert!(!page.contains("class=\"overdue\""), "{page}");
    drop(early);
    let late = preview::Preview::start(site.root(), "2026-12-02 11:40");
    let (_, page) = late.get("/_varsel/");
    assert!(
        page.contains("<strong class=\"overdue\">overdue: 40 min late</strong>"),
        "{page}"
    );
}

// ---------------------------------------------------------------- the units

/// `systemd-analyze verify` on examples/systemd/ (ExecStart pointed at the
/// test binary, since verify wants it to exist; .ci/package-test verifies
/// the units the package installs, as installed). Where the command is not
/// installed the test says so and passes; where it is, any complaint fails.
#[test]
fn the_systemd_units_verify() {
    let Ok(found) = std::process::Command::new("systemd-analyze")
        .arg("--version")
        .output()
    else {
        eprintln!(
            "SKIPPED: systemd-analyze is not installed here (Debian: apt-get install systemd), \
             so the units in examples/systemd/ were not verified"
        );
        return;
    };
    assert!(found.status.success(), "systemd-analyze --version failed");
    let dir = tempfile::tempdir().unwrap();
    let units = support::repository().join("examples/systemd");
    let mut names = Vec::new();
    for entry in std::fs::read_dir(&units).unwrap() {
        let path: PathBuf = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        if !(name.ends_with(".service") || name.ends_with(".timer")) {
            continue;
        }
        let text = std::fs::read_to_string(&path)
            .unwrap()
            .replace("/usr/bin/varsel", env!("CARGO_BIN_EXE_varsel"));
        std::fs::write(dir.path().join(&name), text).unwrap();
        names.push(dir.path().join(&name));
    }
    names.sort();
    assert!(
        names.len() >= 3,
        "expected the service, the one-shot service and the timer: {names:?}"
    );
    // --man=no: the units' Documentation= pages come with the package,
    // which .ci/package-test installs and verifies with them.
    let out = std::process::Command::new("systemd-analyze")
        .args(["verify", "--man=no"])
        .args(&names)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    // Complaints about units the examples do not contain (the host's own
    // units, read for dependencies) are not ours.
    let ours: Vec<&str> = stderr.lines().filter(|l| l.contains("varsel")).collect();
    assert!(
        out.status.success() && ours.is_empty(),
        "systemd-analyze verify: exit {:?}\n{stderr}",
        out.status.code()
    );
}
