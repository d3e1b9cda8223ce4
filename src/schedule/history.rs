//! The history of one outage as the ledger tells it (SPEC §4, §7): which
//! notices were handed to the mail server, or may have been, and so what
//! staff believe now. This is the one place that interprets ledger records;
//! every notice rule reads the outage's past from a [`History`].
//!
//! Pure: built from records, no I/O, no clock.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate};
use chrono_tz::Tz;
use serde::Serialize;

use super::{NoticeKind, Window};
use crate::ledger::{Ledger, Record, RecordState};

/// What staff believe about an outage, or what its file says is true
/// (SPEC §4: *on W*, *off*, *over*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Picture {
    /// It will happen, or is happening, in this window.
    On(Window),
    /// Called off; the window is the one that was called off.
    Off(Window),
    /// Over; the window is the one it was over in.
    Over(Window),
}

impl Picture {
    /// The window the picture is about.
    pub fn window(&self) -> Window {
        match *self {
            Picture::On(w) | Picture::Off(w) | Picture::Over(w) => w,
        }
    }

    /// `on`, `off` or `over`.
    pub fn name(&self) -> &'static str {
        match self {
            Picture::On(_) => "on",
            Picture::Off(_) => "off",
            Picture::Over(_) => "over",
        }
    }
}

/// How a told notice reached the mail server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Handover {
    /// The server accepted it (`sent`).
    Accepted,
    /// A run crashed between handing it over and recording the outcome:
    /// it may have been delivered, so it counts as told. `resendable` is
    /// false after a second interruption (never a third hand-over).
    Interrupted {
        /// Whether one resend with the same Message-ID is still allowed.
        resendable: bool,
    },
    /// A claim without outcome that the ledger does not (yet) call an
    /// interrupted hand-over (another run's work in progress): told, and
    /// never resent from here.
    Claimed,
}

/// A notice staff were told, or may have been told.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Told {
    /// Which notice.
    pub kind: NoticeKind,
    /// The window it carried.
    pub window: Window,
    /// When it was handed over (the first hand-over of its Message-ID).
    pub at: DateTime<Tz>,
    /// Its revision: 1 for the first notice of its kind, 2 for the next...
    pub revision: u32,
    /// Its Message-ID, angle brackets included.
    pub message_id: String,
    /// Accepted, or possibly delivered.
    pub handover: Handover,
    /// The addresses the server refused while it took the message for the
    /// others, and that no later offer of it reached (SPEC §7): empty when
    /// every recipient has it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub refused: Vec<String>,
    /// The addresses that took the message, over every `sent` of it with a
    /// reply; `None` when a record of it predates the ledger's `accepted`
    /// field (then [`offer_to`] offers to the refused addresses only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accepted: Option<Vec<String>>,
}

impl Told {
    /// What staff believe after this notice.
    pub fn picture(&self) -> Picture {
        match self.kind {
            NoticeKind::Cancelled => Picture::Off(self.window),
            NoticeKind::CompletedEarly | NoticeKind::Resolved => Picture::Over(self.window),
            _ => Picture::On(self.window),
        }
    }
}

/// A hand-over the server refused (`failed`): never delivered, so not told;
/// its revision is taken again only by the same notice.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Refused {
    kind: NoticeKind,
    window: Window,
    revision: u32,
}

/// The history of one outage: its told notices, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    told: Vec<Told>,
    refused: Vec<Refused>,
}

/// Where one Message-ID stands after reading its records in time order.
enum Status {
    Open { first: usize, sendings: usize },
    Told(usize),
    Refused(usize),
}

impl History {
    /// Every told notice, oldest first.
    pub fn told(&self) -> &[Told] {
        &self.told
    }

    /// The Message-IDs of every told notice, oldest first: the thread a
    /// next notice replies to (SPEC §6 `References`).
    pub fn message_ids(&self) -> Vec<String> {
        self.told.iter().map(|t| t.message_id.clone()).collect()
    }

