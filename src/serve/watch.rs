//! Watching the site's files: debounced, robust to editors that save by
//! rename, to deleted and re-created files and folders.

use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::channel;
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, new_debouncer};

use super::State;

/// How long the watcher waits for a burst of writes to settle.
pub(super) const DEBOUNCE: Duration = Duration::from_millis(80);

/// Folders watched recursively; the root itself is watched shallowly for
/// `varsel.yaml`, the ledger and these folders appearing.
const FOLDERS: [&str; 3] = ["outages", "content", "themes"];

/// A running watcher; dropping it stops watching.
pub(super) struct Watcher {
    _debouncer: notify_debouncer_full::Debouncer<
        notify::RecommendedWatcher,
        notify_debouncer_full::RecommendedCache,
    >,
}

/// Starts watching `state.root`; each settled burst of relevant changes
/// triggers one rebuild.
pub(super) fn start(state: Arc<State>) -> notify::Result<Watcher> {
    let (tx, rx) = channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(DEBOUNCE, None, tx)?;
    let root = state.root.clone();
    debouncer.watch(&root, RecursiveMode::NonRecursive)?;
    for folder in FOLDERS {
        let dir = root.join(folder);
        if dir.is_dir() {
            debouncer.watch(&dir, RecursiveMode::Recursive)?;
        }
    }
    std::thread::spawn(move || {
        for result in rx {
            match result {
                Ok(events) => {
                    // Reading files (as a rebuild does) raises access events: skip them.
                    let changed = events
                        .iter()
                        .filter(|e| !matches!(e.kind, notify::EventKind::Access(_)));
                    if changed
                        .flat_map(|e| e.paths.iter())
                        .any(|p| relevant(&root, p))
                    {
                        state.rebuild();
                    }
                }
                Err(errors) => {
                    for e in errors {
                        eprintln!("varsel serve: watch error: {e}");
                    }
                }
            }
        }
    });
    Ok(Watcher {
        _debouncer: debouncer,
    })
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
}
