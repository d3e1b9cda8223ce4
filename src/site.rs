//! A site on disk (SPEC §1): its configuration and its outage files, loaded
//! together so that one broken outage file never hides the others.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use rayon::prelude::*;

use crate::catalogue::check as msg;
use crate::config::{self, Config};
use crate::diagnostic::{self, Diagnostic, Format, Sources};
use crate::localtime;
use crate::outage::{self, Outage};
use crate::yaml::Pos;

pub mod files;
mod told;

/// Folder of outage files under the root.
pub const OUTAGES_DIR: &str = "outages";
/// Folder of Markdown pages under the root.
pub const CONTENT_DIR: &str = "content";

/// A loaded site: the valid outages, and what was wrong with the rest.
#[derive(Debug, Clone)]
pub struct Site {
    /// The site folder.
    pub root: PathBuf,
    /// The validated configuration.
    pub config: Config,
    /// Every valid outage, ordered by id (shared, so that the live preview
    /// can copy a large site cheaply and replace one outage).
    pub outages: Vec<Arc<Outage>>,
    /// Problems in outage files (and warnings about the config).
    pub diagnostics: Vec<Diagnostic>,
    /// Text of the files the diagnostics point into.
    pub sources: Sources,
    /// The moment the command runs at (`--now` or the clock), in the site zone.
    pub now: DateTime<Tz>,
}

/// Why a site could not be loaded at all (exit status 2).
#[derive(Debug)]
pub struct LoadFailure {
    /// What was wrong.
    pub diagnostics: Vec<Diagnostic>,
    /// Text of the files the diagnostics point into.
    pub sources: Sources,
}

impl LoadFailure {
    /// The problems, rendered in `format` (what every command prints before
    /// stopping with exit status 2).
    pub fn render(&self, format: crate::diagnostic::Format) -> String {
        crate::diagnostic::render(&self.diagnostics, &self.sources, format)
    }

    /// True when the problem is in a command-line argument (`--now`,
    /// `--root`), not in the site's files: the configuration itself may be
    /// fine.
    pub fn is_argument(&self) -> bool {
        !self.diagnostics.is_empty() && self.diagnostics.iter().all(Diagnostic::is_argument)
    }

    fn single(file: &str, message: String, hint: &str) -> Self {
        LoadFailure {
            diagnostics: vec![
                Diagnostic::error(file, Pos { line: 1, column: 1 }, message).with_hint(hint),
            ],
            sources: Sources::default(),
        }
    }
}

impl Site {
    /// Loads the site at `root`. `now` is the `--now` argument, read in the
    /// site zone; without it the system clock is used.
    pub fn load(root: &Path, now: Option<&str>) -> Result<Site, LoadFailure> {
        let config_path = root.join(config::FILE);
        let text = std::fs::read(&config_path).map_err(|e| no_config(root, &config_path, &e))?;
        let text = utf8(config::FILE, text).map_err(|d| LoadFailure {
            diagnostics: vec![d],
            sources: Sources::default(),
        })?;
        let mut sources = Sources::default();
        sources.add(config::FILE, &text);
        let (config, mut diagnostics) = Config::read(&text);
        let Some(mut config) = config else {
            return Err(LoadFailure {
                diagnostics,
                sources,
            });
        };
        // A wrong or missing telephone must not reach a page or an email:
        // a bad row is left out (an error; an outage naming it is invalid)
        // and the other rows are used, so one bad row stops no notice for
        // the others. A workbook that cannot be read as a whole stops the
        // site like a broken varsel.yaml.
        let merged = config::merge_workbook(root, &mut config);
        let unusable = merged.fatal || diagnostics.iter().any(Diagnostic::is_error);
        diagnostics.extend(merged.diagnostics);
        if unusable {
            return Err(LoadFailure {
                diagnostics,
                sources,
            });
        }
        let now = resolve_now(now, config.timezone)?;
        if !page_exists(root, &config.routines.default) {
            diagnostics.push(
                Diagnostic::error(
                    config::FILE,
                    config.routines.default_pos,
                    msg::default_routine_missing(&config.routines.default),
                )
                .with_hint(msg::default_routine_missing_hint()),
            );
            return Err(LoadFailure {
                diagnostics,
                sources,
            });
        }
        let files = files::list(root).map_err(|e| {
            LoadFailure::single(
                OUTAGES_DIR,
                msg::cannot_list(OUTAGES_DIR, e),
                &msg::cannot_list_hint(),
            )
        })?;
        let pages = PageCache::new(root);
        let page_exists = |path: &str| pages.exists(path);
        let cx = outage::Context {
            config: &config,
            page_exists: &page_exists,
            now,
        };
        let results: Vec<_> = files
            .par_iter()
            .map(|file| read_outage_file(root, file, &cx))
            .collect();
        let mut site = Site {
            root: root.to_path_buf(),
            config,
            outages: Vec::new(),
            diagnostics,
            sources,
            now,
        };
        site.absorb(results);
        Ok(site)
    }

