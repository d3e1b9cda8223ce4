//! The SMTP conversation with the relay, command by command, so that every
//! reply is seen (SPEC §7 "What the mail server said"). lettre's
//! `SmtpTransport` offers a message to all its recipients in one go and
//! fails it whole on one refusal; here each `RCPT TO` has its own outcome:
//!
//! - a recipient refused (`550 5.1.1`, any 4xx/5xx but the one below) is
//!   named, and the others still get the message;
//! - `452` after some recipients were taken ("too many recipients",
//!   RFC 5321 §4.5.3.1.10) sends the message to those, then offers it to
//!   the rest in another transaction;
//! - only a reply settles a transaction: a connection that breaks or times
//!   out after the message's final dot, before the reply, leaves the
//!   outcome unknown ([`Offer::unknown`]), never refused.
//!
//! One [`Session`] carries a run's messages; after a dropped connection
//! the next message connects again. Timeouts ([`Timeouts`]) are chosen,
//! not lettre's: see the README's ledger section.

use std::sync::Arc;
use std::time::{Duration, Instant};

use lettre::Address;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{SmtpConnection, Tls};
use lettre::transport::smtp::commands::{Data, Mail, Rcpt, Rset};
use lettre::transport::smtp::extension::{ClientId, Extension, MailBodyParameter, MailParameter};
use lettre::transport::smtp::response::Response;

use super::oauth::Login;
use super::oauth::smtp::{Failure, Xoauth2Smtp};

/// Environment variable that sets every SMTP timeout to this many seconds
/// (for tests, and for a diagnosis against a slow relay); unset, the
/// chosen [`Timeouts::CHOSEN`] apply.
pub const TIMEOUT_VAR: &str = "VARSEL_SMTP_TIMEOUT_SECS";

/// How long varsel waits for the relay at each step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// TCP connect, greeting, `EHLO`, `STARTTLS`, `AUTH`.
    pub connect: Duration,
    /// The reply to `MAIL`, `RCPT`, `DATA`, `RSET`, and writing the message.
    pub command: Duration,
    /// The reply after the message's final dot.
    pub final_reply: Duration,
}

impl Timeouts {
    /// The timeouts varsel uses (the README argues them): 30 s to connect,
    /// 60 s per command reply, 120 s for the reply after the final dot;
    /// and never a wait past the claim's lease (see [`Session::offer`]).
    pub const CHOSEN: Timeouts = Timeouts {
        connect: Duration::from_secs(30),
        command: Duration::from_secs(60),
        final_reply: Duration::from_secs(120),
    };

    /// [`Timeouts::CHOSEN`], or every one [`TIMEOUT_VAR`] seconds when that
    /// is set to a positive number.
    pub fn from_env() -> Timeouts {
        std::env::var(TIMEOUT_VAR)
            .ok()
            .and_then(|s| s.trim().parse::<f64>().ok())
            .filter(|s| *s > 0.0 && s.is_finite())
            .map_or(Timeouts::CHOSEN, |s| {
                let d = Duration::from_secs_f64(s);
                Timeouts {
                    connect: d,
                    command: d,
                    final_reply: d,
                }
            })
    }
}

/// Where and how to reach the relay (from `VARSEL_SMTP_URL`).
#[derive(Clone)]
pub struct Relay {
    /// Host name or address.
    pub host: String,
    /// Port.
    pub port: u16,
    /// Implicit TLS, STARTTLS or none, with the trusted roots.
    pub tls: Tls,
    /// The name said in `EHLO`.
    pub hello: ClientId,
    /// The login, if the URL has one (never printed).
    pub credentials: Option<Credentials>,
    /// The login mechanisms to use, in order of preference.
    pub mechanisms: Vec<Mechanism>,
    /// How long each step may take.
    pub timeouts: Timeouts,
}

impl Relay {
    /// Connects, greets, upgrades to TLS and logs in: with `login` (an
    /// OAuth token) when given, else as the URL says.
    pub fn connect(
        &self,
        login: Option<&Login>,
    ) -> Result<SmtpConnection, lettre::transport::smtp::Error> {
        let wrapper = match &self.tls {
            Tls::Wrapper(parameters) => Some(parameters),
            _ => None,
        };
        let mut conn = SmtpConnection::connect(
            (self.host.as_str(), self.port),
            Some(self.timeouts.connect),
            &self.hello,
            wrapper,
            None,
        )?;
        match &self.tls {
            Tls::Opportunistic(parameters) if conn.can_starttls() => {
                conn.starttls(parameters, &self.hello)?;
            }
            Tls::Required(parameters) => conn.starttls(parameters, &self.hello)?,
            _ => {}
        }
        match (login, &self.credentials) {
            (Some(login), _) => {
                conn.auth(&login.mechanisms, &login.credentials)?;
            }
            (None, Some(credentials)) => {
                conn.auth(&self.mechanisms, credentials)?;
            }
            (None, None) => {}
        }
        Ok(conn)
    }
}

