//! The coordinator's dashboard under `/_varsel/`: every outage with
//! one-click time travel to each of its moments, the notices as a timeline,
//! one outage's page and notice at a moment, and every email as `send`
//! renders it. The moment shown is the request's own (`?now=`), carried on
//! every link; nothing is stored on the server.

use std::fmt::Write as _;
use std::sync::Arc;

use chrono::DateTime;
use chrono_tz::Tz;

use super::moment::Moment;
use super::response::{Answer, html, text};
use super::{State, email_preview, travel};
use crate::config::Language;
use crate::ledger::{self, Ledger};
use crate::localtime::rfc3339;
use crate::render::escape_html;
use crate::schedule::{Notice, NoticeKind, NoticeState, OutagePlan};
use crate::site::Site;
use crate::words;

/// What one dashboard request shows: the site and its plan at the
/// request's moment.
struct View {
    site: Arc<Site>,
    /// The plan at the moment, with what was sent by then.
    plans: Vec<OutagePlan>,
    /// The plan at the moment with everything the ledger records: every
    /// moment an outage has or had (time travel's buttons).
    known: Vec<OutagePlan>,
    moment: Moment,
    generation: u64,
    /// `--now` of the command line, if any (else the clock is the default).
    default_now: Option<String>,
}

/// Answers a request under `/_varsel/`.
pub(super) fn handle(path: &str, query: &str, state: &State) -> Answer {
    let view = match View::load(state, query) {
        Ok(view) => view,
        Err(e) => return unavailable(state, &e),
    };
    let parts: Vec<&str> = path
        .trim_start_matches("/_varsel")
        .trim_matches('/')
        .split('/')
        .collect();
    let preview = |id: &str, kind: &str, rev: Option<u32>| {
        email_page(&view, id, kind, rev).map_or_else(|e| text(404, &e), |p| html(200, p))
    };
    match parts[..] {
        [""] => {
            let status = if view.moment.error.is_some() {
                400
            } else {
                200
            };
            html(status, dashboard(&view, state))
        }
        ["outage", id] => outage_page(&view, id).map_or_else(|e| text(404, &e), |p| html(200, p)),
        ["email", id, kind] => preview(id, kind, None),
        ["email", id, kind, rev] => match rev.parse() {
            Ok(rev) => preview(id, kind, Some(rev)),
            Err(_) => text(404, "the revision is a number"),
        },
        _ => text(404, "no such dashboard page"),
    }
}

/// The dashboard while nothing can be shown: why, the problems, and the
/// reload script, so that the page recovers by itself once a file is fixed.
fn unavailable(state: &State, why: &str) -> Answer {
    let snapshot = state.current();
    let mut body = format!(
        "<h1>varsel — coordinator dashboard</h1><p>{}</p>",
        escape_html(why)
    );
    if let Some(text) = State::overlay_text(&snapshot) {
        let _ = write!(
            body,
            "<h2>Problems</h2><pre class=\"problems\">{}</pre>",
            escape_html(&text)
        );
    }
    html(503, wrap("varsel dashboard", &body, snapshot.generation))
}

impl View {
    /// The last good site at the moment `query` asks for, and its plan.
    fn load(state: &State, query: &str) -> Result<View, String> {
        let snapshot = state.current();
        let site = snapshot
            .site
            .clone()
            .ok_or_else(|| "the site could not be loaded; see the problems below".to_string())?;
        let moment = Moment::from_query(query, site.now, site.config.timezone);
        let site = snapshot.site_at(moment.at).unwrap_or(site);
        let (plans, known) = plans(&site)?;
        Ok(View {
            site,
            plans,
            known,
            moment,
            generation: snapshot.generation,
            default_now: state.now.clone(),
        })
    }

    fn plan(&self, id: &str) -> Option<&OutagePlan> {
        self.plans.iter().find(|p| p.id == id)
    }

    /// The moments of `plan` as time-travel links (from everything known).
    fn stop_links(&self, plan: &OutagePlan) -> String {
        let known = self.known.iter().find(|k| k.id == plan.id).unwrap_or(plan);
        stop_links(known, self.moment.at)
    }
}

/// The plan of `site` at its `now` with what the ledger says was sent by
/// then (a moment in the past shows the notices as they stood then), and
/// with everything the ledger says (which notices an outage has at all),
/// planned no earlier than the last record: a plan at a moment before
/// what the ledger holds would see notices told "in the future".
pub(super) fn plans(site: &Site) -> Result<(Vec<OutagePlan>, Vec<OutagePlan>), String> {
    let ledger = Ledger::read(&site.root.join(ledger::DEFAULT_FILE))
        .map_err(|e| format!("cannot read the ledger: {e}"))?;
    let last = ledger.records.iter().map(|r| r.at).max();
    let known = match last.map(|at| at.with_timezone(&site.config.timezone)) {
        Some(at) if at > site.now => {
            let mut later = site.clone();
            later.now = at;
            later.plan(&ledger)
        }
        _ => site.plan(&ledger),
    };
    let mut by_then = ledger;
    by_then.as_of(site.now.fixed_offset());
    Ok((site.plan(&by_then), known))
}

