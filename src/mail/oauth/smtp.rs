//! The SMTP side of OAuth: one hand-over with an `XOAUTH2` login (a refused
//! token that should have been valid is replaced once), and the mail
//! server's refusals in words: of a token (`535 5.7.3`, `5.7.139`) and of
//! a password by a server that wants OAuth (`550 5.7.30`).

use lettre::transport::smtp::Error;

use super::Tokens;
use crate::catalogue::oauth as msg;

/// The logins with a token to an SMTP server (the connection itself is
/// [`crate::mail::relay`]'s).
pub struct Xoauth2Smtp {
    tokens: Tokens,
}

/// Why a message was not handed over.
pub enum Failure {
    /// No token: why, in plain words, with a hint.
    Token(String),
    /// The SMTP conversation failed (the login, or later).
    Smtp(Error),
}

impl Xoauth2Smtp {
    /// Logs in with tokens from `tokens`.
    pub fn new(tokens: Tokens) -> Xoauth2Smtp {
        Xoauth2Smtp { tokens }
    }

    /// The tokens (for the mailbox and the summary).
    pub fn tokens(&self) -> &Tokens {
        &self.tokens
    }

    /// Runs `once` (a hand-over that logs in with the [`Login`] it is
    /// given) with a live token; when the server refuses the login of a
    /// token held from before, `once` runs again, once, with a fresh token.
    /// For any way of talking SMTP (lettre's transport, or a connection
    /// driven step by step).
    pub fn attempt<T>(
        &self,
        mut once: impl FnMut(&super::Login) -> Result<T, Error>,
    ) -> Result<T, Failure> {
        let mut retried = false;
        loop {
            let login = self.tokens.login().map_err(Failure::Token)?;
            match once(&login) {
                Ok(done) => return Ok(done),
                Err(e) if login_refused(&e) => {
                    if self.tokens.refused(&login) && !retried {
                        retried = true;
                        continue;
                    }
                    return Err(Failure::Smtp(e));
                }
                Err(e) => return Err(Failure::Smtp(e)),
            }
        }
    }
}

/// The server refused the login (not the message).
fn login_refused(e: &Error) -> bool {
    let text = crate::theme::error_chain(e).to_lowercase();
    match e.status().map(|c| c.to_string()) {
        Some(code) if code == "535" => true,
        Some(code) if code == "534" || code == "454" => text.contains("auth"),
        // A server that answers a bad token with a challenge (Google's
        // JSON error) leaves lettre's XOAUTH2 with nothing to say.
        _ => text.contains("does not expect a challenge"),
    }
}

/// The plain-words refusal of a login, when it is one OAuth explains:
/// with `xoauth2_mailbox` (the login was `XOAUTH2` as that mailbox) a
/// refused token; without it, a password refused by a server that wants
/// OAuth (`550 5.7.30`, or `5.7.139` "basic authentication is disabled").
/// `reply` is the server's reply (or lettre's words when there was none).
pub fn refusal(
    e: &Error,
    reply: &str,
    server: &str,
    xoauth2_mailbox: Option<&str>,
    url_var: &str,
) -> Option<String> {
    let no_xoauth2 = crate::theme::error_chain(e)
        .to_lowercase()
        .contains("no compatible authentication mechanism");
    explain(
        login_refused(e),
        no_xoauth2,
        reply,
        server,
        xoauth2_mailbox,
        url_var,
    )
}

/// [`refusal`] once the error is classified (pure).
fn explain(
    login_refused: bool,
    no_xoauth2: bool,
    reply: &str,
    server: &str,
    xoauth2_mailbox: Option<&str>,
    url_var: &str,
) -> Option<String> {
    let lower = reply.to_lowercase();
    match xoauth2_mailbox {
        Some(mailbox) if login_refused => Some(
            if lower.contains("5.7.139") && lower.contains("smtpclientauthentication") {
                msg::smtp_auth_disabled(server, reply, mailbox)
            } else {
                msg::token_refused(server, reply, mailbox)
            },
        ),
        Some(_) if no_xoauth2 => Some(msg::no_xoauth2(server, url_var)),
        Some(_) => None,
        None if lower.contains("5.7.30 ")
            || lower.ends_with("5.7.30")
            || (lower.contains("5.7.139") && lower.contains("basic auth")) =>
        {
            Some(msg::basic_auth_refused(server, reply, url_var))
        }
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SERVER: &str = "smtp.office365.com:587";

    fn with_token(reply: &str) -> String {
        explain(
            true,
            false,
            reply,
            SERVER,
            Some("varsel@example.org"),
            "URL",
        )
        .unwrap()
    }

    #[test]
    fn a_refused_token_names_the_mailbox_permission_or_smtp_auth() {
        let e = with_token("535 5.7.3 Authentication unsuccessful");
        assert!(
            e.contains("SMTP.SendAsApp") && e.contains("Add-MailboxPermission"),
            "{e}"
        );
        assert!(e.contains("-Identity varsel@example.org"), "{e}");
        let e = with_token(
            "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.",
        );
        assert!(
            e.contains("Set-CASMailbox") && e.contains("SMTP AUTH"),
            "{e}"
        );
        let e = explain(false, true, "", SERVER, Some("v@example.org"), "URL").unwrap();
        assert!(e.contains("XOAUTH2"), "{e}");
        assert!(
            explain(
                false,
                false,
                "550 5.1.1 unknown",
                SERVER,
                Some("v@x"),
                "URL"
            )
            .is_none()
        );
    }

    #[test]
    fn a_refused_password_points_to_oauth_only_when_the_server_says_so() {
        for reply in [
            "550 5.7.30 Basic authentication is not supported for Client Submission.",
            "535 5.7.139 Authentication unsuccessful, basic authentication is disabled.",
        ] {
            let e = explain(true, false, reply, SERVER, None, "VARSEL_SMTP_URL").unwrap();
            assert!(
                e.contains("wants OAuth") && e.contains("README, Microsoft 365"),
                "{e}"
            );
        }
        let plain = "535 5.7.8 Authentication credentials invalid";
        assert!(explain(true, false, plain, SERVER, None, "URL").is_none());
    }
}