/// A recipient the relay did not take, and why (its reply, or what
/// happened to the connection).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The address.
    pub address: String,
    /// The server's reply (`550 5.1.1 no such user`), or the break.
    pub reply: String,
}

/// What one offer of a message to its recipients came to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Offer {
    /// Recipients of a transaction the server accepted (`250` after the dot).
    pub accepted: Vec<String>,
    /// Recipients nobody has it for: refused at `RCPT`, or their
    /// transaction refused or broken before its final dot.
    pub refused: Vec<Refusal>,
    /// Recipients of a transaction whose connection broke or timed out
    /// after the final dot, before the reply: it may have been taken.
    pub unknown: Vec<String>,
    /// What broke the connection after the final dot (for `unknown`).
    pub unknown_detail: Option<String>,
    /// The reply that accepted the last transaction taken.
    pub reply: Option<String>,
}

impl Offer {
    /// True when nobody has the message for certain and nobody may have
    /// it: every recipient refused (a `failed` hand-over).
    pub fn nobody(&self) -> bool {
        self.accepted.is_empty() && self.unknown.is_empty()
    }

    /// The refusals in one line ([`refusals_in_one_line`]).
    pub fn refusals(&self) -> String {
        refusals_in_one_line(&self.refused)
    }
}

/// Refusals in one line: `a@x (550 5.1.1 no such user); b@x (...)`.
pub fn refusals_in_one_line(refused: &[Refusal]) -> String {
    refused
        .iter()
        .map(|r| format!("{} ({})", r.address, r.reply))
        .collect::<Vec<_>>()
        .join("; ")
}

/// One connection to the relay, reused for a run's messages and opened
/// again after it broke.
pub struct Session {
    relay: Relay,
    /// With `auth=xoauth2`: where each connection's login token comes from.
    oauth: Option<Arc<Xoauth2Smtp>>,
    conn: Option<SmtpConnection>,
    /// A transaction was left without its final reply (`RSET` first).
    dirty: bool,
}

/// How a step of a transaction went.
enum Step {
    /// A positive reply.
    Ok(Response),
    /// A negative reply (4xx/5xx), its text; the session still works.
    No(u16, String),
    /// No reply: the connection broke or timed out; the session is gone.
    Broken(String),
}

impl Session {
    /// A session that connects when its first message is offered, logging
    /// in with tokens from `oauth` when given.
    pub fn new(relay: Relay, oauth: Option<Arc<Xoauth2Smtp>>) -> Session {
        Session {
            relay,
            oauth,
            conn: None,
            dirty: false,
        }
    }

    /// A new connection, logged in. With OAuth, a refused login with a
    /// token held from before is tried once more with a fresh token.
    fn open(&self) -> Result<SmtpConnection, Failure> {
        match &self.oauth {
            Some(oauth) => oauth.attempt(|login| self.relay.connect(Some(login))),
            None => self.relay.connect(None).map_err(Failure::Smtp),
        }
    }

    /// The relay this session talks to.
    pub fn relay(&self) -> &Relay {
        &self.relay
    }

    /// Says `QUIT` and closes the connection, if one is open.
    pub fn close(&mut self) {
        if let Some(mut conn) = self.conn.take() {
            let _ = conn.set_timeout(Some(Duration::from_secs(5)));
            let _ = conn.quit();
        }
    }

    /// Offers `body` from `from` to `to`, recipient by recipient, in as
    /// many transactions as the relay's `452` replies ask for. No reply is
    /// awaited past `deadline` (the claim's lease). `Err` only when no
    /// connection could be made (the server cannot be used).
    pub fn offer(
        &mut self,
        from: Option<&Address>,
        to: &[Address],
        body: &[u8],
        deadline: Instant,
    ) -> Result<Offer, Failure> {
        // A connection kept from the last message may have been closed
        // by the server meanwhile: `RSET` finds out, and a new one is made.
        if self.conn.is_some() {
            let _ = self.step(Rset, self.relay.timeouts.command, deadline);
            self.dirty = false;
        }
        if self.conn.is_none() {
            self.conn = Some(self.open()?);
            self.dirty = false;
        }
        let mut offer = Offer::default();
        let mut pending: Vec<&Address> = to.iter().collect();
        while !pending.is_empty() {
            pending = self.transaction(from, &pending, body, deadline, &mut offer);
        }
        Ok(offer)
    }

