//! The preview's HTTP side: serves the in-memory site at the moment each
//! request asks for (`?now=`, carried on its links), injects the
//! live-reload script, the preview note and the error overlay into HTML,
//! streams reload events, and refuses anything outside the build.

use std::io::Write;
use std::sync::Arc;
use std::sync::mpsc::channel;

use tiny_http::{Method, Request, Response};

use super::moment::Moment;
use super::response::{Answer, send, text, with_type};
use super::{Snapshot, State, dashboard, offer};
use crate::catalogue::{Language, dashboard as msg, language};
use crate::localtime::rfc3339;
use crate::render::escape_html;

/// Handles requests until the server stops, one thread per request (the
/// event streams are long-lived).
pub(super) fn run(server: tiny_http::Server, state: Arc<State>) {
    for request in server.incoming_requests() {
        let state = Arc::clone(&state);
        std::thread::spawn(move || handle(request, &state));
    }
}

fn handle(request: Request, state: &State) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        send(request, text(405, &msg::only_get(language())));
        return;
    }
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    match path {
        "/_varsel/events" => events(request, state),
        "/_varsel/reload.js" => {
            send(
                request,
                with_type(
                    Response::from_string(RELOAD_JS),
                    "text/javascript; charset=utf-8",
                ),
            );
        }
        p if p == "/_varsel" || p.starts_with("/_varsel/") => {
            let response = dashboard::handle(p, query, state);
            send(request, response);
        }
        _ => {
            send(request, page(path, query, state));
        }
    }
}

/// The output path for a URL path, or `None` when it tries to leave the build.
pub(super) fn resolve(path: &str) -> Option<String> {
    let decoded = percent_decode(path)?;
    if decoded.contains('\\') || decoded.contains('\0') {
        return None;
    }
    let mut parts = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return None,
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    if decoded.ends_with('/') || out.is_empty() {
        if !out.is_empty() {
            out.push('/');
        }
        out.push_str("index.html");
    }
    Some(out)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn page(path: &str, query: &str, state: &State) -> Answer {
    let l = language();
    let snapshot = state.current();
    let moment = snapshot
        .site
        .as_ref()
        .map(|site| Moment::from_query(query, site.now, site.config.timezone));
    let Some(key) = resolve(path) else {
        return text(400, &msg::outside_site(l));
    };
    let at = moment.as_ref().map(|m| m.at);
    // A moment travelled to (`?now=` or `--now`) shows the files as staff
    // saw them then; the clock's own moment shows them as they are.
    let as_then = state.now.is_some() || moment.as_ref().is_some_and(|m| m.chosen);
    // `/outages/x` without the slash: serve the folder's index.
    let found = [key.clone(), format!("{key}/index.html")]
        .into_iter()
        .map(|k| match at {
            Some(at) => snapshot
                .page(&k, state.renderer, at, as_then)
                .map(|page| page.map(|p| (k, p))),
            None => Ok(None),
        })
        .find(|r| !matches!(r, Ok(None)))
        .unwrap_or(Ok(None));
    let shown = Shown {
        snapshot: &snapshot,
        moment: moment.as_ref(),
        fixed: state.now.is_some(),
        lang: l,
    };
    match found {
        Ok(Some((key, body))) => {
            let content_type = content_type(&key);
            let body = if content_type.starts_with("text/html") {
                shown.inject(&body, key == "index.html")
            } else {
                body.to_vec()
            };
            with_type(Response::from_data(body), content_type)
        }
        Ok(None) => html_message(
            404,
            &msg::not_found(l),
            &format!(
                "<p>{}</p>",
                escape_html(&msg::not_in_site(l, "\u{1}"))
                    .replace('\u{1}', &format!("<code>{}</code>", escape_html(path)))
            ),
            &shown,
        ),
        Err(e) => html_message(
            500,
            &msg::render_failed(l),
            &format!("<pre>{}</pre>", escape_html(&e)),
            &shown,
        ),
    }
}

/// A small HTML page (the doctype first, a `<head>` for the preview's
/// additions) that still carries the reload script and the overlay, so the
/// browser recovers by itself once the file is fixed. `body` is markup.
fn html_message(status: u16, title: &str, body: &str, shown: &Shown) -> Answer {
    let l = shown.lang;
    let page = format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{title}</title><link rel=\"icon\" href=\"data:,\"></head><body><main><h1>{title}</h1>{body}<p><a href=\"/\">{}</a> · <a href=\"/_varsel/\">{}</a></p></main></body></html>",
        l.tag(),
        escape_html(&msg::front_page(l)),
        escape_html(&msg::dashboard_link(l)),
        title = escape_html(title),
    );
    with_type(
        Response::from_data(shown.inject(page.as_bytes(), false)),
        "text/html; charset=utf-8",
    )
    .with_status_code(status)
}

