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
use crate::catalogue::dashboard as msg;
use crate::config::Language;
use crate::ledger::{self, Ledger};
use crate::localtime::rfc3339;
use crate::outage::Kind;
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
    /// The language of the dashboard (`--lang`, else the site's).
    lang: Language,
}

/// Answers a request under `/_varsel/`.
pub(super) fn handle(path: &str, query: &str, state: &State) -> Answer {
    let l = crate::catalogue::language();
    let view = match View::load(state, query, l) {
        Ok(view) => view,
        Err(e) => return unavailable(state, &e, l),
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
            Err(_) => text(404, &msg::revision_number(l)),
        },
        _ => text(404, &msg::no_such_page(l)),
    }
}

/// The dashboard while nothing can be shown: why, the problems, and the
/// reload script, so that the page recovers by itself once a file is fixed.
fn unavailable(state: &State, why: &str, l: Language) -> Answer {
    let snapshot = state.current();
    let mut body = format!(
        "<h1>{}</h1><p>{}</p>",
        escape_html(&msg::title(l)),
        escape_html(why)
    );
    body.push_str(&problems(&snapshot, l));
    let page = wrap(&msg::tab_title(l), &body, snapshot.generation, l);
    html(503, page)
}

/// The problems of the latest reload, if any, under their heading.
fn problems(snapshot: &super::Snapshot, l: Language) -> String {
    State::overlay_text(snapshot).map_or(String::new(), |text| {
        format!(
            "<h2>{}</h2><pre class=\"problems\">{}</pre>",
            escape_html(&msg::problems(l)),
            escape_html(&text)
        )
    })
}

impl View {
    /// The last good site at the moment `query` asks for, and its plan.
    fn load(state: &State, query: &str, lang: Language) -> Result<View, String> {
        let snapshot = state.current();
        let site = snapshot
            .site
            .clone()
            .ok_or_else(|| msg::site_unloadable(lang))?;
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
            lang,
        })
    }

    fn plan(&self, id: &str) -> Option<&OutagePlan> {
        self.plans.iter().find(|p| p.id == id)
    }

    /// The moments of `plan` as time-travel links (from everything known).
    fn stop_links(&self, plan: &OutagePlan) -> String {
        let known = self.known.iter().find(|k| k.id == plan.id).unwrap_or(plan);
        stop_links(known, self.moment.at, self.lang)
    }

    /// A time in words as `plan` writes them ("torsdag 3. desember kl.
    /// 18:00"), the year only when it is not the moment's.
    fn when(&self, t: &DateTime<Tz>) -> String {
        words::long_time(t, &self.moment.at, self.lang)
    }

    /// A time in words inside a `<time>` element (RFC 3339 for machines).
    fn time(&self, t: &DateTime<Tz>) -> String {
        time_element(t, &self.when(t))
    }
}

/// `<time datetime="RFC 3339">words</time>`; the words never break inside
/// a token.
fn time_element(t: &DateTime<Tz>, words: &str) -> String {
    format!(
        "<time datetime=\"{}\">{}</time>",
        rfc3339(t),
        escape_html(words)
    )
}

