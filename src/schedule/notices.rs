//! One function per row of the SPEC §4 notice table: when each kind of
//! notice is due, when it goes stale, and which state it is in at `now`.
//!
//! Every function returns `None` when its notice does not apply (the row's
//! "only if" fails and the ledger has no record of it). A notice the ledger
//! records as sent is always shown as sent, whatever the file says now.

use chrono::{DateTime, Duration};
use chrono_tz::Tz;

use super::{Notice, NoticeKind, NoticeState, Reason, SentNotice, Window, day_before};
use crate::calendar::Calendar;
use crate::config::Policy;
use crate::localtime;
use crate::outage::Outage;

/// What every rule needs to know about one outage at `now`.
pub(super) struct Facts<'a> {
    /// The outage as the file says now.
    pub(super) outage: &'a Outage,
    /// The site policy.
    pub(super) policy: &'a Policy,
    /// The working-day calendar.
    pub(super) calendar: &'a Calendar,
    /// What the ledger says went out for this outage, oldest first.
    pub(super) sent: &'a [SentNotice],
    /// The moment of the run.
    pub(super) now: DateTime<Tz>,
    /// Whether the procedure requires telling staff.
    pub(super) required: bool,
}

impl Facts<'_> {
    /// The window the file describes now.
    pub(super) fn window(&self) -> Window {
        Window {
            start: self.outage.start,
            end: self.outage.end,
        }
    }

    /// The first ledger record of `kind`.
    pub(super) fn sent_of(&self, kind: NoticeKind) -> Option<&SentNotice> {
        self.sent.iter().find(|s| s.kind == kind)
    }

    /// True once `ended` is set and reached.
    pub(super) fn has_ended(&self) -> bool {
        self.outage.ended.is_some_and(|e| e <= self.now)
    }

    /// A pending notice of `kind` in the current window.
    fn pending(
        &self,
        kind: NoticeKind,
        due: DateTime<Tz>,
        stale_from: Option<DateTime<Tz>>,
    ) -> Notice {
        let (state, why) = timed(due, stale_from, self.now);
        notice(kind, due, stale_from, state, why, self.window(), None)
    }
}

/// A notice the ledger records as sent.
fn sent(kind: NoticeKind, due: DateTime<Tz>, record: &SentNotice) -> Notice {
    let mut n = notice(
        kind,
        due,
        None,
        NoticeState::Sent,
        Reason::Sent,
        record.window,
        Some(record.at),
    );
    n.sent_at = Some(record.at);
    n
}

fn notice(
    kind: NoticeKind,
    due: DateTime<Tz>,
    stale_from: Option<DateTime<Tz>>,
    state: NoticeState,
    why: Reason,
    window: Window,
    sent_at: Option<DateTime<Tz>>,
) -> Notice {
    Notice {
        kind,
        due,
        stale_from,
        state,
        reason: why.text(crate::config::Language::En),
        why,
        sent_at,
        window,
        previous: None,
        revision: None,
    }
}

/// Scheduled before `due`, stale from `stale_from`, due in between.
fn timed(
    due: DateTime<Tz>,
    stale_from: Option<DateTime<Tz>>,
    now: DateTime<Tz>,
) -> (NoticeState, Reason) {
    if now < due {
        (NoticeState::Scheduled, Reason::Waiting)
    } else if stale_from.is_some_and(|s| s <= now) {
        (NoticeState::Stale, Reason::Passed)
    } else {
        (NoticeState::Due, Reason::DueNow)
    }
}

/// Sets a notice's state and reason.
pub(super) fn set_state(notice: &mut Notice, state: NoticeState, why: Reason) {
    notice.state = state;
    notice.reason = why.text(crate::config::Language::En);
    notice.why = why;
}

/// When the announce is due: `announce_at` on the day before the start date
/// (calendar or working day, per `announce_day`).
pub fn announce_due(outage: &Outage, policy: &Policy, calendar: &Calendar) -> DateTime<Tz> {
    let date = day_before(outage.start.date_naive(), policy, calendar);
    localtime::at(date, policy.announce_at, outage.start.timezone())
}

/// When the reminder is due: `reminder_at` on the start date, if that is
/// before the start (otherwise there is no reminder).
pub fn reminder_due(outage: &Outage, policy: &Policy) -> Option<DateTime<Tz>> {
    let due = localtime::at(
        outage.start.date_naive(),
        policy.reminder_at,
        outage.start.timezone(),
    );
    (due < outage.start).then_some(due)
}

/// `announce` (planned): due at [`announce_due`]; only if required and not
/// cancelled; stale from `end`, or `ended` if earlier. Skipped when the
/// reminder is due or sent while the announce is not: after missed runs only
/// the later, more relevant notice goes (never a burst).
pub(super) fn announce(f: &Facts, reminder: Option<&Notice>) -> Option<Notice> {
    let due = announce_due(f.outage, f.policy, f.calendar);
    if let Some(record) = f.sent_of(NoticeKind::Announce) {
        return Some(sent(NoticeKind::Announce, due, record));
    }
    if !f.required || f.outage.cancelled {
        return None;
    }
    let stale_from = match (f.outage.end, f.outage.ended) {
        (Some(end), Some(ended)) => Some(end.min(ended)),
        (end, ended) => end.or(ended),
    };
    let mut n = f.pending(NoticeKind::Announce, due, stale_from);
    let reminder_goes =
        reminder.is_some_and(|r| matches!(r.state, NoticeState::Due | NoticeState::Sent));
    if n.state != NoticeState::Scheduled && reminder_goes {
        set_state(&mut n, NoticeState::Skipped, Reason::ReminderInstead);
    }
    Some(n)
}

