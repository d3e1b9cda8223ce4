//! `varsel send` (SPEC §5, §7): every due notice, once.
//!
//! A run has two phases, so that every hand-over is claimed (and, with
//! `--git`, the claims published) before any message leaves:
//!
//! 1. lock, read the ledger, plan; settle hand-overs a crash interrupted;
//!    compose every due notice and record a `sending` claim for each
//!    (fsynced; with `--git` committed and pushed: a rejected push means
//!    fetch, merge, plan again, a few times, then exit 1 having sent nothing);
//! 2. hand each over and record `sent` or `failed` (with `--git` committed
//!    and pushed, retried; if that finally fails the pushed claims remain and
//!    the next run treats them as interrupted hand-overs).
//!
//! The `--git` flow (claims pushed before the hand-over, a lost push reply,
//! deadlines) is in `send/in_git.rs`.
//!
//! A crash between handing over and recording causes at most one resend,
//! with the same Message-ID, and never a loss. One invalid outage file or
//! one refused message never stops the others; either makes the exit
//! status 1.
//!
//! **What the mail server said** (`send/outcome.rs`, SPEC §7). Only a reply
//! settles a hand-over: recipients refused while others took the message
//! are named in its `sent` record (exit 1), which also names who
//! `accepted` it; later runs offer the same message, while it is due, to
//! the current recipients that have not taken it; no reply after the final dot is an
//! interrupted hand-over (told, resent once while due), never `failed`.
//! A dropped session is reconnected for the next message, and notices
//! that failed before are handed over after the others.
//!
//! **Leases.** A claim is another run's work in progress until its lease
//! ([`ledger::CLAIM_LEASE`], 10 minutes from its `at`) runs out: its outage
//! is left alone (not resent, not settled). Only an expired claim is an
//! interrupted hand-over. The lease applies without `--git` too, although
//! there, with the file lock held, a leftover claim written by a local run
//! is certainly from a dead process: the ledger lives in git, so a checkout's
//! file may hold claims that a `--git` runner elsewhere pushed a moment ago
//! and is still handing over, and a reader cannot tell the two apart. The
//! cost is only time: a notice interrupted by a local crash is resent (if
//! still due) by the first run after its lease. In return a run never hands
//! over a notice whose claim is older than the lease (it stops one minute
//! short, [`HANDOVER_WINDOW`], and records the rest `failed`), so an expired
//! claim is certainly not being worked on.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use chrono::DateTime;
use chrono_tz::Tz;

use crate::catalogue::send as msg;
use crate::content::{self, Page};
use crate::ledger::{self, Ledger, LedgerFile, Record, RecordState};
use crate::localtime;
use crate::mail::compose::{self, Composed, Input};
use crate::mail::preview;
use crate::mail::transport::Delivery;
use crate::outage::Outage;
use crate::schedule::{self, Notice};
use crate::site::Site;
use crate::stop::Stop;
use crate::theme::{self, Theme};

mod in_git;
mod outcome;

/// Test-only failpoint: with `VARSEL_FAILPOINT=after-handover` the process
/// aborts after the server accepted a message and before `sent` is recorded.
pub const FAILPOINT_VAR: &str = "VARSEL_FAILPOINT";

/// How long after its start a run may still hand messages over: the claim
/// lease less a minute, so a claim is never worked on after its lease.
pub const HANDOVER_WINDOW: Duration = Duration::from_secs(9 * 60);

/// How long after its start a run may still wait for the mail server's
/// reply: the claim lease less 30 seconds, so that no claim is still being
/// worked on when its lease runs out (a reply not come by then leaves the
/// hand-over interrupted, told and resent once while due).
const LEASE_USABLE: Duration = Duration::from_secs(10 * 60 - 30);

