//! `send --git` (SPEC §7 "In git"): the site repository's remote branch is
//! the lock that spans machines.
//!
//! This module drives the `git` command line rather than a library: it is
//! what CI runners already have, and it carries their credentials
//! (`actions/checkout`'s token, GitLab's job token or a push URL, SSH
//! agents, credential helpers), so `send --git` pushes exactly as a
//! `git push` in the job would. Every commit it makes holds the ledger file
//! only (`git commit -- FILE`), says `[skip ci]`, skips local commit hooks
//! (a hook must not be able to stop a ledger record from being written),
//! and nothing is ever force-pushed: a rejected push is answered with
//! fetch and merge, where `ledger.jsonl merge=union` (or, if a site lacks
//! that attribute, the same union done here) keeps both sides' records.
//!
//! Every git command that talks to the remote (fetch, push) runs under a
//! deadline and is killed with its children after it, or as soon as the
//! run is told to stop ([`watchdog`] says how and why).

mod watchdog;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use crate::catalogue::git as msg;

pub use watchdog::{DEADLINE_VAR, DEFAULT_DEADLINE, kill_in_flight};

/// Environment variable overriding the author of ledger commits
/// (`Name <email>`); without it git's own `user.name`/`user.email` are used.
pub const AUTHOR_VAR: &str = "VARSEL_GIT_AUTHOR";

/// How many times a push is tried before the run gives up.
pub const PUSH_ATTEMPTS: u32 = 6;

/// Why a git step failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GitError {
    /// The checkout cannot be used at all (not a repository, no branch, no
    /// author, foreign unpushed commits): bad usage, exit status 2.
    Setup(String),
    /// A step failed that a retry may get past (a rejected push, the remote
    /// unreachable): the work failed, exit status 1.
    Step(String),
    /// The remote did not answer within the deadline, or the run is
    /// stopping: git was killed. The work failed (exit status 1) and is
    /// not retried in this run.
    Stalled(String),
}

impl std::fmt::Display for GitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GitError::Setup(m) | GitError::Step(m) | GitError::Stalled(m) => f.write_str(m),
        }
    }
}

/// How a push ended that did not fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pushed {
    /// The remote said it took the commit.
    Acknowledged,
    /// git reported an error, but the remote branch holds the pushed
    /// commit (unique by the run id in its message): the reply was lost.
    ReplyLost,
}

/// The site's checkout, with the remote branch it coordinates through.
#[derive(Debug, Clone)]
pub struct Repo<'s> {
    top: PathBuf,
    ledger: String,
    remote: String,
    branch: String,
    author: Option<(String, String)>,
    /// Each git command that talks to the remote is killed after this.
    deadline: Duration,
    /// `GIT_SSH_COMMAND` with timeouts, unless the site chose its own.
    ssh: Option<String>,
    /// Set when the run must stop (SIGTERM in `send --watch`): a git
    /// command talking to the remote is killed at once.
    stop: &'s AtomicBool,
}