/// The plan of `site` at its `now` with what the ledger says was sent by
/// then (a moment in the past shows the notices as they stood then), and
/// with everything the ledger says (which notices an outage has at all),
/// planned no earlier than the last record: a plan at a moment before
/// what the ledger holds would see notices told "in the future".
pub(super) fn plans(site: &Site) -> Result<(Vec<OutagePlan>, Vec<OutagePlan>), String> {
    let ledger = Ledger::read(&site.root.join(ledger::DEFAULT_FILE))
        .map_err(|e| msg::ledger_unreadable(crate::catalogue::language(), e))?;
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

/// A moment for people, with its year: "tirsdag 1. juni 2027 kl. 12:00" /
/// "Tuesday 1 June 2027 12:00".
pub(super) fn human(at: &DateTime<Tz>, l: Language) -> String {
    at.format_localized(&msg::moment_pattern(l), words::locale(l))
        .to_string()
}

/// A notice kind in words ("ferdig før tiden" / "finished early"), with its
/// revision.
fn notice_words(notice: &Notice, l: Language) -> String {
    let name = words::notice_name(notice.kind, l);
    notice
        .revision
        .map_or_else(|| name.to_string(), |r| format!("{name} #{r}"))
}

/// An outage kind in words.
fn kind_words(kind: Kind, l: Language) -> String {
    match kind {
        Kind::Planned => msg::kind_planned(l),
        Kind::Acute => msg::kind_acute(l),
    }
}

fn dashboard(view: &View, state: &State) -> String {
    let l = view.lang;
    let snapshot = state.current();
    let moment = &view.moment;
    let mut body = String::new();
    let at = format!(
        "<strong>{}</strong>",
        time_element(&moment.at, &human(&moment.at, l))
    );
    let _ = write!(
        body,
        "<h1>{}</h1><p>{} <a href=\"{}\">{}</a></p>",
        escape_html(&msg::title(l)),
        escape_html(&msg::intro(l, "\u{1}")).replace('\u{1}', &at),
        escape_html(&moment.link("/")),
        escape_html(&msg::open_site(l)),
    );
    body.push_str(&travel_form(view));
    body.push_str(&problems(&snapshot, l));
    body.push_str(&overruns(view));
    body.push_str(&outages(view));
    body.push_str(&notices(view));
    body.push_str(&pages(view));
    wrap(&msg::tab_title(l), &body, view.generation, l)
}

/// The time-travel form, with the error of a `now=` that is not a time.
fn travel_form(view: &View) -> String {
    let l = view.lang;
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
        None => escape_html(&msg::the_clock(l)),
    };
    let mut out = format!(
        "<form method=\"get\" action=\"/_varsel/\"><label for=\"now\">{}</label> <input id=\"now\" name=\"now\" value=\"{}\" placeholder=\"{}\"{invalid}> <button>{}</button> ",
        escape_html(&msg::travel_label(l)),
        escape_html(&value),
        escape_html(&msg::travel_placeholder(l)),
        escape_html(&msg::travel_button(l)),
    );
    // `default` is markup already; the sentence around it is escaped.
    let around = |text: String| escape_html(&text).replace('\u{1}', &default);
    if moment.chosen {
        let _ = write!(
            out,
            "<a href=\"/_varsel/\">{}</a>",
            around(msg::back_to_default(l, "\u{1}"))
        );
    } else {
        let _ = write!(
            out,
            "<small>{}</small>",
            around(msg::default_moment(l, "\u{1}"))
        );
    }
    if let Some((given, why)) = &moment.error {
        let _ = write!(
            out,
            "<p id=\"now-error\" class=\"error\" role=\"alert\"><code>{}</code>: {}</p>",
            escape_html(given),
            escape_html(&msg::bad_moment(l, why))
        );
    }
    out.push_str("</form>");
    out
}

/// The outages staff were told about whose expected end passed without
/// `ended` (SPEC §7 `OVERRUN`), in a box of their own.
fn overruns(view: &View) -> String {
    let l = view.lang;
    let late = crate::overdue::overruns(
        &view.plans,
        view.site.now,
        crate::overdue::DASHBOARD_THRESHOLD,
    );
    if late.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "<section class=\"overrun\" id=\"overrun\"><h2>{}</h2><ul>",
        escape_html(&msg::overrun_heading(l))
    );
    for o in &late {
        let title = view.site.outage(&o.id).map_or("", |o| o.title.as_str());
        let _ = write!(
            out,
            "<li><a href=\"#outage-{}\">{}</a></li>",
            escape_html(&o.id),
            escape_html(&msg::overrun(l, title, view.when(&o.end), o.ago_words())),
        );
    }
    out.push_str("</ul></section>");
    out
}

/// A section's heading, its `intro` paragraph if any, and the head of its
/// table with `columns`, each text escaped; the rows and `</tbody></table>`
/// are the caller's.
fn table_start(heading: &str, intro: Option<&str>, columns: &[String]) -> String {
    let mut out = format!("<h2>{}</h2>", escape_html(heading));
    if let Some(intro) = intro {
        let _ = write!(out, "<p>{}</p>", escape_html(intro));
    }
    out.push_str("<table><thead><tr>");
    for column in columns {
        let _ = write!(out, "<th>{}</th>", escape_html(column));
    }
    out.push_str("</tr></thead><tbody>");
    out
}

