//! Property test (SPEC §7 "Reading the ledger"): the place of a line in the
//! ledger never matters. Random records of two outages at a few moments
//! (so that many share their time: a `sent` before its own `sending`, a
//! claim beside another run's outcome, a line twice) give the same plans
//! and the same open claims however the lines are shuffled.

use proptest::prelude::*;

use super::tests::{acute, planned, t};
use super::*;
use crate::ledger::{Ledger, Record, RecordState};

/// The moments records are written at: few, so that ties are common.
const MOMENTS: [&str; 4] = [
    "2026-12-02 11:00",
    "2026-12-02 11:05",
    "2026-12-03 07:00",
    "2026-12-03 07:20",
];

fn outages() -> [Outage; 2] {
    let acute = Outage {
        id: "b".into(),
        file: "outages/b.yaml".into(),
        ..acute("2026-12-03 06:00", Some("2026-12-03 09:00"))
    };
    [planned("2026-12-03 18:00", "2026-12-03 22:00"), acute]
}

/// One record: outage, kind, state, moment, revision, and whether it
/// carries a window other than the file's.
fn record() -> impl Strategy<Value = Record> {
    (
        0..2usize,
        0..NoticeKind::ALL.len(),
        prop_oneof![
            Just(RecordState::Sending),
            Just(RecordState::Sent),
            Just(RecordState::Failed)
        ],
        0..MOMENTS.len(),
        1..3u32,
        any::<bool>(),
    )
        .prop_map(|(o, kind, state, moment, revision, moved)| {
            let outage = &outages()[o];
            let kind = NoticeKind::ALL[kind];
            let suffix = history::suffix(kind, revision).map_or(String::new(), |n| format!(".{n}"));
            let shift = if moved {
                chrono::Duration::hours(1)
            } else {
                chrono::Duration::zero()
            };
            Record {
                v: 1,
                outage: outage.id.clone(),
                kind,
                state,
                start: (outage.start + shift).fixed_offset(),
                end: outage.end.map(|e| e.fixed_offset()),
                at: t(MOMENTS[moment]).fixed_offset(),
                message_id: format!("<{}.{}{suffix}@example.org>", outage.id, kind.as_str()),
                error: (state == RecordState::Failed).then(|| "550 no".to_string()),
                to: Vec::new(),
                refused: Vec::new(),
                interrupted: false,
                accepted: Vec::new(),
            }
        })
}

/// The plans and the open claims a ledger text gives at `now`.
fn read(text: &str, now: DateTime<Tz>) -> (Vec<OutagePlan>, Vec<Record>, Vec<Record>) {
    let ledger = Ledger::parse(text);
    let histories = histories(&ledger, now.timezone(), now);
    let plans = outages()
        .iter()
        .map(|o| {
            let empty = History::default();
            let history = histories.get(&o.id).unwrap_or(&empty);
            plan_outage(o, &Policy::default(), &Calendar::default(), history, now)
        })
        .collect();
    let claims = ledger.claims_at(now.fixed_offset());
    let owned = |list: Vec<&Record>| list.into_iter().cloned().collect();
    (plans, owned(claims.in_progress), owned(claims.interrupted))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn shuffled_ledger_lines_give_the_same_plan(
        (lines, shuffled) in proptest::collection::vec(record(), 0..14)
            .prop_map(|records| {
                let mut lines: Vec<String> = records
                    .iter()
                    .map(|r| serde_json::to_string(r).unwrap())
                    .collect();
                // A union merge may bring a line back twice.
                if let Some(first) = lines.first().cloned() {
                    lines.push(first);
                }
                lines
            })
            .prop_flat_map(|lines| (Just(lines.clone()), Just(lines).prop_shuffle())),
        now in prop_oneof![
            Just("2026-12-02 11:05"),
            Just("2026-12-02 11:20"),
            Just("2026-12-03 07:20"),
            Just("2026-12-03 18:30"),
        ],
    ) {
        let now = t(now);
        let original = read(&lines.join("\n"), now);
        let again = read(&shuffled.join("\n"), now);
        prop_assert_eq!(original, again);
    }
}
