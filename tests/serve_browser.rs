//! The live preview in a real headless Chromium, driven over WebDriver
//! (Debian's `chromium` and `chromium-driver`): open the site, edit an outage
//! file and watch the page reload with the change; break the YAML and see
//! the overlay naming the file and line; fix it and see the overlay go; open
//! an email preview. Chromium is required: without it these tests fail with
//! a message saying what to install (CI installs it).

mod preview;
mod support;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use preview::{OUTAGE, Preview, wait_until};
use serde_json::{Value, json};
use support::Site;

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A chromedriver process and one headless Chromium session; both are
/// stopped when dropped.
struct Browser {
    driver: Child,
    port: u16,
    session: String,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn start() -> Browser {
        let chromium = support::browser_program(&["chromium", "chromium-browser"])
            .display()
            .to_string();
        let chromedriver = support::browser_program(&["chromedriver"]);
        let port = free_port();
        // Its own process group, so that dropping the browser also stops a
        // Chromium that chromedriver started but never handed a session to.
        let driver = Command::new(chromedriver)
            .process_group(0)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let profile = tempfile::tempdir().unwrap();
        let mut browser = Browser {
            driver,
            port,
            session: String::new(),
            _profile: profile,
        };
        wait_until(Duration::from_secs(20), "chromedriver", || {
            TcpStream::connect(("127.0.0.1", port)).is_ok()
        });
        let args = support::CHROMIUM_FLAGS
            .iter()
            .map(|a| a.to_string())
            .chain([format!(
                "--user-data-dir={}",
                browser._profile.path().display()
            )])
            .collect::<Vec<_>>();
        let created = browser.call(
            "POST",
            "/session",
            Some(json!({"capabilities": {"alwaysMatch": {
                "goog:chromeOptions": {"binary": chromium, "args": args},
                "goog:loggingPrefs": {"browser": "ALL"}
            }}})),
        );
        browser.session = created["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {created}"))
            .to_string();
        browser
    }

    /// One WebDriver command; returns its `value`.
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        let body = read_response(stream);
        let value: Value = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}"));
        value["value"].clone()
    }

    fn session_path(&self, tail: &str) -> String {
        format!("/session/{}{tail}", self.session)
    }

    fn go(&self, url: &str) {
        self.call(
            "POST",
            &self.session_path("/url"),
            Some(json!({ "url": url })),
        );
    }

    fn js(&self, script: &str) -> Value {
        self.call(
            "POST",
            &self.session_path("/execute/sync"),
            Some(json!({ "script": script, "args": [] })),
        )
    }

    /// Console messages of level SEVERE since the last call.
    fn console_errors(&self) -> Vec<String> {
        let log = self.call(
            "POST",
            &self.session_path("/se/log"),
            Some(json!({ "type": "browser" })),
        );
        log.as_array()
            .into_iter()
            .flatten()
            .filter(|entry| entry["level"] == "SEVERE")
            .map(|entry| entry["message"].to_string())
            .collect()
    }

    /// Clicks the first element at `xpath`, as a person would.
    fn click(&self, xpath: &str) {
        let found = self.call(
            "POST",
            &self.session_path("/element"),
            Some(json!({ "using": "xpath", "value": xpath })),
        );
        let id = found
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("no element at {xpath}: {found}"))
            .to_string();
        self.call(
            "POST",
            &self.session_path(&format!("/element/{id}/click")),
            Some(json!({})),
        );
    }

    fn screenshot(&self, name: &str) {
        let data = self.call("GET", &self.session_path("/screenshot"), None);
        let png = decode_base64(data.as_str().unwrap_or_default());
        assert!(png.starts_with(b"\x89PNG"), "not a PNG screenshot");
        let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
        std::fs::write(dir.join(name), png).unwrap();
        eprintln!("screenshot: {}", dir.join(name).display());
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let path = self.session_path("");
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                self.call("DELETE", &path, None)
            }));
        }
        let group = format!("-{}", self.driver.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// Reads one HTTP response body: by Content-Length, chunked, or to the end
/// (chromedriver keeps connections open, so reading to the end would hang).
fn read_response(stream: TcpStream) -> String {
    let mut reader = std::io::BufReader::new(stream);
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if std::io::BufRead::read_line(&mut reader, &mut line).unwrap() == 0 || line == "\r\n" {
            break;
        }
        head.push_str(&line.to_ascii_lowercase());
    }
    let length = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|n| n.trim().parse::<usize>().ok());
    let mut body = Vec::new();
    match length {
        Some(n) => {
            body.resize(n, 0);
            reader.read_exact(&mut body).unwrap();
        }
        None => {
            reader.read_to_end(&mut body).unwrap();
        }
    }
    let body = String::from_utf8_lossy(&body).into_owned();
    if head.contains("transfer-encoding: chunked") {
        dechunk(&body)
    } else {
        body
    }
}