/// What a run did, for the summary and the exit status.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Notices handed over, the server's acceptance seen (or printed, for
    /// a dry run).
    pub sent: usize,
    /// Notices not handed over (refused, or the server unreachable).
    pub failed: usize,
    /// Notices the server took for some recipients and refused for
    /// others: the Message-ID and the refused addresses (SPEC §7).
    pub refused: Vec<(String, Vec<String>)>,
    /// Notices whose reply never came after the final dot (told, not
    /// confirmed; resent once while due).
    pub unconfirmed: Vec<String>,
    /// Outage files left out because they are invalid.
    pub invalid_files: Vec<String>,
    /// With `--git`: why the run could not coordinate through the remote
    /// (claims or outcomes not pushed), in words.
    pub git_problem: Option<String>,
    /// Outages staff were told about whose file is gone (SPEC §4), and
    /// outage files whose id names an earlier, finished outage (SPEC §7).
    pub vanished: Vec<crate::diagnostic::Diagnostic>,
    /// The signal that stopped a one-shot run before its end (SIGTERM,
    /// SIGINT): exit status 1, the run's work was cut short.
    pub stopped_by: Option<&'static str>,
}

impl Summary {
    /// Exit status: 1 if anything failed, a file is invalid or the ledger
    /// could not be pushed.
    pub fn exit_status(&self) -> u8 {
        if self.failed > 0
            || !self.refused.is_empty()
            || !self.unconfirmed.is_empty()
            || !self.invalid_files.is_empty()
            || !self.vanished.is_empty()
            || self.git_problem.is_some()
            || self.stopped_by.is_some()
        {
            crate::exit::EXIT_FAILURE
        } else {
            0
        }
    }
}

/// Why a run could not start (exit status 2).
#[derive(Debug)]
pub struct SetupError(pub String);

/// How to run `send`.
pub struct Options<'a> {
    /// Where notices go (SMTP, an outbox, or printed for a dry run).
    pub delivery: &'a Delivery,
    /// The ledger file (must exist; see [`ledger_path`]).
    pub ledger: &'a Path,
    /// Coordinate through the repository's remote branch (SPEC §7).
    pub git: bool,
}

/// Runs `send` once for a loaded site, with the closing report: the
/// one-shot run of the command line and CI. `site.now` is the run's time:
/// claims are stamped with it. With `options.git` the checkout is first
/// brought to the remote branch's head and the site read again from it.
///
/// A SIGTERM or SIGINT ([`Stop`]) stops the run as [`run_until`] says; the
/// report then names the signal, and the exit status is 1: the run did not
/// do all it was started for (a cancelled CI job's log must not read as a
/// success), and the next run does the rest.
pub fn run(site: &Site, options: &Options, stop: &Stop) -> Result<Summary, SetupError> {
    let mut summary = run_until(site, options, stop.flag())?;
    summary.stopped_by = stop.signal();
    report(site, options.delivery, &summary);
    Ok(summary)
}

/// [`run`] without the closing report, for `send --watch` (git included):
/// once `stop` is set (SIGTERM, SIGINT) no further notice is handed over;
/// the hand-over in progress is finished and recorded, and the claims not
/// handed over are recorded `failed`, so the next run sends them at once.
/// With `--git`, a fetch or claim push in flight is killed at once (the
/// run then sends nothing) and the outcomes are still pushed, up to the
/// git deadline.
pub fn run_until(site: &Site, options: &Options, stop: &AtomicBool) -> Result<Summary, SetupError> {
    if options.git {
        return in_git::run(site, options, stop);
    }
    let delivery = options.delivery;
    let ledger_path = options.ledger;
    let (file, ledger) = if delivery.records() {
        let waiting = || {
            eprintln!("varsel: {}", msg::waiting_for_ledger(ledger_path.display()));
        };
        let Some((file, ledger)) = LedgerFile::open_locked(ledger_path, waiting, stop)
            .map_err(|e| ledger_error(ledger_path, &e))?
        else {
            // Stopped while another run held the ledger: nothing claimed.
            return Ok(Summary {
                invalid_files: site.invalid_files(),
                ..Summary::default()
            });
        };
        (Some(file), ledger)
    } else {
        let ledger =
            Ledger::read_required(ledger_path).map_err(|e| ledger_error(ledger_path, &e))?;
        (None, ledger)
    };
    warn_unreadable(ledger_path, &ledger);
    let mut run = Run::new(site, delivery, file, stop);
    let batch = run.prepare(&ledger)?;
    run.claim(&batch);
    run.hand_over(batch);
    Ok(run.summary)
}

