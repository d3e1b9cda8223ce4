//! `varsel new` through the real binary: with flags, and interactively in a
//! pseudo-terminal. Every written file must pass `varsel check`.

mod support;

use std::path::Path;

use support::{Output, Site};

const NOW: &str = "2026-11-30 10:00";

/// Runs `varsel --now NOW <args>` in `site`.
fn varsel(site: &Site, args: &[&str]) -> Output {
    let mut all = vec!["--lang", "en", "--now", NOW];
    all.extend_from_slice(args);
    site.run(&all)
}

/// `varsel new --kind KIND --title TITLE --start START` with `more` flags.
fn new(site: &Site, kind: &str, title: &str, start: &str, more: &[&str]) -> Output {
    let mut args = vec!["new", "--kind", kind, "--title", title, "--start", start];
    args.extend_from_slice(more);
    varsel(site, &args)
}

/// Each of `expected` is a whole line of `file`.
fn assert_lines(file: &str, expected: &[&str]) {
    for expected in expected {
        assert!(
            file.lines().any(|l| l == *expected),
            "missing `{expected}` in\n{file}"
        );
    }
}

fn outage_files(root: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(root.join("outages")) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// `check` finds no error, and no warning but those about the example
/// addresses the repository's `varsel.yaml` holds on purpose.
fn assert_check_passes(site: &Site) {
    let out = varsel(site, &["check", "--format", "json"]);
    assert_eq!(out.code, 0, "check failed:\n{}", out.stdout);
    let json = out.json();
    assert_eq!(json["errors"], serde_json::json!([]), "{json:#}");
    for warning in json["warnings"].as_array().expect("warnings") {
        assert_eq!(warning["file"], "varsel.yaml", "{json:#}");
        let message = warning["message"].as_str().unwrap_or("");
        assert!(message.contains("example address"), "{json:#}");
    }
}

const PLANNED: &[&str] = &[
    "new",
    "--kind",
    "planned",
    "--title",
    "Oppgradering av meldingstjener på Helsenett",
    "--start",
    "2026-12-10 18:00",
    "--end",
    "2026-12-10 22:00",
    "--municipalities",
    "halden,moss",
    "--systems",
    "plo,dialogmeldinger",
    "--description",
    "Meldingene stopper.\n\nBruk nødrutinen: ring koordinatortelefonen.",
];

#[test]
fn flags_write_a_commented_file_that_passes_check() {
    let site = Site::repository();
    let out = varsel(&site, PLANNED);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let id = "2026-12-10-oppgradering-av-meldingstjener-pa-helsenett";
    let stdout = &out.stdout;
    assert!(
        stdout.starts_with(&format!("outages/{id}.yaml\n")),
        "{stdout}"
    );
    // Times in words and notices by name, as `plan` writes them.
    assert!(
        stdout.contains("first notice (the day before) goes out Wednesday 9 December at 11:00"),
        "{stdout}"
    );
    assert!(
        stdout.contains("reminder (the same morning) goes out Thursday 10 December at 07:00"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "the page shows from Wednesday 9 December at 11:00 until Thursday 10 December at 22:00"
        ),
        "{stdout}"
    );
    assert!(!stdout.contains("+01:00"), "{stdout}");
    let file =
        std::fs::read_to_string(site.root().join(format!("outages/{id}.yaml"))).expect("file");
    let mut lines = file.lines();
    assert_eq!(
        lines.next(),
        Some("# yaml-language-server: $schema=../schemas/outage.schema.json")
    );
    assert_lines(
        &file,
        &[
            "title: Oppgradering av meldingstjener på Helsenett",
            "kind: planned",
            "end: 2026-12-10 22:00",
            "systems: [plo, dialogmeldinger]",
            "municipalities: [halden, moss]",
            "routine: nodrutiner/plo",
            "notify: auto",
            "# ended: 2026-12-10 22:00",
            "# cancelled: true",
            "  Bruk nødrutinen: ring koordinatortelefonen.",
        ],
    );
    assert_check_passes(&site);
}

#[test]
fn an_acute_outage_without_end_is_due_at_once() {
    let site = Site::repository();
    let out = new(
        &site,
        "acute",
        "Brudd: PLO til Halden",
        "2026-11-30 09:15",
        &["--municipalities", "halden"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let stdout = &out.stdout;
    assert!(
        stdout.contains("outages/2026-11-30-brudd-plo-til-halden.yaml"),
        "{stdout}"
    );
    assert!(
        stdout.contains("acute alert goes out Monday 30 November at 09:15 (due now"),
        "{stdout}"
    );
    let file = std::fs::read_to_string(
        site.root()
            .join("outages/2026-11-30-brudd-plo-til-halden.yaml"),
    )
    .expect("file");
    assert!(
        file.contains("title: \"Brudd: PLO til Halden\"\n"),
        "{file}"
    );
    assert!(
        file.contains("systems: [plo]\n"),
        "the first system is the default:\n{file}"
    );
    assert_check_passes(&site);
}

#[test]
fn a_time_in_the_dst_gap_is_refused_and_nothing_written() {
    let site = Site::repository();
    let out = new(
        &site,
        "planned",
        "Sommertid",
        "2027-03-28 02:30",
        &["--end", "2027-03-28 05:00"],
    );
    assert_eq!(out.code, 1);
    let stderr = &out.stderr;
    assert!(
        stderr.contains("2027-03-28 02:30 does not exist in Europe/Oslo"),
        "{stderr}"
    );
    assert!(
        stderr.contains("hint: use a time after the jump"),
        "{stderr}"
    );
    assert_eq!(outage_files(site.root()), Vec::<String>::new());
}

#[test]
fn a_planned_outage_without_end_is_refused_naming_the_flag() {
    let site = Site::repository();
    let out = new(&site, "planned", "Uten slutt", "2026-12-10 18:00", &[]);
    assert_eq!(out.code, 2);
    let stderr = &out.stderr;
    assert!(stderr.contains("--end is missing"), "{stderr}");
    assert!(stderr.contains("--end 22:00"), "{stderr}");
    // No file was written, so none is quoted.
    assert!(!stderr.contains("outages/"), "{stderr}");
    assert!(!stderr.contains("end:"), "{stderr}");
    assert_eq!(outage_files(site.root()), Vec::<String>::new());
}

#[test]
fn a_bad_flag_value_names_the_flag_and_a_bare_end_is_on_the_start_date() {
    let site = Site::repository();
    let out = new(
        &site,
        "planned",
        "Feil slutt",
        "2026-12-10 18:00",
        &["--end", "22.00"],
    );
    assert_eq!(out.code, 1);
    let stderr = &out.stderr;
    assert!(
        stderr.contains("error: --end: `22.00` is not a date and time"),
        "{stderr}"
    );
    assert!(!stderr.contains("outages/"), "{stderr}");
    let out = new(
        &site,
        "planned",
        "Kort",
        "2026-12-10 18:00",
        &["--end", "22:00"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let file =
        std::fs::read_to_string(site.root().join("outages/2026-12-10-kort.yaml")).expect("file");
    assert!(file.contains("\nend: 2026-12-10 22:00\n"), "{file}");
}

#[test]
fn an_unknown_municipality_is_refused() {
    let site = Site::repository();
    let out = new(
        &site,
        "acute",
        "Feil",
        "2026-11-30 09:00",
        &["--municipalities", "haldne"],
    );
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("did you mean `halden`?"),
        "{}",
        out.stderr
    );
}

#[test]
fn an_existing_file_is_never_overwritten() {
    let site = Site::repository();
    assert_eq!(varsel(&site, PLANNED).code, 0);
    let path = site
        .root()
        .join("outages/2026-12-10-oppgradering-av-meldingstjener-pa-helsenett.yaml");
    let edited = std::fs::read_to_string(&path).expect("file") + "# edited by hand\n";
    std::fs::write(&path, &edited).expect("edit");
    let out = varsel(&site, PLANNED);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("exists already"), "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&path).expect("file"), edited);
}

/// SPEC §3: `<id>.yml` is read like `<id>.yaml`, and both for one id is an
/// error that leaves both unread. So an outage written as `.yml` blocks a
/// new `.yaml` with its id, exactly as a `.yaml` does.
#[test]
fn an_existing_yml_file_of_the_same_id_is_never_doubled() {
    let site = Site::repository();
    assert_eq!(varsel(&site, PLANNED).code, 0);
    let outages = site.root().join("outages");
    let stem = "2026-12-10-oppgradering-av-meldingstjener-pa-helsenett";
    let yml = outages.join(format!("{stem}.yml"));
    std::fs::rename(outages.join(format!("{stem}.yaml")), &yml).expect("rename");
    let written = std::fs::read_to_string(&yml).expect("file");
    let out = varsel(&site, PLANNED);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains(&format!("outages/{stem}.yml exists already")),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("nothing was written"), "{}", out.stderr);
    assert!(!outages.join(format!("{stem}.yaml")).exists());
    assert_eq!(std::fs::read_to_string(&yml).expect("file"), written);
    assert_check_passes(&site);
}

#[test]
fn without_flags_and_without_a_terminal_it_is_bad_usage() {
    let site = Site::repository();
    let out = varsel(&site, &["new"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("usage: varsel new --kind"),
        "{}",
        out.stderr
    );
    let out = varsel(&site, &["new", "--title", "Bare tittel"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--kind is missing"));
    assert_eq!(outage_files(site.root()), Vec::<String>::new());
}

/// Drives the prompts in a pseudo-terminal, with a wrong time and an end
/// before the start on the way, and asserts the file.
#[test]
fn interactively_in_a_terminal() {
    let site = Site::repository();
    let mut cmd = site.command(&["--now", NOW, "new"]);
    cmd.env("TERM", "xterm").env("NO_COLOR", "1");
    let options = rexpect::reader::Options::new()
        .timeout_ms(Some(30_000))
        .strip_ansi_escape_codes(true);
    let mut p = rexpect::spawn_with_options(cmd, options).expect("spawn in a pty");
    const DOWN: &str = "\x1b[B";
    // `send` is buffered; keys without a newline must be flushed.
    let key = |p: &mut rexpect::session::PtySession, k: &str| {
        p.send(k).expect("send key");
        p.flush().expect("flush key");
    };
    p.exp_string("Hva slags nedetid?").expect("kind prompt");
    p.send_line("").expect("planned");
    p.exp_string("Tittel").expect("title prompt");
    p.send_line("Vedlikehold av Helsenett i Råde")
        .expect("title");
    p.exp_string("Start").expect("start prompt");
    p.send_line("3.12.2026 18:00").expect("bad start");
    p.exp_string("er ikke en dato og et klokkeslett")
        .expect("start refused");
    p.send_line("2026-12-03 18:00").expect("start");
    // The start date is written for us: the time completes it.
    p.exp_string("Antatt slutt").expect("end prompt");
    p.send_line("17:00").expect("end before start");
    p.exp_string("etter start").expect("end refused");
    p.send_line("21:30").expect("end");
    // rexpect reads bytes as Latin-1: only ASCII needles below.
    p.exp_string("Hvilke tjenester").expect("systems prompt");
    // plo is checked; also check the second system (dialogmeldinger).
    key(&mut p, DOWN);
    key(&mut p, " ");
    p.send_line("").expect("confirm systems");
    p.exp_string("alle kommunene").expect("all prompt");
    p.send_line("nei").expect("not all");
    p.exp_string("Hvilke kommuner")
        .expect("municipalities prompt");
    // fredrikstad, sarpsborg, halden, moss, indre-ostfold, rade: pick Råde.
    for _ in 0..5 {
        key(&mut p, DOWN);
    }
    key(&mut p, " ");
    p.send_line("").expect("confirm municipalities");
    p.exp_string("Beskrivelse").expect("description prompt");
    p.send_line("Ring koordinatortelefonen.")
        .expect("description");
    p.exp_string("sendes onsdag 2. desember kl. 11:00")
        .expect("notices printed");
    p.exp_eof().expect("exit");
    let file = std::fs::read_to_string(
        site.root()
            .join("outages/2026-12-03-vedlikehold-av-helsenett-i-rade.yaml"),
    )
    .expect("file written");
    assert_lines(
        &file,
        &[
            "title: Vedlikehold av Helsenett i Råde",
            "kind: planned",
            "start: 2026-12-03 18:00",
            "end: 2026-12-03 21:30",
            "systems: [plo, dialogmeldinger]",
            "municipalities: [rade]",
            "  Ring koordinatortelefonen.",
        ],
    );
    assert_check_passes(&site);
}

/// The screen a terminal shows after `bytes` (a tall one, so that nothing
/// scrolls away; as wide as the program believes a terminal without a size
/// is).
fn screen(bytes: &[u8]) -> String {
    let size = |n: u16| std::num::NonZero::new(n).expect("not zero");
    let mut parser = vt100::Parser::new(size(200), size(80), 0);
    parser.process(bytes);
    parser.screen().contents()
}

/// Refused answers leave no `✘` line behind once an answer is accepted;
/// `j` is yes; a bare end time is on the start date (which the end prompt
/// offers).
#[test]
fn refusals_are_cleared_ja_is_yes_and_a_bare_end_time_is_on_the_start_date() {
    let site = Site::repository();
    let mut cmd = site.command(&["--now", NOW, "new"]);
    cmd.env("TERM", "xterm").env("NO_COLOR", "1");
    let options = rexpect::reader::Options::new().timeout_ms(Some(30_000));
    let mut p = rexpect::spawn_with_options(cmd, options).expect("spawn in a pty");
    // Everything the terminal received, as bytes (rexpect reads Latin-1).
    let mut seen = String::new();
    let mut expect = |p: &mut rexpect::session::PtySession, needle: &str| {
        let before = p
            .exp_string(needle)
            .unwrap_or_else(|e| panic!("{needle}: {e}"));
        seen.push_str(&before);
        seen.push_str(needle);
    };
    const ERASE: &str = "\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f";
    expect(&mut p, "Hva slags nedetid?");
    p.send_line("").expect("planned");
    expect(&mut p, "Tittel");
    p.send_line("Kort stans").expect("title");
    expect(&mut p, "Start");
    p.send_line("3.12.2026 18:00").expect("bad start");
    expect(&mut p, "klokkeslett");
    p.send_line("2026-12-03 18:00").expect("start");
    expect(&mut p, "Antatt slutt");
    expect(&mut p, "2026-12-03 ");
    // Erase the offered date: a bare time is on the start date too.
    p.send_line(&format!("{ERASE}17:00"))
        .expect("end before start");
    expect(&mut p, "etter start");
    p.send_line(&format!("{ERASE}22:00")).expect("end");
    expect(&mut p, "Hvilke tjenester");
    // Unchecking the only checked system asks again, in the question.
    p.send(" ").expect("uncheck");
    p.flush().expect("flush");
    p.send_line("").expect("none");
    expect(&mut p, "velg minst");
    // Asked again with the first system checked: Enter takes it.
    p.send_line("").expect("systems");
    expect(&mut p, "alle kommunene");
    p.send_line("kanskje").expect("not an answer");
    expect(&mut p, "Svar ja eller nei");
    p.send_line("j").expect("yes");
    expect(&mut p, "Beskrivelse");
    p.send_line("").expect("no description");
    expect(&mut p, "kl. 11:00");
    seen.push_str(&p.exp_eof().expect("exit"));
    let bytes: Vec<u8> = seen.chars().map(|c| c as u32 as u8).collect();
    let shown = screen(&bytes);
    assert!(
        !shown.contains('✘'),
        "a refusal stayed on the screen:\n{shown}"
    );
    assert!(shown.contains("2026-12-03 18:00"), "{shown}");
    let file = std::fs::read_to_string(site.root().join("outages/2026-12-03-kort-stans.yaml"))
        .expect("file written");
    assert_lines(&file, &["end: 2026-12-03 22:00", "municipalities: all"]);
    assert_check_passes(&site);
}
