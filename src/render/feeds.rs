//! Machine outputs for other programs (SPEC §5): `outages.json`,
//! `outages.ics` (iCalendar) and `feed.xml` (Atom). Each is produced by a
//! serialiser crate, so everything a coordinator wrote is escaped there.

use std::str::FromStr;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use icalendar::{Component, EventLike, EventStatus};
use rayon::prelude::*;
use serde::Serialize;

use crate::config::Config;
use crate::localtime::rfc3339;
use crate::schedule::Status;

use super::publish::{Published, open_until};
use super::view::Listed;

/// The latest moment at or before `now` at which the outage's public
/// information changed: its page appearing, an update, its start, its end,
/// and the last notice staff were told (a cancellation or a change of
/// times is news, so feed readers and calendars flag the entry again).
pub fn last_change(p: &Published, now: DateTime<Tz>) -> DateTime<Tz> {
    let o = p.outage;
    let mut last = p.window.from;
    let candidates = o
        .updates
        .iter()
        .map(|u| u.at)
        .chain(o.ended_by(now))
        .chain(p.told_at)
        .chain(
            [o.start]
                .into_iter()
                .filter(|_| p.status != Status::Upcoming),
        );
    for t in candidates.filter(|t| *t <= now) {
        last = last.max(t);
    }
    last
}

#[derive(Serialize)]
struct JsonOutput<'a> {
    generated: String,
    next_change: Option<String>,
    outages: Vec<JsonOutage<'a>>,
}

#[derive(Serialize)]
struct JsonOutage<'a> {
    id: &'a str,
    title: &'a str,
    kind: crate::outage::Kind,
    status: Status,
    start: String,
    end: Option<String>,
    ended: Option<String>,
    publish_from: String,
    publish_until: Option<String>,
    url: &'a str,
}