/// The site's email templates.
fn templates(site: &Site) -> Result<tera::Tera, SetupError> {
    Theme::load(&site.root, &site.config.theme)
        .and_then(|theme| theme.tera(theme::EMAIL))
        .map_err(|e| SetupError(e.to_string()))
}

fn ledger_error(path: &Path, e: &std::io::Error) -> SetupError {
    if e.kind() == std::io::ErrorKind::NotFound {
        SetupError(msg::ledger_missing(
            path.display(),
            crate::catalogue::ledger::missing_hint(),
        ))
    } else {
        SetupError(msg::ledger_unopenable(path.display(), e))
    }
}

fn warn_unreadable(path: &Path, ledger: &Ledger) {
    if !ledger.unreadable_lines.is_empty() {
        let lines = format!("{:?}", ledger.unreadable_lines);
        eprintln!(
            "varsel: {}",
            msg::ledger_unreadable_lines(path.display(), lines)
        );
    }
}

/// A due notice, composed and ready to be claimed and handed over.
struct Prepared {
    composed: Composed,
    /// The decoded text part, for a dry run's printout.
    text: Option<String>,
    /// Its `sending` record (the claim).
    claim: Record,
}

impl Prepared {
    fn message_id(&self) -> &str {
        &self.composed.message_id
    }
}

struct Run<'a> {
    site: &'a Site,
    delivery: &'a Delivery,
    /// The email templates, compiled only when something is due: most
    /// scheduled runs send nothing and should cost next to nothing.
    tera: tera::Tera,
    file: Option<LedgerFile>,
    pages: HashMap<String, Option<Page>>,
    summary: Summary,
    broken: bool,
    started: Instant,
    /// Set by SIGTERM in `send --watch`: hand over nothing more.
    stop: &'a AtomicBool,
}

impl<'a> Run<'a> {
    fn new(
        site: &'a Site,
        delivery: &'a Delivery,
        file: Option<LedgerFile>,
        stop: &'a AtomicBool,
    ) -> Self {
        Run {
            site,
            delivery,
            tera: tera::Tera::default(),
            file,
            pages: HashMap::new(),
            summary: Summary {
                invalid_files: site.invalid_files(),
                ..Summary::default()
            },
            broken: false,
            started: Instant::now(),
            stop,
        }
    }

    fn now(&self) -> DateTime<Tz> {
        self.site.now
    }

    /// Appends a record; false (and the run stops sending) if the ledger
    /// cannot be written, since sending without recording could send twice.
    fn record(&mut self, record: Record) -> bool {
        let Some(file) = self.file.as_mut() else {
            return true;
        };
        match file.append(&record) {
            Ok(()) => true,
            Err(e) => {
                eprintln!(
                    "varsel: {}",
                    msg::ledger_unwritable(file.path().display(), e)
                );
                self.broken = true;
                false
            }
        }
    }

