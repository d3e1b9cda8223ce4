//! The notice schedule (SPEC §4): for every outage, whether a notice is
//! required, when its page is published, and which notices go out when.
//!
//! Pure: takes the site's data, what staff were told (each outage's
//! [`History`], read from ledger records in `schedule/history.rs`), and `now`; does no
//! I/O and reads no clock. Every rule compares what staff believe with what
//! the file says is true (SPEC §4). "When is the reminder sent?" is answered
//! in one place, `schedule/notices.rs`, in a function whose name says so.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate};
use chrono_tz::Tz;
use rayon::prelude::*;
use serde::Serialize;

use crate::calendar::Calendar;
use crate::config::{AnnounceDay, Config, Policy};
use crate::localtime;
use crate::outage::{Kind, Notify, Outage};

pub use crate::notice_kind::NoticeKind;

/// Where a notice stands at `now` (SPEC §6 `state`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeState {
    /// Due later.
    Scheduled,
    /// Due now: the next `send` delivers it.
    Due,
    /// The ledger records it as sent.
    Sent,
    /// Will not be sent, by a rule (e.g. the reminder after a same-day announce).
    Skipped,
    /// Its moment passed without it being sent; it never will be.
    Stale,
}

/// The start and estimated end a notice communicated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Window {
    /// Start of the outage as told.
    pub start: DateTime<Tz>,
    /// Estimated end as told (none for an acute outage without estimate).
    pub end: Option<DateTime<Tz>>,
}

/// One notice of one outage, with its due time and state.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Notice {
    /// Which notice.
    pub kind: NoticeKind,
    /// When it may first be sent.
    pub due: DateTime<Tz>,
    /// From when it is never sent (`None`: never stale).
    pub stale_from: Option<DateTime<Tz>>,
    /// Where it stands at `now`.
    pub state: NoticeState,
    /// Why it is in that state, in English words (for logs and `plan`).
    pub reason: String,
    /// Why it is in that state, as data ([`Reason::text`] words it in either language).
    pub why: Reason,
    /// When the ledger says it was sent (state `sent`).
    pub sent_at: Option<DateTime<Tz>>,
    /// The window this notice tells staff about.
    pub window: Window,
    /// The window of the notice told before this one (what a `changed`
    /// corrects).
    pub previous: Option<Window>,
    /// What staff believed before this notice (`None`: told nothing yet).
    pub corrects: Option<Picture>,
    /// The `.REV` of the Message-ID: `changed` always carries it (1, 2,
    /// ...); other kinds from their second notice on (`None` for the first).
    pub revision: Option<u32>,
    /// True when a notice of this kind was told before (a second
    /// `cancelled`, `resolved` or `completed_early` says so).
    pub again: bool,
    /// For a notice sent: the addresses the server refused that no later
    /// offer reached (SPEC §7), shown as "sent, but refused for …".
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub refused: Vec<String>,
    /// True when the next `send` offers this sent notice again, same
    /// Message-ID, to [`Notice::offer_to`]: it is the outage's last notice
    /// and, had it not been sent, it would be due now.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub offer_again: bool,
    /// Who the next `send` offers it to when `offer_again`: the current
    /// recipients that have not taken it ([`history::offer_to`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub offer_to: Vec<String>,
    /// The addresses that took it, when the ledger says
    /// ([`Told::accepted`]).
    #[serde(skip)]
    pub accepted: Option<Vec<String>>,
    /// The Message-IDs of the notices of this outage told before this one,
    /// oldest first (SPEC §6): the email's `References`, and the last is
    /// its `In-Reply-To`, so mail clients show an outage as one thread.
    #[serde(skip)]
    pub references: Vec<String>,
}

impl Notice {
    /// Why the notice is in its state, in words, in `language`: the
    /// [`Reason`], or for a notice sent that some recipients refused,
    /// "sent, but refused for …" and whom the next send offers it to.
    pub fn why_text(&self, language: crate::config::Language) -> String {
        if self.refused.is_empty() || self.state != NoticeState::Sent {
            return self.why.text(language);
        }
        let addresses = self.refused.join(", ");
        if self.offer_again {
            let to = self.offer_to.join(", ");
            crate::catalogue::plan::reason_refused_offered_again(language, addresses, to)
        } else {
            crate::catalogue::plan::reason_refused_for(language, addresses)
        }
    }
}

