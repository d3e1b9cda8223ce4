//! What the mail server said (SPEC §7), through the real binary against
//! aiosmtpd handlers that misbehave the way real relays do
//! (tests/support/smtp_sink.py): a refused recipient, `452` after two
//! recipients, a connection closed after the final dot, one message that
//! makes the relay drop the session, a relay that stalls after DATA. Each
//! reads the ledger back and what the server received; `plan`, `explain`
//! and the preview's dashboard say "sent, but refused for …".

mod preview;
mod support;

use std::process::Output;

use serde_json::Value;
use support::Site;
use support::smtp::{Sink, text};

const CONFIG: &str = r#"title: Nedetid test
base_url: https://intranett.example.org/nedetid/
language: nb
timezone: Europe/Oslo
theme: default
mail:
  from: "Meldingsansvarlige SØ <meldinger@example.org>"
  message_id_domain: example.org
recipients:
  - { name: PLO ressurspersoner, address: plo-ressurs@example.org }
  - { name: PLO avdelingssjefer, address: plo-sjefer@example.org }
  - { name: PLO andre, address: plo-andre@example.org }
systems:
  plo: { name: PLO-meldinger }
municipalities:
  halden: { name: Halden, coordinator_phone: "+47 00 00 00 01" }
routines:
  default: nodrutiner/plo
"#;

const ROUTINE: &str = "---\ntitle: Nødrutine for PLO-meldinger\n---\n\nIntro.\n\n1. **Les varselet.** Se når.\n2. Ring koordinatortelefonen.\n";

/// The announce of every outage in [`site`] is due at 11:00 the day before.
const DUE: &str = "2026-12-02 11:00";

/// A site with three recipients and a planned outage for each id.
fn site(ids: &[&str]) -> Site {
    let site = Site::new()
        .config(CONFIG)
        .file("content/nodrutiner/plo.md", ROUTINE)
        .file("ledger.jsonl", "");
    for id in ids {
        add(&site, id);
    }
    site
}

fn add(site: &Site, id: &str) {
    site.write_outage(
        id,
        "title: Oppgradering\nkind: planned\nstart: 2026-12-03 18:00\nend: 2026-12-03 22:00\nsystems: [plo]\nmunicipalities: [halden]\n",
    );
}

/// `varsel send` against `sink`, which it waits on for 2 s at the most.
fn send(site: &Site, now: &str, sink: &Sink) -> Output {
    site.send_command(now, Some(&sink.url()))
        .env("VARSEL_SMTP_TIMEOUT_SECS", "2")
        .output()
        .unwrap()
}

/// [`send`], which must exit with `code`.
fn send_exit(site: &Site, now: &str, sink: &Sink, code: i32) -> Output {
    let out = send(site, now, sink);
    assert_eq!(out.status.code(), Some(code), "{}", text(&out));
    out
}

