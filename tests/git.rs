//! `varsel send --git` (SPEC §7 "In git") with real git: a bare repository
//! on disk is the remote, several clones are the CI runners, aiosmtpd is
//! the mail server. Each test builds its own remote; git commands and the
//! binary run with an empty global git configuration.

mod support;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use support::process;
use support::smtp::{Received, Sink, text};
use support::wait_until;

const CONFIG: &str = r#"title: Nedetid test
base_url: https://intranett.example.org/nedetid/
language: nb
timezone: Europe/Oslo
mail:
  from: "Meldingsansvarlige <meldinger@example.org>"
  message_id_domain: example.org
recipients:
  - { name: PLO ressurspersoner, address: plo-ressurs@example.org }
systems:
  plo: { name: PLO-meldinger }
municipalities:
  halden: { name: Halden, coordinator_phone: "+47 00 00 00 01" }
routines:
  default: nodrutiner/plo
"#;

const ROUTINE: &str = "---\ntitle: Nødrutine\n---\n\n1. Ring koordinatortelefonen.\n";

/// When the announce of [`planned`] outages starting 3 December is due.
const DUE: &str = "2026-12-02 11:00";

fn planned(start: &str, end: &str) -> String {
    format!(
        "title: Oppgradering\nkind: planned\nstart: {start}\nend: {end}\nsystems: [plo]\nmunicipalities: [halden]\n"
    )
}

fn acute(start: &str) -> String {
    format!("title: Brudd\nkind: acute\nstart: {start}\nsystems: [plo]\nmunicipalities: [halden]\n")
}

/// A bare remote holding a site on `main`, and the folder its clones live in.
struct Remote {
    dir: tempfile::TempDir,
    clones: usize,
}

