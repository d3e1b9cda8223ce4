//! `varsel send --watch` (SPEC §7 "On time"): a long-running sender for a
//! hospital server (a systemd service or a container).
//!
//! Each pass reads the site at the real clock, sends what is due through
//! the one-shot send ([`Pass`]), then works out the next moment something
//! is due ([`wake::next_wake`]) and sleeps until then — or until a site file
//! changes, a signal comes ([`signals`]), a failed pass is retried
//! ([`wake::Backoff`]), the remote is fetched ([`Fetch`], with `--git`), or
//! [`RESCAN`] has passed (the last resort for file systems that send no
//! change events and for clock jumps). Every event is one line starting with
//! its time, for the journal; invalid outage files are logged once per
//! change and stop nothing; the SMTP password never appears.

mod signals;
pub mod wake;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use chrono::Utc;
use chrono_tz::Tz;

use crate::diagnostic::{Diagnostic, Format};
use crate::ledger::Ledger;
use crate::localtime::rfc3339;
use crate::schedule;
use crate::send::{SetupError, Summary};
use crate::site::Site;

/// The longest sleep: the site is read again at least this often.
pub const RESCAN: Duration = Duration::from_secs(60);
/// How often `--git` fetches the remote by default.
pub const FETCH_EVERY: Duration = Duration::from_secs(60);
/// Wake this much after a due time, so the pass sees it as due.
const MARGIN: Duration = Duration::from_millis(20);

/// The one-shot send for a loaded site (`send::run_until`, or its `--git`
/// form), stopping between notices once the flag is set.
pub type Pass<'a> = dyn FnMut(&Site, &AtomicBool) -> Result<Summary, SetupError> + 'a;

/// Bringing the checkout up to date before a pass (`--git`: fetch and
/// fast-forward), at least every `every`.
pub struct Fetch<'a> {
    /// How often.
    pub every: Duration,
    /// The step; `Err` is logged and the pass goes on with the files as they are.
    pub run: Box<dyn FnMut() -> Result<(), String> + 'a>,
}

/// What the watcher needs to know.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site folder.
    pub root: PathBuf,
    /// The ledger the passes record in.
    pub ledger: PathBuf,
    /// Poll the files instead of using the system's change events.
    pub poll: bool,
    /// Where notices go, password redacted (for the first line).
    pub delivery: String,
    /// The site zone, for the times in the log until the site is read.
    pub timezone: Tz,
}