/// A moment for people: "Tuesday 1 June 2027 12:00".
pub(super) fn human(at: &DateTime<Tz>) -> String {
    at.format("%A %-d %B %Y %H:%M").to_string()
}

/// A notice state's name, the same on every dashboard page.
fn state_word(state: NoticeState) -> &'static str {
    words::state_name(state, Language::En)
}

fn dashboard(view: &View, state: &State) -> String {
    let snapshot = state.current();
    let moment = &view.moment;
    let mut body = String::new();
    let _ = write!(
        body,
        "<h1>varsel — coordinator dashboard</h1><p>What the site shows and which notices go out when, as of <strong>{}</strong> <small>({})</small>. <a href=\"{}\">Open the site at this moment</a></p>",
        human(&moment.at),
        rfc3339(&moment.at),
        escape_html(&moment.link("/")),
    );
    body.push_str(&travel_form(view));
    if let Some(text) = State::overlay_text(&snapshot) {
        let _ = write!(
            body,
            "<h2>Problems</h2><pre class=\"problems\">{}</pre>",
            escape_html(&text)
        );
    }
    body.push_str(&outages(view));
    body.push_str(&notices(view));
    body.push_str(&pages(view));
    wrap("varsel dashboard", &body, view.generation)
}

/// The time-travel form, with the error of a `now=` that is not a time.
fn travel_form(view: &View) -> String {
    let moment = &view.moment;
    let value = match (&moment.error, moment.chosen) {
        (Some((given, _)), _) => given.clone(),
        (None, true) => rfc3339(&moment.at),
        (None, false) => String::new(),
    };
    let invalid = if moment.error.is_some() {
        " aria-invalid=\"true\" aria-describedby=\"now-error\""
    } else {
        ""
    };
    let default = match &view.default_now {
        Some(now) => format!("<code>--now {}</code>", escape_html(now)),
        None => "the clock".to_string(),
    };
    let mut out = format!(
        "<form method=\"get\" action=\"/_varsel/\"><label for=\"now\">Show the site and the notices as of</label> <input id=\"now\" name=\"now\" value=\"{}\" placeholder=\"YYYY-MM-DD HH:MM\"{invalid}> <button>Travel</button> ",
        escape_html(&value)
    );
    if moment.chosen {
        let _ = write!(
            out,
            "<a href=\"/_varsel/\">Back to the default moment ({default})</a>"
        );
    } else {
        let _ = write!(out, "<small>(the default moment: {default})</small>");
    }
    if let Some((given, why)) = &moment.error {
        let _ = write!(
            out,
            "<p id=\"now-error\" class=\"error\" role=\"alert\"><code>{}</code>: {}. Showing the default moment instead.</p>",
            escape_html(given),
            escape_html(why)
        );
    }
    out.push_str("</form>");
    out
}

/// Every outage with a link to each of its moments.
fn outages(view: &View) -> String {
    let mut out = String::from(
        "<h2>Outages</h2><p>Each moment opens the outage's page and its notice as they are then.</p><table><thead><tr><th>Outage</th><th>Now</th><th>Time travel</th></tr></thead><tbody>",
    );
    for plan in &view.plans {
        let title = view.site.outage(&plan.id).map_or("", |o| o.title.as_str());
        let _ = write!(
            out,
            "<tr id=\"outage-{id}\"><td>{}<br><small>{id} · {}</small></td><td>{}{}</td><td>{}</td></tr>",
            escape_html(title),
            plan.kind.as_str(),
            words::status_name(plan.status, Language::En),
            if plan.published {
                "<br><strong>on the site</strong>"
            } else {
                ""
            },
            view.stop_links(plan),
            id = escape_html(&plan.id),
        );
    }
    if view.plans.is_empty() {
        out.push_str("<tr><td colspan=\"3\">No outages yet: add a file under <code>outages/</code>.</td></tr>");
    }
    out.push_str("</tbody></table>");
    out
}

