//! What the mail server said, as ledger records (SPEC §7 "What the mail
//! server said"): only a reply settles a hand-over.
//!
//! | the server | record |
//! | --- | --- |
//! | took it for everyone offered | `sent` |
//! | took it for some, refused others (`550`, `452` to the end) | `sent` naming the `refused` |
//! | no reply after the final dot (break, timeout) | `sent`, `interrupted`: told, resent once while due |
//! | refused it for everyone, or broke before the dot | `failed`: nobody has it |
//!
//! Also the order a run hands its batch over in: a notice that failed
//! before goes after the others, so one message the relay chokes on never
//! keeps the rest waiting.

use std::collections::HashSet;

use crate::ledger::{Ledger, Record, RecordState};
use crate::mail::relay::{Refusal, refusals_in_one_line};
use crate::mail::transport::Handed;

/// A hand-over's outcome, ready for the ledger and the run's summary.
pub(super) struct Settled {
    /// The outcome record (state `sent` or `failed`).
    pub(super) record: Record,
    /// The addresses refused while others took it (named at the end of
    /// the run, exit 1).
    pub(super) refused: Vec<String>,
    /// The reply never came (exit 1: told, but not confirmed).
    pub(super) unconfirmed: bool,
    /// The progress line's state token (the same in every language).
    pub(super) token: &'static str,
    /// The progress line's detail.
    pub(super) detail: String,
}

/// The outcome record of `claim` for what the server did with it, when
/// the message was offered to `offered`. A `sent` that got a reply names
/// the addresses the server `accepted` (the offered ones it did not
/// refuse); one without a reply names none, since nobody knows.
pub(super) fn settle(claim: &Record, offered: &[String], handed: Handed) -> Settled {
    let base = Record {
        state: RecordState::Sent,
        error: None,
        ..claim.clone()
    };
    let accepted = |refused: &[Refusal]| -> Vec<String> {
        offered
            .iter()
            .filter(|a| !refused.iter().any(|r| r.address.eq_ignore_ascii_case(a)))
            .cloned()
            .collect()
    };
    match handed {
        Handed::Accepted(how) => Settled {
            record: Record {
                accepted: accepted(&[]),
                ..base
            },
            refused: Vec::new(),
            unconfirmed: false,
            token: "sent",
            detail: how,
        },
        Handed::Partly { how, refused } => {
            let addresses = addresses(&refused);
            Settled {
                record: Record {
                    accepted: accepted(&refused),
                    refused: addresses.clone(),
                    error: Some(note_refused(&refused)),
                    ..base
                },
                refused: addresses,
                unconfirmed: false,
                token: "sent",
                detail: how,
            }
        }
        Handed::Unknown { how, refused } => {
            let addresses = addresses(&refused);
            Settled {
                record: Record {
                    refused: addresses.clone(),
                    interrupted: true,
                    error: Some(note_unknown(&refused)),
                    ..base
                },
                refused: addresses,
                unconfirmed: true,
                token: "TOLD?",
                detail: how,
            }
        }
    }
}

/// `batch` in the order a run hands it over: notices whose Message-ID
/// failed before (a `failed` record in the ledger) after the others, each
/// group in its planned order.
pub(super) fn failed_last<T>(
    ledger: &Ledger,
    batch: Vec<T>,
    message_id: impl Fn(&T) -> &str,
) -> Vec<T> {
    let failed: HashSet<&str> = ledger
        .records
        .iter()
        .filter(|r| r.state == RecordState::Failed)
        .map(|r| r.message_id.as_str())
        .collect();
    let (again, fresh): (Vec<T>, Vec<T>) = batch
        .into_iter()
        .partition(|p| failed.contains(message_id(p)));
    fresh.into_iter().chain(again).collect()
}

fn addresses(refused: &[Refusal]) -> Vec<String> {
    refused.iter().map(|r| r.address.clone()).collect()
}

/// The ledger's note (English: data every later run reads) for a message
/// some recipients refused.
fn note_refused(refused: &[Refusal]) -> String {
    format!(
        "taken for the others; refused for {}: offered again, while the notice is due, to the recipients that do not have it",
        refusals_in_one_line(refused)
    )
}

/// The ledger's note for a hand-over whose reply never came.
fn note_unknown(refused: &[Refusal]) -> String {
    let mut note = String::from(
        "interrupted hand-over: no reply after the final dot; counted as told, sent once more while due",
    );
    if !refused.is_empty() {
        note.push_str(&format!("; refused for {}", refusals_in_one_line(refused)));
    }
    note
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::NoticeKind;

    fn claim(id: &str) -> Record {
        let at = chrono::DateTime::parse_from_rfc3339("2026-12-02T11:00:00+01:00").unwrap();
        Record {
            v: 1,
            outage: "o".into(),
            kind: NoticeKind::Announce,
            state: RecordState::Sending,
            start: at,
            end: None,
            at,
            message_id: id.into(),
            error: None,
            to: Vec::new(),
            refused: Vec::new(),
            interrupted: false,
            accepted: Vec::new(),
        }
    }

    #[test]
    fn a_reply_settles_and_its_absence_leaves_the_hand_over_open() {
        let refused = vec![Refusal {
            address: "plo-andre@example.org".into(),
            reply: "550 5.1.1 no such user".into(),
        }];
        let offered = ["a@example.org".to_string(), "PLO-andre@example.org".into()];
        let s = settle(
            &claim("<a>"),
            &offered,
            Handed::Partly {
                how: String::new(),
                refused: refused.clone(),
            },
        );
        assert_eq!(s.record.state, RecordState::Sent);
        assert_eq!(s.record.refused, ["plo-andre@example.org"]);
        assert_eq!(s.record.accepted, ["a@example.org"]);
        assert!(s.record.error.as_deref().unwrap().contains("550 5.1.1"));
        assert!(!s.record.unconfirmed());
        let s = settle(&claim("<a>"), &offered, Handed::Accepted(String::new()));
        assert_eq!(s.record.accepted, offered);
        let s = settle(
            &claim("<a>"),
            &offered,
            Handed::Unknown {
                how: String::new(),
                refused: Vec::new(),
            },
        );
        assert!(s.record.unconfirmed() && s.unconfirmed);
        assert!(s.record.accepted.is_empty(), "nobody knows who has it");
        // Old readers see a `sent` (told); the line round-trips, and an
        // old line without the new fields still reads.
        let line = serde_json::to_string(&s.record).unwrap();
        let back: Record = serde_json::from_str(&line).unwrap();
        assert_eq!(back, s.record);
        let plain = serde_json::to_string(&claim("<a>")).unwrap();
        assert!(
            !plain.contains("refused")
                && !plain.contains("interrupted")
                && !plain.contains("\"to\"")
                && !plain.contains("accepted")
        );
    }

    #[test]
    fn notices_that_failed_before_go_last() {
        let mut ledger = Ledger::default();
        let mut failed = claim("<b>");
        failed.state = RecordState::Failed;
        ledger.records.push(failed);
        let order = failed_last(&ledger, vec!["<b>", "<a>", "<c>"], |s| s);
        assert_eq!(order, ["<a>", "<c>", "<b>"]);
    }
}
