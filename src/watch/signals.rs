//! What each signal does to `send --watch`:
//!
//! - SIGTERM, SIGINT: stop ([`crate::stop`], shared with the one-shot
//!   `send`). The hand-over in progress is finished and recorded, no
//!   further notice is started, the process exits 0.
//! - the same signal a second time: exit 1 at once (a hand-over cut off
//!   this way is an interrupted one, settled by the next run).
//! - SIGHUP: re-read the site and send what is due now.
//!
//! This module only wakes the watch loop up for each of them.

use std::sync::mpsc::Sender;

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use super::Wake;

/// Forwards every signal to the watch loop through `wake` (the stop flag
/// itself is set by [`crate::stop::Stop::on_signals`]).
pub(super) fn forward(wake: Sender<Wake>) -> std::io::Result<()> {
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
