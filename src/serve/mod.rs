//! `varsel serve`: a live-reloading local preview for coordinators.
//!
//! The site is loaded into memory and pages are rendered when the browser
//! asks for them. A debounced file watcher reloads what changed — only the
//! edited files when they are outage files, everything otherwise — and tells
//! open browsers to reload (server-sent events). When a file is invalid the
//! last good site stays up with the `check` diagnostics laid over every page.
//! Any request can ask for another moment (`?now=`, time travel); that is
//! the request's own, never stored here, so tabs do not affect each other.
//! Nothing is written to disk and no mail is ever sent.

mod dashboard;
mod email_preview;
mod http;
mod moment;
mod offer;
mod response;
mod travel;
pub(crate) mod watch;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use std::time::Instant;

use chrono::DateTime;
use chrono_tz::Tz;

use crate::catalogue::serve as msg;
use crate::diagnostic::{self, Diagnostic, Format, Sources};
use crate::site::{LoadFailure, Site};

/// Renders one output file (`index.html`, `outages/x/index.html`,
/// `static/style.css`) of a loaded site; `Ok(None)` if the site has no
/// such file. The error is shown in the overlay.
pub type Renderer = fn(&Site, &str) -> Result<Option<Vec<u8>>, String>;

/// A rendered page's key: the moment (Unix seconds), whether it is shown
/// as staff saw it then, and the output path.
type PageKey = (i64, bool, String);
/// A moment (Unix seconds) and one yes/no choice about it.
type MomentKey = (i64, bool);

/// What the browser sees now.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// The last site without errors (what pages are rendered from).
    pub site: Option<Arc<Site>>,
    /// Pages rendered from `site` so far, by moment and output path.
    pages: Mutex<HashMap<PageKey, Arc<Vec<u8>>>>,
    /// `site` as of other moments than its own (time travel), by moment
    /// and whether later updates and `ended` are left out.
    moments: Mutex<HashMap<MomentKey, Arc<Site>>>,
    /// What the preview's index adds at a moment (the offer of moments when
    /// nothing is published), worked out once per snapshot and moment.
    index_notes: Mutex<HashMap<MomentKey, Option<Arc<str>>>>,
    /// Problems of the latest reload (shown as an overlay); empty when clean.
    pub problems: Vec<Diagnostic>,
    /// Text of files the problems point into.
    pub sources: Sources,
    /// Increases with every reload.
    pub generation: u64,
    /// The `now` the site is shown at (RFC 3339), for the dashboard.
    pub now: String,
    /// When the published pages of `site` next change (worked out once per
    /// snapshot: the ledger and the files only change with a reload).
    next_change: OnceLock<Option<DateTime<Tz>>>,
}

impl Snapshot {
    /// The output file at `path` as of `at`, rendered once per snapshot
    /// and moment. `as_then`: from the files as staff saw them then
    /// ([`site_as_then`](Self::site_as_then), for a moment travelled to);
    /// otherwise from the files as they are (the clock's own moment, where
    /// an `ended` still ahead is the expected end, as in `build`).
    pub fn page(
        &self,
        path: &str,
        renderer: Renderer,
        at: DateTime<Tz>,
        as_then: bool,
    ) -> Result<Option<Arc<Vec<u8>>>, String> {
        let key = (at.timestamp(), as_then, path.to_string());
        if let Some(page) = self.pages.lock().ok().and_then(|p| p.get(&key).cloned()) {
            return Ok(Some(page));
        }
        let site = if as_then {
            self.site_as_then(at)
        } else {
            self.site_at(at)
        };
        let Some(site) = site else {
            return Ok(None);
        };
        let Some(bytes) = renderer(&site, path)? else {
            return Ok(None);
        };
        let page = Arc::new(bytes);
        if let Ok(mut pages) = self.pages.lock() {
            if pages.len() >= CACHED_PAGES {
                pages.clear();
            }
            pages.insert(key, Arc::clone(&page));
        }
        Ok(Some(page))
    }

    /// The site as of `at` (the files as they are, another `now`: what the
    /// dashboard plans with); `None` before anything could be loaded.
    pub fn site_at(&self, at: DateTime<Tz>) -> Option<Arc<Site>> {
        let site = self.site.as_ref()?;
        if site.now == at {
            return Some(Arc::clone(site));
        }
        self.moment(at, false, || {
            let mut moved = Site::clone(site);
            moved.now = at;
            moved
        })
    }

    /// The site as staff saw it at `at` (what pages are rendered from):
    /// [`site_at`](Self::site_at) without the updates written later and
    /// without an `ended` still to come.
    pub fn site_as_then(&self, at: DateTime<Tz>) -> Option<Arc<Site>> {
        let site = self.site_at(at)?;
        if !site
            .outages
            .iter()
            .any(|o| travel::as_then(o, at).is_some())
        {
            return Some(site);
        }
        self.moment(at, true, || {
            let mut then = Site::clone(&site);
            for outage in &mut then.outages {
                if let Some(earlier) = travel::as_then(outage, at) {
                    *outage = Arc::new(earlier);
                }
            }
            then
        })
    }

