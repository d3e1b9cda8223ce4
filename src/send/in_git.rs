//! `send --git` (SPEC §7): coordinating runs through the remote branch.
//!
//! Every runner works in its own checkout and meets the others only on the
//! remote branch, so the claims are pushed **before** any message leaves:
//!
//! 1. lock the checkout (two runs in one checkout wait for each other),
//!    fetch and merge the remote branch, and read the site again if that
//!    moved it;
//! 2. plan on that ledger, write the claims (and the settlements of
//!    interrupted hand-overs), commit them and push. A push the remote
//!    refuses means another run got there first: reset, fetch, merge, plan
//!    again (its claims are now other work in progress, left alone), up to
//!    [`git::PUSH_ATTEMPTS`] times, then exit 1 having sent nothing;
//! 3. hand the batch over, then commit and push the `sent`/`failed`
//!    records, merging and retrying when the push is refused. If that
//!    finally fails, the claims on the remote stay and the next run treats
//!    them as interrupted hand-overs once their lease is out.
//!
//! **A lost push reply.** The remote may take a push whose reply never
//! reaches the client. [`Repo::push`] then fetches again and looks for the
//! run's commit, which is unique through the run id in its message: found,
//! the push counts as done. When it cannot look at once, the commit and its
//! claims are kept as unconfirmed; if a later attempt's sync finds that
//! commit on the remote, its claims are this run's own (recognised by the
//! run id), not another run's: they are planned as if absent, not written
//! again, and handed over in the same run. One whose notice is no longer due
//! by then is recorded `failed`, so it never counts as told.
//!
//! **Deadlines.** Every git command that talks to the remote runs under the
//! watchdog of [`crate::git`] (`VARSEL_GIT_TIMEOUT`, 60 s by default). A
//! stalled remote is not asked again in the same run: the run ends with
//! exit 1 and nothing sent ([`gave_up`]), and the next scheduled run tries
//! again. Claim fetches and pushes stop at once when the run is stopping
//! (SIGTERM or SIGINT, [`crate::stop`]), and a run stopping after its sync
//! claims nothing; outcome pushes wait up to the deadline, so that no
//! hand-over is left unrecorded. A claim push killed this way may still
//! have reached the remote: those claims are then a crash's, interrupted
//! hand-overs once their lease is out (resent once if still due). Pushing
//! `failed` for them instead would be wrong when the remote had refused the
//! push: the `failed` would then settle another run's claim of the same
//! Message-ID while that run is still handing it over.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use super::{
    Options, Prepared, Run, SetupError, Summary, ledger_error, localtime_fixed, warn_unreadable,
};
use crate::catalogue::send as msg;
use crate::git::{self, GitError, Repo};
use crate::ledger::{Ledger, LedgerFile, Record, RecordState};
use crate::localtime;
use crate::site::Site;

