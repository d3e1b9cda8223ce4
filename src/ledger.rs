//! The ledger (SPEC §7): what `send` handed to the mail server, as JSON
//! lines, one record per state change, append-only.
//!
//! Format (one object per line; unknown fields are ignored, so old ledgers
//! stay readable when records gain fields):
//!
//! ```json
//! {"v":1,"outage":"2026-12-03-meldingstjener","kind":"announce","state":"sent",
//!  "start":"2026-12-03T18:00:00+01:00","end":"2026-12-03T22:00:00+01:00",
//!  "at":"2026-12-02T11:00:04+01:00","message_id":"<2026-12-03-meldingstjener.announce@example.org>"}
//! ```
//!
//! `state` is `sending` (about to hand over), `sent` (the server accepted it)
//! or `failed` (the server refused; `error` holds its reply). A line that
//! cannot be read (a torn last line after a power loss) is skipped and
//! reported, never fatal.
//!
//! Readers order records by their `at` time, never by their place in the
//! file: records at the same time are ordered by a hand-over's life
//! (`sending` before `sent`/`failed`), then by their content, so any
//! shuffle of the lines reads the same ([`Record::reading_order`]), and
//! read a record that appears twice once: in git the file is merged with
//! `merge=union` (`.gitattributes`), which concatenates what two branches
//! appended, so file order means nothing and a line may come back twice.
//!
//! A `sending` record without a later `sent` or `failed` is a *claim*. It
//! carries a lease of [`CLAIM_LEASE`] from its `at`: until the lease runs
//! out it is another run's hand-over in progress and is left alone; after
//! that it is an interrupted hand-over ([`Ledger::claims_at`]).
//!
//! Writing ([`LedgerFile`]) happens under an exclusive lock held for the
//! whole `send` run, so two runs on one ledger never both send a notice:
//! the second waits, then reads what the first recorded. The file must
//! exist: a missing ledger is an error, never "nothing was sent".

use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use chrono::{DateTime, FixedOffset, TimeDelta};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::localtime;
use crate::notice_kind::NoticeKind;

/// Default ledger file name in the site root.
pub const DEFAULT_FILE: &str = "ledger.jsonl";

/// How long a claim (`sending` without outcome) counts as a hand-over in
/// progress, from its `at` (SPEC §7: about 10 minutes). A run hands over
/// nothing once its own claims are this old (see `send`), so a claim whose
/// lease ran out is certainly not being worked on any more.
pub const CLAIM_LEASE: TimeDelta = TimeDelta::minutes(10);

/// Where a notice stands in the ledger. The order of the variants is the
/// order of a hand-over's life, which orders records at the same time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordState {
    /// About to be handed to the server (written and fsynced first).
    Sending,
    /// The server accepted it.
    Sent,
    /// The server refused it.
    Failed,
}

/// One line of the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// Format version (1).
    #[serde(default = "one")]
    pub v: u32,
    /// Outage id.
    pub outage: String,
    /// Notice kind.
    pub kind: NoticeKind,
    /// State reached.
    pub state: RecordState,
    /// Start the notice communicated.
    #[serde(deserialize_with = "time")]
    pub start: DateTime<FixedOffset>,
    /// Estimated end the notice communicated (none for an open acute outage).
    #[serde(default, deserialize_with = "optional_time")]
    pub end: Option<DateTime<FixedOffset>>,
    /// When this state was reached.
    #[serde(deserialize_with = "time")]
    pub at: DateTime<FixedOffset>,
    /// The message's `Message-ID`, angle brackets included.
    pub message_id: String,
    /// The server's reply, for `failed`; for a `sent` that settles an
    /// interrupted hand-over, why it is counted as told.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The addresses this hand-over offered the message to, when not every
    /// recipient: a later run offering a message to the addresses the
    /// server refused before (SPEC §7). Empty: every recipient.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub to: Vec<String>,
    /// On `sent`: the addresses the server refused (`550`, or `452` to the
    /// end) while it took the message for the others; `error` holds its
    /// replies. While any are left, later runs offer the message again,
    /// while due, to the current recipients not in [`Record::accepted`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refused: Vec<String>,
    /// On `sent`: the addresses the server accepted in this hand-over
    /// (SPEC §7). A later offer goes to the current recipients not among
    /// the accepted of any `sent` of the message, so a renamed list gets
    /// it and no one gets it twice. Empty on records written before this
    /// field and on an `interrupted` one (nobody knows).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accepted: Vec<String>,
    /// On `sent`: the connection broke or timed out after the message's
    /// final dot, before the server's reply: nobody knows whether it was
    /// taken. It counts as told and is resent once while still due, as a
    /// crash's interrupted hand-over is (SPEC §7).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub interrupted: bool,
}

