//! `feed.xml` and `outages.ics` as a feed reader and a calendar read them:
//! `varsel build` through the real binary, the files parsed by Python's
//! `feedparser` and `icalendar` (installed by `.ci/run`).

mod support;

use std::process::Command;

use serde_json::Value;
use support::{PLANNED, Site};

const ID: &str = "2026-12-03-meldingstjener";

/// Reads the built `feed.xml` with feedparser and `outages.ics` with
/// icalendar: `{"bozo", "entries": [{id, updated, authors}], "events":
/// [{uid, dtstart, dtend, duration, last_modified, sequence, status}]}`,
/// times as RFC 3339 in UTC.
fn read_feeds(site: &Site) -> Value {
    const SCRIPT: &str = r#"
import json, sys, calendar, datetime, feedparser, icalendar
public = sys.argv[1]
feed = feedparser.parse(public + "/feed.xml")
utc = lambda t: t.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
entries = [{
    "id": e.id,
    "updated": utc(datetime.datetime.fromtimestamp(calendar.timegm(e.updated_parsed), datetime.timezone.utc)),
    "authors": [{"name": a.get("name"), "email": a.get("email")} for a in e.get("authors", [])],
} for e in feed.entries]
with open(public + "/outages.ics", "rb") as f:
    cal = icalendar.Calendar.from_ical(f.read())
events = []
for ev in cal.walk("VEVENT"):
    get = lambda k: ev.get(k).dt if ev.get(k) is not None else None
    events.append({
        "uid": str(ev.get("UID")),
        "dtstart": utc(get("DTSTART")),
        "dtend": utc(get("DTEND")) if get("DTEND") else None,
        "duration": str(get("DURATION")) if get("DURATION") else None,
        "last_modified": utc(get("LAST-MODIFIED")),
        "sequence": int(ev.get("SEQUENCE")),
        "status": str(ev.get("STATUS")),
    })
json.dump({"bozo": int(feed.bozo), "bozo_exception": str(feed.get("bozo_exception", "")),
           "entries": entries, "events": events}, sys.stdout)
"#;
    let out = Command::new("python3")
        .args(["-c", SCRIPT])
        .arg(site.public())
        .output()
        .expect("python3 must be installed");
    assert!(
        out.status.success(),
        "feedparser/icalendar (pip install feedparser icalendar): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["bozo"], 0, "feedparser: {}", value["bozo_exception"]);
    value
}

fn record(kind: &str, at: &str, message_id: &str) -> String {
    format!(
        r#"{{"v":1,"outage":"{ID}","kind":"{kind}","state":"sent","start":"2026-12-03T18:00:00+01:00","end":"2026-12-03T22:00:00+01:00","at":"{at}","message_id":"<{ID}.{message_id}@example.org>"}}"#
    ) + "\n"
}

#[test]
fn every_entry_names_the_site_and_its_sender_as_author() {
    let site = Site::for_build().outage(ID, PLANNED);
    let out = site.build("2026-12-02 12:00", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let feeds = read_feeds(&site);
    let entries = feeds["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(
        entries[0]["authors"],
        serde_json::json!([{"name": "Nedetid i meldingsutveksling", "email": "meldinger@example.org"}])
    );
}

#[test]
fn a_told_cancellation_bumps_updated_and_last_modified() {
    let announce = record("announce", "2026-12-02T11:00:04+01:00", "announce");
    let site = Site::for_build()
        .outage(ID, PLANNED)
        .file("ledger.jsonl", &announce);
    site.build("2026-12-02 14:00", &[]);
    let before = read_feeds(&site);
    assert_eq!(before["entries"][0]["updated"], "2026-12-02T10:00:04Z");
    assert_eq!(before["events"][0]["last_modified"], "2026-12-02T10:00:04Z");
    assert_eq!(before["events"][0]["status"], "CONFIRMED");

    site.write_outage(ID, &format!("{PLANNED}cancelled: true\n"));
    let cancelled = record("cancelled", "2026-12-02T15:10:00+01:00", "cancelled");
    site.write("ledger.jsonl", format!("{announce}{cancelled}"));
    site.build("2026-12-02 16:00", &[]);
    let after = read_feeds(&site);
    assert_eq!(after["entries"][0]["updated"], "2026-12-02T14:10:00Z");
    let event = &after["events"][0];
    assert_eq!(event["status"], "CANCELLED");
    assert_eq!(event["last_modified"], "2026-12-02T14:10:00Z");
    assert!(
        event["sequence"].as_i64() > before["events"][0]["sequence"].as_i64(),
        "{event}"
    );
}

#[test]
fn an_open_acute_outage_has_an_end_in_the_calendar() {
    let acute = "title: Brudd i PLO\nkind: acute\nstart: 2026-12-03 09:10\nsystems: [plo]\nmunicipalities: all\n";
    let site = Site::for_build().outage("2026-12-03-brudd", acute);
    let out = site.build("2026-12-03 10:20", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let feeds = read_feeds(&site);
    let event = &feeds["events"][0];
    assert_eq!(event["dtstart"], "2026-12-03T08:10:00Z");
    // DTEND (not DURATION): the next full hour after the build.
    assert_eq!(event["dtend"], "2026-12-03T10:00:00Z", "{event}");
    assert!(event["duration"].is_null(), "{event}");
    // The output changes then: `build` says so.
    let json: Value = serde_json::from_str(&site.read("outages.json")).unwrap();
    assert_eq!(json["next_change"], "2026-12-03T11:00:00+01:00");
    // Rebuilt within the hour, the event is the same.
    let ics = site.read("outages.ics");
    site.build("2026-12-03 10:55", &[]);
    let strip = |text: &str| {
        text.lines()
            .filter(|l| !l.starts_with("DTSTAMP"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(strip(&site.read("outages.ics")), strip(&ics));
}
