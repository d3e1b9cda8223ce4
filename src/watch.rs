//! `varsel send --watch` (SPEC §7 "On time"): a long-running sender for a
//! hospital server (a systemd service or a container).
//!
//! Each pass reads the site at the real clock, sends what is due through
//! the one-shot send ([`Pass`]), then works out the next moment something
//! is due ([`wake::next_wake`]) and sleeps until then — or until a site file
//! changes, a signal comes ([`signals`]), a failed pass is retried
//! ([`wake::Backoff`]), the remote is due to be fetched
//! ([`Options::fetch_every`], with `--git`: the pass fetches), or
//! [`RESCAN`] has passed (the last resort for file systems that send no
//! change events and for clock jumps). Every event is one line starting with
//! its time, for the journal; invalid outage files are logged once per
//! change and stop nothing; the SMTP password never appears.

mod journal;
mod signals;
pub mod wake;

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use chrono::Utc;
use chrono_tz::Tz;

use crate::catalogue::watch as msg;
use crate::diagnostic::Format;
use crate::ledger::Ledger;
use crate::localtime::rfc3339;
use crate::schedule;
use crate::send::{SetupError, Summary};
use crate::site::Site;
use crate::stop::Stop;

/// The longest sleep: the site is read again at least this often.
pub const RESCAN: Duration = Duration::from_secs(60);
/// How often `--git` fetches the remote by default.
pub const FETCH_EVERY: Duration = Duration::from_secs(60);
/// Wake this much after a due time, so the pass sees it as due.
const MARGIN: Duration = Duration::from_millis(20);

/// The one-shot send for a loaded site (`send::run_until`, or its `--git`
/// form), stopping between notices once the flag is set.
pub type Pass<'a> = dyn FnMut(&Site, &AtomicBool) -> Result<Summary, SetupError> + 'a;

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
    /// Run a pass at least this often (`--git`: the pass fetches the remote
    /// first, so this is how often the watcher fetches); `None` without git.
    pub fetch_every: Option<Duration>,
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
pub fn run(options: &Options, pass: &mut Pass<'_>) -> u8 {
    let root = options
        .root
        .canonicalize()
        .unwrap_or_else(|_| options.root.clone());
    let ledger = absolute(&options.ledger);
    let log = journal::Log::new(options.timezone);
    let (tx, rx) = channel::<Wake>();
    let stop = match Stop::on_signals().and_then(|stop| {
        signals::forward(tx.clone())?;
        Ok(stop)
    }) {
        Ok(stop) => stop,
        Err(e) => {
            log.error(&msg::cannot_handle_signals(e));
            return crate::exit::EXIT_USAGE;
        }
    };
    // Our own ledger writes are not news: a pass reads the ledger anyway.
    let _watcher =
        crate::serve::watch::start(&root, options.poll, Some(ledger.clone()), move |_| {
            let _ = tx.send(Wake::Files);
        })
        .map_err(|e| {
            log.error(&msg::cannot_watch(root.display(), e, RESCAN.as_secs()));
        });
    log.info(&msg::watching(
        root.display(),
        options.ledger.display(),
        &options.delivery,
    ));
    let mut watch = Loop {
        root,
        ledger,
        log,
        stop,
        backoff: wake::Backoff::default(),
        fetch_every: options.fetch_every,
        last_wake: None,
    };
    let mut first = true;
    let stopped_by = loop {
        if watch.stopping() {
            break None;
        }
        let step = match watch.pass(pass, first) {
            Ok(step) => step,
            Err(code) => return code,
        };
        first = false;
        if watch.stopping() {
            break None;
        }
        if let Some(signal) = watch.sleep(&rx, step) {
            break Some(signal);
        }
    };
    // When the flag stopped the loop, the flag's signal names it.
    let stopped_by = stopped_by
        .or_else(|| watch.stop.signal())
        .map_or_else(msg::a_signal, str::to_string);
    watch
        .log
        .info(&msg::stopped(stopped_by, options.ledger.display()));
    0
}

/// `path` with its folder resolved, as change events name it (the file
/// itself need not exist yet).
fn absolute(path: &Path) -> PathBuf {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
    let folder = folder.unwrap_or(Path::new("."));
    match (folder.canonicalize(), path.file_name()) {
        (Ok(folder), Some(name)) => folder.join(name),
        _ => path.to_path_buf(),
    }
}

