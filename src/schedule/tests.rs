//! Table tests: every row of the SPEC §4 notice table and every state
//! transition, across both DST changes of 2026, Easter 2027, Christmas and
//! 17 May.

use chrono::{DateTime, NaiveTime};
use chrono_tz::Europe::Oslo;
use chrono_tz::Tz;

use super::*;
use crate::config::AnnounceDay;
use crate::ledger::{Record, RecordState};
use crate::outage::Notify;

/// A time in Oslo: local `YYYY-MM-DD HH:MM` or RFC 3339.
pub(super) fn t(text: &str) -> DateTime<Tz> {
    crate::localtime::parse(text, Oslo).unwrap()
}

/// A planned outage `[start, end)`.
pub(super) fn planned(start: &str, end: &str) -> Outage {
    Outage {
        id: "o".into(),
        file: "outages/o.yaml".into(),
        title: "T".into(),
        kind: Kind::Planned,
        start: t(start),
        end: Some(t(end)),
        ended: None,
        cancelled: false,
        systems: vec!["plo".into()],
        municipalities: vec!["halden".into()],
        all_municipalities: false,
        routine: "nodrutiner/plo".into(),
        notify: Notify::Auto,
        notify_reason: None,
        description: String::new(),
        updates: vec![],
    }
}

/// An acute outage from `start`, with an optional estimated end.
pub(super) fn acute(start: &str, end: Option<&str>) -> Outage {
    Outage {
        kind: Kind::Acute,
        end: end.map(t),
        ..planned(start, "2099-01-01 00:00")
    }
}

/// A ledger record of `kind` sent at `at` carrying the window of `o`
/// (its Message-ID is filled in by [`history`]).
pub(super) fn sent(kind: NoticeKind, o: &Outage, at: &str) -> Record {
    Record {
        v: 1,
        outage: o.id.clone(),
        kind,
        state: RecordState::Sent,
        start: o.start.fixed_offset(),
        end: o.end.map(|e| e.fixed_offset()),
        at: t(at).fixed_offset(),
        message_id: String::new(),
        error: None,
        to: Vec::new(),
        refused: Vec::new(),
        interrupted: false,
        accepted: Vec::new(),
    }
}

/// Like [`sent`], but the run stopped after handing it over.
pub(super) fn interrupted(kind: NoticeKind, o: &Outage, at: &str) -> Record {
    Record {
        state: RecordState::Sending,
        ..sent(kind, o, at)
    }
}

/// The history of `records`; records without a Message-ID get the next
/// one of their kind, in order.
pub(super) fn history(records: &[Record]) -> History {
    let mut counts = HashMap::new();
    let records: Vec<Record> = records
        .iter()
        .map(|r| {
            let mut r = r.clone();
            if r.message_id.is_empty() {
                let n = counts.entry(r.kind).or_insert(0);
                *n += 1;
                let stem = crate::mail::compose::stem(&r.outage, r.kind, suffix(r.kind, *n));
                r.message_id = format!("<{stem}@example.org>");
            }
            r
        })
        .collect();
    History::from_records("o", &records, Oslo, &|_| true)
}

fn plan_at(o: &Outage, policy: &Policy, sent: &[Record], now: &str) -> OutagePlan {
    let calendar = Calendar::new(policy.extra_closed_days.iter().copied());
    plan_outage(o, policy, &calendar, &history(sent), t(now))
}

/// Asserts the exact (kind, due, state) list of the plan.
#[track_caller]
fn expect(o: &Outage, sent: &[Record], now: &str, want: &[(NoticeKind, &str, NoticeState)]) {
    expect_with(o, &Policy::default(), sent, now, want);
}

