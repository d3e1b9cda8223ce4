//! The first look of the preview: what `serve` prints first about the
//! moment shown, and the offer of moments that the preview's index (never
//! the built site) puts first when nothing is published then.

use std::fmt::Write as _;

use super::dashboard::{human, plans};
use super::moment::Moment;
use super::{State, travel};
use crate::catalogue::{Language, dashboard as page, offer as msg};
use crate::render::escape_html;
use crate::site::Site;

/// For the preview's index when nothing is published at the moment shown
/// (never the built site): says so and offers each outage's first
/// published moment. `None` when something is published.
pub(super) fn nothing_published(site: &Site, moment: &Moment, l: Language) -> Option<String> {
    let (plans, known) = plans(site).ok()?;
    if plans.iter().any(|p| p.published) {
        return None;
    }
    let mut out = format!(
        "<aside id=\"varsel-nothing-published\" lang=\"{}\" style=\"font:16px/1.5 system-ui,sans-serif;border:2px solid #0b5394;background:#eef4fb;color:#1a1a1a;padding:1rem;margin:0 0 1rem\"><h2 style=\"margin-top:0\">{}</h2><p>{}</p><ul>",
        l.tag(),
        escape_html(&page::nothing_heading(l, human(&moment.at, l))),
        escape_html(&page::nothing_text(l)),
    );
    let mut offered = 0;
    for plan in &known {
        let Some(at) = travel::published_stop(plan) else {
            continue;
        };
        let title = site.outage(&plan.id).map_or("", |o| o.title.as_str());
        let href = Moment::chosen(at).link(&format!("/_varsel/outage/{}", plan.id));
        let _ = write!(
            out,
            "<li><a class=\"travel\" href=\"{}\">{}</a> — {}</li>",
            escape_html(&href),
            escape_html(title),
            escape_html(&human(&at, l)),
        );
        offered += 1;
    }
    if offered == 0 {
        let _ = write!(out, "<li>{}</li>", escape_html(&page::nothing_ever(l)));
    }
    let _ = write!(
        out,
        "</ul><p>{} <a href=\"{}\">{}</a>.</p></aside>",
        escape_html(&page::nothing_every_moment(l)),
        escape_html(&moment.link("/_varsel/")),
        escape_html(&page::nothing_dashboard(l)),
    );
    Some(out)
}

/// What the first lines of `serve` say about the moment shown and how to
/// choose another.
pub(super) fn first_look(state: &State, address: &str) -> String {
    let snapshot = state.current();
    let Some(site) = &snapshot.site else {
        return String::new();
    };
    let source = match &state.now {
        Some(now) => format!("--now {now}"),
        None => msg::clock(),
    };
    let pattern = msg::moment_pattern();
    let at = site
        .now
        .format_localized(&pattern, crate::words::locale(crate::catalogue::language()))
        .to_string();
    let mut out = msg::showing(at, source, address);
    if plans(site).is_ok_and(|(plans, _)| !plans.iter().any(|p| p.published)) {
        out.push('\n');
        out.push_str(&msg::nothing_published());
    }
    out
}
