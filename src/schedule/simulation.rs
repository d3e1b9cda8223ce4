//! A cron simulation of the pure schedule: `now` steps every 5, 15 and 60
//! minutes, and with random gaps of up to 12 hours (missed CI runs), across
//! the fortnight around Easter 2027, which also holds the spring DST change
//! (Easter Sunday, 28 March 2027). What each step would send is fed back as
//! sent, like `send` writing the ledger.

use std::collections::HashMap;

use chrono::{DateTime, Duration};
use chrono_tz::Tz;

use super::tests::{acute, planned, t};
use super::*;
use crate::ledger::{Ledger, Record, RecordState};
use crate::outage::Notify;

/// One outage file and its edits: (from this moment, the file says this).
pub(super) struct Edits {
    pub(super) versions: Vec<(DateTime<Tz>, Outage)>,
}

impl Edits {
    fn fixed(id: &str, o: Outage) -> Self {
        Edits {
            versions: vec![(t("2000-01-01 00:00"), Outage { id: id.into(), ..o })],
        }
    }

    fn edited(id: &str, o: Outage, at: &str, edit: Outage) -> Self {
        let mut h = Edits::fixed(id, o);
        h.versions.push((
            t(at),
            Outage {
                id: id.into(),
                ..edit
            },
        ));
        h
    }

    /// The file as it is at `now`.
    /// `None` once the file is deleted (a version with an empty id).
    pub(super) fn at(&self, now: DateTime<Tz>) -> Option<&Outage> {
        let mut current = &self.versions[0].1;
        for (from, o) in &self.versions {
            if *from <= now {
                current = o;
            }
        }
        (!current.id.is_empty()).then_some(current)
    }
}

fn fortnight() -> Vec<Edits> {
    let always = |o: Outage| Outage {
        notify: Notify::Always,
        notify_reason: Some("r".into()),
        ..o
    };
    let ended = |o: Outage, at: &str| Outage {
        ended: Some(t(at)),
        ..o
    };
    vec![
        Edits::fixed("tue", planned("2027-03-23 18:00", "2027-03-23 22:00")),
        Edits::fixed("wed-night", planned("2027-03-24 22:00", "2027-03-25 02:00")),
        Edits::fixed(
            "easter-monday",
            planned("2027-03-29 08:00", "2027-03-29 16:00"),
        ),
        Edits::fixed(
            "after-easter",
            planned("2027-03-30 01:00", "2027-03-30 03:00"),
        ),
        Edits::fixed(
            "dst-night",
            always(planned("2027-03-28 01:00", "2027-03-28 05:00")),
        ),
        Edits::fixed(
            "good-friday",
            ended(acute("2027-03-26 10:00", None), "2027-03-26 14:00"),
        ),
        Edits::fixed(
            "acute-wed",
            ended(
                acute("2027-03-31 09:00", Some("2027-03-31 12:00")),
                "2027-03-31 11:00",
            ),
        ),
        Edits::fixed(
            "early",
            ended(
                planned("2027-04-01 08:00", "2027-04-01 16:00"),
                "2027-04-01 12:00",
            ),
        ),
        Edits::edited(
            "called-off",
            planned("2027-04-02 18:00", "2027-04-02 22:00"),
            "2027-04-01 12:00",
            Outage {
                cancelled: true,
                ..planned("2027-04-02 18:00", "2027-04-02 22:00")
            },
        ),
        Edits::edited(
            "moved",
            planned("2027-03-30 18:00", "2027-03-30 22:00"),
            "2027-03-29 15:00",
            planned("2027-03-31 18:00", "2027-03-31 22:00"),
        ),
    ]
}

/// (outage, kind, earliest moment it can go) for every notice the
/// fortnight needs when runs are on time.
fn expected() -> Vec<(&'static str, NoticeKind, DateTime<Tz>)> {
    use NoticeKind::*;
    vec![
        ("tue", Announce, t("2027-03-22 11:00")),
        ("tue", Reminder, t("2027-03-23 07:00")),
        ("wed-night", Announce, t("2027-03-23 11:00")),
        ("wed-night", Reminder, t("2027-03-24 07:00")),
        ("after-easter", Announce, t("2027-03-29 11:00")),
        ("dst-night", Announce, t("2027-03-27 11:00")),
        ("good-friday", Alert, t("2027-03-26 10:00")),
        ("good-friday", Resolved, t("2027-03-26 14:00")),
        ("acute-wed", Alert, t("2027-03-31 09:00")),
        ("acute-wed", Resolved, t("2027-03-31 11:00")),
        ("early", Announce, t("2027-03-31 11:00")),
        ("early", Reminder, t("2027-04-01 07:00")),
        ("early", CompletedEarly, t("2027-04-01 12:00")),
        ("called-off", Announce, t("2027-04-01 11:00")),
        ("called-off", Cancelled, t("2027-04-01 12:00")),
        ("moved", Announce, t("2027-03-29 11:00")),
        ("moved", Changed, t("2027-03-29 15:00")),
        // The new day gets its own day-before notice.
        ("moved", Announce, t("2027-03-30 11:00")),
        ("moved", Reminder, t("2027-03-31 07:00")),
    ]
}

