//! The built site in a real headless Chromium (Debian's `chromium`): pages
//! load without console errors, screenshots are taken, and the client-side
//! expiry hides a notice once the page clock (`?now=`) passes its end.
//! Chromium is required: without it these tests fail (CI installs it).

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::{PLANNED, Site};

const PAGE: &str = "outages/2026-12-03-meldingstjener/index.html";

fn chromium() -> PathBuf {
    support::browser_program(&["chromium", "chromium-browser", "google-chrome"])
}

/// What one headless Chromium run printed.
struct Page {
    dom: String,
    console: Vec<String>,
}

/// Runs headless Chromium on `url` with `extra` flags in a fresh profile;
/// kills it if it has not finished after a minute.
fn chrome(url: &str, extra: &[String]) -> Page {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(chromium())
        .args(support::CHROMIUM_FLAGS)
        .args(["--enable-logging=stderr", "--v=0"])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium starts");
    let deadline = Instant::now() + Duration::from_secs(60);
    let stdout = child.stdout.take().unwrap();
    let stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || std::io::read_to_string(stdout).unwrap_or_default());
    let err = std::thread::spawn(move || std::io::read_to_string(stderr).unwrap_or_default());
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within a minute on {url}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let stderr = err.join().unwrap();
    Page {
        dom: out.join().unwrap(),
        console: stderr
            .lines()
            .filter(|l| l.contains(":CONSOLE") || l.contains("Uncaught"))
            .map(str::to_string)
            .collect(),
    }
}

fn url(root: &Path, path: &str, now: &str) -> String {
    format!("file://{}?now={now}", root.join(path).display())
}

fn dump(root: &Path, path: &str, now: &str) -> Page {
    chrome(&url(root, path, now), &["--dump-dom".to_string()])
}

/// The `<article>`/`<li>` start tag of the first notice in a dumped DOM.
fn notice_tag(dom: &str) -> &str {
    let at = dom.find("data-notice").expect("a notice in the page");
    let start = dom[..at].rfind('<').unwrap();
    let end = at + dom[at..].find('>').unwrap();
    &dom[start..=end]
}

#[test]
fn console_errors_are_detected() {
    // The harness itself must be able to fail: a page that throws.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("probe.html"),
        "<!DOCTYPE html><script>throw new Error('probe')</script>",
    )
    .unwrap();
    let page = dump(dir.path(), "probe.html", "x");
    assert!(
        page.console.iter().any(|l| l.contains("probe")),
        "{:?}",
        page.console
    );
}

#[test]
fn pages_render_without_console_errors_and_screenshots_are_taken() {
    let f = Site::for_build().outage("2026-12-03-meldingstjener", PLANNED);
    assert_eq!(f.build("2026-12-03 19:00", &[]).code, 0);
    let public = f.public();
    let shots = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    for (path, name, size) in [
        ("index.html", "varsel-index.png", "1280,900"),
        (PAGE, "varsel-outage.png", "1280,1600"),
        (PAGE, "varsel-outage-phone.png", "390,1400"),
        ("kommuner/index.html", "varsel-directory.png", "1280,900"),
    ] {
        let now = "2026-12-03T18:30:00Z";
        let page = dump(&public, path, now);
        assert!(
            page.console.is_empty(),
            "{path}: console output {:?}",
            page.console
        );
        assert!(page.dom.contains("</main>"), "{path} rendered");
        let shot = shots.join(name);
        let _ = std::fs::remove_file(&shot);
        let run = chrome(
            &url(&public, path, now),
            &[
                format!("--screenshot={}", shot.display()),
                format!("--window-size={size}"),
            ],
        );
        assert!(
            run.console.is_empty(),
            "{path}: console output {:?}",
            run.console
        );
        let png = std::fs::read(&shot).unwrap_or_else(|e| panic!("{}: {e}", shot.display()));
        assert!(png.starts_with(b"\x89PNG"), "{} is a PNG", shot.display());
        eprintln!("screenshot: {}", shot.display());
    }
}

#[test]
fn client_side_expiry_hides_the_notice_after_its_end() {
    let f = Site::for_build().outage("2026-12-03-meldingstjener", PLANNED);
    assert_eq!(f.build("2026-12-03 12:00", &[]).code, 0);
    let public = f.public();

    let before = dump(&public, PAGE, "2026-12-03T11:30:00Z");
    let tag = notice_tag(&before.dom);
    assert!(!tag.contains("hidden"), "visible inside its window: {tag}");
    assert!(tag.contains(r#"data-status="upcoming""#), "{tag}");

    let started = dump(&public, PAGE, "2026-12-03T17:30:00Z");
    assert!(notice_tag(&started.dom).contains(r#"data-status="ongoing""#));
    assert!(
        started.dom.contains("Pågår nå"),
        "label switched to ongoing"
    );

    // 22:00 in Oslo is 21:00Z: the window has closed.
    let after = dump(&public, PAGE, "2026-12-03T21:00:00Z");
    assert!(
        notice_tag(&after.dom).contains("hidden"),
        "hidden after its end"
    );
    let message = after.dom.find("data-expired-message").unwrap();
    let message_tag = &after.dom[after.dom[..message].rfind('<').unwrap()..message + 40];
    assert!(
        !message_tag.contains("hidden"),
        "expiry message shown: {message_tag}"
    );

    let index = dump(&public, "index.html", "2026-12-03T21:00:00Z");
    assert!(notice_tag(&index.dom).contains("hidden"));
    let empty = index.dom.find("data-empty-state").unwrap();
    let empty_tag = &index.dom
        [index.dom[..empty].rfind('<').unwrap()..index.dom[empty..].find('>').unwrap() + empty];
    assert!(
        !empty_tag.contains("hidden"),
        "empty state shown: {empty_tag}"
    );
    for page in [&before, &started, &after, &index] {
        assert!(page.console.is_empty(), "{:?}", page.console);
    }
}
