//! Which outages the site shows at `now`, as what, and when that changes.
//!
//! Uses the schedule's publish window and status; adds the one thing the
//! site needs beyond them: the next instant at which the output changes.
//! Pure: data and `now` in, data out.

use std::collections::HashMap;

use chrono::DateTime;
use chrono_tz::Tz;
use rayon::prelude::*;

use crate::calendar::Calendar;
use crate::config::Config;
use crate::outage::Outage;
use crate::schedule::{self, History, PublishWindow, Status};

/// An outage whose page is up at `now`.
#[derive(Debug, Clone, Copy)]
pub struct Published<'a> {
    /// The outage.
    pub outage: &'a Outage,
    /// Its publish window (contains `now`).
    pub window: PublishWindow,
    /// What staff see it as at `now`.
    pub status: Status,
    /// When staff were last told about it (the last notice handed over),
    /// if ever: a cancellation, a change or an end told by email is a
    /// change of the feed entry and the calendar event too.
    pub told_at: Option<DateTime<Tz>>,
}

impl Published<'_> {
    /// True when the work ended before the estimated end.
    pub fn finished_early(&self) -> bool {
        self.status == Status::Ended
            && matches!((self.outage.ended, self.outage.end), (Some(ended), Some(end)) if ended < end)
    }
}

/// The site's view of the outages at `now`.
#[derive(Debug, Clone)]
pub struct Publication<'a> {
    /// Outages published at `now`: ongoing first, then upcoming, then the
    /// rest (ended early, cancelled), each group by start.
    pub published: Vec<Published<'a>>,
    /// The earliest instant after `now` at which some page appears,
    /// disappears or changes status; `None` if nothing is scheduled.
    pub next_change: Option<DateTime<Tz>>,
}

/// Decides what is published at `now`. `histories` is what the ledger says
/// staff were told ([`schedule::histories`]): an outage told about keeps
/// its page, and a cancelled one stays up only if staff were told of it.
pub fn publication<'a, O: std::borrow::Borrow<Outage> + Sync>(
    config: &Config,
    outages: &'a [O],
    histories: &HashMap<String, History>,
    now: DateTime<Tz>,
) -> Publication<'a> {
    let calendar = Calendar::new(config.policy.extra_closed_days.iter().copied());
    // Each outage on its own (in parallel): its window, whether it is
    // published now, and its next instant after `now` that changes the site.
    let decided: Vec<(Option<Published<'a>>, Option<DateTime<Tz>>)> = outages
        .par_iter()
        .map(O::borrow)
        .filter_map(|outage| {
            let history = histories.get(&outage.id);
            let belief = history.and_then(History::belief);
            let window = schedule::publish_window(outage, &config.policy, &calendar, belief)?;
            let next = [
                Some(window.from),
                window.until,
                Some(outage.start),
                outage.end,
                outage.ended,
            ]
            .into_iter()
            .flatten()
            .filter(|t| *t > now)
            .min();
            let published = window.contains(now).then(|| Published {
                outage,
                window,
                status: schedule::status(outage, now),
                told_at: history.and_then(History::last).map(|t| t.at),
            });
            Some((published, next))
        })
        .collect();
    let next_change = decided.iter().filter_map(|(_, next)| *next).min();
    let mut published: Vec<Published<'a>> = decided.into_iter().filter_map(|(p, _)| p).collect();
    published.sort_by(|a, b| {
        (group(a.status), a.outage.start, &a.outage.id).cmp(&(
            group(b.status),
            b.outage.start,
            &b.outage.id,
        ))
    });
    Publication {
        published,
        next_change,
    }
}

fn group(status: Status) -> u8 {
    match status {
        Status::Ongoing => 0,
        Status::Upcoming => 1,
        Status::Ended => 2,
        Status::Cancelled => 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::localtime;
    use chrono_tz::Europe::Oslo;

    const CONFIG: &str = "title: T\nbase_url: https://x.example.org/\nlanguage: nb\ntimezone: Europe/Oslo\ntheme: default\npolicy: { min_working_minutes: 60, announce_at: \"11:00\", announce_day: calendar, reminder_at: \"07:00\", publish_at: \"11:00\", extra_closed_days: [] }\nmail: { from: \"a@example.org\", message_id_domain: example.org }\nrecipients: [{ name: A, address: a@example.org }]\nsystems: { plo: { name: PLO } }\nmunicipalities: { moss: { name: Moss, coordinator_phone: \"+47 00 00 00 00\" } }\nroutines: { default: r }\n";

    fn outage(config: &Config, id: &str, yaml: &str) -> Outage {
        let now = localtime::parse("2026-12-01 00:00", Oslo).unwrap();
        let cx = crate::outage::Context {
            config,
            page_exists: &|_| true,
            now,
        };
        let (outage, d) = Outage::read(&format!("outages/{id}.yaml"), id, yaml, &cx);
        outage.unwrap_or_else(|| panic!("{d:?}"))
    }

    #[test]
    fn published_order_and_next_change() {
        let (config, d) = Config::read(CONFIG);
        let config = config.unwrap_or_else(|| panic!("{d:?}"));
        let base = "kind: planned\nsystems: [plo]\nmunicipalities: all\ndescription: x\n";
        let outages = vec![
            outage(
                &config,
                "a",
                &format!("title: A\nstart: 2026-12-03 18:00\nend: 2026-12-03 22:00\n{base}"),
            ),
            outage(
                &config,
                "b",
                &format!("title: B\nstart: 2026-12-03 09:00\nend: 2026-12-03 20:00\n{base}"),
            ),
            outage(
                &config,
                "c",
                &format!(
                    "title: C\nstart: 2026-12-03 10:00\nend: 2026-12-03 12:00\ncancelled: true\n{base}"
                ),
            ),
        ];
        let at = |t: &str| localtime::parse(t, Oslo).unwrap();
        let p = publication(&config, &outages, &HashMap::new(), at("2026-12-03 12:00"));
        let ids: Vec<_> = p.published.iter().map(|p| p.outage.id.as_str()).collect();
        assert_eq!(
            ids,
            ["b", "a"],
            "ongoing first; cancelled without notice hidden"
        );
        assert_eq!(p.next_change, Some(at("2026-12-03 18:00")));
        let p = publication(&config, &outages, &HashMap::new(), at("2026-12-03 20:00"));
        assert_eq!(p.next_change, Some(at("2026-12-03 22:00")));
        let p = publication(&config, &outages, &HashMap::new(), at("2026-12-03 22:00"));
        assert!(p.published.is_empty());
        assert_eq!(p.next_change, None);
    }
}