/// A page of the preview as one request sees it: the snapshot and the
/// moment it asked for (`None` before anything could be loaded).
struct Shown<'a> {
    snapshot: &'a Snapshot,
    moment: Option<&'a Moment>,
    /// True when the default moment is fixed (`--now`), not the clock.
    fixed: bool,
    /// The language of the preview's own words.
    lang: Language,
}

impl Shown<'_> {
    /// Carries the moment on every internal link; on the index, puts the
    /// moments to travel to first when nothing is published; and adds the
    /// preview note, the reload script (and the overlay when the build has
    /// problems) before `</body>`, or at the end.
    fn inject(&self, body: &[u8], index: bool) -> Vec<u8> {
        let html = String::from_utf8_lossy(body);
        let html = match self.moment {
            Some(moment) => moment.carry(&html),
            None => html.into_owned(),
        };
        let html = match self.moment.filter(|_| index).and_then(|moment| {
            self.snapshot.index_note(moment.at, moment.chosen, || {
                let site = self.snapshot.site_as_then(moment.at)?;
                offer::nothing_published(&site, moment, self.lang)
            })
        }) {
            Some(block) => at_top(&html, &["<main", "<body"], &block),
            None => html,
        };
        // A fixed moment (`?now=` or `--now`) sets the page's own clock too,
        // so that the theme's script does not hide what was published then.
        let html = match self.moment.filter(|m| m.chosen || self.fixed) {
            Some(moment) => at_top(
                &html,
                &["<head"],
                &format!(
                    "<meta name=\"varsel-now\" content=\"{}\">",
                    rfc3339(&moment.at)
                ),
            ),
            None => html,
        };
        let mut extra = format!(
            "<script src=\"/_varsel/reload.js\" data-generation=\"{}\"></script>",
            self.snapshot.generation
        );
        if let Some(moment) = self.moment {
            extra.push_str(&preview_bar(moment, self.lang));
        }
        if let Some(text) = State::overlay_text(self.snapshot) {
            extra.push_str(&overlay_html(&text, self.lang));
        }
        let at = html.rfind("</body>").unwrap_or(html.len());
        let mut out = String::with_capacity(html.len() + extra.len());
        out.push_str(&html[..at]);
        out.push_str(&extra);
        out.push_str(&html[at..]);
        out.into_bytes()
    }
}

/// `html` with `block` first inside the first of `tags` it has (for
/// example `<main>`, else `<body>`), or at the very start.
fn at_top(html: &str, tags: &[&str], block: &str) -> String {
    let open = tags.iter().find_map(|tag| {
        let start = html.match_indices(tag).map(|(i, _)| i).find(|i| {
            // `<head>` or `<head lang…>`, not `<header>`.
            html[i + tag.len()..].starts_with(|c: char| c == '>' || c.is_whitespace())
        })?;
        html[start..].find('>').map(|end| start + end + 1)
    });
    let at = open.unwrap_or(0);
    format!("{}{block}{}", &html[..at], &html[at..])
}

/// The preview's corner note: the moment shown and the way to the
/// dashboard's time travel; a `now=` that is not a time is said here.
fn preview_bar(moment: &Moment, l: Language) -> String {
    let error = moment.error.as_ref().map_or(String::new(), |(given, why)| {
        format!(
            "<br><strong>{}</strong>: {}",
            escape_html(&msg::corner_bad_moment(l, given)),
            escape_html(why)
        )
    });
    format!(
        "<div id=\"varsel-preview\" style=\"position:fixed;right:.5rem;bottom:.5rem;z-index:2147483646;max-width:30rem;background:#fff;color:#1a1a1a;border:1px solid #0b5394;border-radius:4px;padding:.3rem .6rem;font:13px/1.4 system-ui,sans-serif;box-shadow:0 1px 4px rgba(0,0,0,.2)\" lang=\"{}\">{} · <a href=\"{}\" style=\"color:#0b5394\">{}</a>{error}</div>",
        l.tag(),
        escape_html(&msg::corner(l, "\u{1}")).replace(
            '\u{1}',
            &format!(
                "<strong><time datetime=\"{}\">{}</time></strong>",
                rfc3339(&moment.at),
                escape_html(&dashboard::human(&moment.at, l))
            )
        ),
        escape_html(&moment.link("/_varsel/")),
        escape_html(&msg::corner_link(l)),
    )
}

