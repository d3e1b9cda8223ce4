//! Writing the built site: all files go into a sibling temp folder, which
//! then replaces the output folder in two renames, so a web server reading
//! the folder never sees a half-written site, and pages no longer published
//! are simply not in the new folder.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

/// A file of the built site: path relative to the output folder, bytes.
pub type OutputFile = (String, Vec<u8>);

/// Why the output could not be written.
#[derive(Debug)]
pub enum OutputError {
    /// The output folder is not one varsel built (or is the site itself):
    /// replacing it could destroy someone's files.
    Refused(PathBuf, &'static str),
    /// A file system operation failed.
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OutputError::Refused(path, why) => {
                write!(f, "will not replace {}: {why}", path.display())
            }
            OutputError::Io(path, e) => write!(f, "cannot write {}: {e}", path.display()),
        }
    }
}

/// The file every built site has; its presence marks a folder as ours.
pub const MARKER: &str = "outages.json";

/// Replaces the folder `out` by a folder holding exactly `files`.
/// `site_root` is never replaced, nor a non-empty folder without [`MARKER`].
pub fn replace_dir(out: &Path, site_root: &Path, files: &[OutputFile]) -> Result<(), OutputError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |e| OutputError::Io(path, e)
    };
    check_replaceable(out, site_root)?;
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(io(parent))?;
    let name = out
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    let pid = std::process::id();
    let fresh = parent.join(format!(".{name}.new-{pid}"));
    let old = parent.join(format!(".{name}.old-{pid}"));
    for leftover in [&fresh, &old] {
        if leftover.exists() {
            std::fs::remove_dir_all(leftover).map_err(io(leftover))?;
        }
    }
    if let Err(e) = write_all(&fresh, files) {
        let _ = std::fs::remove_dir_all(&fresh);
        return Err(e);
    }
    let had_old = out.exists();
    if had_old {
        std::fs::rename(out, &old).map_err(io(out))?;
    }
    if let Err(e) = std::fs::rename(&fresh, out) {
        if had_old {
            let _ = std::fs::rename(&old, out);
        }
        let _ = std::fs::remove_dir_all(&fresh);
        return Err(OutputError::Io(out.to_path_buf(), e));
    }
    if had_old {
        std::fs::remove_dir_all(&old).map_err(io(&old))?;
    }
    Ok(())
}

fn check_replaceable(out: &Path, site_root: &Path) -> Result<(), OutputError> {
    let refused = |why| Err(OutputError::Refused(out.to_path_buf(), why));
    if !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        return refused("it is a file, not a folder");
    }
    let (Ok(out_abs), Ok(root_abs)) = (out.canonicalize(), site_root.canonicalize()) else {
        return Ok(());
    };
    if root_abs.starts_with(&out_abs) {
        return refused("it is the site folder or contains it");
    }
    let empty = std::fs::read_dir(out)
        .map_err(|e| OutputError::Io(out.to_path_buf(), e))?
        .next()
        .is_none();
    if !empty && !out.join(MARKER).is_file() {
        return refused(
            "it is not empty and was not built by varsel (no outages.json); choose another --out",
        );
    }
    Ok(())
}

/// Writes `files` under `dir`: each folder is created once, then the files
/// are written in parallel (one page per published outage adds up).
fn write_all(dir: &Path, files: &[OutputFile]) -> Result<(), OutputError> {
    let folders: BTreeSet<PathBuf> = files
        .iter()
        .filter_map(|(relative, _)| dir.join(relative).parent().map(Path::to_path_buf))
        .chain([dir.to_path_buf()])
        .collect();
    for folder in &folders {
        std::fs::create_dir_all(folder).map_err(|e| OutputError::Io(folder.clone(), e))?;
    }
    files.par_iter().try_for_each(|(relative, data)| {
        let path = dir.join(relative);
        std::fs::write(&path, data).map_err(|e| OutputError::Io(path, e))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        (path.to_string(), text.as_bytes().to_vec())
    }

    #[test]
    fn replaces_the_whole_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        replace_dir(
            &out,
            dir.path(),
            &[file(MARKER, "{}"), file("a/index.html", "a")],
        )
        .unwrap();
        assert!(out.join("a/index.html").is_file());
        replace_dir(
            &out,
            dir.path(),
            &[file(MARKER, "{}"), file("b/index.html", "b")],
        )
        .unwrap();
        assert!(!out.join("a").exists());
        assert!(out.join("b/index.html").is_file());
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("public")]);
    }

    #[test]
    fn refuses_foreign_folders_and_the_site_itself() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("docs");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("precious.txt"), "x").unwrap();
        let err = replace_dir(&out, dir.path(), &[file(MARKER, "{}")]).unwrap_err();
        assert!(matches!(err, OutputError::Refused(..)));
        assert!(out.join("precious.txt").exists());
        let err = replace_dir(dir.path(), dir.path(), &[file(MARKER, "{}")]).unwrap_err();
        assert!(matches!(err, OutputError::Refused(..)));
    }
}
