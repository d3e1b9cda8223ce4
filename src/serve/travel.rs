//! Time travel: the moments of an outage worth visiting in the preview —
//! its page going up, each notice falling due, the start, the estimated
//! end and `ended` — and which notice staff last got at a moment.
//!
//! Pure: a plan in, moments out.

use chrono::DateTime;
use chrono_tz::Tz;

use crate::catalogue::{Language, dashboard as msg};
use crate::outage::Outage;
use crate::schedule::{Notice, NoticeState, OutagePlan};
use crate::words;

/// One moment of an outage, with what happens then (several things can
/// happen at once: a page goes up as the first notice falls due).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Stop {
    /// When.
    pub(super) at: DateTime<Tz>,
    /// What happens, in the order of the list in the module comment.
    pub(super) what: Vec<String>,
}

/// Every moment of `plan`, in time order, one stop per instant, said in
/// `l` as seen from `current`: an `ended` still ahead of it is the expected
/// end, not yet "ended" (SPEC §3).
pub(super) fn stops(plan: &OutagePlan, l: Language, current: DateTime<Tz>) -> Vec<Stop> {
    let mut moments: Vec<(DateTime<Tz>, String)> = Vec::new();
    if let Some(window) = plan.publish {
        moments.push((window.from, msg::stop_published(l)));
    }
    for notice in &plan.notices {
        let name = words::notice_name(notice.kind, l);
        moments.push((notice.due, msg::stop_due(l, name)));
    }
    moments.push((plan.start, msg::stop_start(l)));
    if let Some(end) = plan.end {
        moments.push((end, msg::stop_estimated_end(l)));
    }
    if let Some(ended) = plan.ended {
        let what = if ended > current {
            msg::stop_estimated_end(l)
        } else {
            msg::stop_ended(l)
        };
        moments.push((ended, what));
    }
    // Stable: what happens at one instant keeps the order above.
    moments.sort_by_key(|(at, _)| *at);
    let mut stops: Vec<Stop> = Vec::new();
    for (at, what) in moments {
        match stops.last_mut() {
            Some(last) if last.at == at => {
                if !last.what.contains(&what) {
                    last.what.push(what);
                }
            }
            _ => stops.push(Stop {
                at,
                what: vec![what],
            }),
        }
    }
    stops
}

/// The notice to show for `plan` at `at`: the last one due by then that is
/// not skipped, or else the first one to come.
pub(super) fn notice_at(plan: &OutagePlan, at: DateTime<Tz>) -> Option<&Notice> {
    let shown = plan
        .notices
        .iter()
        .filter(|n| n.state != NoticeState::Skipped);
    shown
        .clone()
        .filter(|n| n.due <= at)
        .max_by_key(|n| n.due)
        .or_else(|| shown.min_by_key(|n| n.due))
}

/// The first moment of `plan` at which its page is up (what to offer when
/// nothing is published at the moment shown); `None` if it never is.
pub(super) fn published_stop(plan: &OutagePlan) -> Option<DateTime<Tz>> {
    let window = plan.publish?;
    stops(plan, Language::En, window.from)
        .into_iter()
        .map(|s| s.at)
        .find(|t| window.contains(*t))
}

/// `outage` as its file read at `at`, as far as the file tells: updates
/// written later and an `ended` still to come are left out. `None` when
/// nothing in it lies after `at`.
pub(super) fn as_then(outage: &Outage, at: DateTime<Tz>) -> Option<Outage> {
    let ends_later = outage.ended_ahead(at);
    if !ends_later && outage.updates.iter().all(|u| u.at <= at) {
        return None;
    }
    let mut then = outage.clone();
    if ends_later {
        then.ended = None;
    }
    then.updates.retain(|u| u.at <= at);
    Some(then)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::Ledger;
    use crate::localtime::{self, rfc3339};
    use crate::site::Site;
    use chrono_tz::Europe::Oslo;

    fn plans(now: &str) -> Vec<OutagePlan> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let site = Site::load(root, Some(now)).unwrap();
        site.plan(&Ledger::default())
    }

    #[test]
    fn a_planned_outage_has_its_publish_notice_start_and_end_moments() {
        let plans = plans("2026-11-25 09:00");
        let plan = plans
            .iter()
            .find(|p| p.id == "2026-11-27-oppgradering-meldingstjener")
            .unwrap();
        let after = localtime::parse("2026-11-28 00:00", Oslo).unwrap();
        let got: Vec<(String, Vec<String>)> = stops(plan, Language::En, after)
            .into_iter()
            .map(|s| (rfc3339(&s.at), s.what))
            .collect();
        let want = [
            (
                "2026-11-26T11:00:00+01:00",
                vec!["page published", "first notice (the day before): due"],
            ),
            (
                "2026-11-27T07:00:00+01:00",
                vec!["reminder (the same morning): due"],
            ),
            ("2026-11-27T18:00:00+01:00", vec!["start"]),
            ("2026-11-27T22:00:00+01:00", vec!["estimated end", "ended"]),
        ];
        let want: Vec<(String, Vec<String>)> = want
            .into_iter()
            .map(|(t, w)| (t.to_string(), w.into_iter().map(String::from).collect()))
            .collect();
        assert_eq!(got, want);
        let at = |t: &str| localtime::parse(t, Oslo).unwrap();
        // Seen from before it, `ended` is the expected end (SPEC §3).
        let before = stops(plan, Language::En, at("2026-11-27 20:00"));
        assert_eq!(before.last().unwrap().what, ["estimated end"]);
        let shown = |t: &str| notice_at(plan, at(t)).map(|n| n.kind.as_str());
        assert_eq!(
            shown("2026-11-25 09:00"),
            Some("announce"),
            "the first to come"
        );
        assert_eq!(shown("2026-11-27 08:00"), Some("reminder"));
        assert_eq!(
            published_stop(plan).map(|t| rfc3339(&t)).as_deref(),
            Some("2026-11-26T11:00:00+01:00")
        );
    }

    #[test]
    fn a_moment_before_the_end_knows_neither_the_end_nor_later_updates() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let site = Site::load(root, Some("2026-12-01 09:00")).unwrap();
        let acute = site.outage("2026-11-25-plo-brudd-tre-kommuner").unwrap();
        let at = |t: &str| localtime::parse(t, Oslo).unwrap();
        let then = as_then(acute, at("2026-11-26 16:00")).unwrap();
        assert_eq!(then.ended, None);
        assert_eq!(then.updates.len(), 2, "{:?}", then.updates);
        assert!(then.updates.iter().all(|u| u.at <= at("2026-11-26 16:00")));
        assert_eq!(
            as_then(acute, at("2026-11-27 10:40")),
            None,
            "nothing later"
        );
        let before = as_then(acute, at("2026-11-25 08:10")).unwrap();
        assert!(before.updates.is_empty());
    }
}
