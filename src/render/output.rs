//! Writing the built site: all files go into a sibling temp folder, which
//! then replaces the output folder in two renames, so a web server reading
//! the folder never sees a half-written site, and pages no longer published
//! are simply not in the new folder.

use std::path::{Path, PathBuf};

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
            OutputError::Refused(path, why) => f.write_str(
                &crate::catalogue::cli::will_not_replace(path.display(), why),
            ),
            OutputError::Io(path, e) => {
                f.write_str(&crate::catalogue::cli::cannot_write(path.display(), e))
            }
        }
    }
}

/// The file every built site has; its presence marks a folder as ours.
pub const MARKER: &str = "outages.json";

/// A new output folder being written: a hidden sibling of the output folder
/// that [`Staging::commit`] swaps in with two renames. Files are written as
/// soon as they are rendered (from many threads at once), so the built site
/// never has to fit in memory. Dropped without a commit (an error, a
/// panic), it removes itself and the output folder stays as it was.
pub struct Staging {
    out: PathBuf,
    fresh: PathBuf,
    old: PathBuf,
    committed: bool,
}

impl Staging {
    /// Starts a new output folder for `out`. `site_root` is never replaced,
    /// nor a non-empty folder without [`MARKER`].
    pub fn new(out: &Path, site_root: &Path) -> Result<Staging, OutputError> {
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
        std::fs::create_dir(&fresh).map_err(io(&fresh))?;
        Ok(Staging {
            out: out.to_path_buf(),
            fresh,
            old,
            committed: false,
        })
    }

    /// Writes one file at `relative` (a `/`-separated path inside the
    /// output folder), creating its folder if needed. The folder is made
    /// first: almost every page of a site is alone in its own folder, so
    /// this costs one `mkdir` where trying the file first would cost a
    /// failed `open` as well.
    pub fn write(&self, relative: &str, data: &[u8]) -> Result<(), OutputError> {
        let path = self.fresh.join(relative);
        if let Some((folder, _)) = relative.rsplit_once('/') {
            let folder = self.fresh.join(folder);
            match std::fs::create_dir(&folder) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    std::fs::create_dir_all(&folder).map_err(io(&folder))?;
                }
                Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                    return Err(OutputError::Io(folder, e));
                }
                _ => {}
            }
        }
        std::fs::write(&path, data).map_err(io(&path))
    }

    /// Swaps the new folder in place of the output folder and removes the
    /// old one.
    pub fn commit(mut self) -> Result<(), OutputError> {
        let (out, fresh, old) = (&self.out, &self.fresh, &self.old);
        let had_old = out.exists();
        if had_old {
            std::fs::rename(out, old).map_err(io(out))?;
        }
        if let Err(e) = std::fs::rename(fresh, out) {
            if had_old {
                let _ = std::fs::rename(old, out);
            }
            return Err(OutputError::Io(out.to_path_buf(), e));
        }
        self.committed = true;
        if had_old {
            std::fs::remove_dir_all(old).map_err(io(old))?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.fresh);
        }
    }
}

/// Turns an I/O error at `path` into an [`OutputError`].
fn io(path: &Path) -> impl FnOnce(std::io::Error) -> OutputError {
    let path = path.to_path_buf();
    move |e| OutputError::Io(path, e)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        (path.to_string(), text.as_bytes().to_vec())
    }

    /// Replaces `out` by a folder holding exactly `files`, as a build does.
    fn replace_dir(out: &Path, site_root: &Path, files: &[OutputFile]) -> Result<(), OutputError> {
        let staging = Staging::new(out, site_root)?;
        for (path, data) in files {
            staging.write(path, data)?;
        }
        staging.commit()
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
