//! A small fixture-site builder shared by the integration tests.
//!
//! `Site::new()` makes a temporary folder holding a valid minimal site (a
//! `varsel.yaml` and the routine page it names); tests add outage files and
//! other files, then run the real `varsel` binary against it with `--root`.
//! `Site::for_build()` is the site the page tests and golden files use, and
//! `Site::repository()` a copy of the repository's own configuration and
//! content. Every integration-test binary uses this one builder; the
//! `sending` part gives it `send` and the ledger, and [`smtp`] is the mail
//! server (and the certificates) of the tests that send.
//!
//! ```ignore
//! let out = Site::new().outage("a", "title: ...").run(&["check"]);
//! assert_eq!(out.code, 1);
//! ```

// Each integration-test binary compiles this module and uses a different part of it.
#![allow(dead_code)]
// Shared by test binaries, so `pub` here means "for the tests", not an API.
#![allow(unreachable_pub)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

pub mod process;
mod sending;
pub mod smtp;

/// A valid minimal configuration: two systems, two municipalities with
/// coordinator telephones, the default routine page `nodrutiner/plo`. Its
/// addresses are at `sykehus.test` (reserved, RFC 2606), not example.org,
/// so that `check` has no example-address warnings to give.
pub const MINIMAL_CONFIG: &str = "\
title: Nedetid (test)
base_url: https://intranett.example.org/nedetid/
language: nb
timezone: Europe/Oslo
mail:
  from: \"Meldingsansvarlige <meldinger@sykehus.test>\"
  message_id_domain: example.org
recipients:
  - { name: PLO ressurspersoner, address: plo-ressurs@sykehus.test }
systems:
  plo: { name: PLO-meldinger }
  dialogmeldinger: { name: Dialogmeldinger }