    /// Phase one, without writing claims: plans, leaves outages with a
    /// hand-over in progress elsewhere alone, settles interrupted
    /// hand-overs (those records are written here) and composes every
    /// notice to send.
    fn prepare(&mut self, ledger: &Ledger) -> Result<Vec<Prepared>, SetupError> {
        let site = self.site;
        let histories = schedule::histories(ledger, site.config.timezone, self.now());
        self.summary.vanished = site.vanished_in(&histories);
        // An old id used for a new outage: reported, and its notices left
        // out (never a `changed` of the old one); the others go as usual.
        let reused = site.reused_in(&histories);
        let reused_files: Vec<&str> = reused.iter().map(|d| d.file.as_str()).collect();
        let mut plans = site.plan_in(&histories);
        plans.retain(|p| {
            site.outage(&p.id)
                .is_none_or(|o| !reused_files.contains(&o.file.as_str()))
        });
        self.summary.vanished.extend(reused);
        let due = schedule::due_notices(&plans);
        let claims = ledger.claims_at(localtime_fixed(self.now()));
        let busy: Vec<&str> = claims
            .in_progress
            .iter()
            .map(|r| r.outage.as_str())
            .collect();
        for record in &claims.in_progress {
            eprintln!(
                "varsel: {}",
                msg::claimed_elsewhere(
                    &record.message_id,
                    record.at.to_rfc3339(),
                    (record.at + ledger::CLAIM_LEASE).to_rfc3339(),
                    &record.outage
                )
            );
        }
        let due: Vec<_> = due
            .into_iter()
            .filter(|(plan, _)| !busy.contains(&plan.id.as_str()))
            .collect();
        let due_ids: Vec<String> = due
            .iter()
            .map(|(plan, n)| compose::message_id(&site.config, &plan.id, n.kind, n.revision))
            .collect();
        if !due.is_empty() {
            self.tera = templates(site)?;
        }
        self.settle_interrupted(ledger, &claims.interrupted, &due_ids);
        let mut batch = Vec::new();
        for (plan, notice) in due {
            if let Some(outage) = site.outage(&plan.id) {
                batch.extend(self.compose(outage, notice));
            }
        }
        let again = offers_again(&plans, &busy);
        if !again.is_empty() && batch.is_empty() {
            self.tera = templates(site)?;
        }
        for (plan, notice, only) in again {
            let Some(outage) = site.outage(&plan.id) else {
                continue;
            };
            let told = plan.told.as_ref().map(|t| t.message_id.as_str());
            let Some(mut prepared) = self.compose(outage, notice) else {
                continue;
            };
            // The same message, or none: a Message-ID never carries two.
            if told != Some(prepared.message_id()) {
                continue;
            }
            eprintln!(
                "varsel: {}",
                msg::offering_again(prepared.message_id(), only.join(", "))
            );
            prepared.claim.to = only;
            batch.push(prepared);
        }
        Ok(outcome::failed_last(ledger, batch, Prepared::message_id))
    }

    /// Hand-overs a crash interrupted (`interrupted`: `sending` without
    /// outcome, lease run out). The schedule decided already
    /// ([`schedule::plan_outage`]): one that is still the same notice and
    /// still due is in `due_ids` and goes again in this run, with the same
    /// Message-ID; any other may have reached staff, so it counts as told
    /// and is recorded `sent` with a note, never `failed` (which would say
    /// staff heard nothing).
    fn settle_interrupted(&mut self, ledger: &Ledger, interrupted: &[&Record], due_ids: &[String]) {
        for record in interrupted {
            let id = &record.message_id;
            if due_ids.contains(id) {
                eprintln!("varsel: {}", msg::resending_interrupted(id));
                continue;
            }
            let note = if ledger.interruptions(id) >= 2 {
                eprintln!("varsel: {}", msg::interrupted_twice(id));
                "interrupted hand-over, twice: counted as told, not sent a third time"
            } else {
                eprintln!("varsel: {}", msg::interrupted_no_longer_due(id));
                "interrupted hand-over, no longer due: counted as told"
            };
            let mut settled = (*record).clone();
            settled.at = localtime_fixed(self.now());
            settled.state = RecordState::Sent;
            settled.error = Some(note.into());
            let _ = self.record(settled);
        }
    }

    fn routine_page(&mut self, routine: &str) -> Option<Page> {
        let root = &self.site.root;
        self.pages
            .entry(routine.to_string())
            .or_insert_with(|| content::read(root, routine))
            .clone()
    }

    /// Composes one notice with its claim; `None` (counted as failed) if
    /// the templates cannot make it.
    fn compose(&mut self, outage: &Outage, notice: &Notice) -> Option<Prepared> {
        let now = self.now();
        let page = self.routine_page(&outage.routine);
        let input = Input {
            config: &self.site.config,
            outage,
            notice,
            now,
            routine_page: page.as_ref(),
        };
        let envelope_header = matches!(self.delivery, Delivery::Outbox(_));
        let composed = compose::compose(input, &self.tera, envelope_header);
        let text = matches!(self.delivery, Delivery::DryRun)
            .then(|| compose::body(input, &self.tera).map(|b| b.text));
        let (composed, text) = match (composed, text.transpose()) {
            (Ok(c), Ok(t)) => (c, t),
            (Err(e), _) | (_, Err(e)) => {
                eprintln!("varsel: {} {}: {e}", outage.id, notice.kind.as_str());
                self.summary.failed += 1;
                return None;
            }
        };
        let claim = Record {
            v: 1,
            outage: outage.id.clone(),
            kind: notice.kind,
            state: RecordState::Sending,
            start: localtime_fixed(notice.window.start),
            end: notice.window.end.map(localtime_fixed),
            at: localtime_fixed(now),
            message_id: composed.message_id.clone(),
            error: None,
            to: Vec::new(),
            refused: Vec::new(),
            interrupted: false,
            accepted: Vec::new(),
        };
        Some(Prepared {
            composed,
            text,
            claim,
        })
    }

