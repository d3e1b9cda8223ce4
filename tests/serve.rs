//! `varsel serve` over HTTP, through the real binary: pages, live reload on
//! edits, the error overlay, the dashboard with email previews, time travel,
//! and refusal of paths outside the build.

mod preview;
mod support;

use std::time::Duration;

use preview::{OUTAGE, Preview, wait_until};
use support::Site;

const DURING: &str = "2026-12-03 19:00";
const PAGE: &str = "/outages/2026-12-03-meldingstjener/";

fn site() -> Site {
    Site::new().outage("2026-12-03-meldingstjener", OUTAGE)
}

#[test]
fn serves_the_built_site_with_the_reload_script() {
    let site = site();
    let preview = Preview::start(site.root(), DURING);
    let (status, index) = preview.get("/");
    assert_eq!(status, 200);
    assert!(index.contains("Oppgradering av meldingstjener"), "{index}");
    assert!(
        index.contains("/_varsel/reload.js"),
        "no reload script: {index}"
    );
    let (status, page) = preview.get(PAGE);
    assert_eq!(status, 200);
    assert!(
        page.contains("+47 00 00 01 03"),
        "coordinator phone missing: {page}"
    );
    let (status, missing) = preview.get("/no/such/page/");
    assert_eq!(status, 404);
    assert!(
        missing.contains("/_varsel/reload.js"),
        "a 404 page must reload too"
    );
    assert_eq!(preview.get("/static/style.css").0, 200);
    assert_eq!(preview.get("/outages.json").0, 200);
}

#[test]
fn paths_outside_the_build_are_refused() {
    let site = site();
    let preview = Preview::start(site.root(), DURING);
    for path in [
        "/../varsel.yaml",
        "/%2e%2e/varsel.yaml",
        "/outages/..%2f..%2fvarsel.yaml",
        "/static/..%5c..%5cvarsel.yaml",
        "/..%2F..%2F..%2Fetc%2Fpasswd",
        "/outages.json%00.html",
    ] {
        let (status, body) = preview.get(path);
        assert!(status == 400 || status == 404, "{path}: {status}");
        assert!(
            !body.contains("message_id_domain"),
            "{path} leaked varsel.yaml"
        );
        assert!(!body.contains("root:"), "{path} leaked /etc/passwd");
    }
}

#[test]
fn an_edit_reloads_the_browser_with_the_change() {
    let site = site();
    let preview = Preview::start(site.root(), DURING);
    let mut events = preview.events();
    let first = events.next();
    let file = site.root().join("outages/2026-12-03-meldingstjener.yaml");
    std::fs::write(&file, OUTAGE.replace("Oppgradering av", "Ny versjon av")).unwrap();
    let next = events.next();
    assert!(next > first, "generation {next} after {first}");
    let (_, index) = preview.get("/");
    assert!(index.contains("Ny versjon av meldingstjener"), "{index}");
}

#[test]
fn an_invalid_file_shows_the_overlay_over_the_last_good_page_until_fixed() {
    let site = site();
    let preview = Preview::start(site.root(), DURING);
    let mut events = preview.events();
    events.next();
    let file = site.root().join("outages/2026-12-03-meldingstjener.yaml");
    std::fs::write(&file, OUTAGE.replace("kind: planned", "kind: plannd")).unwrap();
    events.next();
    let (_, page) = preview.get(PAGE);
    assert!(page.contains("varsel-overlay"), "no overlay: {page}");
    assert!(
        page.contains("outages/2026-12-03-meldingstjener.yaml:2:7"),
        "overlay must name file, line and column: {page}"
    );
    assert!(page.contains("plannd"), "{page}");
    assert!(
        page.contains("Oppgradering av meldingstjener"),
        "the last good page stays underneath"
    );
    std::fs::write(&file, OUTAGE).unwrap();
    events.next();
    let (_, page) = preview.get(PAGE);
    assert!(
        !page.contains("varsel-overlay"),
        "overlay still there after the fix"
    );
}

