//! Stopping on SIGTERM or SIGINT, for `send` once and `send --watch` alike
//! (a CI job cancelled by GitHub or GitLab, `systemctl stop`, Ctrl-C):
//!
//! - the first signal sets the stop flag: the git command in flight that
//!   may be stopped (fetches, claim pushes) is killed at once with its
//!   process group (`git::watchdog`), no further notice is handed over,
//!   the hand-over in progress finishes (its reply, or the SMTP timeout)
//!   and is recorded, the claims not handed over are recorded `failed`,
//!   and with `--git` the outcomes are pushed (up to the git deadline);
//! - the same or the other signal a second time ends varsel at once, with
//!   exit status 1, after killing the git command in flight with
//!   everything it started ([`crate::git::kill_in_flight`]): whoever sends
//!   a second signal wants it gone now (GitHub Actions sends SIGINT, then
//!   SIGTERM 7.5 s later, then SIGKILL). A hand-over cut off this way is
//!   an interrupted one, which the next run settles (SPEC §7); outcomes not
//!   pushed leave claims that the next run settles after their lease.
//!
//! Only atomics are touched in the handler (and `killpg`/`_exit` on the
//! second signal), which is what a signal handler may do.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};

use signal_hook::consts::{SIGINT, SIGTERM};

/// The stop flag and the signal that set it.
#[derive(Debug, Clone, Default)]
pub struct Stop {
    flag: Arc<AtomicBool>,
    signal: Arc<AtomicI32>,
}

impl Stop {
    /// A stop flag set by the first SIGTERM or SIGINT; the second ends the
    /// process at once (see the module documentation).
    pub fn on_signals() -> std::io::Result<Stop> {
        let stop = Stop::default();
        for signal in [SIGTERM, SIGINT] {
            let flag = Arc::clone(&stop.flag);
            let which = Arc::clone(&stop.signal);
            let handler = move || {
                if flag.load(Ordering::SeqCst) {
                    crate::git::kill_in_flight();
                    signal_hook::low_level::exit(i32::from(crate::exit::EXIT_FAILURE));
                }
                // The name first: whoever sees the flag finds it.
                which.store(signal, Ordering::SeqCst);
                flag.store(true, Ordering::SeqCst);
            };
            // SAFETY: the handler only touches atomics, and on the second
            // signal calls `killpg` and `_exit`, all async-signal-safe.
            unsafe { signal_hook::low_level::register(signal, handler) }?;
        }
        Ok(stop)
    }

    /// The flag the work checks between steps.
    pub fn flag(&self) -> &AtomicBool {
        &self.flag
    }

    /// True once a stop was asked for.
    pub fn stopping(&self) -> bool {
        self.flag.load(Ordering::SeqCst)
    }

    /// The signal that asked to stop (`SIGTERM`, `SIGINT`), if one did.
    pub fn signal(&self) -> Option<&'static str> {
        match self.signal.load(Ordering::SeqCst) {
            SIGTERM => Some("SIGTERM"),
            SIGINT => Some("SIGINT"),
            _ => None,
        }
    }
}

/// How often a lock held by another run is tried again while waiting.
const LOCK_POLL: std::time::Duration = std::time::Duration::from_millis(50);

/// Takes the exclusive lock on `file`, waiting while another process holds
/// it, but not past a stop: `Ok(false)` then, the lock not taken. (A
/// blocking `flock` would sit out the signal: it is restarted after the
/// handler.) `waiting` is called once if the lock is held.
pub fn lock_unless_stopped(
    file: &std::fs::File,
    stop: &AtomicBool,
    waiting: impl FnOnce(),
) -> std::io::Result<bool> {
    let mut waiting = Some(waiting);
    loop {
        match fs4::FileExt::try_lock(file) {
            Ok(()) => return Ok(true),
            Err(fs4::TryLockError::WouldBlock) => {}
            Err(fs4::TryLockError::Error(e)) => return Err(e),
        }
        if let Some(say) = waiting.take() {
            say();
        }
        if stop.load(Ordering::SeqCst) {
            return Ok(false);
        }
        std::thread::sleep(LOCK_POLL);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stop_names_nothing_until_a_signal_sets_it() {
        let stop = Stop::default();
        assert!(!stop.stopping() && stop.signal().is_none());
        stop.signal.store(SIGINT, Ordering::SeqCst);
        stop.flag.store(true, Ordering::SeqCst);
        assert!(stop.stopping());
        assert_eq!(stop.signal(), Some("SIGINT"));
    }

    #[test]
    fn a_lock_wait_ends_on_a_stop_and_a_free_lock_is_taken() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lock");
        let held = std::fs::File::create(&path).unwrap();
        fs4::FileExt::lock(&held).unwrap();
        let other = std::fs::File::open(&path).unwrap();
        let stop = Stop::default();
        let mut said = 0;
        let flag = Arc::clone(&stop.flag);
        let setter = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(100));
            flag.store(true, Ordering::SeqCst);
        });
        assert!(!lock_unless_stopped(&other, stop.flag(), || said += 1).unwrap());
        setter.join().unwrap();
        assert_eq!(said, 1);
        fs4::FileExt::unlock(&held).unwrap();
        let fresh = AtomicBool::new(false);
        assert!(lock_unless_stopped(&other, &fresh, || panic!("no wait")).unwrap());
    }
}
