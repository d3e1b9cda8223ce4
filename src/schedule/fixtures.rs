//! Hand-made plans for the unit tests of modules that read plans (the
//! overdue check, the watcher's wake-up), so that a field added to
//! [`Notice`] or [`OutagePlan`] is filled in one place.

use chrono::DateTime;
use chrono_tz::Tz;

use super::{Notice, NoticeKind, NoticeState, OutagePlan, Picture, Reason, Status, Window};
use crate::outage::Kind;

/// A notice of `kind` for `window`, due at `due`, in `state`.
pub(crate) fn notice(
    kind: NoticeKind,
    due: DateTime<Tz>,
    state: NoticeState,
    window: Window,
) -> Notice {
    Notice {
        kind,
        due,
        stale_from: None,
        state,
        reason: String::new(),
        why: Reason::Waiting,
        sent_at: None,
        window,
        previous: None,
        corrects: None,
        revision: None,
        again: false,
        refused: Vec::new(),
        offer_again: false,
        offer_to: Vec::new(),
        accepted: None,
        references: Vec::new(),
    }
}

/// A required planned outage `id` over `window` with these notices,
/// upcoming, without a page, nothing told yet.
pub(crate) fn plan(id: &str, window: Window, notices: Vec<Notice>) -> OutagePlan {
    OutagePlan {
        id: id.into(),
        kind: Kind::Planned,
        start: window.start,
        end: window.end,
        ended: None,
        expected_end: window.end,
        working_minutes: Some(240),
        notice_required: true,
        publish: None,
        published: false,
        status: Status::Upcoming,
        notices,
        told: None,
        belief: None,
        truth: Picture::On(window),
    }
}