/// Why the watch loop wakes up.
#[derive(Debug)]
enum Wake {
    /// A site file changed.
    Files,
    /// SIGTERM or SIGINT.
    Stop(&'static str),
    /// SIGHUP.
    Reread(&'static str),
}

/// Runs the watch loop until SIGTERM/SIGINT; returns the exit status (0
/// after a clean stop, 2 if the site, the ledger or the signals cannot be
/// set up at the start).
pub fn run(options: &Options, mut fetch: Option<Fetch<'_>>, pass: &mut Pass<'_>) -> u8 {
    let root = options
        .root
        .canonicalize()
        .unwrap_or_else(|_| options.root.clone());
    let mut log = Log::new(options.timezone);
    let stop = Arc::new(AtomicBool::new(false));
    let (tx, rx) = channel::<Wake>();
    if let Err(e) = signals::install(&stop, tx.clone()) {
        log.error(&format!("cannot handle signals: {e}"));
        return crate::cli::EXIT_USAGE;
    }
    let ledger_path = options
        .ledger
        .canonicalize()
        .unwrap_or_else(|_| options.ledger.clone());
    // Our own ledger writes are not news; a pass reads the ledger anyway.
    let files = tx;
    let _watcher = match crate::serve::watch::start(
        &root,
        options.poll,
        Some(ledger_path.clone()),
        move |_| {
            let _ = files.send(Wake::Files);
        },
    ) {
        Ok(w) => Some(w),
        Err(e) => {
            log.error(&format!(
                "cannot watch {}: {e}; re-reading it every {} s instead",
                root.display(),
                RESCAN.as_secs()
            ));
            None
        }
    };
    log.info(&format!(
        "watching {} (ledger {}, sending via {}); SIGTERM or SIGINT stops after the hand-over in progress, SIGHUP re-reads the site",
        root.display(),
        options.ledger.display(),
        options.delivery
    ));
    let mut backoff = wake::Backoff::default();
    let mut next_fetch = Instant::now();
    let mut first = true;
    let mut last_wake = None;
    let mut stopped_by = "a signal";
    loop {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        if let Some(fetch) = fetch.as_mut().filter(|_| Instant::now() >= next_fetch) {
            if let Err(e) = (fetch.run)() {
                log.error(&format!(
                    "fetch failed: {e}; sending from the files as they are"
                ));
            }
            next_fetch = Instant::now() + fetch.every;
        }
        let mut retry = None;
        let plans_after = match Site::load(&root, None) {
            Err(failure) => {
                log.problems(&failure.diagnostics, "the site cannot be read");
                if first {
                    eprint!("{}", failure.render(Format::Human));
                    return crate::cli::EXIT_USAGE;
                }
                retry = Some(backoff.failed());
                None
            }
            Ok(mut site) => {
                log.tz = site.config.timezone;
                log.problems(&site.diagnostics, "left out until fixed");
                // Logged above once per change; the pass need not repeat them.
                site.diagnostics.retain(|d| !d.is_error());
                let failed = match pass(&site, &stop) {
                    Ok(summary) => summary.failed,
                    Err(SetupError(e)) => {
                        log.error(&e);
                        if first {
                            return crate::cli::EXIT_USAGE;
                        }
                        1
                    }
                };
                site.now = Utc::now().with_timezone(&site.config.timezone);
                let ledger = Ledger::read(&ledger_path).unwrap_or_default();
                let plans = site.plan(&ledger);
                let still_due = schedule::due_notices(&plans).len();
                if failed > 0 || still_due > 0 {
                    let wait = backoff.failed();
                    log.info(&format!(
                        "{still_due} notice(s) still due; trying again in {} s",
                        wait.as_secs()
                    ));
                    retry = Some(wait);
                } else {
                    backoff.reset();
                }
                Some((plans, site.now))
            }
        };
        first = false;
        if stop.load(Ordering::SeqCst) {
            break;
        }
        let next = plans_after.and_then(|(plans, now)| wake::next_wake(&plans, now));
        if next != last_wake {
            if let Some(next) = &next {
                log.info(&format!("next: {} at {}", next.what, rfc3339(&next.at)));
            }
            last_wake = next.clone();
        }
        let until_due = next.map(|n| {
            (n.at.with_timezone(&Utc) - Utc::now())
                .to_std()
                .unwrap_or_default()
                + MARGIN
        });
        let until_fetch = fetch
            .as_ref()
            .map(|_| next_fetch.saturating_duration_since(Instant::now()));
        let sleep = [until_due, retry, until_fetch, Some(RESCAN)]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(RESCAN);
        match rx.recv_timeout(sleep) {
            Ok(Wake::Files) => {
                // One pass for a burst of changes.
                while let Ok(Wake::Files) = rx.try_recv() {}
                log.info("site files changed; reading them again");
            }
            Ok(Wake::Stop(signal)) => {
                stopped_by = signal;
                break;
            }
            Ok(Wake::Reread(signal)) => log.info(&format!("{signal}: reading the site again")),
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {}
        }
    }
    if let Ok(Wake::Stop(signal)) = rx.try_recv() {
        stopped_by = signal;
    }
    log.info(&format!(
        "stopped by {stopped_by}; every hand-over is recorded in {}",
        options.ledger.display()
    ));
    0
}

/// The watcher's journal: one line per event, starting with the time in
/// the site zone.
struct Log {
    tz: Tz,
    /// The problems logged last, so each is logged once per change.
    problems: Vec<String>,
}

impl Log {
    fn new(tz: Tz) -> Log {
        Log {
            tz,
            problems: Vec::new(),
        }
    }

    fn stamp(&self) -> String {
        rfc3339(&Utc::now().with_timezone(&self.tz))
    }

    fn info(&self, text: &str) {
        println!("{} {text}", self.stamp());
    }

    fn error(&self, text: &str) {
        eprintln!("{} error: {text}", self.stamp());
    }

    /// Logs the errors among `diagnostics`, one line each, if they differ
    /// from the last ones logged; says so when they are gone.
    fn problems(&mut self, diagnostics: &[Diagnostic], consequence: &str) {
        let lines: Vec<String> = diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| {
                format!(
                    "{}:{}:{}: {}{} ({consequence})",
                    d.file,
                    d.line,
                    d.column,
                    d.message,
                    d.hint
                        .as_deref()
                        .map(|h| format!("; hint: {h}"))
                        .unwrap_or_default()
                )
                .replace('\n', " ")
            })
            .collect();
        if lines == self.problems {
            return;
        }
        if lines.is_empty() {
            self.info("every file is valid again");
        }
        for line in &lines {
            self.error(line);
        }
        self.problems = lines;
    }
}
