//! Watching the site's files: debounced, robust to editors that save by
//! rename, to deleted and re-created files and folders. Used by `serve`
//! (rebuild on change) and by `send --watch` (re-read and send on change).
//! Where the system's change events cannot be had (or `poll` asks for it,
//! for network file systems that send none) the folders are polled instead.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::channel;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, new_debouncer, new_debouncer_opt};

use super::Change;
use crate::catalogue::serve as msg;

/// How long the watcher waits for a burst of writes to settle.
pub(crate) const DEBOUNCE: Duration = Duration::from_millis(80);

/// How often the polling fallback looks at the files.
pub(crate) const POLL_EVERY: Duration = Duration::from_secs(2);

/// Folders watched recursively; the root itself is watched shallowly for
/// `varsel.yaml`, the ledger and these folders appearing.
const FOLDERS: [&str; 3] = ["outages", "content", "themes"];

/// The system's change events, or polling.
enum Debouncer {
    Events(
        notify_debouncer_full::Debouncer<
            notify::RecommendedWatcher,
            notify_debouncer_full::RecommendedCache,
        >,
    ),
    Polling(
        notify_debouncer_full::Debouncer<
            notify::PollWatcher,
            notify_debouncer_full::RecommendedCache,
        >,
    ),
}

impl Debouncer {
    /// Watching `root` (shallowly) with change events if the system has
    /// them (inotify may be out of instances or watches) and `poll` is
    /// false; else by polling.
    fn start(
        poll: bool,
        tx: std::sync::mpsc::Sender<DebounceEventResult>,
        root: &Path,
    ) -> notify::Result<Debouncer> {
        if !poll {
            let events = new_debouncer(DEBOUNCE, None, tx.clone())
                .map(Debouncer::Events)
                .and_then(|mut d| d.watch(root, RecursiveMode::NonRecursive).map(|()| d));
            match events {
                Ok(d) => return Ok(d),
                Err(e) => eprintln!(
                    "varsel: no change events for {} ({e}); polling every {} s instead",
                    root.display(),
                    POLL_EVERY.as_secs()
                ),
            }
        }
        let config = notify::Config::default().with_poll_interval(POLL_EVERY);
        let mut polling = new_debouncer_opt(
            DEBOUNCE,
            None,
            tx,
            notify_debouncer_full::RecommendedCache::new(),
            config,
        )
        .map(Debouncer::Polling)?;
        polling.watch(root, RecursiveMode::NonRecursive)?;
        Ok(polling)
    }

    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match self {
            Debouncer::Events(d) => d.watch(path, mode),
            Debouncer::Polling(d) => d.watch(path, mode),
        }
    }
}

/// A running watcher; dropping it stops watching.
pub(crate) struct Watcher {
    _debouncer: Arc<Mutex<Debouncer>>,
}