/// When an outage's page is on the site (SPEC §4 publish window).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PublishWindow {
    /// It appears at this instant.
    pub from: DateTime<Tz>,
    /// It disappears at this instant; `None` keeps it up (open acute outage).
    pub until: Option<DateTime<Tz>>,
}

impl PublishWindow {
    /// `from <= now < until`.
    pub fn contains(&self, now: DateTime<Tz>) -> bool {
        self.from <= now && self.until.is_none_or(|until| now < until)
    }
}

/// What staff would see the outage as, at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Not started yet.
    Upcoming,
    /// Started and not ended.
    Ongoing,
    /// Ended (at `ended`, or at the estimated end).
    Ended,
    /// Called off.
    Cancelled,
}

/// Everything the schedule knows about one outage at `now`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutagePlan {
    /// The outage id.
    pub id: String,
    /// Planned or acute.
    pub kind: Kind,
    /// Start as in the file.
    pub start: DateTime<Tz>,
    /// Estimated end as in the file.
    pub end: Option<DateTime<Tz>>,
    /// Actual end as in the file.
    pub ended: Option<DateTime<Tz>>,
    /// The end staff should expect at `now` ([`Outage::expected_end`]):
    /// an `ended` still ahead, else the estimate.
    pub expected_end: Option<DateTime<Tz>>,
    /// Minutes of `[start, end)` on working days (`None` for an acute outage without end).
    pub working_minutes: Option<i64>,
    /// Whether staff must be told (working minutes over the threshold, or the override).
    pub notice_required: bool,
    /// When the page is up; `None` if it never is.
    pub publish: Option<PublishWindow>,
    /// True when `publish` contains `now`.
    pub published: bool,
    /// Upcoming, ongoing, ended or cancelled at `now`.
    pub status: Status,
    /// Applicable notices, ordered by due time.
    pub notices: Vec<Notice>,
    /// The last notice staff were told (or may have been), which gives
    /// what they believe; `None` when they were told nothing.
    pub told: Option<Told>,
    /// What staff believe (from `told`).
    pub belief: Option<Picture>,
    /// What the file says is true at `now`.
    pub truth: Picture,
}

/// The local date that "the day before `date`" means under `policy`.
pub fn day_before(date: NaiveDate, policy: &Policy, calendar: &Calendar) -> NaiveDate {
    match policy.announce_day {
        AnnounceDay::Calendar => date.pred_opt().unwrap_or(date),
        AnnounceDay::Working => calendar.previous_working_day(date),
    }
}

/// Minutes of the outage on working days; `None` when the end is unknown.
pub fn working_minutes(outage: &Outage, calendar: &Calendar) -> Option<i64> {
    outage
        .end
        .map(|end| calendar.working_minutes(&outage.start, &end))
}

/// Whether the procedure requires telling staff about this outage.
pub fn notice_required(outage: &Outage, policy: &Policy, calendar: &Calendar) -> bool {
    required_by(outage, policy, || working_minutes(outage, calendar))
}

/// [`notice_required`] with the working minutes computed by `minutes`
/// (only when `notify: auto` needs them).
fn required_by(outage: &Outage, policy: &Policy, minutes: impl FnOnce() -> Option<i64>) -> bool {
    match outage.notify {
        Notify::Always => true,
        Notify::Never => false,
        Notify::Auto => match minutes() {
            Some(minutes) => minutes > policy.min_working_minutes,
            None => outage.kind == Kind::Acute,
        },
    }
}

/// When the page of a notice-requiring outage opens and closes, ignoring
/// cancellation (see [`publish_window`]).
fn raw_publish_window(outage: &Outage, policy: &Policy, calendar: &Calendar) -> PublishWindow {
    let from = publish_from(outage.kind, outage.start, policy, calendar);
    let until = match (outage.kind, outage.end, outage.ended) {
        (Kind::Acute, _, None) => None,
        (_, Some(end), Some(ended)) => Some(end.max(ended)),
        (_, end, ended) => end.or(ended),
    };
    PublishWindow { from, until }
}

/// When the page of an outage starting at `start` opens: `publish_at` on
/// the day before for a planned outage, the start for an acute one.
fn publish_from(
    kind: Kind,
    start: DateTime<Tz>,
    policy: &Policy,
    calendar: &Calendar,
) -> DateTime<Tz> {
    match kind {
        Kind::Planned => {
            let date = day_before(start.date_naive(), policy, calendar);
            localtime::at(date, policy.publish_at, start.timezone()).min(start)
        }
        Kind::Acute => start,
    }
}

