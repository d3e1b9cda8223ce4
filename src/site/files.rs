//! Which entries of `outages/` are outage files (SPEC §3): no entry is ever
//! silently left out. `<id>.yaml` and `<id>.yml` are outage files (both for
//! one id is an error); a symbolic link is an error (git keeps it as a link,
//! which on Windows checks out as a small text file); a folder, a file with
//! another extension or anything else is a warning that says it is not
//! read.
//!
//! Skipped without a word are only entries that are clearly not a
//! coordinator's file (see [`skipped`]): `.gitkeep` (which `init` writes),
//! other hidden entries that do not end in `.yaml`/`.yml` (an editor's
//! `.x.yaml.swp`, `.DS_Store`), Emacs's `.#x.yaml` lock links and backup
//! files ending in `~`. Warning about those would cry wolf while a file is
//! being edited. A hidden file that does end in `.yaml`/`.yml`
//! (`.2026-12-03-x.yaml`, hidden by mistake) is warned about: it looks like
//! an outage that will never be read.

use std::path::Path;

use crate::catalogue::outage as msg;
use crate::diagnostic::Diagnostic;
use crate::yaml::Pos;

use super::OUTAGES_DIR;

/// The extensions of outage files, the usual one first.
pub const EXTENSIONS: [&str; 2] = ["yaml", "yml"];

/// Paths (relative, `/`-separated) of every entry directly in `outages/`
/// except the [`skipped`] ones, sorted.
pub(super) fn list(root: &Path) -> std::io::Result<Vec<String>> {
    let dir = root.join(OUTAGES_DIR);
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        let file = format!("{OUTAGES_DIR}/{name}");
        if !skipped(root, &file, &name) {
            files.push(file);
        }
    }
    files.sort();
    Ok(files)
}

/// True for a path [`list`] would give: directly in `outages/`, not
/// skipped, and present (a broken link included).
pub(super) fn is_listed(root: &Path, file: &str) -> bool {
    file.strip_prefix("outages/")
        .is_some_and(|name| !name.is_empty() && !name.contains('/') && !skipped(root, file, name))
        && std::fs::symlink_metadata(root.join(file)).is_ok()
}

/// True for an entry `name` (path `file`) of `outages/` that is clearly
/// not a coordinator's file and is left out without a word: a backup
/// (`x.yaml~`), an Emacs lock (`.#x.yaml`), and every hidden entry except a
/// regular file ending in `.yaml`/`.yml` (`.gitkeep`, `.x.yaml.swp`).
fn skipped(root: &Path, file: &str, name: &str) -> bool {
    if name.ends_with('~') || name.starts_with(".#") {
        return true;
    }
    if !name.starts_with('.') {
        return false;
    }
    !(has_outage_extension(name)
        && std::fs::symlink_metadata(root.join(file)).is_ok_and(|m| m.file_type().is_file()))
}

/// True when `name` ends in `.yaml` or `.yml`, in any case.
fn has_outage_extension(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    EXTENSIONS
        .iter()
        .any(|ext| lower.strip_suffix(ext).is_some_and(|s| s.ends_with('.')))
}

/// The outage id `file` names (`outages/<id>.yaml` or `.yml`), if any.
pub fn id_of(file: &str) -> Option<&str> {
    let name = file.strip_prefix("outages/")?;
    EXTENSIONS
        .iter()
        .find_map(|ext| name.strip_suffix(ext)?.strip_suffix('.'))
}

/// The id of the outage file `file` to read, or why it is not read.
pub(super) fn classify<'f>(root: &Path, file: &'f str) -> Result<&'f str, Diagnostic> {
    let at = Pos { line: 1, column: 1 };
    let path = root.join(file);
    let meta = std::fs::symlink_metadata(&path).map_err(|e| {
        Diagnostic::error(file, at, crate::catalogue::check::cannot_read_file(e))
            .with_hint(crate::catalogue::check::permissions_hint())
    })?;
    let kind = meta.file_type();
    let name = file.rsplit('/').next().unwrap_or(file);
    if name.starts_with('.') {
        return Err(Diagnostic::warning(file, at, msg::hidden_file())
            .with_hint(msg::hidden_file_hint(name.trim_start_matches('.'))));
    }
    if kind.is_symlink() {
        return Err(
            Diagnostic::error(file, at, msg::symlink_file()).with_hint(msg::symlink_file_hint())
        );
    }
    if kind.is_dir() {
        return Err(Diagnostic::warning(file, at, msg::folder_ignored())
            .with_hint(msg::folder_ignored_hint()));
    }
    if !kind.is_file() {
        return Err(
            Diagnostic::warning(file, at, msg::not_a_file()).with_hint(msg::not_a_file_hint())
        );
    }
    let Some(id) = id_of(file) else {
        return Err(crate::outage::ignored_file(file));
    };
    let twins = EXTENSIONS
        .iter()
        .filter(|ext| root.join(OUTAGES_DIR).join(format!("{id}.{ext}")).exists())
        .count();
    if twins > 1 {
        return Err(Diagnostic::error(file, at, msg::both_extensions(id))
            .with_hint(msg::both_extensions_hint(id)));
    }
    Ok(id)
}
