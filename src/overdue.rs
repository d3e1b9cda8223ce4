//! `plan --overdue MINUTES` (SPEC §7 "On time"): the notices that have been
//! due for longer than a threshold and are still not sent, and the outages
//! whose estimated end passed that long ago without `ended` (`OVERRUN`),
//! for a monitoring system (Nagios, Icinga, Zabbix) to alarm on.
//!
//! Pure: takes the plans and `now`, reads no clock.

use chrono::{DateTime, Duration};
use chrono_tz::Tz;
use serde_json::{Value, json};

use crate::catalogue::overdue as msg;
use crate::localtime::rfc3339;
use crate::schedule::{NoticeKind, NoticeState, OutagePlan, Picture};

/// One notice that is late.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overdue {
    /// The outage id.
    pub id: String,
    /// Which notice.
    pub kind: NoticeKind,
    /// When it was first due.
    pub due: DateTime<Tz>,
    /// How long it has been due at `now`.
    pub late: Duration,
}

/// From how long after its due time the `serve` dashboard marks an unsent
/// notice as overdue (a watched sender sends within seconds; a CI schedule
/// every 10 minutes, plus its documented delays, within this).
pub const DASHBOARD_THRESHOLD: Duration = Duration::minutes(15);

impl Overdue {
    /// One line for a monitoring check: `OVERDUE`, id, kind, a word, the
    /// due time and how late, the tokens in the same places in either
    /// language (only the words for people are translated).
    pub fn line(&self) -> String {
        msg::overdue(
            &self.id,
            self.kind.as_str(),
            rfc3339(&self.due),
            minutes_in_words(self.late),
        )
    }

    /// How late, in the language of messages (for the dashboard): `20
    /// min`, `2 t 5 min`.
    pub fn late_words(&self) -> String {
        minutes_in_words(self.late)
    }

    /// The JSON object of `plan --overdue N --format json`.
    pub fn json(&self) -> Value {
        json!({
            "id": self.id,
            "kind": self.kind.as_str(),
            "due": rfc3339(&self.due),
            "minutes_late": self.late.num_minutes(),
        })
    }
}

/// Every notice in state `due` whose due time lies more than `threshold`
/// before `now`, most late first (then by outage id). A notice that went
/// stale unsent is no longer due and so not listed: the alarm is for what
/// can still be sent.
pub fn overdue(plans: &[OutagePlan], now: DateTime<Tz>, threshold: Duration) -> Vec<Overdue> {
    let mut late: Vec<Overdue> = plans
        .iter()
        .flat_map(|p| p.notices.iter().map(move |n| (p, n)))
        .filter(|(_, n)| n.state == NoticeState::Due && now - n.due > threshold)
        .map(|(p, n)| Overdue {
            id: p.id.clone(),
            kind: n.kind,
            due: n.due,
            late: now - n.due,
        })
        .collect();
    late.sort_by(|a, b| (a.due, &a.id, a.kind).cmp(&(b.due, &b.id, b.kind)));
    late
}

/// An outage staff were told about whose expected end passed without
/// `ended` (SPEC §7 `OVERRUN`): staff still believe an estimate that is no
/// longer true, and only the coordinator can say whether it is over
/// (`ended`) or when it will be (a new `end`, which sends `changed`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overrun {
    /// The outage id.
    pub id: String,
    /// The expected end that passed ([`crate::outage::Outage::expected_end`]).
    pub end: DateTime<Tz>,
    /// How long ago it passed at `now`.
    pub ago: Duration,
}

impl Overrun {
    /// The line SPEC §7 fixes, the same in every language so that a
    /// monitoring system can match it: `OVERRUN <id> end <t> (<n> min ago)`.
    pub fn line(&self) -> String {
        format!(
            "OVERRUN {} end {} ({} min ago)",
            self.id,
            rfc3339(&self.end),
            self.ago.num_minutes()
        )
    }

    /// How long ago in the language of messages: `2 t 5 min`.
    pub fn ago_words(&self) -> String {
        minutes_in_words(self.ago)
    }

    /// The JSON object of `plan --overdue N --format json`.
    pub fn json(&self) -> Value {
        json!({
            "id": self.id,
            "end": rfc3339(&self.end),
            "minutes_ago": self.ago.num_minutes(),
        })
    }
}

/// Every outage that staff believe is on (they were told, and neither
/// `cancelled` nor `resolved`/`completed_early` reached them) and that the
/// file says is still on (no `ended` by `now`), whose expected end lies more
/// than `threshold` before `now`; longest overrun first (then by id).
pub fn overruns(plans: &[OutagePlan], now: DateTime<Tz>, threshold: Duration) -> Vec<Overrun> {
    let mut out: Vec<Overrun> = plans
        .iter()
        .filter(|p| matches!(p.belief, Some(Picture::On(_))) && matches!(p.truth, Picture::On(_)))
        .filter_map(|p| {
            let end = p.expected_end?;
            (now - end > threshold).then(|| Overrun {
                id: p.id.clone(),
                end,
                ago: now - end,
            })
        })
        .collect();
    out.sort_by(|a, b| (a.end, &a.id).cmp(&(b.end, &b.id)));
    out
}

