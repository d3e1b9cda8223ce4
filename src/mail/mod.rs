//! Email notices: composing a notice from the theme's `email/` templates
//! ([`compose`]), the routine page inside it ([`page`]; the words come from [`crate::words`]) and handing it
//! over to an SMTP server, an outbox folder or standard output
//! ([`transport`]).

pub mod compose;
pub mod page;
pub mod transport;