/// `git` with an empty global configuration (and no system one).
fn git_command(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new("git");
    cmd.current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_TERMINAL_PROMPT", "0");
    cmd
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = git_command(dir, args)
        .output()
        .expect("git must be installed");
    assert!(
        out.status.success(),
        "git {args:?} in {}: {}",
        dir.display(),
        text(&out)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

impl Remote {
    /// A remote whose `main` holds a site with `outages` (id, YAML), an
    /// empty ledger and, if `union`, the `.gitattributes` every site has.
    fn new(outages: &[(&str, String)], union: bool) -> Remote {
        let dir = tempfile::tempdir().unwrap();
        git(
            dir.path(),
            &[
                "init",
                "--quiet",
                "--bare",
                "--initial-branch=main",
                "remote.git",
            ],
        );
        let mut remote = Remote { dir, clones: 0 };
        let seed = remote.clone_as("seed");
        write(&seed, "varsel.yaml", CONFIG);
        write(&seed, "content/nodrutiner/plo.md", ROUTINE);
        write(&seed, "ledger.jsonl", "");
        if union {
            write(&seed, ".gitattributes", "ledger.jsonl merge=union\n");
        }
        for (id, yaml) in outages {
            write(&seed, &format!("outages/{id}.yaml"), yaml);
        }
        git(&seed, &["add", "-A"]);
        git(&seed, &["commit", "--quiet", "-m", "site"]);
        git(&seed, &["push", "--quiet", "origin", "main"]);
        remote
    }

    /// A remote holding the planned outage `x` (3 December 18:00–22:00).
    fn with_x() -> Remote {
        Remote::new(
            &[("x", planned("2026-12-03 18:00", "2026-12-03 22:00"))],
            true,
        )
    }

    fn bare(&self) -> PathBuf {
        self.dir.path().join("remote.git")
    }

    /// A new clone (a runner or a coordinator's machine) with an author.
    fn clone_as(&mut self, name: &str) -> PathBuf {
        self.clones += 1;
        let path = self.dir.path().join(format!("{name}-{}", self.clones));
        git(
            self.dir.path(),
            &[
                "clone",
                "--quiet",
                self.bare().to_str().unwrap(),
                path.to_str().unwrap(),
            ],
        );
        git(&path, &["config", "user.name", "Runner"]);
        git(&path, &["config", "user.email", "runner@example.org"]);
        path
    }

    /// The ledger records on the remote's `main`.
    fn ledger(&self) -> Vec<Value> {
        let text = git(&self.bare(), &["show", "main:ledger.jsonl"]);
        text.lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect()
    }

    /// The states the remote ledger holds for one Message-ID, in file order.
    fn states(&self, message_id: &str) -> Vec<String> {
        self.ledger()
            .iter()
            .filter(|r| r["message_id"] == message_id)
            .map(|r| r["state"].as_str().unwrap().to_string())
            .collect()
    }

    fn log(&self) -> String {
        git(&self.bare(), &["log", "--format=%s%n%b", "main"])
    }
}

fn write(dir: &Path, path: &str, text: &str) {
    let full = dir.join(path);
    std::fs::create_dir_all(full.parent().unwrap()).unwrap();
    std::fs::write(full, text).unwrap();
}

/// `varsel --root CLONE --lang en --now NOW send --git --ledger
/// CLONE/ledger.jsonl` against `url` (messages in English, as asserted).
fn send_command(clone: &Path, now: &str, url: &str) -> Command {
    let ledger = clone.join("ledger.jsonl");
    let mut cmd = support::command(
        clone,
        &[
            "--lang",
            "en",
            "--now",
            now,
            "send",
            "--git",
            "--ledger",
            ledger.to_str().unwrap(),
        ],
    );
    cmd.env("VARSEL_SMTP_URL", url)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null");
    cmd
}

fn send(clone: &Path, now: &str, url: &str) -> Output {
    send_command(clone, now, url).output().unwrap()
}

/// `varsel --root CLONE ARGS send --watch --git --ledger CLONE/ledger.jsonl`
/// against `url`, its output piped.
fn watch_command(clone: &Path, args: &[&str], url: &str) -> Command {
    let ledger = clone.join("ledger.jsonl");
    let mut args = args.to_vec();
    args.extend([
        "send",
        "--watch",
        "--git",
        "--ledger",
        ledger.to_str().unwrap(),
    ]);
    let mut cmd = support::command(clone, &args);
    cmd.env("VARSEL_SMTP_URL", url)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

fn spawn(clone: &Path, now: &str, url: &str) -> Child {
    send_command(clone, now, url)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn ids(received: &[Received]) -> Vec<String> {
    let mut ids: Vec<String> = received.iter().map(Received::message_id).collect();
    ids.sort();
    ids
}

#[test]
fn n_runners_started_at_once_deliver_each_notice_once_and_the_remote_holds_every_record() {
    const RUNNERS: usize = 6;
    let sink = Sink::start();
    let mut remote = Remote::new(
        &[
            ("x", planned("2026-12-03 18:00", "2026-12-03 22:00")),
            ("y", acute("2026-12-02 10:30")),
            ("z", planned("2026-12-03 08:00", "2026-12-03 12:00")),
        ],
        true,
    );
    let runners: Vec<PathBuf> = (0..RUNNERS).map(|_| remote.clone_as("runner")).collect();
    let started = Instant::now();
    let children: Vec<Child> = runners.iter().map(|r| spawn(r, DUE, &sink.url())).collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    }
    eprintln!("{RUNNERS} runners at once: {:?}", started.elapsed());
    let expected = [
        "<x.announce@example.org>",
        "<y.alert@example.org>",
        "<z.announce@example.org>",
    ];
    assert_eq!(ids(&sink.received()), expected);
    for id in expected {
        assert_eq!(remote.states(id), ["sending", "sent"], "{id}");
    }
    assert!(
        remote
            .log()
            .lines()
            .filter(|l| !l.is_empty())
            .all(|l| l == "site" || l.contains("[skip ci]"))
    );
    // Every runner ends on the remote's head or behind it; a later run on
    // any of them sends nothing.
    for runner in &runners {
        let out = send(runner, "2026-12-02 11:10", &sink.url());
        assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    }
    assert_eq!(sink.received().len(), 3);
}

#[test]
fn a_runner_left_on_an_old_commit_sends_nothing_twice() {
    let sink = Sink::start();
    let mut remote = Remote::with_x();
    let first = remote.clone_as("runner");
    let queued = remote.clone_as("queued");
    let out = send(&first, DUE, &sink.url());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(sink.received().len(), 1);
    // `queued` still has the commit it was cloned at: no ledger records.
    assert_eq!(
        std::fs::read_to_string(queued.join("ledger.jsonl")).unwrap(),
        ""
    );
    let out = send(&queued, "2026-12-02 11:20", &sink.url());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(sink.received().len(), 1, "sent twice: {}", text(&out));
    assert_eq!(
        git(&queued, &["rev-parse", "HEAD"]),
        git(&remote.bare(), &["rev-parse", "main"])
    );
    // A runner checked out at the queued commit itself (detached, as
    // actions/checkout does by default) is refused with a hint.
    let detached = remote.clone_as("detached");
    git(&detached, &["checkout", "--quiet", "--detach", "HEAD~1"]);
    let out = send(&detached, "2026-12-02 11:20", &sink.url());
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        text(&out).contains("detached HEAD") && text(&out).contains("git checkout -B"),
        "{}",
        text(&out)
    );
    assert_eq!(sink.received().len(), 1);
}

#[test]
fn a_coordinators_push_between_claim_and_record_is_merged_not_lost() {
    let sink = Sink::start();
    sink.hold();
    let mut remote = Remote::with_x();
    let runner = remote.clone_as("runner");
    let coordinator = remote.clone_as("coordinator");
    let child = spawn(&runner, DUE, &sink.url());
    // The server has the message: the claim is on the remote, the outcome not yet.
    assert_eq!(sink.wait_for(1).len(), 1);
    assert_eq!(remote.states("<x.announce@example.org>"), ["sending"]);
    git(&coordinator, &["pull", "--quiet"]);
    write(
        &coordinator,
        "outages/y.yaml",
        &planned("2026-12-10 18:00", "2026-12-10 22:00"),
    );
    git(&coordinator, &["add", "-A"]);
    git(&coordinator, &["commit", "--quiet", "-m", "new outage y"]);
    git(&coordinator, &["push", "--quiet", "origin", "main"]);
    sink.release();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(
        remote.states("<x.announce@example.org>"),
        ["sending", "sent"]
    );
    let files = git(
        &remote.bare(),
        &["ls-tree", "--name-only", "main", "outages/"],
    );
    assert!(files.contains("outages/y.yaml"), "{files}");
    // The runner's own commits hold the ledger alone.
    let touched = git(
        &remote.bare(),
        &[
            "log",
            "--format=",
            "--name-only",
            "--grep=skip ci",
            "--fixed-strings",
            "main",
        ],
    );
    assert!(
        touched
            .lines()
            .filter(|l| !l.is_empty())
            .all(|l| l == "ledger.jsonl"),
        "{touched}"
    );
    let out = send(&remote.clone_as("next"), "2026-12-02 11:30", &sink.url());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(sink.received().len(), 1);
}

#[test]
fn a_runner_killed_the_moment_the_server_has_the_message_causes_at_most_one_resend() {
    let sink = Sink::start();
    let mut remote = Remote::with_x();
    let runner = remote.clone_as("runner");
    // The runner waits on its standard input until the server knows its
    // process id, then becomes varsel (exec keeps the id).
    let program = send_command(&runner, DUE, &sink.url());
    let mut shell = Command::new("sh");
    shell
        .arg("-c")
        .arg("read go && exec \"$0\" \"$@\"")
        .arg(program.get_program())
        .args(program.get_args())
        .current_dir(&runner)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (key, value) in program.get_envs() {
        match value {
            Some(value) => shell.env(key, value),
            None => shell.env_remove(key),
        };
    }
    let mut child = shell.spawn().unwrap();
    sink.kill_on_receipt(child.id());
    child.stdin.take().unwrap().write_all(b"go\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), None, "not killed: {}", text(&out));
    assert_eq!(sink.received().len(), 1);
    assert_eq!(remote.states("<x.announce@example.org>"), ["sending"]);

    // Within the claim's lease another runner leaves it alone.
    let other = remote.clone_as("other");
    let out = send(&other, "2026-12-02 11:05", &sink.url());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        text(&out).contains("another run claimed it"),
        "{}",
        text(&out)
    );
    assert_eq!(sink.received().len(), 1);
    // After the lease: one resend, with the same Message-ID.
    let out = send(&other, "2026-12-02 11:15", &sink.url());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains("same Message-ID"), "{}", text(&out));
    let received = sink.received();
    assert_eq!(
        ids(&received),
        ["<x.announce@example.org>", "<x.announce@example.org>"]
    );
    assert_eq!(
        remote.states("<x.announce@example.org>"),
        ["sending", "sending", "sent"]
    );
    let out = send(&remote.clone_as("later"), "2026-12-02 11:30", &sink.url());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(sink.received().len(), 2, "sent a third time");
}

/// Installs `script` as the remote's pre-receive hook (None: removes it).
fn pre_receive(remote: &Remote, script: Option<&str>) {
    let hook = remote.bare().join("hooks/pre-receive");
    let Some(script) = script else {
        std::fs::remove_file(hook).unwrap();
        return;
    };
    executable(&hook, script);
}

#[test]
fn a_remote_that_refuses_every_push_gets_nothing_sent_and_exit_1() {
    let sink = Sink::start();
    let mut remote = Remote::with_x();
    pre_receive(
        &remote,
        Some("#!/bin/sh\necho 'protected branch: no pushes' >&2\nexit 1\n"),
    );
    let runner = remote.clone_as("runner");
    let head = git(&runner, &["rev-parse", "HEAD"]);
    let started = Instant::now();
    let out = send(&runner, DUE, &sink.url());
    eprintln!("a refusing remote: exit after {:?}", started.elapsed());
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let all = text(&out);
    assert!(
        all.contains("nothing was sent") && all.contains("protected branch"),
        "{all}"
    );
    assert!(sink.received().is_empty());
    assert!(remote.ledger().is_empty());
    // The refused claims are gone from the checkout too.
    assert_eq!(git(&runner, &["rev-parse", "HEAD"]), head);
    assert_eq!(
        std::fs::read_to_string(runner.join("ledger.jsonl")).unwrap(),
        ""
    );
}

#[test]
fn outcomes_that_cannot_be_pushed_leave_claims_the_next_run_settles_as_interrupted() {
    let sink = Sink::start();
    let mut remote = Remote::with_x();
    // The claims get through; every push after them is refused.
    pre_receive(
        &remote,
        Some(
            "#!/bin/sh\nn=$(cat pushes 2>/dev/null || echo 0)\necho $((n + 1)) > pushes\n[ \"$n\" -eq 0 ] && exit 0\necho 'refused after the first push' >&2\nexit 1\n",
        ),
    );
    let out = send(&remote.clone_as("runner"), DUE, &sink.url());
    let all = text(&out);
    assert_eq!(out.status.code(), Some(1), "{all}");
    assert!(
        all.contains("outcome could not be pushed") && all.contains("interrupted"),
        "{all}"
    );
    assert_eq!(sink.received().len(), 1);
    assert_eq!(remote.states("<x.announce@example.org>"), ["sending"]);
    pre_receive(&remote, None);
    // A fresh runner (CI keeps nothing) after the lease: one resend, same Message-ID.
    let out = send(&remote.clone_as("next"), "2026-12-02 11:15", &sink.url());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(
        ids(&sink.received()),
        ["<x.announce@example.org>", "<x.announce@example.org>"]
    );
    assert_eq!(
        remote.states("<x.announce@example.org>"),
        ["sending", "sending", "sent"]
    );
}

#[test]
fn a_checkout_that_could_not_push_its_outcomes_pushes_them_at_its_next_run() {
    let sink = Sink::start();
    let mut remote = Remote::with_x();
    pre_receive(
        &remote,
        Some(
            "#!/bin/sh\nn=$(cat pushes 2>/dev/null || echo 0)\necho $((n + 1)) > pushes\n[ \"$n\" -eq 0 ] && exit 0\nexit 1\n",
        ),
    );
    // A long-lived checkout (a `--watch` sender), not a fresh CI one.
    let runner = remote.clone_as("runner");
    let out = send(&runner, DUE, &sink.url());
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert_eq!(remote.states("<x.announce@example.org>"), ["sending"]);
    pre_receive(&remote, None);
    let out = send(&runner, "2026-12-02 11:01", &sink.url());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        text(&out).contains("records of an earlier run pushed"),
        "{}",
        text(&out)
    );
    assert_eq!(
        remote.states("<x.announce@example.org>"),
        ["sending", "sent"]
    );
    // So no runner resends it after the lease.
    let out = send(&remote.clone_as("ci"), "2026-12-02 11:30", &sink.url());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(sink.received().len(), 1);
}