    /// The last notice told, which gives the belief.
    pub fn last(&self) -> Option<&Told> {
        self.told.last()
    }

    /// What staff believe now; `None` when they were never told anything.
    pub fn belief(&self) -> Option<Picture> {
        self.last().map(Told::picture)
    }

    /// The told notices of one kind, oldest first.
    pub fn of_kind(&self, kind: NoticeKind) -> impl Iterator<Item = &Told> {
        self.told.iter().filter(move |t| t.kind == kind)
    }

    /// The first notice carrying a window that starts on `date` and was
    /// handed over at or after `since`.
    pub fn carried_since(&self, date: NaiveDate, since: DateTime<Tz>) -> Option<&Told> {
        self.told
            .iter()
            .find(|t| t.window.start.date_naive() == date && t.at >= since)
    }

    /// The first notice carrying a window that starts on `date` and was
    /// handed over on that date.
    pub fn carried_on(&self, date: NaiveDate) -> Option<&Told> {
        self.told
            .iter()
            .find(|t| t.window.start.date_naive() == date && t.at.date_naive() == date)
    }

    /// The revision the next notice of `kind` carrying `window` gets: the
    /// revision of a refused attempt of that same notice, else one past
    /// every revision of the kind ever used. A Message-ID is never shared
    /// by two different notices.
    pub fn next_revision(&self, kind: NoticeKind, window: Window) -> u32 {
        let told = self.of_kind(kind).map(|t| t.revision).max().unwrap_or(0);
        let refused = self.refused.iter().filter(|r| r.kind == kind);
        if let Some(retry) = refused
            .clone()
            .filter(|r| r.revision > told && r.window == window)
            .map(|r| r.revision)
            .max()
        {
            return retry;
        }
        told.max(refused.map(|r| r.revision).max().unwrap_or(0)) + 1
    }

    /// The last notice, when it is an interrupted hand-over that may be
    /// resent once (if that same notice is still due).
    pub fn resendable_last(&self) -> Option<&Told> {
        self.last()
            .filter(|t| matches!(t.handover, Handover::Interrupted { resendable: true }))
    }

    /// The history without its last notice: the past as it would be had
    /// the interrupted hand-over never started.
    pub fn without_last(&self) -> History {
        let mut h = self.clone();
        h.told.pop();
        h
    }

