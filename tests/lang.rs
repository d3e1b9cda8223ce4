//! `--lang` through the real binary: on a Norwegian site every command
//! speaks bokmål by default and English with `--lang en`; on an English
//! site the reverse. The pages and the emails keep the site's language.

mod support;

use support::{MINIMAL_CONFIG, PLANNED, Site};

const NOW: &str = "2026-12-02 10:00";
const ID: &str = "2026-12-03-meldingstjener";

fn norwegian() -> Site {
    Site::new().outage(ID, PLANNED).file("ledger.jsonl", "")
}

fn english() -> Site {
    Site::new()
        .config(&MINIMAL_CONFIG.replace("language: nb", "language: en"))
        .outage(ID, PLANNED)
        .file("ledger.jsonl", "")
}

/// Runs `varsel [--lang LANG] ARGS` and returns stdout and stderr together.
fn say(site: &Site, lang: Option<&str>, args: &[&str]) -> (i32, String) {
    say_with(site, lang, args, &[])
}

/// [`say`] with environment variables set.
fn say_with(site: &Site, lang: Option<&str>, args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
    let mut all = Vec::new();
    if let Some(lang) = lang {
        all.extend(["--lang", lang]);
    }
    all.extend_from_slice(args);
    let out = site
        .command(&all)
        .envs(env.iter().copied())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

/// Asserts that `args` says `nb` in bokmål and `en` in English, on both
/// sites, by default and with `--lang`.
fn speaks(args: &[&str], nb: &[&str], en: &[&str]) {
    speaks_with(args, &[], nb, en);
}

/// [`speaks`] with environment variables set.
fn speaks_with(args: &[&str], env: &[(&str, &str)], nb: &[&str], en: &[&str]) {
    let cases = [
        (norwegian(), None, nb, en),
        (norwegian(), Some("en"), en, nb),
        (norwegian(), Some("nb"), nb, en),
        (english(), None, en, nb),
        (english(), Some("nb"), nb, en),
    ];
    for (site, lang, want, other) in cases {
        let (_, out) = say_with(&site, lang, args, env);
        for text in want {
            assert!(
                out.contains(text),
                "{args:?} --lang {lang:?}: no {text:?} in\n{out}"
            );
        }
        for text in other {
            assert!(
                !out.contains(text),
                "{args:?} --lang {lang:?}: {text:?} in\n{out}"
            );
        }
    }
}

#[test]
fn check_speaks_both_languages_diagnostics_included() {
    let broken = "title: T\nkind: plannd\nstart: 2026-12-03 18:00\nend: 2026-12-03 22:00\nsystems: [plo]\nmunicipalities: all\n";
    let cases = [
        (norwegian(), None, true),
        (norwegian(), Some("en"), false),
        (english(), None, false),
        (english(), Some("nb"), true),
    ];
    for (site, lang, nb) in cases {
        site.write("outages/2026-12-04-feil.yaml", broken);
        let (code, out) = say(&site, lang, &["--now", NOW, "check"]);
        assert_eq!(code, 1, "{out}");
        let (want, other) = if nb {
            (
                [
                    "ukjent type (`kind`) `plannd`",
                    "tips: mente du `planned`?",
                    "1 feil, 0 advarsel(er)",
                ],
                ["unknown kind", "hint:", "error(s)"],
            )
        } else {
            (
                [
                    "unknown kind `plannd`",
                    "hint: did you mean `planned`?",
                    "1 error(s), 0 warning(s)",
                ],
                ["ukjent type", "tips:", "feil,"],
            )
        };
        for text in want {
            assert!(out.contains(text), "--lang {lang:?}: no {text:?} in\n{out}");
        }
        for text in other {
            assert!(!out.contains(text), "--lang {lang:?}: {text:?} in\n{out}");
        }
    }
}

#[test]
fn check_of_a_valid_site() {
    speaks(
        &["--now", NOW, "check"],
        &["stansfil(er) og varsel.yaml er gyldige"],
        &["outage file(s) and varsel.yaml are valid"],
    );
}

#[test]
fn plan_and_explain() {
    speaks(
        &["--now", NOW, "plan"],
        &[
            "Varselplan per onsdag 2. desember kl. 10:00",
            "arbeidsminutter",
        ],
        &[
            "Notice plan as of Wednesday 2 December at 10:00",
            "working minutes",
        ],
    );
    speaks(
        &["--now", NOW, "explain", ID],
        &["Arbeidsminutter", "varsel er påkrevd"],
        &["Working minutes", "a notice is required"],
    );
    speaks(
        &["--now", NOW, "explain", "nope"],
        &["finner ingen stans `nope`", "kjente stanser:"],
        &["no outage `nope`", "known outages:"],
    );
}

#[test]
fn build_speaks_the_reader_s_language_and_pages_keep_the_site_s() {
    speaks(
        &["--now", NOW, "build"],
        &["bygde ", "fil(er) i"],
        &["built ", "file(s) into"],
    );
    let site = norwegian();
    let out = site.run(&["--lang", "en", "--now", "2026-12-03 19:00", "build"]);
    assert_eq!(out.code, 0, "{out}");
    let page = site.read(&format!("outages/{ID}/index.html"));
    assert!(page.contains("lang=\"nb\""), "{page}");
    assert!(page.contains("Videreformidle"), "{page}");
}

#[test]
fn send_speaks_the_reader_s_language_and_emails_keep_the_site_s() {
    speaks(
        &["send"],
        &["ingen steder å sende varslene"],
        &["nowhere to send the notices"],
    );
    let site = norwegian().file("ledger.jsonl", "");
    let out = site.run(&[
        "--lang",
        "en",
        "--now",
        "2026-12-02 11:00",
        "send",
        "--dry-run",
        "--ledger",
        &site.ledger().display().to_string(),
    ]);
    assert_eq!(out.code, 0, "{out}");
    assert!(out.stdout.contains("Subject: Planlagt stans"), "{out}");
    assert!(out.stdout.contains("Ventet slutt:"), "{out}");
}

#[test]
fn new_speaks_both_languages() {
    let without_end = [
        "--now",
        NOW,
        "new",
        "--kind",
        "planned",
        "--title",
        "X",
        "--start",
        "2026-12-03 18:00",
    ];
    speaks(
        &without_end,
        &["--end mangler", "bruk: varsel new"],
        &["--end is missing", "usage: varsel new"],
    );
    speaks(
        &[&without_end[..], &["--end", "22.00"]].concat(),
        &[
            "feil: --end: `22.00` er ikke",
            "stansen er ikke gyldig; ingenting ble skrevet",
        ],
        &[
            "error: --end: `22.00` is not",
            "the outage is not valid; nothing was written",
        ],
    );
    speaks(
        &["--now", NOW, "new", "--title", "X"],
        &["--kind mangler", "bruk: varsel new"],
        &["--kind is missing", "usage: varsel new"],
    );
}

#[test]
fn usage_errors_speak_both_languages() {
    speaks(
        &["--now", "2026-13-45 10:00", "plan"],
        &[
            "er ikke en dato og et klokkeslett",
            "tips: skriv `ÅÅÅÅ-MM-DD TT:MM`",
        ],
        &["is not a date and time", "hint: write `YYYY-MM-DD HH:MM`"],
    );
}

#[test]
fn serve_speaks_both_languages() {
    // A port in use: serve stops at once with its message and hint.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    speaks(
        &["serve", "--port", &port],
        &["kan ikke lytte på", "tips: en annen prosess"],
        &["cannot listen on", "hint: another process"],
    );
    drop(listener);
}