impl Record {
    /// True for the outcome that leaves a hand-over unsettled: a `sent`
    /// whose reply never came ([`Record::interrupted`]).
    pub fn unconfirmed(&self) -> bool {
        self.state == RecordState::Sent && self.interrupted
    }
}

fn one() -> u32 {
    1
}

/// An RFC 3339 time in a record, read as chrono reads it but quicker for
/// the form `send` writes ([`localtime::parse_fixed`]).
struct Time(DateTime<FixedOffset>);

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(TimeVisitor)
    }
}

/// Reads a [`Time`] from a JSON string.
struct TimeVisitor;

impl serde::de::Visitor<'_> for TimeVisitor {
    type Value = Time;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an RFC 3339 time")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Time, E> {
        localtime::parse_fixed(text)
            .map(Time)
            .ok_or_else(|| E::custom("not an RFC 3339 time"))
    }
}

/// `deserialize_with` for a required time.
fn time<'de, D: serde::Deserializer<'de>>(d: D) -> Result<DateTime<FixedOffset>, D::Error> {
    Time::deserialize(d).map(|t| t.0)
}

/// `deserialize_with` for a time that may be `null` or missing.
fn optional_time<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<DateTime<FixedOffset>>, D::Error> {
    Option::<Time>::deserialize(d).map(|t| t.map(|t| t.0))
}

/// The ledger as read: every record, and the lines that could not be read.
#[derive(Debug, Clone, Default)]
pub struct Ledger {
    /// Records in [reading order](Record::reading_order), each distinct
    /// record once.
    pub records: Vec<Record>,
    /// 1-based numbers of lines that were not valid records.
    pub unreadable_lines: Vec<usize>,
}

impl Ledger {
    /// Parses ledger text; never fails (bad lines are listed, not fatal).
    /// Lines are parsed in parallel; records are then ordered by `at`
    /// (stable) and repeated records dropped ([`Ledger::records`]).
    pub fn parse(text: &str) -> Ledger {
        let lines: Vec<&str> = text.lines().collect();
        let parsed: Vec<Option<Result<Record, usize>>> = lines
            .par_iter()
            .with_min_len(256)
            .enumerate()
            .map(|(index, line)| {
                (!line.trim().is_empty())
                    .then(|| serde_json::from_str::<Record>(line).map_err(|_| index + 1))
            })
            .collect();
        let mut ledger = Ledger::default();
        ledger.records.reserve(parsed.len());
        for line in parsed.into_iter().flatten() {
            match line {
                Ok(record) => ledger.records.push(record),
                Err(number) => ledger.unreadable_lines.push(number),
            }
        }
        ledger.records = in_time_order(ledger.records);
        ledger
    }