/// The publish window of an outage's page (SPEC §4), or `None` if the page
/// never appears: no notice required and staff told nothing, or cancelled
/// before anyone was told. `belief` is what staff were told
/// ([`History::belief`]): once told, the page stays through its window
/// whatever the working-minute rule or `notify` says, and a cancelled
/// outage stays up, marked cancelled, until the end of the window staff
/// were told.
pub fn publish_window(
    outage: &Outage,
    policy: &Policy,
    calendar: &Calendar,
    belief: Option<Picture>,
) -> Option<PublishWindow> {
    let required = notice_required(outage, policy, calendar);
    publish_window_for(outage, policy, calendar, belief, required)
}

/// [`publish_window`] when whether a notice is required is known.
fn publish_window_for(
    outage: &Outage,
    policy: &Policy,
    calendar: &Calendar,
    belief: Option<Picture>,
    required: bool,
) -> Option<PublishWindow> {
    if belief.is_none() && !required {
        return None;
    }
    let window = raw_publish_window(outage, policy, calendar);
    if outage.cancelled {
        let told = belief?.window();
        return Some(PublishWindow {
            from: publish_from(outage.kind, told.start, policy, calendar),
            until: told.end.or(window.until),
        });
    }
    Some(window)
}

/// The status staff see at `now`.
pub fn status(outage: &Outage, now: DateTime<Tz>) -> Status {
    if outage.cancelled {
        return Status::Cancelled;
    }
    if now < outage.start {
        return Status::Upcoming;
    }
    let finished = match (outage.kind, outage.ended, outage.end) {
        // An `ended` still ahead is not yet true (SPEC §3).
        (_, Some(_), _) => outage.ended_by(now).is_some(),
        (Kind::Planned, None, Some(end)) => now >= end,
        _ => false,
    };
    if finished {
        Status::Ended
    } else {
        Status::Ongoing
    }
}

mod history;
mod notices;
mod reuse;

pub use history::{Handover, History, Picture, Told, histories, offer_to, suffix};
pub use notices::{RESOLVED_GRACE, announce_due, reminder_due, truth};
pub use reuse::{Reused, reused};

/// Why a notice is in its state (worded by [`Reason::text`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// Its due time has not come.
    Waiting,
    /// Due and not stale: the next `send` delivers it.
    DueNow,
    /// The ledger records it.
    Sent,
    /// Announce not sent, and the reminder is due or went out: after missed
    /// runs only the later notice goes.
    ReminderInstead,
    /// The announce went out on the start day, so a reminder would repeat it.
    AnnouncedOnStartDay,
    /// Another notice of the outage goes out in the same run and carries the
    /// new times.
    CarriedBy(NoticeKind),
    /// Its moment passed without it being sent.
    Passed,
    /// A notice of this kind about the start date now in the file already
    /// went out (in its time), so this one would repeat it.
    AlreadyTold(NoticeKind),
    /// A hand-over was interrupted (a crash before the outcome was
    /// recorded): it may have reached staff, so it counts as told.
    PossiblySent,
    /// Another run has claimed it and is handing it over (its `sending`
    /// record has no outcome yet): it counts as told.
    Claimed,
    /// A hand-over was interrupted and the same notice is still due: the
    /// next `send` hands it over once more, with the same Message-ID.
    Resend,
}

impl Reason {
    /// The reason in words, in `language`.
    pub fn text(self, language: crate::config::Language) -> String {
        use crate::catalogue::plan as msg;
        let l = language;
        match self {
            Reason::Waiting => msg::reason_waiting(l),
            Reason::DueNow => msg::reason_due_now(l),
            Reason::Sent => msg::reason_sent(l),
            Reason::ReminderInstead => msg::reason_reminder_instead(l),
            Reason::AnnouncedOnStartDay => msg::reason_announced_on_start_day(l),
            Reason::CarriedBy(kind) => {
                msg::reason_carried_by(l, msg::notice_name(l, kind.as_str()))
            }
            Reason::Passed => msg::reason_passed(l),
            Reason::AlreadyTold(kind) => {
                msg::reason_already_told(l, msg::notice_name(l, kind.as_str()))
            }
            Reason::PossiblySent => msg::reason_possibly_sent(l),
            Reason::Claimed => msg::reason_claimed(l),
            Reason::Resend => msg::reason_resend(l),
        }
    }
}

