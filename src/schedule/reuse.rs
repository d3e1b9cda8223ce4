//! An outage id used again (SPEC §7 "Reading the ledger"): an id names one
//! outage. Once staff were told about an outage and its window is over,
//! the file may go; a later file with the same id for another window is a
//! new outage under an old name. Read as the same outage it would send a
//! `changed` ("previously 3 December") weeks early, so it is reported
//! instead (`check` and `send`, exit 1) and left out of the plan.
//!
//! The ledger does not say when a file was deleted, so the rule reads what
//! it can: the last notice told is over (its estimated end passed, or
//! staff were told it was over), and the file's window starts on a later
//! day. A window moved within its own day (work that overran, an outage
//! reopened after `resolved`) stays the same outage.

use std::collections::HashMap;

use chrono::DateTime;
use chrono_tz::Tz;

use super::{History, Picture, Told};
use crate::outage::Outage;

/// An outage file whose id was used by an earlier, finished outage.
#[derive(Debug, Clone, PartialEq)]
pub struct Reused {
    /// The outage id.
    pub id: String,
    /// The last notice staff were told under this id.
    pub told: Told,
    /// When the window it told of was over.
    pub over: DateTime<Tz>,
    /// The start the file gives now.
    pub start: DateTime<Tz>,
}

/// The outages among `outages` whose id names an earlier outage that is
/// over at `now` (see the module), ordered by id.
pub fn reused<O: std::borrow::Borrow<Outage>>(
    outages: &[O],
    histories: &HashMap<String, History>,
    now: DateTime<Tz>,
) -> Vec<Reused> {
    let mut out: Vec<Reused> = outages
        .iter()
        .map(O::borrow)
        .filter_map(|o| {
            let told = histories.get(&o.id)?.last()?;
            let over = over_at(told)?;
            (over <= now && o.start.date_naive() > over.date_naive()).then(|| Reused {
                id: o.id.clone(),
                told: told.clone(),
                over,
                start: o.start,
            })
        })
        .collect();
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// When the window `told` speaks of is over: its estimated end, or, when
/// staff were told it was over, the earlier of that and the estimate.
/// `None` for an acute outage without an estimate that is not over.
fn over_at(told: &Told) -> Option<DateTime<Tz>> {
    match told.picture() {
        Picture::On(w) | Picture::Off(w) => w.end,
        Picture::Over(w) => Some(w.end.map_or(told.at, |end| end.min(told.at))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notice_kind::NoticeKind;
    use crate::schedule::tests::{history, planned, sent, t};

    #[test]
    fn a_new_window_on_a_later_day_after_the_told_one_is_over_is_a_reused_id() {
        let old = planned("2026-12-03 18:00", "2026-12-03 22:00");
        let told = history(&[sent(NoticeKind::Announce, &old, "2026-12-02 11:00")]);
        let histories = HashMap::from([("o".to_string(), told)]);
        let new = planned("2027-01-14 18:00", "2027-01-14 22:00");
        let found = reused(&[&new], &histories, t("2027-01-13 11:00"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].over, t("2026-12-03 22:00"));
        // Before the told window is over, a move is a `changed`.
        assert!(reused(&[&new], &histories, t("2026-12-03 12:00")).is_empty());
        // The same outage, still in its file, or moved within its day.
        assert!(reused(&[&old], &histories, t("2027-01-13 11:00")).is_empty());
        let later = planned("2026-12-03 23:00", "2026-12-03 23:30");
        assert!(reused(&[&later], &histories, t("2026-12-04 08:00")).is_empty());
        // An outage nobody was told about has no past to reuse.
        assert!(reused(&[&new], &HashMap::new(), t("2027-01-13 11:00")).is_empty());
    }
}