#[test]
fn editors_that_save_by_rename_and_delete_recreate_are_followed() {
    let site = site();
    let preview = Preview::start(site.root(), DURING);
    let file = site.root().join("outages/2026-12-03-meldingstjener.yaml");
    let temp = site
        .root()
        .join("outages/.2026-12-03-meldingstjener.yaml.tmp");
    std::fs::write(&temp, OUTAGE.replace("Oppgradering av", "Omdøpt")).unwrap();
    std::fs::rename(&temp, &file).unwrap();
    wait_until(Duration::from_secs(10), "the renamed file's title", || {
        preview.get("/").1.contains("Omdøpt meldingstjener")
    });
    std::fs::remove_file(&file).unwrap();
    wait_until(Duration::from_secs(10), "the page to go", || {
        preview.get(PAGE).0 == 404
    });
    std::fs::write(&file, OUTAGE).unwrap();
    wait_until(Duration::from_secs(10), "the page to come back", || {
        preview.get(PAGE).0 == 200
    });
}

/// SPEC §3: `<id>.yaml` and `<id>.yml` together are an error that leaves
/// both unread. The preview must agree with `check` and `build` when the
/// twin appears while it runs (and both files are read again when it goes),
/// not keep reading the file that was there first.
#[test]
fn a_twin_with_the_other_extension_makes_both_files_errors_in_the_preview() {
    let site = site();
    let preview = Preview::start(site.root(), DURING);
    let outages = site.root().join("outages");
    let twin = outages.join("2026-12-03-meldingstjener.yml");
    let both = "both `2026-12-03-meldingstjener.yaml` and `2026-12-03-meldingstjener.yml` exist";
    std::fs::write(&twin, OUTAGE).unwrap();
    wait_until(Duration::from_secs(10), "the twin's problem", || {
        preview.get("/_varsel/").1.contains(both)
    });
    let dashboard = preview.get("/_varsel/").1;
    for file in [
        "outages/2026-12-03-meldingstjener.yaml:1:1",
        "outages/2026-12-03-meldingstjener.yml:1:1",
    ] {
        assert!(dashboard.contains(file), "{file} not reported: {dashboard}");
    }
    let check = site.run(&["--lang", "en", "--now", DURING, "check", "--format", "json"]);
    assert_eq!(
        check.json()["errors"].as_array().map(Vec::len),
        Some(2),
        "{check}"
    );
    std::fs::remove_file(&twin).unwrap();
    wait_until(Duration::from_secs(10), "the problem to go", || {
        !preview.get("/_varsel/").1.contains(both)
    });
    let (status, page) = preview.get(PAGE);
    assert_eq!(status, 200);
    assert!(!page.contains("varsel-overlay"), "{page}");
}

#[test]
fn dashboard_shows_the_plan_and_every_notice_as_send_renders_it() {
    let site = site();
    let preview = Preview::start(site.root(), "2026-12-02 10:00");
    let (status, dashboard) = preview.get("/_varsel/");
    assert_eq!(status, 200);
    assert!(
        dashboard.contains("2026-12-02T11:00:00+01:00"),
        "announce due time: {dashboard}"
    );
    assert!(
        dashboard.contains("2026-12-03T07:00:00+01:00"),
        "reminder due time: {dashboard}"
    );
    let link = "/_varsel/email/2026-12-03-meldingstjener/announce";
    assert!(dashboard.contains(link), "{dashboard}");
    let (status, email) = preview.get(link);
    assert_eq!(status, 200, "{email}");
    for needle in [
        "Message-ID: &lt;2026-12-03-meldingstjener.announce@example.org&gt;",
        "X-Varsel-Notice: 2026-12-03-meldingstjener announce",
        "+47 00 00 01 03",
        "torsdag 3. desember",
        "<iframe",
    ] {
        assert!(email.contains(needle), "preview lacks {needle}: {email}");
    }
    assert_eq!(
        preview
            .get("/_varsel/email/2026-12-03-meldingstjener/alert")
            .0,
        404
    );
    assert_eq!(preview.get("/_varsel/email/nope/announce").0, 404);
}

/// `now=2026-12-02T11:00:00+01:00` as the preview carries it on links.
const CARRIED: &str = "now=2026-12-02T11%3A00%3A00%2B01%3A00";

