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

#[test]
fn time_travel_shows_the_site_as_of_another_moment() {
    let site = site();
    let preview = Preview::start(site.root(), "2026-12-01 09:00");
    assert_eq!(preview.get(PAGE).0, 404, "not published two days before");
    let (status, _) = preview.get("/_varsel/?now=2026-12-02+11%3A00");
    assert_eq!(status, 303);
    assert_eq!(
        preview.get(PAGE).0,
        200,
        "published from 11:00 the day before"
    );
    assert!(
        preview
            .get("/_varsel/")
            .1
            .contains("2026-12-02T11:00:00+01:00")
    );
    preview.get("/_varsel/?now=2026-12-03T22%3A00%3A00%2B01%3A00");
    assert_eq!(preview.get(PAGE).0, 404, "gone at the estimated end");
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