    /// Reads again only the outage files named in `files` (paths relative
    /// to the root, such as `outages/x.yaml`; deleted files drop out), keeping
    /// everything else: the live preview's answer to one saved file.
    pub fn reload_outage_files(&mut self, changed: &[String]) {
        // `<id>.yaml` and `<id>.yml` are one outage (SPEC §3): a twin
        // appearing or going changes whether the other is read, so both
        // are read again.
        let mut files: Vec<String> = changed
            .iter()
            .flat_map(|file| match files::id_of(file) {
                Some(id) => files::EXTENSIONS
                    .iter()
                    .map(|ext| format!("{OUTAGES_DIR}/{id}.{ext}"))
                    .collect(),
                None => vec![file.clone()],
            })
            .collect();
        files.sort();
        files.dedup();
        for file in &files {
            self.outages.retain(|o| o.file != *file);
            self.diagnostics.retain(|d| d.file != *file);
            self.sources.remove(file);
        }
        let root = self.root.clone();
        let page_exists = |path: &str| page_exists(&root, path);
        let cx = outage::Context {
            config: &self.config,
            page_exists: &page_exists,
            now: self.now,
        };
        let results: Vec<FileResult> = files
            .iter()
            .filter(|file| files::is_listed(&root, file))
            .map(|file| read_outage_file(&root, file, &cx))
            .collect();
        self.absorb(results);
    }

    /// Adds what reading outage files found, keeping outages ordered by id.
    fn absorb(&mut self, results: Vec<FileResult>) {
        for (file, text, outage, found) in results {
            if let Some(text) = text {
                if !found.is_empty() {
                    self.sources.add(&file, &text);
                }
            }
            self.diagnostics.extend(found);
            self.outages.extend(outage.map(Arc::new));
        }
        self.outages.sort_by(|a, b| a.id.cmp(&b.id));
    }

    /// True if any loaded file has an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Warnings about entries of `outages/` that are not read (a folder, a
    /// file with another extension), for a terminal: `send` and `build`
    /// say what they left out, never silently. Empty if there are none.
    pub fn left_out_human(&self) -> String {
        let read: std::collections::HashSet<&str> =
            self.outages.iter().map(|o| o.file.as_str()).collect();
        let left_out: Vec<Diagnostic> = self
            .diagnostics
            .iter()
            .filter(|d| {
                !d.is_error()
                    && d.file.starts_with("outages/")
                    && !read.contains(d.file.as_str())
                    && !self
                        .diagnostics
                        .iter()
                        .any(|e| e.is_error() && e.file == d.file)
            })
            .cloned()
            .collect();
        diagnostic::render(&left_out, &self.sources, Format::Human)
    }

    /// The errors of the loaded files, for a terminal; empty if there are none.
    pub fn errors_human(&self) -> String {
        let errors: Vec<Diagnostic> = self
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect();
        diagnostic::render(&errors, &self.sources, Format::Human)
    }

    /// The files with errors (left out of the plan and the site), each once,
    /// in the order of their first error.
    pub fn invalid_files(&self) -> Vec<String> {
        let mut files: Vec<String> = Vec::new();
        for d in self.diagnostics.iter().filter(|d| d.is_error()) {
            if !files.contains(&d.file) {
                files.push(d.file.clone());
            }
        }
        files
    }