    /// Builds the history of `outage` from its records (any order; read in
    /// time order, a record that appears twice counts once). `interrupted`
    /// says whether a `sending` without outcome is an interrupted hand-over
    /// (rather than another run's claim still in progress).
    pub fn from_records<'a>(
        outage: &str,
        records: impl IntoIterator<Item = &'a Record>,
        tz: Tz,
        interrupted: &dyn Fn(&Record) -> bool,
    ) -> History {
        let mut records: Vec<&Record> = records.into_iter().collect();
        records.sort_by(|a, b| a.reading_order(b));
        records.dedup();
        let mut order: Vec<&str> = Vec::new();
        let mut status: HashMap<&str, Status> = HashMap::new();
        for (i, r) in records.iter().enumerate() {
            let id = r.message_id.as_str();
            if !status.contains_key(id) {
                order.push(id);
            }
            let next = match (status.remove(id), r.state) {
                (Some(Status::Told(first)), _) => Status::Told(first),
                // A `sent` whose reply never came settles nothing: the
                // hand-over stays open, and is interrupted (below).
                (Some(Status::Open { first, sendings }), RecordState::Sent) if r.unconfirmed() => {
                    Status::Open { first, sendings }
                }
                (None | Some(Status::Refused(_)), RecordState::Sent) if r.unconfirmed() => {
                    Status::Open {
                        first: i,
                        sendings: 1,
                    }
                }
                (Some(Status::Open { first, .. }), RecordState::Sent) => Status::Told(first),
                (None | Some(Status::Refused(_)), RecordState::Sent) => Status::Told(i),
                (Some(Status::Open { first, .. }), RecordState::Failed) if settled(r) => {
                    Status::Told(first)
                }
                (Some(Status::Open { .. } | Status::Refused(_)) | None, RecordState::Failed) => {
                    Status::Refused(i)
                }
                (Some(Status::Open { first, sendings }), RecordState::Sending) => Status::Open {
                    first,
                    sendings: sendings + 1,
                },
                (None | Some(Status::Refused(_)), RecordState::Sending) => Status::Open {
                    first: i,
                    sendings: 1,
                },
            };
            status.insert(id, next);
        }
        let mut history = History::default();
        for id in order {
            let (first, handover) = match status[id] {
                Status::Told(first) => (first, Handover::Accepted),
                Status::Open { first, sendings } => {
                    let last = records
                        .iter()
                        .rev()
                        .find(|r| r.message_id == id)
                        .copied()
                        .unwrap_or(records[first]);
                    let handover = if last.unconfirmed() || interrupted(last) {
                        Handover::Interrupted {
                            resendable: sendings < 2,
                        }
                    } else {
                        Handover::Claimed
                    };
                    (first, handover)
                }
                Status::Refused(last) => {
                    let r = records[last];
                    history.refused.push(Refused {
                        kind: r.kind,
                        window: window(r, tz),
                        revision: revision(outage, r),
                    });
                    continue;
                }
            };
            let r = records[first];
            // What the last `sent` of this message left refused (a later
            // offer to those addresses records what it left in turn).
            let refused = records
                .iter()
                .rev()
                .find(|r| r.message_id == id && r.state == RecordState::Sent)
                .map(|r| r.refused.clone())
                .unwrap_or_default();
            // Who took it, if every `sent` of it with a reply says so.
            let answered: Vec<&Record> = records
                .iter()
                .filter(|r| r.message_id == id && r.state == RecordState::Sent)
                .filter(|r| !r.interrupted)
                .copied()
                .collect();
            let accepted = (!answered.is_empty()
                && answered.iter().all(|r| !r.accepted.is_empty()))
            .then(|| answered.iter().flat_map(|r| r.accepted.clone()).collect());
            history.told.push(Told {
                kind: r.kind,
                window: window(r, tz),
                at: r.at.with_timezone(&tz),
                revision: revision(outage, r),
                message_id: r.message_id.clone(),
                handover,
                refused,
                accepted,
            });
        }
        history.told.sort_by_key(|t| t.at);
        history
    }
}

/// Who the next offer of a sent message goes to (SPEC §7): nobody while
/// no refusal of it is left (`refused` empty); else the current
/// `recipients` that have not `accepted` it, so a renamed list gets it, a
/// list removed from the recipients is not offered it and no list is sent
/// it twice. Without `accepted` (records written before the field), the
/// refused addresses that are still recipients.
pub fn offer_to(
    refused: &[String],
    accepted: Option<&[String]>,
    recipients: &[&str],
) -> Vec<String> {
    let among = |list: &[String], a: &str| list.iter().any(|l| l.eq_ignore_ascii_case(a));
    if refused.is_empty() {
        return Vec::new();
    }
    recipients
        .iter()
        .filter(|a| match accepted {
            Some(accepted) => !among(accepted, a),
            None => among(refused, a),
        })
        .map(|a| a.to_string())
        .collect()
}

/// The histories of every outage in the ledger, in the site zone.
/// A `sending` without outcome is an interrupted hand-over at `now` when
/// its lease has run out ([`Ledger::claims_at`]), otherwise another run's
/// claim in progress (told, never resent).
pub fn histories(ledger: &Ledger, tz: Tz, now: DateTime<Tz>) -> HashMap<String, History> {
    let interrupted: std::collections::HashSet<(&str, DateTime<chrono::FixedOffset>)> = ledger
        .claims_at(now.fixed_offset())
        .interrupted
        .into_iter()
        .map(|r| (r.message_id.as_str(), r.at))
        .collect();
    let is_interrupted = |r: &Record| interrupted.contains(&(r.message_id.as_str(), r.at));
    let mut by_outage: HashMap<&str, Vec<&Record>> = HashMap::new();
    for r in &ledger.records {
        by_outage.entry(r.outage.as_str()).or_default().push(r);
    }
    by_outage
        .into_iter()
        .map(|(id, records)| {
            let history = History::from_records(id, records, tz, &is_interrupted);
            (id.to_string(), history)
        })
        .collect()
}

