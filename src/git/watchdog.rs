//! The deadline of a git command that talks to the remote (SPEC §7: a
//! stalled connection is a failed fetch or push, never a hung run).
//!
//! Three layers, of which the last is the guarantee:
//!
//! 1. **ssh**: unless the site set its own (`GIT_SSH_COMMAND`, `GIT_SSH`,
//!    `core.sshCommand`), git is given `ssh -o ConnectTimeout=… -o
//!    ServerAliveInterval=… -o ServerAliveCountMax=…`, so that ssh itself
//!    notices a dead peer. It helps most where the watchdog cannot reach:
//!    a git left behind when varsel itself is killed.
//! 2. **https**: `http.lowSpeedLimit=1` and `http.lowSpeedTime=<deadline>`,
//!    so curl gives up on a connection that carries nothing.
//! 3. **this watchdog**: git runs in a process group of its own; when the
//!    deadline passes, or the run is told to stop (SIGTERM in `send
//!    --watch`), the whole group gets SIGKILL: git, its ssh or
//!    `git-remote-https`, and a `GIT_SSH_COMMAND` script with its children.
//!    Neither layer above covers everything (an `ssh` wrapper script that
//!    never runs ssh, a proxy command, a credential helper waiting on a
//!    socket, a server that trickles a byte a second), and killing only git
//!    would leave its ssh behind holding the pipes. The group kill is one
//!    mechanism for ssh, https and anything else git may run.
//!
//! The deadline is per git command ([`DEADLINE_VAR`], seconds; default
//! [`DEFAULT_DEADLINE`]): a fetch or push of a ledger commit moves a few
//! kilobytes, so a minute without completing is a stalled remote, not a
//! slow one.

use std::io::Read;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Environment variable: seconds a git command that talks to the remote
/// may take before it is killed (with its children).
pub const DEADLINE_VAR: &str = "VARSEL_GIT_TIMEOUT";

/// The deadline without [`DEADLINE_VAR`].
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(60);

/// How often the watchdog looks at the clock and the stop flag.
const TICK: Duration = Duration::from_millis(25);

/// How long the output of a command that exited is waited for.
const AFTER_EXIT: Duration = Duration::from_secs(2);

/// The process group of the watched command in flight (0: none), for
/// [`kill_in_flight`]. varsel runs one remote git command at a time.
static IN_FLIGHT: AtomicI32 = AtomicI32::new(0);

/// SIGKILL to the process group of the git command in flight, if any: for
/// a signal handler that ends varsel at once (a second SIGTERM), so that no
/// git, ssh or `GIT_SSH_COMMAND` script outlives it. Async-signal-safe: an
/// atomic load and `killpg`.
pub fn kill_in_flight() {
    let group = IN_FLIGHT.load(Ordering::SeqCst);
    #[cfg(unix)]
    if group > 0 {
        // SAFETY: killpg only sends a signal, to a group varsel made for
        // one git command (process_group(0) in `run`), never its own.
        unsafe {
            libc::killpg(group, libc::SIGKILL);
        }
    }
}

/// The deadline in force: [`DEADLINE_VAR`] if it holds a positive number
/// of seconds (fractions allowed), else [`DEFAULT_DEADLINE`].
pub(super) fn deadline() -> Duration {
    std::env::var(DEADLINE_VAR)
        .ok()
        .and_then(|text| text.trim().parse::<f64>().ok())
        .filter(|secs| secs.is_finite() && *secs > 0.0)
        .map_or(DEFAULT_DEADLINE, Duration::from_secs_f64)
}

/// How a watched command ended.
#[derive(Debug)]
pub(super) enum Ended {
    /// It exited by itself.
    Finished(Output),
    /// The deadline passed; it was killed with its children.
    TimedOut,
    /// The run is stopping; it was killed with its children.
    Stopped,
}

/// The ssh command for git, when the site has not chosen one: ssh itself
/// gives up on a peer that does not answer within about `deadline`.
pub(super) fn ssh_command(deadline: Duration) -> String {
    let secs = deadline.as_secs().max(1);
    let interval = (secs / 4).clamp(1, 15);
    let count = (secs / interval).max(1);
    format!(
        "ssh -o ConnectTimeout={secs} -o ServerAliveInterval={interval} -o ServerAliveCountMax={count}"
    )
}

/// The `-c` settings that make git's https transport give up on a
/// connection that carries nothing for `deadline`.
pub(super) fn http_settings(deadline: Duration) -> [String; 2] {
    [
        "http.lowSpeedLimit=1".to_string(),
        format!("http.lowSpeedTime={}", deadline.as_secs().max(1)),
    ]
}

/// Runs `command` (its output captured), killing it and every process it
/// started once `deadline` has passed or `stop` is set.
pub(super) fn run(
    mut command: Command,
    deadline: Duration,
    stop: &AtomicBool,
) -> std::io::Result<Ended> {
    command.stdout(Stdio::piped()).stderr(Stdio::piped());
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut child = command.spawn()?;
    let group = i32::try_from(child.id()).unwrap_or(0);
    IN_FLIGHT.store(group, Ordering::SeqCst);
    let ended = watch(&mut child, deadline, stop);
    not_in_flight(group);
    ended
}