/// `run` with `--git`: claims pushed before any hand-over, outcomes after.
pub(super) fn run(
    site: &Site,
    options: &Options,
    stop: &AtomicBool,
) -> Result<Summary, SetupError> {
    let setup = |e: GitError| SetupError(e.to_string());
    if !options.ledger.exists() {
        let missing = std::io::Error::from(std::io::ErrorKind::NotFound);
        return Err(ledger_error(options.ledger, &missing));
    }
    let repo = Repo::open(options.ledger, stop).map_err(setup)?;
    let Some(_lock) = lock_checkout(&repo.lock_path().map_err(setup)?, stop)? else {
        // Stopped while another run held the checkout: nothing claimed.
        return Ok(Summary {
            invalid_files: site.invalid_files(),
            ..Summary::default()
        });
    };
    let run_id = git::run_id();
    let mut site = site.clone();
    let mut loaded_at = repo.head().ok();
    let mut last_problem = String::new();
    // Claim commits whose push failed without the remote saying no: the
    // remote may have them after all (the reply was lost and could not be
    // checked at once). Found on the remote later, they are this run's.
    let mut unconfirmed: Vec<(String, Vec<Record>)> = Vec::new();
    for attempt in 1..=git::PUSH_ATTEMPTS {
        if attempt > 1 {
            std::thread::sleep(git::jitter(attempt));
        }
        match repo.sync() {
            Ok(()) => {}
            Err(e @ GitError::Setup(_)) => return Err(setup(e)),
            Err(GitError::Step(e)) => {
                eprintln!("varsel: {}", msg::git_retry(&e));
                last_problem = e;
                continue;
            }
            // A stalled remote is not asked again in this run: the next
            // scheduled run tries again.
            Err(GitError::Stalled(e)) => return Ok(gave_up(&site, &repo, e)),
        }
        // Stopping (a signal): nothing is claimed any more, so nothing is
        // sent; the report's stop line says so.
        if stop.load(Ordering::SeqCst) {
            return Ok(Summary {
                invalid_files: site.invalid_files(),
                ..Summary::default()
            });
        }
        let head = repo.head().ok();
        if head != loaded_at {
            site = reload(&site)?;
            loaded_at = head;
        }
        let own: Vec<Record> = unconfirmed
            .iter()
            .filter(|(commit, _)| repo.has(commit))
            .flat_map(|(_, claims)| claims.iter().cloned())
            .collect();
        if !own.is_empty() {
            eprintln!(
                "varsel: {}",
                msg::own_claims_found(own.len(), repo.upstream(), &run_id)
            );
            unconfirmed.clear();
        }
        match claim_in_git(&site, options, &repo, &run_id, stop, &own)? {
            Attempt::Refused(GitError::Stalled(e), _) => return Ok(gave_up(&site, &repo, e)),
            Attempt::Refused(e, attempted) => {
                unconfirmed.extend(attempted);
                let e = e.to_string();
                eprintln!(
                    "varsel: {}",
                    msg::claims_refused(&e, repo.upstream(), attempt, git::PUSH_ATTEMPTS)
                );
                last_problem = e;
            }
            Attempt::Claimed(mut run, batch) => {
                let handing_over = !batch.is_empty();
                run.hand_over(batch);
                run.file = None;
                let mut summary = run.summary;
                if handing_over && options.delivery.records() {
                    summary.git_problem = push_outcomes(&repo, &summary, &site, &run_id).err();
                }
                return Ok(summary);
            }
        }
    }
    Ok(Summary {
        invalid_files: site.invalid_files(),
        git_problem: Some(msg::claims_never_pushed(
            repo.upstream(),
            git::PUSH_ATTEMPTS,
            last_problem,
        )),
        ..Summary::default()
    })
}

/// The run's end when the remote stalled, or the run is stopping, before
/// any claim was pushed: nothing was sent, exit status 1.
fn gave_up(site: &Site, repo: &Repo, problem: String) -> Summary {
    Summary {
        invalid_files: site.invalid_files(),
        git_problem: Some(msg::gave_up_stalled(problem, repo.upstream())),
        ..Summary::default()
    }
}

/// One try at claiming with `--git`.
enum Attempt<'a> {
    /// The claims (and settlements) are on the remote, or there was nothing
    /// to record: hand the batch over.
    Claimed(Box<Run<'a>>, Vec<Prepared>),
    /// The push was refused or stalled; the claims were dropped again.
    /// With the commit that was pushed and its claims (unless git said the
    /// remote refused it): the remote may hold them after all.
    Refused(GitError, Option<(String, Vec<Record>)>),
}

/// Plans on the synced checkout, writes the claims, commits and pushes them.
///
/// `own`: claims of this run that an earlier attempt pushed without hearing
/// the reply, found on the remote. They are planned as if not there (they
/// are no other run's work) and not written again; one whose notice is no
/// longer due is recorded `failed` (never handed over), so that it does not
/// later count as told.
fn claim_in_git<'a>(
    site: &'a Site,
    options: &Options<'a>,
    repo: &Repo<'_>,
    run_id: &str,
    stop: &'a AtomicBool,
    own: &[Record],
) -> Result<Attempt<'a>, SetupError> {
    let setup = |e: GitError| SetupError(e.to_string());
    let path = options.ledger;
    let mut ledger = Ledger::read_required(path).map_err(|e| ledger_error(path, &e))?;
    warn_unreadable(path, &ledger);
    ledger.records.retain(|r| !own.contains(r));
    let file = if options.delivery.records() {
        Some(LedgerFile::open_unlocked(path).map_err(|e| ledger_error(path, &e))?)
    } else {
        None
    };
    let base = repo.head().map_err(setup)?;
    let mut run = Run::new(site, options.delivery, file, stop);
    let batch = run.prepare(&ledger)?;
    claim_except(&mut run, &batch, own);
    let message = format!(
        "ledger: {} claim(s) at {} (run {run_id})",
        batch.len(),
        localtime::rfc3339(&site.now)
    );
    // Records an earlier run in this checkout could not push (its outcomes)
    // go out with these claims, or alone when there is nothing to claim (a
    // dry run pushes nothing).
    let committed = repo.commit(&message).map_err(setup)?;
    let to_push = committed || (options.delivery.records() && repo.unpushed());
    if !to_push {
        return Ok(Attempt::Claimed(Box::new(run), batch));
    }
    match repo.push(true) {
        Ok(git::Pushed::Acknowledged) => {}
        Ok(git::Pushed::ReplyLost) => {
            eprintln!("varsel: {}", msg::reply_lost(repo.upstream(), run_id));
        }
        Err(e) => {
            let refused = matches!(&e, GitError::Step(said) if said.contains("rejected]"));
            let attempted = repo
                .head()
                .ok()
                .filter(|_| !refused)
                .map(|commit| (commit, batch.iter().map(|p| p.claim.clone()).collect()));
            repo.reset_to(&base).map_err(setup)?;
            return Ok(Attempt::Refused(e, attempted));
        }
    }
    if batch.is_empty() {
        eprintln!("varsel: {}", msg::earlier_records_pushed(repo.upstream()));
    } else {
        eprintln!(
            "varsel: {}",
            msg::claims_pushed(batch.len(), repo.upstream())
        );
    }
    Ok(Attempt::Claimed(Box::new(run), batch))
}

