//! Property tests: random outages with random edit histories (moved,
//! cancelled, ended early, estimate changed), run at random moments.

use chrono::{DateTime, Duration};
use chrono_tz::Tz;
use proptest::prelude::*;

use super::simulation::{History, Sent, assert_no_repeats, simulate};
use super::tests::t;
use super::*;
use crate::outage::Notify;

/// One edit of the file, `after` minutes past the previous one.
#[derive(Debug, Clone)]
enum Edit {
    Move { start: i64, minutes: i64 },
    Cancel,
    Uncancel,
    End { after_start: i64 },
    Estimate { minutes: Option<i64> },
}

fn base() -> DateTime<Tz> {
    t("2027-03-20 00:00")
}

fn edit() -> impl Strategy<Value = (i64, Edit)> {
    let e = prop_oneof![
        (0i64..14 * 24 * 60, 10i64..3000)
            .prop_map(|(start, minutes)| Edit::Move { start, minutes }),
        Just(Edit::Cancel),
        Just(Edit::Uncancel),
        (1i64..3000).prop_map(|after_start| Edit::End { after_start }),
        proptest::option::of(10i64..3000).prop_map(|minutes| Edit::Estimate { minutes }),
    ];
    (1i64..48 * 60, e)
}

/// An outage file: kind, start offset, duration, notify; then its edits.
fn history() -> impl Strategy<Value = (bool, i64, i64, u8, i64, Vec<(i64, Edit)>)> {
    (
        any::<bool>(),
        0i64..14 * 24 * 60,
        10i64..3000,
        0u8..4,
        0i64..14 * 24 * 60,
        proptest::collection::vec(edit(), 0..5),
    )
}

fn build(i: usize, spec: &(bool, i64, i64, u8, i64, Vec<(i64, Edit)>)) -> History {
    let (acute, start, minutes, notify, first_edit, edits) = spec;
    let start = base() + Duration::minutes(*start);
    let mut o = Outage {
        id: format!("o{i}"),
        kind: if *acute { Kind::Acute } else { Kind::Planned },
        start,
        end: Some(start + Duration::minutes(*minutes)),
        notify: match notify {
            0 => Notify::Always,
            1 => Notify::Never,
            _ => Notify::Auto,
        },
        ..super::tests::planned("2027-01-01 00:00", "2027-01-01 01:00")
    };
    o.id = format!("o{i}");
    let mut versions = vec![(t("2000-01-01 00:00"), o.clone())];
    let mut at = base() + Duration::minutes(*first_edit);
    for (gap, e) in edits {
        at += Duration::minutes(*gap);
        match e {
            Edit::Move { start, minutes } => {
                o.start = base() + Duration::minutes(*start);
                o.end = Some(o.start + Duration::minutes(*minutes));
                o.ended = None;
            }
            Edit::Cancel if o.kind == Kind::Planned => {
                o.cancelled = true;
                o.ended = None;
            }
            Edit::Uncancel => o.cancelled = false,
            Edit::End { after_start } if !o.cancelled => {
                o.ended = Some(o.start + Duration::minutes(*after_start));
            }
            Edit::Estimate { minutes } => {
                o.end = match (o.kind, minutes) {
                    (Kind::Acute, None) => None,
                    (_, m) => Some(o.start + Duration::minutes(m.unwrap_or(60))),
                };
            }
            _ => {}
        }
        versions.push((at, o.clone()));
    }
    History { versions }
}

fn runs(gaps: &[i64]) -> Vec<DateTime<Tz>> {
    let mut now = base() - Duration::days(2);
    gaps.iter()
        .map(|g| {
            now += Duration::minutes(*g);
            now
        })
        .collect()
}

/// Each `changed` carried a window different from the notice before it
/// (or followed a "cancelled"/"finished"/"resolved" that no longer holds).
fn assert_changes_are_real(log: &[Sent]) {
    let mut last: std::collections::HashMap<&str, (NoticeKind, Window)> = Default::default();
    for (id, kind, _, window, at) in log {
        if *kind == NoticeKind::Changed {
            let (before, previous) = last[id.as_str()];
            let back_on = matches!(
                before,
                NoticeKind::Cancelled | NoticeKind::CompletedEarly | NoticeKind::Resolved
            );
            assert!(
                back_on || previous != *window,
                "{id}: changed at {at} repeats the window"
            );
        }
        last.insert(id, (*kind, *window));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn no_repeats_and_acute_outages_are_always_alerted(
        specs in proptest::collection::vec(history(), 1..5),
        gaps in proptest::collection::vec(1i64..12 * 60, 20..120),
    ) {
        let histories: Vec<History> = specs.iter().enumerate().map(|(i, s)| build(i, s)).collect();
        let runs = runs(&gaps);
        let log = simulate(&histories, &runs);
        assert_no_repeats(&log);
        assert_changes_are_real(&log);
        let calendar = Calendar::default();
        for h in &histories {
            for &r in &runs {
                let o = h.at(r);
                let open = r >= o.start && o.ended.is_none_or(|e| r < e);
                if o.kind == Kind::Acute && open && notice_required(o, &Policy::default(), &calendar) {
                    let alerted = log.iter().any(|(id, kind, _, _, at)| *id == o.id && *kind == NoticeKind::Alert && *at <= r);
                    prop_assert!(alerted, "{} not alerted by the run at {}", o.id, r);
                }
            }
        }
    }
}
