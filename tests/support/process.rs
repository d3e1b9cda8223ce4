//! Signals to a running `varsel` and waiting for its exit, for the tests of
//! a stop (SIGTERM/SIGINT, as a cancelled CI job or `systemctl stop` sends).

use std::process::{Child, Command, ExitStatus};
use std::time::{Duration, Instant};

/// Sends `signal` (`TERM`, `INT`) to `child` with `kill`.
pub fn signal(child: &Child, signal: &str) {
    let status = Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success(), "kill -{signal}");
}

/// Waits for `child` to exit, at most `limit` (a liveness bound, not a
/// speed assertion: killed after it); returns its status, or `None` if it
/// had to be killed, and how long it took.
pub fn exit_within(child: &mut Child, limit: Duration) -> (Option<ExitStatus>, Duration) {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return (Some(status), started.elapsed());
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return (None, started.elapsed());
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Waits (at most 20 s) until `ready` holds; false if it never did.
pub fn wait_for(mut ready: impl FnMut() -> bool) -> bool {
    let until = Instant::now() + Duration::from_secs(20);
    while !ready() {
        if Instant::now() > until {
            return false;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    true
}
