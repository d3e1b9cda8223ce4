//! The coordinator's dashboard under `/_varsel/`: the plan as a timeline,
//! previews, and the time-travel control.

use std::fmt::Write as _;
use std::sync::Arc;

use tiny_http::Response;

use chrono::DateTime;
use chrono_tz::Tz;

use super::State;
use super::http::{text, with_type};
use crate::ledger::{self, Ledger};
use crate::localtime::rfc3339;
use crate::mail::compose::{self, Input};
use crate::render::escape_html;
use crate::schedule::{Notice, NoticeKind, NoticeState, OutagePlan};
use crate::site::Site;
use crate::theme::{self, Theme};

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
    let html = |body: String| {
        with_type(
            Response::from_data(body.into_bytes()),
            "text/html; charset=utf-8",
        )
    };
    let parts: Vec<&str> = path
        .trim_start_matches("/_varsel")
        .trim_matches('/')
        .split('/')
        .collect();
    let preview = |id: &str, kind: &str, rev: Option<u32>| {
        email(state, id, kind, rev).map_or_else(|e| text(404, &e), html)
    };
    match parts[..] {
        [""] => html(page(state)),
        ["email", id, kind] => preview(id, kind, None),
        ["email", id, kind, rev] => match rev.parse() {
            Ok(rev) => preview(id, kind, Some(rev)),
            Err(_) => text(404, "the revision is a number"),
        },
        _ => text(404, "no such dashboard page"),
    }
}

/// Changes the preview's clock ("" follows the real clock) and rebuilds.
fn set_now(state: &State, now: &str) {
    let now = now.trim().to_string();
    if let Ok(mut slot) = state.now.lock() {
        *slot = if now.is_empty() { None } else { Some(now) };
    }
    state.rebuild(super::Change::Everything);
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

/// The site and its plan as the preview's clock sees them.
/// The site the preview shows (the last good one) and its plan.
fn load(state: &State) -> Result<(Arc<Site>, Vec<OutagePlan>), String> {
    let site = state
        .current()
        .site
        .clone()
        .ok_or_else(|| "the site could not be loaded; see the problems above".to_string())?;
    let ledger = Ledger::read(&site.root.join(ledger::DEFAULT_FILE))
        .map_err(|e| format!("cannot read the ledger: {e}"))?;
    let plans = site.plan(&ledger);
    Ok((site, plans))
}

fn page(state: &State) -> String {
    let snapshot = state.current();
    let following = state.now.lock().map(|n| n.is_none()).unwrap_or(true);
    let mut body = String::new();
    let _ = write!(
        body,
        "<h1>varsel — coordinator dashboard</h1><p>What the site shows and which notices go out when, as of <strong>{}</strong>. <a href=\"/\">Open the site</a></p><form method=\"get\" action=\"/_varsel/\"><label for=\"now\">Show the site and the notices as of</label> <input id=\"now\" name=\"now\" value=\"{}\" placeholder=\"2026-12-02 11:00\"> <button>Travel</button> {}</form>",
        escape_html(&snapshot.now),
        escape_html(&snapshot.now),
        if following {
            "<small>(following the clock)</small>".to_string()
        } else {
            "<a href=\"/_varsel/?now=\">Back to the real clock</a>".to_string()
        }
    );
    if let Some(text) = State::overlay_text(&snapshot) {
        let _ = write!(
            body,
            "<h2>Problems</h2><pre class=\"problems\">{}</pre>",
            escape_html(&text)
        );
    }
    match load(state) {
        Ok((site, plans)) => body.push_str(&timeline(&site, &plans)),
        Err(e) => {
            let _ = write!(body, "<p>{}</p>", escape_html(&e));
        }
    }
    wrap("varsel dashboard", &body, snapshot.generation)
}

fn wrap(title: &str, body: &str, generation: u64) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{}</title><link rel=\"icon\" href=\"data:,\"><style>{STYLE}</style></head><body><main>{body}</main><script src=\"/_varsel/reload.js\" data-generation=\"{generation}\"></script></body></html>",
        escape_html(title)
    )
}

const STYLE: &str = "body{font:16px/1.5 system-ui,sans-serif;max-width:75rem;margin:1rem auto;padding:0 1rem;color:#1a1a1a}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ccc;padding:.3rem;text-align:left;vertical-align:top}pre{background:#f4f4f4;padding:1rem;overflow:auto;white-space:pre-wrap}.problems{background:#fff0ee;border-left:4px solid #b00020}.due{font-weight:bold;color:#8a4b00}.sent{color:#1b5e20}.stale,.skipped{color:#666}iframe{width:100%;height:40rem;border:1px solid #ccc}a{color:#0b5394}";