/// The JSON document of `plan --overdue N --format json`.
pub fn json(
    late: &[Overdue],
    overrun: &[Overrun],
    now: DateTime<Tz>,
    threshold_minutes: u32,
) -> Value {
    json!({
        "now": rfc3339(&now),
        "threshold_minutes": threshold_minutes,
        "overdue": late.iter().map(Overdue::json).collect::<Vec<_>>(),
        "overrun": overrun.iter().map(Overrun::json).collect::<Vec<_>>(),
    })
}

/// The line for a file whose notices cannot be checked.
pub fn invalid_line(file: &str) -> String {
    msg::invalid(file)
}

/// The line for the contact workbook when rows of it were left out.
pub fn invalid_workbook_line(file: &str) -> String {
    msg::invalid_workbook(file)
}

/// The line when nothing is overdue by more than `minutes`.
pub fn none_line(minutes: u32) -> String {
    msg::none_overdue(minutes)
}

/// `95 min` or `2 h 5 min` (`2 t 5 min`) in the language of messages.
fn minutes_in_words(d: Duration) -> String {
    let m = d.num_minutes();
    if m < 60 {
        format!("{m} min")
    } else {
        msg::hours_minutes(m / 60, m % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::{Notice, Window, fixtures};
    use chrono::TimeZone;
    use chrono_tz::Europe::Oslo;

    fn at(h: u32, m: u32) -> DateTime<Tz> {
        Oslo.with_ymd_and_hms(2026, 12, 2, h, m, 0).unwrap()
    }

    fn window() -> Window {
        Window {
            start: at(18, 0),
            end: None,
        }
    }

    fn notice(kind: NoticeKind, due: DateTime<Tz>, state: NoticeState) -> Notice {
        fixtures::notice(kind, due, state, window())
    }

    fn plan(id: &str, notices: Vec<Notice>) -> OutagePlan {
        fixtures::plan(id, window(), notices)
    }

    #[test]
    fn only_due_notices_past_the_threshold_are_overdue() {
        let plans = [
            plan(
                "b",
                vec![
                    notice(NoticeKind::Announce, at(11, 0), NoticeState::Due),
                    notice(NoticeKind::Reminder, at(7, 0), NoticeState::Sent),
                ],
            ),
            plan(
                "a",
                vec![
                    notice(NoticeKind::Changed, at(11, 50), NoticeState::Due),
                    notice(NoticeKind::Alert, at(9, 0), NoticeState::Stale),
                    notice(NoticeKind::Resolved, at(13, 0), NoticeState::Scheduled),
                ],
            ),
        ];
        let now = at(12, 0);
        let late = overdue(&plans, now, Duration::minutes(15));
        assert_eq!(late.len(), 1, "{late:?}");
        assert_eq!(late[0].id, "b");
        assert_eq!(late[0].late, Duration::minutes(60));
        assert_eq!(
            late[0].line(),
            "OVERDUE b announce due 2026-12-02T11:00:00+01:00 (1 h 0 min late)"
        );
        // Exactly at the threshold is not yet overdue; just past it is.
        assert_eq!(overdue(&plans, now, Duration::minutes(60)).len(), 0);
        let both = overdue(&plans, now, Duration::minutes(9));
        assert_eq!(
            both.iter().map(|o| o.id.as_str()).collect::<Vec<_>>(),
            ["b", "a"]
        );
        assert_eq!(json(&both, &[], now, 9)["overdue"][1]["minutes_late"], 10);
    }

    #[test]
    fn an_overrun_is_a_told_outage_past_its_expected_end() {
        let told = |id: &str, belief: Option<Picture>, truth: Picture| OutagePlan {
            belief,
            truth,
            expected_end: Some(at(10, 0)),
            ..plan(id, vec![])
        };
        let on = Picture::On(window());
        let plans = [
            told("told", Some(on), on),
            told("never-told", None, on),
            told("told-cancelled", Some(Picture::Off(window())), on),
            told("over-in-the-file", Some(on), Picture::Over(window())),
            OutagePlan {
                expected_end: None,
                ..told("no-estimate", Some(on), on)
            },
        ];
        let late = overruns(&plans, at(11, 0), Duration::minutes(30));
        assert_eq!(
            late.iter().map(Overrun::line).collect::<Vec<_>>(),
            ["OVERRUN told end 2026-12-02T10:00:00+01:00 (60 min ago)"]
        );
        assert!(overruns(&plans, at(11, 0), Duration::minutes(60)).is_empty());
        assert_eq!(
            json(&[], &late, at(11, 0), 30)["overrun"][0]["minutes_ago"],
            60
        );
    }
}