    /// Records the claims of `batch`, each fsynced, before any hand-over;
    /// false if the ledger could not be written (the run sends nothing).
    fn claim<'p>(&mut self, batch: impl IntoIterator<Item = &'p Prepared>) -> bool {
        batch
            .into_iter()
            .all(|prepared| self.record(prepared.claim.clone()))
    }

    /// Phase two: hands each claimed notice over and records the outcome.
    fn hand_over(&mut self, batch: Vec<Prepared>) {
        // (note for the ledger, in English; the same in the reader's language)
        let mut unusable: Option<(String, String)> = None;
        for prepared in batch {
            let Prepared {
                composed,
                text,
                claim,
            } = prepared;
            let outcome = |state, error| Record {
                state,
                error,
                ..claim.clone()
            };
            if self.broken {
                self.summary.failed += 1;
                continue;
            }
            let skip = if let Some(reason) = &unusable {
                Some(reason.clone())
            } else if self.stop.load(Ordering::SeqCst) {
                Some((NOTE_STOPPING.to_string(), msg::skip_stopping()))
            } else if self.started.elapsed() > HANDOVER_WINDOW {
                let minutes = HANDOVER_WINDOW.as_secs() / 60;
                Some((note_lease(minutes), msg::skip_lease(minutes)))
            } else {
                None
            };
            if let Some((note, reason)) = skip {
                let _ = self.record(outcome(RecordState::Failed, Some(note)));
                self.summary.failed += 1;
                progress(self.site.config.timezone, "FAILED", &composed, &reason);
                continue;
            }
            if let (Delivery::DryRun, Some(text)) = (self.delivery, &text) {
                print!("{}", preview::readable(&composed, text));
                self.summary.sent += 1;
                continue;
            }
            let deadline = self.started + LEASE_USABLE;
            match self.delivery.deliver(&composed, &claim.to, deadline) {
                Ok(handed) => {
                    failpoint();
                    let offered: Vec<String> = composed
                        .message
                        .envelope()
                        .to()
                        .iter()
                        .map(|a| a.to_string())
                        .filter(|a| {
                            claim.to.is_empty()
                                || claim.to.iter().any(|o| o.eq_ignore_ascii_case(a))
                        })
                        .collect();
                    let settled = outcome::settle(&claim, &offered, handed);
                    let _ = self.record(settled.record);
                    // An unconfirmed hand-over is counted on its own line.
                    self.summary.sent += usize::from(!settled.unconfirmed);
                    if !settled.refused.is_empty() {
                        let id = composed.message_id.clone();
                        self.summary.refused.push((id, settled.refused));
                    }
                    if settled.unconfirmed {
                        let id = composed.message_id.clone();
                        self.summary.unconfirmed.push(id);
                    }
                    let tz = self.site.config.timezone;
                    progress(tz, settled.token, &composed, &settled.detail);
                }
                Err(e) => {
                    let _ = self.record(outcome(RecordState::Failed, Some(e.message.clone())));
                    self.summary.failed += 1;
                    progress(self.site.config.timezone, "FAILED", &composed, &e.message);
                    if e.server_unusable {
                        unusable = Some((note_server(&e.message), msg::skip_server(&e.message)));
                    }
                }
            }
        }
        self.delivery.finish();
    }
}

