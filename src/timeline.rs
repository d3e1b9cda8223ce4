//! `varsel plan` output: the SPEC §6 JSON object, and a human timeline
//! (what goes out now, what comes next, what was sent, what was skipped
//! and why) in the site language.

use std::fmt::Write;

use chrono::DateTime;
use chrono_tz::Tz;
use serde_json::{Value, json};

use crate::catalogue::plan as msg;
use crate::config::Language;
use crate::diagnostic::Diagnostic;
use crate::localtime::rfc3339;
use crate::schedule::{NoticeState, OutagePlan};
use crate::words::{long_time, notice_name, published, status_name};

fn time(t: Option<DateTime<Tz>>) -> Value {
    t.map_or(Value::Null, |t| Value::String(rfc3339(&t)))
}

/// The `plan --format json` object (SPEC §6), with extra fields `status`,
/// `start`, `end`, `ended` (as in the file), `expected_end` (an `ended`
/// still ahead, else `end`: SPEC §3), `told` (what staff believe: `state` on / off /
/// over, the window, the notice `by` with its `revision`, `at`,
/// `message_id`, `handover`; null when told nothing) and `truth` (on / off /
/// over by the file) per outage, and `stale_from`, `reason`, `revision`,
/// `sent_at`, `window` per notice. `errors` holds the error diagnostics of invalid files.
pub fn json(
    plans: &[OutagePlan],
    diagnostics: &[Diagnostic],
    now: DateTime<Tz>,
    language: Language,
) -> Value {
    let outages: Vec<Value> = plans
        .iter()
        .map(|p| {
            let notices: Vec<Value> = p
                .notices
                .iter()
                .map(|n| {
                    let mut notice = json!({
                        "kind": n.kind.as_str(),
                        "due": rfc3339(&n.due),
                        "state": n.state,
                        "stale_from": time(n.stale_from),
                        "reason": n.why_text(language),
                        "revision": n.revision,
                        "sent_at": time(n.sent_at),
                        "window": {"start": rfc3339(&n.window.start), "end": time(n.window.end)},
                    });
                    // Only for a notice some recipients refused (SPEC §7).
                    if !n.refused.is_empty() {
                        notice["refused"] = json!(n.refused);
                        notice["offer_again"] = json!(n.offer_again);
                        notice["offer_to"] = json!(n.offer_to);
                    }
                    notice
                })
                .collect();
            json!({
                "id": p.id,
                "kind": p.kind,
                "status": p.status,
                "start": rfc3339(&p.start),
                "end": time(p.end),
                "ended": time(p.ended),
                "expected_end": time(p.expected_end),
                "working_minutes": p.working_minutes,
                "notice_required": p.notice_required,
                "publish_from": time(p.publish.map(|w| w.from)),
                "publish_until": time(p.publish.and_then(|w| w.until)),
                "published": p.published,
                "told": p.told.as_ref().map(|t| json!({
                    "state": t.picture().name(),
                    "start": rfc3339(&t.window.start),
                    "end": time(t.window.end),
                    "by": t.kind.as_str(),
                    "revision": t.revision,
                    "at": rfc3339(&t.at),
                    "message_id": t.message_id,
                    "handover": t.handover,
                })),
                "truth": p.truth.name(),
                "notices": notices,
            })
        })
        .collect();
    let errors: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.is_error()).collect();
    json!({ "now": rfc3339(&now), "outages": outages, "errors": errors })
}

/// The human timeline of `plan`.
pub fn human(plans: &[OutagePlan], now: DateTime<Tz>, l: Language) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}\n", msg::plan_heading(l, long_time(&now, &now, l)));
    let mut all: Vec<(&OutagePlan, &crate::schedule::Notice)> = plans
        .iter()
        .flat_map(|p| p.notices.iter().map(move |n| (p, n)))
        .collect();
    all.sort_by(|(a, m), (b, n)| (m.due, &a.id).cmp(&(n.due, &b.id)));
    let sections = [
        (NoticeState::Due, msg::section_due(l)),
        (NoticeState::Scheduled, msg::section_scheduled(l)),
        (NoticeState::Sent, msg::section_sent(l)),
        (NoticeState::Skipped, msg::section_skipped(l)),
        (NoticeState::Stale, msg::section_stale(l)),
    ];
    for (state, heading) in sections {
        let rows: Vec<_> = all.iter().filter(|(_, n)| n.state == state).collect();
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{heading}");
        for (p, n) in rows {
            let when = n.sent_at.unwrap_or(n.due);
            let rev = n.revision.map(|r| format!(" #{r}")).unwrap_or_default();
            let _ = writeln!(
                out,
                "  {}  {}  {}{rev}",
                long_time(&when, &now, l),
                p.id,
                notice_name(n.kind, l)
            );
            if matches!(state, NoticeState::Skipped | NoticeState::Stale) || !n.refused.is_empty() {
                let _ = writeln!(out, "      {}", n.why_text(l));
            }
        }
        out.push('\n');
    }
    let _ = writeln!(out, "{}", msg::section_outages(l));
    for p in plans {
        // An acute outage without `end` has no working minutes yet.
        let minutes = p.working_minutes.map_or_else(
            || msg::working_minutes_unknown(l),
            |m| msg::working_minutes(l, m),
        );
        let required = if p.notice_required {
            msg::notice_required(l)
        } else {
            msg::no_notice_required(l)
        };
        let published = published(p.published, l);
        let _ = writeln!(
            out,
            "  {}  {}, {minutes}, {required}, {published}",
            p.id,
            status_name(p.status, l),
        );
        let _ = writeln!(
            out,
            "      {}",
            crate::words::told(p.told.as_ref(), &now, l)
        );
    }
    out
}
