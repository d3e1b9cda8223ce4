//! A small fixture-site builder shared by the integration tests.
//!
//! `Site::new()` makes a temporary folder holding a valid minimal site (a
//! `varsel.yaml` and the routine page it names); tests add outage files and
//! other files, then run the real `varsel` binary against it with `--root`.
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

/// A valid minimal configuration: two systems, two municipalities with
/// coordinator telephones, the default routine page `nodrutiner/plo`.
pub const MINIMAL_CONFIG: &str = "\
title: Nedetid (test)
base_url: https://intranett.example.org/nedetid/
language: nb
timezone: Europe/Oslo
mail:
  from: \"Meldingsansvarlige <meldinger@example.org>\"
  message_id_domain: example.org
recipients:
  - { name: PLO ressurspersoner, address: plo-ressurs@example.org }
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
    "---\ntitle: Nødrutine for PLO-meldinger\n---\n\nRing koordinatortelefonen.\n";

/// A valid planned outage for the minimal configuration.
pub const VALID_OUTAGE: &str = "\
title: Oppgradering av meldingstjener
kind: planned
start: 2026-12-03 18:00
end: 2026-12-03 22:00
systems: [plo]
municipalities: all
";

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
        let dir = tempfile::tempdir().expect("temp dir");
        let site = Site { dir };
        site.file("varsel.yaml", MINIMAL_CONFIG)
            .file("content/nodrutiner/plo.md", ROUTINE_PAGE)
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
        let full = self.dir.path().join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent).expect("create folders");
        }
        std::fs::write(&full, bytes).expect("write file");
        self
    }

    /// Removes a file (relative to the root).
    pub fn remove(self, path: &str) -> Self {
        std::fs::remove_file(self.dir.path().join(path)).expect("remove file");
        self
    }

    /// Runs `varsel --root <site> <args>` and collects its output.
    pub fn run(&self, args: &[&str]) -> Output {
        let out = Command::new(env!("CARGO_BIN_EXE_varsel"))
            .arg("--root")
            .arg(self.dir.path())
            .args(args)
            .output()
            .expect("run varsel");
        Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

fn outage_path(name: &str) -> String {
    if name.contains('.') {
        format!("outages/{name}")
    } else {
        format!("outages/{name}.yaml")
    }
}

/// The folder of checked-in fixtures, `tests/fixtures/`.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}