/// One sent notice: outage id, kind, revision, window, run time.
pub(super) type Sent = (String, NoticeKind, Option<u32>, Window, DateTime<Tz>);

/// An in-memory ledger and its histories, read again only when records
/// were added or a claim's lease ran out (most runs send nothing).
#[derive(Default)]
pub(super) struct Books {
    ledger: Ledger,
    read: Option<((usize, usize), HashMap<String, History>)>,
}

impl Books {
    /// The histories of the ledger as it is at `now`. For a given ledger the
    /// interrupted claims only grow with time, so their number tells
    /// whether the histories read before still hold.
    pub(super) fn histories(&mut self, now: DateTime<Tz>) -> &HashMap<String, History> {
        let expired = self.ledger.claims_at(now.fixed_offset()).interrupted.len();
        let key = (self.ledger.records.len(), expired);
        if self.read.as_ref().is_none_or(|(k, _)| *k != key) {
            let tz = chrono_tz::Europe::Oslo;
            self.read = Some((key, super::histories(&self.ledger, tz, now)));
        }
        &self.read.as_ref().unwrap().1
    }
}

/// Runs `send` at each of `runs`, feeding what goes out back as sent.
pub(super) fn simulate(files: &[Edits], runs: &[DateTime<Tz>]) -> Vec<Sent> {
    let mut ledger = Books::default();
    let mut log = Vec::new();
    for &now in runs {
        run(files, &mut ledger, now, &mut |_| false, &mut log);
    }
    log
}

/// The Message-ID of a planned notice.
pub(super) fn message_id(id: &str, n: &Notice) -> String {
    format!(
        "<{}@example.org>",
        crate::mail::compose::stem(id, n.kind, n.revision)
    )
}