    /// The preview's addition to the index at `at` (`chosen`: its links
    /// carry the moment), made by `make` the first time (it reads the ledger
    /// and plans every outage).
    pub fn index_note(
        &self,
        at: DateTime<Tz>,
        chosen: bool,
        make: impl FnOnce() -> Option<String>,
    ) -> Option<Arc<str>> {
        let key = (at.timestamp(), chosen);
        if let Some(note) = self.index_notes.lock().ok()?.get(&key) {
            return note.clone();
        }
        let note: Option<Arc<str>> = make().map(Arc::from);
        let mut notes = self.index_notes.lock().ok()?;
        if notes.len() >= CACHED_MOMENTS {
            notes.clear();
        }
        notes.insert(key, note.clone());
        note
    }

    /// The cached site for (`at`, `as_then`), made by `make` the first time.
    fn moment(
        &self,
        at: DateTime<Tz>,
        as_then: bool,
        make: impl FnOnce() -> Site,
    ) -> Option<Arc<Site>> {
        let mut moments = self.moments.lock().ok()?;
        if moments.len() >= CACHED_MOMENTS {
            moments.clear();
        }
        let site = moments
            .entry((at.timestamp(), as_then))
            .or_insert_with(|| Arc::new(make()));
        Some(Arc::clone(site))
    }
}

/// How many rendered pages a snapshot keeps before it starts over.
const CACHED_PAGES: usize = 2000;
/// How many other moments of the site a snapshot keeps before it starts over.
const CACHED_MOMENTS: usize = 64;

/// Shared state of the preview server.
pub struct State {
    /// The site folder.
    pub root: PathBuf,
    /// The render function.
    pub renderer: Renderer,
    /// `--now` of the command line: the moment shown unless a request asks
    /// for another (`?now=`); `None` follows the clock.
    pub now: Option<String>,
    /// The current snapshot.
    pub snapshot: RwLock<Arc<Snapshot>>,
    /// Outage files changed since the last good site, and whether the next
    /// reload must read everything.
    pending: Mutex<Pending>,
    /// Open live-reload connections.
    pub clients: Mutex<Vec<Sender<u64>>>,
}

#[derive(Debug, Default)]
struct Pending {
    files: BTreeSet<String>,
    full: bool,
}

/// What changed on disk, as the watcher saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Only these outage files (paths relative to the root).
    Outages(Vec<String>),
    /// Anything else (config, ledger, content, themes, the clock): reload all.
    Everything,
}

impl State {
    /// A fresh state for `root` (nothing loaded yet).
    pub fn new(root: &Path, renderer: Renderer, now: Option<String>) -> Arc<State> {
        Arc::new(State {
            root: root.to_path_buf(),
            renderer,
            now,
            snapshot: RwLock::new(Arc::new(Snapshot::default())),
            pending: Mutex::new(Pending {
                files: BTreeSet::new(),
                full: true,
            }),
            clients: Mutex::new(Vec::new()),
        })
    }

    /// The current snapshot.
    pub fn current(&self) -> Arc<Snapshot> {
        self.snapshot
            .read()
            .map(|s| Arc::clone(&s))
            .unwrap_or_default()
    }