    /// The contact workbook's path, if rows of it were left out of the
    /// directory for errors (the run goes on with the other rows).
    pub fn workbook_with_errors(&self) -> Option<&str> {
        let file = self.config.municipalities_from.as_ref()?.workbook.as_str();
        self.diagnostics
            .iter()
            .any(|d| d.is_error() && d.file == file)
            .then_some(file)
    }

    /// The outage with `id`, if it is valid.
    pub fn outage(&self, id: &str) -> Option<&Outage> {
        self.outages.iter().find(|o| o.id == id).map(Arc::as_ref)
    }
}

/// Checks the command-line arguments a site is read with, `--root` and
/// `--now`, without reading the outage files: what `serve` refuses to start
/// with. Problems in the site's files are not reported here (`serve` shows
/// them in the browser); `--now` can only be read once `varsel.yaml` is
/// valid (it needs the site's zone).
pub fn check_arguments(root: &Path, now: Option<&str>) -> Result<(), LoadFailure> {
    let path = root.join(config::FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            let failure = no_config(root, &path, &e);
            return if failure.is_argument() {
                Err(failure)
            } else {
                Ok(())
            };
        }
    };
    if let (Some(config), _) = Config::read(&text) {
        resolve_now(now, config.timezone)?;
    }
    Ok(())
}

/// Why `root/varsel.yaml` could not be read, in the user's terms: the
/// folder does not exist, it is not a site (no `varsel.yaml`), or the file
/// is there but unreadable. Only the last is a problem at a place in a file.
fn no_config(root: &Path, path: &Path, e: &std::io::Error) -> LoadFailure {
    // `--root` was given unless it is the default `.`.
    let given = root != Path::new(".");
    let shown = root.display();
    if !root.is_dir() {
        let (message, hint) = if root.exists() {
            (msg::root_is_a_file(shown), msg::root_is_a_file_hint())
        } else {
            (msg::root_missing(shown), msg::root_missing_hint())
        };
        return LoadFailure::single(ROOT_ARG, message, &hint);
    }
    if e.kind() == std::io::ErrorKind::NotFound {
        let (message, hint) = if given {
            (msg::root_not_a_site(shown), msg::root_not_a_site_hint())
        } else {
            (msg::here_not_a_site(), msg::here_not_a_site_hint())
        };
        return LoadFailure::single(ROOT_ARG, message, &hint);
    }
    LoadFailure::single(
        config::FILE,
        msg::cannot_read(path.display(), e),
        &msg::cannot_read_hint(),
    )
}

/// The "file" of a problem with the `--root` argument.
const ROOT_ARG: &str = "--root";

/// Resolves `--now` (same syntax as outage times) or the clock, in `tz`.
fn resolve_now(now: Option<&str>, tz: Tz) -> Result<DateTime<Tz>, LoadFailure> {
    match now {
        None => Ok(Utc::now().with_timezone(&tz)),
        Some(text) => localtime::parse(text, tz).map_err(|e| {
            LoadFailure::single("--now", msg::now_invalid(e.message(text, tz)), &e.hint())
        }),
    }
}

/// True if `content/<path>.md` exists under `root`.
pub fn page_exists(root: &Path, path: &str) -> bool {
    root.join(CONTENT_DIR).join(format!("{path}.md")).is_file()
}

/// [`page_exists`] for one load of many outage files, which mostly name
/// the same few routine pages: each page is looked up on disk once.
struct PageCache<'a> {
    root: &'a Path,
    known: RwLock<HashMap<String, bool>>,
}

impl<'a> PageCache<'a> {
    fn new(root: &'a Path) -> Self {
        PageCache {
            root,
            known: RwLock::default(),
        }
    }

    fn exists(&self, path: &str) -> bool {
        if let Some(known) = self.known.read().ok().and_then(|k| k.get(path).copied()) {
            return known;
        }
        let exists = page_exists(self.root, path);
        if let Ok(mut known) = self.known.write() {
            known.insert(path.to_string(), exists);
        }
        exists
    }
}

