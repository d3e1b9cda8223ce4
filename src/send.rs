//! `varsel send` (SPEC §5, §7): every due notice, once.
//!
//! The run, in order: lock the ledger (a second run waits), read it, plan,
//! settle hand-overs a crash interrupted, then for each due notice
//! compose → record `sending` → hand over → record `sent` or `failed`.
//! Every record is fsynced before the next step, so a crash between handing
//! over and recording causes at most one resend, with the same Message-ID,
//! and never a loss. One invalid outage file or one refused message never
//! stops the others; either makes the exit status 1.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::DateTime;
use chrono_tz::Tz;

use crate::content::{self, Page};
use crate::ledger::{Ledger, LedgerFile, Record, RecordState};
use crate::localtime;
use crate::mail::compose::{self, Composed, Input};
use crate::mail::transport::Delivery;
use crate::schedule::{self, Notice};
use crate::site::Site;
use crate::theme::{self, Theme};

/// Test-only failpoint: with `VARSEL_FAILPOINT=after-handover` the process
/// aborts after the server accepted a message and before `sent` is recorded.
pub const FAILPOINT_VAR: &str = "VARSEL_FAILPOINT";

/// What a run did, for the summary and the exit status.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Notices handed over (or printed, for a dry run).
    pub sent: usize,
    /// Notices not handed over (refused, or the server unreachable).
    pub failed: usize,
    /// Outage files left out because they are invalid.
    pub invalid_files: Vec<String>,
    /// Outages staff were told about whose file is gone (SPEC §4).
    pub vanished: Vec<crate::diagnostic::Diagnostic>,
}

impl Summary {
    /// Exit status: 1 if anything failed or a file is invalid.
    pub fn exit_status(&self) -> u8 {
        if self.failed > 0 || !self.invalid_files.is_empty() || !self.vanished.is_empty() {
            crate::cli::EXIT_FAILURE
        } else {
            0
        }
    }
}

/// Why a run could not start (exit status 2).
#[derive(Debug)]
pub struct SetupError(pub String);

/// Runs `send` for a loaded site, delivering through `delivery` and
/// recording in the ledger at `ledger_path` (read only for a dry run).
pub fn run(site: &Site, delivery: &Delivery, ledger_path: &Path) -> Result<Summary, SetupError> {
    let (mut file, ledger) = if delivery.records() {
        let (file, ledger) = LedgerFile::open_locked(ledger_path, || {
            eprintln!(
                "varsel: another `varsel send` is using {}; waiting for it to finish",
                ledger_path.display()
            );
        })
        .map_err(|e| {
            SetupError(format!(
                "cannot open the ledger {}: {e}",
                ledger_path.display()
            ))
        })?;
        (Some(file), ledger)
    } else {
        let ledger = Ledger::read(ledger_path).map_err(|e| {
            SetupError(format!(
                "cannot read the ledger {}: {e}",
                ledger_path.display()
            ))
        })?;
        (None, ledger)
    };
    if !ledger.unreadable_lines.is_empty() {
        eprintln!(
            "varsel: warning: ledger {} has unreadable line(s) {:?} (a torn write?); they were skipped",
            ledger_path.display(),
            ledger.unreadable_lines
        );
    }
    let histories = schedule::histories(&ledger, site.config.timezone);
    let mut summary = Summary {
        invalid_files: site.invalid_files(),
        vanished: site.vanished_in(&histories),
        ..Summary::default()
    };
    let plans = site.plan_in(&histories);
    let due = schedule::due_notices(&plans);
    let due_ids: Vec<String> = due
        .iter()
        .map(|(plan, n)| compose::message_id(&site.config, &plan.id, n.kind, n.revision))
        .collect();
    // Templates are compiled only when something is to be sent: most
    // scheduled runs send nothing and should cost next to nothing.
    let tera = if due.is_empty() {
        tera::Tera::default()
    } else {
        Theme::load(&site.root, &site.config.theme)
            .and_then(|theme| theme.tera(theme::EMAIL))
            .map_err(|e| SetupError(e.to_string()))?
    };
    let mut run = Run {
        site,
        delivery,
        tera: &tera,
        file: file.as_mut(),
        pages: HashMap::new(),
        summary: &mut summary,
        broken: false,
    };
    run.settle_interrupted(&ledger, &due_ids);
    for (plan, notice) in due {
        if let Some(outage) = site.outage(&plan.id) {
            run.send_one(outage, notice);
        }
    }
    report(site, delivery, &summary);
    Ok(summary)
}

struct Run<'a> {
    site: &'a Site,
    delivery: &'a Delivery,
    tera: &'a tera::Tera,
    file: Option<&'a mut LedgerFile>,
    pages: HashMap<String, Option<Page>>,
    summary: &'a mut Summary,
    broken: bool,
}