#[track_caller]
fn expect_with(
    o: &Outage,
    policy: &Policy,
    sent: &[Record],
    now: &str,
    want: &[(NoticeKind, &str, NoticeState)],
) {
    let plan = plan_at(o, policy, sent, now);
    let got: Vec<(NoticeKind, String, NoticeState)> = plan
        .notices
        .iter()
        .map(|n| (n.kind, crate::localtime::rfc3339(&n.due), n.state))
        .collect();
    let want: Vec<(NoticeKind, String, NoticeState)> = want
        .iter()
        .map(|(k, due, s)| (*k, crate::localtime::rfc3339(&t(due)), *s))
        .collect();
    assert_eq!(got, want, "at {now}: {:#?}", plan.notices);
}

use NoticeKind::*;
use NoticeState::*;

const DEC3: (&str, &str) = ("2026-12-03 18:00", "2026-12-03 22:00");

#[test]
fn announce_and_reminder_move_from_scheduled_to_due_to_sent() {
    let o = planned(DEC3.0, DEC3.1);
    let (a, r) = ("2026-12-02 11:00", "2026-12-03 07:00");
    expect(
        &o,
        &[],
        "2026-12-02 10:59",
        &[(Announce, a, Scheduled), (Reminder, r, Scheduled)],
    );
    expect(
        &o,
        &[],
        "2026-12-02 11:00",
        &[(Announce, a, Due), (Reminder, r, Scheduled)],
    );
    let s = [sent(Announce, &o, "2026-12-02 11:03")];
    expect(
        &o,
        &s,
        "2026-12-02 11:05",
        &[(Announce, a, Sent), (Reminder, r, Scheduled)],
    );
    expect(
        &o,
        &s,
        "2026-12-03 07:00",
        &[(Announce, a, Sent), (Reminder, r, Due)],
    );
    expect(
        &o,
        &s,
        "2026-12-03 18:00",
        &[(Announce, a, Sent), (Reminder, r, Stale)],
    );
    let s2 = [s[0].clone(), sent(Reminder, &o, "2026-12-03 07:02")];
    expect(
        &o,
        &s2,
        "2026-12-03 23:00",
        &[(Announce, a, Sent), (Reminder, r, Sent)],
    );
}

#[test]
fn missed_runs_send_one_pre_notice_the_later_one() {
    let o = planned(DEC3.0, DEC3.1);
    let (a, r) = ("2026-12-02 11:00", "2026-12-03 07:00");
    expect(
        &o,
        &[],
        "2026-12-03 08:00",
        &[(Announce, a, Skipped), (Reminder, r, Due)],
    );
    let s = [sent(Reminder, &o, "2026-12-03 08:01")];
    expect(
        &o,
        &s,
        "2026-12-03 09:00",
        &[(Announce, a, Skipped), (Reminder, r, Sent)],
    );
    // After the start only the announce can go (its text says "ongoing").
    expect(
        &o,
        &[],
        "2026-12-03 18:30",
        &[(Announce, a, Due), (Reminder, r, Stale)],
    );
    expect(
        &o,
        &[],
        "2026-12-03 22:00",
        &[(Announce, a, Stale), (Reminder, r, Stale)],
    );
    let plan = plan_at(&o, &Policy::default(), &[], "2026-12-03 08:00");
    assert_eq!(due_notices(std::slice::from_ref(&plan)).len(), 1);
}

#[test]
fn reminder_is_skipped_after_an_announce_on_the_start_day() {
    let o = planned(DEC3.0, DEC3.1);
    let s = [sent(Announce, &o, "2026-12-03 06:10")];
    let (a, r) = ("2026-12-02 11:00", "2026-12-03 07:00");
    expect(
        &o,
        &s,
        "2026-12-03 06:30",
        &[(Announce, a, Sent), (Reminder, r, Skipped)],
    );
    expect(
        &o,
        &s,
        "2026-12-03 07:30",
        &[(Announce, a, Sent), (Reminder, r, Skipped)],
    );
    // Sent at 23:59 the day before: the reminder still goes.
    let s = [sent(Announce, &o, "2026-12-02 23:59")];
    expect(
        &o,
        &s,
        "2026-12-03 07:30",
        &[(Announce, a, Sent), (Reminder, r, Due)],
    );
}