municipalities:
  halden: { name: Halden, coordinator_phone: \"+47 00 00 01 03\" }
  moss: { name: Moss, coordinator_phone: \"+47 00 00 01 04\" }
routines:
  default: nodrutiner/plo
";

/// The routine page the minimal configuration points at.
pub const ROUTINE_PAGE: &str =
    "---\ntitle: Nødrutine for PLO-meldinger\n---\n\n1. Ring koordinatortelefonen.\n";

/// A valid planned outage for the minimal configuration.
pub const VALID_OUTAGE: &str = "\
title: Oppgradering av meldingstjener
kind: planned
start: 2026-12-03 18:00
end: 2026-12-03 22:00
systems: [plo]
municipalities: all
";

/// The configuration of the site the page tests and golden files use.
pub const BUILD_CONFIG: &str = r#"
title: Nedetid i meldingsutveksling
base_url: https://intranett.example.org/nedetid/
language: nb
timezone: Europe/Oslo
theme: default
policy:
  min_working_minutes: 60
  announce_at: "11:00"
  announce_day: calendar
  reminder_at: "07:00"
  publish_at: "11:00"
  extra_closed_days: []
mail:
  from: "Meldingsansvarlige <meldinger@example.org>"
  message_id_domain: example.org
recipients:
  - { name: PLO, address: plo@example.org }
systems:
  plo: { name: PLO-meldinger }
municipalities:
  fredrikstad: { name: Fredrikstad, coordinator_phone: "+47 00 00 01 01" }
  halden: { name: Halden, coordinator_phone: "+47 00 00 01 03" }
routines:
  default: nodrutiner/plo
"#;

/// The routine page of [`Site::for_build`], with key steps.
pub const BUILD_ROUTINE: &str = "---\ntitle: Nødrutine for PLO\nweight: 1\n---\n\n1. Les varselet.\n2. Ring koordinatortelefonen.\n";

/// The planned outage used by most page tests: Thursday 3 December 2026
/// 18:00–22:00 (a working day), published from Wednesday 11:00.
pub const PLANNED: &str = "title: Oppgradering av meldingstjeneren\nkind: planned\nstart: 2026-12-03 18:00\nend: 2026-12-03 22:00\nsystems: [plo]\nmunicipalities: all\ndescription: Meldingstjeneren oppgraderes.\n";

/// What a run of the binary produced.
#[derive(Debug)]
pub struct Output {
    /// Exit status (`-1` if killed by a signal).
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Output {
    /// Standard output parsed as JSON; panics with the output if it is not.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{self}"))
    }
}

impl From<std::process::Output> for Output {
    fn from(out: std::process::Output) -> Self {
        Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

impl std::fmt::Display for Output {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit {}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

/// A site in a temporary folder, deleted when dropped.
pub struct Site {
    dir: tempfile::TempDir,
}

impl Default for Site {
    fn default() -> Self {
        Self::new()
    }
}

impl Site {
    /// A valid minimal site with no outages.
    pub fn new() -> Self {
        Self::empty()
            .config(MINIMAL_CONFIG)
            .file("content/nodrutiner/plo.md", ROUTINE_PAGE)
    }

    /// A folder without any file.
    pub fn empty() -> Self {
        Site {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// The site of the page tests and golden files ([`BUILD_CONFIG`],
    /// [`BUILD_ROUTINE`]) with an empty `outages/`.
    pub fn for_build() -> Self {
        let site = Self::empty()
            .config(BUILD_CONFIG)
            .file("content/nodrutiner/plo.md", BUILD_ROUTINE);
        std::fs::create_dir_all(site.root().join("outages")).expect("create folders");
        site
    }

    /// A copy of the repository's `varsel.yaml` and `content/`, no outages.
    pub fn repository() -> Self {
        let site = Self::empty();
        std::fs::copy(
            repository().join("varsel.yaml"),
            site.root().join("varsel.yaml"),
        )
        .expect("copy varsel.yaml");
        copy_dir(&repository().join("content"), &site.root().join("content"));
        site
    }

    /// A copy of the repository's whole example site: `varsel.yaml`,
    /// `content/`, `outages/`, `themes/` and `ledger.jsonl`.
    pub fn example() -> Self {
        let site = Self::repository();
        for dir in ["outages", "themes"] {
            copy_dir(&repository().join(dir), &site.root().join(dir));
        }
        std::fs::copy(
            repository().join("ledger.jsonl"),
            site.root().join("ledger.jsonl"),
        )
        .expect("copy ledger.jsonl");
        site
    }

    /// The site folder.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `outages/<name>` (`name` without extension gets `.yaml`).
    pub fn outage(self, name: &str, yaml: &str) -> Self {
        self.bytes(&outage_path(name), yaml.as_bytes())
    }

    /// Writes `outages/<name>` with arbitrary bytes.
    pub fn outage_bytes(self, name: &str, bytes: &[u8]) -> Self {
        self.bytes(&outage_path(name), bytes)
    }

    /// Replaces `varsel.yaml`.
    pub fn config(self, yaml: &str) -> Self {
        self.file("varsel.yaml", yaml)
    }

    /// Writes a text file at `path` (relative to the root), creating folders.
    pub fn file(self, path: &str, text: &str) -> Self {
        self.bytes(path, text.as_bytes())
    }

    /// Writes a file with arbitrary bytes at `path`, creating folders.
    pub fn bytes(self, path: &str, bytes: &[u8]) -> Self {
        self.write(path, bytes);
        self
    }

    /// Removes a file (relative to the root).
    pub fn remove(self, path: &str) -> Self {
        self.delete(path);
        self
    }

    /// Writes a file in place, between runs (`outage_path` names outages).
    pub fn write(&self, path: &str, bytes: impl AsRef<[u8]>) {
        let full = self.dir.path().join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent).expect("create folders");
        }
        std::fs::write(&full, bytes).expect("write file");
    }

    /// Removes a file in place, between runs.
    pub fn delete(&self, path: &str) {
        std::fs::remove_file(self.dir.path().join(path)).expect("remove file");
    }

    /// Writes `outages/<name>` in place, between runs (see [`Site::outage`]).
    pub fn write_outage(&self, name: &str, yaml: &str) {
        self.write(&outage_path(name), yaml);
    }

    /// `varsel --root <site> <args>`, ready to run (see [`command`]).
    pub fn command(&self, args: &[&str]) -> Command {
        command(self.root(), args)
    }

    /// Runs `varsel --root <site> <args>` and collects its output.
    pub fn run(&self, args: &[&str]) -> Output {
        run(self.root(), args)
    }

    /// Runs `varsel --now NOW build` with `extra` arguments.
    pub fn build(&self, now: &str, extra: &[&str]) -> Output {
        let mut args = vec!["--now", now, "build"];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    /// The default output folder of `build`.
    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    /// A file of the built site, as text.
    pub fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.public().join(path))
            .unwrap_or_else(|e| panic!("public/{path}: {e}"))
    }

    /// True if the built site holds `path`.
    pub fn exists(&self, path: &str) -> bool {
        self.public().join(path).exists()
    }
}

/// `varsel --root <root> <args>` without the `VARSEL_*` variables of the
/// environment the tests run in.
pub fn command(root: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_varsel"));
    cmd.arg("--root")
        .arg(root)
        .args(args)
        .env_remove("VARSEL_SMTP_URL")
        .env_remove("VARSEL_SMTP_CA_FILE")
        .env_remove("VARSEL_OAUTH_TOKEN_URL")
        .env_remove("VARSEL_OAUTH_TENANT")
        .env_remove("VARSEL_OAUTH_CLIENT_ID")
        .env_remove("VARSEL_OAUTH_CLIENT_SECRET")
        .env_remove("VARSEL_OAUTH_CLIENT_CERT_FILE")
        .env_remove("VARSEL_OAUTH_CLIENT_KEY_FILE")
        .env_remove("VARSEL_OAUTH_SCOPE")
        .env_remove("VARSEL_GIT_AUTHOR")
        .env_remove("VARSEL_FAILPOINT");
    cmd
}

/// Runs `varsel --root <root> <args>` (any folder, such as
/// [`repository`]) and collects its output.
pub fn run(root: &Path, args: &[&str]) -> Output {
    command(root, args).output().expect("run varsel").into()
}

/// `outages/<name>`, with `.yaml` added when `name` has no extension.
pub fn outage_path(name: &str) -> String {
    if name.contains('.') {
        format!("outages/{name}")
    } else {
        format!("outages/{name}.yaml")
    }
}

/// The repository, itself the example hospital site.
pub fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The folder of checked-in fixtures, `tests/fixtures/`.
pub fn fixtures() -> PathBuf {
    repository().join("tests/fixtures")
}

/// Waits up to `limit` for `ready`, asking every 50 ms; false if it never came.
pub fn wait_until(limit: Duration, mut ready: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if ready() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    ready()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folders");
    for entry in std::fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("folder entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy file");
        }
    }
}

/// The flags every headless Chromium in the tests starts with (plus a fresh
/// `--user-data-dir`): no sandbox (root in CI), no GPU, and none of the
/// background connections a closed network refuses.
pub const CHROMIUM_FLAGS: [&str; 7] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/// The first of `names` on PATH (or in `VARSEL_CHROMIUM` for Chromium itself);
/// panics saying what to install, so a missing browser fails the test.
pub fn browser_program(names: &[&str]) -> PathBuf {
    std::env::var_os("VARSEL_CHROMIUM")
        .map(PathBuf::from)
        .filter(|_| !names.contains(&"chromedriver"))
        .into_iter()
        .chain(
            std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
                .flat_map(|dir| names.iter().map(move |name| dir.join(name))),
        )
        .find(|p| p.is_file())
        .unwrap_or_else(|| {
            panic!(
                "{} is required for the browser tests: install it with \
                 `apt-get install -y chromium chromium-driver`",
                names[0]
            )
        })
}