#[test]
fn time_travel_is_per_request_and_carried_on_every_link() {
    let site = site();
    let preview = Preview::start(site.root(), "2026-12-01 09:00");
    assert_eq!(preview.get(PAGE).0, 404, "not published two days before");
    let (status, page) = preview.get(&format!("{PAGE}?now=2026-12-02+11%3A00"));
    assert_eq!(status, 200, "published from 11:00 the day before");
    assert!(
        page.contains(&format!("href=\"../../?{CARRIED}\"")),
        "the way back to the index carries the moment: {page}"
    );
    assert!(
        page.contains(&format!("href=\"/_varsel/?{CARRIED}\"")),
        "the preview note links to the dashboard at this moment: {page}"
    );
    assert!(page.contains("href=\"../../static/style.css\""), "{page}");
    // Another tab, another moment: neither changes the other or the default.
    assert_eq!(
        preview
            .get(&format!("{PAGE}?now=2026-12-03T22%3A00%3A00%2B01%3A00"))
            .0,
        404,
        "gone at the estimated end"
    );
    assert_eq!(preview.get(PAGE).0, 404, "the default moment is unchanged");
    assert_eq!(
        preview.get(&format!("{PAGE}?{CARRIED}")).0,
        200,
        "the carried form reads back"
    );
    let (status, dashboard) = preview.get(&format!("/_varsel/?{CARRIED}"));
    assert_eq!(status, 200);
    assert!(
        dashboard.contains("2026-12-02T11:00:00+01:00"),
        "{dashboard}"
    );
    assert!(
        dashboard.contains(&format!(
            "/_varsel/email/2026-12-03-meldingstjener/announce?{CARRIED}"
        )),
        "email previews carry the moment: {dashboard}"
    );
    assert!(
        dashboard.contains(&format!("href=\"/?{CARRIED}\"")),
        "{dashboard}"
    );
    assert!(
        dashboard.contains("Back to the default moment"),
        "{dashboard}"
    );
    let (_, default) = preview.get("/_varsel/");
    assert!(default.contains("2026-12-01T09:00:00+01:00"), "{default}");
}

#[test]
fn a_bad_moment_is_an_error_on_the_form_and_nowhere_else() {
    let site = site();
    let preview = Preview::start(site.root(), DURING);
    let (status, dashboard) = preview.get("/_varsel/?now=2026-13-45+10%3A00");
    assert_eq!(status, 400);
    assert!(dashboard.contains("id=\"now-error\""), "{dashboard}");
    assert!(dashboard.contains("not a date and time"), "{dashboard}");
    assert!(
        dashboard.contains("value=\"2026-13-45 10:00\""),
        "{dashboard}"
    );
    assert!(!dashboard.contains("the site has errors"), "{dashboard}");
    for path in ["/", PAGE, "/_varsel/"] {
        let (status, body) = preview.get(path);
        assert_eq!(status, 200, "{path}");
        assert!(!body.contains("varsel-overlay"), "{path}: {body}");
        assert!(!body.contains("now-error"), "{path}: {body}");
    }
    let (status, page) = preview.get(&format!("{PAGE}?now=garbage"));
    assert_eq!(status, 200, "the default moment is shown");
    assert!(!page.contains("varsel-overlay"), "{page}");
    assert!(page.contains("now=garbage is not a time"), "{page}");
}

#[test]
fn every_outage_moment_is_one_click_from_the_dashboard() {
    let site = site();
    let preview = Preview::start(site.root(), "2027-06-01 12:00");
    let (_, dashboard) = preview.get("/_varsel/");
    let travel = format!("/_varsel/outage/2026-12-03-meldingstjener?{CARRIED}");
    assert!(dashboard.contains(&travel), "{dashboard}");
    for moment in [
        "now=2026-12-03T07%3A00%3A00%2B01%3A00",
        "now=2026-12-03T18%3A00%3A00%2B01%3A00",
        "now=2026-12-03T22%3A00%3A00%2B01%3A00",
    ] {
        assert!(dashboard.contains(moment), "{moment}: {dashboard}");
    }
    let (status, view) = preview.get(&travel);
    assert_eq!(status, 200, "{view}");
    assert!(
        view.contains(&format!(
            "src=\"/outages/2026-12-03-meldingstjener/?{CARRIED}\""
        )),
        "the page as the site shows it then: {view}"
    );
    assert!(
        view.contains("X-Varsel-Notice: 2026-12-03-meldingstjener announce"),
        "the notice due then: {view}"
    );
    assert!(
        view.contains("(due · <time datetime=\"2026-12-02T11:00:00+01:00\">Wednesday 2 December at 11:00</time>)"),
        "the due time in words: {view}"
    );
    let (status, page) = preview.get(&format!("/outages/2026-12-03-meldingstjener/?{CARRIED}"));
    assert_eq!(status, 200);
    assert!(page.contains("+47 00 00 01 03"), "{page}");
}

