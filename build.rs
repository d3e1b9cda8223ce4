//! Tells `varsel --version` which commit it was built from.
//!
//! `VARSEL_VERSION` is the package version followed by the commit:
//! `0.1.0 (commit 1a2b3c4d5e6f)`. The commit is `VARSEL_COMMIT` when set (a
//! build from a source tarball can say where it came from; `.ci/build-deb`
//! sets it), else, in a release build, what `git rev-parse HEAD` says about
//! the checkout. Outside git (a crate tarball, no git installed) it is just
//! the version: the build never fails for want of a commit.
//!
//! Debug builds read git only through `VARSEL_COMMIT`: watching HEAD would
//! recompile the crate and every test binary after each commit of a
//! developer's, for a string nobody reads in a debug build.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    println!("cargo::rerun-if-env-changed=VARSEL_COMMIT");
    let commit = match std::env::var("VARSEL_COMMIT") {
        Ok(commit) if !commit.trim().is_empty() => Some(commit.trim().to_string()),
        _ if std::env::var("PROFILE").as_deref() == Ok("release") => from_git(),
        _ => None,
    };
    let text = match commit {
        Some(commit) => format!("{version} (commit {commit})"),
        None => version,
    };
    println!("cargo::rustc-env=VARSEL_VERSION={text}");
}

/// The checkout's commit, or `None` outside git. Asks cargo to run this
/// again when HEAD moves (a commit, a checkout).
fn from_git() -> Option<String> {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR")?);
    let git = |args: &[&str]| -> Option<String> {
        let out = Command::new("git")
            .arg("-C")
            .arg(&manifest)
            .args(args)
            .output()
            .ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
    };
    // Only a checkout whose top is this crate's folder names the commit of
    // this source (a crate unpacked inside some other repository does not).
    let top = git(&["rev-parse", "--show-toplevel"])?;
    if !same_dir(Path::new(&top), &manifest) {
        return None;
    }
    if let Some(path) = git(&["rev-parse", "--git-path", "HEAD"]) {
        println!("cargo::rerun-if-changed={}", manifest.join(path).display());
    }
    // The branch HEAD points to moves with each commit; rerun then too.
    // Only files that exist are named: cargo reruns a build script whose
    // watched file is missing at every build.
    if let Some(reference) = git(&["symbolic-ref", "-q", "HEAD"]) {
        for file in [reference.as_str(), "packed-refs"] {
            if let Some(path) = git(&["rev-parse", "--git-path", file]) {
                let path = manifest.join(path);
                if path.exists() {
                    println!("cargo::rerun-if-changed={}", path.display());
                }
            }
        }
    }
    git(&["rev-parse", "--short=12", "HEAD"])
}

/// True when both paths name the same folder.
fn same_dir(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