#[test]
fn a_dry_run_with_git_reads_the_branch_head_and_pushes_nothing() {
    let sink = Sink::start();
    let mut remote = Remote::with_x();
    let old = remote.clone_as("old");
    let coordinator = remote.clone_as("coordinator");
    write(&coordinator, "outages/y.yaml", &acute("2026-12-02 10:30"));
    git(&coordinator, &["add", "-A"]);
    git(&coordinator, &["commit", "--quiet", "-m", "acute y"]);
    git(&coordinator, &["push", "--quiet", "origin", "main"]);
    let before = git(&remote.bare(), &["rev-parse", "main"]);
    let ledger = old.join("ledger.jsonl");
    let out = support::command(
        &old,
        &[
            "--now",
            DUE,
            "send",
            "--git",
            "--dry-run",
            "--ledger",
            ledger.to_str().unwrap(),
        ],
    )
    .env("GIT_CONFIG_NOSYSTEM", "1")
    .env("GIT_CONFIG_GLOBAL", "/dev/null")
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(
        printed.contains("Message-ID: <x.announce@example.org>"),
        "{printed}"
    );
    assert!(
        printed.contains("Message-ID: <y.alert@example.org>"),
        "the branch head was not read: {printed}"
    );
    assert_eq!(git(&remote.bare(), &["rev-parse", "main"]), before);
    assert_eq!(std::fs::read_to_string(&ledger).unwrap(), "");
    assert!(sink.received().is_empty());
}