#[test]
fn no_reminder_when_its_time_is_not_before_the_start() {
    let o = planned("2026-12-03 07:00", "2026-12-03 12:00");
    expect(
        &o,
        &[],
        "2026-12-01 00:00",
        &[(Announce, "2026-12-02 11:00", Scheduled)],
    );
    let o = planned("2026-12-03 06:00", "2026-12-03 12:00");
    expect(
        &o,
        &[],
        "2026-12-01 00:00",
        &[(Announce, "2026-12-02 11:00", Scheduled)],
    );
}

#[test]
fn announce_day_working_skips_weekends_and_easter_2027() {
    let working = Policy {
        announce_day: AnnounceDay::Working,
        ..Policy::default()
    };
    // Tuesday after Easter Monday 2027: the working day before is Wednesday 24 March.
    let o = planned("2027-03-30 10:00", "2027-03-30 12:00");
    expect_with(
        &o,
        &working,
        &[],
        "2027-03-20 00:00",
        &[
            (Announce, "2027-03-24 11:00", Scheduled),
            (Reminder, "2027-03-30 07:00", Scheduled),
        ],
    );
    let plan = plan_at(&o, &working, &[], "2027-03-20 00:00");
    assert_eq!(plan.publish.unwrap().from, t("2027-03-24 11:00"));
    // Calendar day before: Easter Monday itself.
    expect(
        &o,
        &[],
        "2027-03-20 00:00",
        &[
            (Announce, "2027-03-29 11:00", Scheduled),
            (Reminder, "2027-03-30 07:00", Scheduled),
        ],
    );
    // Monday 7 December 2026: Friday the 4th.
    let o = planned("2026-12-07 09:00", "2026-12-07 12:00");
    expect_with(
        &o,
        &working,
        &[],
        "2026-12-01 00:00",
        &[
            (Announce, "2026-12-04 11:00", Scheduled),
            (Reminder, "2026-12-07 07:00", Scheduled),
        ],
    );
}

#[test]
fn holidays_do_not_count_easter_christmas_17_may() {
    let cases = [
        ("2027-03-25 08:00", "2027-03-29 16:00", 0, false), // Maundy Thursday .. Easter Monday
        ("2027-03-24 23:30", "2027-03-25 03:00", 30, false), // into Maundy Thursday
        ("2027-03-29 22:00", "2027-03-30 01:30", 90, true), // Easter Monday night into Tuesday
        ("2026-12-24 20:00", "2026-12-27 10:00", 240, true), // Christmas Eve is a working day
        ("2026-12-25 00:00", "2026-12-26 23:00", 0, false), // Christmas Day, Boxing Day
        ("2027-05-17 08:00", "2027-05-17 16:00", 0, false), // 17 May and Whit Monday
        ("2026-05-17 08:00", "2026-05-18 01:01", 61, true), // Sunday 17 May, then Monday
    ];
    for (start, end, minutes, required) in cases {
        let o = planned(start, end);
        let plan = plan_at(&o, &Policy::default(), &[], "2026-01-01 00:00");
        assert_eq!(plan.working_minutes, Some(minutes), "{start}");
        assert_eq!(plan.notice_required, required, "{start}");
        assert_eq!(plan.notices.is_empty(), !required, "{start}");
        assert_eq!(plan.publish.is_some(), required, "{start}");
    }
    // The override: 17 May with notify: always.
    let o = Outage {
        notify: Notify::Always,
        notify_reason: Some("r".into()),
        ..planned("2027-05-17 08:00", "2027-05-17 16:00")
    };
    expect(
        &o,
        &[],
        "2027-05-01 00:00",
        &[
            (Announce, "2027-05-16 11:00", Scheduled),
            (Reminder, "2027-05-17 07:00", Scheduled),
        ],
    );
    let never = Outage {
        notify: Notify::Never,
        notify_reason: Some("r".into()),
        ..planned(DEC3.0, DEC3.1)
    };
    expect(&never, &[], "2026-12-03 08:00", &[]);
}

