//! A fixture site in a temp folder, built with the real binary.
#![allow(dead_code, unreachable_pub, missing_docs)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The configuration every fixture site starts from.
pub const CONFIG: &str = r#"
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

/// The routine page of every fixture site.
pub const ROUTINE: &str = "---\ntitle: Nødrutine for PLO\nweight: 1\n---\n\n1. Les varselet.\n2. Ring koordinatortelefonen.\n";

/// The planned outage used by most tests: Thursday 3 December 2026
/// 18:00–22:00 (a working day), published from Wednesday 11:00.
pub const PLANNED: &str = "title: Oppgradering av meldingstjeneren\nkind: planned\nstart: 2026-12-03 18:00\nend: 2026-12-03 22:00\nsystems: [plo]\nmunicipalities: all\ndescription: Meldingstjeneren oppgraderes.\n";

/// A site folder in a temp dir.
pub struct Fixture {
    pub dir: tempfile::TempDir,
}

/// What a run of the binary gave.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Fixture {
    /// A site with the config and the routine page and no outages.
    pub fn new() -> Fixture {
        let fixture = Fixture {
            dir: tempfile::tempdir().unwrap(),
        };
        fixture.write("varsel.yaml", CONFIG);
        fixture.write("content/nodrutiner/plo.md", ROUTINE);
        std::fs::create_dir_all(fixture.root().join("outages")).unwrap();
        fixture
    }

    /// The site folder.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (parents created).
    pub fn write(&self, path: &str, text: &str) -> &Self {
        let path = self.root().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    /// Adds `outages/<id>.yaml`.
    pub fn outage(&self, id: &str, yaml: &str) -> &Self {
        self.write(&format!("outages/{id}.yaml"), yaml)
    }

    /// Runs `varsel build --now NOW` (and extra arguments).
    pub fn build(&self, now: &str, extra: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_varsel"))
            .arg("--root")
            .arg(self.root())
            .args(["--now", now, "build"])
            .args(extra)
            .output()
            .unwrap();
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// The default output folder.
    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    /// A file of the output, as text.
    pub fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.public().join(path))
            .unwrap_or_else(|e| panic!("public/{path}: {e}"))
    }

    /// True if the output holds `path`.
    pub fn exists(&self, path: &str) -> bool {
        self.public().join(path).exists()
    }
}
