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
            // A published open outage's calendar event ends at the next
            // full hour ([`open_until`]): the output changes then too.
            let open = (window.contains(now) && is_open(outage, now))
                .then(|| open_until(outage.start, now));
            let next = [
                Some(window.from),
                window.until,
                Some(outage.start),
                outage.end,
                outage.ended,
                open,
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

/// An outage without an estimated end that has not ended by `now` (an
/// acute outage still open): its length is not known.
fn is_open(outage: &Outage, now: DateTime<Tz>) -> bool {
    outage.end.is_none() && outage.ended.is_none_or(|e| e > now)
}

/// Until when an open outage is shown as lasting (its calendar event's
/// DTEND): the next full hour after `now`, or after the start if that is
/// later.
///
/// RFC 5545 §3.6.1 reads an event with neither DTEND nor DURATION as
/// lasting no time at all, so calendars showed an ongoing outage as a line
/// at its start. We write DTEND, not DURATION: the length of an open
/// outage grows with time, so either must be restated at every build, and
/// DTEND states directly "down at least until then" in the same form as
/// every other event. The next full hour stays the same across the
/// rebuilds of one hour, so the file does not churn, and `build` reports
/// that hour as its next change; once `end` or `ended` is written the
/// event ends there.
pub fn open_until(start: DateTime<Tz>, now: DateTime<Tz>) -> DateTime<Tz> {
    const HOUR: i64 = 3600;
    let from = start.max(now);
    let next = (from.timestamp().div_euclid(HOUR) + 1) * HOUR;
    DateTime::from_timestamp(next, 0).map_or(from + chrono::Duration::hours(1), |t| {
        t.with_timezone(&start.timezone())
    })
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