/// What the watcher follows, for the log: the files in the root, then
/// the folders ("varsel.yaml, ledger.jsonl, outages/, content/, themes/").
pub(crate) fn watched() -> String {
    let files = [crate::config::FILE, crate::ledger::DEFAULT_FILE];
    let folders = FOLDERS.map(|f| format!("{f}/"));
    files
        .iter()
        .map(|f| f.to_string())
        .chain(folders)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Starts watching each of [`FOLDERS`] that exists and is not watched yet
/// (a folder created after start, such as a first `themes/`).
fn watch_folders(debouncer: &Mutex<Debouncer>, root: &Path, watched: &mut BTreeSet<&'static str>) {
    for folder in FOLDERS {
        let dir = root.join(folder);
        if !watched.contains(folder) && dir.is_dir() {
            let added = debouncer
                .lock()
                .map(|mut d| d.watch(&dir, RecursiveMode::Recursive));
            match added {
                Ok(Ok(())) => {
                    watched.insert(folder);
                }
                Ok(Err(e)) => eprintln!("varsel: {}", msg::cannot_watch(dir.display(), e)),
                Err(_) => {}
            }
        }
    }
}

/// Starts watching `root` (an absolute path); each settled burst of
/// relevant changes calls `on_change` once, on the watcher's thread.
/// `poll` polls every [`POLL_EVERY`] instead of using the system's events;
/// changes to `ignore` (an absolute path) are not reported.
pub(crate) fn start(
    root: &Path,
    poll: bool,
    ignore: Option<PathBuf>,
    mut on_change: impl FnMut(Change) + Send + 'static,
) -> notify::Result<Watcher> {
    let (tx, rx) = channel::<DebounceEventResult>();
    let root = root.to_path_buf();
    let debouncer = Debouncer::start(poll, tx, &root)?;
    let debouncer = Arc::new(Mutex::new(debouncer));
    let mut watched = BTreeSet::new();
    watch_folders(&debouncer, &root, &mut watched);
    let mut workbook = watch_workbook(&debouncer, &root, None);
    let handle = Arc::clone(&debouncer);
    std::thread::spawn(move || {
        for result in rx {
            match result {
                Ok(events) => {
                    // Reading files (as a rebuild does) raises access events: skip them.
                    let paths: Vec<&Path> = events
                        .iter()
                        .filter(|e| !matches!(e.kind, notify::EventKind::Access(_)))
                        .flat_map(|e| e.paths.iter().map(PathBuf::as_path))
                        .filter(|p| {
                            (relevant(&root, p)
                                // The workbook, or a folder on its way
                                // appearing.
                                || (*p != root && workbook.as_ref().is_some_and(|w| w.file.starts_with(p))))
                                && Some(*p) != ignore.as_deref()
                        })
                        .collect();
                    if !paths.is_empty() {
                        let change = classify(&root, &paths);
                        if change == Change::Everything {
                            watch_folders(&handle, &root, &mut watched);
                            workbook = watch_workbook(&handle, &root, workbook.take());
                        }
                        on_change(change);
                    }
                }
                Err(errors) => {
                    for e in errors {
                        eprintln!("varsel: {}", msg::watch_error(e));
                    }
                }
            }
        }
    });
    Ok(Watcher {
        _debouncer: debouncer,
    })
}

/// The contact workbook `varsel.yaml` names (`municipalities_from`) and
/// the folder watched for it (`None` when the root or a watched folder
/// already holds it).
struct Workbook {
    file: PathBuf,
    folder: Option<PathBuf>,
}

/// Watches the folder of the contact workbook that `varsel.yaml` names
/// now (Excel saves by writing a new file and renaming it, so the folder
/// is watched, not the file); `before` is the one watched so far.
fn watch_workbook(
    debouncer: &Mutex<Debouncer>,
    root: &Path,
    before: Option<Workbook>,
) -> Option<Workbook> {
    let text = std::fs::read_to_string(root.join(crate::config::FILE)).ok();
    let setting = text.and_then(|t| crate::config::Config::read(&t).0?.municipalities_from);
    let Some(setting) = setting else {
        return before;
    };
    let file = root.join(&setting.workbook);
    let parent = file.parent().unwrap_or(root).to_path_buf();
    // The root and the watched folders are watched already.
    let covered = parent == root || relevant(root, &parent.join("x"));
    let watched = before.and_then(|b| b.folder).filter(|f| *f == parent);
    if covered || watched.is_some() || !parent.is_dir() {
        return Some(Workbook {
            file,
            folder: watched,
        });
    }
    let added = debouncer
        .lock()
        .map(|mut d| d.watch(&parent, RecursiveMode::NonRecursive));
    let folder = match added {
        Ok(Ok(())) => Some(parent),
        Ok(Err(e)) => {
            eprintln!("varsel: {}", msg::cannot_watch(parent.display(), e));
            None
        }
        Err(_) => None,
    };
    Some(Workbook { file, folder })
}

/// Changes confined to files directly in `outages/` reload just those
/// files; anything else reloads the whole site.
fn classify(root: &Path, paths: &[&Path]) -> Change {
    let mut files = Vec::new();
    for path in paths {
        let relative = path.strip_prefix(root).unwrap_or(path);
        let parts: Vec<&str> = relative.iter().filter_map(|c| c.to_str()).collect();
        match parts[..] {
            ["outages", name] if !name.is_empty() => files.push(format!("outages/{name}")),
            _ => return Change::Everything,
        }
    }
    files.sort();
    files.dedup();
    Change::Outages(files)
}

/// True for changes that can alter the site: the config, the ledger and
/// anything in the watched folders except editor droppings.
fn relevant(root: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else {
        return false;
    };
    let name = relative.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.starts_with(".#")
        || name == "4913"
    {
        return false;
    }
    let first = relative
        .components()
        .next()
        .and_then(|c| c.as_os_str().to_str())
        .unwrap_or("");
    first == crate::config::FILE || first == crate::ledger::DEFAULT_FILE || FOLDERS.contains(&first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_site_files_trigger_rebuilds() {
        let root = Path::new("/site");
        for (path, expected) in [
            ("/site/varsel.yaml", true),
            ("/site/ledger.jsonl", true),
            ("/site/outages/a.yaml", true),
            ("/site/themes/default/templates/index.html", true),
            ("/site/outages/.a.yaml.swp", false),
            ("/site/outages/a.yaml~", false),
            ("/site/public/index.html", false),
            ("/site/target/debug/x", false),
            ("/elsewhere/varsel.yaml", false),
        ] {
            assert_eq!(relevant(root, Path::new(path)), expected, "{path}");
        }
    }

    #[test]
    fn outage_edits_reload_only_those_files() {
        let root = Path::new("/site");
        let p = |s: &'static str| Path::new(s);
        assert_eq!(
            classify(
                root,
                &[
                    p("/site/outages/b.yaml"),
                    p("/site/outages/a.yaml"),
                    p("/site/outages/b.yaml")
                ]
            ),
            Change::Outages(vec!["outages/a.yaml".into(), "outages/b.yaml".into()])
        );
        assert_eq!(
            classify(root, &[p("/site/outages/a.yaml"), p("/site/varsel.yaml")]),
            Change::Everything
        );
        assert_eq!(classify(root, &[p("/site/outages")]), Change::Everything);
        assert_eq!(
            classify(root, &[p("/site/content/x.md")]),
            Change::Everything
        );
    }
}