    /// One transaction: `MAIL`, a `RCPT` for each of `to` until a `452`,
    /// `DATA`, the message. Returns the recipients left for another.
    fn transaction<'a>(
        &mut self,
        from: Option<&Address>,
        to: &[&'a Address],
        body: &[u8],
        deadline: Instant,
        offer: &mut Offer,
    ) -> Vec<&'a Address> {
        let refuse_all = |offer: &mut Offer, who: &[&Address], reply: &str| {
            offer.refused.extend(who.iter().map(|a| Refusal {
                address: a.to_string(),
                reply: reply.to_string(),
            }));
        };
        if self.conn.is_none() {
            match self.open() {
                Ok(conn) => {
                    self.conn = Some(conn);
                    self.dirty = false;
                }
                Err(Failure::Token(why)) => {
                    refuse_all(offer, to, &why);
                    return Vec::new();
                }
                Err(Failure::Smtp(e)) => {
                    refuse_all(offer, to, &crate::theme::error_chain(&e).replace('\n', " "));
                    return Vec::new();
                }
            }
        }
        if self.dirty {
            if let Step::Broken(why) = self.step(Rset, self.relay.timeouts.command, deadline) {
                refuse_all(offer, to, &why);
                return Vec::new();
            }
            self.dirty = false;
        }
        match self.step(
            self.mail(from, to, body),
            self.relay.timeouts.command,
            deadline,
        ) {
            Step::Ok(_) => {}
            Step::No(_, reply) => {
                self.dirty = true;
                refuse_all(offer, to, &reply);
                return Vec::new();
            }
            Step::Broken(why) => {
                refuse_all(offer, to, &why);
                return Vec::new();
            }
        }
        let mut taken: Vec<&Address> = Vec::new();
        let mut later: Vec<&Address> = Vec::new();
        for (i, address) in to.iter().enumerate() {
            let rcpt = Rcpt::new((*address).clone(), vec![]);
            match self.step(rcpt, self.relay.timeouts.command, deadline) {
                Step::Ok(_) => taken.push(address),
                // Too many recipients for one transaction: these go in the next.
                Step::No(452, _) if !taken.is_empty() => {
                    later.extend_from_slice(&to[i..]);
                    break;
                }
                Step::No(_, reply) => refuse_all(offer, &[address], &reply),
                Step::Broken(why) => {
                    refuse_all(offer, &to[i..], &why);
                    refuse_all(offer, &taken, &why);
                    return Vec::new();
                }
            }
        }
        if taken.is_empty() {
            self.dirty = true;
            return later;
        }
        match self.step(Data, self.relay.timeouts.command, deadline) {
            Step::Ok(_) => {}
            Step::No(_, reply) => {
                self.dirty = true;
                refuse_all(offer, &taken, &reply);
                return later;
            }
            Step::Broken(why) => {
                refuse_all(offer, &taken, &why);
                refuse_all(offer, &later, &why);
                return Vec::new();
            }
        }
        match self.message(body, deadline) {
            (Step::Ok(reply), _) => {
                offer.accepted.extend(taken.iter().map(|a| a.to_string()));
                offer.reply = Some(reply_text(&reply));
                later
            }
            (Step::No(_, reply), _) => {
                refuse_all(offer, &taken, &reply);
                later
            }
            (Step::Broken(why), false) => {
                refuse_all(offer, &taken, &why);
                refuse_all(offer, &later, &why);
                Vec::new()
            }
            (Step::Broken(why), true) => {
                offer.unknown.extend(taken.iter().map(|a| a.to_string()));
                offer.unknown_detail = Some(why.clone());
                refuse_all(offer, &later, &why);
                Vec::new()
            }
        }
    }

    /// `MAIL FROM` with the parameters the message needs.
    fn mail(&self, from: Option<&Address>, to: &[&Address], body: &[u8]) -> Mail {
        let info = self.conn.as_ref().map(SmtpConnection::server_info);
        let supports = |e| info.is_some_and(|i| i.supports_feature(e));
        let mut parameters = Vec::new();
        let non_ascii = from
            .into_iter()
            .chain(to.iter().copied())
            .any(|a| !AsRef::<str>::as_ref(a).is_ascii());
        if non_ascii && supports(Extension::SmtpUtfEight) {
            parameters.push(MailParameter::SmtpUtfEight);
        }
        if !body.is_ascii() && supports(Extension::EightBitMime) {
            parameters.push(MailParameter::Body(MailBodyParameter::EightBitMime));
        }
        Mail::new(from.cloned(), parameters)
    }

    /// Sends one command and reads its reply within `timeout`, never past
    /// `deadline`.
    fn step(
        &mut self,
        command: impl std::fmt::Display,
        timeout: Duration,
        deadline: Instant,
    ) -> Step {
        let Some(conn) = self.conn.as_mut() else {
            return Step::Broken("not connected".into());
        };
        if arm(conn, timeout, deadline).is_none() {
            return self.broken(crate::catalogue::mail::past_lease());
        }
        let result = conn.command(command);
        self.judge(result)
    }

    /// Writes the message and its final dot, then reads the reply. The
    /// flag says whether the whole message was written, so that a break
    /// from then on happened after the final dot (or while it was going
    /// out): the outcome is unknown.
    fn message(&mut self, body: &[u8], deadline: Instant) -> (Step, bool) {
        let Some(conn) = self.conn.as_mut() else {
            return (Step::Broken("not connected".into()), false);
        };
        // Writing the message and awaiting the reply after its dot share
        // one socket timeout (lettre does both in one call): the longer one.
        if arm(conn, self.relay.timeouts.final_reply, deadline).is_none() {
            return (self.broken(crate::catalogue::mail::past_lease()), false);
        }
        // lettre writes each part, then the final dot, then reads the
        // reply: the iterator learns when the whole message is out.
        let written = std::cell::Cell::new(false);
        let parts = Parts {
            body: Some(body),
            written: &written,
        };
        let result = conn.message_iter(parts);
        let wrote = written.get();
        (self.judge(result), wrote)
    }

    /// A reply or its absence as a [`Step`]; a broken connection is dropped.
    fn judge(&mut self, result: Result<Response, lettre::transport::smtp::Error>) -> Step {
        match result {
            Ok(response) => Step::Ok(response),
            Err(e) => match e.status() {
                Some(code) => {
                    let text =
                        std::error::Error::source(&e).map_or_else(String::new, |s| s.to_string());
                    let number = code.to_string().parse().unwrap_or(0);
                    Step::No(number, format!("{code} {text}").trim().to_string())
                }
                None => self.broken(describe_break(&e)),
            },
        }
    }

    /// Drops the connection after it broke or went silent (closing the
    /// socket, without the `QUIT` that lettre's `abort` would wait on);
    /// the next offer connects again.
    fn broken(&mut self, why: String) -> Step {
        self.conn = None;
        Step::Broken(why)
    }
}