/// The ledger records of the message `message_id`, in order.
fn records(site: &Site, message_id: &str) -> Vec<Value> {
    site.records()
        .into_iter()
        .filter(|r| r["message_id"] == message_id)
        .collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const X: &str = "<x.announce@example.org>";

#[test]
fn a_refused_recipient_is_named_the_others_get_it_and_later_runs_offer_it_to_that_address_only() {
    let sink = Sink::start();
    let site = site(&["x"]);
    sink.steer("refuse_rcpt", Some("plo-andre@example.org\n"));
    let out = send_exit(&site, DUE, &sink, 1);
    assert!(
        stderr(&out).contains("refused plo-andre@example.org"),
        "{}",
        text(&out)
    );
    let received = sink.received();
    assert_eq!(received.len(), 1);
    assert_eq!(
        received[0].rcpt_tos(),
        ["plo-ressurs@example.org", "plo-sjefer@example.org"]
    );
    let last = records(&site, X).pop().unwrap();
    assert_eq!(last["state"], "sent");
    assert_eq!(
        last["refused"],
        serde_json::json!(["plo-andre@example.org"])
    );
    assert!(
        last["error"].as_str().unwrap().contains("550 5.1.1"),
        "{last}"
    );

    // plan and explain say so, in both languages.
    let ledger = site.ledger();
    let ledger = ledger.to_str().unwrap();
    for (lang, words) in [
        ("en", "sent, but refused for plo-andre@example.org"),
        ("nb", "sendt, men avvist for plo-andre@example.org"),
    ] {
        let plan = site.run(&[
            "--lang",
            lang,
            "--now",
            "2026-12-02 11:05",
            "plan",
            "--ledger",
            ledger,
        ]);
        assert!(plan.stdout.contains(words), "{plan}");
        let explain = site.run(&["--lang", lang, "--now", "2026-12-02 11:05", "explain", "x"]);
        assert!(explain.stdout.contains(words), "{explain}");
    }

    let json = site.run(&[
        "--now",
        "2026-12-02 11:05",
        "plan",
        "--ledger",
        ledger,
        "--format",
        "json",
    ]);
    let announce = &json.json()["outages"][0]["notices"][0];
    assert_eq!(announce["state"], "sent", "{json}");
    assert_eq!(
        announce["refused"],
        serde_json::json!(["plo-andre@example.org"])
    );
    assert_eq!(announce["offer_again"], true, "{json}");
    // So does the preview's dashboard.
    let preview = preview::Preview::start(site.root(), "2026-12-02 11:05");
    let (status, dashboard) = preview.get("/_varsel/");
    assert_eq!(status, 200);
    assert!(
        dashboard.contains("sent, but refused for plo-andre@example.org"),
        "{dashboard}"
    );
    drop(preview);

    // The address is fixed: the next run offers the same message to it only.
    sink.steer("refuse_rcpt", None);
    send_exit(&site, "2026-12-02 11:15", &sink, 0);
    let received = sink.received();
    assert_eq!(received.len(), 2);
    assert_eq!(received[1].message_id(), X);
    assert_eq!(received[1].rcpt_tos(), ["plo-andre@example.org"]);
    let records = records(&site, X);
    assert_eq!(
        site.states(X),
        ["sending", "sent", "sending", "sent"],
        "{records:?}"
    );
    assert_eq!(
        records[2]["to"],
        serde_json::json!(["plo-andre@example.org"])
    );
    assert!(records[3].get("refused").is_none(), "{:?}", records[3]);
    send_exit(&site, "2026-12-02 11:30", &sink, 0);
    assert_eq!(sink.received().len(), 2, "offered a third time");
}

/// The mail admins renamed the list and the coordinator fixed the address
/// in `varsel.yaml`: the next run offers the same message (same Message-ID)
/// to the current recipients that have not taken it, so the renamed list
/// gets it, the old address is not offered it, and the lists that took it
/// are not sent it twice (the `sent` record names who `accepted` it).
#[test]
fn a_renamed_refused_list_gets_the_same_message_and_no_one_gets_it_twice() {
    let sink = Sink::start();
    let site = site(&["x"]);
    sink.steer("refuse_rcpt", Some("plo-andre@example.org\n"));
    send_exit(&site, DUE, &sink, 1);
    let first = records(&site, X).pop().unwrap();
    assert_eq!(
        first["accepted"],
        serde_json::json!(["plo-ressurs@example.org", "plo-sjefer@example.org"])
    );
    sink.steer("refuse_rcpt", None);
    let config = site.root().join("varsel.yaml");
    let renamed = std::fs::read_to_string(&config)
        .unwrap()
        .replace("plo-andre@example.org", "plo-andre-ny@example.org");
    std::fs::write(&config, renamed).unwrap();
    let ledger = site.ledger();
    let ledger = ledger.to_str().unwrap();
    let now = "2026-12-02 11:05";
    for (lang, words) in [
        (
            "en",
            "sent, but refused for plo-andre@example.org; the next send offers the same message (same Message-ID) to plo-andre-ny@example.org",
        ),
        (
            "nb",
            "sendt, men avvist for plo-andre@example.org; neste utsending tilbyr samme melding (samme Message-ID) til plo-andre-ny@example.org",
        ),
    ] {
        let plan = site.run(&["--lang", lang, "--now", now, "plan", "--ledger", ledger]);
        assert!(plan.stdout.contains(words), "{plan}");
        let explain = site.run(&["--lang", lang, "--now", now, "explain", "x"]);
        assert!(explain.stdout.contains(words), "{explain}");
    }
    let preview = preview::Preview::start(site.root(), now);
    let (status, dashboard) = preview.get("/_varsel/");
    assert_eq!(status, 200);
    assert!(
        dashboard.contains("to plo-andre-ny@example.org while it is due"),
        "{dashboard}"
    );
    drop(preview);
    let json = site.run(&["--now", now, "plan", "--ledger", ledger, "--format", "json"]);
    let announce = &json.json()["outages"][0]["notices"][0];
    assert_eq!(announce["offer_again"], true, "{json}");
    assert_eq!(
        announce["offer_to"],
        serde_json::json!(["plo-andre-ny@example.org"]),
        "{json}"
    );
    // send agrees: the same message to the new address only.
    send_exit(&site, "2026-12-02 11:15", &sink, 0);
    let received = sink.received();
    assert_eq!(received.len(), 2);
    assert_eq!(received[1].message_id(), X);
    assert_eq!(received[1].rcpt_tos(), ["plo-andre-ny@example.org"]);
    for header in ["In-Reply-To", "References", "X-Varsel-Notice", "Subject"] {
        assert_eq!(received[1].header(header), received[0].header(header));
    }
    let records = records(&site, X);
    assert_eq!(
        records[2]["to"],
        serde_json::json!(["plo-andre-ny@example.org"])
    );
    assert_eq!(
        records[3]["accepted"],
        serde_json::json!(["plo-andre-ny@example.org"])
    );
    // Everyone has it now: not offered again, to anybody.
    let plan = site.run(&[
        "--lang",
        "en",
        "--now",
        "2026-12-02 11:20",
        "plan",
        "--ledger",
        ledger,
    ]);
    assert!(!plan.stdout.contains("refused"), "{plan}");
    send_exit(&site, "2026-12-02 11:30", &sink, 0);
    assert_eq!(sink.received().len(), 2, "offered a third time");
}

/// A refused list removed from the recipients is not offered the message,
/// and nobody who took it gets it again: `plan` promises no offer.
#[test]
fn a_refused_address_removed_from_the_recipients_is_not_promised_an_offer() {
    let sink = Sink::start();
    let site = site(&["x"]);
    sink.steer("refuse_rcpt", Some("plo-andre@example.org\n"));
    send_exit(&site, DUE, &sink, 1);
    sink.steer("refuse_rcpt", None);
    let config = site.root().join("varsel.yaml");
    let removed = std::fs::read_to_string(&config).unwrap().replace(
        "  - { name: PLO andre, address: plo-andre@example.org }\n",
        "",
    );
    std::fs::write(&config, removed).unwrap();
    let ledger = site.ledger();
    let ledger = ledger.to_str().unwrap();
    let now = "2026-12-02 11:05";
    let plan = site.run(&["--lang", "en", "--now", now, "plan", "--ledger", ledger]);
    assert!(
        plan.stdout
            .contains("sent, but refused for plo-andre@example.org"),
        "{plan}"
    );
    assert!(!plan.stdout.contains("the next send offers"), "{plan}");
    assert!(
        plan.stdout
            .contains("every recipient in varsel.yaml has it"),
        "{plan}"
    );
    let json = site.run(&["--now", now, "plan", "--ledger", ledger, "--format", "json"]);
    let announce = &json.json()["outages"][0]["notices"][0];
    assert_eq!(announce["offer_again"], false, "{json}");
    // And send agrees: nothing is offered, to the old address or the others.
    let out = send(&site, "2026-12-02 11:15", &sink);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(sink.received().len(), 1);
}

/// A ledger written before `sent` records named who `accepted` a message:
/// the refused addresses that are still recipients are offered it, as
/// before, and a renamed list is not (nobody knows who took it).
#[test]
fn without_accepted_in_the_ledger_only_refused_addresses_still_listed_are_offered_it() {
    let sink = Sink::start();
    let site = site(&["x"]);
    sink.steer("refuse_rcpt", Some("plo-andre@example.org\n"));
    send_exit(&site, DUE, &sink, 1);
    sink.steer("refuse_rcpt", None);
    let path = site.ledger();
    let old: String = std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .map(|line| {
            let mut record: Value = serde_json::from_str(line).unwrap();
            record.as_object_mut().unwrap().remove("accepted");
            format!("{record}\n")
        })
        .collect();
    std::fs::write(&path, old).unwrap();
    let config = site.root().join("varsel.yaml");
    let with_new = std::fs::read_to_string(&config).unwrap().replace(
        "recipients:\n",
        "recipients:\n  - { name: PLO nye, address: plo-nye@example.org }\n",
    );
    std::fs::write(&config, with_new).unwrap();
    send_exit(&site, "2026-12-02 11:15", &sink, 0);
    let received = sink.received();
    assert_eq!(received.len(), 2);
    assert_eq!(received[1].message_id(), X);
    assert_eq!(received[1].rcpt_tos(), ["plo-andre@example.org"]);
}

#[test]
fn a_refused_recipient_is_not_offered_the_message_once_it_is_no_longer_due() {
    let sink = Sink::start();
    let site = site(&["x"]);
    sink.steer("refuse_rcpt", Some("plo-andre@example.org\n"));
    send_exit(&site, DUE, &sink, 1);
    sink.steer("refuse_rcpt", None);
    // The next morning the reminder is due: it goes to everyone, and the
    // announce is not offered again.
    send_exit(&site, "2026-12-03 07:00", &sink, 0);
    let received = sink.received();
    assert_eq!(received.len(), 2);
    assert_eq!(received[1].message_id(), "<x.reminder@example.org>");
    assert_eq!(received[1].rcpt_tos().len(), 3);
    send_exit(&site, "2026-12-03 07:15", &sink, 0);
    assert_eq!(sink.received().len(), 2);
}

#[test]
fn too_many_recipients_after_two_sends_the_rest_in_another_transaction() {
    let sink = Sink::start();
    let site = site(&["x"]);
    sink.steer("max_rcpt", Some("2"));
    let out = send_exit(&site, DUE, &sink, 0);
    let received = sink.received();
    assert_eq!(received.len(), 2, "{}", text(&out));
    assert_eq!(received[0].message_id(), received[1].message_id());
    assert_eq!(
        received[0].rcpt_tos(),
        ["plo-ressurs@example.org", "plo-sjefer@example.org"]
    );
    assert_eq!(received[1].rcpt_tos(), ["plo-andre@example.org"]);
    assert_eq!(site.states(X), ["sending", "sent"]);
    assert!(records(&site, X)[1].get("refused").is_none());
}

#[test]
fn a_connection_closed_after_the_final_dot_is_an_interrupted_hand_over_resent_once() {
    let sink = Sink::start();
    let site = site(&["x"]);
    sink.steer("drop", Some("*\n"));
    let out = send_exit(&site, DUE, &sink, 1);
    assert!(stderr(&out).contains("no reply"), "{}", text(&out));
    assert_eq!(sink.received().len(), 1, "the server had it");
    let last = records(&site, X).pop().unwrap();
    assert_eq!(
        (&last["state"], &last["interrupted"]),
        (&"sent".into(), &true.into())
    );
    // Told: plan does not call it due as a first hand-over, but as a resend.
    let ledger = site.ledger();
    let plan = site.run(&[
        "--lang",
        "en",
        "--now",
        "2026-12-02 11:05",
        "plan",
        "--ledger",
        ledger.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let notice = &plan.json()["outages"][0]["notices"][0];
    assert_eq!(notice["state"], "due", "{plan}");
    assert!(notice.get("refused").is_none(), "{plan}");
    assert!(
        notice["reason"]
            .as_str()
            .unwrap()
            .contains("same Message-ID"),
        "{plan}"
    );
    // Resent once, same Message-ID, while still due.
    sink.steer("drop", None);
    send_exit(&site, "2026-12-02 11:15", &sink, 0);
    let received = sink.received();
    assert_eq!(received.len(), 2);
    assert_eq!(received[1].message_id(), X);
    assert_eq!(site.states(X), ["sending", "sent", "sending", "sent"]);
    send_exit(&site, "2026-12-02 11:30", &sink, 0);
    assert_eq!(sink.received().len(), 2, "sent a third time");
}

#[test]
fn one_message_that_drops_the_session_never_blocks_the_others_and_goes_last_next_time() {
    let sink = Sink::start();
    let site = site(&["a", "b", "c"]);
    // The relay answers one message with 554 and hangs up.
    sink.steer(
        "refuse_notice",
        Some("a 554 5.7.1 rejected by content filter\n"),
    );
    let out = send_exit(&site, DUE, &sink, 1);
    let notices: Vec<String> = sink
        .received()
        .iter()
        .map(|r| r.one("X-Varsel-Notice"))
        .collect();
    assert_eq!(notices, ["b announce", "c announce"], "{}", text(&out));
    assert_eq!(
        site.states("<a.announce@example.org>"),
        ["sending", "failed"]
    );
    // Next run: a new outage and the one that failed; the failed one last.
    add(&site, "d");
    sink.steer("refuse_notice", None);
    let out = send_exit(&site, "2026-12-02 11:15", &sink, 0);
    let notices: Vec<String> = sink
        .received()
        .iter()
        .map(|r| r.one("X-Varsel-Notice"))
        .collect();
    assert_eq!(notices[2..], ["d announce", "a announce"], "{}", text(&out));
    // The relay drops the session, no reply, on one message: the others go.
    let site = self::site(&["a", "b"]);
    sink.steer("drop", Some("a\n"));
    let before = sink.received().len();
    let out = send_exit(&site, DUE, &sink, 1);
    let notices: Vec<String> = sink.received()[before..]
        .iter()
        .map(|r| r.one("X-Varsel-Notice"))
        .collect();
    assert_eq!(notices, ["a announce", "b announce"], "{}", text(&out));
    assert_eq!(site.states("<b.announce@example.org>"), ["sending", "sent"]);
}

#[test]
fn a_relay_that_stalls_after_data_is_given_up_on_after_the_timeout() {
    let sink = Sink::start();
    let site = site(&["x"]);
    sink.delay(60.0);
    let started = std::time::Instant::now();
    let out = send(&site, DUE, &sink);
    eprintln!("gave up after {:?}", started.elapsed());
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("no reply within the timeout"),
        "{}",
        text(&out)
    );
    let last = records(&site, X).pop().unwrap();
    assert_eq!(
        (&last["state"], &last["interrupted"]),
        (&"sent".into(), &true.into())
    );
}

#[test]
fn a_cancellation_whose_reply_was_lost_counts_as_told_so_reinstating_sends_changed() {
    let sink = Sink::start();
    let site = site(&["x"]);
    send_exit(&site, DUE, &sink, 0);
    site.write_outage(
        "x",
        "title: Oppgradering\nkind: planned\nstart: 2026-12-03 18:00\nend: 2026-12-03 22:00\ncancelled: true\nsystems: [plo]\nmunicipalities: [halden]\n",
    );
    sink.steer("drop", Some("*\n"));
    send_exit(&site, "2026-12-02 12:00", &sink, 1);
    let cancelled = "<x.cancelled@example.org>";
    assert_eq!(site.states(cancelled), ["sending", "sent"]);
    // Reinstated before the next run: staff may believe it is off, so
    // `changed` goes (never the cancellation again, never silence).
    sink.steer("drop", None);
    add(&site, "x");
    let out = send_exit(&site, "2026-12-02 12:15", &sink, 0);
    let received = sink.received();
    assert_eq!(received.len(), 3, "{}", text(&out));
    assert_eq!(received[2].message_id(), "<x.changed.1@example.org>");
}