#[test]
fn two_runners_records_merge_even_without_the_union_attribute() {
    for union in [true, false] {
        let sink = Sink::start();
        sink.hold();
        let mut remote = Remote::new(
            &[
                ("x", planned("2026-12-03 18:00", "2026-12-03 22:00")),
                ("y", acute("2026-12-02 11:02")),
            ],
            union,
        );
        let (a, b) = (remote.clone_as("a"), remote.clone_as("b"));
        // a claims x and holds at the server; b, later, claims y on top of
        // a's claim; a's outcome push is then refused and must merge.
        let first = spawn(&a, DUE, &sink.url());
        assert_eq!(sink.wait_for(1).len(), 1);
        let second = spawn(&b, "2026-12-02 11:03", &sink.url());
        assert_eq!(sink.wait_for(2).len(), 2);
        sink.release();
        let out = second.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "union {union}: {}", text(&out));
        let out = first.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "union {union}: {}", text(&out));
        assert_eq!(
            ids(&sink.received()),
            ["<x.announce@example.org>", "<y.alert@example.org>"]
        );
        for id in ["<x.announce@example.org>", "<y.alert@example.org>"] {
            assert_eq!(
                remote.states(id),
                ["sending", "sent"],
                "union {union}: {id}"
            );
        }
        // a's outcome came after b's claim: it was merged, not forced.
        assert!(
            remote.log().contains("ledger: merge origin/main [skip ci]"),
            "{}",
            remote.log()
        );
    }
}