#[test]
fn due_times_keep_their_local_clock_across_both_dst_changes() {
    // Spring forward on Sunday 29 March 2026.
    let o = planned("2026-03-29 22:00", "2026-03-30 04:00");
    let plan = plan_at(&o, &Policy::default(), &[], "2026-03-01 00:00");
    let due: Vec<String> = plan
        .notices
        .iter()
        .map(|n| crate::localtime::rfc3339(&n.due))
        .collect();
    assert_eq!(
        due,
        ["2026-03-28T11:00:00+01:00", "2026-03-29T07:00:00+02:00"]
    );
    assert_eq!(plan.working_minutes, Some(240));
    // Fall back on Sunday 25 October 2026.
    let o = planned("2026-10-26 09:00", "2026-10-26 12:00");
    let plan = plan_at(&o, &Policy::default(), &[], "2026-10-01 00:00");
    let due: Vec<String> = plan
        .notices
        .iter()
        .map(|n| crate::localtime::rfc3339(&n.due))
        .collect();
    assert_eq!(
        due,
        ["2026-10-25T11:00:00+01:00", "2026-10-26T07:00:00+01:00"]
    );
    // A reminder time that falls in the gap, or in the repeated hour.
    let at_0230 = Policy {
        reminder_at: NaiveTime::from_hms_opt(2, 30, 0).unwrap(),
        ..Policy::default()
    };
    let always = |start, end| Outage {
        notify: Notify::Always,
        notify_reason: Some("r".into()),
        ..planned(start, end)
    };
    let o = always("2026-03-29 05:00", "2026-03-29 06:00");
    let r = reminder_due(&o, &at_0230).unwrap();
    assert_eq!(crate::localtime::rfc3339(&r), "2026-03-29T03:00:00+02:00");
    let o = always("2026-10-25 05:00", "2026-10-25 06:00");
    let r = reminder_due(&o, &at_0230).unwrap();
    assert_eq!(crate::localtime::rfc3339(&r), "2026-10-25T02:30:00+02:00");
    // The fall-back day has 25 hours: a whole-day outage on a working
    // Monday before it is 1440 minutes, the Sunday counts nothing.
    let o = planned("2026-10-25 00:00", "2026-10-27 00:00");
    assert_eq!(
        plan_at(&o, &Policy::default(), &[], "2026-10-01 00:00").working_minutes,
        Some(1440)
    );
}

#[test]
fn changed_once_per_change_of_window_and_the_new_day_gets_its_own_notices() {
    let old = planned(DEC3.0, DEC3.1);
    let s = [sent(Announce, &old, "2026-12-02 11:00")];
    let moved = planned("2026-12-10 18:00", "2026-12-10 22:00");
    // Moved to another day after the announce: changed is due at once.
    let a = "2026-12-09 11:00";
    let plan = plan_at(&moved, &Policy::default(), &s, "2026-12-02 12:00");
    let changed = plan.notices.iter().find(|n| n.kind == Changed).unwrap();
    assert_eq!((changed.state, changed.revision), (Due, Some(1)));
    assert_eq!(
        changed.previous,
        Some(Window {
            start: old.start,
            end: old.end
        })
    );
    assert_eq!(changed.stale_from, moved.end);
    expect(
        &moved,
        &s,
        "2026-12-02 12:00",
        &[
            (Announce, "2026-12-02 11:00", Sent),
            (Changed, "2026-12-02 11:00", Due),
            (Announce, a, Scheduled),
            (Reminder, "2026-12-10 07:00", Scheduled),
        ],
    );
    // Once sent with the new window it is not due again; the new day's
    // announce (revision 2) and reminder follow at their times.
    let s2 = [s[0].clone(), sent(Changed, &moved, "2026-12-02 12:05")];
    expect(
        &moved,
        &s2,
        "2026-12-09 11:00",
        &[
            (Announce, "2026-12-02 11:00", Sent),
            (Changed, "2026-12-02 12:05", Sent),
            (Announce, a, Due),
            (Reminder, "2026-12-10 07:00", Scheduled),
        ],
    );
    let plan = plan_at(&moved, &Policy::default(), &s2, "2026-12-09 11:00");
    let revs: Vec<_> = plan.notices.iter().map(|n| (n.kind, n.revision)).collect();
    assert_eq!(
        revs,
        [
            (Announce, None),
            (Changed, Some(1)),
            (Announce, Some(2)),
            (Reminder, None)
        ]
    );
    // Moved back: a second change, revision 2.
    let plan = plan_at(&old, &Policy::default(), &s2, "2026-12-02 13:00");
    let revs: Vec<_> = plan
        .notices
        .iter()
        .filter(|n| n.kind == Changed)
        .map(|n| (n.revision, n.state))
        .collect();
    assert_eq!(revs, [(Some(1), Sent), (Some(2), Due)]);
    // After the new end it is stale.
    let plan = plan_at(&moved, &Policy::default(), &s, "2026-12-10 22:00");
    assert_eq!(
        plan.notices
            .iter()
            .find(|n| n.kind == Changed)
            .unwrap()
            .state,
        Stale
    );
}