    /// Reads the ledger file, which must exist (`send`, and `plan --ledger
    /// FILE`): a missing file is an error of kind `NotFound` whose message
    /// names the file and says how a new site starts one.
    pub fn read_required(path: &Path) -> std::io::Result<Ledger> {
        match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(missing(path)),
            _ => Ledger::read(path),
        }
    }

    /// Reads the ledger file; a missing file is an empty ledger (for views
    /// such as the preview and the default ledger of `plan`).
    pub fn read(path: &std::path::Path) -> std::io::Result<Ledger> {
        match std::fs::read(path) {
            Ok(bytes) => Ok(match String::from_utf8(bytes) {
                Ok(text) => Ledger::parse(&text),
                Err(e) => Ledger::parse(&String::from_utf8_lossy(e.as_bytes())),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Ledger::default()),
            Err(e) => Err(e),
        }
    }

    /// Leaves out the records written after `at`: the ledger as it was
    /// then, for a view of a past moment (`plan --now`, the preview's time
    /// travel).
    pub fn as_of(&mut self, at: DateTime<FixedOffset>) {
        self.records.retain(|r| r.at <= at);
    }

    /// Claims at `now`: records in state `sending` with no later `sent` or
    /// `failed` for the same Message-ID, split by their lease.
    pub fn claims_at(&self, now: DateTime<FixedOffset>) -> Claims<'_> {
        let (in_progress, interrupted) = self
            .interrupted()
            .into_iter()
            .partition(|r| lease_runs(r, now));
        Claims {
            in_progress,
            interrupted,
        }
    }

    /// Records in state `sending` with no later `sent` or `failed` for the
    /// same Message-ID, whatever their lease: claims, oldest first.
    pub fn interrupted(&self) -> Vec<&Record> {
        let mut last: HashMap<&str, &Record> = HashMap::new();
        for r in &self.records {
            last.insert(r.message_id.as_str(), r);
        }
        let mut out: Vec<&Record> = last
            .into_values()
            .filter(|r| r.state == RecordState::Sending)
            .collect();
        out.sort_by(|a, b| a.reading_order(b));
        out
    }
}

/// Open claims ([`Ledger::claims_at`]), oldest first.
#[derive(Debug, Default)]
pub struct Claims<'a> {
    /// Leases still running: another run's hand-over in progress, left alone.
    pub in_progress: Vec<&'a Record>,
    /// Leases run out: hand-overs a crash (or a lost push) interrupted.
    pub interrupted: Vec<&'a Record>,
}

/// True while the lease of the claim `record` runs at `now`.
pub fn lease_runs(record: &Record, now: DateTime<FixedOffset>) -> bool {
    now < record.at + CLAIM_LEASE
}

/// Records in [reading order](Record::reading_order), each distinct record
/// once. The order is total, so equal records are neighbours and the place
/// of a line in the file never matters.
fn in_time_order(mut records: Vec<Record>) -> Vec<Record> {
    if !records.is_sorted_by(|a, b| a.reading_order(b).is_le()) {
        records.sort_by(Record::reading_order);
    }
    records.dedup();
    records
}

impl Record {
    /// How readers order records (SPEC §7 "Reading the ledger"): by `at`;
    /// at the same time by the order of a hand-over's life (`sending`
    /// before `sent`/`failed`); then by Message-ID and the other fields, so
    /// that two different records never tie and no order is left to the
    /// file.
    pub fn reading_order(&self, other: &Record) -> std::cmp::Ordering {
        fn key(r: &Record) -> (DateTime<FixedOffset>, RecordState, &str, &str, NoticeKind) {
            (r.at, r.state, &r.message_id, &r.outage, r.kind)
        }
        fn rest(r: &Record) -> impl Ord + '_ {
            (
                r.start,
                r.end,
                &r.error,
                r.v,
                &r.to,
                &r.refused,
                &r.accepted,
                r.interrupted,
            )
        }
        key(self)
            .cmp(&key(other))
            .then_with(|| rest(self).cmp(&rest(other)))
    }
}

/// Reads the whole ledger file; a torn last line (no final newline, after a
/// power loss) is closed with a newline, so the next record starts on its
/// own line.
fn read_closing_a_torn_line(file: &mut File) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    file.seek(SeekFrom::Start(0))?;
    file.read_to_end(&mut bytes)?;
    if !bytes.is_empty() && !bytes.ends_with(b"\n") {
        file.write_all(b"\n")?;
        file.sync_data()?;
    }
    Ok(bytes)
}

/// The `NotFound` error for a missing ledger at `path`.
fn missing(path: &Path) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::NotFound,
        crate::catalogue::ledger::missing(path.display(), crate::catalogue::ledger::missing_hint()),
    )
}

/// The ledger file opened for a `send` run: locked exclusively until
/// dropped; every [`append`](Self::append) is flushed to disk before it
/// returns.
#[derive(Debug)]
pub struct LedgerFile {
    file: File,
    path: PathBuf,
}

