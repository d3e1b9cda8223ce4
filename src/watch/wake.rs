//! When `send --watch` next has something to do, and how long it waits
//! after a failure. Pure: takes the plans and `now`, reads no clock.

use std::time::Duration;

use chrono::DateTime;
use chrono_tz::Tz;

use crate::catalogue::watch as msg;
use crate::schedule::{self, NoticeState, OutagePlan};

/// The next moment after `now` at which a pass may have work, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextWake {
    /// The moment.
    pub at: DateTime<Tz>,
    /// What happens then, in words (`announce of ID`, `a page changes`).
    pub what: String,
}

/// The earliest due time of a notice that is still `scheduled`, or the next
/// change of the published pages ([`schedule::next_change`]: a start, an end,
/// a publish window opening or closing), whichever comes first. `None` when
/// nothing will happen by itself (only a file change can bring new work).
pub fn next_wake(plans: &[OutagePlan], now: DateTime<Tz>) -> Option<NextWake> {
    let notice = plans
        .iter()
        .flat_map(|p| p.notices.iter().map(move |n| (p, n)))
        .filter(|(_, n)| n.state == NoticeState::Scheduled && n.due > now)
        .min_by_key(|(p, n)| (n.due, p.id.as_str(), n.kind))
        .map(|(p, n)| NextWake {
            at: n.due,
            what: msg::next_notice(n.kind.as_str(), &p.id),
        });
    let page = schedule::next_change(plans, now).map(|at| NextWake {
        at,
        what: msg::next_page_change(),
    });
    match (notice, page) {
        (Some(n), Some(p)) if p.at < n.at => Some(p),
        (Some(n), _) => Some(n),
        (None, p) => p,
    }
}

/// Waiting after a failed pass: [`Backoff::FIRST`], doubling up to
/// [`Backoff::MAX`]; a pass that leaves nothing due starts again from the
/// beginning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backoff {
    next: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff { next: Self::FIRST }
    }
}

impl Backoff {
    /// The first wait after a failure.
    pub const FIRST: Duration = Duration::from_secs(10);
    /// The longest wait.
    pub const MAX: Duration = Duration::from_secs(300);

    /// The wait after one more failure.
    pub fn failed(&mut self) -> Duration {
        let wait = self.next;
        self.next = (self.next * 2).min(Self::MAX);
        wait
    }

    /// Forgets the failures (the last pass left nothing due).
    pub fn reset(&mut self) {
        *self = Backoff::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::{Notice, NoticeKind, PublishWindow, Window, fixtures};
    use chrono::TimeZone;
    use chrono_tz::Europe::Oslo;

    fn at(d: u32, h: u32) -> DateTime<Tz> {
        Oslo.with_ymd_and_hms(2026, 12, d, h, 0, 0).unwrap()
    }

    fn window() -> Window {
        Window {
            start: at(3, 18),
            end: Some(at(3, 22)),
        }
    }

    fn notice(kind: NoticeKind, due: DateTime<Tz>, state: NoticeState) -> Notice {
        fixtures::notice(kind, due, state, window())
    }

    fn plan(notices: Vec<Notice>, publish: Option<PublishWindow>) -> OutagePlan {
        OutagePlan {
            publish,
            ..fixtures::plan("x", window(), notices)
        }
    }

    #[test]
    fn wakes_at_the_next_scheduled_notice_or_page_change() {
        let notices = vec![
            notice(NoticeKind::Announce, at(2, 11), NoticeState::Sent),
            notice(NoticeKind::Reminder, at(3, 7), NoticeState::Scheduled),
        ];
        let page = PublishWindow {
            from: at(2, 11),
            until: Some(at(3, 22)),
        };
        let plans = [plan(notices.clone(), Some(page))];
        // The reminder at 07:00 comes before the start at 18:00.
        let next = next_wake(&plans, at(2, 12)).unwrap();
        assert_eq!((next.at, next.what.as_str()), (at(3, 7), "reminder of x"));
        // After it, the start (a page change).
        let next = next_wake(&plans, at(3, 8)).unwrap();
        assert_eq!((next.at, next.what.as_str()), (at(3, 18), "a page changes"));
        // A notice that is due, sent or skipped is no reason to wake.
        let idle = [plan(
            vec![notice(NoticeKind::Reminder, at(3, 7), NoticeState::Skipped)],
            None,
        )];
        assert_eq!(next_wake(&idle, at(2, 12)), None);
    }

    #[test]
    fn backoff_doubles_to_five_minutes_and_resets() {
        let mut b = Backoff::default();
        let waits: Vec<u64> = (0..7).map(|_| b.failed().as_secs()).collect();
        assert_eq!(waits, [10, 20, 40, 80, 160, 300, 300]);
        b.reset();
        assert_eq!(b.failed().as_secs(), 10);
    }
}
