//! The exit statuses every command ends with (SPEC §5): 0 success, 1 a
//! failure of the work, 2 bad usage or unreadable configuration. The
//! commands (`send`, `new`, `serve`, …) return one of these and the CLI
//! hands it to the operating system; it sits below all of them so that
//! no command imports the CLI.

/// Exit status: everything worked.
pub const EXIT_SUCCESS: u8 = 0;
/// Exit status: the work failed (an invalid outage, a notice not sent).
pub const EXIT_FAILURE: u8 = 1;
/// Exit status: bad usage or unreadable configuration.
pub const EXIT_USAGE: u8 = 2;