impl LedgerFile {
    /// Opens and locks the ledger at `path`, which must exist (a missing
    /// file is a `NotFound` error naming it), then reads it. If another
    /// process holds the lock, `waiting` is called once and the call waits
    /// until the lock is free, or until `stop` is set (a signal): `None`
    /// then. A torn last line (no final newline) is closed with a newline
    /// so the next record starts on its own line.
    pub fn open_locked(
        path: &Path,
        waiting: impl FnOnce(),
        stop: &AtomicBool,
    ) -> std::io::Result<Option<(LedgerFile, Ledger)>> {
        let mut file = open_for_append(path)?;
        if !crate::stop::lock_unless_stopped(&file, stop, waiting)? {
            return Ok(None);
        }
        let bytes = read_closing_a_torn_line(&mut file)?;
        let ledger = Ledger::parse(&String::from_utf8_lossy(&bytes));
        Ok(Some((
            LedgerFile {
                file,
                path: path.to_path_buf(),
            },
            ledger,
        )))
    }

    /// Opens the ledger at `path` (which must exist) for appending, without
    /// a lock of its own: for `send --git`, where the lock is the
    /// repository's (git replaces the file on every checkout, so a lock on
    /// it would not hold) and the file is opened anew after each git step.
    /// A torn last line is closed as in [`LedgerFile::open_locked`].
    pub fn open_unlocked(path: &Path) -> std::io::Result<LedgerFile> {
        let mut file = open_for_append(path)?;
        read_closing_a_torn_line(&mut file)?;
        Ok(LedgerFile {
            file,
            path: path.to_path_buf(),
        })
    }

    /// Appends one record as a line and fsyncs it.
    pub fn append(&mut self, record: &Record) -> std::io::Result<()> {
        let mut line = serde_json::to_string(record).map_err(std::io::Error::other)?;
        line.push('\n');
        self.file.write_all(line.as_bytes())?;
        self.file.sync_data()
    }

    /// The ledger's path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Opens an existing ledger for reading and appending.
fn open_for_append(path: &Path) -> std::io::Result<File> {
    std::fs::OpenOptions::new()
        .read(true)
        .append(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                missing(path)
            } else {
                e
            }
        })
}

impl Ledger {
    /// How many hand-overs of `message_id` ended without an outcome (a
    /// `sending` followed by another `sending` or by nothing: crashes; or
    /// by a `sent` whose reply never came, [`Record::unconfirmed`]).
    pub fn interruptions(&self, message_id: &str) -> usize {
        let mut count = 0;
        let mut open = false;
        for r in self.records.iter().filter(|r| r.message_id == message_id) {
            if r.state == RecordState::Sending {
                if open {
                    count += 1;
                }
                open = true;
            } else {
                count += usize::from(r.unconfirmed());
                open = false;
            }
        }
        count + usize::from(open)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINE: &str = r#"{"v":1,"outage":"a","kind":"announce","state":"sent","start":"2026-12-03T18:00:00+01:00","end":"2026-12-03T22:00:00+01:00","at":"2026-12-02T11:00:04+01:00","message_id":"<a.announce@example.org>"}"#;

    #[test]
    fn torn_last_line_and_unknown_fields_are_tolerated() {
        let text = format!(
            "{LINE}\n{}\n{}",
            LINE.replace("\"v\":1", "\"v\":1,\"future\":true")
                .replace("11:00:04", "11:15:00"),
            &LINE[..40]
        );
        let ledger = Ledger::parse(&text);
        assert_eq!(ledger.records.len(), 2);
        assert_eq!(ledger.unreadable_lines, vec![3]);
        assert_eq!(ledger.records[0].kind, NoticeKind::Announce);
    }

    #[test]
    fn locked_file_appends_after_a_torn_line_and_counts_interruptions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledger.jsonl");
        let sending = LINE.replace("\"sent\"", "\"sending\"");
        std::fs::write(&path, format!("{sending}\n{}", &LINE[..30])).unwrap();
        let (mut file, ledger) =
            LedgerFile::open_locked(&path, || panic!("no wait"), &AtomicBool::new(false))
                .unwrap()
                .unwrap();
        assert_eq!(ledger.unreadable_lines, vec![2]);
        assert_eq!(ledger.interruptions("<a.announce@example.org>"), 1);
        // The next run's claim (a later `at`).
        let record: Record =
            serde_json::from_str(&sending.replace("11:00:04", "11:15:00")).unwrap();
        file.append(&record).unwrap();
        drop(file);
        let again = Ledger::read(&path).unwrap();
        assert_eq!(again.records.len(), 2);
        assert_eq!(again.unreadable_lines, vec![2]);
        assert_eq!(again.interruptions("<a.announce@example.org>"), 2);
    }