/// Everything the schedule knows about one outage at `now`: SPEC §4 applied.
///
/// `history` is what staff were told ([`histories`]). Notices told are
/// always listed as sent; notices that do not apply are left out. At most
/// one notice of an outage is ever `due` at once, and `changed` is the one
/// when staff believe another window. An interrupted hand-over is due again
/// (state `due`, reason [`Reason::Resend`], the same revision) only while
/// that same notice is still due; otherwise it counts as told.
pub fn plan_outage(
    outage: &Outage,
    policy: &Policy,
    calendar: &Calendar,
    history: &History,
    now: DateTime<Tz>,
) -> OutagePlan {
    let mut plan = plan_told(outage, policy, calendar, history, now);
    if let Some(last) = history.resendable_last() {
        let before = plan_told(outage, policy, calendar, &history.without_last(), now);
        let same = |n: &Notice| {
            n.state == NoticeState::Due
                && n.kind == last.kind
                && n.window == last.window
                && n.revision == suffix(last.kind, last.revision)
        };
        if before.notices.iter().any(same) {
            plan.notices = before.notices;
            for n in plan.notices.iter_mut().filter(|n| same(n)) {
                notices::set_state(n, NoticeState::Due, Reason::Resend);
            }
        }
    } else if let Some(last) = history.last().filter(|t| !t.refused.is_empty()) {
        mark_offer_again(&mut plan, outage, policy, calendar, history, last, now);
    }
    plan
}

/// Marks the outage's last notice, sent while the server refused some of
/// its recipients, to be offered to those again (SPEC §7) when it is
/// still due: nothing else of the outage is due now, and without it the
/// same notice (kind, window, revision) would be due.
fn mark_offer_again(
    plan: &mut OutagePlan,
    outage: &Outage,
    policy: &Policy,
    calendar: &Calendar,
    history: &History,
    last: &Told,
    now: DateTime<Tz>,
) {
    if plan.notices.iter().any(|n| n.state == NoticeState::Due) {
        return;
    }
    let revision = suffix(last.kind, last.revision);
    let before = plan_told(outage, policy, calendar, &history.without_last(), now);
    let still_due = before.notices.iter().any(|n| {
        n.state == NoticeState::Due
            && n.kind == last.kind
            && n.window == last.window
            && n.revision == revision
    });
    if !still_due {
        return;
    }
    let sent =
        plan.notices.iter_mut().rev().find(|n| {
            n.state == NoticeState::Sent && n.kind == last.kind && n.revision == revision
        });
    if let Some(n) = sent {
        n.offer_again = true;
        n.reason = n.why_text(crate::config::Language::En);
    }
}

/// The plan when everything in `history` counts as told.
fn plan_told(
    outage: &Outage,
    policy: &Policy,
    calendar: &Calendar,
    history: &History,
    now: DateTime<Tz>,
) -> OutagePlan {
    let minutes = working_minutes(outage, calendar);
    let required = required_by(outage, policy, || minutes);
    let facts = notices::Facts {
        outage,
        policy,
        calendar,
        history,
        now,
        required,
    };
    let mut list = notices::told(&facts);
    let mut pending = Vec::new();
    pending.extend(notices::changed(&facts));
    match outage.kind {
        Kind::Planned => {
            pending.extend(notices::cancelled(&facts));
            pending.extend(notices::completed_early(&facts));
            let reminder = notices::reminder(&facts);
            pending.extend(notices::announce(&facts, reminder.as_ref()));
            pending.extend(reminder);
        }
        Kind::Acute => {
            pending.extend(notices::alert(&facts));
            pending.extend(notices::resolved(&facts));
        }
    }
    // One notice per outage per run, in the order above: `changed` first
    // (it says what moved), the reminder before the announce.
    let mut carrier = None;
    for n in pending.iter_mut().filter(|n| n.state == NoticeState::Due) {
        match carrier {
            None => carrier = Some(n.kind),
            Some(kind) => notices::set_state(n, NoticeState::Skipped, Reason::CarriedBy(kind)),
        }
    }
    list.extend(pending);
    list.sort_by_key(|n| (n.due, n.kind, n.revision));
    let belief = history.belief();
    let publish = publish_window_for(outage, policy, calendar, belief, required);
    OutagePlan {
        id: outage.id.clone(),
        kind: outage.kind,
        start: outage.start,
        end: outage.end,
        ended: outage.ended,
        expected_end: outage.expected_end(now),
        working_minutes: minutes,
        notice_required: required,
        publish,
        published: publish.is_some_and(|p| p.contains(now)),
        status: status(outage, now),
        notices: list,
        told: history.last().cloned(),
        belief,
        truth: truth(outage, now),
    }
}