#[test]
fn changed_wins_over_the_reminder_and_counts_for_it() {
    let old = planned(DEC3.0, DEC3.1);
    let s = [sent(Announce, &old, "2026-12-02 11:00")];
    let later = planned("2026-12-03 19:00", "2026-12-03 23:00");
    expect(
        &later,
        &s,
        "2026-12-03 07:10",
        &[
            (Announce, "2026-12-02 11:00", Sent),
            (Changed, "2026-12-02 11:00", Due),
            (Reminder, "2026-12-03 07:00", Skipped),
        ],
    );
    let plan = plan_at(&later, &Policy::default(), &s, "2026-12-03 07:10");
    let r = plan.notices.iter().find(|n| n.kind == Reminder).unwrap();
    assert_eq!(r.why, Reason::CarriedBy(Changed));
    // The changed went on the start day with the new window: no reminder.
    let s2 = [s[0].clone(), sent(Changed, &later, "2026-12-03 07:11")];
    expect(
        &later,
        &s2,
        "2026-12-03 07:20",
        &[
            (Announce, "2026-12-02 11:00", Sent),
            (Reminder, "2026-12-03 07:00", Skipped),
            (Changed, "2026-12-03 07:11", Sent),
        ],
    );
}

#[test]
fn cancelled_only_after_a_notice_and_until_the_original_end() {
    let o = Outage {
        cancelled: true,
        ..planned(DEC3.0, DEC3.1)
    };
    expect(&o, &[], "2026-12-02 12:00", &[]);
    assert_eq!(
        plan_at(&o, &Policy::default(), &[], "2026-12-02 12:00").publish,
        None
    );
    let s = [sent(Announce, &planned(DEC3.0, DEC3.1), "2026-12-02 11:00")];
    expect(
        &o,
        &s,
        "2026-12-02 12:00",
        &[
            (Announce, "2026-12-02 11:00", Sent),
            (Cancelled, "2026-12-02 11:00", Due),
        ],
    );
    let plan = plan_at(&o, &Policy::default(), &s, "2026-12-02 12:00");
    assert_eq!(plan.status, Status::Cancelled);
    assert!(plan.published);
    assert_eq!(plan.publish.unwrap().until, Some(t(DEC3.1)));
    expect(
        &o,
        &s,
        "2026-12-03 22:00",
        &[
            (Announce, "2026-12-02 11:00", Sent),
            (Cancelled, "2026-12-02 11:00", Stale),
        ],
    );
    // Cancelled and moved at once: only the cancellation, no `changed`.
    let moved = Outage {
        cancelled: true,
        ..planned("2026-12-04 18:00", "2026-12-04 22:00")
    };
    let plan = plan_at(&moved, &Policy::default(), &s, "2026-12-02 12:00");
    assert!(plan.notices.iter().all(|n| n.kind != Changed));
    // Un-cancelled after the cancellation went out: staff hear it is back on.
    let s2 = [s[0].clone(), sent(Cancelled, &o, "2026-12-02 12:01")];
    let back = planned(DEC3.0, DEC3.1);
    let plan = plan_at(&back, &Policy::default(), &s2, "2026-12-02 13:00");
    let c = plan.notices.iter().find(|n| n.kind == Changed).unwrap();
    assert_eq!(c.state, Due);
}