    #[test]
    fn many_lines_in_reading_order_and_torn_lines_keep_their_numbers() {
        let mut lines: Vec<String> = (0..5000)
            .map(|n| LINE.replace("\"a\"", &format!("\"o{n}\"")))
            .collect();
        lines[2500] = LINE[..50].to_string();
        lines[1000] = String::new();
        lines.push(LINE[..20].to_string());
        let ledger = Ledger::parse(&lines.join("\n"));
        assert_eq!(ledger.unreadable_lines, vec![2501, 5001]);
        let outages: Vec<&str> = ledger.records.iter().map(|r| r.outage.as_str()).collect();
        let mut expected: Vec<String> = (0..5000)
            .filter(|n| *n != 1000 && *n != 2500)
            .map(|n| format!("o{n}"))
            .collect();
        expected.sort();
        assert_eq!(outages, expected);
    }

    #[test]
    fn sending_without_sent_is_interrupted() {
        let sending = LINE.replace("\"sent\"", "\"sending\"");
        let ledger = Ledger::parse(&format!("{sending}\n"));
        assert_eq!(ledger.interrupted().len(), 1);
        let ledger = Ledger::parse(&format!("{sending}\n{LINE}\n"));
        assert!(ledger.interrupted().is_empty());
        // The `sent` line before its own `sending` at the same time: the
        // place in the file does not matter, the hand-over is settled.
        let ledger = Ledger::parse(&format!("{LINE}\n{sending}\n"));
        assert!(ledger.interrupted().is_empty());
        assert_eq!(ledger.records[0].state, RecordState::Sending);
    }

    #[test]
    fn records_are_read_in_time_order_and_a_repeated_record_once() {
        let later = LINE
            .replace("11:00:04", "11:30:00")
            .replace("\"a\"", "\"b\"");
        let sending = LINE.replace("\"sent\"", "\"sending\"");
        // What a union merge of two branches gives: theirs after ours, the
        // common line twice (once reformatted), an older claim after it.
        let reformatted = sending.replace("{\"v\":1,", "{ \"v\": 1, ");
        let text = format!("{later}\n{sending}\n{LINE}\n{later}\n{reformatted}\n");
        let ledger = Ledger::parse(&text);
        let order: Vec<(&str, RecordState)> = ledger
            .records
            .iter()
            .map(|r| (r.outage.as_str(), r.state))
            .collect();
        assert_eq!(
            order,
            [
                ("a", RecordState::Sending),
                ("a", RecordState::Sent),
                ("b", RecordState::Sent)
            ]
        );
        assert!(ledger.interrupted().is_empty());
    }

    #[test]
    fn a_claim_is_in_progress_until_its_lease_runs_out() {
        let sending = LINE.replace("\"sent\"", "\"sending\"");
        let ledger = Ledger::parse(&format!("{sending}\n"));
        let at = ledger.records[0].at;
        let claims = ledger.claims_at(at + CLAIM_LEASE - TimeDelta::seconds(1));
        assert_eq!((claims.in_progress.len(), claims.interrupted.len()), (1, 0));
        let claims = ledger.claims_at(at + CLAIM_LEASE);
        assert_eq!((claims.in_progress.len(), claims.interrupted.len()), (0, 1));
    }

    #[test]
    fn a_missing_ledger_is_an_error_naming_it_for_send_and_empty_for_views() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledgr.jsonl");
        let e = Ledger::read_required(&path).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::NotFound);
        assert!(e.to_string().contains("ledgr.jsonl") && e.to_string().contains("touch"));
        let e = LedgerFile::open_locked(&path, || {}, &AtomicBool::new(false)).unwrap_err();
        assert!(e.to_string().contains("ledgr.jsonl"), "{e}");
        assert!(!path.exists(), "the ledger was created");
        assert!(Ledger::read(&path).unwrap().records.is_empty());
        std::fs::write(&path, "").unwrap();
        assert!(Ledger::read_required(&path).unwrap().records.is_empty());
    }
}