/// Every outage with a link to each of its moments.
fn outages(view: &View) -> String {
    let l = view.lang;
    let mut out = table_start(
        &msg::outages_heading(l),
        Some(&msg::outages_intro(l)),
        &[msg::col_outage(l), msg::col_now(l), msg::col_travel(l)],
    );
    let late = crate::overdue::overruns(
        &view.plans,
        view.site.now,
        crate::overdue::DASHBOARD_THRESHOLD,
    );
    for plan in &view.plans {
        let title = view.site.outage(&plan.id).map_or("", |o| o.title.as_str());
        let on_site = if plan.published {
            format!("<br><strong>{}</strong>", escape_html(&msg::on_the_site(l)))
        } else {
            String::new()
        };
        let overrun = late
            .iter()
            .find(|o| o.id == plan.id)
            .map_or(String::new(), |o| {
                format!(
                    "<br><strong class=\"overdue\">{}</strong>",
                    escape_html(&msg::overrun_short(l, o.ago_words()))
                )
            });
        let _ = write!(
            out,
            "<tr id=\"outage-{id}\"><td>{}<br><small>{id} · {}</small></td><td>{}{on_site}{overrun}</td><td>{}</td></tr>",
            escape_html(title),
            escape_html(&kind_words(plan.kind, l)),
            escape_html(words::status_name(plan.status, l)),
            view.stop_links(plan),
            id = escape_html(&plan.id),
        );
    }
    if view.plans.is_empty() {
        let _ = write!(
            out,
            "<tr><td colspan=\"3\">{}</td></tr>",
            escape_html(&msg::no_outages(l))
        );
    }
    out.push_str("</tbody></table>");
    out
}

/// The moments of `plan` as time-travel links to its outage view; the one
/// at `current` is marked.
fn stop_links(plan: &OutagePlan, current: DateTime<Tz>, l: Language) -> String {
    let mut out = String::from("<ul class=\"stops\">");
    for stop in travel::stops(plan, l, current) {
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
            time_element(&stop.at, &words::long_time(&stop.at, &current, l)),
        );
    }
    out.push_str("</ul>");
    out
}

/// Every notice by due time.
fn notices(view: &View) -> String {
    let l = view.lang;
    let mut out = table_start(
        &msg::notices_heading(l),
        None,
        &[
            msg::col_due(l),
            msg::col_outage(l),
            msg::col_notice(l),
            msg::col_state(l),
            msg::col_preview(l),
        ],
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
        let class = notice_state_class(notice.state);
        let overdue = late
            .iter()
            .find(|o| o.id == plan.id && o.kind == notice.kind)
            .map_or(String::new(), |o| {
                format!(
                    " <strong class=\"overdue\">{}</strong>",
                    escape_html(&msg::overdue(l, o.late_words()))
                )
            });
        let _ = write!(
            out,
            "<tr><td class=\"when\">{}</td><td>{}</td><td>{}</td><td class=\"{class}\">{}{overdue}<br><small>{}</small></td><td><a href=\"{}\">{}</a></td></tr>",
            view.time(&notice.due),
            escape_html(&plan.id),
            escape_html(&notice_words(notice, l)),
            escape_html(words::state_name(notice.state, l)),
            escape_html(&notice.why_text(l)),
            escape_html(&view.moment.link(&email_preview::href(&plan.id, notice))),
            escape_html(&msg::preview_link(l)),
        );
    }
    if rows.is_empty() {
        let _ = write!(
            out,
            "<tr><td colspan=\"5\">{}</td></tr>",
            escape_html(&msg::no_notices(l))
        );
    }
    out.push_str("</tbody></table>");
    out
}