/// The message for lettre's `message_iter`: one part, then a note that it
/// was all handed to the connection.
struct Parts<'a> {
    body: Option<&'a [u8]>,
    written: &'a std::cell::Cell<bool>,
}

impl<'a> Iterator for Parts<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        let part = self.body.take();
        if part.is_none() {
            self.written.set(true);
        }
        part
    }
}

/// Sets the connection's timeout for the next step: `timeout`, or what is
/// left until `deadline` if that is shorter; `None` when the deadline has
/// passed.
fn arm(conn: &mut SmtpConnection, timeout: Duration, deadline: Instant) -> Option<Duration> {
    let left = deadline.checked_duration_since(Instant::now())?;
    let timeout = timeout.min(left).max(Duration::from_millis(1));
    conn.set_timeout(Some(timeout)).ok()?;
    Some(timeout)
}

/// A positive reply in one line: `250 2.0.0 OK: queued as 0001`.
pub fn reply_text(response: &Response) -> String {
    format!(
        "{} {}",
        response.code(),
        response.message().collect::<Vec<_>>().join(" ")
    )
    .trim()
    .to_string()
}

/// What happened to a connection that gave no reply, in plain words.
fn describe_break(e: &lettre::transport::smtp::Error) -> String {
    let timed_out = e.is_timeout()
        || std::error::Error::source(e)
            .and_then(|s| s.downcast_ref::<std::io::Error>())
            .is_some_and(|io| io.kind() == std::io::ErrorKind::WouldBlock);
    if timed_out {
        crate::catalogue::mail::reply_timed_out()
    } else {
        crate::catalogue::mail::connection_broke(crate::theme::error_chain(e).replace('\n', " "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_iterator_says_when_the_last_byte_before_the_dot_is_out() {
        let written = std::cell::Cell::new(false);
        let mut parts = Parts {
            body: Some(b"Subject: x\r\n\r\nbody"),
            written: &written,
        };
        assert!(parts.next().is_some());
        assert!(
            !written.get(),
            "the body is not out until lettre asks again"
        );
        assert!(parts.next().is_none());
        assert!(written.get());
    }

    #[test]
    fn an_offer_taken_by_nobody_is_a_failure_and_refusals_read_in_one_line() {
        let refusal = |address: &str| Refusal {
            address: address.into(),
            reply: "550 5.1.1 no such user".into(),
        };
        let mut offer = Offer {
            refused: vec![refusal("a@example.org"), refusal("b@example.org")],
            ..Offer::default()
        };
        assert!(offer.nobody());
        assert_eq!(
            offer.refusals(),
            "a@example.org (550 5.1.1 no such user); b@example.org (550 5.1.1 no such user)"
        );
        offer.unknown.push("c@example.org".into());
        assert!(!offer.nobody(), "maybe delivered is not nobody");
        offer.unknown.clear();
        offer.accepted.push("c@example.org".into());
        assert!(!offer.nobody());
    }
}