fn timeline(site: &Site, plans: &[OutagePlan]) -> String {
    let mut out = String::from(
        "<h2>Notices</h2><table><thead><tr><th>Due</th><th>Outage</th><th>Notice</th><th>State</th><th>Preview</th></tr></thead><tbody>",
    );
    let mut rows: Vec<(&OutagePlan, &Notice)> = plans
        .iter()
        .flat_map(|p| p.notices.iter().map(move |n| (p, n)))
        .collect();
    rows.sort_by_key(|(p, n)| (n.due, p.id.clone()));
    for (plan, notice) in &rows {
        let state = format!("{:?}", notice.state).to_lowercase();
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"{state}\">{state}<br><small>{}</small></td><td><a href=\"{}\">subject, text and HTML</a></td></tr>",
            rfc3339(&notice.due),
            escape_html(&plan.id),
            notice.revision.map_or_else(
                || notice.kind.as_str().to_string(),
                |r| format!("{} #{r}", notice.kind.as_str())
            ),
            escape_html(&notice.reason),
            preview_href(&plan.id, notice)
        );
    }
    if rows.is_empty() {
        out.push_str("<tr><td colspan=\"5\">No outage needs a notice.</td></tr>");
    }
    out.push_str("</tbody></table><h2>Pages</h2><table><thead><tr><th>Outage</th><th>Status</th><th>Working minutes</th><th>Notice required</th><th>Page published</th></tr></thead><tbody>");
    for plan in plans {
        let title = site.outage(&plan.id).map_or("", |o| o.title.as_str());
        let window = plan.publish.map_or("never".to_string(), |w| {
            format!(
                "{} → {}",
                rfc3339(&w.from),
                w.until.map_or("open".into(), |u| rfc3339(&u))
            )
        });
        let _ = write!(
            out,
            "<tr><td>{} <small>({})</small><br><small class=\"told\">{}</small></td><td>{:?}</td><td>{}</td><td>{}</td><td>{}{}</td></tr>",
            escape_html(title),
            escape_html(&plan.id),
            escape_html(&crate::words::told(
                plan.told.as_ref(),
                &site.now,
                crate::config::Language::En
            )),
            plan.status,
            plan.working_minutes
                .map_or("unknown (no end)".into(), |m| m.to_string()),
            if plan.notice_required { "yes" } else { "no" },
            window,
            if plan.published {
                " <strong>(on the site now)</strong>"
            } else {
                ""
            }
        );
    }
    out.push_str("</tbody></table>");
    out
}

fn preview_href(id: &str, notice: &Notice) -> String {
    match notice.revision {
        Some(rev) => format!("/_varsel/email/{id}/{}/{rev}", notice.kind.as_str()),
        None => format!("/_varsel/email/{id}/{}", notice.kind.as_str()),
    }
}

/// The moment `send` would render this notice at: when it was sent, now if
/// it is due, otherwise its due time.
fn sending_time(notice: &Notice, now: DateTime<Tz>) -> DateTime<Tz> {
    match notice.state {
        NoticeState::Sent => notice.sent_at.unwrap_or(notice.due),
        NoticeState::Due => now,
        _ => notice.due,
    }
}

/// One notice exactly as `send` would render it.
fn email(state: &State, id: &str, kind: &str, revision: Option<u32>) -> Result<String, String> {
    let (site, plans) = load(state)?;
    let kind = NoticeKind::parse(kind).ok_or_else(|| format!("unknown notice kind `{kind}`"))?;
    let outage = site
        .outage(id)
        .ok_or_else(|| format!("no valid outage `{id}`"))?;
    let notice = plans
        .iter()
        .filter(|p| p.id == id)
        .flat_map(|p| p.notices.iter())
        .find(|n| n.kind == kind && (revision.is_none() || n.revision == revision))
        .ok_or_else(|| {
            format!(
                "outage `{id}` has no `{}` notice at this moment",
                kind.as_str()
            )
        })?;
    let tera = Theme::load(&site.root, &site.config.theme)
        .and_then(|t| t.tera(theme::EMAIL))
        .map_err(|e| e.to_string())?;
    let routine = crate::content::read(&site.root, &outage.routine);
    let at = sending_time(notice, site.now);
    let input = Input {
        config: &site.config,
        outage,
        notice,
        now: at,
        routine_page: routine.as_ref(),
    };
    let body = compose::body(input, &tera).map_err(|e| e.to_string())?;
    let composed = compose::compose(input, &tera, true).map_err(|e| e.to_string())?;
    let headers = String::from_utf8_lossy(&composed.message.formatted())
        .split("\r\n\r\n")
        .next()
        .unwrap_or("")
        .to_string();
    let mut page = String::new();
    let _ = write!(
        page,
        "<p><a href=\"/_varsel/\">← Dashboard</a></p><h1>{}</h1><p>The <code>{}</code> notice of <code>{}</code> as <code>varsel send</code> renders it at {} (state: {:?}).</p><h2>Headers</h2><pre>{}</pre><h2>Text</h2><pre>{}</pre><h2>HTML</h2><iframe title=\"HTML part\" sandbox srcdoc=\"{}\"></iframe>",
        escape_html(&body.subject),
        kind.as_str(),
        escape_html(id),
        rfc3339(&at),
        notice.state,
        escape_html(&headers),
        escape_html(&body.text),
        escape_html(&body.html)
    );
    Ok(wrap(&body.subject, &page, state.current().generation))
}