/// The sent notices to offer again (SPEC §7): those the plan marks
/// (`offer_again`), of outages with no hand-over in progress elsewhere, to
/// the addresses the plan names (`offer_to`: the current recipients that
/// have not taken it).
fn offers_again<'p>(
    plans: &'p [schedule::OutagePlan],
    busy: &[&str],
) -> Vec<(&'p schedule::OutagePlan, &'p Notice, Vec<String>)> {
    let mut out = Vec::new();
    for plan in plans.iter().filter(|p| !busy.contains(&p.id.as_str())) {
        for notice in plan.notices.iter().filter(|n| n.offer_again) {
            if !notice.offer_to.is_empty() {
                out.push((plan, notice, notice.offer_to.clone()));
            }
        }
    }
    out
}

/// One line per hand-over, starting with the moment it happened (the real
/// clock, also under `--now`), so a journal or CI log reads as a timeline.
/// The state token (`sent`, `FAILED`) and the Message-ID are the same in
/// every language, for whoever searches a log; the detail is in the
/// reader's language.
fn progress(tz: Tz, what: &str, composed: &Composed, detail: &str) {
    println!(
        "{} {what:<6} {}  \"{}\"  ({detail})",
        localtime::rfc3339(&chrono::Utc::now().with_timezone(&tz)),
        composed.message_id,
        composed.subject
    );
}

/// The ledger's note (its `error` field, data read by every later run and
/// reader, so always in English) for a claim the sender was stopping before.
const NOTE_STOPPING: &str = "not handed over: the sender was stopping; the next run sends it";

/// The ledger's note for a claim not handed over because its lease ran low.
fn note_lease(minutes: u64) -> String {
    format!(
        "not handed over: this run's claims are {minutes} minutes old, nearly out of their lease; the next run sends it"
    )
}

/// The ledger's note for a claim not handed over because the server failed.
fn note_server(error: &str) -> String {
    format!("not handed over: the mail server could not be used in this run ({error})")
}

fn failpoint() {
    if std::env::var(FAILPOINT_VAR).as_deref() == Ok("after-handover") {
        eprintln!("varsel: {}", msg::failpoint());
        std::process::abort();
    }
}

fn localtime_fixed(t: DateTime<Tz>) -> DateTime<chrono::FixedOffset> {
    t.fixed_offset()
}

fn report(site: &Site, delivery: &Delivery, summary: &Summary) {
    eprint!("{}", site.left_out_human());
    eprint!("{}", site.errors_human());
    eprint!(
        "{}",
        crate::diagnostic::render(
            &summary.vanished,
            &Default::default(),
            crate::diagnostic::Format::Human
        )
    );
    let line = if matches!(delivery, Delivery::DryRun) {
        msg::summary_dry_run
    } else {
        msg::summary_sent
    };
    eprintln!(
        "varsel: {}",
        line(
            summary.sent,
            summary.failed,
            localtime::rfc3339(&site.now),
            delivery.describe()
        )
    );
    if summary.failed > 0 {
        eprintln!("varsel: {}", msg::failed_stay_due());
    }
    for (message_id, addresses) in &summary.refused {
        eprintln!(
            "varsel: {}",
            msg::refused_recipients(message_id, addresses.join(", "))
        );
    }
    for message_id in &summary.unconfirmed {
        eprintln!("varsel: {}", msg::unconfirmed(message_id));
    }
    if let Some(problem) = &summary.git_problem {
        eprintln!("varsel: {problem}");
    }
    for file in &summary.invalid_files {
        if site.workbook_with_errors() == Some(file.as_str()) {
            eprintln!(
                "varsel: {}",
                crate::catalogue::workbook::rows_left_out(file)
            );
        } else {
            eprintln!("varsel: {}", msg::invalid_file(file));
        }
    }
    if let Some(signal) = summary.stopped_by {
        eprintln!("varsel: {}", msg::stopped_by(signal));
    }
}

/// Where the ledger is: `--ledger FILE`, or `ledger.jsonl` in the root.
pub fn ledger_path(root: &Path, ledger: Option<&Path>) -> PathBuf {
    ledger.map_or_else(|| root.join(crate::ledger::DEFAULT_FILE), Path::to_path_buf)
}
