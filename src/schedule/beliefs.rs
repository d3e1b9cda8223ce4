//! Table tests of SPEC §4's model: every pair (what staff believe, what the
//! file says is true) and the notice it gives; then the numbered cases of
//! issue 13, each as the ledger and the file would show it.

use super::tests::{acute, history, interrupted, planned, sent, t};
use super::*;
use crate::ledger::Record;
use crate::outage::Notify;

use NoticeKind::*;

const W: (&str, &str) = ("2026-12-03 18:00", "2026-12-03 22:00");

fn plan_at(o: &Outage, records: &[Record], now: &str) -> OutagePlan {
    plan_outage(
        o,
        &Policy::default(),
        &Calendar::default(),
        &history(records),
        t(now),
    )
}

/// The notice due at `now`, if any (at most one).
fn due(o: &Outage, records: &[Record], now: &str) -> Option<Notice> {
    let plan = plan_at(o, records, now);
    let due: Vec<&Notice> = plan
        .notices
        .iter()
        .filter(|n| n.state == NoticeState::Due)
        .collect();
    assert!(due.len() <= 1, "two notices due: {due:#?}");
    due.first().map(|n| (*n).clone())
}

fn cancelled(o: Outage) -> Outage {
    Outage {
        cancelled: true,
        ..o
    }
}

fn ended(o: Outage, at: &str) -> Outage {
    Outage {
        ended: Some(t(at)),
        ..o
    }
}

fn window(o: &Outage) -> Window {
    Window {
        start: o.start,
        end: o.end,
    }
}

#[test]
fn every_belief_against_every_truth() {
    let on = planned(W.0, W.1);
    let other = planned("2026-12-03 19:00", "2026-12-03 23:00");
    let announced = [sent(Announce, &on, "2026-12-02 11:00")];
    let off = [
        announced[0].clone(),
        sent(Cancelled, &on, "2026-12-02 12:00"),
    ];
    let early = ended(on.clone(), "2026-12-03 20:00");
    let over = [
        announced[0].clone(),
        sent(CompletedEarly, &on, "2026-12-03 20:05"),
    ];
    let now = "2026-12-03 20:30";
    type Row<'a> = (&'a str, &'a [Record], Outage, Option<NoticeKind>);
    let rows: Vec<Row> = vec![
        // Told nothing.
        ("none / on", &[], on.clone(), Some(Announce)),
        ("none / off", &[], cancelled(on.clone()), None),
        ("none / over", &[], early.clone(), None),
        // Told on W.
        ("on W / on W", &announced, on.clone(), None),
        ("on W / on W'", &announced, other.clone(), Some(Changed)),
        (
            "on W / off",
            &announced,
            cancelled(on.clone()),
            Some(Cancelled),
        ),
        (
            "on W / over early",
            &announced,
            early.clone(),
            Some(CompletedEarly),
        ),
        (
            "on W / over late",
            &announced,
            ended(on.clone(), "2026-12-03 20:20"),
            Some(CompletedEarly),
        ),
        // Told off.
        ("off / on", &off, on.clone(), Some(Changed)),
        ("off / off", &off, cancelled(on.clone()), None),
        ("off / over", &off, early.clone(), None),
        // Told over.
        ("over / on", &over, on.clone(), Some(Changed)),
        ("over / off", &over, cancelled(on.clone()), None),
        ("over / over", &over, early.clone(), None),
    ];
    for (name, records, file, want) in rows {
        let now = if records.is_empty() && want == Some(Announce) {
            "2026-12-02 11:00"
        } else {
            now
        };
        let got = due(&file, records, now).map(|n| n.kind);
        assert_eq!(got, want, "{name}");
    }
    // Over at or after the estimate: no "finished early".
    let late = ended(on.clone(), "2026-12-03 22:30");
    assert_eq!(
        due(&late, &announced, "2026-12-03 22:40").map(|n| n.kind),
        None
    );
    // Acute: told nothing, on, over; told on, over.
    let a = acute("2026-12-07 09:00", None);
    let alerted = [sent(Alert, &a, "2026-12-07 09:00")];
    let back = ended(a.clone(), "2026-12-07 12:00");
    assert_eq!(
        due(&a, &[], "2026-12-07 09:00").map(|n| n.kind),
        Some(Alert)
    );
    assert_eq!(due(&back, &[], "2026-12-07 12:30").map(|n| n.kind), None);
    assert_eq!(due(&a, &alerted, "2026-12-07 10:00").map(|n| n.kind), None);
    let estimated = acute("2026-12-07 09:00", Some("2026-12-07 15:00"));
    assert_eq!(
        due(&estimated, &alerted, "2026-12-07 10:00").map(|n| n.kind),
        Some(Changed)
    );
    assert_eq!(
        due(&back, &alerted, "2026-12-07 12:30").map(|n| n.kind),
        Some(Resolved)
    );
    let resolved = [
        alerted[0].clone(),
        sent(Resolved, &back, "2026-12-07 12:30"),
    ];
    let reopened = due(&a, &resolved, "2026-12-07 13:00").unwrap();
    assert_eq!(reopened.kind, Changed);
    assert!(matches!(reopened.corrects, Some(Picture::Over(_))));
}

