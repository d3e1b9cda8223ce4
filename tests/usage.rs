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
    let out = child.wait_with_output().expect("output");
    support::Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
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