#[test]
fn a_union_merge_of_two_branches_ledgers_reads_back_in_time_order_once() {
    let mut remote = Remote::new(
        &[
            ("x", planned("2026-12-03 18:00", "2026-12-03 22:00")),
            ("y", acute("2026-12-02 10:30")),
        ],
        true,
    );
    let clone = remote.clone_as("coordinator");
    let record = |outage: &str, kind: &str, state: &str, at: &str| {
        format!(
            r#"{{"v":1,"outage":"{outage}","kind":"{kind}","state":"{state}","start":"2026-12-03T18:00:00+01:00","end":"2026-12-03T22:00:00+01:00","at":"{at}","message_id":"<{outage}.{kind}@example.org>"}}"#
        )
    };
    let common = record("x", "announce", "sending", "2026-12-02T11:00:00+01:00");
    let x_sent = record("x", "announce", "sent", "2026-12-02T11:00:00+01:00");
    let y_sending = record("y", "alert", "sending", "2026-12-02T10:31:00+01:00");
    let y_sent = record("y", "alert", "sent", "2026-12-02T10:31:00+01:00");
    git(&clone, &["checkout", "--quiet", "-b", "one"]);
    write(&clone, "ledger.jsonl", &format!("{common}\n{x_sent}\n"));
    git(&clone, &["commit", "--quiet", "-am", "one"]);
    git(&clone, &["checkout", "--quiet", "main"]);
    // The other branch holds an older notice and the same claim (as a
    // cherry-pick would): the merged file has it twice, out of time order.
    write(
        &clone,
        "ledger.jsonl",
        &format!("{y_sending}\n{y_sent}\n{common}\n"),
    );
    git(&clone, &["commit", "--quiet", "-am", "two"]);
    git(&clone, &["merge", "--quiet", "--no-edit", "one"]);
    let merged = std::fs::read_to_string(clone.join("ledger.jsonl")).unwrap();
    assert_eq!(merged.lines().count(), 5, "{merged}");
    assert_eq!(
        merged.lines().filter(|l| *l == common).count(),
        2,
        "{merged}"
    );
    let out = support::run(
        &clone,
        &[
            "--now",
            "2026-12-02 11:05",
            "plan",
            "--format",
            "json",
            "--ledger",
            clone.join("ledger.jsonl").to_str().unwrap(),
        ],
    );
    assert_eq!(out.code, 0, "{out}");
    let plan = out.json();
    let state = |id: &str, kind: &str| {
        plan["outages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["id"] == id)
            .and_then(|o| {
                o["notices"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|n| n["kind"] == kind)
            })
            .map(|n| n["state"].as_str().unwrap().to_string())
    };
    assert_eq!(state("x", "announce").as_deref(), Some("sent"));
    assert_eq!(state("y", "alert").as_deref(), Some("sent"));
}

#[test]
fn send_git_says_what_is_missing_and_takes_its_author_from_varsel_git_author() {
    let sink = Sink::start();
    let mut remote = Remote::with_x();
    // No author anywhere: exit 2 before anything is sent.
    let runner = remote.clone_as("runner");
    git(&runner, &["config", "--unset", "user.name"]);
    git(&runner, &["config", "--unset", "user.email"]);
    let out = send(&runner, DUE, &sink.url());
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("VARSEL_GIT_AUTHOR"), "{}", text(&out));
    let out = send_command(&runner, DUE, &sink.url())
        .env("VARSEL_GIT_AUTHOR", "not an author")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(sink.received().is_empty());
    let out = send_command(&runner, DUE, &sink.url())
        .env("VARSEL_GIT_AUTHOR", "varsel bot <varsel-bot@example.org>")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let authors = git(&remote.bare(), &["log", "--format=%an <%ae>|%s", "main"]);
    let ours: Vec<&str> = authors
        .lines()
        .filter(|l| l.contains("[skip ci]"))
        .collect();
    assert_eq!(ours.len(), 2, "a claim and an outcome commit: {authors}");
    assert!(
        ours.iter()
            .all(|l| l.starts_with("varsel bot <varsel-bot@example.org>|ledger: ")),
        "{authors}"
    );
    // Outside a checkout, or with a missing ledger: exit 2 naming the problem.
    let plain = tempfile::tempdir().unwrap();
    for path in ["varsel.yaml", "content/nodrutiner/plo.md", "ledger.jsonl"] {
        std::fs::create_dir_all(plain.path().join(path).parent().unwrap()).unwrap();
        std::fs::copy(runner.join(path), plain.path().join(path)).unwrap();
    }
    let out = send(plain.path(), DUE, &sink.url());
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        text(&out).contains("not in a git checkout"),
        "{}",
        text(&out)
    );
    std::fs::remove_file(runner.join("ledger.jsonl")).unwrap();
    let out = send(&runner, "2026-12-02 11:20", &sink.url());
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        text(&out).contains("ledger.jsonl does not exist"),
        "{}",
        text(&out)
    );
    assert_eq!(sink.received().len(), 1);
}

#[test]
fn the_ci_templates_send_with_git_from_the_branch_head_off_the_hour() {
    let dir = support::repository().join("examples/ci");
    let github = std::fs::read_to_string(dir.join("github-actions.yml")).unwrap();
    let gitlab = std::fs::read_to_string(dir.join("gitlab-ci.yml")).unwrap();
    for (name, text) in [("github", &github), ("gitlab", &gitlab)] {
        assert!(text.contains("varsel send --git"), "{name}");
        assert!(text.contains("7-59/10 * * * *"), "{name}");
        assert!(!text.contains("*/10 * * * *"), "{name}: on the hour");
        assert!(
            !text.contains("git push") && !text.contains("rebase"),
            "{name}: pushes by hand"
        );
    }
    assert!(github.contains("ref: ${{ github.ref_name }}") && github.contains("concurrency:"));
    assert!(
        gitlab.contains("git checkout -B \"$CI_DEFAULT_BRANCH\" \"origin/$CI_DEFAULT_BRANCH\"")
    );
    assert!(gitlab.contains("resource_group:"));
    let attributes = std::fs::read_to_string(support::repository().join(".gitattributes")).unwrap();
    assert!(
        attributes
            .lines()
            .any(|l| l.trim() == "ledger.jsonl merge=union")
    );
}