/// Forgets `group` as the command in flight, as soon as its leader has
/// exited or was killed (only a group id reused within these microseconds
/// could be hit by a late [`kill_in_flight`]).
fn not_in_flight(group: i32) {
    let _ = IN_FLIGHT.compare_exchange(group, 0, Ordering::SeqCst, Ordering::SeqCst);
}

/// [`run`] once `child` is started: its output read on threads, the clock
/// and `stop` watched.
fn watch(
    child: &mut std::process::Child,
    deadline: Duration,
    stop: &AtomicBool,
) -> std::io::Result<Ended> {
    let (tx, rx) = mpsc::channel();
    for (index, pipe) in [
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    ]
    .into_iter()
    .enumerate()
    {
        let tx = tx.clone();
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            let _ = tx.send((index, bytes));
        });
    }
    drop(tx);
    let started = Instant::now();
    let ended = loop {
        if let Some(status) = child.try_wait()? {
            not_in_flight(i32::try_from(child.id()).unwrap_or(0));
            break Ok(status);
        }
        if stop.load(Ordering::SeqCst) {
            break Err(Ended::Stopped);
        }
        if started.elapsed() >= deadline {
            break Err(Ended::TimedOut);
        }
        std::thread::sleep(TICK);
    };
    match ended {
        Ok(status) => {
            // The pipes close when git and what it started have exited; a
            // process that outlives git and keeps them open (an ssh master
            // kept by `ControlPersist`) is waited for briefly, never for
            // the rest of the deadline on every command.
            let mut out = [Vec::new(), Vec::new()];
            let rest = deadline
                .saturating_sub(started.elapsed())
                .clamp(TICK, AFTER_EXIT);
            for _ in 0..2 {
                match rx.recv_timeout(rest) {
                    Ok((index, bytes)) => out[index] = bytes,
                    Err(_) => break,
                }
            }
            let [stdout, stderr] = out;
            Ok(Ended::Finished(Output {
                status,
                stdout,
                stderr,
            }))
        }
        Err(why) => {
            kill_group(child);
            let _ = child.wait();
            Ok(why)
        }
    }
}

/// SIGKILL to the child's process group (the child and everything it
/// started that did not leave the group); elsewhere, the child alone.
fn kill_group(child: &mut std::process::Child) {
    #[cfg(unix)]
    {
        if let Ok(pid) = libc::pid_t::try_from(child.id()) {
            // SAFETY: killpg only sends a signal; the group is the child's
            // own (process_group(0) above), never varsel's.
            unsafe {
                libc::killpg(pid, libc::SIGKILL);
            }
        }
    }
    let _ = child.kill();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stalled_command_and_its_children_are_killed_at_the_deadline() {
        let dir = tempfile::tempdir().unwrap();
        let pids = dir.path().join("pids");
        let mut command = Command::new("sh");
        command.arg("-c").arg(format!(
            "sleep 300 & echo $! > {0}; echo $$ >> {0}; wait",
            pids.display()
        ));
        let stop = AtomicBool::new(false);
        let ended = run(command, Duration::from_millis(500), &stop).unwrap();
        assert!(matches!(ended, Ended::TimedOut), "{ended:?}");
        let pids = std::fs::read_to_string(&pids).unwrap();
        for pid in pids.split_whitespace() {
            assert!(gone(pid), "process {pid} outlived the deadline");
        }
    }

    #[test]
    fn output_of_a_command_that_finishes_is_kept_and_stop_ends_one_at_once() {
        let mut command = Command::new("sh");
        command.arg("-c").arg("echo out; echo err >&2; exit 3");
        let stop = AtomicBool::new(false);
        let Ended::Finished(out) = run(command, Duration::from_secs(30), &stop).unwrap() else {
            panic!("did not finish");
        };
        assert_eq!(out.status.code(), Some(3));
        assert_eq!(out.stdout, b"out\n");
        assert_eq!(out.stderr, b"err\n");
        let stop = AtomicBool::new(true);
        let mut command = Command::new("sleep");
        command.arg("300");
        let ended = run(command, Duration::from_secs(300), &stop).unwrap();
        assert!(matches!(ended, Ended::Stopped));
        assert_eq!(
            ssh_command(Duration::from_secs(60)),
            "ssh -o ConnectTimeout=60 -o ServerAliveInterval=15 -o ServerAliveCountMax=4"
        );
    }

    /// True when `pid` no longer runs (gone, or a zombie nobody reaped).
    fn gone(pid: &str) -> bool {
        for _ in 0..100 {
            match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
                Err(_) => return true,
                Ok(stat)
                    if stat
                        .rsplit(')')
                        .next()
                        .is_some_and(|s| s.trim().starts_with('Z')) =>
                {
                    return true;
                }
                Ok(_) => std::thread::sleep(Duration::from_millis(20)),
            }
        }
        false
    }
}
