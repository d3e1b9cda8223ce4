//! `varsel serve`: a live-reloading local preview for coordinators.
//!
//! The site is rendered into memory; a debounced file watcher rebuilds it
//! when `varsel.yaml`, `outages/`, `content/` or `themes/` change and tells
//! open browsers to reload (server-sent events). When a file is invalid the
//! last good render stays up with the `check` diagnostics laid over every
//! page. Nothing is written to disk and no mail is ever sent.

mod dashboard;
mod http;
mod watch;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;

use crate::diagnostic::{self, Diagnostic, Format, Sources};
use crate::site::{LoadFailure, Site};

/// A rendered site: output path (`index.html`, `outages/x/index.html`) → bytes.
pub type Output = BTreeMap<String, Vec<u8>>;

/// Renders a loaded site into memory; the error is shown in the overlay.
pub type Renderer = fn(&Site) -> Result<Output, String>;

/// What the browser sees now.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// The last good output.
    pub output: Arc<Output>,
    /// Problems of the latest build (shown as an overlay); empty when clean.
    pub problems: Vec<Diagnostic>,
    /// The latest build's error that was not a file diagnostic (template errors).
    pub failure: Option<String>,
    /// Text of files the problems point into.
    pub sources: Sources,
    /// Increases with every rebuild.
    pub generation: u64,
    /// The `now` the snapshot was rendered at (RFC 3339), for the dashboard.
    pub now: String,
}

/// Shared state of the preview server.
pub struct State {
    /// The site folder.
    pub root: PathBuf,
    /// The render function.
    pub renderer: Renderer,
    /// `--now` or the time-travel choice; `None` follows the clock.
    pub now: Mutex<Option<String>>,
    /// The current snapshot.
    pub snapshot: RwLock<Arc<Snapshot>>,
    /// Open live-reload connections.
    pub clients: Mutex<Vec<Sender<u64>>>,
}

impl State {
    /// A fresh state for `root` (nothing rendered yet).
    pub fn new(root: &Path, renderer: Renderer, now: Option<String>) -> Arc<State> {
        Arc::new(State {
            root: root.to_path_buf(),
            renderer,
            now: Mutex::new(now),
            snapshot: RwLock::new(Arc::new(Snapshot::default())),
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

    /// Loads and renders the site again, keeps the last good output when
    /// the new one fails, and tells every browser to reload.
    pub fn rebuild(&self) {
        let started = Instant::now();
        let now = self.now.lock().ok().and_then(|n| n.clone());
        let previous = self.current();
        let mut next = Snapshot {
            output: Arc::clone(&previous.output),
            generation: previous.generation + 1,
            ..Snapshot::default()
        };
        match Site::load(&self.root, now.as_deref()) {
            Err(LoadFailure {
                diagnostics,
                sources,
            }) => {
                next.problems = diagnostics;
                next.sources = sources;
                next.now = previous.now.clone();
            }
            Ok(site) => {
                next.now = crate::localtime::rfc3339(&site.now);
                next.problems = site
                    .diagnostics
                    .iter()
                    .filter(|d| d.is_error())
                    .cloned()
                    .collect();
                next.sources = site.sources.clone();
                // While a file is invalid, keep the last good pages underneath
                // the overlay rather than pages with that outage missing.
                let keep_last_good = !next.problems.is_empty() && !previous.output.is_empty();
                if !keep_last_good {
                    match (self.renderer)(&site) {
                        Ok(output) => next.output = Arc::new(output),
                        Err(e) => next.failure = Some(e),
                    }
                }
            }
        }
        let generation = next.generation;
        let problems = next.problems.len();
        if let Ok(mut slot) = self.snapshot.write() {
            *slot = Arc::new(next);
        }
        eprintln!(
            "varsel serve: rebuilt in {} ms{}",
            started.elapsed().as_millis(),
            if problems > 0 {
                format!(", {problems} problem(s) shown in the browser")
            } else {
                String::new()
            }
        );
        self.notify(generation);
    }

    /// Sends `generation` to every open live-reload connection, dropping closed ones.
    pub fn notify(&self, generation: u64) {
        if let Ok(mut clients) = self.clients.lock() {
            clients.retain(|tx| tx.send(generation).is_ok());
        }
    }

    /// The overlay text (human diagnostics) for the current snapshot, if any.
    pub fn overlay_text(snapshot: &Snapshot) -> Option<String> {
        let mut text = String::new();
        if !snapshot.problems.is_empty() {
            text.push_str(&diagnostic::render(
                &snapshot.problems,
                &snapshot.sources,
                Format::Human,
            ));
        }
        if let Some(failure) = &snapshot.failure {
            text.push_str(failure);
        }
        (!text.is_empty()).then_some(text)
    }
}

/// Runs the preview server until interrupted. Returns the exit status.
pub fn serve(root: &Path, bind: &str, port: u16, now: Option<String>, renderer: Renderer) -> u8 {
    // Events carry absolute paths; compare against an absolute root.
    let root = &root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let state = State::new(root, renderer, now);
    state.rebuild();
    if let Some(text) = State::overlay_text(&state.current()) {
        eprint!("{text}");
    }
    let server = match tiny_http::Server::http((bind, port)) {
        Ok(server) => server,
        Err(e) => {
            eprintln!("varsel serve: cannot listen on {bind}:{port}: {e}");
            return crate::cli::EXIT_USAGE;
        }
    };
    let address = server
        .server_addr()
        .to_ip()
        .map_or_else(|| format!("{bind}:{port}"), |a| a.to_string());
    let _watcher = match watch::start(Arc::clone(&state)) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("varsel serve: cannot watch {}: {e}", root.display());
            return crate::cli::EXIT_USAGE;
        }
    };
    println!("varsel serve: http://{address}/  (coordinator dashboard: http://{address}/_varsel/)");
    println!("varsel serve: watching varsel.yaml, outages/, content/, themes/ — Ctrl-C stops");
    http::run(server, state);
    0
}
