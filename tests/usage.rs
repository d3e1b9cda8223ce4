//! Usage errors through the real binary: a bad `--now` or `--root` says
//! exactly what is wrong and exits 2 in every command (`serve` included),
//! an unknown outage id for `explain` is bad usage, a port in use is bad
//! usage with a `--port` hint, and `build` keeps its timings for `-v`.

mod support;

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use support::{Site, run};

/// Runs `varsel --root <root> <args>`; the process must end by itself
/// within a few seconds (a `serve` that keeps running is killed and fails).
fn run_briefly(root: &Path, args: &[&str]) -> support::Output {
    let mut child = support::command(root, args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start varsel");
    let started = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > Duration::from_secs(20) {
            child.kill().expect("kill");
            let out = child.wait_with_output().expect("output");
            panic!(
                "varsel {args:?} kept running:\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().expect("output").into()
}

#[test]
fn a_bad_now_is_the_only_thing_reported() {
    let site = Site::new();
    for command in [
        &["plan"][..],
        &["check"],
        &["build"],
        &["explain", "x"],
        &["send", "--dry-run"],
        &["serve", "--port", "0"],
    ] {
        let mut args = vec!["--lang", "en", "--now", "2026-13-45 10:00"];
        args.extend_from_slice(command);
        let out = run_briefly(site.root(), &args);
        assert_eq!(out.code, 2, "{command:?}: {out}");
        let all = format!("{}{}", out.stdout, out.stderr);
        assert!(
            all.contains("`2026-13-45 10:00` is not a date and time"),
            "{out}"
        );
        assert!(!all.contains("configuration cannot be used"), "{out}");
        assert!(!all.contains("--now:1:1"), "{out}");
    }
}

#[test]
fn a_root_that_does_not_exist_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere");
    for command in [&["plan"][..], &["check"], &["serve", "--port", "0"]] {
        let mut args = vec!["--lang", "en"];
        args.extend_from_slice(command);
        let out = run_briefly(&missing, &args);
        assert_eq!(out.code, 2, "{out}");
        let all = format!("{}{}", out.stdout, out.stderr);
        assert!(all.contains("does not exist"), "{out}");
        assert!(all.contains(&missing.display().to_string()), "{out}");
        assert!(!all.contains("varsel.yaml:1:1"), "{out}");
        assert!(!all.contains("pass `--root DIR`"), "{out}");
        assert!(!all.contains("configuration cannot be used"), "{out}");
    }
}

#[test]
fn a_root_without_varsel_yaml_says_so() {
    let site = Site::empty();
    let out = run(site.root(), &["--lang", "en", "check"]);
    assert_eq!(out.code, 2, "{out}");
    let all = format!("{}{}", out.stdout, out.stderr);
    assert!(all.contains("has no varsel.yaml"), "{out}");
    assert!(!all.contains("varsel.yaml:1:1"), "{out}");
    assert!(!all.contains("pass `--root DIR`"), "{out}");
    assert!(!all.contains("No such file"), "{out}");
}

#[test]
fn explain_of_an_unknown_id_is_bad_usage() {
    let site = Site::new().outage("2026-12-03-meldingstjener", support::PLANNED);
    let out = site.run(&["--lang", "en", "explain", "2026-12-03-meldingstjene"]);
    assert_eq!(out.code, 2, "{out}");
    assert!(
        out.stderr
            .contains("did you mean `2026-12-03-meldingstjener`?"),
        "{out}"
    );
}

#[test]
fn a_port_in_use_is_bad_usage_with_a_port_hint() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let site = Site::new();
    let out = run_briefly(site.root(), &["--lang", "en", "serve", "--port", &port]);
    assert_eq!(out.code, 2, "{out}");
    assert!(
        out.stderr
            .contains(&format!("cannot listen on 127.0.0.1:{port}")),
        "{out}"
    );
    assert!(
        out.stderr.contains("hint:") && out.stderr.contains("--port"),
        "{out}"
    );
    drop(listener);
}

#[test]
fn serve_names_everything_it_watches_the_ledger_too() {
    let site = Site::new();
    let mut child = support::command(site.root(), &["--lang", "en", "serve", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start varsel serve");
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut watching = None;
    while let Ok(line) = rx.recv_timeout(Duration::from_secs(20)) {
        if line.contains("watching") {
            watching = Some(line);
            break;
        }
    }
    child.kill().expect("stop varsel serve");
    child.wait().expect("wait");
    let line = watching.expect("serve printed what it watches");
    for name in [
        "varsel.yaml",
        "ledger.jsonl",
        "outages/",
        "content/",
        "themes/",
    ] {
        assert!(line.contains(name), "{name} missing: {line}");
    }
}

#[test]
fn build_prints_its_timings_only_when_asked() {
    let site = Site::new();
    let quiet = site.run(&["--lang", "en", "--now", "2026-12-02 10:00", "build"]);
    assert_eq!(quiet.code, 0, "{quiet}");
    assert!(!quiet.stderr.contains(" ms  "), "{quiet}");
    assert!(quiet.stderr.contains("built "), "{quiet}");
    let verbose = site.run(&["-v", "--lang", "en", "--now", "2026-12-02 10:00", "build"]);
    assert!(verbose.stderr.contains("time per step:"), "{verbose}");
    assert!(verbose.stderr.contains(" ms  "), "{verbose}");
    let mut by_env = site.command(&["--lang", "en", "--now", "2026-12-02 10:00", "build"]);
    let by_env = by_env.env("VARSEL_LOG", "debug").output().unwrap();
    assert!(String::from_utf8_lossy(&by_env.stderr).contains(" ms  "));
}

/// An acute outage open since Monday 30 November 08:00.
const OPEN_ACUTE: &str =
    "title: Brudd\nkind: acute\nstart: 2026-11-30 08:00\nsystems: [plo]\nmunicipalities: all\n";

#[test]
fn the_open_long_warning_asks_for_an_update_only_when_the_newest_is_old() {
    let now = "2026-12-02 10:00";
    let check = |yaml: &str| {
        let site = Site::new().outage("2026-11-30-brudd", yaml);
        let out = site.run(&["--lang", "en", "--now", now, "check", "--format", "json"]);
        out.json()["warnings"][0].clone()
    };
    let none = check(OPEN_ACUTE);
    assert!(
        none["message"]
            .as_str()
            .unwrap()
            .contains("more than 24 hours"),
        "{none}"
    );
    assert!(
        none["hint"].as_str().unwrap().contains("add an update"),
        "{none}"
    );
    let old = check(&format!(
        "{OPEN_ACUTE}updates:\n  - {{ at: 2026-11-30 09:00, text: Feilsøker. }}\n"
    ));
    let hint = old["hint"].as_str().unwrap();
    assert!(
        hint.contains("add an update") && hint.contains("2026-11-30 09:00"),
        "{old}"
    );
    let recent = check(&format!(
        "{OPEN_ACUTE}updates:\n  - {{ at: 2026-12-02 08:00, text: Feilsøker. }}\n"
    ));
    let hint = recent["hint"].as_str().unwrap();
    assert!(!hint.contains("update"), "{recent}");
    assert!(hint.contains("ended"), "{recent}");
}

#[test]
fn plan_says_the_working_minutes_of_an_open_acute_outage_are_unknown() {
    let site = Site::new().outage("2026-11-30-brudd", OPEN_ACUTE);
    let out = site.run(&["--now", "2026-12-02 10:00", "plan"]);
    assert!(
        out.stdout
            .contains("ukjent antall arbeidsminutter (ingen ventet slutt)"),
        "{out}"
    );
    assert!(!out.stdout.contains("– arbeidsminutter"), "{out}");
    let out = site.run(&["--lang", "en", "--now", "2026-12-02 10:00", "plan"]);
    assert!(
        out.stdout
            .contains("working minutes unknown (no estimated end)"),
        "{out}"
    );
}
