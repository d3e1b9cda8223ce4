//! `varsel build` through the real binary on fixture sites.

mod support;

use support::{PLANNED, Site};

const ID: &str = "2026-12-03-meldingstjener";
const PAGE: &str = "outages/2026-12-03-meldingstjener/index.html";

fn json(f: &Site) -> serde_json::Value {
    serde_json::from_str(&f.read("outages.json")).unwrap()
}

#[test]
fn the_page_exists_exactly_inside_its_window() {
    let f = Site::for_build().outage(ID, PLANNED);

    let before = f.build("2026-12-02 10:59", &[]);
    assert_eq!(before.code, 0, "{}", before.stderr);
    assert!(!f.exists(PAGE));
    assert!(f.read("index.html").contains("Ingen kjente driftsstans"));
    assert_eq!(json(&f)["outages"].as_array().unwrap().len(), 0);
    assert_eq!(json(&f)["next_change"], "2026-12-02T11:00:00+01:00");
    assert!(
        before.stdout.contains("2026-12-02T11:00:00+01:00"),
        "{}",
        before.stdout
    );

    let opened = f.build("2026-12-02 11:00", &[]);
    assert_eq!(opened.code, 0, "{}", opened.stderr);
    let page = f.read(PAGE);
    assert!(page.contains("Planlagt"), "upcoming label");
    assert!(page.contains("torsdag 3. desember kl. 18:00"));
    assert!(page.contains("om lag 4 timer"));
    assert!(page.contains(r#"href="tel:+4700000101""#));
    assert!(
        page.contains("Videreformidle denne informasjonen til aktuelle medarbeidere i din enhet.")
    );
    assert!(
        page.contains("<li>Ring koordinatortelefonen.</li>"),
        "routine key steps"
    );
    assert!(page.contains(r#"data-publish-until="2026-12-03T22:00:00+01:00""#));
    let data = json(&f);
    assert_eq!(data["outages"][0]["status"], "upcoming");
    assert_eq!(
        data["outages"][0]["publish_from"],
        "2026-12-02T11:00:00+01:00"
    );
    assert_eq!(
        data["outages"][0]["url"],
        format!("https://intranett.example.org/nedetid/outages/{ID}/")
    );
    assert_eq!(data["next_change"], "2026-12-03T18:00:00+01:00");
    assert!(
        f.read("banner.html")
            .contains("Oppgradering av meldingstjeneren")
    );
    assert!(
        f.read("outages.ics")
            .contains(&format!("UID:{ID}@example.org"))
    );
    assert!(f.read("feed.xml").contains(&format!("urn:varsel:{ID}")));

    f.build("2026-12-03 19:00", &[]);
    assert!(f.read(PAGE).contains("Pågår nå"));
    assert_eq!(json(&f)["outages"][0]["status"], "ongoing");

    let after = f.build("2026-12-03 22:00", &[]);
    assert_eq!(after.code, 0);
    assert!(!f.exists(PAGE), "a rebuild removes the expired page");
    assert!(!f.read("index.html").contains("Oppgradering"));
    assert!(!f.read("outages.ics").contains("VEVENT"));
    assert!(!f.read("feed.xml").contains("<entry>"));
    assert!(!f.read("banner.html").contains("Oppgradering"));
    assert!(json(&f)["next_change"].is_null());
    assert!(after.stdout.contains("none"), "{}", after.stdout);
}

#[test]
fn finished_early_stays_until_the_estimated_end() {
    let f = Site::for_build().outage(ID, &format!("{PLANNED}ended: 2026-12-03 20:30\n"));
    f.build("2026-12-03 21:00", &[]);
    assert!(f.read(PAGE).contains("Ferdig tidligere enn planlagt"));
    assert_eq!(json(&f)["outages"][0]["status"], "ended");
    assert!(f.read("outages.ics").contains("DTEND:20261203T193000Z"));
}

#[test]
fn cancelled_outage_appears_only_if_a_notice_was_sent() {
    let f = Site::for_build().outage(ID, &format!("{PLANNED}cancelled: true\n"));
    f.build("2026-12-03 12:00", &[]);
    assert!(!f.exists(PAGE), "never announced: never shown");

    f.write(
        "ledger.jsonl",
        (format!(r#"{{"v":1,"outage":"{ID}","kind":"announce","state":"sent","start":"2026-12-03T18:00:00+01:00","end":"2026-12-03T22:00:00+01:00","at":"2026-12-02T11:00:04+01:00","message_id":"<{ID}.announce@example.org>"}}"#) + "\n").as_str(),
    );
    f.build("2026-12-03 12:00", &[]);
    assert!(f.read(PAGE).contains("Avlyst"));
    assert_eq!(json(&f)["outages"][0]["status"], "cancelled");
    assert!(f.read("outages.ics").contains("STATUS:CANCELLED"));
    f.build("2026-12-03 22:00", &[]);
    assert!(!f.exists(PAGE), "gone at the original end");
}

#[test]
fn outage_without_required_notice_is_never_published() {
    // Saturday night: no working minutes.
    let f = Site::for_build().outage("2026-12-12-natt", "title: Natt\nkind: planned\nstart: 2026-12-12 02:00\nend: 2026-12-12 05:00\nsystems: [plo]\nmunicipalities: all\ndescription: x\n");
    for now in ["2026-12-11 12:00", "2026-12-12 03:00"] {
        f.build(now, &[]);
        assert!(!f.exists("outages/2026-12-12-natt/index.html"));
        assert!(!f.read("outages.json").contains("natt"));
    }
}

#[test]
fn hostile_text_is_inert_everywhere() {
    let title = r#"<script>alert(1)</script> "x" onerror=alert(2)"#;
    let f = Site::for_build().outage(
        ID,
        &format!(
            "title: '{title}'\nkind: planned\nstart: 2026-12-03 18:00\nend: 2026-12-03 22:00\nsystems: [plo]\nmunicipalities: [halden]\ndescription: |\n  <img src=x onerror=alert(3)> [klikk](javascript:alert(4)) ![b](javascript:alert(5))\n  <script>alert(6)</script>\n  BEGIN:VEVENT\nupdates:\n  - {{ at: 2026-12-03 18:05, text: \"<iframe src=javascript:alert(7)>\" }}\n"
        ),
    );
    let run = f.build("2026-12-03 19:00", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for file in [PAGE, "index.html", "banner.html"] {
        let html = f.read(file).to_lowercase();
        assert!(!html.contains("<script>alert"), "{file}");
        assert!(!html.contains("<img"), "{file}");
        assert!(!html.contains("<iframe"), "{file}");
        for tag in tags(&html) {
            assert!(
                !tag.contains("onerror") && !tag.contains("javascript"),
                "{file}: <{tag}>"
            );
        }
    }
    assert!(
        f.read(PAGE)
            .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
    );
    let data = json(&f);
    assert_eq!(data["outages"][0]["title"], title);
    let ics = f.read("outages.ics");
    assert_eq!(
        ics.lines().filter(|l| *l == "BEGIN:VEVENT").count(),
        1,
        "no line injection"
    );
    let feed: atom_syndication::Feed = f.read("feed.xml").parse().unwrap();
    assert_eq!(feed.entries()[0].title().as_str(), title);
    let entry = &feed.entries()[0];
    assert!(entry.content().is_none(), "summaries, not full content");
    let summary = entry.summary().unwrap();
    assert_eq!(summary.r#type, atom_syndication::TextType::Text);
    assert!(
        summary
            .as_str()
            .contains("<img src=x onerror=alert(3)> klikk b"),
        "raw HTML stays plain text: {}",
        summary.as_str()
    );
    assert!(
        !summary.as_str().contains("javascript:"),
        "{}",
        summary.as_str()
    );
    let xml = f.read("feed.xml");
    assert!(!xml.contains("<script") && !xml.contains("<img"), "{xml}");
    let unfolded = ics.replace("\r\n ", "");
    let url = format!("https://intranett.example.org/nedetid/outages/{ID}/");
    assert!(
        unfolded.contains(&format!(
            "DESCRIPTION:<img src=x onerror=alert(3)> klikk b\\n\\n{url}\r\n"
        )),
        "ICS description is the summary and the URL: {unfolded}"
    );
    assert!(unfolded.contains(&format!("URL:{url}")), "{unfolded}");
}

/// The markup of every tag in `html`, with quoted attribute values removed
/// (what is left is what a browser would treat as attributes).
fn tags(html: &str) -> Vec<String> {
    html.split('<')
        .skip(1)
        .map(|rest| {
            let tag = rest.split('>').next().unwrap_or("");
            tag.split('"').step_by(2).collect::<String>()
        })
        .collect()
}

#[test]
fn an_invalid_outage_file_is_skipped_and_fails_the_build() {
    let f = Site::for_build()
        .outage(ID, PLANNED)
        .outage("2026-12-04-broken", "title: [\n");
    let run = f.build("2026-12-03 19:00", &[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("outages/2026-12-04-broken.yaml"),
        "{}",
        run.stderr
    );
    assert!(f.exists(PAGE), "the valid outage is still built");
}

#[test]
fn broken_theme_or_front_matter_is_a_configuration_error() {
    let f = Site::for_build().file("themes/default/templates/index.html", "{% if %}");
    let run = f.build("2026-12-03 19:00", &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!f.public().exists());

    let f = Site::for_build().file("content/om.md", "---\ntitle: Om\nwieght: 1\n---\n");
    let run = f.build("2026-12-03 19:00", &[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("content/om.md"), "{}", run.stderr);

    let f = Site::for_build().file("content/kommuner.md", "---\ntitle: Kommuner\n---\n");
    let run = f.build("2026-12-03 19:00", &[]);
    assert_eq!(run.code, 2, "a page may not overwrite the directory");
    assert!(run.stderr.contains("content/kommuner.md"), "{}", run.stderr);
}

#[test]
fn the_calendar_is_one_valid_icalendar_file_with_an_event_per_outage() {
    let f = Site::for_build()
        .outage(ID, PLANNED)
        .outage("2026-12-01-akutt", "title: PLO når ikke frem\nkind: acute\nstart: 2026-12-01 09:00\nsystems: [plo]\nmunicipalities: [halden]\n");
    let run = f.build("2026-12-03 19:00", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ics = f.read("outages.ics");
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
    assert!(ics.ends_with("END:VCALENDAR\r\n"), "{ics}");
    assert_eq!(ics.matches("END:VCALENDAR").count(), 1);
    let calendar: icalendar::Calendar = ics.parse().expect("icalendar parses it");
    let mut uids: Vec<&str> = calendar
        .events()
        .filter_map(|e| icalendar::Component::get_uid(e))
        .collect();
    uids.sort_unstable();
    assert_eq!(
        uids,
        [
            "2026-12-01-akutt@example.org",
            "2026-12-03-meldingstjener@example.org"
        ]
    );
}

#[test]
fn a_template_failing_halfway_leaves_the_last_site_as_it_was() {
    let f = Site::for_build().outage(ID, PLANNED);
    let run = f.build("2026-12-03 19:00", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let index = f.read("index.html");
    // Compiles, but fails on the outage page, after other files were written.
    f.write(
        "themes/default/templates/outage.html",
        "<h1>{{ outage.title }}</h1>\n<p>{{ outage.no_such_field }}</p>",
    );
    // An hour later: a rebuilt index would show another time.
    let run = f.build("2026-12-03 20:00", &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    // The error says what is wrong and where: field, template, line, column.
    assert!(run.stderr.contains("no_such_field"), "{}", run.stderr);
    assert!(
        run.stderr.contains("(outage.html, line 2, column 14)"),
        "{}",
        run.stderr
    );
    assert_eq!(f.read("index.html"), index, "the old site is untouched");
    assert!(f.exists(PAGE));
    let leftovers: Vec<_> = std::fs::read_dir(f.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".public"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "half-written folders left: {leftovers:?}"
    );
}

#[test]
fn content_pages_directory_and_static_files() {
    let f = Site::for_build().file(
        "content/om.md",
        "---\ntitle: Om siden\nweight: 2\n---\n\n## Hei\n\n<b>fet</b> [x](javascript:y)\n",
    );
    f.build("2026-12-03 19:00", &[]);
    let om = f.read("om/index.html");
    assert!(om.contains(r#"<h2 id="hei">Hei</h2>"#));
    assert!(om.contains("&lt;b&gt;fet&lt;/b&gt;"));
    assert!(!om.contains("javascript"));
    assert!(om.contains(r#"<html lang="nb">"#));
    assert!(
        f.read("nodrutiner/plo/index.html")
            .contains("Nødrutine for PLO")
    );
    let directory = f.read("kommuner/index.html");
    assert!(directory.contains("tel:+4700000101") && directory.contains("tel:+4700000103"));
    assert!(f.exists("static/style.css") && f.exists("static/varsel.js"));
}

#[test]
fn english_site_uses_english_words() {
    let f = Site::for_build()
        .file(
            "varsel.yaml",
            &support::BUILD_CONFIG.replace("language: nb", "language: en"),
        )
        .outage(ID, PLANNED);
    f.build("2026-12-02 12:00", &[]);
    let page = f.read(PAGE);
    assert!(page.contains(r#"<html lang="en">"#));
    assert!(page.contains("Thursday 3 December at 18:00"));
    assert!(page.contains("about 4 hours"));
    assert!(page.contains("Pass this information on"));
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_build() {
    let f = Site::for_build().file("docs/keep.txt", "mine");
    let run = f.build("2026-12-03 19:00", &["--out", "docs"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(f.root().join("docs/keep.txt").exists());
    let run = f.build("2026-12-03 19:00", &["--out", "site/out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(f.root().join("site/out/index.html").exists());
}

/// Golden files for the default theme: a template change is a reviewed
/// diff. `UPDATE_GOLDEN=1 cargo test --test build` rewrites them.
#[test]
fn golden_index_and_outage_page() {
    let f = Site::for_build()
        .outage(ID, &format!("{PLANNED}updates:\n  - {{ at: 2026-12-03 18:05, text: \"Arbeidet er **startet**.\" }}\n"))
        .outage("2026-12-01-akutt", "title: PLO når ikke frem til Halden\nkind: acute\nstart: 2026-12-01 09:00\nsystems: [plo]\nmunicipalities: [halden]\ndescription: Feil hos leverandør.\n");
    let run = f.build("2026-12-03 19:00", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let golden = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1");
    let mut failures = Vec::new();
    for (name, path) in [("index.html", "index.html"), ("outage.html", PAGE)] {
        let actual = f.read(path);
        let file = golden.join(name);
        if update {
            std::fs::create_dir_all(&golden).unwrap();
            std::fs::write(&file, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("{}: {e}; run with UPDATE_GOLDEN=1", file.display()));
        if expected != actual {
            failures.push(name);
        }
    }
    assert!(
        failures.is_empty(),
        "{failures:?} differ from tests/golden/; review and run with UPDATE_GOLDEN=1"
    );
}

/// The `<dt>`/`<dd>` pairs of the outage page's times, as text.
fn times(page: &str) -> String {
    let start = page.find("<dl class=\"times").expect("the times");
    let end = start + page[start..].find("</dl>").expect("the end of the times");
    let mut text = String::new();
    let mut inside = false;
    for c in page[start..end].chars() {
        match c {
            '<' => inside = true,
            '>' => {
                inside = false;
                text.push(' ');
            }
            c if !inside => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn an_ended_still_ahead_is_the_expected_end_until_it_passes() {
    // SPEC §3: `ended` at 12:00, looked at from 10:00, is not yet true.
    let acute = "title: Meldingstjeneren svarer ikke\nkind: acute\nstart: 2026-12-03 08:00\nended: 2026-12-03 12:00\nsystems: [plo]\nmunicipalities: all\ndescription: D\n";
    let f = Site::for_build().outage(ID, acute);
    let during = f.build("2026-12-03 10:00", &[]);
    assert_eq!(during.code, 0, "{during}");
    let page = times(&f.read(PAGE));
    assert_eq!(
        page,
        "Startet torsdag 3. desember kl. 08:00 Ventes ferdig torsdag 3. desember kl. 12:00 Varighet om lag 4 timer",
        "the time is the expected end, never \"Ferdig\""
    );
    let outage = &json(&f)["outages"][0];
    assert_eq!(outage["status"], "ongoing");
    assert_eq!(outage["end"], "2026-12-03T12:00:00+01:00");
    assert_eq!(outage["ended"], serde_json::Value::Null);
    let ics = f.read("outages.ics");
    assert!(ics.contains("DTEND:20261203T110000Z"), "{ics}");
    let feed = f.read("feed.xml");
    assert!(
        feed.contains("Pågår nå: torsdag 3. desember kl. 08:00 – torsdag 3. desember kl. 12:00"),
        "{feed}"
    );

    // A planned outage finishing early: before `ended` it is on, after it
    // it is finished early.
    let planned = "title: Oppgradering\nkind: planned\nstart: 2026-12-03 08:00\nend: 2026-12-03 14:00\nended: 2026-12-03 12:00\nsystems: [plo]\nmunicipalities: all\ndescription: D\n";
    let f = Site::for_build().outage(ID, planned);
    assert_eq!(f.build("2026-12-03 10:00", &[]).code, 0);
    let page = f.read(PAGE);
    assert!(!times(&page).contains("Ferdig"), "{}", times(&page));
    assert!(
        times(&page).contains("Ventes ferdig torsdag 3. desember kl. 12:00"),
        "{}",
        times(&page)
    );
    let outage = &json(&f)["outages"][0];
    assert_eq!(
        (&outage["status"], &outage["ended"]),
        (&"ongoing".into(), &serde_json::Value::Null)
    );
    assert_eq!(f.build("2026-12-03 12:30", &[]).code, 0);
    assert!(
        times(&f.read(PAGE)).contains("Ferdig torsdag 3. desember kl. 12:00"),
        "{}",
        times(&f.read(PAGE))
    );
    let outage = &json(&f)["outages"][0];
    assert_eq!(outage["status"], "ended");
    assert_eq!(outage["end"], "2026-12-03T14:00:00+01:00");
    assert_eq!(outage["ended"], "2026-12-03T12:00:00+01:00");
}