#[test]
fn the_preview_index_offers_moments_when_nothing_is_published() {
    let site = site();
    let preview = Preview::start(site.root(), "2027-06-01 12:00");
    let printed = preview.stdout.clone();
    wait_until(Duration::from_secs(10), "the first lines", || {
        printed.lock().unwrap().len() >= 3
    });
    let first = printed.lock().unwrap().join("\n");
    assert!(
        first.contains("showing the site as of Tuesday 1 June 2027 12:00 (--now 2027-06-01 12:00)"),
        "{first}"
    );
    assert!(
        first.contains("nothing is published at that moment"),
        "{first}"
    );
    assert!(first.contains("/_varsel/"), "{first}");
    let (_, index) = preview.get("/");
    assert!(index.contains("varsel-nothing-published"), "{index}");
    assert!(
        index.contains(&format!(
            "/_varsel/outage/2026-12-03-meldingstjener?{CARRIED}"
        )),
        "{index}"
    );
    let (_, published) = preview.get(&format!("/?{CARRIED}"));
    assert!(
        !published.contains("varsel-nothing-published"),
        "{published}"
    );
    // Never in the built site.
    let run = site.run(&["--now", "2027-06-01 12:00", "build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let built = std::fs::read_to_string(site.root().join("public/index.html")).unwrap();
    assert!(!built.contains("varsel-nothing-published"));
    assert!(!built.contains("varsel-preview"));
}

#[test]
fn the_email_preview_names_the_state_as_the_dashboard_does() {
    let site = site();
    let preview = Preview::start(site.root(), "2026-12-01 09:00");
    let (_, dashboard) = preview.get("/_varsel/");
    assert!(
        dashboard.contains("<td class=\"scheduled\">scheduled"),
        "{dashboard}"
    );
    let (_, email) = preview.get("/_varsel/email/2026-12-03-meldingstjener/announce");
    assert!(email.contains("(scheduled)"), "{email}");
    assert!(!email.contains("state: "), "{email}");
}

#[test]
fn a_themes_folder_created_while_serving_is_watched_too() {
    let site = site();
    let preview = Preview::start(site.root(), DURING);
    let mut events = preview.events();
    let first = events.next();
    let (_, css) = preview.get("/static/style.css");
    assert!(!css.contains("site override"));
    std::fs::create_dir(site.root().join("themes")).unwrap();
    let after_mkdir = events.next();
    assert!(after_mkdir > first);
    // Rendered (and cached) again for the new reload: only another reload,
    // which needs the new folder to be watched, can change it now.
    assert!(!preview.get("/static/style.css").1.contains("site override"));
    let static_dir = site.root().join("themes/default/static");
    std::fs::create_dir_all(&static_dir).unwrap();
    std::fs::write(static_dir.join("style.css"), "/* site override */").unwrap();
    wait_until(Duration::from_secs(10), "the overriding stylesheet", || {
        preview.get("/static/style.css").1.contains("site override")
    });
}

#[test]
fn a_past_moment_shows_the_page_without_what_was_written_later() {
    let site = Site::example();
    let preview = Preview::start(site.root(), "2026-11-26 16:00");
    let acute = "/outages/2026-11-25-plo-brudd-tre-kommuner/";
    let (status, page) = preview.get(acute);
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Feilen er ikke rettet ennå"), "{page}");
    assert!(
        !page.contains("Feilen er rettet."),
        "the update of the next day is not known yet: {page}"
    );
    assert!(!page.contains("fredag 27. november kl. 10:40"), "{page}");
    // The dashboard plans with the files as they are: the coming `resolved`.
    let (_, dashboard) = preview.get("/_varsel/");
    assert!(
        dashboard.contains("<td>resolved</td><td class=\"scheduled\">"),
        "{dashboard}"
    );
    // At its first moment the alert is still to be sent, and every later
    // moment of the outage is still offered.
    let (status, view) = preview.get(
        "/_varsel/outage/2026-11-25-plo-brudd-tre-kommuner?now=2026-11-25T08%3A10%3A00%2B01%3A00",
    );
    assert_eq!(status, 200, "{view}");
    assert!(
        view.contains("The notice “acute alert” <small>(due ·"),
        "{view}"
    );
    // `resolved` was due at `ended` (10:40), though it went out at 10:45.
    // An `ended` still ahead of the moment is its expected end (SPEC §3).
    assert!(view.contains("resolved: due · estimated end"), "{view}");
    assert!(
        !view.contains("times changed: due"),
        "nothing changed: the ledger's later notices are not read as told before the moment: {view}"
    );
}

#[test]
fn the_dashboard_of_a_site_that_cannot_load_says_why_and_recovers() {
    let site = site().config("title: [\n");
    let preview = Preview::start(site.root(), DURING);
    let (status, dashboard) = preview.get("/_varsel/");
    assert_eq!(status, 503);
    assert!(
        dashboard.contains("the site could not be loaded"),
        "{dashboard}"
    );
    assert!(dashboard.contains("varsel.yaml:"), "{dashboard}");
    assert!(
        dashboard.contains("/_varsel/reload.js"),
        "it reloads by itself once fixed: {dashboard}"
    );
}

/// Every ordinary answer tells the browser to close its connection, even
/// when it asked to keep it alive: tiny_http holds one pool thread per open
/// connection, and idle keep-alive sockets left a click's navigation queued
/// behind them for about a minute (the first-look browser test).
#[test]
fn ordinary_answers_close_their_connection() {
    use std::io::{BufRead, BufReader, Read, Write};
    let site = site();
    let preview = Preview::start(site.root(), DURING);
    for path in ["/", "/_varsel/", "/_varsel/reload.js", "/nowhere"] {
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", preview.port)).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n"
        )
        .unwrap();
        let mut reader = BufReader::new(stream);
        let mut head = Vec::new();
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if line.trim().is_empty() {
                break;
            }
            head.push(line.trim().to_string());
        }
        assert!(
            head.iter()
                .any(|h| h.eq_ignore_ascii_case("Connection: close")),
            "{path}: {head:?}"
        );
        let length = head
            .iter()
            .find_map(|h| h.strip_prefix("Content-Length: "))
            .and_then(|l| l.parse::<u64>().ok())
            .unwrap_or_else(|| panic!("{path}: no length: {head:?}"));
        let mut body = Vec::new();
        reader.take(length).read_to_end(&mut body).unwrap();
        assert_eq!(body.len() as u64, length, "{path}");
    }
}