#[test]
fn completed_early_when_ended_before_the_estimate() {
    let base = planned(DEC3.0, DEC3.1);
    let s = [
        sent(Announce, &base, "2026-12-02 11:00"),
        sent(Reminder, &base, "2026-12-03 07:00"),
    ];
    let o = Outage {
        ended: Some(t("2026-12-03 20:30")),
        ..base.clone()
    };
    let sent_pair = [
        (Announce, "2026-12-02 11:00", Sent),
        (Reminder, "2026-12-03 07:00", Sent),
    ];
    let mut want = sent_pair.to_vec();
    want.push((CompletedEarly, "2026-12-03 20:30", Due));
    expect(&o, &s, "2026-12-03 20:31", &want);
    want[2].2 = Stale;
    expect(&o, &s, "2026-12-03 22:00", &want);
    want[2].2 = Scheduled;
    expect(&o, &s, "2026-12-03 20:00", &want);
    // Not early: nothing.
    let late = Outage {
        ended: Some(t("2026-12-03 22:30")),
        ..base.clone()
    };
    expect(&late, &s, "2026-12-03 22:31", &sent_pair);
    let plan = plan_at(&late, &Policy::default(), &s, "2026-12-03 22:10");
    assert_eq!(plan.publish.unwrap().until, Some(t("2026-12-03 22:30")));
    // No notice sent: nothing to correct.
    expect(
        &o,
        &[],
        "2026-12-03 20:31",
        &[
            (Announce, "2026-12-02 11:00", Stale),
            (Reminder, "2026-12-03 07:00", Stale),
        ],
    );
}

#[test]
fn alert_and_resolved_for_acute_outages() {
    let o = acute("2026-12-07 09:00", None);
    expect(
        &o,
        &[],
        "2026-12-07 08:59",
        &[(Alert, "2026-12-07 09:00", Scheduled)],
    );
    expect(
        &o,
        &[],
        "2026-12-07 09:00",
        &[(Alert, "2026-12-07 09:00", Due)],
    );
    // Registered late: still alerts at once.
    expect(
        &o,
        &[],
        "2026-12-07 15:00",
        &[(Alert, "2026-12-07 09:00", Due)],
    );
    let s = [sent(Alert, &o, "2026-12-07 09:05")];
    expect(
        &o,
        &s,
        "2026-12-07 10:00",
        &[(Alert, "2026-12-07 09:00", Sent)],
    );
    let over = Outage {
        ended: Some(t("2026-12-07 13:00")),
        ..o.clone()
    };
    expect(
        &over,
        &s,
        "2026-12-07 13:00",
        &[
            (Alert, "2026-12-07 09:00", Sent),
            (Resolved, "2026-12-07 13:00", Due),
        ],
    );
    expect(
        &over,
        &s,
        "2026-12-08 01:00",
        &[
            (Alert, "2026-12-07 09:00", Sent),
            (Resolved, "2026-12-07 13:00", Stale),
        ],
    );
    // Ended before any run saw it: the alert is stale, no resolved.
    expect(
        &over,
        &[],
        "2026-12-07 14:00",
        &[(Alert, "2026-12-07 09:00", Stale)],
    );
    // A short acute outage on a weekend needs no notice.
    let short = acute("2026-12-05 09:00", Some("2026-12-05 12:00"));
    expect(&short, &[], "2026-12-05 09:30", &[]);
    // An estimate added after the alert is a change.
    let estimated = acute("2026-12-07 09:00", Some("2026-12-07 15:00"));
    let plan = plan_at(&estimated, &Policy::default(), &s, "2026-12-07 10:00");
    assert_eq!(
        plan.notices
            .iter()
            .find(|n| n.kind == Changed)
            .map(|n| n.state),
        Some(Due)
    );
    let plan = plan_at(&o, &Policy::default(), &[], "2026-12-07 10:00");
    assert_eq!(
        plan.publish,
        Some(PublishWindow {
            from: o.start,
            until: None
        })
    );
}

