//! Which entries of `outages/` are outage files (SPEC §3): no entry is ever
//! silently left out. `<id>.yaml` and `<id>.yml` are outage files (both for
//! one id is an error); a symbolic link is an error (git keeps it as a link,
//! which on Windows checks out as a small text file); a folder, a file with
//! another extension or anything else is a warning that says it is not
//! read. Hidden entries (`.gitkeep`, an editor's swap file) are skipped.

use std::path::Path;

use crate::catalogue::outage as msg;
use crate::diagnostic::Diagnostic;
use crate::yaml::Pos;

use super::OUTAGES_DIR;

/// The extensions of outage files, the usual one first.
pub const EXTENSIONS: [&str; 2] = ["yaml", "yml"];

/// Paths (relative, `/`-separated) of every entry directly in `outages/`
/// except hidden ones, sorted.
pub(super) fn list(root: &Path) -> std::io::Result<Vec<String>> {
    let dir = root.join(OUTAGES_DIR);
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if !name.starts_with('.') {
            files.push(format!("{OUTAGES_DIR}/{name}"));
        }
    }
    files.sort();
    Ok(files)
}

/// True for a path [`list`] would give: directly in `outages/`, not
/// hidden, and present (a broken link included).
pub(super) fn is_listed(root: &Path, file: &str) -> bool {
    file.strip_prefix("outages/")
        .is_some_and(|name| !name.is_empty() && !name.contains('/') && !name.starts_with('.'))
        && std::fs::symlink_metadata(root.join(file)).is_ok()
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