impl Run<'_> {
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
                    "varsel: cannot write the ledger {}: {e}; nothing more is sent in this run",
                    file.path().display()
                );
                self.broken = true;
                false
            }
        }
    }

    /// Hand-overs a crash interrupted (`sending` without outcome). The
    /// schedule decided already ([`schedule::plan_outage`]): one that is
    /// still the same notice and still due is in `due_ids` and goes again
    /// through the normal loop, with the same Message-ID; any other may
    /// have reached staff, so it counts as told, and is recorded `sent`
    /// with a note, never `failed` (which would say staff heard nothing).
    fn settle_interrupted(&mut self, ledger: &Ledger, due_ids: &[String]) {
        for record in ledger.interrupted() {
            let id = &record.message_id;
            if due_ids.contains(id) {
                eprintln!(
                    "varsel: {id}: a previous run was interrupted while handing it over; sending it again with the same Message-ID"
                );
                continue;
            }
            let note = if ledger.interruptions(id) >= 2 {
                eprintln!(
                    "varsel: {id}: handed over twice, both interrupted; counted as told, not sent a third time"
                );
                "interrupted hand-over, twice: counted as told, not sent a third time"
            } else {
                eprintln!(
                    "varsel: {id}: a previous run was interrupted while handing it over; it is no longer due, so it is not sent again; it counts as told"
                );
                "interrupted hand-over, no longer due: counted as told"
            };
            let mut settled = record.clone();
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

    fn send_one(&mut self, outage: &crate::outage::Outage, notice: &Notice) {
        if self.broken {
            self.summary.failed += 1;
            return;
        }
        let now = self.now();
        let page = self.routine_page(&outage.routine);
        let input = Input {
            config: &self.site.config,
            outage,
            notice,
            now: self.now(),
            routine_page: page.as_ref(),
        };
        let keep_bcc = matches!(self.delivery, Delivery::Outbox(_));
        let composed = match compose::compose(input, self.tera, keep_bcc) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("varsel: {} {}: {e}", outage.id, notice.kind.as_str());
                self.summary.failed += 1;
                return;
            }
        };
        let record = |state, error| Record {
            v: 1,
            outage: outage.id.clone(),
            kind: notice.kind,
            state,
            start: localtime_fixed(notice.window.start),
            end: notice.window.end.map(localtime_fixed),
            at: localtime_fixed(now),
            message_id: composed.message_id.clone(),
            error,
        };
        if !self.record(record(RecordState::Sending, None)) {
            self.summary.failed += 1;
            return;
        }
        match self.delivery.deliver(&composed) {
            Ok(how) => {
                failpoint();
                let _ = self.record(record(RecordState::Sent, None));
                self.summary.sent += 1;
                progress("sent", &composed, &how);
            }
            Err(e) => {
                let _ = self.record(record(RecordState::Failed, Some(e.message.clone())));
                self.summary.failed += 1;
                progress("FAILED", &composed, &e.message);
            }
        }
    }
}

fn progress(what: &str, composed: &Composed, detail: &str) {
    println!(
        "{what:<6} {}  \"{}\"  ({detail})",
        composed.message_id, composed.subject
    );
}

fn failpoint() {
    if std::env::var(FAILPOINT_VAR).as_deref() == Ok("after-handover") {
        eprintln!("varsel: failpoint after-handover: aborting before recording `sent`");
        std::process::abort();
    }
}

fn localtime_fixed(t: DateTime<Tz>) -> DateTime<chrono::FixedOffset> {
    t.fixed_offset()
}

fn report(site: &Site, delivery: &Delivery, summary: &Summary) {
    eprint!("{}", site.errors_human());
    eprint!(
        "{}",
        crate::diagnostic::render(
            &summary.vanished,
            &Default::default(),
            crate::diagnostic::Format::Human
        )
    );
    let verb = if matches!(delivery, Delivery::DryRun) {
        "would be sent"
    } else {
        "sent"
    };
    eprintln!(
        "varsel: {} notice(s) {verb}, {} failed, at {} via {}",
        summary.sent,
        summary.failed,
        localtime::rfc3339(&site.now),
        delivery.describe()
    );
    if summary.failed > 0 {
        eprintln!("varsel: notices that failed stay due; the next run retries them");
    }
    for file in &summary.invalid_files {
        eprintln!(
            "varsel: {file} is invalid; its notices were not considered (fix it, see `varsel check`)"
        );
    }
}

/// Where the ledger is: `--ledger FILE`, or `ledger.jsonl` in the root.
pub fn ledger_path(root: &Path, ledger: Option<&Path>) -> PathBuf {
    ledger.map_or_else(|| root.join(crate::ledger::DEFAULT_FILE), Path::to_path_buf)
}