/// The words of `serve`'s own UI in English: none may be seen on a page of
/// a Norwegian preview (checked as whole words, case-sensitive).
const ENGLISH: &[&str] = &[
    "coordinator dashboard",
    "What the site shows",
    "Open the site",
    "Show the site",
    "Travel",
    "default moment",
    "the clock",
    "Outages",
    "Each moment",
    "Time travel",
    "Notices",
    "Due",
    "Outage",
    "Notice",
    "State",
    "Preview",
    "subject, text and HTML",
    "Pages",
    "Status",
    "Working minutes",
    "Notice required",
    "Page published",
    "on the site",
    "page published",
    "estimated end",
    "start",
    "due",
    "scheduled",
    "upcoming",
    "ongoing",
    "ended",
    "planned",
    "acute",
    "told",
    "nothing told yet",
    "not due yet",
    "the ledger records it",
    "finished early",
    "first notice",
    "announce",
    "reminder",
    "completed_early",
    "resolved",
    "cancelled",
    "alert",
    "yes",
    "no",
    "never",
    "unknown",
    "Dashboard",
    "As of",
    "preview as of",
    "dashboard and time travel",
    "Not found",
    "is not in the site",
    "Front page",
    "the site has errors",
    "Fix the file",
    "Hide",
    "nothing is published",
    "No outage",
    "Every moment",
    "overdue",
    "late",
    "Past the expected end",
    "passed",
    "ago",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "November",
    "December",
];