/// The state the watch loop keeps between passes.
struct Loop {
    root: PathBuf,
    ledger: PathBuf,
    log: journal::Log,
    stop: Stop,
    backoff: wake::Backoff,
    fetch_every: Option<Duration>,
    last_wake: Option<wake::NextWake>,
}

/// What a pass leaves to do: the next due moment, and a retry.
struct Step {
    next: Option<wake::NextWake>,
    retry: Option<Duration>,
}

impl Loop {
    fn stopping(&self) -> bool {
        self.stop.stopping()
    }

    /// Reads the site at the real clock, sends what is due, and works out
    /// what is left. `Err` is the exit status when the very first pass
    /// cannot start (the site or the ledger unusable).
    fn pass(&mut self, pass: &mut Pass<'_>, first: bool) -> Result<Step, u8> {
        let mut site = match Site::load(&self.root, None) {
            Ok(site) => site,
            Err(failure) => {
                self.log
                    .problems(&failure.diagnostics, &msg::nothing_sent_until_fixed());
                if first {
                    eprint!("{}", failure.render(Format::Human));
                    return Err(crate::exit::EXIT_USAGE);
                }
                return Ok(Step {
                    next: None,
                    retry: Some(self.backoff.failed()),
                });
            }
        };
        self.log.tz = site.config.timezone;
        self.log
            .problems(&site.diagnostics, &msg::left_out_until_fixed());
        // Logged once per change above; the pass need not repeat them.
        site.diagnostics.retain(|d| !d.is_error());
        let failed = match pass(&site, self.stop.flag()) {
            Ok(summary) => {
                // With `--git`: a fetch or push that failed or stalled.
                if let Some(problem) = &summary.git_problem {
                    self.log.error(problem);
                }
                // Recipients the server refused are offered the message again
                // (SPEC §7) at the backoff, as a failed notice is retried.
                summary.failed + summary.refused.len() + usize::from(summary.git_problem.is_some())
            }
            Err(SetupError(e)) => {
                self.log.error(&e);
                if first {
                    return Err(crate::exit::EXIT_USAGE);
                }
                1
            }
        };
        let pass_at = site.now;
        site.now = Utc::now().with_timezone(&site.config.timezone);
        let plans = site.plan(&Ledger::read(&self.ledger).unwrap_or_default());
        // Notices that fell due during the pass go at once; those the pass
        // had and did not deliver wait for the backoff.
        let (missed, new): (Vec<_>, Vec<_>) = schedule::due_notices(&plans)
            .into_iter()
            .partition(|(_, n)| n.due <= pass_at);
        let mut retry = (!new.is_empty()).then_some(Duration::ZERO);
        if failed > 0 || !missed.is_empty() {
            let wait = self.backoff.failed();
            self.log.info(&msg::still_due(missed.len(), wait.as_secs()));
            retry = Some(retry.map_or(wait, |r| r.min(wait)));
        } else {
            self.backoff.reset();
        }
        Ok(Step {
            next: wake::next_wake(&plans, site.now),
            retry,
        })
    }

    /// Sleeps until the next due moment, a retry, a fetch or [`RESCAN`],
    /// whichever is first, or until a file changes or a signal comes.
    /// Returns the signal's name if it is time to stop.
    fn sleep(&mut self, rx: &Receiver<Wake>, step: Step) -> Option<&'static str> {
        if step.next != self.last_wake {
            if let Some(next) = &step.next {
                self.log.info(&msg::next(&next.what, rfc3339(&next.at)));
            }
            self.last_wake = step.next.clone();
        }
        let until_due = step.next.map(|n| {
            (n.at.with_timezone(&Utc) - Utc::now())
                .to_std()
                .unwrap_or_default()
                + MARGIN
        });
        let sleep = [until_due, step.retry, self.fetch_every, Some(RESCAN)]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(RESCAN);
        match rx.recv_timeout(sleep) {
            Ok(Wake::Stop(signal)) => return Some(signal),
            Ok(Wake::Reread(signal)) => {
                self.log.info(&msg::rereading(signal));
            }
            Ok(Wake::Files) => {
                // One pass for a burst of changes (a signal in it still counts).
                for wake in rx.try_iter() {
                    if let Wake::Stop(signal) = wake {
                        return Some(signal);
                    }
                }
                self.log.info(&msg::files_changed());
            }
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {}
        }
        None
    }
}