/// The plan of every outage of the site at `now`, ordered by start then id.
/// `histories` is [`histories`] of the ledger.
/// `outages` may hold the outages themselves or shared handles to them.
pub fn plan<O: std::borrow::Borrow<Outage> + Sync>(
    config: &Config,
    outages: &[O],
    histories: &HashMap<String, History>,
    now: DateTime<Tz>,
) -> Vec<OutagePlan> {
    let calendar = Calendar::new(config.policy.extra_closed_days.iter().copied());
    let empty = History::default();
    let mut plans: Vec<OutagePlan> = outages
        .par_iter()
        .with_min_len(64)
        .map(O::borrow)
        .map(|o| {
            let history = histories.get(&o.id).unwrap_or(&empty);
            plan_outage(o, &config.policy, &calendar, history, now)
        })
        .collect();
    plans.sort_by(|a, b| (a.start, &a.id).cmp(&(b.start, &b.id)));
    // `send` offers a refused message again to the current recipients that
    // have not taken it; when there are none, the plan does not promise it.
    let recipients: Vec<&str> = config
        .recipients
        .iter()
        .map(|r| r.address.as_str())
        .collect();
    for n in plans
        .iter_mut()
        .flat_map(|p| p.notices.iter_mut())
        .filter(|n| n.offer_again)
    {
        n.offer_to = history::offer_to(&n.refused, n.accepted.as_deref(), &recipients);
        n.offer_again = !n.offer_to.is_empty();
        n.reason = n.why_text(crate::config::Language::En);
    }
    plans
}

/// An outage staff were told about whose file is gone (deleted or
/// renamed) while what they believe still matters (SPEC §4).
#[derive(Debug, Clone, PartialEq)]
pub struct Vanished {
    /// The outage id.
    pub id: String,
    /// What staff believe (*on W*, or *off* with W not yet over).
    pub belief: Picture,
    /// The notice that told them.
    pub told: Told,
}

/// The outages of `histories` with no file among `present` (ids of every
/// outage file, valid or not) that staff believe *on W* or *off* while W is
/// not over at `now`. Once W is over, the file may go. Ordered by id.
pub fn vanished(
    histories: &HashMap<String, History>,
    present: &dyn Fn(&str) -> bool,
    now: DateTime<Tz>,
) -> Vec<Vanished> {
    let mut out: Vec<Vanished> = histories
        .iter()
        .filter(|(id, _)| !present(id))
        .filter_map(|(id, h)| {
            let told = h.last()?;
            let belief = told.picture();
            let matters = match belief {
                Picture::On(w) | Picture::Off(w) => w.end.is_none_or(|end| now < end),
                Picture::Over(_) => false,
            };
            matters.then(|| Vanished {
                id: id.clone(),
                belief,
                told: told.clone(),
            })
        })
        .collect();
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// The notices `send` delivers now: every notice in state `due`, with its
/// outage's plan, ordered by due time (then outage id, then kind).
pub fn due_notices(plans: &[OutagePlan]) -> Vec<(&OutagePlan, &Notice)> {
    let mut due: Vec<(&OutagePlan, &Notice)> = plans
        .iter()
        .flat_map(|p| p.notices.iter().map(move |n| (p, n)))
        .filter(|(_, n)| n.state == NoticeState::Due)
        .collect();
    due.sort_by(|(a, m), (b, n)| (m.due, &a.id, m.kind).cmp(&(n.due, &b.id, n.kind)));
    due
}

/// The next instant after `now` at which the set of published pages or a
/// published page's status changes: a publish window opening or closing, a
/// start, an estimated end or an actual end of an outage that has a page.
/// `None` when nothing will change by itself.
pub fn next_change(plans: &[OutagePlan], now: DateTime<Tz>) -> Option<DateTime<Tz>> {
    plans
        .iter()
        .filter_map(|p| p.publish.map(|w| (p, w)))
        .flat_map(|(p, w)| [Some(w.from), w.until, Some(p.start), p.end, p.ended])
        .flatten()
        .filter(|t| *t > now)
        .min()
}

#[cfg(test)]
mod beliefs;
#[cfg(test)]
pub(crate) mod fixtures;
#[cfg(test)]
mod proptests;
#[cfg(test)]
mod shuffled;
#[cfg(test)]
mod simulation;
#[cfg(test)]
mod tests;