#[test]
fn send_dry_run_labels_and_smtp_errors_speak_both_languages() {
    speaks(
        &["--now", "2026-12-02 11:00", "send", "--dry-run"],
        &["\nFra: ", "\nTil: ", "\nEmne: "],
        &["\nFrom: ", "\nTo: ", "\nSubject: "],
    );
    let url = "smtp://u:s3cret@mail.example.org?tls=bogus";
    speaks_with(
        &["send"],
        &[("VARSEL_SMTP_URL", url)],
        &[
            "tls=bogus er ikke en TLS-modus",
            "eller ta bort tls= for et enkelt relé",
        ],
        &[
            "tls=bogus is not a TLS mode",
            "or leave tls= out for a plain relay",
        ],
    );
    for lang in ["nb", "en"] {
        let (code, out) = say_with(
            &norwegian(),
            Some(lang),
            &["send"],
            &[("VARSEL_SMTP_URL", url)],
        );
        assert_eq!(code, 2, "{out}");
        assert!(
            out.contains("VARSEL_SMTP_URL=smtp://u:***@mail.example.org?tls=bogus")
                && !out.contains("s3cret"),
            "{out}"
        );
    }
}

#[test]
fn plan_overdue_keeps_its_machine_tokens_in_both_languages() {
    speaks(
        &["--now", "2026-12-02 11:20", "plan", "--overdue", "15"],
        &[&format!(
            "OVERDUE {ID} announce frist 2026-12-02T11:00:00+01:00 (20 min for sent)"
        )],
        &[&format!(
            "OVERDUE {ID} announce due 2026-12-02T11:00:00+01:00 (20 min late)"
        )],
    );
    speaks(
        &["--now", "2026-12-02 11:20", "plan", "--overdue", "30"],
        &["OK ingen varsler er mer enn 30 min på overtid"],
        &["OK no notice is overdue by more than 30 min"],
    );
}