fn dechunk(body: &str) -> String {
    let mut out = String::new();
    let mut rest = body;
    while let Some((size, tail)) = rest.split_once("\r\n") {
        let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if size == 0 || tail.len() < size {
            break;
        }
        out.push_str(&tail[..size]);
        rest = tail[size..].trim_start_matches("\r\n");
    }
    out
}

fn decode_base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let digits: Vec<u8> = text.bytes().filter_map(value).collect();
    digits
        .chunks(4)
        .flat_map(|c| {
            let n = c
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, d)| n | (u32::from(*d) << (18 - 6 * i)));
            let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
            bytes.into_iter().take(c.len().saturating_sub(1))
        })
        .collect()
}

/// True once the page has reloaded since [`mark`] and its text contains `needle`.
fn reloaded_with(browser: &Browser, needle: &str) -> bool {
    let script = format!(
        "return !window.__varselMark && document.readyState === 'complete' && document.body.innerText.includes({});",
        json!(needle)
    );
    browser.js(&script) == json!(true)
}

fn mark(browser: &Browser) {
    browser.js("window.__varselMark = true; return true;");
}

#[test]
fn live_reload_overlay_and_email_preview_in_chromium() {
    let site = Site::new().outage("2026-12-03-meldingstjener", OUTAGE);
    let preview = Preview::start(site.root(), "2026-12-03 19:00");
    let browser = Browser::start();
    let file = site.root().join("outages/2026-12-03-meldingstjener.yaml");

    browser.go(&preview.url("/"));
    wait_until(Duration::from_secs(20), "the index", || {
        reloaded_with(&browser, "Oppgradering av meldingstjener")
    });
    // Give the event stream a moment to connect before the first edit.
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        browser.console_errors(),
        Vec::<String>::new(),
        "console errors on the index"
    );

    // An edit reloads the page with the change.
    mark(&browser);
    std::fs::write(&file, OUTAGE.replace("Oppgradering av", "Ny versjon av")).unwrap();
    let latency = wait_until(Duration::from_secs(20), "the reload after an edit", || {
        reloaded_with(&browser, "Ny versjon av meldingstjener")
    });
    eprintln!(
        "edit → reloaded page in Chromium: {} ms (includes the 80 ms debounce)",
        latency.as_millis()
    );

    // Broken YAML: the overlay names the file and the line.
    std::thread::sleep(Duration::from_millis(300));
    mark(&browser);
    std::fs::write(&file, OUTAGE.replace("kind: planned", "kind: [planned")).unwrap();
    wait_until(Duration::from_secs(20), "the overlay", || {
        reloaded_with(&browser, "outages/2026-12-03-meldingstjener.yaml:")
    });
    let overlay = browser
        .js("var o = document.getElementById('varsel-overlay'); return o ? o.innerText : null;");
    let overlay = overlay
        .as_str()
        .unwrap_or_else(|| panic!("no overlay element: {overlay}"));
    // The unclosed `[` on line 2 is noticed where the next key starts.
    assert!(
        overlay.contains("outages/2026-12-03-meldingstjener.yaml:3:6"),
        "{overlay}"
    );
    assert!(overlay.contains("not valid YAML"), "{overlay}");
    browser.screenshot("varsel-serve-overlay.png");

    // Fixed: the overlay goes by itself.
    std::thread::sleep(Duration::from_millis(300));
    mark(&browser);
    std::fs::write(&file, OUTAGE).unwrap();
    wait_until(Duration::from_secs(20), "the overlay to go", || {
        reloaded_with(&browser, "Oppgradering av meldingstjener")
            && browser.js("return document.getElementById('varsel-overlay') === null;")
                == json!(true)
    });

    // Rename-save, as many editors do.
    std::thread::sleep(Duration::from_millis(300));
    mark(&browser);
    let temp = site.root().join("outages/.tmp-save");
    std::fs::write(&temp, OUTAGE.replace("Oppgradering av", "Omdøpt")).unwrap();
    std::fs::rename(&temp, &file).unwrap();
    wait_until(
        Duration::from_secs(20),
        "the reload after a rename-save",
        || reloaded_with(&browser, "Omdøpt meldingstjener"),
    );

    // The email preview on the dashboard.
    browser.go(&preview.url("/_varsel/email/2026-12-03-meldingstjener/reminder"));
    wait_until(Duration::from_secs(20), "the email preview", || {
        reloaded_with(
            &browser,
            "X-Varsel-Notice: 2026-12-03-meldingstjener reminder",
        )
    });
    let subject = browser.js("return document.querySelector('h1').innerText;");
    assert!(
        subject
            .as_str()
            .unwrap_or("")
            .contains("Omdøpt meldingstjener")
            || subject.as_str().unwrap_or("").contains("PLO-meldinger"),
        "{subject}"
    );
    browser.screenshot("varsel-serve-email.png");
    assert_eq!(
        browser.console_errors(),
        Vec::<String>::new(),
        "console errors on the dashboard"
    );
}

