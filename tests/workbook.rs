//! `municipalities_from` (SPEC §2): the directory read from the hospital's
//! contact workbook (V02). The workbooks are written here by a real writer
//! (rust_xlsxwriter) and saved as `.xlsm` with the macro-enabled content
//! type, laid out as V02 is: title rows above the header, a hidden first
//! sheet, merged cells, numbers stored as numbers, empty rows. Every number
//! in them is an example.

mod preview;
mod support;

use std::path::Path;

use proptest::prelude::*;
use rust_xlsxwriter::{Format, Workbook};
use support::{Site, fixtures, smtp::parse_eml};

/// Where the tests put the workbook, under the site root.
const FILE: &str = "kontakter/V02-kontaktopplysninger.xlsm";

/// The setting, as SPEC §2 shows it.
const SETTING: &str = "
municipalities_from:
  workbook: kontakter/V02-kontaktopplysninger.xlsm
  sheet: Kommuner
  columns:
    name: Kommune
    coordinator_phone: Koordinatortelefon
    note: Merknad
";

/// A telephone cell.
#[derive(Clone, Copy)]
enum Tel {
    /// Stored as a number, as Excel does when one types digits.
    Number(f64),
    /// Stored as text.
    Text(&'static str),
    /// Empty.
    Empty,
}

/// One row of the Kommuner sheet: a name (`^` merges the cell with the
/// name above; empty for an empty row), the telephone and a note.
type Line = (&'static str, Tel, &'static str);

/// The rows of a V02 as the hospital keeps it (example numbers).
fn lines() -> Vec<Line> {
    vec![
        ("Halden", Tel::Number(69000001.0), "Hverdager 08–15"),
        ("Indre Østfold", Tel::Text("+47 69 00 00 05"), "Dag"),
        ("^", Tel::Empty, "Kveld"),
        ("", Tel::Empty, ""),
        ("Våler", Tel::Number(4769000007.0), ""),
        ("Moss", Tel::Text("69000004"), ""),
    ]
}

/// Writes a V02 workbook to `path`: a hidden first sheet with other
/// numbers, then the sheet `Kommuner` with two title rows (the first
/// merged across the table), an empty row, the header row (`header`
/// names the columns) and `lines`.
fn write_v02(path: &Path, header: [&str; 3], lines: &[Line]) {
    let mut book = Workbook::new();
    let hidden = book.add_worksheet();
    hidden.set_name("Gammel").unwrap();
    hidden.write_string(0, 0, "Kommune").unwrap();
    hidden.write_string(0, 1, "Koordinatortelefon").unwrap();
    hidden.write_string(0, 2, "Merknad").unwrap();
    hidden.write_string(1, 0, "Halden").unwrap();
    hidden.write_number(1, 1, 99999999.0).unwrap();
    hidden.set_hidden(true);
    let sheet = book.add_worksheet();
    sheet.set_name("Kommuner").unwrap();
    sheet.set_active(true);
    let plain = Format::new();
    sheet
        .merge_range(
            0,
            0,
            0,
            2,
            "V02 Samhandling – kontaktopplysninger i kommunene (EKSEMPEL)",
            &plain,
        )
        .unwrap();
    sheet
        .write_string(1, 0, "Alle numre er eksempler.")
        .unwrap();
    for (col, text) in header.iter().enumerate() {
        sheet.write_string(3, col as u16, *text).unwrap();
    }
    let first = 4;
    for (i, (name, tel, note)) in lines.iter().enumerate() {
        let row = first + i as u32;
        let merged_below = lines.get(i + 1).is_some_and(|l| l.0 == "^");
        if merged_below {
            let last = lines[i + 1..].iter().take_while(|l| l.0 == "^").count() as u32;
            sheet
                .merge_range(row, 0, row + last, 0, name, &plain)
                .unwrap();
        } else if !name.is_empty() && *name != "^" {
            sheet.write_string(row, 0, *name).unwrap();
        }
        match tel {
            Tel::Number(n) => {
                sheet.write_number(row, 1, *n).unwrap();
            }
            Tel::Text(t) => {
                sheet.write_string(row, 1, *t).unwrap();
            }
            Tel::Empty => {}
        }
        if !note.is_empty() {
            sheet.write_string(row, 2, *note).unwrap();
        }
    }
    book.add_vba_project(fixtures().join("workbook/vbaProject.bin"))
        .unwrap();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    book.save(path).unwrap();
}

/// The site's `varsel.yaml`.
fn config_of(site: &Site) -> String {
    std::fs::read_to_string(site.root().join("varsel.yaml")).unwrap()
}

const HEADER: [&str; 3] = ["Kommune", "Koordinatortelefon", "Merknad"];

/// The page-test site reading its directory from a V02 with `lines`; its
/// own `halden` entry overrides the workbook's.
fn site_with(header: [&str; 3], lines: &[Line]) -> Site {
    let site = Site::for_build();
    let config = config_of(&site) + SETTING;
    let site = site.config(&config);
    write_v02(&site.root().join(FILE), header, lines);
    site
}

/// An outage for the workbook's municipalities (and `halden`, in both).
const OUTAGE: &str = "title: Oppgradering av meldingstjeneren\nkind: planned\nstart: 2026-12-03 18:00\nend: 2026-12-03 22:00\nsystems: [plo]\nmunicipalities: [indre-ostfold, valer, moss, halden]\ndescription: Meldingstjeneren oppgraderes.\n";

#[test]
fn the_file_is_a_macro_enabled_workbook() {
    let site = site_with(HEADER, &lines());
    let types = std::process::Command::new("python3")
        .arg("-c")
        .arg("import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read('[Content_Types].xml').decode())")
        .arg(site.root().join(FILE))
        .output()
        .expect("python3");
    let types = String::from_utf8_lossy(&types.stdout);
    assert!(
        types.contains("application/vnd.ms-excel.sheet.macroEnabled.main+xml"),
        "{types}"
    );
}

#[test]
fn pages_emails_and_the_directory_carry_the_workbooks_numbers() {
    let site = site_with(HEADER, &lines()).outage("2026-12-03-meldingstjener", OUTAGE);
    let check = site.run(&["--lang", "en", "check"]);
    assert_eq!(check.code, 0, "{check}");
    // varsel.yaml's own Halden wins, and check says where they differ.
    assert!(
        check
            .stdout
            .contains("`municipalities.halden` in varsel.yaml overrides")
            && check.stdout.contains("Kommuner!B5")
            && check
                .stdout
                .contains("“+47 00 00 01 03” here, “69 00 00 01” in the workbook"),
        "{check}"
    );
    let build = site.build("2026-12-02 12:00", &[]);
    assert_eq!(build.code, 0, "{build}");
    let page = site.read("outages/2026-12-03-meldingstjener/index.html");
    for number in [
        "+47 69 00 00 05",
        "+47 69 00 00 07",
        "69 00 00 04",
        "+47 00 00 01 03",
    ] {
        assert!(page.contains(number), "{number} missing: {page}");
    }
    let directory = site.read("kommuner/index.html");
    for text in [
        "Indre Østfold",
        "+47 69 00 00 05",
        "Dag; Kveld",
        "Våler",
        "Fredrikstad",
    ] {
        assert!(directory.contains(text), "{text} missing: {directory}");
    }
    // Neither the hidden sheet's number nor the overridden one.
    assert!(!directory.contains("99 99 99 99") && !directory.contains("69 00 00 01<"));

    let (send, outbox) = send_to_outbox(&site, "2026-12-02 11:05");
    assert_eq!(send.status.code(), Some(0), "{send:?}");
    let eml = parse_eml(&outbox.join("2026-12-03-meldingstjener.announce.eml"));
    let text = eml.part("text/plain");
    for number in ["+47 69 00 00 05", "+47 69 00 00 07", "69 00 00 04"] {
        assert!(text.contains(number), "{number} missing: {text}");
    }

    let explain = site.run(&[
        "--now",
        "2026-12-02 12:00",
        "explain",
        "2026-12-03-meldingstjener",
    ]);
    assert!(
        explain.stdout.contains(&format!(
            "Indre Østfold: +47 69 00 00 05 (fra {FILE}, celle Kommuner!B6)"
        )) && explain
            .stdout
            .contains("Halden: +47 00 00 01 03 (fra varsel.yaml, linje"),
        "{explain}"
    );

    let schema = site.run(&["schema", "outage"]).json();
    let ids = &schema["properties"]["municipalities"]["anyOf"][1]["items"]["enum"];
    assert_eq!(
        ids,
        &serde_json::json!(["halden", "indre-ostfold", "valer", "moss", "fredrikstad"])
    );
}

/// The rows of a V02 with the mistakes a busy week leaves.
fn broken_lines() -> Vec<Line> {
    let mut lines = lines();
    lines.push(("Rakkestad", Tel::Empty, "nytt nummer kommer"));
    lines.push(("Moss", Tel::Number(69000009.0), ""));
    lines.push(("Sarpsborg", Tel::Text("ring sentralbordet"), ""));
    lines
}

#[test]
fn check_names_the_workbook_the_sheet_and_the_cell() {
    let site = site_with(HEADER, &broken_lines());
    let out = site.run(&["check"]);
    // Bad rows are errors, but they are left out and the rest is read: a
    // failure of the work (1), not an unusable configuration (2).
    assert_eq!(out.code, 1, "{out}");
    let place = |cell: &str| format!("i {FILE}: Kommuner!{cell}");
    for (cell, message) in [
        ("B11", "Rakkestad har ingen koordinatortelefon"),
        ("A12", "id-en `moss` finnes alt i A10"),
        ("B13", "«ring sentralbordet» er ikke et telefonnummer"),
    ] {
        assert!(
            out.stdout.contains(message) && out.stdout.contains(&place(cell)),
            "{cell}: {message}\n{out}"
        );
    }
    let json = site.run(&["check", "--format", "json"]).json();
    let errors = json["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 3, "{json:#}");
    let missing = errors.iter().find(|e| e["cell"] == "Kommuner!B11").unwrap();
    assert_eq!(missing["file"], FILE);
    assert_eq!(
        (missing["line"].as_u64(), missing["column"].as_u64()),
        (Some(11), Some(2))
    );
    let github = site.run(&["--lang", "en", "check", "--format", "github"]);
    assert!(
        github.stdout.contains(&format!(
            "::error file={},line=11,col=2,title=varsel check::Kommuner!B11: Rakkestad has no coordinator telephone",
            FILE.replace(':', "%3A")
        )),
        "{github}"
    );
}

/// An outage for a municipality whose row is fine (Moss, Våler).
const GOOD_ROWS: &str = "title: Oppgradering av meldingstjeneren\nkind: planned\nstart: 2026-12-03 18:00\nend: 2026-12-03 22:00\nsystems: [plo]\nmunicipalities: [valer, moss]\ndescription: Meldingstjeneren oppgraderes.\n";

#[test]
fn a_bad_row_stops_only_the_outages_that_name_it() {
    // Rakkestad's row (11) has no telephone: it is left out, and only the
    // outage naming it is held back.
    let site = site_with(HEADER, &broken_lines())
        .outage("2026-12-03-meldingstjener", GOOD_ROWS)
        .outage(
            "2026-12-03-rakkestad",
            &GOOD_ROWS.replace("[valer, moss]", "[rakkestad]"),
        )
        .outage(
            "2026-12-03-alle",
            &GOOD_ROWS.replace("[valer, moss]", "all"),
        );
    let (send, outbox) = send_to_outbox(&site, "2026-12-02 11:05");
    let stderr = String::from_utf8_lossy(&send.stderr);
    assert_eq!(send.status.code(), Some(1), "{send:?}");
    let eml = parse_eml(&outbox.join("2026-12-03-meldingstjener.announce.eml"));
    let text = eml.part("text/plain");
    assert!(
        text.contains("+47 69 00 00 07") && text.contains("69 00 00 04"),
        "{text}"
    );
    assert!(
        !outbox.join("2026-12-03-rakkestad.announce.eml").exists(),
        "{stderr}"
    );
    // `all` is the rows that were read.
    let all = parse_eml(&outbox.join("2026-12-03-alle.announce.eml"));
    let all = all.part("text/plain");
    assert!(
        all.contains("69 00 00 04") && !all.contains("Rakkestad"),
        "{all}"
    );
    for said in [
        "Rakkestad har ingen koordinatortelefon",
        &format!("i {FILE}: Kommuner!B11"),
        &format!(
            "kommunen `rakkestad` er utelatt fra katalogen fordi raden dens i kontaktarbeidsboka har en feil (i {FILE}: Kommuner!B11)"
        ),
        &format!("rader med feil i {FILE} er utelatt fra kommunekatalogen"),
    ] {
        assert!(stderr.contains(said), "{said}\n{stderr}");
    }

    // check and build agree: exit 1, the good outage built, the other not.
    let check = site.run(&["--lang", "en", "check", "--format", "json"]);
    assert_eq!(check.code, 1, "{check}");
    let json = check.json();
    let errors = json["errors"].as_array().unwrap();
    let naming = errors
        .iter()
        .find(|e| e["file"] == "outages/2026-12-03-rakkestad.yaml")
        .expect("the outage naming the left-out row is an error");
    assert!(
        naming["message"]
            .as_str()
            .unwrap()
            .contains("municipality `rakkestad` is left out"),
        "{json:#}"
    );
    let plan = site.run(&["--now", "2026-12-02 12:00", "plan"]);
    assert_eq!(plan.code, 1, "{plan}");
    assert!(plan.stdout.contains("2026-12-03-alle"), "{plan}");
    let overdue = site.run(&["--now", "2026-12-02 12:00", "plan", "--overdue", "30"]);
    assert_eq!(overdue.code, 1, "{overdue}");
    assert!(
        overdue.stdout.contains(&format!(
            "INVALID {FILE} (rader med feil er utelatt fra kommunekatalogen"
        )) && overdue
            .stdout
            .contains("INVALID outages/2026-12-03-rakkestad.yaml"),
        "{overdue}"
    );
    let build = site.build("2026-12-02 12:00", &[]);
    assert_eq!(build.code, 1, "{build}");
    assert!(
        site.read("outages/2026-12-03-meldingstjener/index.html")
            .contains("69 00 00 04")
    );
    assert!(!site.exists("outages/2026-12-03-rakkestad/index.html"));
}

#[test]
fn a_renamed_column_says_which_and_how_to_follow_it() {
    let site = site_with(["Kommune", "Koordinator-telefon", "Merknad"], &lines());
    let out = site.run(&["check"]);
    assert_eq!(out.code, 2, "{out}");
    assert!(
        out.stdout.contains("overskriftsraden (rad 4) har ingen kolonne «Koordinatortelefon» for `coordinator_phone`; den har: Kommune, Koordinator-telefon, Merknad")
            && out.stdout.contains("`coordinator_phone: Koordinator-telefon`")
            && out.stdout.contains(&format!("i {FILE}: Kommuner!A4")),
        "{out}"
    );
    // Following the hint is enough.
    let config = config_of(&site).replace(
        "coordinator_phone: Koordinatortelefon",
        "coordinator_phone: Koordinator-telefon",
    );
    let site = site.config(&config);
    assert_eq!(site.run(&["check"]).code, 0);
}

#[test]
fn the_first_visible_sheet_unless_one_is_named() {
    let site = site_with(HEADER, &lines());
    let config = config_of(&site).replace("  sheet: Kommuner\n", "");
    let site = site
        .config(&config)
        .outage("2026-12-03-meldingstjener", OUTAGE);
    assert_eq!(site.run(&["check"]).code, 0);
    // The hidden sheet is read when it is named: it has no Indre Østfold.
    let hidden = config_of(&site).replace(
        "municipalities_from:\n",
        "municipalities_from:\n  sheet: Gammel\n",
    );
    let site = site.config(&hidden);
    let out = site.run(&["check"]);
    assert!(out.stdout.contains("indre-ostfold"), "{out}");
    // A sheet that is not there, with the near name.
    let typo = config_of(&site).replace("sheet: Gammel", "sheet: Kommunr");
    let out = site.config(&typo).run(&["--lang", "en", "check"]);
    assert_eq!(out.code, 2, "{out}");
    assert!(
        out.stdout
            .contains("the workbook has no sheet named “Kommunr” (its sheets: Gammel, Kommuner)")
            && out.stdout.contains("did you mean `sheet: Kommuner`?"),
        "{out}"
    );
}

#[test]
fn a_missing_workbook_or_another_file_is_an_error_not_a_crash() {
    let site = site_with(HEADER, &lines());
    site.write(FILE, "title: this is YAML\n");
    let out = site.run(&["check"]);
    assert_eq!(out.code, 2, "{out}");
    assert!(
        out.stdout
            .contains("filen er ikke en Excel-arbeidsbok som kan leses"),
        "{out}"
    );
    site.delete(FILE);
    let out = site.run(&["check"]);
    assert_eq!(out.code, 2, "{out}");
    assert!(
        out.stdout
            .contains(&format!("kontaktarbeidsboka `{FILE}` finnes ikke")),
        "{out}"
    );
}

#[test]
fn serve_reloads_when_the_workbook_changes() {
    let site = site_with(HEADER, &lines()).outage("2026-12-03-meldingstjener", OUTAGE);
    let preview = preview::Preview::start(site.root(), "2026-12-03 19:00");
    let mut events = preview.events();
    let first = events.next();
    let mut changed = lines();
    changed[1].1 = Tel::Number(69000055.0);
    // Excel saves to a new file and renames it over the old one.
    let fresh = site.root().join("kontakter/~tmp.xlsm");
    write_v02(&fresh, HEADER, &changed);
    std::fs::rename(&fresh, site.root().join(FILE)).unwrap();
    let next = events.next();
    assert!(next > first, "generation {next} after {first}");
    let (_, page) = preview.get("/outages/2026-12-03-meldingstjener/");
    assert!(page.contains("69 00 00 55"), "{page}");
}

/// A good workbook's bytes, to cut short and to damage.
static GOOD: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Whatever the bytes — random, a workbook cut short, a workbook with
    /// bytes changed — `check` reports it and never panics.
    #[test]
    fn check_survives_any_bytes(
        kind in 0..3u8,
        cut in 0.0..1.0f64,
        noise in prop::collection::vec(any::<u8>(), 1..64),
    ) {
        let good = GOOD.get_or_init(|| {
            let site = site_with(HEADER, &lines());
            std::fs::read(site.root().join(FILE)).unwrap()
        });
        let site = Site::for_build();
        let config = config_of(&site) + SETTING;
        let site = site.config(&config);
        let path = site.root().join(FILE);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let bytes = match kind {
            0 => noise.repeat(1 + (cut * 64.0) as usize),
            1 => good[..(cut * good.len() as f64) as usize].to_vec(),
            _ => {
                let mut bytes = good.clone();
                let at = (cut * (bytes.len() - noise.len()) as f64) as usize;
                bytes[at..at + noise.len()].copy_from_slice(&noise);
                bytes
            }
        };
        std::fs::write(&path, &bytes).unwrap();
        let out = site.run(&["check", "--format", "json"]);
        prop_assert!(!out.stderr.contains("panicked"), "{}", out);
        prop_assert!(matches!(out.code, 0..=2), "{}", out);
        let json = out.json();
        let errors = json["errors"].as_array().unwrap();
        if out.code == 2 {
            prop_assert!(errors.iter().all(|e| e["file"] == FILE || e["file"] == "varsel.yaml"), "{}", out);
        }
        if out.code == 1 {
            // Only bad rows (left out) make a readable workbook fail.
            prop_assert!(errors.iter().any(|e| e["file"] == FILE), "{}", out);
        }
    }
}

#[test]
fn an_id_column_names_the_ids_and_new_offers_them() {
    let site = Site::for_build();
    let config = config_of(&site) + &SETTING.replace("    note: Merknad\n", "    id: Id\n");
    let site = site.config(&config);
    let lines: Vec<Line> = vec![
        ("Halden", Tel::Number(69000001.0), "halden-kommune"),
        ("Indre Østfold", Tel::Number(69000005.0), ""),
        ("Våler", Tel::Number(69000007.0), "valer-ostfold"),
    ];
    write_v02(
        &site.root().join(FILE),
        ["Kommune", "Koordinatortelefon", "Id"],
        &lines,
    );
    let schema = site.run(&["schema", "outage"]).json();
    assert_eq!(
        schema["properties"]["municipalities"]["anyOf"][1]["items"]["enum"],
        serde_json::json!([
            "halden-kommune",
            "indre-ostfold",
            "valer-ostfold",
            "fredrikstad",
            "halden"
        ])
    );
    let new = site.run(&[
        "new",
        "--kind",
        "planned",
        "--title",
        "Oppgradering av meldingstjener",
        "--start",
        "2026-12-03 18:00",
        "--end",
        "2026-12-03 22:00",
        "--municipalities",
        "valer-ostfold,indre-ostfold",
    ]);
    assert_eq!(new.code, 0, "{new}");
    let typo = site.run(&[
        "new",
        "--kind",
        "planned",
        "--title",
        "Oppgradering av meldingstjener igjen",
        "--start",
        "2026-12-03 18:00",
        "--end",
        "2026-12-03 22:00",
        "--municipalities",
        "valer",
    ]);
    assert_ne!(typo.code, 0, "{typo}");
    assert!(
        typo.stdout.contains("valer-ostfold") || typo.stderr.contains("valer-ostfold"),
        "{typo}"
    );
}

#[test]
fn a_cell_far_down_and_right_is_no_reason_to_allocate_the_whole_sheet() {
    let site = Site::for_build();
    let config = config_of(&site) + &SETTING.replace("    note: Merknad\n", "");
    let site = site.config(&config);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Kommuner").unwrap();
    sheet.write_string(0, 0, "Kommune").unwrap();
    sheet.write_string(0, 1, "Koordinatortelefon").unwrap();
    sheet.write_string(1, 0, "Råde").unwrap();
    sheet.write_number(1, 1, 69000006.0).unwrap();
    // Excel's last cell, XFD1048576: a dense sheet would be 17 billion cells.
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    book.add_vba_project(fixtures().join("workbook/vbaProject.bin"))
        .unwrap();
    std::fs::create_dir_all(site.root().join("kontakter")).unwrap();
    book.save(site.root().join(FILE)).unwrap();
    let out = site.run(&["schema", "outage"]);
    assert_eq!(out.code, 0, "{out}");
    assert!(out.stdout.contains("\"rade\""), "{out}");
}

/// `varsel --now NOW send --ledger ledger.jsonl --outbox outbox` on an empty
/// ledger: the run and the outbox folder.
fn send_to_outbox(site: &Site, now: &str) -> (std::process::Output, std::path::PathBuf) {
    let outbox = site.root().join("outbox");
    let ledger = site.ledger();
    std::fs::write(&ledger, "").unwrap();
    let send = site
        .command(&["--now", now, "send", "--ledger"])
        .arg(&ledger)
        .arg("--outbox")
        .arg(&outbox)
        .output()
        .unwrap();
    (send, outbox)
}