/// `send --outbox` on `site` at `now`, with `--lang lang`: exit status and
/// everything it printed.
fn send_to_outbox(site: &Site, lang: &str, now: &str) -> (i32, String) {
    let outbox = site.root().join("outbox").display().to_string();
    let ledger = site.ledger().display().to_string();
    let args = [
        "--now", now, "send", "--outbox", &outbox, "--ledger", &ledger,
    ];
    say(site, Some(lang), &args)
}

fn has_all(out: &str, want: &[&str], other: &[&str], what: &str) {
    for text in want {
        assert!(out.contains(text), "{what}: no {text:?} in\n{out}");
    }
    for text in other {
        assert!(!out.contains(text), "{what}: {text:?} in\n{out}");
    }
}

#[test]
fn send_s_summary_and_a_vanished_file_speak_the_reader_s_language() {
    let file = format!("outages/{ID}.yaml");
    for (site_language, site) in [("nb", norwegian()), ("en", english())] {
        let site = site.file("ledger.jsonl", "");
        for lang in ["nb", "en"] {
            let what = format!("site {site_language}, --lang {lang}");
            let nb = lang == "nb";
            // The announce goes out (once, on the first pass) and is recorded.
            let (code, out) = send_to_outbox(&site, lang, "2026-12-02 11:00");
            assert_eq!(code, 0, "{what}: {out}");
            let (sent, not_sent) = if nb {
                (" varsel(er) sendt, 0 feilet, ", "notice(s) sent")
            } else {
                (" notice(s) sent, 0 failed, at ", "varsel(er) sendt")
            };
            has_all(&out, &[sent], &[not_sent], &what);
            // Staff were told; then the file goes.
            let kept = std::fs::read_to_string(site.root().join(&file)).unwrap();
            site.delete(&file);
            let vanished = format!("`{ID}`");
            let (want, other) = if nb {
                (
                    [
                        format!("stansen {vanished} har ikke lenger noen fil"),
                        "de ansatte har fått vite at den blir".to_string(),
                        format!("tips: gjenopprett filen {file} (eller .yml;"),
                    ],
                    ["has no file any more", "hint:", "restore "],
                )
            } else {
                (
                    [
                        format!("outage {vanished} has no file any more"),
                        "staff were told it is on".to_string(),
                        format!("hint: restore the file {file} (or .yml;"),
                    ],
                    ["har ikke lenger", "tips:", "gjenopprett"],
                )
            };
            let want: Vec<&str> = want.iter().map(String::as_str).collect();
            let (code, out) = say(&site, Some(lang), &["--now", "2026-12-02 12:00", "check"]);
            assert_eq!(code, 1, "{what}: check: {out}");
            has_all(&out, &want, &other, &format!("{what}: check"));
            let (code, out) = send_to_outbox(&site, lang, "2026-12-02 12:00");
            assert_eq!(code, 1, "{what}: send: {out}");
            has_all(&out, &want, &other, &format!("{what}: send"));
            let summary = if nb {
                "0 varsel(er) sendt, 0 feilet, "
            } else {
                "0 notice(s) sent, 0 failed, at "
            };
            has_all(&out, &[summary], &[not_sent], &format!("{what}: send"));
            // The file back, for the other language's turn.
            site.write(&file, kept);
        }
    }
}