#[test]
fn a_watching_sender_with_git_pushes_its_claims_and_outcomes_and_stops_cleanly() {
    use chrono::Utc;
    use chrono_tz::Europe::Oslo;
    let sink = Sink::start();
    let now = Utc::now()
        .with_timezone(&Oslo)
        .format("%Y-%m-%d %H:%M")
        .to_string();
    let mut remote = Remote::new(&[("live", acute(&now))], true);
    let server = remote.clone_as("server");
    let mut child = watch_command(&server, &[], &sink.url()).spawn().unwrap();
    wait_until(Duration::from_secs(20), || {
        remote.states("<live.alert@example.org>") == ["sending", "sent"]
    });
    sigterm(&child);
    let out = {
        let _ = child.stdin.take();
        child.wait_with_output().unwrap()
    };
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(
        remote.states("<live.alert@example.org>"),
        ["sending", "sent"],
        "{}",
        text(&out)
    );
    assert_eq!(ids(&sink.received()), ["<live.alert@example.org>"]);
    assert!(remote.log().contains("[skip ci]"));
}

/// Writes `text` to `path` as an executable script (a hook, an "ssh").
fn executable(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
    let mut permissions = std::fs::metadata(path).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o755);
    std::fs::set_permissions(path, permissions).unwrap();
}

/// Once the remote has updated the branch, the first push's server side
/// dies (and writes `killed` in the bare repository): the client sees an
/// error, the remote holds what was pushed.
fn lose_first_push_reply(remote: &Remote) {
    executable(
        &remote.bare().join("hooks/reference-transaction"),
        "#!/bin/sh\n[ \"$1\" = committed ] || exit 0\n[ -e killed ] && exit 0\ntouch killed\nkill -9 $PPID\n",
    );
}

/// Points the origin of `clone` at a host that does not exist, so that
/// every git command with the remote goes through `GIT_SSH_COMMAND`.
fn origin_over_ssh(clone: &Path) {
    git(
        clone,
        &[
            "remote",
            "set-url",
            "origin",
            "ssh://git.invalid/remote.git",
        ],
    );
}

/// Sends SIGTERM to `child`.
fn sigterm(child: &Child) {
    let term = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(term.success());
}

/// A `GIT_SSH_COMMAND` for a remote that never answers: the script (and
/// the `sleep` it starts) write their process ids to `pids`, then wait.
fn stalling_ssh(dir: &Path) -> (PathBuf, PathBuf) {
    let pids = dir.join("ssh-pids");
    let script = dir.join("stalling-ssh");
    executable(
        &script,
        &format!(
            "#!/bin/sh\nsleep 600 &\necho $! >> {0}\necho $$ >> {0}\nwait\n",
            pids.display()
        ),
    );
    (script, pids)
}

/// True once every process listed in `pids` is gone (or a zombie nobody
/// reaped), waiting a little for the kernel to finish the kill.
fn all_gone(pids: &Path) -> bool {
    let pids = std::fs::read_to_string(pids).unwrap_or_default();
    pids.split_whitespace().all(|pid| {
        let until = Instant::now() + std::time::Duration::from_secs(5);
        loop {
            match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
                Err(_) => return true,
                Ok(stat)
                    if stat
                        .rsplit(')')
                        .next()
                        .is_some_and(|s| s.trim().starts_with('Z')) =>
                {
                    return true;
                }
                Ok(_) if Instant::now() > until => return false,
                Ok(_) => std::thread::sleep(std::time::Duration::from_millis(20)),
            }
        }
    })
}

#[test]
fn a_stalled_ssh_remote_is_a_failed_fetch_and_its_ssh_is_killed() {
    let sink = Sink::start();
    let mut remote = Remote::with_x();
    let runner = remote.clone_as("runner");
    origin_over_ssh(&runner);
    let (ssh, pids) = stalling_ssh(remote.dir.path());
    let started = Instant::now();
    let out = send_command(&runner, DUE, &sink.url())
        .env("GIT_SSH_COMMAND", &ssh)
        .env("VARSEL_GIT_TIMEOUT", "1")
        .output()
        .unwrap();
    eprintln!("a stalled remote: gave up after {:?}", started.elapsed());
    let all = text(&out);
    assert_eq!(out.status.code(), Some(1), "{all}");
    assert!(
        all.contains("`git fetch` with origin/main did not finish within 1 s")
            && all.contains("nothing was sent")
            && all.contains("VARSEL_GIT_TIMEOUT"),
        "{all}"
    );
    assert!(
        std::fs::metadata(&pids).is_ok(),
        "the ssh command never ran"
    );
    assert!(all_gone(&pids), "the stalled ssh outlived the run");
    assert!(sink.received().is_empty());
    assert!(remote.ledger().is_empty());
}

#[test]
fn a_claim_push_whose_reply_is_lost_is_recognised_and_sent_in_the_same_run() {
    let sink = Sink::start();
    let mut remote = Remote::with_x();
    // Once the remote has updated the branch, the first push's server side
    // dies: the client sees an error, the remote holds the claims.
    lose_first_push_reply(&remote);
    let out = send(&remote.clone_as("runner"), DUE, &sink.url());
    let all = text(&out);
    assert!(remote.bare().join("killed").exists(), "the hook never ran");
    assert_eq!(out.status.code(), Some(0), "{all}");
    assert!(all.contains("the reply was lost"), "{all}");
    assert!(!all.contains("another run"), "{all}");
    assert_eq!(ids(&sink.received()), ["<x.announce@example.org>"]);
    assert_eq!(
        remote.states("<x.announce@example.org>"),
        ["sending", "sent"]
    );
}