/// `reminder` (planned): due at [`reminder_due`]; only if required, not
/// cancelled and that time is before the start; stale from `start`; skipped
/// when the announce was sent on the start date.
pub(super) fn reminder(f: &Facts) -> Option<Notice> {
    let due = reminder_due(f.outage, f.policy);
    if let Some(record) = f.sent_of(NoticeKind::Reminder) {
        return Some(sent(NoticeKind::Reminder, due.unwrap_or(record.at), record));
    }
    let due = due?;
    if !f.required || f.outage.cancelled {
        return None;
    }
    let mut n = f.pending(NoticeKind::Reminder, due, Some(f.outage.start));
    let start_date = f.outage.start.date_naive();
    if f.sent_of(NoticeKind::Announce)
        .is_some_and(|a| a.at.date_naive() == start_date)
    {
        set_state(&mut n, NoticeState::Skipped, Reason::AnnouncedOnStartDay);
    }
    Some(n)
}

/// `cancelled` (planned): due as soon as the file says `cancelled: true`
/// (that moment is not in the file, so: from the last notice sent); only if
/// some notice was sent; stale from the original `end`.
pub(super) fn cancelled(f: &Facts) -> Option<Notice> {
    if let Some(record) = f.sent_of(NoticeKind::Cancelled) {
        return Some(sent(NoticeKind::Cancelled, record.at, record));
    }
    let last = f.sent.last()?;
    if !f.outage.cancelled {
        return None;
    }
    Some(f.pending(NoticeKind::Cancelled, last.at, f.outage.end))
}

/// `completed_early` (planned): due at `ended` when `ended` < `end`; only if
/// some notice was sent; stale from `end`.
pub(super) fn completed_early(f: &Facts) -> Option<Notice> {
    let ended = f.outage.ended;
    if let Some(record) = f.sent_of(NoticeKind::CompletedEarly) {
        return Some(sent(
            NoticeKind::CompletedEarly,
            ended.unwrap_or(record.at),
            record,
        ));
    }
    let (ended, end) = (ended?, f.outage.end?);
    if ended >= end || f.sent.is_empty() || f.outage.cancelled {
        return None;
    }
    Some(f.pending(NoticeKind::CompletedEarly, ended, Some(end)))
}

/// `alert` (acute): due at `start` (at once for a file registered late);
/// only if required; stale from `ended`.
pub(super) fn alert(f: &Facts) -> Option<Notice> {
    let due = f.outage.start;
    if let Some(record) = f.sent_of(NoticeKind::Alert) {
        return Some(sent(NoticeKind::Alert, due, record));
    }
    if !f.required {
        return None;
    }
    Some(f.pending(NoticeKind::Alert, due, f.outage.ended))
}

/// How long after `ended` a `resolved` notice is still worth sending.
pub const RESOLVED_GRACE: Duration = Duration::hours(12);

/// `resolved` (acute): due at `ended`; only if the alert was sent; stale 12
/// hours after `ended`.
pub(super) fn resolved(f: &Facts) -> Option<Notice> {
    let ended = f.outage.ended;
    if let Some(record) = f.sent_of(NoticeKind::Resolved) {
        return Some(sent(
            NoticeKind::Resolved,
            ended.unwrap_or(record.at),
            record,
        ));
    }
    let ended = ended?;
    f.sent_of(NoticeKind::Alert)?;
    Some(f.pending(NoticeKind::Resolved, ended, Some(ended + RESOLVED_GRACE)))
}

/// `changed` (both kinds): one notice per change of window. Every `changed`
/// the ledger records is listed as sent, numbered 1, 2, ... in sending order
/// (the `.REV` of its Message-ID). A new one is pending when the current
/// window differs from the window the last sent notice carried, or when the
/// last notice said "cancelled", "finished early" or "resolved" and the file
/// no longer does (the outage is back on). It is due from the last notice
/// (the edit came after it; its moment is not in the file), only while not
/// cancelled and not ended, stale from the new `end`. The caller marks it
/// skipped when another notice of the outage goes out in the same run.
pub(super) fn changed(f: &Facts) -> Vec<Notice> {
    let mut out = Vec::new();
    let mut revision = 0;
    for (i, record) in f.sent.iter().enumerate() {
        if record.kind != NoticeKind::Changed {
            continue;
        }
        revision += 1;
        let before = i.checked_sub(1).map(|j| &f.sent[j]);
        let mut n = sent(
            NoticeKind::Changed,
            before.map_or(record.at, |b| b.at),
            record,
        );
        n.previous = before.map(|b| b.window);
        n.revision = Some(revision);
        out.push(n);
    }
    let Some(last) = f.sent.last() else {
        return out;
    };
    let back_on = match last.kind {
        NoticeKind::Cancelled | NoticeKind::CompletedEarly | NoticeKind::Resolved => {
            !f.outage.cancelled && f.outage.ended.is_none()
        }
        _ => false,
    };
    if (last.window == f.window() && !back_on) || f.outage.cancelled || f.has_ended() {
        return out;
    }
    let mut n = f.pending(NoticeKind::Changed, last.at, f.outage.end);
    n.previous = Some(last.window);
    n.revision = Some(revision + 1);
    out.push(n);
    out
}