/// The CSS class of a notice state (its SPEC §6 name).
fn notice_state_class(state: NoticeState) -> &'static str {
    match state {
        NoticeState::Scheduled => "scheduled",
        NoticeState::Due => "due",
        NoticeState::Sent => "sent",
        NoticeState::Skipped => "skipped",
        NoticeState::Stale => "stale",
    }
}

/// Every outage's page and its publish window.
fn pages(view: &View) -> String {
    let l = view.lang;
    let mut out = table_start(
        &msg::pages_heading(l),
        None,
        &[
            msg::col_outage(l),
            msg::col_status(l),
            msg::col_minutes(l),
            msg::col_required(l),
            msg::col_published(l),
        ],
    );
    for plan in &view.plans {
        let title = view.site.outage(&plan.id).map_or("", |o| o.title.as_str());
        let window = plan.publish.map_or(escape_html(&msg::never(l)), |w| {
            format!(
                "{} → {}",
                view.time(&w.from),
                w.until
                    .map_or(escape_html(&msg::open_ended(l)), |u| view.time(&u))
            )
        });
        let on_site = if plan.published {
            format!(
                " <strong>(<a href=\"{}\">{}</a>)</strong>",
                escape_html(&view.moment.link(&format!("/outages/{}/", plan.id))),
                escape_html(&msg::on_the_site_now(l)),
            )
        } else {
            String::new()
        };
        let _ = write!(
            out,
            "<tr><td>{} <small>({})</small><br><small class=\"told\">{}</small></td><td>{}</td><td>{}</td><td>{}</td><td>{window}{on_site}</td></tr>",
            escape_html(title),
            escape_html(&plan.id),
            escape_html(&words::told(plan.told.as_ref(), &view.site.now, l)),
            escape_html(words::status_name(plan.status, l)),
            plan.working_minutes
                .map_or(msg::minutes_unknown(l), |m| m.to_string()),
            if plan.notice_required {
                msg::yes(l)
            } else {
                msg::no(l)
            },
        );
    }
    out.push_str("</tbody></table>");
    out
}

/// One outage at the request's moment: its moments, its page as the site
/// shows it then, and the notice staff last got (or get next).
fn outage_page(view: &View, id: &str) -> Result<String, String> {
    let l = view.lang;
    let plan = view.plan(id).ok_or_else(|| msg::no_such_outage(l, id))?;
    let outage = view
        .site
        .outage(id)
        .ok_or_else(|| msg::no_such_outage(l, id))?;
    let moment = &view.moment;
    let mut body = String::new();
    let at = format!(
        "<strong>{}</strong>",
        time_element(&moment.at, &human(&moment.at, l))
    );
    let _ = write!(
        body,
        "<p><a href=\"{}\">{}</a></p><h1>{}</h1><p>{}</p>{}",
        escape_html(&moment.link("/_varsel/")),
        escape_html(&msg::back(l)),
        escape_html(&outage.title),
        escape_html(&msg::as_of(l, "\u{1}", words::status_name(plan.status, l)))
            .replace('\u{1}', &at),
        view.stop_links(plan),
    );
    let page = format!("/outages/{id}/");
    body.push_str("<div class=\"pair\"><section>");
    if plan.published {
        let _ = write!(
            body,
            "<h2>{}</h2><p><a href=\"{href}\">{}</a></p><iframe id=\"page\" title=\"{}\" src=\"{href}\"></iframe>",
            escape_html(&msg::page_heading(l)),
            escape_html(&msg::open_page(l)),
            escape_html(&msg::page_frame(l)),
            href = escape_html(&moment.link(&page)),
        );
    } else {
        let never = if plan.status == crate::schedule::Status::Cancelled {
            msg::never_cancelled(l)
        } else {
            msg::never_not_required(l)
        };
        let when = plan.publish.map_or(never, |w| {
            let until = w
                .until
                .map_or(msg::open_ended(l), |u| msg::until(l, view.when(&u)));
            msg::published_from(l, view.when(&w.from), until)
        });
        let _ = write!(
            body,
            "<h2>{}</h2><p>{}</p>",
            escape_html(&msg::page_heading(l)),
            escape_html(&msg::not_on_site(l, when))
        );
    }
    body.push_str("</section><section>");
    match travel::notice_at(plan, moment.at) {
        Some(notice) => {
            let (subject, email) = email_preview::render(&view.site, id, notice, l)?;
            let _ = write!(
                body,
                "<h2>{} <small>({} · {})</small></h2><p><a href=\"{}\">{}</a></p><h3>{}</h3>{email}",
                escape_html(&msg::the_notice(l, notice_words(notice, l))),
                escape_html(words::state_name(notice.state, l)),
                view.time(&notice.due),
                escape_html(&moment.link(&email_preview::href(id, notice))),
                escape_html(&msg::open_notice(l)),
                escape_html(&subject),
            );
        }
        None => {
            let _ = write!(
                body,
                "<h2>{}</h2><p>{}</p>",
                escape_html(&msg::notices_heading(l)),
                escape_html(&msg::no_notice(l))
            );
        }
    }
    body.push_str("</section></div>");
    Ok(wrap(&outage.title, &body, view.generation, l))
}

