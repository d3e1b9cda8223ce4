//! The kinds of notice (SPEC §4 table), a vocabulary shared by the
//! schedule and the ledger: it lives below both so that neither has to
//! import the other for it ([`crate::schedule`] re-exports it).

use serde::Serialize;

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