/// The text a reader sees in `html`: no tags, no `<style>`, `<script>`,
/// `<iframe>` or `<pre>` (email headers and diagnostics are not the
/// preview's own words), entities of quotes decoded.
fn visible(html: &str) -> String {
    let mut text = html.to_string();
    for tag in ["style", "script", "iframe", "pre"] {
        while let Some(start) = text.find(&format!("<{tag}")) {
            let close = format!("</{tag}>");
            let end = text[start..]
                .find(&close)
                .map_or(text.len(), |e| start + e + close.len());
            text.replace_range(start..end, " ");
        }
    }
    let mut out = String::new();
    let mut inside = false;
    for c in text.chars() {
        match c {
            '<' => inside = true,
            '>' => {
                inside = false;
                out.push(' ');
            }
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out.replace("&quot;", "\"").replace("&#39;", "'")
}

/// The English words of [`ENGLISH`] that `text` holds as whole words (a
/// key of the files in backticks, such as `ended`, is no English word).
fn english_in(text: &str) -> Vec<&'static str> {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '`');
    ENGLISH
        .iter()
        .copied()
        .filter(|phrase| {
            text.match_indices(phrase).any(|(i, _)| {
                !word(text[..i].chars().next_back())
                    && !word(text[i + phrase.len()..].chars().next())
            })
        })
        .collect()
}

/// The part of `html` from `from` to the first `to` after it (inclusive).
fn part<'a>(html: &'a str, from: &str, to: &str) -> &'a str {
    let start = html
        .find(from)
        .unwrap_or_else(|| panic!("no {from:?} in {html}"));
    let end = html[start..]
        .find(to)
        .map_or(html.len(), |e| start + e + to.len());
    &html[start..end]
}

/// Asserts that `html` is a page of the Norwegian preview: `lang="nb"` and
/// not one English word of the UI.
fn norwegian(what: &str, html: &str) {
    assert!(html.contains("lang=\"nb\""), "{what}: {html}");
    let english = english_in(&visible(html));
    assert!(
        english.is_empty(),
        "{what} says {english:?} in English:\n{}",
        visible(html)
    );
}

#[test]
fn the_preview_speaks_the_site_s_language_and_lang_overrides_it() {
    let site = Site::example();
    let nb = Preview::start_in(site.root(), "2026-11-26 16:00", None);
    let (status, dashboard) = nb.get("/_varsel/");
    assert_eq!(status, 200);
    norwegian("the dashboard", &dashboard);
    for words in [
        "varsel — koordinatoroversikt",
        "Tidsreise",
        "Arbeidsminutter",
        // Due times in words as `plan` writes them, the kinds in words.
        ">onsdag 25. november kl. 08:10</time>",
        "ferdig før tiden",
        "akuttvarsel",
        "fortalt: stansen blir",
    ] {
        assert!(dashboard.contains(words), "no {words:?}: {dashboard}");
    }
    assert!(
        !visible(&dashboard).contains("2026-11-25T08:10"),
        "no RFC 3339 time is shown: {}",
        visible(&dashboard)
    );
    let (_, view) = nb.get("/_varsel/outage/2026-11-25-plo-brudd-tre-kommuner");
    norwegian("the outage view", &view);
    let (_, email) = nb.get("/_varsel/email/2026-11-25-plo-brudd-tre-kommuner/alert");
    norwegian("the email preview", &email);
    let (_, page) = nb.get("/");
    let corner = part(&page, "<div id=\"varsel-preview\"", "</div>");
    norwegian("the corner note", corner);
    assert!(
        corner.contains("varsel-forhåndsvisning slik det står"),
        "{corner}"
    );
    // The 404 page: the doctype first, then the words in bokmål.
    let (status, missing) = nb.get("/finnes-ikke/");
    assert_eq!(status, 404);
    assert!(missing.starts_with("<!doctype html>"), "{missing}");
    norwegian("the 404 page", &missing);
    assert!(missing.contains("Finnes ikke"), "{missing}");
    // The error overlay's frame around a Norwegian diagnostic.
    site.write_outage("2026-12-09-ny", "title: Ny\nkind: plannd\n");
    let mut page = String::new();
    wait_until(Duration::from_secs(20), "the overlay", || {
        page = nb.get("/").1;
        page.contains("varsel-overlay")
    });
    let overlay = part(&page, "<div id=\"varsel-overlay\"", "</p></div>");
    assert!(
        overlay.contains("nettstedet har feil") && overlay.contains("Skjul"),
        "{overlay}"
    );
    assert!(
        overlay.contains("ukjent type"),
        "a Norwegian diagnostic: {overlay}"
    );
    norwegian("the overlay", overlay);
    site.delete(&support::outage_path("2026-12-09-ny"));
    drop(nb);

    // A moment with nothing published: the box in bokmål.
    let nb = Preview::start_in(site.root(), "2026-12-05 12:00", None);
    let (_, index) = nb.get("/");
    let aside = part(&index, "<aside id=\"varsel-nothing-published\"", "</aside>");
    assert!(aside.contains("ingenting er publisert"), "{aside}");
    norwegian("the nothing-published box", aside);
    drop(nb);

    // `--lang en` on the same Norwegian site: the preview's words in
    // English, the site's pages still in bokmål.
    let en = Preview::start_in(site.root(), "2026-11-26 16:00", Some("en"));
    let (_, dashboard) = en.get("/_varsel/");
    assert!(dashboard.contains("lang=\"en\""), "{dashboard}");
    // The list finds English where there is English (it is no empty net).
    let found = english_in(&visible(&dashboard));
    assert!(found.len() > 30, "{found:?}");
    for words in [
        "varsel — coordinator dashboard",
        "Time travel",
        ">Wednesday 25 November at 08:10</time>",
        "finished early",
        "acute alert",
    ] {
        assert!(dashboard.contains(words), "no {words:?}: {dashboard}");
    }
    let (_, missing) = en.get("/nope/");
    assert!(missing.starts_with("<!doctype html>"), "{missing}");
    assert!(missing.contains("Not found"), "{missing}");
    let (_, page) = en.get("/");
    assert!(page.contains("varsel preview as of"), "{page}");
    assert!(
        page.contains("<html lang=\"nb\""),
        "the site keeps its language"
    );
}

#[test]
fn the_dashboard_shows_an_outage_past_its_expected_end() {
    let site = Site::example();
    // The upgrade as it would be without `ended`: staff were told 18–22.
    let id = "2026-11-27-oppgradering-meldingstjener";
    let file = support::outage_path(id);
    let text = std::fs::read_to_string(site.root().join(&file)).unwrap();
    site.write(&file, text.replace("ended: 2026-11-27 22:00\n", ""));
    let preview = Preview::start(site.root(), "2026-11-27 23:30");
    let (_, dashboard) = preview.get("/_varsel/");
    assert!(dashboard.contains("id=\"overrun\""), "{dashboard}");
    assert!(
        dashboard.contains("the expected end Friday 27 November at 22:00 passed 1 h 30 min ago"),
        "{dashboard}"
    );
    assert!(
        dashboard.contains("past the expected end by 1 h 30 min"),
        "{dashboard}"
    );
    let nb = Preview::start_in(site.root(), "2026-11-27 23:30", None);
    let (_, dashboard) = nb.get("/_varsel/");
    assert!(
        dashboard.contains("ventet slutt fredag 27. november kl. 22:00 var for 1 t 30 min siden"),
        "{dashboard}"
    );
    norwegian("the overrun", &dashboard);
    // Within the threshold (15 min) nothing is said.
    let early = Preview::start(site.root(), "2026-11-27 22:10");
    assert!(!early.get("/_varsel/").1.contains("id=\"overrun\""));
}

#[test]
fn following_the_clock_an_ended_still_ahead_is_the_expected_end() {
    // As `build` shows it (SPEC §3): the clock's own moment reads the files
    // as they are, so a coordinator's `ended` later today is the expected end.
    use chrono::{Duration as Span, SubsecRound, Utc};
    let now = Utc::now().trunc_subsecs(0);
    let oslo = |t: chrono::DateTime<Utc>| {
        t.with_timezone(&chrono_tz::Europe::Oslo)
            .format("%Y-%m-%dT%H:%M:%S%:z")
            .to_string()
    };
    let (start, ended) = (oslo(now - Span::hours(1)), oslo(now + Span::hours(3)));
    let acute = format!(
        "title: Meldingstjeneren svarer ikke\nkind: acute\nstart: {start}\nended: {ended}\nsystems: [plo]\nmunicipalities: [halden]\ndescription: D\n"
    );
    let site = Site::new().outage("akutt", &acute);
    let preview = Preview::on_the_clock(site.root());
    let (status, page) = preview.get("/outages/akutt/");
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains(&format!("<time datetime=\"{ended}\">")),
        "the expected end: {page}"
    );
    assert!(!page.contains("Ukjent"), "{page}");
}
