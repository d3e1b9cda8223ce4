//! `varsel explain ID`: why an outage's notices are or are not required,
//! in words, in the site language — the working-minute arithmetic day by
//! day, the threshold or override, each notice's due time and state, and the
//! publish window. The wording of dates and names comes from
//! [`crate::words`].

use std::fmt::Write;

use chrono::DateTime;
use chrono_tz::Tz;

use crate::calendar::{Calendar, DayKind};
use crate::catalogue::plan as msg;
use crate::config::{AnnounceDay, Config, Source};
use crate::outage::{Kind, Notify, Outage};
use crate::schedule::{NoticeKind, OutagePlan};
use crate::words::{date, long_time, notice_name, published, state_name, status_name, tr};

/// The explanation of one outage's plan, in the site language.
pub fn explain(config: &Config, outage: &Outage, plan: &OutagePlan, now: DateTime<Tz>) -> String {
    let l = config.language;
    let mut out = String::new();
    let _ = writeln!(out, "{}: {}", outage.id, outage.title);
    let kind = match outage.kind {
        Kind::Planned => msg::kind_planned(l),
        Kind::Acute => msg::kind_acute(l),
    };
    let start = long_time(&outage.start, &now, l);
    let status = status_name(plan.status, l);
    let line = match outage.end {
        Some(end) => msg::from_to(l, kind, start, long_time(&end, &now, l), status),
        None => msg::from_no_end(l, kind, start, status),
    };
    let _ = writeln!(out, "{line}");
    if let Some(ended) = outage.ended_by(now) {
        let _ = writeln!(out, "{}", msg::service_back(l, long_time(&ended, &now, l)));
    } else if let Some(ended) = outage.ended.filter(|_| outage.ended_ahead(now)) {
        let at = long_time(&ended, &now, l);
        let _ = writeln!(out, "{}", msg::service_expected_back(l, at));
    }
    if outage.cancelled {
        let _ = writeln!(out, "{}", msg::is_cancelled(l));
    }
    let _ = writeln!(out, "{}", msg::now_is(l, long_time(&now, &now, l)));
    let told = crate::words::told(plan.told.as_ref(), &now, l);
    let _ = writeln!(out, "{}{}.", told[..1].to_uppercase(), &told[1..]);
    out.push('\n');
    arithmetic(&mut out, config, outage, plan, now);
    out.push('\n');
    notices(&mut out, config, plan, now);
    out.push('\n');
    publishing(&mut out, config, plan, now);
    out.push('\n');
    telephones(&mut out, config, outage);
    out
}

/// Each affected municipality's coordinator telephone and where the
/// number came from: a line of `varsel.yaml` or a cell of the workbook.
fn telephones(out: &mut String, config: &Config, outage: &Outage) {
    let l = config.language;
    let _ = writeln!(out, "{}", msg::phones_heading(l));
    for m in outage
        .municipalities
        .iter()
        .filter_map(|id| config.municipality(id))
    {
        let phone = m.coordinator_phone.as_deref().unwrap_or("–");
        let from = match &m.source {
            Source::Config { pos } => msg::phone_from_config(l, crate::config::FILE, pos.line),
            Source::Workbook { file, cell } => msg::phone_from_workbook(l, file, cell),
        };
        let _ = writeln!(out, "  {}: {phone} ({from})", m.name);
    }
}