#[test]
fn what_each_follow_up_corrects() {
    let on = planned(W.0, W.1);
    let announced = [sent(Announce, &on, "2026-12-02 11:00")];
    let moved = planned("2026-12-03 19:00", "2026-12-03 23:00");
    let n = due(&moved, &announced, "2026-12-02 12:00").unwrap();
    assert_eq!(n.previous, Some(window(&on)));
    assert_eq!(n.corrects, Some(Picture::On(window(&on))));
    let off = [
        announced[0].clone(),
        sent(Cancelled, &on, "2026-12-02 12:00"),
    ];
    let n = due(&on, &off, "2026-12-02 13:00").unwrap();
    assert!(matches!(n.corrects, Some(Picture::Off(_))));
}

/// Case 1: Cancelled, reinstated, cancelled again: a `cancelled` each time; the
/// same for resolved → reopened → resolved and finished early twice.
#[test]
fn case_1_every_cancellation_and_every_end_is_told() {
    let on = planned(W.0, W.1);
    let mut records = vec![
        sent(Announce, &on, "2026-12-02 11:00"),
        sent(Cancelled, &on, "2026-12-02 12:00"),
        sent(Changed, &on, "2026-12-02 13:00"),
    ];
    let again = due(&cancelled(on.clone()), &records, "2026-12-02 14:00").unwrap();
    assert_eq!(
        (again.kind, again.revision, again.again),
        (Cancelled, Some(2), true)
    );
    records.push(sent(Cancelled, &on, "2026-12-02 14:00"));
    let back = due(&on, &records, "2026-12-02 15:00").unwrap();
    assert_eq!((back.kind, back.revision), (Changed, Some(2)));

    let a = acute("2026-12-07 09:00", None);
    let back = ended(a.clone(), "2026-12-07 12:00");
    let records = vec![
        sent(Alert, &a, "2026-12-07 09:00"),
        sent(Resolved, &back, "2026-12-07 12:00"),
        sent(Changed, &a, "2026-12-07 12:30"),
    ];
    let back = ended(a.clone(), "2026-12-07 14:00");
    let n = due(&back, &records, "2026-12-07 14:00").unwrap();
    assert_eq!((n.kind, n.revision, n.again), (Resolved, Some(2), true));

    let early = ended(on.clone(), "2026-12-03 19:00");
    let records = vec![
        sent(Announce, &on, "2026-12-02 11:00"),
        sent(CompletedEarly, &on, "2026-12-03 19:00"),
        sent(Changed, &on, "2026-12-03 19:15"),
    ];
    let early_again = ended(on.clone(), "2026-12-03 20:00");
    let n = due(&early_again, &records, "2026-12-03 20:00").unwrap();
    assert_eq!(
        (n.kind, n.revision, n.again),
        (CompletedEarly, Some(2), true)
    );
    let _ = early;
}

/// Case 2: The announce is handed over and the run dies before `sent`; the
/// next run finds it no longer due: it counts as told, so a later
/// cancellation (or `ended`) is sent.
#[test]
fn case_2_an_interrupted_notice_counts_as_told() {
    let on = planned(W.0, W.1);
    let records = [interrupted(Announce, &on, "2026-12-02 11:00")];
    // Still due at 11:15: the same notice is resent, same Message-ID.
    let n = due(&on, &records, "2026-12-02 11:15").unwrap();
    assert_eq!(
        (n.kind, n.revision, n.why),
        (Announce, None, Reason::Resend)
    );
    // Cancelled meanwhile: the announce counts as told, so `cancelled`.
    let n = due(&cancelled(on.clone()), &records, "2026-12-02 11:15").unwrap();
    assert_eq!(n.kind, Cancelled);
    let plan = plan_at(&cancelled(on.clone()), &records, "2026-12-02 11:15");
    assert!(plan.published, "the page stays up, marked cancelled");
    // Ended early: finished early goes.
    let early = ended(on.clone(), "2026-12-03 19:00");
    let mut records = records.to_vec();
    records.push(Record {
        state: crate::ledger::RecordState::Sent,
        error: Some("interrupted hand-over, no longer due: counted as told".into()),
        at: t("2026-12-03 07:00").fixed_offset(),
        ..records[0].clone()
    });
    records[1].message_id = "<o.announce@example.org>".into();
    records[0].message_id = "<o.announce@example.org>".into();
    let n = due(&early, &records, "2026-12-03 19:00").unwrap();
    assert_eq!(n.kind, CompletedEarly);
    // An acute alert likewise.
    let a = acute("2026-12-07 09:00", None);
    let records = [interrupted(Alert, &a, "2026-12-07 09:00")];
    let back = ended(a, "2026-12-07 09:10");
    let n = due(&back, &records, "2026-12-07 09:15").unwrap();
    assert_eq!(n.kind, Resolved);
}

