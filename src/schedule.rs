//! The notice schedule (SPEC §4): for every outage, whether a notice is
//! required, when its page is published, and which notices go out when.
//!
//! Pure: takes the site's data, what the ledger says was sent, and `now`;
//! does no I/O and reads no clock. "When is the reminder sent?" is answered
//! in one place here, in a function whose name says so.

use chrono::{DateTime, NaiveDate};
use chrono_tz::Tz;
use serde::Serialize;

use crate::calendar::Calendar;
use crate::config::{AnnounceDay, Policy};
use crate::localtime;
use crate::outage::{Kind, Notify, Outage};

/// The kinds of notice (SPEC §4 table).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    /// Planned: the day before.
    Announce,
    /// Planned: the morning of the start day.
    Reminder,
    /// Start or end moved after a notice went out.
    Changed,
    /// Planned outage called off after a notice went out.
    Cancelled,
    /// Planned work finished before the estimated end.
    CompletedEarly,
    /// Acute: at once.
    Alert,
    /// Acute: service is back.
    Resolved,
}

impl NoticeKind {
    /// Every kind, in table order.
    pub const ALL: [NoticeKind; 7] = [
        NoticeKind::Announce,
        NoticeKind::Reminder,
        NoticeKind::Changed,
        NoticeKind::Cancelled,
        NoticeKind::CompletedEarly,
        NoticeKind::Alert,
        NoticeKind::Resolved,
    ];

    /// The name used in JSON, Message-IDs, headers and template file names.
    pub fn as_str(self) -> &'static str {
        match self {
            NoticeKind::Announce => "announce",
            NoticeKind::Reminder => "reminder",
            NoticeKind::Changed => "changed",
            NoticeKind::Cancelled => "cancelled",
            NoticeKind::CompletedEarly => "completed_early",
            NoticeKind::Alert => "alert",
            NoticeKind::Resolved => "resolved",
        }
    }

    /// Parses [`as_str`](Self::as_str) output.
    pub fn parse(text: &str) -> Option<NoticeKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

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

/// A notice the ledger says went out (input to the schedule).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentNotice {
    /// Which notice.
    pub kind: NoticeKind,
    /// The window it communicated.
    pub window: Window,
    /// When it was handed to the mail server.
    pub at: DateTime<Tz>,
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
    /// Why it is in that state, in words (for `plan` and `explain`).
    pub reason: String,
    /// The window this notice tells staff about.
    pub window: Window,
    /// For `changed`: the window of the last notice sent before.
    pub previous: Option<Window>,
    /// For `changed`: 1 for the first change, 2 for the next... (the `.REV`
    /// of the Message-ID); `None` for other kinds.
    pub revision: Option<u32>,
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
    match outage.notify {
        Notify::Always => true,
        Notify::Never => false,
        Notify::Auto => match working_minutes(outage, calendar) {
            Some(minutes) => minutes > policy.min_working_minutes,
            None => outage.kind == Kind::Acute,
        },
    }
}

/// When the page of a notice-requiring outage opens and closes, ignoring
/// cancellation (see [`publish_window`]).
fn raw_publish_window(outage: &Outage, policy: &Policy, calendar: &Calendar) -> PublishWindow {
    let tz = outage.start.timezone();
    let from = match outage.kind {
        Kind::Planned => {
            let date = day_before(outage.start.date_naive(), policy, calendar);
            localtime::at(date, policy.publish_at, tz).min(outage.start)
        }
        Kind::Acute => outage.start,
    };
    let until = match (outage.kind, outage.end, outage.ended) {
        (Kind::Acute, _, None) => None,
        (_, Some(end), Some(ended)) => Some(end.max(ended)),
        (_, end, ended) => end.or(ended),
    };
    PublishWindow { from, until }
}

/// The publish window of an outage's page at `now` (SPEC §4), or `None` if
/// the page never appears: no notice required, or cancelled before its
/// window opened. `now` matters only for cancellation, whose moment is not
/// in the file: a cancelled outage stays visible (marked cancelled) until its
/// original end only if its window had opened by `now`... and the caller
/// knows whether it was published before via `was_announced`.
pub fn publish_window(
    outage: &Outage,
    policy: &Policy,
    calendar: &Calendar,
    was_announced: bool,
) -> Option<PublishWindow> {
    if !notice_required(outage, policy, calendar) {
        return None;
    }
    let window = raw_publish_window(outage, policy, calendar);
    if outage.cancelled && !was_announced {
        return None;
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
        (_, Some(ended), _) => now >= ended,
        (Kind::Planned, None, Some(end)) => now >= end,
        _ => false,
    };
    if finished {
        Status::Ended
    } else {
        Status::Ongoing
    }
}
