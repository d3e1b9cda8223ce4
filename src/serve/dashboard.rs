//! The coordinator's dashboard under `/_varsel/`: the plan as a timeline,
//! previews, and the time-travel control.

use std::fmt::Write as _;

use tiny_http::Response;

use super::State;
use super::http::{text, with_type};
use crate::localtime;
use crate::site::Site;

/// Answers a request under `/_varsel/`.
pub(super) fn handle(path: &str, query: &str, state: &State) -> Response<std::io::Cursor<Vec<u8>>> {
    if let Some(now) = query_param(query, "now") {
        set_now(state, &now);
        let mut response = text(303, "see /_varsel/");
        if let Ok(h) = tiny_http::Header::from_bytes("Location", "/_varsel/") {
            response.add_header(h);
        }
        return response;
    }
    match path {
        "/_varsel" | "/_varsel/" => with_type(
            Response::from_data(page(state).into_bytes()),
            "text/html; charset=utf-8",
        ),
        _ => text(404, "no such dashboard page"),
    }
}

/// Changes the preview's clock ("" follows the real clock) and rebuilds.
fn set_now(state: &State, now: &str) {
    let now = now.trim().replace('+', " ");
    if let Ok(mut slot) = state.now.lock() {
        *slot = if now.is_empty() { None } else { Some(now) };
    }
    state.rebuild();
}

/// The value of `key` in a URL query, `+` and `%XX` decoded.
pub(super) fn query_param(query: &str, key: &str) -> Option<String> {
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (k == key).then(|| percent_decode(&v.replace('+', " ")))
    })
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn page(state: &State) -> String {
    let snapshot = state.current();
    let following = state.now.lock().map(|n| n.is_none()).unwrap_or(true);
    let mut body = String::new();
    let _ = write!(
        body,
        "<h1>varsel — coordinator dashboard</h1><form method=\"get\" action=\"/_varsel/\"><label for=\"now\">Show the site as of</label> <input id=\"now\" name=\"now\" value=\"{}\" placeholder=\"2026-12-02 11:00\"> <button>Travel</button> <a href=\"/_varsel/?now=\">{}</a></form><p><a href=\"/\">Open the site</a></p>",
        tera::escape_html(&snapshot.now),
        if following {
            "(following the clock)"
        } else {
            "back to the real clock"
        }
    );
    if let Some(text) = State::overlay_text(&snapshot) {
        let _ = write!(
            body,
            "<h2>Problems</h2><pre>{}</pre>",
            tera::escape_html(&text)
        );
    }
    let now = state.now.lock().ok().and_then(|n| n.clone());
    if let Ok(site) = Site::load(&state.root, now.as_deref()) {
        body.push_str(&timeline(&site));
    }
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>varsel dashboard</title><style>body{{font:16px/1.5 system-ui,sans-serif;max-width:70rem;margin:1rem auto;padding:0 1rem}}table{{border-collapse:collapse;width:100%}}td,th{{border-bottom:1px solid #ccc;padding:.3rem;text-align:left;vertical-align:top}}pre{{background:#f4f4f4;padding:1rem;overflow:auto}}</style></head><body><main>{body}</main><script src=\"/_varsel/reload.js\" data-generation=\"{}\"></script></body></html>",
        snapshot.generation
    )
}

fn timeline(site: &Site) -> String {
    let calendar =
        crate::calendar::Calendar::new(site.config.policy.extra_closed_days.iter().copied());
    let mut out = String::from(
        "<h2>Outages</h2><table><thead><tr><th>Outage</th><th>Start</th><th>Notice required</th><th>Page published</th></tr></thead><tbody>",
    );
    for outage in &site.outages {
        let required = crate::schedule::notice_required(outage, &site.config.policy, &calendar);
        let window = crate::schedule::publish_window(outage, &site.config.policy, &calendar, false);
        let published = window.map_or("never".to_string(), |w| {
            format!(
                "{} → {}",
                localtime::rfc3339(&w.from),
                w.until.map_or("open".into(), |u| localtime::rfc3339(&u))
            )
        });
        let _ = write!(
            out,
            "<tr><td>{} <small>({})</small></td><td>{}</td><td>{}</td><td>{}</td></tr>",
            tera::escape_html(&outage.title),
            tera::escape_html(&outage.id),
            localtime::rfc3339(&outage.start),
            if required { "yes" } else { "no" },
            published
        );
    }
    out.push_str("</tbody></table>");
    out
}