/// The moments of `plan` as time-travel links to its outage view; the one
/// at `current` is marked.
fn stop_links(plan: &OutagePlan, current: DateTime<Tz>) -> String {
    let mut out = String::from("<ul class=\"stops\">");
    for stop in travel::stops(plan) {
        let href = Moment::chosen(stop.at).link(&format!("/_varsel/outage/{}", plan.id));
        let here = if stop.at == current {
            " aria-current=\"true\""
        } else {
            ""
        };
        let _ = write!(
            out,
            "<li><a class=\"travel\" href=\"{}\"{here}>{}<br><small>{}</small></a></li>",
            escape_html(&href),
            escape_html(&stop.what.join(" · ")),
            escape_html(&human(&stop.at)),
        );
    }
    out.push_str("</ul>");
    out
}

/// Every notice by due time.
fn notices(view: &View) -> String {
    let mut out = String::from(
        "<h2>Notices</h2><table><thead><tr><th>Due</th><th>Outage</th><th>Notice</th><th>State</th><th>Preview</th></tr></thead><tbody>",
    );
    let mut rows: Vec<(&OutagePlan, &Notice)> = view
        .plans
        .iter()
        .flat_map(|p| p.notices.iter().map(move |n| (p, n)))
        .collect();
    rows.sort_by_key(|(p, n)| (n.due, p.id.clone()));
    let late = crate::overdue::overdue(
        &view.plans,
        view.site.now,
        crate::overdue::DASHBOARD_THRESHOLD,
    );
    for (plan, notice) in &rows {
        let state = state_word(notice.state);
        let overdue = late
            .iter()
            .find(|o| o.id == plan.id && o.kind == notice.kind)
            .map_or(String::new(), |o| {
                format!(
                    " <strong class=\"overdue\">overdue: {} late</strong>",
                    o.late_text()
                )
            });
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"{state}\">{state}{overdue}<br><small>{}</small></td><td><a href=\"{}\">subject, text and HTML</a></td></tr>",
            rfc3339(&notice.due),
            escape_html(&plan.id),
            notice.revision.map_or_else(
                || notice.kind.as_str().to_string(),
                |r| format!("{} #{r}", notice.kind.as_str())
            ),
            escape_html(&notice.reason),
            escape_html(&view.moment.link(&email_preview::href(&plan.id, notice)))
        );
    }
    if rows.is_empty() {
        out.push_str("<tr><td colspan=\"5\">No outage needs a notice.</td></tr>");
    }
    out.push_str("</tbody></table>");
    out
}

/// Every outage's page and its publish window.
fn pages(view: &View) -> String {
    let mut out = String::from(
        "<h2>Pages</h2><table><thead><tr><th>Outage</th><th>Status</th><th>Working minutes</th><th>Notice required</th><th>Page published</th></tr></thead><tbody>",
    );
    for plan in &view.plans {
        let title = view.site.outage(&plan.id).map_or("", |o| o.title.as_str());
        let window = plan.publish.map_or("never".to_string(), |w| {
            format!(
                "{} → {}",
                rfc3339(&w.from),
                w.until.map_or("open".into(), |u| rfc3339(&u))
            )
        });
        let on_site = if plan.published {
            format!(
                " <strong>(<a href=\"{}\">on the site now</a>)</strong>",
                escape_html(&view.moment.link(&format!("/outages/{}/", plan.id)))
            )
        } else {
            String::new()
        };
        let _ = write!(
            out,
            "<tr><td>{} <small>({})</small><br><small class=\"told\">{}</small></td><td>{}</td><td>{}</td><td>{}</td><td>{window}{on_site}</td></tr>",
            escape_html(title),
            escape_html(&plan.id),
            escape_html(&words::told(
                plan.told.as_ref(),
                &view.site.now,
                Language::En
            )),
            words::status_name(plan.status, Language::En),
            plan.working_minutes
                .map_or("unknown (no end)".into(), |m| m.to_string()),
            if plan.notice_required { "yes" } else { "no" },
        );
    }
    out.push_str("</tbody></table>");
    out
}