type FileResult = (String, Option<String>, Option<Outage>, Vec<Diagnostic>);

fn read_outage_file(root: &Path, file: &str, cx: &outage::Context) -> FileResult {
    let id = match files::classify(root, file) {
        Ok(id) => id,
        Err(d) => return (file.to_string(), None, None, vec![d]),
    };
    let bytes = match std::fs::read(root.join(file)) {
        Ok(b) => b,
        Err(e) => {
            let d = Diagnostic::error(file, Pos { line: 1, column: 1 }, msg::cannot_read_file(e))
                .with_hint(msg::permissions_hint());
            return (file.to_string(), None, None, vec![d]);
        }
    };
    let text = match utf8(file, bytes) {
        Ok(t) => t,
        Err(d) => return (file.to_string(), None, None, vec![d]),
    };
    let (outage, diagnostics) = Outage::read(file, id, &text, cx);
    // The text is kept only to show the lines a diagnostic points at; a
    // large archive's valid files are not held in memory twice.
    let text = (!diagnostics.is_empty()).then_some(text);
    (file.to_string(), text, outage, diagnostics)
}

/// The file's text, or an error at the first byte that is not UTF-8.
fn utf8(file: &str, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let valid = std::str::from_utf8(valid).unwrap_or("");
        let line = valid.matches('\n').count() as u32 + 1;
        let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
        Diagnostic::error(file, Pos { line, column }, msg::not_utf8())
            .with_hint(msg::not_utf8_hint())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn copy_site(to: &Path) {
        let from = Path::new(env!("CARGO_MANIFEST_DIR"));
        for entry in walkdir::WalkDir::new(from.join(OUTAGES_DIR))
            .into_iter()
            .chain(walkdir::WalkDir::new(from.join(CONTENT_DIR)))
        {
            let entry = entry.unwrap();
            let target = to.join(entry.path().strip_prefix(from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).unwrap();
            } else {
                std::fs::copy(entry.path(), &target).unwrap();
            }
        }
        std::fs::copy(from.join(config::FILE), to.join(config::FILE)).unwrap();
    }

    #[test]
    fn reloading_changed_files_equals_loading_everything_again() {
        let dir = tempfile::tempdir().unwrap();
        copy_site(dir.path());
        let now = Some("2026-11-27 09:00");
        let mut site = Site::load(dir.path(), now).unwrap();
        let outages = dir.path().join(OUTAGES_DIR);
        let first = site.outages[0].file.clone();
        let text = std::fs::read_to_string(dir.path().join(&first)).unwrap();
        std::fs::write(
            dir.path().join(&first),
            text.replacen("title:", "title: Endret", 1),
        )
        .unwrap();
        let second = site.outages[1].file.clone();
        std::fs::remove_file(dir.path().join(&second)).unwrap();
        std::fs::write(outages.join("broken.yaml"), "kind: [").unwrap();
        std::fs::write(outages.join(".hidden.yaml"), "kind: [").unwrap();
        // A twin of an unchanged file: only the twin is named as changed.
        let twin = site.outages[2].file.replace(".yaml", ".yml");
        std::fs::copy(
            dir.path().join(&site.outages[2].file),
            dir.path().join(&twin),
        )
        .unwrap();
        let changed = [
            first,
            second,
            "outages/broken.yaml".into(),
            "outages/.hidden.yaml".into(),
            twin,
        ];
        site.reload_outage_files(&changed);
        let fresh = Site::load(dir.path(), now).unwrap();
        assert_eq!(site.outages, fresh.outages);
        let key = |d: &Diagnostic| (d.file.clone(), d.line, d.column, d.message.clone());
        let mut got: Vec<_> = site.diagnostics.iter().map(key).collect();
        let mut want: Vec<_> = fresh.diagnostics.iter().map(key).collect();
        got.sort();
        want.sort();
        assert_eq!(got, want);
        assert!(site.outages[0].title.starts_with("Endret"));
        assert!(site.has_errors(), "the broken file is reported");
    }
}