/// `outages.json`: the published outages with SPEC §5's fields.
pub fn json(
    published: &[Published],
    listed: &[Listed],
    now: DateTime<Tz>,
    next_change: Option<DateTime<Tz>>,
) -> String {
    let output = JsonOutput {
        generated: rfc3339(&now),
        next_change: next_change.as_ref().map(rfc3339),
        outages: published
            .iter()
            .zip(listed)
            .map(|(p, v)| JsonOutage {
                id: &p.outage.id,
                title: &p.outage.title,
                kind: p.outage.kind,
                status: p.status,
                start: rfc3339(&p.outage.start),
                // An `ended` still ahead is the expected end (SPEC §3).
                end: p.outage.expected_end(now).as_ref().map(rfc3339),
                ended: p.outage.ended_by(now).as_ref().map(rfc3339),
                publish_from: rfc3339(&p.window.from),
                publish_until: p.window.until.as_ref().map(rfc3339),
                url: &v.url,
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&output).expect("plain data serialises");
    text.push('\n');
    text
}

/// `outages.ics`: one VEVENT per published outage; its DESCRIPTION is the
/// description's summary and the page URL, which is also its URL. The UID
/// (`<id>@<message_id_domain>`) is stable so calendars update the event;
/// SEQUENCE counts the updates (plus one each for an end and a
/// cancellation); a cancelled outage has STATUS:CANCELLED.
pub fn ics(
    config: &Config,
    published: &[Published],
    listed: &[Listed],
    now: DateTime<Tz>,
) -> String {
    // The calendar without events, then each event written on its own (in
    // parallel: icalendar folds every line) before the calendar's end.
    let mut calendar = icalendar::Calendar::new();
    calendar.name(&config.title);
    let empty = calendar.done().to_string();
    let (head, tail) = empty.split_at(empty.rfind("END:VCALENDAR").unwrap_or(empty.len()));
    let events: Vec<String> = published
        .par_iter()
        .zip(listed)
        .map(|(p, v)| {
            let mut text = String::with_capacity(1024);
            // Writing into a String cannot fail.
            let _ = ics_event(config, p, v, now).fmt_write(&mut text);
            text
        })
        .collect();
    let mut text = String::with_capacity(
        head.len() + tail.len() + events.iter().map(String::len).sum::<usize>(),
    );
    text.push_str(head);
    events.iter().for_each(|e| text.push_str(e));
    text.push_str(tail);
    text
}

/// The VEVENT of one published outage.
fn ics_event(config: &Config, p: &Published, v: &Listed, now: DateTime<Tz>) -> icalendar::Event {
    let o = p.outage;
    let end = o.ended_by(now).or(o.expected_end(now));
    let sequence = o.updates.iter().filter(|u| u.at <= now).count()
        + usize::from(o.ended_by(now).is_some())
        + usize::from(o.cancelled);
    let mut event = icalendar::Event::new();
    event
        .uid(&format!("{}@{}", o.id, config.mail.message_id_domain))
        .summary(&o.title)
        .description(&plain_description(&v.summary, &v.url))
        .url(&v.url)
        .starts(o.start.with_timezone(&Utc))
        .timestamp(now.with_timezone(&Utc))
        .last_modified(last_change(p, now).with_timezone(&Utc))
        .sequence(u32::try_from(sequence).unwrap_or(u32::MAX))
        .status(if o.cancelled {
            EventStatus::Cancelled
        } else {
            EventStatus::Confirmed
        });
    match end {
        Some(end) if end > o.start => {
            event.ends(end.with_timezone(&Utc));
        }
        Some(_) => {}
        // An open outage: see [`open_until`] for why DTEND.
        None => {
            event.ends(open_until(o.start, now).with_timezone(&Utc));
        }
    }
    event.done()
}

/// The description's summary, a blank line and the page URL.
fn plain_description(text: &str, url: &str) -> String {
    if text.is_empty() {
        url.to_string()
    } else {
        format!("{text}\n\n{url}")
    }
}

/// `feed.xml`: an Atom entry per published outage; entry ids are
/// `urn:varsel:<id>` (stable) and `updated` is the latest change. An entry
/// carries a plain-text summary (status, times, the description's summary)
/// and links to the page; the full description is only on the page.
pub fn atom(
    config: &Config,
    published: &[Published],
    listed: &[Listed],
    now: DateTime<Tz>,
    base_url: &str,
) -> String {
    use atom_syndication::{Entry, Feed, Link, Person, Text};
    let link = |href: String, rel: &str| {
        let mut l = Link::default();
        l.set_href(href);
        l.set_rel(rel.to_string());
        l
    };
    // Every entry's author (RFC 4287 §4.1.2): the site, with the address
    // its notices come from.
    let mut author = Person::default();
    author.set_name(config.title.clone());
    author.set_email(
        lettre::message::Mailbox::from_str(&config.mail.from)
            .ok()
            .map(|m| m.email.to_string()),
    );
    author.set_uri(Some(base_url.to_string()));
    let mut entries = Vec::new();
    let mut feed_updated = None;
    for (p, v) in published.iter().zip(listed) {
        let updated = last_change(p, now);
        feed_updated = Some(feed_updated.map_or(updated, |f: DateTime<Tz>| f.max(updated)));
        let mut entry = Entry::default();
        entry.set_id(format!("urn:varsel:{}", p.outage.id));
        entry.set_title(Text::plain(p.outage.title.clone()));
        entry.set_updated(updated.fixed_offset());
        entry.set_published(Some(p.window.from.fixed_offset()));
        entry.set_authors(vec![author.clone()]);
        entry.set_links(vec![link(v.url.clone(), "alternate")]);
        let end = v
            .end
            .as_deref()
            .map(|e| format!(" – {e}"))
            .unwrap_or_default();
        let mut text = format!("{}: {}{end}", v.status_label, v.start);
        if !v.summary.is_empty() {
            text.push_str("\n\n");
            text.push_str(&v.summary);
        }
        entry.set_summary(Some(Text::plain(text)));
        entries.push(entry);
    }
    let mut feed = Feed::default();
    feed.set_title(Text::plain(config.title.clone()));
    feed.set_id(base_url.to_string());
    feed.set_updated(feed_updated.unwrap_or(now).fixed_offset());
    feed.set_lang(Some(config.language.tag().to_string()));
    feed.set_links(vec![
        link(base_url.to_string(), "alternate"),
        link(format!("{base_url}feed.xml"), "self"),
    ]);
    feed.set_entries(entries);
    feed.to_string()
}