/// The error overlay: diagnostics over the last good page.
pub(super) fn overlay_html(text: &str, l: Language) -> String {
    format!(
        "<div id=\"varsel-overlay\" lang=\"{}\" role=\"alertdialog\" aria-labelledby=\"varsel-overlay-title\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.93);color:#fff;padding:2rem;font:14px/1.5 ui-monospace,monospace\"><h2 id=\"varsel-overlay-title\" style=\"color:#ffb4a8;font:bold 1.2rem system-ui,sans-serif\">{}</h2><pre style=\"white-space:pre-wrap\">{}</pre><p style=\"font-family:system-ui,sans-serif\">{} <button type=\"button\" onclick=\"this.closest('#varsel-overlay').remove()\">{}</button></p></div>",
        l.tag(),
        escape_html(&msg::overlay_title(l)),
        escape_html(text),
        escape_html(&msg::overlay_fix(l)),
        escape_html(&msg::overlay_hide(l)),
    )
}

/// Server-sent events: the current generation at once, then one per rebuild.
fn events(request: Request, state: &State) {
    let (tx, rx) = channel();
    let current = state.current().generation;
    if let Ok(mut clients) = state.clients.lock() {
        clients.push(tx);
    }
    let mut writer = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: keep-alive\r\n\r\n";
    if writer.write_all(head.as_bytes()).is_err() {
        return;
    }
    if !send_line(&mut writer, &format!("data: {current}\n\n")) {
        return;
    }
    loop {
        let line = match rx.recv_timeout(std::time::Duration::from_secs(15)) {
            Ok(generation) => format!("data: {generation}\n\n"),
            // A comment line keeps proxies from closing the stream and
            // reveals closed connections.
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => ": ping\n\n".to_string(),
            Err(_) => return,
        };
        if !send_line(&mut writer, &line) {
            return;
        }
    }
}

fn send_line(writer: &mut Box<dyn Write + Send>, line: &str) -> bool {
    writer.write_all(line.as_bytes()).is_ok() && writer.flush().is_ok()
}

/// Reloads the page when the server's generation differs from the page's.
const RELOAD_JS: &str = r#"(function () {
  var me = document.currentScript;
  var generation = me && me.getAttribute("data-generation");
  function connect() {
    var source = new EventSource("/_varsel/events");
    source.onmessage = function (event) {
      if (event.data !== generation) { location.reload(); }
    };
    source.onerror = function () { source.close(); setTimeout(connect, 1000); };
  }
  connect();
})();
"#;

fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/atom+xml; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_go_first_inside_the_tag_named() {
        let html = "<html><head><title>t</title></head><body><header>h</header><main id=\"m\">x</main></body></html>";
        assert_eq!(
            at_top(html, &["<head"], "M"),
            "<html><head>M<title>t</title></head><body><header>h</header><main id=\"m\">x</main></body></html>"
        );
        assert_eq!(
            at_top(html, &["<main", "<body"], "B"),
            "<html><head><title>t</title></head><body><header>h</header><main id=\"m\">Bx</main></body></html>"
        );
        let bare = "<body><header>h</header></body>";
        assert_eq!(
            at_top(bare, &["<head"], "M"),
            "M<body><header>h</header></body>"
        );
    }

    #[test]
    fn paths_stay_inside_the_build() {
        let cases = [
            ("/", Some("index.html")),
            ("/outages/a/", Some("outages/a/index.html")),
            ("/style.css", Some("style.css")),
            ("//x//y", Some("x/y")),
            ("/%6futages/", Some("outages/index.html")),
            ("/../etc/passwd", None),
            ("/a/%2e%2e/%2e%2e/etc/passwd", None),
            ("/a/..%2f..%2fetc", None),
            ("/a%5c..%5cb", None),
            ("/%00", None),
            ("/%zz", None),
        ];
        for (input, expected) in cases {
            assert_eq!(resolve(input).as_deref(), expected, "{input}");
        }
    }
}