/// The README's first look on any date after the examples: `serve` on the
/// repository's own site, following the clock as the quick start does. The
/// index says nothing is published and offers the outages' moments; one
/// click there (or on an outage's moment on the dashboard) shows a
/// published outage page and its rendered notice.
#[test]
fn the_first_look_is_one_click_from_a_published_page_and_its_notice() {
    let site = Site::example();
    let preview = Preview::on_the_clock(site.root());
    let browser = Browser::start();
    browser.call(
        "POST",
        &browser.session_path("/window/rect"),
        Some(json!({ "width": 1280, "height": 900 })),
    );

    browser.go(&preview.url("/"));
    wait_until(Duration::from_secs(20), "the index", || {
        reloaded_with(&browser, "nothing is published at")
    });
    let first = browser.js(
        "var b = document.getElementById('varsel-nothing-published'); return !!b && b.getBoundingClientRect().top < window.innerHeight / 2;",
    );
    assert_eq!(first, json!(true), "the offer is seen first on the index");
    browser.screenshot("varsel-first-look-index.png");

    // One click on the index's offer.
    mark(&browser);
    browser.click("//aside[@id='varsel-nothing-published']//a[contains(@class, 'travel')]");
    wait_until(Duration::from_secs(20), "the outage at its moment", || {
        reloaded_with(&browser, "X-Varsel-Notice:")
    });
    shows_a_published_page_and_its_notice(&browser);
    browser.screenshot("varsel-first-look-travel.png");

    // The same from the dashboard: one click on an outage's moment.
    browser.go(&preview.url("/_varsel/"));
    wait_until(Duration::from_secs(20), "the dashboard", || {
        reloaded_with(&browser, "Time travel")
    });
    browser.screenshot("varsel-first-look-dashboard.png");
    mark(&browser);
    browser.click("//a[contains(@class, 'travel')][contains(., 'page published')]");
    wait_until(Duration::from_secs(20), "the outage at its moment", || {
        reloaded_with(&browser, "X-Varsel-Notice:")
    });
    shows_a_published_page_and_its_notice(&browser);
    assert_eq!(
        browser.console_errors(),
        Vec::<String>::new(),
        "console errors on the first look"
    );
}

/// The outage view at a time-travel moment: the published page in its
/// frame, and the rendered notice.
fn shows_a_published_page_and_its_notice(browser: &Browser) {
    let url = browser.js("return location.search;");
    assert!(
        url.as_str().unwrap_or("").starts_with("?now="),
        "the moment is the request's own: {url}"
    );
    let text = browser.js("return document.body.innerText;");
    let text = text.as_str().unwrap_or_default();
    assert!(text.contains("The page on the site"), "{text}");
    assert!(!text.contains("Not on the site at this moment"), "{text}");
    // The page in the frame is the published outage page at that moment.
    wait_until(
        Duration::from_secs(20),
        "the outage page in its frame",
        || {
            browser.js(
            "var f = document.getElementById('page'); var d = f && f.contentDocument; return !!d && d.readyState === 'complete' && d.body.innerText.includes('Koordinatortelefon');",
        ) == json!(true)
        },
    );
    let page = browser.js("return document.getElementById('page').contentDocument.body.innerText;");
    let page = page.as_str().unwrap_or_default();
    assert!(page.contains("+47 00 00 01"), "coordinator phone: {page}");
    assert!(page.contains("varsel preview as of"), "{page}");
    // The rendered notice: headers, text and HTML.
    let email = browser.js("var f = document.querySelector('iframe[title=\"HTML part\"]'); return f ? f.srcdoc : null;");
    assert!(
        email.as_str().unwrap_or_default().contains("+47 00 00 01"),
        "the HTML part: {email}"
    );
}

