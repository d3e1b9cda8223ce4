//! Email notices: composing a notice from the theme's `email/` templates
//! ([`compose`]), the words inside it ([`words`], [`page`]) and handing it
//! over to an SMTP server, an outbox folder or standard output
//! ([`transport`]).

pub mod compose;
pub mod page;
pub mod transport;
pub mod words;
