//! OAuth 2.0 for SMTP (SPEC §5, "OAuth 2.0 for SMTP"): Microsoft 365 and
//! other servers that take an access token with the `XOAUTH2` mechanism
//! instead of a password.
//!
//! [`settings`] reads the environment (token endpoint, application id,
//! client secret or certificate, scope); [`endpoint`] asks for a token with
//! the client-credentials grant ([`assertion`] signs a certificate's client
//! assertion); [`Tokens`] keeps the one token of a run and renews it
//! shortly before it expires, so that a long `send --watch` never presents
//! an expired one. The SMTP hand-over asks [`Tokens::login`] for the
//! credentials of each connection and tells [`Tokens::refused`] when the
//! server refused them (one fresh token, one retry).
//!
//! No secret, key, assertion or token leaves this module except into the
//! token request and the XOAUTH2 login: they are held in [`Secret`], whose
//! `Debug` and `Display` print `***`, and every text from outside is
//! scrubbed of them.

mod assertion;
mod endpoint;
mod secret;
pub mod settings;
pub mod smtp;

use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use lettre::transport::smtp::authentication::{Credentials, Mechanism};

pub use secret::Secret;
pub use settings::Settings;

use crate::catalogue::oauth as msg;

/// At most this long before a token expires, a new one is fetched (or
/// half its life, for short-lived tokens).
const RENEW_BEFORE: Duration = Duration::from_secs(120);

/// The token of a run: fetched when first needed, reused until shortly
/// before it expires, then fetched again.
pub struct Tokens {
    settings: Settings,
    client: endpoint::Client,
    mailbox: String,
    current: Mutex<Option<Held>>,
}

/// A token and when to stop using it.
struct Held {
    token: Secret,
    renew_at: Instant,
}

/// The credentials for one SMTP login.
pub struct Login {
    /// The mailbox and the token, for lettre's `XOAUTH2`.
    pub credentials: Credentials,
    /// The mechanism to use: `XOAUTH2`.
    pub mechanisms: Vec<Mechanism>,
    /// The token was fetched for this login (a refusal is then not the
    /// token's age).
    pub fresh: bool,
}

impl Tokens {
    /// Tokens for logging in as `mailbox`, with the settings from the
    /// environment; `ca_file` (named by `ca_var`) is trusted for the token
    /// endpoint too. Nothing is fetched yet: a run with nothing due asks
    /// for no token.
    pub fn from_env(mailbox: &str, ca_file: Option<&Path>, ca_var: &str) -> Result<Tokens, String> {
        Tokens::new(Settings::from_env()?, mailbox, ca_file, ca_var)
    }

    /// Tokens for `settings`.
    pub fn new(
        settings: Settings,
        mailbox: &str,
        ca_file: Option<&Path>,
        ca_var: &str,
    ) -> Result<Tokens, String> {
        Ok(Tokens {
            client: endpoint::Client::new(
                ca_file,
                ca_var,
                settings::is_loopback(&settings.token_url),
            )?,
            settings,
            mailbox: mailbox.to_string(),
            current: Mutex::new(None),
        })
    }

    /// The mailbox logged in as.
    pub fn mailbox(&self) -> &str {
        &self.mailbox
    }

    /// Where the token comes from, for the summary (no secret in it).
    pub fn describe(&self) -> String {
        msg::described(&self.settings.token_url, &self.settings.client_id)
    }

    /// Credentials for the next login: the held token while it lives, else
    /// a new one. The error says in plain words why no token was issued.
    pub fn login(&self) -> Result<Login, String> {
        let mut current = self.current.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        let (token, fresh) = match current.as_ref() {
            Some(held) if now < held.renew_at => (held.token.clone(), false),
            _ => {
                *current = None;
                let issued = self.client.request(&self.settings)?;
                let margin = RENEW_BEFORE.min(issued.lifetime / 2);
                *current = Some(Held {
                    token: issued.token.clone(),
                    renew_at: now + issued.lifetime - margin,
                });
                (issued.token, true)
            }
        };
        Ok(Login {
            credentials: Credentials::new(self.mailbox.clone(), token.reveal().to_string()),
            mechanisms: vec![Mechanism::Xoauth2],
            fresh,
        })
    }

    /// The server refused `login`: the held token is dropped. True when
    /// the token was one held from before (it should have been valid), so
    /// one retry with a fresh token is worth it.
    pub fn refused(&self, login: &Login) -> bool {
        let mut current = self.current.lock().unwrap_or_else(|p| p.into_inner());
        *current = None;
        !login.fresh
    }
}