    /// Reloads after `change`, keeps the last good site when the new state
    /// has errors, and tells every browser to reload. Returns the time it took.
    pub fn rebuild(&self, change: Change) -> std::time::Duration {
        let started = Instant::now();
        let previous = self.current();
        let files = {
            let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
            match change {
                Change::Everything => pending.full = true,
                Change::Outages(files) => pending.files.extend(files),
            }
            if pending.full || previous.site.is_none() {
                None
            } else {
                Some(pending.files.iter().cloned().collect::<Vec<_>>())
            }
        };
        let loaded = match (files, &previous.site) {
            (Some(files), Some(good)) => {
                let mut site = Site::clone(good);
                if self.now.is_none() {
                    // Following the clock: show the edit as of now.
                    site.now = chrono::Utc::now().with_timezone(&site.config.timezone);
                }
                site.reload_outage_files(&files);
                Ok(site)
            }
            _ => Site::load(&self.root, self.now.as_deref()).map(|site| {
                let theme = crate::theme::check(&site.root, &site.config.theme);
                let mut site = site;
                site.diagnostics.extend(theme);
                site
            }),
        };
        let mut next = Snapshot {
            site: previous.site.clone(),
            generation: previous.generation + 1,
            now: previous.now.clone(),
            ..Snapshot::default()
        };
        match loaded {
            Err(LoadFailure {
                diagnostics,
                sources,
            }) => {
                next.problems = diagnostics;
                next.sources = sources;
            }
            Ok(site) => {
                next.problems = site
                    .diagnostics
                    .iter()
                    .filter(|d| d.is_error())
                    .cloned()
                    .collect();
                next.sources = site.sources.clone();
                if next.problems.is_empty() {
                    next.now = crate::localtime::rfc3339(&site.now);
                    next.site = Some(Arc::new(site));
                    if let Ok(mut pending) = self.pending.lock() {
                        *pending = Pending::default();
                    }
                } else if previous.site.is_none() {
                    // Nothing good to show yet: show what is valid.
                    next.now = crate::localtime::rfc3339(&site.now);
                    next.site = Some(Arc::new(site));
                }
            }
        }
        let generation = next.generation;
        let problems = next.problems.len();
        if let Ok(mut slot) = self.snapshot.write() {
            *slot = Arc::new(next);
        }
        self.notify(generation);
        let took = started.elapsed();
        if problems > 0 {
            eprintln!(
                "varsel serve: {}",
                msg::rebuilt_with_problems(took.as_millis(), problems)
            );
        } else {
            eprintln!("varsel serve: {}", msg::rebuilt(took.as_millis()));
        }
        took
    }

    /// Sends `generation` to every open live-reload connection, dropping closed ones.
    pub fn notify(&self, generation: u64) {
        if let Ok(mut clients) = self.clients.lock() {
            clients.retain(|tx| tx.send(generation).is_ok());
        }
    }

    /// The overlay text (human diagnostics) for the current snapshot, if any.
    pub fn overlay_text(snapshot: &Snapshot) -> Option<String> {
        (!snapshot.problems.is_empty())
            .then(|| diagnostic::render(&snapshot.problems, &snapshot.sources, Format::Human))
    }
}

/// How often a preview that follows the clock checks whether a page should
/// have appeared, disappeared or changed status since the last reload.
const CLOCK_CHECK: std::time::Duration = std::time::Duration::from_secs(20);

/// Following the clock (no `--now`), reloads the site once
/// the moment of the next change of the published pages (11:00 the day
/// before, the estimated end, ...) has passed, so an open preview never
/// shows a page that the real site would have taken down.
fn follow_the_clock(state: Arc<State>) {
    loop {
        std::thread::sleep(CLOCK_CHECK);
        if state.now.is_some() {
            continue;
        }
        let snapshot = state.current();
        let Some(site) = &snapshot.site else {
            continue;
        };
        let next = *snapshot.next_change.get_or_init(|| {
            let ledger = crate::ledger::Ledger::read(&site.root.join(crate::ledger::DEFAULT_FILE))
                .unwrap_or_default();
            crate::schedule::next_change(&site.plan(&ledger), site.now)
        });
        if next.is_some_and(|t| t <= chrono::Utc::now()) {
            state.rebuild(Change::Everything);
        }
    }
}

/// Runs the preview server until interrupted. Returns the exit status.
pub fn serve(root: &Path, bind: &str, port: u16, now: Option<String>, renderer: Renderer) -> u8 {
    // Events carry absolute paths; compare against an absolute root.
    let root = &root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let state = State::new(root, renderer, now);
    state.rebuild(Change::Everything);
    if let Some(text) = State::overlay_text(&state.current()) {
        eprint!("{text}");
    }
    let server = match tiny_http::Server::http((bind, port)) {
        Ok(server) => server,
        Err(e) => {
            eprintln!("varsel serve: {}", msg::cannot_listen(bind, port, &e));
            if e.to_string().contains("in use")
                || e.downcast_ref::<std::io::Error>()
                    .is_some_and(|e| e.kind() == std::io::ErrorKind::AddrInUse)
            {
                eprintln!(
                    "  {}",
                    crate::catalogue::cli::hint_label(msg::port_in_use_hint(port))
                );
            }
            return crate::exit::EXIT_USAGE;
        }
    };
    let address = server
        .server_addr()
        .to_ip()
        .map_or_else(|| format!("{bind}:{port}"), |a| a.to_string());
    let watched = Arc::clone(&state);
    let _watcher = match watch::start(root, false, None, move |change| {
        watched.rebuild(change);
    }) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("varsel serve: {}", msg::cannot_watch(root.display(), e));
            return crate::exit::EXIT_USAGE;
        }
    };
    println!("varsel serve: {}", msg::listening(&address));
    println!("{}", offer::first_look(&state, &address));
    println!("varsel serve: {}", msg::watching(watch::watched()));
    let clock = Arc::clone(&state);
    std::thread::spawn(move || follow_the_clock(clock));
    http::run(server, state);
    0
}
