//! Email notices: composing a notice from the theme's `email/` templates
//! ([`compose`], with words from [`crate::words`] and Markdown from
//! [`crate::render::markdown`]) and handing it over to an SMTP server, an
//! outbox folder or standard output ([`transport`]; a dry run prints
//! [`preview`]s), logging in with OAuth tokens where the server wants them
//! ([`oauth`]).

pub mod compose;
pub mod oauth;
pub mod preview;
pub mod recipients;
pub mod relay;
pub mod transport;

#[cfg(test)]
mod wording;