/// Case 3: An interrupted `changed` followed by another edit: the next change
/// gets a new revision, never the interrupted one's Message-ID.
#[test]
fn case_3_a_new_change_after_an_interrupted_one_gets_a_new_revision() {
    let on = planned(W.0, W.1);
    let first = planned("2026-12-03 19:00", "2026-12-03 23:00");
    let records = [
        sent(Announce, &on, "2026-12-02 11:00"),
        interrupted(Changed, &first, "2026-12-02 12:00"),
    ];
    // Same change still due: resent as changed.1.
    let n = due(&first, &records, "2026-12-02 12:15").unwrap();
    assert_eq!((n.revision, n.why), (Some(1), Reason::Resend));
    // Edited again: changed.2, from what staff may have heard.
    let second = planned("2026-12-03 20:00", "2026-12-04 00:00");
    let n = due(&second, &records, "2026-12-02 12:15").unwrap();
    assert_eq!(
        (n.kind, n.revision, n.why),
        (Changed, Some(2), Reason::DueNow)
    );
    assert_eq!(n.previous, Some(window(&first)));
    // Edited back to what the announce said: still a change (staff may
    // have heard 19–23).
    let n = due(&on, &records, "2026-12-02 12:15").unwrap();
    assert_eq!((n.kind, n.revision), (Changed, Some(2)));
}

/// Case 4: Moved and cancelled in one edit: the cancellation names the window
/// staff were told.
#[test]
fn case_4_the_cancellation_names_the_told_window() {
    let on = planned(W.0, W.1);
    let records = [sent(Announce, &on, "2026-12-02 11:00")];
    let moved = cancelled(planned("2026-12-10 18:00", "2026-12-10 22:00"));
    let n = due(&moved, &records, "2026-12-02 12:00").unwrap();
    assert_eq!((n.kind, n.window), (Cancelled, window(&on)));
    assert_eq!(n.stale_from, on.end);
    let plan = plan_at(&moved, &records, "2026-12-03 21:00");
    assert!(plan.published, "up until the end of the told window");
    assert!(!plan_at(&moved, &records, "2026-12-03 22:00").published);
}

/// Case 5: Reinstating: a `changed` that says the cancellation is withdrawn,
/// without an "earlier" time equal to the new one.
#[test]
fn case_5_reinstating_withdraws_the_cancellation() {
    let on = planned(W.0, W.1);
    let records = [
        sent(Announce, &on, "2026-12-02 11:00"),
        sent(Cancelled, &on, "2026-12-02 12:00"),
    ];
    let n = due(&on, &records, "2026-12-02 13:00").unwrap();
    assert_eq!(n.kind, Changed);
    assert_eq!(n.corrects, Some(Picture::Off(window(&on))));
    assert_eq!(
        n.previous,
        Some(window(&on)),
        "the composer leaves equal times out"
    );
}

/// Case 6: An acute outage alerted, then given an estimate that has passed: the
/// page stays open until `ended`.
#[test]
fn case_6_an_acute_page_stays_open_until_ended() {
    let a = acute("2026-12-05 09:00", None);
    let records = [sent(Alert, &a, "2026-12-05 09:00")];
    let short = acute("2026-12-05 09:00", Some("2026-12-05 09:30"));
    let plan = plan_at(&short, &records, "2026-12-05 11:00");
    assert!(!plan.notice_required, "a short weekend outage");
    assert_eq!(plan.publish.unwrap().until, None);
    assert!(plan.published);
    let over = ended(short, "2026-12-05 11:30");
    assert!(!plan_at(&over, &records, "2026-12-05 11:30").published);
}