#[test]
fn sigterm_stops_a_watching_sender_with_git_mid_fetch() {
    let sink = Sink::start();
    let mut remote = Remote::with_x();
    let server = remote.clone_as("server");
    origin_over_ssh(&server);
    let (ssh, pids) = stalling_ssh(remote.dir.path());
    let mut child = watch_command(&server, &["--lang", "en"], &sink.url())
        .env("GIT_SSH_COMMAND", &ssh)
        // Only the stop can end this fetch.
        .env("VARSEL_GIT_TIMEOUT", "600")
        .spawn()
        .unwrap();
    assert!(
        wait_until(Duration::from_secs(20), || pids.exists()),
        "the watcher never fetched"
    );
    sigterm(&child);
    let signalled = Instant::now();
    let limit = Instant::now() + std::time::Duration::from_secs(30);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if Instant::now() > limit {
            let _ = child.kill();
            break None;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    eprintln!("SIGTERM mid-fetch: stopped after {:?}", signalled.elapsed());
    let out = child.wait_with_output().unwrap();
    let status =
        status.unwrap_or_else(|| panic!("still running 30 s after SIGTERM: {}", text(&out)));
    assert_eq!(status.code(), Some(0), "{}", text(&out));
    assert!(all_gone(&pids), "the stalled ssh outlived the watcher");
    assert!(sink.received().is_empty());
}

#[test]
fn own_claims_found_on_the_remote_only_at_the_next_attempt_are_sent_in_the_same_run() {
    let sink = Sink::start();
    let mut remote = Remote::with_x();
    // The first push's server side dies once the branch is updated ...
    lose_first_push_reply(&remote);
    // ... and the connection right after it (the check) fails: an "ssh"
    // that runs the remote command locally, except the third time.
    let count = remote.dir.path().join("ssh-count");
    let ssh = remote.dir.path().join("flaky-ssh");
    executable(
        &ssh,
        &format!(
            "#!/bin/sh\nn=$(cat {0} 2>/dev/null || echo 0)\nn=$((n + 1))\necho $n > {0}\n[ \"$n\" -eq 3 ] && {{ echo 'ssh: connect to host git.invalid port 22: Connection reset' >&2; exit 255; }}\nfor last; do :; done\nexec sh -c \"$last\"\n",
            count.display()
        ),
    );
    let runner = remote.clone_as("runner");
    let url = format!("ssh://git.invalid{}", remote.bare().display());
    git(&runner, &["remote", "set-url", "origin", &url]);
    let out = send_command(&runner, DUE, &sink.url())
        .env("GIT_SSH_COMMAND", &ssh)
        .env("GIT_SSH_VARIANT", "simple")
        .output()
        .unwrap();
    let all = text(&out);
    assert!(remote.bare().join("killed").exists(), "the hook never ran");
    assert_eq!(out.status.code(), Some(0), "{all}");
    assert!(
        all.contains("holds 1 claim(s) of this run") && !all.contains("another run"),
        "{all}"
    );
    assert_eq!(ids(&sink.received()), ["<x.announce@example.org>"]);
    assert_eq!(
        remote.states("<x.announce@example.org>"),
        ["sending", "sent"]
    );
}

/// Two due notices at [`DUE`]: the planned `x` (announce) and the acute `y`
/// (alert).
fn two_due() -> Vec<(&'static str, String)> {
    vec![
        ("x", planned("2026-12-03 18:00", "2026-12-03 22:00")),
        ("y", acute("2026-12-02 10:30")),
    ]
}

#[test]
fn sigterm_stops_a_one_shot_send_with_git_mid_fetch_and_leaves_no_ssh_behind() {
    let sink = Sink::start();
    let mut remote = Remote::new(&two_due(), true);
    let runner = remote.clone_as("runner");
    git(
        &runner,
        &[
            "remote",
            "set-url",
            "origin",
            "ssh://git.invalid/remote.git",
        ],
    );
    let (ssh, pids) = stalling_ssh(remote.dir.path());
    let mut child = send_command(&runner, DUE, &sink.url())
        .env("GIT_SSH_COMMAND", &ssh)
        // Only the stop can end this fetch (as in a CI job whose remote hangs).
        .env("VARSEL_GIT_TIMEOUT", "600")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The script and its sleep have both written their process ids.
    let started = process::wait_for(|| {
        std::fs::read_to_string(&pids).is_ok_and(|p| p.split_whitespace().count() >= 2)
    });
    assert!(started, "the ssh command never ran");
    process::signal(&child, "TERM");
    let (status, took) = process::exit_within(&mut child, std::time::Duration::from_secs(30));
    eprintln!("one-shot send --git, SIGTERM mid-fetch: exited after {took:?}");
    let out = child.wait_with_output().unwrap();
    let all = text(&out);
    let status = status.unwrap_or_else(|| panic!("still running 30 s after SIGTERM: {all}"));
    assert_eq!(status.code(), Some(1), "{all}");
    assert!(
        all.contains("`git fetch` was stopped because varsel is shutting down")
            && all.contains("nothing was sent")
            && all.contains("stopped by SIGTERM"),
        "{all}"
    );
    assert!(all_gone(&pids), "the stalled ssh outlived the run");
    assert!(sink.received().is_empty());
    assert!(remote.ledger().is_empty());
    // The checkout holds no claim and no commit of the stopped run.
    assert_eq!(
        std::fs::read_to_string(runner.join("ledger.jsonl")).unwrap(),
        ""
    );
    assert_eq!(git(&runner, &["status", "--porcelain"]), "");
    assert_eq!(
        git(&runner, &["rev-list", "--count", "origin/main..HEAD"]),
        "0"
    );
}

#[test]
fn sigterm_during_a_hand_over_with_git_records_and_pushes_both_outcomes() {
    let sink = Sink::start();
    sink.hold();
    let mut remote = Remote::new(&two_due(), true);
    let mut child = spawn(&remote.clone_as("runner"), DUE, &sink.url());
    // The server has the first message: both claims are on the remote.
    let first = sink.wait_for(1);
    assert_eq!(first.len(), 1);
    let first = first[0].message_id();
    process::signal(&child, "TERM");
    // The signal is handled at once; the held reply then comes.
    std::thread::sleep(std::time::Duration::from_millis(300));
    sink.release();
    let (status, took) = process::exit_within(&mut child, std::time::Duration::from_secs(60));
    eprintln!("one-shot send --git, SIGTERM mid-hand-over: exited {took:?} after the release");
    let out = child.wait_with_output().unwrap();
    let all = text(&out);
    assert_eq!(status.and_then(|s| s.code()), Some(1), "{all}");
    assert!(all.contains("stopped by SIGTERM"), "{all}");
    assert_eq!(sink.received().len(), 1, "{all}");
    let second = ["<x.announce@example.org>", "<y.alert@example.org>"]
        .into_iter()
        .find(|id| *id != first)
        .unwrap();
    assert_eq!(remote.states(&first), ["sending", "sent"]);
    assert_eq!(remote.states(second), ["sending", "failed"]);
    // The next run sends the other notice at once, not after the lease.
    let out = send(&remote.clone_as("next"), "2026-12-02 11:01", &sink.url());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(
        ids(&sink.received()),
        ["<x.announce@example.org>", "<y.alert@example.org>"]
    );
}

#[test]
fn a_second_signal_while_the_outcomes_push_stalls_ends_the_run_at_once_and_kills_its_ssh() {
    let sink = Sink::start();
    sink.hold();
    let mut remote = Remote::new(&two_due(), true);
    // An "ssh" that runs the remote command locally for the fetch and the
    // claim push, and stalls from the third connection on (the outcomes).
    let count = remote.dir.path().join("ssh-count");
    let pids = remote.dir.path().join("ssh-pids");
    let ssh = remote.dir.path().join("stalls-third-ssh");
    std::fs::write(
        &ssh,
        format!(
            "#!/bin/sh\nn=$(cat {0} 2>/dev/null || echo 0)\nn=$((n + 1))\necho $n > {0}\nif [ \"$n\" -ge 3 ]; then sleep 600 & echo $! >> {1}; echo $$ >> {1}; wait; exit 255; fi\nfor last; do :; done\nexec sh -c \"$last\"\n",
            count.display(),
            pids.display()
        ),
    )
    .unwrap();
    let mut permissions = std::fs::metadata(&ssh).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o755);
    std::fs::set_permissions(&ssh, permissions).unwrap();
    let runner = remote.clone_as("runner");
    let url = format!("ssh://git.invalid{}", remote.bare().display());
    git(&runner, &["remote", "set-url", "origin", &url]);
    let mut child = send_command(&runner, DUE, &sink.url())
        .env("GIT_SSH_COMMAND", &ssh)
        .env("GIT_SSH_VARIANT", "simple")
        .env("VARSEL_GIT_TIMEOUT", "600")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let first = sink.wait_for(1);
    assert_eq!(
        first.len(),
        1,
        "the first hand-over never reached the server"
    );
    let first = first[0].message_id();
    process::signal(&child, "TERM");
    std::thread::sleep(std::time::Duration::from_millis(300));
    sink.release();
    // The outcomes push starts and stalls; the run waits for it (its
    // deadline, 600 s here), as the first signal asks.
    let stalled = process::wait_for(|| {
        std::fs::read_to_string(&pids).is_ok_and(|p| p.split_whitespace().count() >= 2)
    });
    assert!(stalled, "the outcomes push never started");
    assert!(
        child.try_wait().unwrap().is_none(),
        "the run did not wait for its outcomes push"
    );
    process::signal(&child, "INT");
    let (status, took) = process::exit_within(&mut child, std::time::Duration::from_secs(30));
    eprintln!("one-shot send --git, a second signal mid-push: exited after {took:?}");
    let out = child.wait_with_output().unwrap();
    assert_eq!(status.and_then(|s| s.code()), Some(1), "{}", text(&out));
    assert!(all_gone(&pids), "the stalled push's ssh outlived the run");
    // Only the claims reached the remote: a later run settles them as
    // interrupted hand-overs once their lease is out, each resent once.
    let second = ["<x.announce@example.org>", "<y.alert@example.org>"]
        .into_iter()
        .find(|id| *id != first)
        .unwrap();
    assert_eq!(remote.states(&first), ["sending"]);
    assert_eq!(remote.states(second), ["sending"]);
    let out = send(&remote.clone_as("next"), "2026-12-02 11:15", &sink.url());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let mut expected = vec![first.clone(), first.clone(), second.to_string()];
    expected.sort();
    assert_eq!(ids(&sink.received()), expected);
}
