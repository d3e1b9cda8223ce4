//! One function per row of the SPEC §4 notice table: when each kind of
//! notice is due, when it goes stale, and which state it is in at `now`.
//!
//! Every rule compares what staff were told (the outage's [`History`]) with
//! what the file says is true, and returns the one notice of its kind still
//! to come, or `None` when its row does not apply. Notices already told are
//! listed by [`told`], whatever the file says now.

use chrono::{DateTime, Duration};
use chrono_tz::Tz;

use super::history::{Handover, History, Picture, Told, suffix};
use super::{Notice, NoticeKind, NoticeState, Reason, Window, day_before};
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
    /// What staff were told.
    pub(super) history: &'a History,
    /// The moment of the run.
    pub(super) now: DateTime<Tz>,
    /// Whether the procedure requires telling staff (the working-minute
    /// rule and `notify`; it gates only `announce`, `reminder` and `alert`).
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

    /// What is true, by the file, at `now`.
    pub(super) fn truth(&self) -> Picture {
        truth(self.outage, self.now)
    }

    /// A notice still to come: its state from `due` and `stale_from`, its
    /// revision the next one of its kind for `window`.
    fn pending(
        &self,
        kind: NoticeKind,
        due: DateTime<Tz>,
        stale_from: Option<DateTime<Tz>>,
        window: Window,
    ) -> Notice {
        let (state, why) = timed(due, stale_from, self.now);
        let revision = self.history.next_revision(kind, window);
        Notice {
            kind,
            due,
            stale_from,
            state,
            reason: why.text(crate::config::Language::En),
            why,
            sent_at: None,
            window,
            previous: None,
            corrects: self.history.belief(),
            revision: suffix(kind, revision),
            again: self.history.of_kind(kind).next().is_some(),
            refused: Vec::new(),
            offer_again: false,
            offer_to: Vec::new(),
            accepted: None,
            references: self.history.message_ids(),
        }
    }

    /// When the last notice was handed over: the earliest moment a
    /// follow-up can be due (the edit came after it; its moment is not in
    /// the file).
    fn last_told(&self) -> Option<&Told> {
        self.history.last()
    }
}

/// What the file says is true at `now` (SPEC §4): *off* when cancelled,
/// *over* once `ended` has passed, otherwise *on* its window.
pub fn truth(outage: &Outage, now: DateTime<Tz>) -> Picture {
    let window = Window {
        start: outage.start,
        end: outage.end,
    };
    if outage.cancelled {
        Picture::Off(window)
    } else if outage.ended_by(now).is_some() {
        Picture::Over(window)
    } else {
        Picture::On(window)
    }
}

/// Every notice the history holds, as sent: `changed` with the window it
/// corrected.
pub(super) fn told(f: &Facts) -> Vec<Notice> {
    let told = f.history.told();
    told.iter()
        .enumerate()
        .map(|(i, t)| {
            let before = i.checked_sub(1).map(|j| told[j].picture());
            let due = match t.kind {
                NoticeKind::Announce => announce_due_for(t.window.start, f.policy, f.calendar),
                NoticeKind::Reminder => reminder_due_for(t.window.start, f.policy).unwrap_or(t.at),
                NoticeKind::Alert => t.window.start,
                // Due at `ended` (SPEC §4) when the file still says when
                // service came back; `min(t.at)` below keeps a later
                // reopening from moving it after the hand-over.
                NoticeKind::Resolved | NoticeKind::CompletedEarly => f.outage.ended.unwrap_or(t.at),
                _ => t.at,
            };
            let why = match t.handover {
                Handover::Accepted => Reason::Sent,
                Handover::Interrupted { .. } => Reason::PossiblySent,
                Handover::Claimed => Reason::Claimed,
            };
            let mut notice = Notice {
                kind: t.kind,
                due: due.min(t.at),
                stale_from: None,
                state: NoticeState::Sent,
                reason: String::new(),
                why,
                sent_at: Some(t.at),
                window: t.window,
                previous: before.map(|b| b.window()),
                corrects: before,
                revision: suffix(t.kind, t.revision),
                again: told[..i].iter().any(|e| e.kind == t.kind),
                refused: t.refused.clone(),
                offer_again: false,
                offer_to: Vec::new(),
                accepted: t.accepted.clone(),
                references: told[..i].iter().map(|e| e.message_id.clone()).collect(),
            };
            notice.reason = notice.why_text(crate::config::Language::En);
            notice
        })
        .collect()
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
    announce_due_for(outage.start, policy, calendar)
}

fn announce_due_for(start: DateTime<Tz>, policy: &Policy, calendar: &Calendar) -> DateTime<Tz> {
    let date = day_before(start.date_naive(), policy, calendar);
    localtime::at(date, policy.announce_at, start.timezone())
}

/// When the reminder is due: `reminder_at` on the start date, if that is
/// before the start (otherwise there is no reminder).
pub fn reminder_due(outage: &Outage, policy: &Policy) -> Option<DateTime<Tz>> {
    reminder_due_for(outage.start, policy)
}

fn reminder_due_for(start: DateTime<Tz>, policy: &Policy) -> Option<DateTime<Tz>> {
    let due = localtime::at(start.date_naive(), policy.reminder_at, start.timezone());
    (due < start).then_some(due)
}