/// Case 7: Moved to another day after its announce and reminder: `changed` at
/// once, then the new day's own announce and reminder.
#[test]
fn case_7_the_new_day_gets_its_own_announce_and_reminder() {
    let on = planned(W.0, W.1);
    let moved = planned("2026-12-08 18:00", "2026-12-08 22:00");
    let mut records = vec![
        sent(Announce, &on, "2026-12-02 11:00"),
        sent(Reminder, &on, "2026-12-03 07:00"),
    ];
    assert_eq!(
        due(&moved, &records, "2026-12-03 08:00").unwrap().kind,
        Changed
    );
    records.push(sent(Changed, &moved, "2026-12-03 08:00"));
    assert!(due(&moved, &records, "2026-12-07 10:59").is_none());
    let n = due(&moved, &records, "2026-12-07 11:00").unwrap();
    assert_eq!((n.kind, n.revision), (Announce, Some(2)));
    records.push(sent(Announce, &moved, "2026-12-07 11:00"));
    let n = due(&moved, &records, "2026-12-08 07:00").unwrap();
    assert_eq!((n.kind, n.revision), (Reminder, Some(2)));
    // Moved to a weekend instead: its `changed`, and nothing more.
    let weekend = planned("2026-12-05 10:00", "2026-12-05 14:00");
    let records = &records[..2];
    assert_eq!(
        due(&weekend, records, "2026-12-03 08:00").unwrap().kind,
        Changed
    );
    let mut records = records.to_vec();
    records.push(sent(Changed, &weekend, "2026-12-03 08:00"));
    let plan = plan_at(&weekend, &records, "2026-12-05 09:00");
    assert!(plan.notices.iter().all(|n| n.state == NoticeState::Sent));
    assert!(plan.published, "told, so the page stays through its window");
}

/// Case 8: A file deleted or renamed after staff were told is an error until
/// the told window is over.
#[test]
fn case_8_a_vanished_file_is_reported_until_its_window_is_over() {
    let on = planned(W.0, W.1);
    let histories: HashMap<String, History> = [
        (
            "o".to_string(),
            history(&[sent(Announce, &on, "2026-12-02 11:00")]),
        ),
        (
            "gone-over".to_string(),
            history(&[
                sent(Announce, &on, "2026-12-02 11:00"),
                sent(CompletedEarly, &on, "2026-12-03 19:00"),
            ]),
        ),
    ]
    .into_iter()
    .collect();
    let absent = |_: &str| false;
    let v = vanished(&histories, &absent, t("2026-12-03 12:00"));
    assert_eq!(v.len(), 1);
    assert_eq!((v[0].id.as_str(), v[0].told.kind), ("o", Announce));
    assert_eq!(v[0].belief, Picture::On(window(&on)));
    assert!(vanished(&histories, &absent, t(W.1)).is_empty());
    assert!(vanished(&histories, &|_| true, t("2026-12-03 12:00")).is_empty());
    // Cancelled, then deleted before the told window is over: still matters.
    let off: HashMap<String, History> = [(
        "o".to_string(),
        history(&[
            sent(Announce, &on, "2026-12-02 11:00"),
            sent(Cancelled, &on, "2026-12-02 12:00"),
        ]),
    )]
    .into_iter()
    .collect();
    assert_eq!(vanished(&off, &absent, t("2026-12-03 12:00")).len(), 1);
}

/// Case 9: The announce is handed over on the start day and the run dies: the
/// 07:00 run does not also send the reminder.
#[test]
fn case_9_no_reminder_after_an_interrupted_announce_on_the_start_day() {
    let on = planned(W.0, W.1);
    let records = [interrupted(Announce, &on, "2026-12-03 06:50")];
    assert!(due(&on, &records, "2026-12-03 07:00").is_none());
    let plan = plan_at(&on, &records, "2026-12-03 07:00");
    let r = plan.notices.iter().find(|n| n.kind == Reminder).unwrap();
    assert_eq!(r.state, NoticeState::Skipped);
}

/// Once told, follow-ups go whatever `notify` says afterwards.
#[test]
fn once_told_follow_ups_ignore_notify_and_the_minutes() {
    let on = planned(W.0, W.1);
    let records = [sent(Announce, &on, "2026-12-02 11:00")];
    let never = Outage {
        notify: Notify::Never,
        notify_reason: Some("r".into()),
        cancelled: true,
        ..on.clone()
    };
    assert_eq!(
        due(&never, &records, "2026-12-02 12:00").unwrap().kind,
        Cancelled
    );
    let short = planned("2026-12-03 18:00", "2026-12-03 18:30");
    assert_eq!(
        due(&short, &records, "2026-12-02 12:00").unwrap().kind,
        Changed
    );
    assert!(plan_at(&short, &records, "2026-12-03 18:10").published);
}