impl<'s> Repo<'s> {
    /// The checkout holding `ledger` (a path inside it). The remote branch
    /// is the current branch's upstream, or `origin` and the branch's own
    /// name. Fails (as [`GitError::Setup`]) if there is no repository, no
    /// branch checked out, no such remote, or no author. Setting `stop`
    /// kills a fetch or push in progress.
    pub fn open(ledger: &Path, stop: &'s AtomicBool) -> Result<Repo<'s>, GitError> {
        let dir = ledger
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let top = git_in(dir, &["rev-parse", "--show-toplevel"])
            .map_err(|e| setup(msg::not_a_checkout(dir.display(), e)))?;
        let top = PathBuf::from(top);
        let absolute = std::path::absolute(ledger).map_err(|e| setup(e.to_string()))?;
        let canonical_top = top.canonicalize().unwrap_or_else(|_| top.clone());
        let canonical_dir = absolute
            .parent()
            .and_then(|p| p.canonicalize().ok())
            .unwrap_or_default();
        let Ok(relative_dir) = canonical_dir.strip_prefix(&canonical_top) else {
            return Err(setup(msg::ledger_outside(ledger.display(), top.display())));
        };
        let name = absolute.file_name().unwrap_or_default();
        let ledger_rel = relative_dir.join(name).to_string_lossy().replace('\\', "/");
        let branch = git_in(&top, &["symbolic-ref", "--quiet", "--short", "HEAD"])
            .map_err(|_| setup(msg::detached_head()))?;
        let config = |key: String| git_in(&top, &["config", "--get", &key]).ok();
        let remote = config(format!("branch.{branch}.remote")).unwrap_or_else(|| "origin".into());
        let remote_branch = config(format!("branch.{branch}.merge"))
            .and_then(|r| r.strip_prefix("refs/heads/").map(str::to_string))
            .unwrap_or_else(|| branch.clone());
        if remote == "." || git_in(&top, &["remote", "get-url", &remote]).is_err() {
            return Err(setup(msg::no_remote(&branch, &remote)));
        }
        let author = match std::env::var(AUTHOR_VAR) {
            Ok(text) if !text.trim().is_empty() => {
                Some(parse_author(&text).ok_or_else(|| setup(msg::bad_author(AUTHOR_VAR, &text)))?)
            }
            _ => None,
        };
        let deadline = watchdog::deadline();
        let own_ssh = ["GIT_SSH_COMMAND", "GIT_SSH"]
            .iter()
            .any(|var| std::env::var_os(var).is_some())
            || config("core.sshCommand".into()).is_some();
        let repo = Repo {
            top,
            ledger: ledger_rel,
            remote,
            branch: remote_branch,
            author,
            deadline,
            ssh: (!own_ssh).then(|| watchdog::ssh_command(deadline)),
            stop,
        };
        if repo.author.is_none()
            && (repo.git(&["config", "user.name"]).is_err()
                || repo.git(&["config", "user.email"]).is_err())
        {
            return Err(setup(msg::no_author(AUTHOR_VAR)));
        }
        Ok(repo)
    }

    /// `remote/branch`, for messages.
    pub fn upstream(&self) -> String {
        format!("{}/{}", self.remote, self.branch)
    }

    /// The ledger's path inside the checkout, for messages.
    pub fn ledger(&self) -> &str {
        &self.ledger
    }

    /// The lock file that keeps two `send --git` runs in one checkout
    /// apart (inside `.git/`, so it never shows as a change).
    pub fn lock_path(&self) -> Result<PathBuf, GitError> {
        let path = self
            .git(&["rev-parse", "--git-path", "varsel-send.lock"])
            .map_err(GitError::Setup)?;
        Ok(self.top.join(path))
    }

    /// Brings the checkout to the remote branch's head: records an earlier
    /// run left uncommitted are committed first, then a fast-forward, or a
    /// merge when the checkout has unpushed ledger commits of its own.
    pub fn sync(&self) -> Result<(), GitError> {
        self.commit("ledger: records left uncommitted by an earlier run")?;
        let remote_head = self.fetch(true)?;
        let head = self.head()?;
        if head == remote_head || self.is_ancestor(&remote_head, &head) {
            return Ok(());
        }
        if self.is_ancestor(&head, &remote_head) {
            return self
                .git(&["merge", "--ff-only", "--quiet", &remote_head])
                .map(drop)
                .map_err(|e| setup(msg::cannot_fast_forward(self.upstream(), e)));
        }
        let foreign: Vec<String> = self
            .git(&[
                "log",
                "--format=",
                "--name-only",
                &format!("{remote_head}..HEAD"),
            ])
            .map_err(GitError::Step)?
            .lines()
            .filter(|f| !f.is_empty() && *f != self.ledger)
            .map(str::to_string)
            .collect();
        if !foreign.is_empty() {
            return Err(setup(msg::foreign_commits(foreign.join(", "))));
        }
        self.merge(&remote_head)
    }

    /// Fetches the remote branch; returns its head. `stoppable`: killed
    /// at once when the run is told to stop (else only at the deadline).
    fn fetch(&self, stoppable: bool) -> Result<String, GitError> {
        let args = ["fetch", "--quiet", "--no-tags", &self.remote, &self.branch];
        self.remote_git(&args, stoppable)
            .map_err(|e| e.step_with(|said| msg::cannot_fetch(self.upstream(), said)))?;
        self.git(&["rev-parse", "FETCH_HEAD^{commit}"])
            .map_err(GitError::Step)
    }

    /// Merges `commit` (fetched) into the checkout, resolving a conflict in
    /// the ledger as a union of both sides.
    fn merge(&self, commit: &str) -> Result<(), GitError> {
        let message = format!("ledger: merge {} [skip ci]", self.upstream());
        let merged = self.git(&[
            "merge",
            "--no-edit",
            "--no-verify",
            "--quiet",
            "-m",
            &message,
            commit,
        ]);
        let Err(said) = merged else {
            return Ok(());
        };
        let conflicts = self
            .git(&["diff", "--name-only", "--diff-filter=U"])
            .unwrap_or_default();
        if conflicts.is_empty() {
            return Err(setup(msg::cannot_merge(self.upstream(), said)));
        }
        if conflicts.lines().collect::<Vec<_>>() != [self.ledger.as_str()] {
            let _ = self.git(&["merge", "--abort"]);
            return Err(setup(msg::merge_conflicts(
                self.upstream(),
                conflicts.lines().collect::<Vec<_>>().join(", "),
            )));
        }
        let side = |stage: u8| {
            self.git_raw(&["show", &format!(":{stage}:{}", self.ledger)])
                .unwrap_or_default()
        };
        let union = union_lines(&side(2), &side(3));
        std::fs::write(self.top.join(&self.ledger), union)
            .and_then(|()| std::fs::File::open(self.top.join(&self.ledger))?.sync_all())
            .map_err(|e| GitError::Step(crate::catalogue::cli::cannot_write(&self.ledger, e)))?;
        self.git(&["add", "--", &self.ledger])
            .and_then(|_| self.git(&["commit", "--no-verify", "--quiet", "--no-edit"]))
            .map(drop)
            .map_err(|e| GitError::Step(msg::cannot_finish_merge(e)))
    }

    /// True if the checkout holds commits the remote branch (as last
    /// fetched) lacks: records of an earlier run whose push failed.
    pub fn unpushed(&self) -> bool {
        match (self.git(&["rev-parse", "FETCH_HEAD^{commit}"]), self.head()) {
            (Ok(remote), Ok(head)) => !self.is_ancestor(&head, &remote),
            _ => false,
        }
    }

    /// Fetches and merges the remote branch (after a rejected push of
    /// outcomes: not stopped by a stop request, only by the deadline).
    pub fn fetch_and_merge(&self) -> Result<(), GitError> {
        let remote_head = self.fetch(false)?;
        if self.is_ancestor(&remote_head, &self.head()?) {
            return Ok(());
        }
        self.merge(&remote_head)
    }

    /// The commit checked out.
    pub fn head(&self) -> Result<String, GitError> {
        self.git(&["rev-parse", "HEAD"]).map_err(GitError::Step)
    }

    /// True if the checkout's head contains `commit` (after a sync: the
    /// remote branch has it).
    pub fn has(&self, commit: &str) -> bool {
        self.head()
            .is_ok_and(|head| self.is_ancestor(commit, &head))
    }

    fn is_ancestor(&self, ancestor: &str, of: &str) -> bool {
        self.git(&["merge-base", "--is-ancestor", ancestor, of])
            .is_ok()
    }

    /// Commits the ledger file alone, if it changed, with `message` and
    /// `[skip ci]`; true if a commit was made.
    pub fn commit(&self, message: &str) -> Result<bool, GitError> {
        let step = |e: String| GitError::Step(msg::cannot_commit(&self.ledger, e));
        let status = self
            .git(&["status", "--porcelain", "--", &self.ledger])
            .map_err(step)?;
        if status.is_empty() {
            return Ok(false);
        }
        self.git(&["add", "--", &self.ledger]).map_err(step)?;
        let message = format!("{message} [skip ci]");
        self.git(&[
            "commit",
            "--no-verify",
            "--quiet",
            "-m",
            &message,
            "--",
            &self.ledger,
        ])
        .map_err(step)?;
        Ok(true)
    }

    /// Pushes the checkout's head to the remote branch (never forced).
    ///
    /// A push whose reply was lost (the connection broke or stalled after
    /// the remote took the commit) is recognised: unless git said the
    /// remote refused it, the branch is fetched again, and if it holds the
    /// pushed commit, which is this run's alone (the run id is in its
    /// message, [`run_id`]), the push counts as done.
    ///
    /// `stoppable`: a stop request kills the push at once (claims: nothing
    /// was handed over yet); outcomes are pushed even while stopping, up to
    /// the deadline, so that a stop leaves no hand-over unrecorded.
    pub fn push(&self, stoppable: bool) -> Result<Pushed, GitError> {
        let head = self.head()?;
        let target = format!("HEAD:refs/heads/{}", self.branch);
        let args = ["push", "--quiet", &self.remote, &target];
        let failure = match self.remote_git(&args, stoppable) {
            Ok(_) => return Ok(Pushed::Acknowledged),
            Err(e) => e.step_with(|said| msg::push_refused(self.upstream(), said)),
        };
        let refused = matches!(&failure, GitError::Step(said) if said.contains("rejected]"));
        if refused || (stoppable && self.stopping()) {
            return Err(failure);
        }
        match self.fetch(stoppable) {
            Ok(remote_head) if self.is_ancestor(&head, &remote_head) => Ok(Pushed::ReplyLost),
            _ => Err(failure),
        }
    }

    fn stopping(&self) -> bool {
        self.stop.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Runs a git command that talks to the remote, under the deadline:
    /// [`GitError::Step`] with what git said if it failed by itself,
    /// [`GitError::Stalled`] if it was killed.
    fn remote_git(&self, args: &[&str], stoppable: bool) -> Result<String, GitError> {
        let mut command = self.command();
        for setting in watchdog::http_settings(self.deadline) {
            command.arg("-c").arg(setting);
        }
        if let Some(ssh) = &self.ssh {
            command.env("GIT_SSH_COMMAND", ssh);
        }
        command.args(args);
        let what = format!("git {}", args.first().unwrap_or(&""));
        let never = AtomicBool::new(false);
        let stop = if stoppable { self.stop } else { &never };
        match watchdog::run(command, self.deadline, stop) {
            Ok(watchdog::Ended::Finished(output)) => finish(Ok(output), args)
                .map(|o| o.trim().to_string())
                .map_err(GitError::Step),
            Ok(watchdog::Ended::TimedOut) => Err(GitError::Stalled(msg::stalled(
                what,
                self.upstream(),
                self.deadline.as_secs_f64(),
                DEADLINE_VAR,
            ))),
            Ok(watchdog::Ended::Stopped) => Err(GitError::Stalled(msg::stopped(what))),
            Err(e) => Err(GitError::Step(msg::cannot_run_git(e))),
        }
    }

    /// Drops the unpushed commits after `base` (the claims of a rejected
    /// push), restoring the ledger file; other files are left as they are.
    pub fn reset_to(&self, base: &str) -> Result<(), GitError> {
        self.git(&["reset", "--quiet", "--keep", base])
            .map(drop)
            .map_err(|e| GitError::Step(msg::cannot_drop_claims(e)))
    }

    /// Runs git in the checkout; its trimmed standard output, or its
    /// standard error (credentials in URLs hidden).
    fn git(&self, args: &[&str]) -> Result<String, String> {
        self.git_raw(args).map(|out| out.trim().to_string())
    }

    fn git_raw(&self, args: &[&str]) -> Result<String, String> {
        finish(self.command().args(args).output(), args)
    }

    /// `git` in the checkout, with the author if one was given.
    fn command(&self) -> Command {
        let mut command = git_command(&self.top);
        if let Some((name, email)) = &self.author {
            command
                .arg("-c")
                .arg(format!("user.name={name}"))
                .arg("-c")
                .arg(format!("user.email={email}"));
        }
        command
    }
}

impl GitError {
    /// A [`GitError::Step`] with its text passed through `context`; other
    /// kinds as they are (a stall already says what stalled).
    fn step_with(self, context: impl FnOnce(String) -> String) -> GitError {
        match self {
            GitError::Step(said) => GitError::Step(context(said)),
            other => other,
        }
    }
}

/// `git` in `dir`, never asking for a password on a terminal, in English.
fn git_command(dir: &Path) -> Command {
    let mut command = Command::new("git");
    command
        .current_dir(dir)
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("LC_ALL", "C")
        .stdin(std::process::Stdio::null());
    command
}

/// A setup failure, said as `--git: …`.
fn setup(message: String) -> GitError {
    GitError::Setup(format!("--git: {message}"))
}

fn git_in(dir: &Path, args: &[&str]) -> Result<String, String> {
    finish(git_command(dir).args(args).output(), args).map(|o| o.trim().to_string())
}

fn finish(output: std::io::Result<Output>, args: &[&str]) -> Result<String, String> {
    let output = output.map_err(msg::cannot_run_git)?;
    if output.status.success() {
        return Ok(String::from_utf8_lossy(&output.stdout).into_owned());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let said = stderr
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" / ");
    let said = if said.is_empty() {
        msg::git_failed(args.first().unwrap_or(&""))
    } else {
        said
    };
    Err(hide_credentials(&said))
}

/// `Name <email>` → (name, email).
fn parse_author(text: &str) -> Option<(String, String)> {
    let (name, rest) = text.trim().split_once('<')?;
    let email = rest.strip_suffix('>')?.trim();
    let name = name.trim();
    (!name.is_empty() && email.contains('@')).then(|| (name.to_string(), email.to_string()))
}

/// The lines of `ours`, then those of `theirs` that `ours` lacks: what
/// git's `merge=union` gives for an append-only file.
fn union_lines(ours: &str, theirs: &str) -> String {
    let known: std::collections::HashSet<&str> = ours.lines().collect();
    let mut out = String::with_capacity(ours.len() + theirs.len());
    for line in ours.lines() {
        out.push_str(line);
        out.push('\n');
    }
    for line in theirs.lines().filter(|l| !known.contains(l)) {
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// `text` with the user and password of every `scheme://user:pass@host`
/// replaced by `***` (git may print its remote's URL, token included).
pub fn hide_credentials(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("://") {
        let (head, tail) = rest.split_at(i + 3);
        out.push_str(head);
        let end = tail
            .find(|c: char| c == '/' || c.is_whitespace() || c == '\'' || c == '"')
            .unwrap_or(tail.len());
        match tail[..end].rfind('@') {
            Some(at) => {
                out.push_str("***");
                out.push_str(&tail[at..end]);
            }
            None => out.push_str(&tail[..end]),
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// A token that tells this run's commits apart from every other run's.
/// Two runners that claim the same notices in the same second would
/// otherwise make byte-identical commits (same parent, tree, author, time
/// and message), and git would take the second push as already done: both
/// would think they hold the claim.
pub fn run_id() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u32(std::process::id());
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    format!("{:016x}", hasher.finish())
}

/// A random pause before retry number `attempt` (1-based): up to 150 ms
/// times the attempt, so runners that collided spread out.
pub fn jitter(attempt: u32) -> Duration {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u32(std::process::id());
    let random = hasher.finish();
    let ceiling = 150 * u64::from(attempt.max(1));
    Duration::from_millis(random % ceiling)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_in_urls_never_show() {
        assert_eq!(
            hide_credentials(
                "fatal: unable to access 'https://oauth2:glpat-s3cret@gitlab.example.org/x.git/': 403"
            ),
            "fatal: unable to access 'https://***@gitlab.example.org/x.git/': 403"
        );
        assert_eq!(
            hide_credentials("To ssh://git.example.org/x.git ! [rejected]"),
            "To ssh://git.example.org/x.git ! [rejected]"
        );
    }

    #[test]
    fn authors_and_unions() {
        assert_eq!(
            parse_author(" varsel bot <varsel@example.org> "),
            Some(("varsel bot".into(), "varsel@example.org".into()))
        );
        assert_eq!(parse_author("varsel@example.org"), None);
        assert_eq!(union_lines("a\nb\n", "a\nc\nb\n"), "a\nb\nc\n");
        assert!(jitter(2) < Duration::from_millis(300));
    }
}
