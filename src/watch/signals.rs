//! What each signal does to `send --watch`:
//!
//! - SIGTERM, SIGINT: stop. The hand-over in progress is finished and
//!   recorded, no further notice is started, the process exits 0.
//! - the same signal a second time: exit 1 at once (a hand-over cut off
//!   this way is an interrupted one, settled by the next run).
//! - SIGHUP: re-read the site and send what is due now.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::sync::mpsc::Sender;

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::flag;
use signal_hook::iterator::Signals;

use super::Wake;

/// Sets `stop` on SIGTERM/SIGINT (exiting at once on the second) and
/// forwards every signal to the watch loop through `wake`.
pub(super) fn install(stop: &Arc<AtomicBool>, wake: Sender<Wake>) -> std::io::Result<()> {
    for signal in [SIGTERM, SIGINT] {
        // In this order: the second signal finds the flag already set.
        flag::register_conditional_shutdown(
            signal,
            i32::from(crate::exit::EXIT_FAILURE),
            Arc::clone(stop),
        )?;
        flag::register(signal, Arc::clone(stop))?;
    }
    let mut signals = Signals::new([SIGTERM, SIGINT, SIGHUP])?;
    std::thread::spawn(move || {
        for signal in signals.forever() {
            let event = match signal {
                SIGHUP => Wake::Reread("SIGHUP"),
                SIGTERM => Wake::Stop("SIGTERM"),
                _ => Wake::Stop("SIGINT"),
            };
            if wake.send(event).is_err() {
                break;
            }
        }
    });
    Ok(())
}