/// The working-minute arithmetic day by day and the verdict.
fn arithmetic(
    out: &mut String,
    config: &Config,
    outage: &Outage,
    plan: &OutagePlan,
    now: DateTime<Tz>,
) {
    let l = config.language;
    let calendar = Calendar::new(config.policy.extra_closed_days.iter().copied());
    let _ = writeln!(out, "{}", msg::minutes_heading(l));
    match outage.end {
        Some(end) => {
            for slice in calendar.breakdown(&outage.start, &end) {
                let day = date(slice.date, &now, l);
                let what = match slice.kind {
                    DayKind::Working => msg::day_working(l),
                    DayKind::Weekend => msg::day_weekend(l),
                    DayKind::Holiday(h) => msg::day_holiday(l, tr(l, h.name_nb, h.name_en)),
                    DayKind::Closed => msg::day_closed(l),
                };
                let _ = writeln!(out, "  {}", msg::day_minutes(l, day, slice.minutes, what));
            }
            let minutes = plan.working_minutes.unwrap_or(0);
            let _ = writeln!(out, "  {}", msg::minutes_total(l, minutes));
        }
        None => {
            let _ = writeln!(out, "  {}", msg::minutes_uncountable(l));
        }
    }
    let threshold = config.policy.min_working_minutes;
    let reason = outage.notify_reason.as_deref().unwrap_or("–");
    let verdict = match (outage.notify, plan.working_minutes) {
        (Notify::Always, _) => msg::verdict_always(l, reason),
        (Notify::Never, _) => msg::verdict_never(l, reason),
        (Notify::Auto, Some(m)) if m > threshold => msg::verdict_over(l, threshold, m),
        (Notify::Auto, Some(m)) => msg::verdict_under(l, threshold, m),
        (Notify::Auto, None) => msg::verdict_acute_open(l),
    };
    let _ = writeln!(out, "{verdict}");
}

/// Each notice: its rule, due time, state and why.
fn notices(out: &mut String, config: &Config, plan: &OutagePlan, now: DateTime<Tz>) {
    let l = config.language;
    if plan.notices.is_empty() {
        let _ = writeln!(out, "{}", msg::no_notices(l));
        return;
    }
    let _ = writeln!(out, "{}", msg::notices_heading(l));
    for n in &plan.notices {
        let rev = n.revision.map(|r| format!(" #{r}")).unwrap_or_default();
        let _ = writeln!(
            out,
            "  {}{rev} ({}{rev}): {}",
            notice_name(n.kind, l),
            n.kind.as_str(),
            state_name(n.state, l)
        );
        let _ = writeln!(out, "    {}", msg::notice_rule(l, rule(n.kind, config)));
        let _ = writeln!(
            out,
            "    {}",
            msg::notice_due(l, long_time(&n.due, &now, l))
        );
        if let Some(stale) = n.stale_from {
            let at = long_time(&stale, &now, l);
            let _ = writeln!(out, "    {}", msg::notice_stale_from(l, at));
        }
        if let Some(at) = n.sent_at {
            let _ = writeln!(out, "    {}", msg::notice_sent(l, long_time(&at, &now, l)));
        }
        let _ = writeln!(out, "    {}", msg::notice_why(l, n.why_text(l)));
    }
}

/// The rule of one notice kind in words, with the site's times filled in.
fn rule(kind: NoticeKind, config: &Config) -> String {
    let l = config.language;
    let p = &config.policy;
    let day = match p.announce_day {
        AnnounceDay::Calendar => msg::the_day_before(l),
        AnnounceDay::Working => msg::the_working_day_before(l),
    };
    match kind {
        NoticeKind::Announce => msg::rule_announce(l, p.announce_at.format("%H:%M"), day),
        NoticeKind::Reminder => msg::rule_reminder(l, p.reminder_at.format("%H:%M")),
        NoticeKind::Changed => msg::rule_changed(l),
        NoticeKind::Cancelled => msg::rule_cancelled(l),
        NoticeKind::CompletedEarly => msg::rule_completed_early(l),
        NoticeKind::Alert => msg::rule_alert(l),
        NoticeKind::Resolved => msg::rule_resolved(l),
    }
}

/// The publish window in words.
fn publishing(out: &mut String, config: &Config, plan: &OutagePlan, now: DateTime<Tz>) {
    let l = config.language;
    let Some(w) = plan.publish else {
        let text = if plan.notice_required {
            msg::not_published_cancelled(l)
        } else {
            msg::not_published_not_required(l)
        };
        let _ = writeln!(out, "{text}");
        return;
    };
    let until = match w.until {
        Some(u) => msg::published_until(l, long_time(&u, &now, l)),
        None => msg::published_until_ended(l),
    };
    let from = long_time(&w.from, &now, l);
    let published = published(plan.published, l);
    let _ = writeln!(out, "{}", msg::published_from(l, from, until, published));
}