#[test]
fn the_ledger_always_shows_what_was_sent() {
    let o = Outage {
        notify: Notify::Never,
        notify_reason: Some("r".into()),
        ..planned(DEC3.0, DEC3.1)
    };
    let s = [sent(Announce, &o, "2026-12-02 11:00")];
    expect(
        &o,
        &s,
        "2026-12-02 12:00",
        &[(Announce, "2026-12-02 11:00", Sent)],
    );
}

#[test]
fn due_notices_and_next_change() {
    let policy = Policy::default();
    let calendar = Calendar::default();
    let now = t("2026-12-03 08:00");
    let a = Outage {
        id: "b".into(),
        ..planned(DEC3.0, DEC3.1)
    };
    let b = Outage {
        id: "a".into(),
        ..acute("2026-12-03 07:30", None)
    };
    let plans = vec![
        plan_outage(&a, &policy, &calendar, &History::default(), now),
        plan_outage(&b, &policy, &calendar, &History::default(), now),
    ];
    let due: Vec<_> = due_notices(&plans)
        .iter()
        .map(|(p, n)| (p.id.clone(), n.kind))
        .collect();
    assert_eq!(due, [("b".to_string(), Reminder), ("a".to_string(), Alert)]);
    assert_eq!(next_change(&plans, now), Some(t(DEC3.0)));
    assert_eq!(next_change(&plans, t(DEC3.0)), Some(t(DEC3.1)));
    assert_eq!(next_change(&plans, t(DEC3.1)), None);
    assert_eq!(
        next_change(&plans, t("2026-12-01 00:00")),
        Some(t("2026-12-02 11:00"))
    );
}

#[test]
fn a_notice_refused_for_some_is_offered_to_them_again_only_while_it_is_due() {
    let o = planned("2026-12-03 18:00", "2026-12-03 22:00");
    let announce = Record {
        refused: vec!["plo-andre@example.org".into()],
        ..sent(NoticeKind::Announce, &o, "2026-12-02 11:00")
    };
    let policy = Policy::default();
    let offered = |now: &str| -> Vec<(NoticeKind, bool)> {
        plan_at(&o, &policy, std::slice::from_ref(&announce), now)
            .notices
            .iter()
            .filter(|n| !n.refused.is_empty())
            .map(|n| (n.kind, n.offer_again))
            .collect()
    };
    // Still due (the day before, before the reminder): offered again.
    assert_eq!(offered("2026-12-02 11:15"), [(NoticeKind::Announce, true)]);
    let plan = plan_at(
        &o,
        &policy,
        std::slice::from_ref(&announce),
        "2026-12-02 11:15",
    );
    let words = plan.notices[0].why_text(crate::config::Language::En);
    assert!(
        words.starts_with("sent, but refused for plo-andre@example.org"),
        "{words}"
    );
    assert!(!plan.notices.iter().any(|n| n.state == NoticeState::Due));
    // The reminder is due the next morning: it goes to everyone; the
    // announce is still listed as refused for the address, not offered.
    assert_eq!(offered("2026-12-03 07:00"), [(NoticeKind::Announce, false)]);
    // Moved to another day: `changed` goes to everyone instead.
    let moved = planned("2026-12-04 18:00", "2026-12-04 22:00");
    let plan = plan_at(
        &moved,
        &policy,
        std::slice::from_ref(&announce),
        "2026-12-02 12:00",
    );
    assert!(plan.notices.iter().all(|n| !n.offer_again));
    assert!(
        plan.notices
            .iter()
            .any(|n| n.kind == NoticeKind::Changed && n.state == NoticeState::Due)
    );
}