fn wrap(title: &str, body: &str, generation: u64, l: Language) -> String {
    format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{}</title><link rel=\"icon\" href=\"data:,\"><style>{STYLE}</style></head><body><main>{body}</main><script src=\"/_varsel/reload.js\" data-generation=\"{generation}\"></script></body></html>",
        l.tag(),
        escape_html(title)
    )
}

const STYLE: &str = "body{font:16px/1.5 system-ui,sans-serif;max-width:75rem;margin:1rem auto;padding:0 1rem;color:#1a1a1a}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ccc;padding:.3rem;text-align:left;vertical-align:top}pre{background:#f4f4f4;padding:1rem;overflow:auto;white-space:pre-wrap}.problems,.error{background:#fff0ee;border-left:4px solid #b00020;padding:.3rem .6rem}.due{font-weight:bold;color:#8a4b00}.overdue{font-weight:bold;color:#b00020}.sent{color:#1b5e20}.stale,.skipped{color:#666}main time,.when{white-space:nowrap}.overrun{background:#fff4e5;border-left:4px solid #8a4b00;padding:.3rem .6rem}iframe{width:100%;height:40rem;border:1px solid #ccc}a{color:#0b5394}.stops{list-style:none;display:flex;flex-wrap:wrap;gap:.4rem;padding:0;margin:0}.stops a{display:block;border:1px solid #9db6d3;border-radius:4px;padding:.2rem .5rem;text-decoration:none;font-size:.9rem}.stops a[aria-current]{background:#0b5394;color:#fff}.pair section{min-width:0}@media (min-width:60rem){.pair{display:grid;grid-template-columns:1fr 1fr;gap:1.5rem}}";

/// The email page of one notice.
fn email_page(view: &View, id: &str, kind: &str, revision: Option<u32>) -> Result<String, String> {
    let l = view.lang;
    let kind = NoticeKind::parse(kind).ok_or_else(|| msg::unknown_kind(l, kind))?;
    let notice = view
        .plan(id)
        .ok_or_else(|| msg::no_such_outage(l, id))?
        .notices
        .iter()
        .find(|n| n.kind == kind && (revision.is_none() || n.revision == revision))
        .ok_or_else(|| msg::no_such_notice(l, id, kind.as_str()))?;
    let (subject, email) = email_preview::render(&view.site, id, notice, l)?;
    let moment = &view.moment;
    let sending = email_preview::sending_time(notice, view.site.now);
    let intro = msg::email_intro(
        l,
        notice_words(notice, l),
        id,
        view.when(&sending),
        words::state_name(notice.state, l),
        human(&moment.at, l),
    );
    let page = format!(
        "<p><a href=\"{}\">{}</a> · <a href=\"{}\">{}</a></p><h1>{}</h1><p>{}</p>{email}",
        escape_html(&moment.link("/_varsel/")),
        escape_html(&msg::back(l)),
        escape_html(&moment.link(&format!("/_varsel/outage/{id}"))),
        escape_html(&msg::outage_at_moment(l)),
        escape_html(&subject),
        escape_html(&intro),
    );
    Ok(wrap(&subject, &page, view.generation, l))
}