/// `announce` (planned): due at [`announce_due`] of the start date D now in
/// the file; only if required, not cancelled, and no notice carrying a
/// window that starts on D was handed over since that due time (then it
/// told staff already: skipped, or not listed when it was an announce).
/// Stale from `end`, or `ended` if earlier. Skipped when the reminder is
/// due: after missed runs only the later notice goes (never a burst).
pub(super) fn announce(f: &Facts, reminder: Option<&Notice>) -> Option<Notice> {
    if !f.required || f.outage.cancelled {
        return None;
    }
    let due = announce_due(f.outage, f.policy, f.calendar);
    let covered = f.history.carried_since(f.outage.start.date_naive(), due);
    if covered.is_some_and(|t| t.kind == NoticeKind::Announce) {
        return None;
    }
    let stale_from = match (f.outage.end, f.outage.ended) {
        (Some(end), Some(ended)) => Some(end.min(ended)),
        (end, ended) => end.or(ended),
    };
    let mut n = f.pending(NoticeKind::Announce, due, stale_from, f.window());
    if let Some(by) = covered {
        set_state(&mut n, NoticeState::Skipped, Reason::AlreadyTold(by.kind));
    } else if n.state == NoticeState::Due && reminder.is_some_and(|r| r.state == NoticeState::Due) {
        set_state(&mut n, NoticeState::Skipped, Reason::ReminderInstead);
    }
    Some(n)
}

/// `reminder` (planned): due at [`reminder_due`] on D; only if required,
/// not cancelled, that time is before the start, and no notice carrying a
/// window that starts on D was handed over on D (skipped then, or not
/// listed when it was a reminder). Stale from `start`.
pub(super) fn reminder(f: &Facts) -> Option<Notice> {
    if !f.required || f.outage.cancelled {
        return None;
    }
    let due = reminder_due(f.outage, f.policy)?;
    let covered = f.history.carried_on(f.outage.start.date_naive());
    if covered.is_some_and(|t| t.kind == NoticeKind::Reminder) {
        return None;
    }
    let mut n = f.pending(NoticeKind::Reminder, due, Some(f.outage.start), f.window());
    match covered.map(|t| t.kind) {
        Some(NoticeKind::Announce) => {
            set_state(&mut n, NoticeState::Skipped, Reason::AnnouncedOnStartDay);
        }
        Some(kind) => set_state(&mut n, NoticeState::Skipped, Reason::AlreadyTold(kind)),
        None => {}
    }
    Some(n)
}

/// `changed` (both kinds): due as soon as the truth is *on W* and staff
/// believe *on W'* with W' ≠ W, or *off*, or *over* (the outage is back
/// on); from the last notice told; stale from the new `end`. Whatever the
/// working-minute rule says: once told, always followed up.
pub(super) fn changed(f: &Facts) -> Option<Notice> {
    let last = f.last_told()?;
    let Picture::On(window) = f.truth() else {
        return None;
    };
    let belief = last.picture();
    if belief == Picture::On(window) {
        return None;
    }
    let mut n = f.pending(NoticeKind::Changed, last.at, window.end, window);
    n.previous = Some(belief.window());
    Some(n)
}

/// `cancelled` (planned): due as soon as the file says `cancelled: true`
/// while staff believe *on W'*; names W'; stale from the end of W'.
pub(super) fn cancelled(f: &Facts) -> Option<Notice> {
    let last = f.last_told()?;
    let (Picture::Off(_), Picture::On(told)) = (f.truth(), last.picture()) else {
        return None;
    };
    Some(f.pending(NoticeKind::Cancelled, last.at, told.end, told))
}

/// `completed_early` (planned): due at `ended` when `ended` < `end`, while
/// staff believe *on*; stale from `end`.
pub(super) fn completed_early(f: &Facts) -> Option<Notice> {
    let (ended, end) = (f.outage.ended?, f.outage.end?);
    if ended >= end || f.outage.cancelled {
        return None;
    }
    let Some(Picture::On(_)) = f.history.belief() else {
        return None;
    };
    Some(f.pending(NoticeKind::CompletedEarly, ended, Some(end), f.window()))
}

/// `alert` (acute): due at `start` (at once for a file registered late);
/// only if required and staff were told nothing yet; stale from `ended`.
pub(super) fn alert(f: &Facts) -> Option<Notice> {
    if !f.required || f.history.last().is_some() {
        return None;
    }
    Some(f.pending(
        NoticeKind::Alert,
        f.outage.start,
        f.outage.ended,
        f.window(),
    ))
}

/// How long after `ended` a `resolved` notice is still worth sending.
pub const RESOLVED_GRACE: Duration = Duration::hours(12);

/// `resolved` (acute): due at `ended` while staff believe *on*; stale 12
/// hours after `ended`.
pub(super) fn resolved(f: &Facts) -> Option<Notice> {
    let ended = f.outage.ended?;
    let Some(Picture::On(_)) = f.history.belief() else {
        return None;
    };
    Some(f.pending(
        NoticeKind::Resolved,
        ended,
        Some(ended + RESOLVED_GRACE),
        f.window(),
    ))
}