/// The README's demo moment: every kind of page on the site, and the
/// page's own clock (the theme's script) agrees with `--now`, so nothing
/// published then is hidden by the browser's real clock.
#[test]
fn the_demo_moment_shows_every_kind_of_page_in_chromium() {
    let site = Site::example();
    let preview = Preview::start(site.root(), "2026-11-26 16:00");
    let browser = Browser::start();
    browser.call(
        "POST",
        &browser.session_path("/window/rect"),
        Some(json!({ "width": 1280, "height": 900 })),
    );
    browser.go(&preview.url("/"));
    wait_until(Duration::from_secs(20), "the index", || {
        reloaded_with(
            &browser,
            "varsel preview as of Thursday 26 November 2026 16:00",
        )
    });
    let shown = browser.js(
        "return Array.from(document.querySelectorAll('[data-notice]')).filter(function (n) { return !n.hidden; }).map(function (n) { return n.getAttribute('data-status'); }).sort().join(' ');",
    );
    assert_eq!(
        shown,
        json!("cancelled finished_early ongoing ongoing upcoming"),
        "every kind of page, none hidden by the real clock"
    );
    browser.screenshot("varsel-demo-index.png");
    let (_, dashboard) = preview.get("/_varsel/");
    for kind in [
        "first notice (the day before)",
        "reminder (the same morning)",
        "times changed",
        "cancelled",
        "finished early",
        "acute alert",
        "resolved",
    ] {
        // A kind with a revision reads "changed #1".
        assert!(
            dashboard.contains(&format!("<td>{kind}</td>"))
                || dashboard.contains(&format!("<td>{kind} #")),
            "{kind} on the dashboard"
        );
    }
}

/// The coordinators' own tool in their language: the dashboard of a
/// Norwegian site read in Chromium is in bokmål from title to buttons,
/// with due times in words that never break inside a token.
#[test]
fn the_norwegian_dashboard_reads_in_bokmal_in_chromium() {
    let site = Site::example();
    let preview = Preview::start_in(site.root(), "2026-11-26 16:00", None);
    let browser = Browser::start();
    browser.call(
        "POST",
        &browser.session_path("/window/rect"),
        Some(json!({ "width": 1280, "height": 900 })),
    );
    browser.go(&preview.url("/_varsel/"));
    wait_until(Duration::from_secs(20), "the dashboard", || {
        reloaded_with(&browser, "Tidsreise")
    });
    assert_eq!(
        browser.js("return document.documentElement.lang + ' ' + document.title;"),
        json!("nb varsel-oversikt")
    );
    let text = browser.js("return document.body.innerText;");
    let text = text.as_str().unwrap_or_default();
    for words in [
        "varsel — koordinatoroversikt",
        "Vis nettstedet og varslene slik de er",
        "Reis",
        "Stanser",
        "Varsler",
        "Arbeidsminutter",
        "loggen viser at det er sendt",
        "ikke tid ennå",
        "ferdig før tiden",
        "onsdag 25. november kl. 08:10",
    ] {
        assert!(text.contains(words), "no {words:?} in\n{text}");
    }
    for english in [
        "coordinator dashboard",
        "Time travel",
        "Travel",
        "Outages",
        "Working minutes",
        "the ledger records it",
        "not due yet",
        "completed_early",
        "finished early",
        "told:",
        "preview as of",
        "2026-11-25T08:10",
    ] {
        assert!(
            !text.contains(english),
            "{english:?} on the bokmål dashboard:\n{text}"
        );
    }
    // Every due time is on one line (no break inside "kl. 08:10" or a date).
    let broken = browser.js(
        "return Array.from(document.querySelectorAll('td.when time')).filter(function (t) { return t.getClientRects().length !== 1; }).map(function (t) { return t.innerText; });",
    );
    assert_eq!(broken, json!([]), "due times broken across lines");
    let times = browser.js("return document.querySelectorAll('td.when time').length;");
    assert!(times.as_u64().unwrap_or(0) >= 10, "{times}");
    browser.screenshot("varsel-dashboard-nb.png");
    assert_eq!(
        browser.console_errors(),
        Vec::<String>::new(),
        "console errors on the dashboard"
    );
}