/// One `send` run at `now`, as src/send.rs does it, on an in-memory
/// ledger: plan from the ledger's histories, settle interrupted hand-overs
/// that are not due again as told, then for each due notice record
/// `sending`, hand over (log it), and record `sent` — unless `crash` says
/// the process dies right after this hand-over (the rest of the run is
/// lost). Returns the plans the run made.
pub(super) fn run(
    files: &[Edits],
    books: &mut Books,
    now: DateTime<Tz>,
    crash: &mut dyn FnMut(&str) -> bool,
    log: &mut Vec<Sent>,
) -> Vec<OutagePlan> {
    let policy = Policy::default();
    let calendar = Calendar::default();
    let histories = books.histories(now);
    let empty = History::default();
    let plans: Vec<OutagePlan> = files
        .iter()
        .filter_map(|h| h.at(now))
        .map(|o| {
            let history = histories.get(&o.id).unwrap_or(&empty);
            plan_outage(o, &policy, &calendar, history, now)
        })
        .collect();
    let due = due_notices(&plans);
    let mut ids: Vec<&str> = due.iter().map(|(p, _)| p.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(
        ids.len(),
        due.len(),
        "two notices of one outage in one run at {now}"
    );
    let due_ids: Vec<String> = due.iter().map(|(p, n)| message_id(&p.id, n)).collect();
    let ledger = &mut books.ledger;
    let settle: Vec<Record> = ledger
        .interrupted()
        .into_iter()
        .filter(|r| !due_ids.contains(&r.message_id))
        .map(|r| Record {
            state: RecordState::Sent,
            at: now.fixed_offset(),
            error: Some("interrupted hand-over, no longer due: counted as told".into()),
            ..r.clone()
        })
        .collect();
    ledger.records.extend(settle);
    for ((p, n), id) in due.iter().zip(due_ids) {
        let record = Record {
            v: 1,
            outage: p.id.clone(),
            kind: n.kind,
            state: RecordState::Sending,
            start: n.window.start.fixed_offset(),
            end: n.window.end.map(|e| e.fixed_offset()),
            at: now.fixed_offset(),
            message_id: id.clone(),
            error: None,
            to: Vec::new(),
            refused: Vec::new(),
            interrupted: false,
            accepted: Vec::new(),
        };
        ledger.records.push(record.clone());
        log.push((p.id.clone(), n.kind, n.revision, n.window, now));
        if crash(&id) {
            break;
        }
        ledger.records.push(Record {
            state: RecordState::Sent,
            ..record
        });
    }
    plans
}

fn start() -> DateTime<Tz> {
    t("2027-03-22 00:00")
}

fn end() -> DateTime<Tz> {
    t("2027-04-05 00:00")
}

/// Asserts nothing was sent twice: each (outage, kind) once, `changed`
/// once per revision.
pub(super) fn assert_no_repeats(log: &[Sent]) {
    let mut seen = std::collections::HashSet::new();
    for (id, kind, rev, _, at) in log {
        assert!(
            seen.insert((id.clone(), *kind, *rev)),
            "{id} {kind:?} {rev:?} sent twice (again at {at})"
        );
    }
}

#[test]
fn on_time_runs_send_each_notice_once_at_the_first_step_after_due() {
    for minutes in [5, 15, 60] {
        let mut runs = Vec::new();
        let mut now = start();
        while now < end() {
            runs.push(now);
            now += Duration::minutes(minutes);
        }
        let log = simulate(&fortnight(), &runs);
        assert_no_repeats(&log);
        let mut want: Vec<(String, NoticeKind, DateTime<Tz>)> = expected()
            .into_iter()
            .map(|(id, kind, earliest)| {
                let first = *runs.iter().find(|r| **r >= earliest).unwrap();
                (id.to_string(), kind, first)
            })
            .collect();
        let mut got: Vec<(String, NoticeKind, DateTime<Tz>)> = log
            .iter()
            .map(|(id, kind, _, _, at)| (id.clone(), *kind, *at))
            .collect();
        want.sort();
        got.sort();
        assert_eq!(got, want, "steps of {minutes} minutes");
    }
}

/// A small deterministic generator (xorshift64*), so runs are reproducible.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n
    }
}

#[test]
fn missed_runs_never_repeat_or_burst_and_never_lose_an_alert() {
    for seed in 1..=200u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        let mut runs = Vec::new();
        let mut now = start() + Duration::minutes(rng.below(60) as i64);
        while now < end() {
            runs.push(now);
            now += Duration::minutes(1 + rng.below(12 * 60) as i64);
        }
        let histories = fortnight();
        let log = simulate(&histories, &runs);
        assert_no_repeats(&log);
        let sent_at = |id: &str, kind| {
            log.iter()
                .find(|(i, k, ..)| i == id && *k == kind)
                .map(|s| s.4)
        };
        for h in &histories {
            let o = h.at(end()).unwrap();
            let id = o.id.as_str();
            // At most one pre-notice after a missed stretch: both go out only
            // when a run fell between the announce and the reminder.
            if let (Some(a), Some(_)) = (
                sent_at(id, NoticeKind::Announce),
                sent_at(id, NoticeKind::Reminder),
            ) {
                let reminder = reminder_due(o, &Policy::default()).unwrap();
                assert!(
                    a < reminder && a.date_naive() != o.start.date_naive(),
                    "seed {seed}: {id} announce at {a} and a reminder"
                );
            }
            // An acute outage that needs a notice is alerted if any run fell
            // in [start, ended).
            if o.kind == Kind::Acute {
                let ran = runs
                    .iter()
                    .any(|r| *r >= o.start && o.ended.is_none_or(|e| *r < e));
                assert_eq!(
                    sent_at(id, NoticeKind::Alert).is_some(),
                    ran,
                    "seed {seed}: {id}"
                );
            }
            // A planned outage that needs a notice is told about by some
            // notice if any run fell between its announce time and its end.
            let required = notice_required(o, &Policy::default(), &Calendar::default());
            if o.kind == Kind::Planned && required && !o.cancelled {
                let from = announce_due(o, &Policy::default(), &Calendar::default());
                let until = o.ended.map_or(o.end.unwrap(), |e| e.min(o.end.unwrap()));
                let ran = runs.iter().any(|r| *r >= from && *r < until);
                let told = log.iter().any(|(i, ..)| i == id);
                assert!(told || !ran, "seed {seed}: {id} never told");
            }
        }
    }
}