/// A `failed` record that settled an interrupted hand-over (older versions
/// of `send` wrote these): the message may have been delivered, so told.
fn settled(r: &Record) -> bool {
    r.error
        .as_deref()
        .is_some_and(|e| e.starts_with("interrupted hand-over"))
}

fn window(r: &Record, tz: Tz) -> Window {
    Window {
        start: r.start.with_timezone(&tz),
        end: r.end.map(|e| e.with_timezone(&tz)),
    }
}

/// The revision in a Message-ID `<ID.KIND[.REV]@domain>`: REV, or 1
/// without one.
fn revision(outage: &str, r: &Record) -> u32 {
    let local = r
        .message_id
        .trim_start_matches('<')
        .split('@')
        .next()
        .unwrap_or("");
    local
        .strip_prefix(outage)
        .and_then(|rest| rest.strip_prefix('.'))
        .and_then(|rest| rest.strip_prefix(r.kind.as_str()))
        .and_then(|rest| rest.strip_prefix('.'))
        .and_then(|rev| rev.parse().ok())
        .unwrap_or(1)
}

/// The `.REV` a Message-ID carries for revision `n` of `kind`: `changed`
/// always carries it (`.1`, `.2`, ...), other kinds from their second
/// notice on (`<ID.announce@…>`, then `<ID.announce.2@…>`).
pub fn suffix(kind: NoticeKind, n: u32) -> Option<u32> {
    (kind == NoticeKind::Changed || n > 1).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::tests::t;

    fn record(kind: NoticeKind, state: RecordState, at: &str, id: &str) -> Record {
        Record {
            v: 1,
            outage: "o".into(),
            kind,
            state,
            start: t("2026-12-03 18:00").fixed_offset(),
            end: Some(t("2026-12-03 22:00").fixed_offset()),
            at: t(at).fixed_offset(),
            message_id: format!("<{id}@example.org>"),
            error: None,
            to: Vec::new(),
            refused: Vec::new(),
            interrupted: false,
            accepted: Vec::new(),
        }
    }

    fn build(records: &[Record]) -> History {
        History::from_records("o", records, chrono_tz::Europe::Oslo, &|_| true)
    }

    use NoticeKind::*;
    use RecordState::*;

    #[test]
    fn sent_sending_and_failed_records_become_told_or_not() {
        let h = build(&[
            record(Announce, Sending, "2026-12-02 11:00", "o.announce"),
            record(Announce, Sent, "2026-12-02 11:00", "o.announce"),
            record(Cancelled, Sending, "2026-12-02 12:00", "o.cancelled"),
            record(Cancelled, Failed, "2026-12-02 12:00", "o.cancelled"),
        ]);
        assert_eq!(h.told().len(), 1);
        assert!(matches!(h.belief(), Some(Picture::On(_))));
        assert_eq!(h.next_revision(Cancelled, h.told()[0].window), 1);
        assert_eq!(h.next_revision(Announce, h.told()[0].window), 2);
        let h = build(&[record(
            Cancelled,
            Sending,
            "2026-12-02 12:00",
            "o.cancelled",
        )]);
        assert!(matches!(h.belief(), Some(Picture::Off(_))));
        assert!(h.resendable_last().is_some());
        assert!(h.without_last().belief().is_none());
    }

    #[test]
    fn interrupted_hand_overs_count_as_told_and_are_resendable_once() {
        let first = record(Changed, Sending, "2026-12-02 12:00", "o.changed.1");
        let again = record(Changed, Sending, "2026-12-02 12:15", "o.changed.1");
        let h = build(&[first.clone(), again.clone()]);
        assert_eq!(h.told()[0].at, t("2026-12-02 12:00"));
        assert_eq!(h.told()[0].revision, 1);
        assert!(h.resendable_last().is_none(), "two interruptions: no third");
        assert_eq!(h.next_revision(Changed, h.told()[0].window), 2);
        // An older `send` settled it as failed: still told.
        let mut legacy = first.clone();
        legacy.state = Failed;
        legacy.at = t("2026-12-02 12:30").fixed_offset();
        legacy.error = Some("interrupted hand-over; no longer due".into());
        let h = build(&[first.clone(), legacy]);
        assert_eq!(h.told().len(), 1);
        assert_eq!(h.told()[0].handover, Handover::Accepted);
        // Another run's claim: told, never resent.
        let h = History::from_records("o", [&first], chrono_tz::Europe::Oslo, &|_| false);
        assert_eq!(h.told()[0].handover, Handover::Claimed);
        assert!(h.resendable_last().is_none());
    }

    #[test]
    fn a_sent_without_reply_stays_open_and_is_resent_once() {
        let claim = |at| record(Announce, Sending, at, "o.announce");
        let lost = |at| Record {
            interrupted: true,
            ..record(Announce, Sent, at, "o.announce")
        };
        let h = build(&[claim("2026-12-02 11:00"), lost("2026-12-02 11:00")]);
        assert_eq!(
            h.told()[0].handover,
            Handover::Interrupted { resendable: true }
        );
        assert!(h.resendable_last().is_some());
        let twice = [
            claim("2026-12-02 11:00"),
            lost("2026-12-02 11:00"),
            claim("2026-12-02 11:15"),
            lost("2026-12-02 11:15"),
        ];
        let h = build(&twice);
        assert_eq!(h.told()[0].at, t("2026-12-02 11:00"));
        assert!(h.resendable_last().is_none(), "no third hand-over");
        let resent = [
            claim("2026-12-02 11:00"),
            lost("2026-12-02 11:00"),
            claim("2026-12-02 11:15"),
            record(Announce, Sent, "2026-12-02 11:15", "o.announce"),
        ];
        assert_eq!(build(&resent).told()[0].handover, Handover::Accepted);
    }

    #[test]
    fn refused_addresses_are_what_the_last_sent_left() {
        let claim = record(Announce, Sending, "2026-12-02 11:00", "o.announce");
        let partly = Record {
            refused: vec!["b@example.org".into()],
            ..record(Announce, Sent, "2026-12-02 11:00", "o.announce")
        };
        let h = build(&[claim.clone(), partly.clone()]);
        assert_eq!(h.told()[0].refused, ["b@example.org"]);
        assert_eq!(h.told()[0].handover, Handover::Accepted);
        let offer = |state, at| Record {
            to: vec!["b@example.org".into()],
            ..record(Announce, state, at, "o.announce")
        };
        let failed_again = [
            claim.clone(),
            partly.clone(),
            offer(Sending, "2026-12-02 11:15"),
            offer(Failed, "2026-12-02 11:15"),
        ];
        let h = build(&failed_again);
        assert_eq!(h.told().len(), 1);
        assert_eq!(h.told()[0].refused, ["b@example.org"]);
        let taken = [
            claim,
            partly,
            offer(Sending, "2026-12-02 11:30"),
            offer(Sent, "2026-12-02 11:30"),
        ];
        assert!(build(&taken).told()[0].refused.is_empty());
    }

    #[test]
    fn the_next_offer_goes_to_current_recipients_that_have_not_taken_it() {
        let strings = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let refused = strings(&["plo-andre@example.org"]);
        let accepted = strings(&["a@example.org", "B@example.org"]);
        // Renamed: the new address gets it, the old one and those that
        // took it do not.
        let now = ["a@example.org", "b@example.org", "plo-andre-ny@example.org"];
        assert_eq!(
            offer_to(&refused, Some(&accepted), &now),
            ["plo-andre-ny@example.org"]
        );
        // Removed: nobody is left to offer it to.
        let now = ["a@example.org", "b@example.org"];
        assert!(offer_to(&refused, Some(&accepted), &now).is_empty());
        // Unchanged: the refused address is offered it again.
        let now = ["a@example.org", "b@example.org", "plo-andre@example.org"];
        assert_eq!(
            offer_to(&refused, Some(&accepted), &now),
            ["plo-andre@example.org"]
        );
        // No refusal left: nobody, whatever the recipients are now.
        let now = ["a@example.org", "c@example.org"];
        assert!(offer_to(&[], Some(&accepted), &now).is_empty());
        // Records before `accepted`: the refused addresses still listed.
        let now = ["a@example.org", "PLO-andre@example.org", "new@example.org"];
        assert_eq!(offer_to(&refused, None, &now), ["PLO-andre@example.org"]);
        let now = ["a@example.org", "new@example.org"];
        assert!(offer_to(&refused, None, &now).is_empty());
    }

    #[test]
    fn who_took_a_message_adds_up_over_its_offers() {
        let with = |state, at, to: &[&str], accepted: &[&str], refused: &[&str]| Record {
            to: to.iter().map(|s| s.to_string()).collect(),
            accepted: accepted.iter().map(|s| s.to_string()).collect(),
            refused: refused.iter().map(|s| s.to_string()).collect(),
            ..record(Announce, state, at, "o.announce")
        };
        let first = [
            with(Sending, "2026-12-02 11:00", &[], &[], &[]),
            with(Sent, "2026-12-02 11:00", &[], &["a@x.no"], &["b@x.no"]),
        ];
        let h = build(&first);
        assert_eq!(
            h.told()[0].accepted.as_deref(),
            Some(&["a@x.no".to_string()][..])
        );
        let mut again = first.to_vec();
        again.push(with(Sending, "2026-12-02 11:15", &["c@x.no"], &[], &[]));
        again.push(with(
            Sent,
            "2026-12-02 11:15",
            &["c@x.no"],
            &["c@x.no"],
            &[],
        ));
        let h = build(&again);
        assert_eq!(
            h.told()[0].accepted.as_deref(),
            Some(&["a@x.no".to_string(), "c@x.no".into()][..])
        );
        assert!(h.told()[0].refused.is_empty());
        // A `sent` written before the field: who took it is not known.
        let old = [record(Announce, Sent, "2026-12-02 11:00", "o.announce")];
        assert_eq!(build(&old).told()[0].accepted, None);
    }

    #[test]
    fn order_is_by_time_and_duplicates_count_once() {
        let a = record(Announce, Sent, "2026-12-02 11:00", "o.announce");
        let c = record(Cancelled, Sent, "2026-12-02 12:00", "o.cancelled");
        let h = build(&[c.clone(), a.clone(), a.clone()]);
        let kinds: Vec<_> = h.told().iter().map(|t| t.kind).collect();
        assert_eq!(kinds, [Announce, Cancelled]);
        let c2 = record(Cancelled, Sent, "2026-12-02 14:00", "o.cancelled.2");
        assert_eq!(build(&[a, c, c2]).told()[2].revision, 2);
    }

    #[test]
    fn a_refused_notice_keeps_its_revision_only_for_itself() {
        let a = record(Announce, Sent, "2026-12-02 11:00", "o.announce");
        let c = record(Changed, Failed, "2026-12-02 12:00", "o.changed.1");
        let h = build(&[a, c.clone()]);
        let w = window(&c, chrono_tz::Europe::Oslo);
        assert_eq!(h.next_revision(Changed, w), 1);
        let other = Window {
            start: t("2026-12-04 18:00"),
            end: None,
        };
        assert_eq!(h.next_revision(Changed, other), 2);
        assert_eq!(suffix(Changed, 1), Some(1));
        assert_eq!(suffix(Announce, 1), None);
        assert_eq!(suffix(Announce, 2), Some(2));
    }
}