/// One outage at the request's moment: its moments, its page as the site
/// shows it then, and the notice staff last got (or get next).
fn outage_page(view: &View, id: &str) -> Result<String, String> {
    let plan = view
        .plan(id)
        .ok_or_else(|| format!("no valid outage `{id}`"))?;
    let outage = view
        .site
        .outage(id)
        .ok_or_else(|| format!("no valid outage `{id}`"))?;
    let moment = &view.moment;
    let mut body = String::new();
    let _ = write!(
        body,
        "<p><a href=\"{}\">← Dashboard</a></p><h1>{}</h1><p>As of <strong>{}</strong> <small>({})</small>: {}.</p>{}",
        escape_html(&moment.link("/_varsel/")),
        escape_html(&outage.title),
        human(&moment.at),
        rfc3339(&moment.at),
        words::status_name(plan.status, Language::En),
        view.stop_links(plan),
    );
    let page = format!("/outages/{id}/");
    body.push_str("<div class=\"pair\"><section>");
    if plan.published {
        let _ = write!(
            body,
            "<h2>The page on the site</h2><p><a href=\"{0}\">Open the page</a></p><iframe id=\"page\" title=\"The outage page\" src=\"{0}\"></iframe>",
            escape_html(&moment.link(&page)),
        );
    } else {
        let never = if plan.status == crate::schedule::Status::Cancelled {
            "it was cancelled before staff were told, so it is never published"
        } else {
            "no notice is required, so it is never published"
        };
        let when = plan.publish.map_or(never.to_string(), |w| {
            format!(
                "it is published from {} until {}",
                human(&w.from),
                w.until.map_or("`ended` is set".into(), |u| human(&u))
            )
        });
        let _ = write!(
            body,
            "<h2>The page on the site</h2><p>Not on the site at this moment: {}.</p>",
            escape_html(&when)
        );
    }
    body.push_str("</section><section>");
    match travel::notice_at(plan, moment.at) {
        Some(notice) => {
            let (subject, email) = email_preview::render(&view.site, id, notice)?;
            let _ = write!(
                body,
                "<h2>The {} notice <small>({} · {})</small></h2><p><a href=\"{}\">Open this notice on its own</a></p><h3>{}</h3>{email}",
                notice.kind.as_str(),
                state_word(notice.state),
                escape_html(&human(&notice.due)),
                escape_html(&moment.link(&email_preview::href(id, notice))),
                escape_html(&subject),
            );
        }
        None => body.push_str("<h2>Notices</h2><p>Staff get no notice about this outage.</p>"),
    }
    body.push_str("</section></div>");
    Ok(wrap(&outage.title, &body, view.generation))
}

fn wrap(title: &str, body: &str, generation: u64) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{}</title><link rel=\"icon\" href=\"data:,\"><style>{STYLE}</style></head><body><main>{body}</main><script src=\"/_varsel/reload.js\" data-generation=\"{generation}\"></script></body></html>",
        escape_html(title)
    )
}

const STYLE: &str = "body{font:16px/1.5 system-ui,sans-serif;max-width:75rem;margin:1rem auto;padding:0 1rem;color:#1a1a1a}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ccc;padding:.3rem;text-align:left;vertical-align:top}pre{background:#f4f4f4;padding:1rem;overflow:auto;white-space:pre-wrap}.problems,.error{background:#fff0ee;border-left:4px solid #b00020;padding:.3rem .6rem}.due{font-weight:bold;color:#8a4b00}.overdue{font-weight:bold;color:#b00020}.sent{color:#1b5e20}.stale,.skipped{color:#666}iframe{width:100%;height:40rem;border:1px solid #ccc}a{color:#0b5394}.stops{list-style:none;display:flex;flex-wrap:wrap;gap:.4rem;padding:0;margin:0}.stops a{display:block;border:1px solid #9db6d3;border-radius:4px;padding:.2rem .5rem;text-decoration:none;font-size:.9rem}.stops a[aria-current]{background:#0b5394;color:#fff}.pair section{min-width:0}@media (min-width:60rem){.pair{display:grid;grid-template-columns:1fr 1fr;gap:1.5rem}}";

/// The email page of one notice.
fn email_page(view: &View, id: &str, kind: &str, revision: Option<u32>) -> Result<String, String> {
    let kind = NoticeKind::parse(kind).ok_or_else(|| format!("unknown notice kind `{kind}`"))?;
    let notice = view
        .plan(id)
        .ok_or_else(|| format!("no valid outage `{id}`"))?
        .notices
        .iter()
        .find(|n| n.kind == kind && (revision.is_none() || n.revision == revision))
        .ok_or_else(|| {
            format!(
                "outage `{id}` has no `{}` notice at this moment",
                kind.as_str()
            )
        })?;
    let (subject, email) = email_preview::render(&view.site, id, notice)?;
    let moment = &view.moment;
    let page = format!(
        "<p><a href=\"{}\">← Dashboard</a> · <a href=\"{}\">the outage at this moment</a></p><h1>{}</h1><p>The <code>{}</code> notice of <code>{}</code> as <code>varsel send</code> renders it at {} ({}), as of {}.</p>{email}",
        escape_html(&moment.link("/_varsel/")),
        escape_html(&moment.link(&format!("/_varsel/outage/{id}"))),
        escape_html(&subject),
        kind.as_str(),
        escape_html(id),
        rfc3339(&email_preview::sending_time(notice, view.site.now)),
        state_word(notice.state),
        human(&moment.at),
    );
    Ok(wrap(&subject, &page, view.generation))
}