/// The ledger note of a claim of this run found on the remote after its
/// push's reply was lost, whose notice was no longer due by then.
const NOTE_OWN_CLAIM_NOT_DUE: &str = "claimed by this run (push reply lost), no longer due when found on the remote: not handed over";

/// [`Run::claim`], leaving out the claims already in `own` (this run's,
/// on the remote already); an `own` claim whose notice is not in `batch`
/// is recorded `failed`: it was never handed over.
fn claim_except(run: &mut Run, batch: &[Prepared], own: &[Record]) {
    if !run.claim(batch.iter().filter(|p| !own.contains(&p.claim))) {
        return;
    }
    for claim in own {
        if !batch.iter().any(|p| p.claim == *claim) {
            let _ = run.record(Record {
                state: RecordState::Failed,
                at: localtime_fixed(run.now()),
                error: Some(NOTE_OWN_CLAIM_NOT_DUE.into()),
                ..claim.clone()
            });
        }
    }
}

/// Commits and pushes the `sent`/`failed` records, merging and retrying
/// when the push is rejected.
fn push_outcomes(repo: &Repo, summary: &Summary, site: &Site, run_id: &str) -> Result<(), String> {
    let message = format!(
        "ledger: {} sent, {} failed at {} (run {run_id})",
        summary.sent,
        summary.failed,
        localtime::rfc3339(&site.now)
    );
    repo.commit(&message).map_err(|e| e.to_string())?;
    let mut last = String::new();
    for attempt in 1..=git::PUSH_ATTEMPTS {
        if attempt > 1 {
            std::thread::sleep(git::jitter(attempt));
            match repo.fetch_and_merge() {
                Ok(()) => {}
                Err(GitError::Stalled(e)) => {
                    last = e;
                    break;
                }
                Err(e) => {
                    last = e.to_string();
                    continue;
                }
            }
        }
        match repo.push(false) {
            Ok(git::Pushed::Acknowledged) => return Ok(()),
            Ok(git::Pushed::ReplyLost) => {
                eprintln!("varsel: {}", msg::reply_lost(repo.upstream(), run_id));
                return Ok(());
            }
            Err(GitError::Stalled(e)) => {
                last = e;
                break;
            }
            Err(e) => last = e.to_string(),
        }
    }
    Err(msg::outcomes_not_pushed(repo.upstream(), last))
}

/// Takes the lock that keeps two `send --git` runs in one checkout apart;
/// `None` if the run was stopped while waiting for it.
fn lock_checkout(path: &Path, stop: &AtomicBool) -> Result<Option<std::fs::File>, SetupError> {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(|e| SetupError(msg::lock_unopenable(path.display(), e)))?;
    let waiting = || eprintln!("varsel: {}", msg::lock_waiting());
    match crate::stop::lock_unless_stopped(&file, stop, waiting) {
        Ok(true) => Ok(Some(file)),
        Ok(false) => Ok(None),
        Err(e) => Err(SetupError(msg::lock_failed(path.display(), e))),
    }
}

/// The site read again (after the checkout moved), at the same moment.
fn reload(site: &Site) -> Result<Site, SetupError> {
    Site::load(&site.root, Some(&localtime::rfc3339(&site.now))).map_err(|failure| {
        SetupError(msg::reload_failed(
            failure.render(crate::diagnostic::Format::Human),
        ))
    })
}
