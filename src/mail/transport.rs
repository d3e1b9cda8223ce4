//! Handing composed notices over: to an SMTP server (`VARSEL_SMTP_URL`), to
//! an outbox folder (`--outbox DIR`, one `.eml` per message) or to standard
//! output (`--dry-run`). The SMTP password comes only from the environment
//! and is never printed: every URL shown is [`redact`]ed.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use lettre::transport::smtp::authentication::{Credentials, DEFAULT_MECHANISMS};
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::transport::smtp::extension::ClientId;

use super::compose::Composed;
use super::oauth;
use super::relay::{Refusal, Relay, Session, Timeouts};
use crate::catalogue::mail as msg;

/// Environment variable holding the SMTP URL (lettre's form:
/// `smtp://host:25`, `smtp://user:pass@host:587?tls=required`,
/// `smtps://user:pass@host:465`).
pub const SMTP_URL_VAR: &str = "VARSEL_SMTP_URL";
/// Environment variable naming a PEM file of extra root certificates to
/// trust for the SMTP server (an internal CA, or a test server).
pub const CA_FILE_VAR: &str = "VARSEL_SMTP_CA_FILE";

/// Where notices go.
pub enum Delivery {
    /// An SMTP server; `shown` is the redacted URL.
    Smtp {
        /// The session with the relay (one connection for a run's messages).
        session: Box<Mutex<Session>>,
        /// The URL with the password replaced, for messages.
        shown: String,
        /// `host:port`, for messages.
        server: String,
        /// With `auth=xoauth2`: the tokens the session logs in with.
        oauth: Option<std::sync::Arc<oauth::smtp::Xoauth2Smtp>>,
    },
    /// One `.eml` file per message in this folder.
    Outbox(PathBuf),
    /// Print, send nothing, record nothing.
    DryRun,
}

/// What the server did with a message it took, for at least one recipient.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Handed {
    /// Taken for every recipient offered; a short description of the
    /// acceptance (the server's reply, or the file written).
    Accepted(String),
    /// Taken for some; the others refused (SPEC §7: named in the ledger,
    /// offered again while the notice is due).
    Partly {
        /// The acceptance, with the refusals, in words.
        how: String,
        /// The recipients refused, with the server's replies.
        refused: Vec<Refusal>,
    },
    /// The connection broke or timed out after the final dot, before the
    /// reply: an interrupted hand-over (told; resent once while due).
    Unknown {
        /// What happened, in words.
        how: String,
        /// Recipients refused for certain (at `RCPT`) besides.
        refused: Vec<Refusal>,
    },
}

/// Why a notice was not handed over.
#[derive(Debug)]
pub struct DeliveryError {
    /// What happened in plain words, with the server's reply when there
    /// was one and a hint; never the password.
    pub message: String,
    /// The server refused this message (4xx/5xx), as opposed to the
    /// connection failing; either way nothing was accepted.
    pub refused: bool,
    /// The server cannot be used at all in this run (unreachable, TLS or
    /// login failing): the remaining notices are not tried.
    pub server_unusable: bool,
}

impl std::fmt::Display for DeliveryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// `url` with any password replaced by `***`. Text that is not an
/// `smtp://` or `smtps://` URL is treated the same way: whatever stands
/// between the start (or `scheme://`) and an `@` after a `:` is hidden.
pub fn redact(url: &str) -> String {
    if let Ok(mut parsed) = url::Url::parse(url) {
        if matches!(parsed.scheme(), "smtp" | "smtps") && parsed.has_host() {
            if parsed.password().is_some() {
                let _ = parsed.set_password(Some("***"));
            }
            return parsed.to_string();
        }
    }
    let Some(at) = url.rfind('@') else {
        return url.to_string();
    };
    let user_start = url.find("://").map_or(0, |i| i + 3);
    match url[user_start..at].find(':') {
        Some(colon) => format!("{}:***{}", &url[..user_start + colon], &url[at..]),
        None => url.to_string(),
    }
}

/// What a valid `VARSEL_SMTP_URL` says.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SmtpUrl {
    scheme: String,
    host: String,
    port: u16,
    tls: Option<String>,
    /// `auth=xoauth2`: the mailbox (the URL's user) logs in with a token.
    xoauth2_mailbox: Option<String>,
}

/// Checks `url` before lettre reads it, so that every mistake gets a
/// plain message and a hint (lettre's own are written for programmers).
fn check_url(url: &str, shown: &str) -> Result<SmtpUrl, String> {
    let problem = |what: String| format!("{SMTP_URL_VAR}={shown}: {what}");
    let forms = msg::url_forms();
    if !url.contains("://") {
        return Err(problem(msg::not_smtp_url(&forms)));
    }
    let parsed = url::Url::parse(url).map_err(|e| problem(msg::unreadable_url(e, &forms)))?;
    let scheme = parsed.scheme().to_string();
    if scheme != "smtp" && scheme != "smtps" {
        return Err(problem(msg::unknown_scheme(&scheme, &forms)));
    }
    let host = parsed
        .host_str()
        .filter(|h| !h.is_empty())
        .ok_or_else(|| problem(msg::no_host(&forms)))?
        .to_string();
    let mut tls = None;
    let mut xoauth2 = false;
    for (key, value) in parsed.query_pairs() {
        match key.as_ref() {
            "tls" => tls = Some(value.into_owned()),
            "auth" if value.eq_ignore_ascii_case("xoauth2") => xoauth2 = true,
            "auth" => return Err(problem(crate::catalogue::oauth::bad_auth(value))),
            other => {
                return Err(problem(msg::unknown_parameter(other)));
            }
        }
    }
    match (scheme.as_str(), tls.as_deref()) {
        ("smtp", None | Some("required" | "opportunistic")) | ("smtps", None) => {}
        ("smtps", Some(_)) => {
            return Err(problem(msg::smtps_with_tls()));
        }
        (_, other) => {
            let other = other.unwrap_or_default();
            return Err(problem(msg::bad_tls_mode(other)));
        }
    }
    let default_port = match (scheme.as_str(), &tls) {
        ("smtps", _) => 465,
        (_, Some(_)) => 587,
        _ => 25,
    };
    let xoauth2_mailbox = if xoauth2 {
        if parsed.password().is_some() {
            return Err(problem(crate::catalogue::oauth::url_password()));
        }
        // Percent-decoded (`%40` is `@`); a `+` stays a `+`.
        let user = parsed.username().replace('+', "%2B");
        let user = url::form_urlencoded::parse(format!("u={user}").as_bytes())
            .next()
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default();
        if user.is_empty() {
            return Err(problem(crate::catalogue::oauth::url_no_user()));
        }
        Some(user)
    } else {
        None
    };
    Ok(SmtpUrl {
        xoauth2_mailbox,
        port: parsed.port().unwrap_or(default_port),
        scheme,
        host,
        tls,
    })
}

impl Delivery {
    /// An SMTP delivery from `url`, trusting the extra root certificates in
    /// `ca_file` if given. Errors say what is wrong in plain words, with
    /// the URL forms, and never contain the password.
    pub fn smtp(url: &str, ca_file: Option<&Path>) -> Result<Delivery, String> {
        let shown = redact(url);
        let checked = check_url(url, &shown)?;
        let bad = |e: &dyn std::fmt::Display| msg::url_unusable(SMTP_URL_VAR, &shown, e);
        let parsed = url::Url::parse(url).map_err(|e| bad(&e))?;
        let mut parameters = TlsParameters::builder(checked.host.clone());
        if let Some(ca_file) = ca_file {
            let pem = std::fs::read(ca_file)
                .map_err(|e| msg::ca_unreadable(CA_FILE_VAR, ca_file.display(), e))?;
            let certificate = Certificate::from_pem(&pem)
                .map_err(|e| msg::ca_not_pem(CA_FILE_VAR, ca_file.display(), e))?;
            parameters = parameters.add_root_certificate(certificate);
        }
        let tls = match (checked.scheme.as_str(), checked.tls.as_deref()) {
            ("smtps", _) => Tls::Wrapper(parameters.build().map_err(|e| bad(&e))?),
            ("smtp", Some("required")) => Tls::Required(parameters.build().map_err(|e| bad(&e))?),
            ("smtp", Some("opportunistic")) => {
                Tls::Opportunistic(parameters.build().map_err(|e| bad(&e))?)
            }
            _ => Tls::None,
        };
        let decode = |s: &str| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8()
                .map(|s| s.into_owned())
                .map_err(|e| bad(&e))
        };
        let credentials = match parsed.password() {
            Some(password) => Some(Credentials::new(
                decode(parsed.username())?,
                decode(password)?,
            )),
            None => None,
        };
        // The URL's path names the client in `EHLO`, as lettre's URLs do.
        let hello = match parsed.path().trim_matches('/') {
            "" => ClientId::default(),
            name => ClientId::Domain(name.to_string()),
        };
        let relay = Relay {
            host: checked.host.clone(),
            port: checked.port,
            tls,
            hello,
            credentials,
            mechanisms: DEFAULT_MECHANISMS.to_vec(),
            timeouts: Timeouts::from_env(),
        };
        let oauth = match &checked.xoauth2_mailbox {
            Some(mailbox) => Some(std::sync::Arc::new(oauth::smtp::Xoauth2Smtp::new(
                oauth::Tokens::from_env(mailbox, ca_file, CA_FILE_VAR)?,
            ))),
            None => {
                let client_var = oauth::settings::CLIENT_ID_VAR;
                if std::env::var_os(client_var).is_some_and(|v| !v.is_empty()) {
                    let unused = crate::catalogue::oauth::oauth_unused(client_var, SMTP_URL_VAR);
                    eprintln!("varsel: {unused}");
                }
                None
            }
        };
        Ok(Delivery::Smtp {
            session: Box::new(Mutex::new(Session::new(relay, oauth.clone()))),
            shown,
            server: format!("{}:{}", checked.host, checked.port),
            oauth,
        })
    }

    /// Whether deliveries are recorded in the ledger (not for `--dry-run`).
    pub fn records(&self) -> bool {
        !matches!(self, Delivery::DryRun)
    }

    /// Where notices go, for the summary line (password redacted).
    pub fn describe(&self) -> String {
        match self {
            Delivery::Smtp {
                shown,
                oauth: Some(login),
                ..
            } => format!("SMTP {shown} ({})", login.tokens().describe()),
            Delivery::Smtp { shown, .. } => format!("SMTP {shown}"),
            Delivery::Outbox(dir) => msg::via_outbox(dir.display()),
            Delivery::DryRun => msg::via_dry_run(),
        }
    }

    /// Hands one message over, to `only` those of its recipients when
    /// given (a later offer to the addresses refused before), waiting for
    /// no reply past `deadline`. A dry run hands nothing over (`send`
    /// prints a [`preview`](super::preview)).
    pub fn deliver(
        &self,
        composed: &Composed,
        only: &[String],
        deadline: Instant,
    ) -> Result<Handed, DeliveryError> {
        match self {
            Delivery::Smtp {
                session,
                server,
                oauth,
                ..
            } => {
                let mailbox = oauth.as_ref().map(|o| o.tokens().mailbox());
                let envelope = composed.message.envelope();
                let to: Vec<lettre::Address> = envelope
                    .to()
                    .iter()
                    .filter(|a| {
                        only.is_empty() || only.iter().any(|o| o.eq_ignore_ascii_case(a.as_ref()))
                    })
                    .cloned()
                    .collect();
                let body = composed.message.formatted();
                let mut session = session.lock().unwrap_or_else(|e| e.into_inner());
                let offer = session
                    .offer(envelope.from(), &to, &body, deadline)
                    .map_err(|failure| match failure {
                        oauth::smtp::Failure::Token(message) => DeliveryError {
                            message,
                            refused: false,
                            server_unusable: true,
                        },
                        oauth::smtp::Failure::Smtp(e) => smtp_error(
                            &e,
                            server,
                            session.relay().timeouts.connect.as_secs(),
                            mailbox,
                        ),
                    })?;
                if !offer.unknown.is_empty() {
                    let detail = offer.unknown_detail.clone().unwrap_or_default();
                    return Ok(Handed::Unknown {
                        how: msg::reply_lost(server, detail),
                        refused: offer.refused,
                    });
                }
                if offer.nobody() {
                    // One reply for everyone is the message's refusal: said once.
                    let replies: std::collections::BTreeSet<&str> =
                        offer.refused.iter().map(|r| r.reply.as_str()).collect();
                    let reply = match replies.into_iter().collect::<Vec<_>>()[..] {
                        [one] => one.to_string(),
                        _ => offer.refusals(),
                    };
                    return Err(DeliveryError {
                        message: msg::message_refused(server, reply),
                        refused: true,
                        server_unusable: false,
                    });
                }
                let reply = offer.reply.clone().unwrap_or_default();
                if offer.refused.is_empty() {
                    Ok(Handed::Accepted(msg::accepted(reply)))
                } else {
                    Ok(Handed::Partly {
                        how: msg::accepted_but_refused(reply, offer.refusals()),
                        refused: offer.refused,
                    })
                }
            }
            Delivery::Outbox(dir) => {
                let path = dir.join(format!("{}.eml", composed.stem));
                write_atomically(&path, &composed.message.formatted()).map_err(|e| {
                    DeliveryError {
                        message: crate::catalogue::cli::cannot_write(path.display(), e),
                        refused: false,
                        server_unusable: true,
                    }
                })?;
                Ok(Handed::Accepted(msg::written_to(path.display())))
            }
            Delivery::DryRun => Ok(Handed::Accepted(msg::printed())),
        }
    }

    /// Ends the run's session with the server (`QUIT`), if one is open:
    /// a `--watch` sender does not keep an idle connection between runs.
    pub fn finish(&self) {
        if let Delivery::Smtp { session, .. } = self {
            session.lock().unwrap_or_else(|e| e.into_inner()).close();
        }
    }
}

/// An SMTP failure in plain words, with a hint; `server` is `host:port`,
/// `timeout` the connect timeout in seconds, `xoauth2_mailbox` the mailbox
/// when the login was with a token.
fn smtp_error(
    e: &lettre::transport::smtp::Error,
    server: &str,
    timeout: u64,
    xoauth2_mailbox: Option<&str>,
) -> DeliveryError {
    let chain = crate::theme::error_chain(e).replace('\n', " ");
    let lower = chain.to_lowercase();
    let unusable = |message: String| DeliveryError {
        message,
        refused: false,
        server_unusable: true,
    };
    if let Some(code) = e.status() {
        let reply = std::error::Error::source(e).map_or_else(String::new, |s| s.to_string());
        let code = code.to_string();
        let reply = format!("{code} {reply}").trim().to_string();
        if let Some(message) =
            oauth::smtp::refusal(e, &reply, server, xoauth2_mailbox, SMTP_URL_VAR)
        {
            return unusable(message);
        }
        return match code.as_str() {
            "535" | "534" | "454" if lower.contains("auth") || code == "535" => {
                unusable(msg::login_refused(server, &reply, SMTP_URL_VAR))
            }
            "530" => unusable(msg::login_required(server, &reply, SMTP_URL_VAR)),
            _ => DeliveryError {
                message: msg::message_refused(server, &reply),
                refused: true,
                server_unusable: false,
            },
        };
    }
    if e.is_tls() || lower.contains("certificate") || lower.contains("unknownissuer") {
        let detail = innermost(e);
        return unusable(
            if lower.contains("certificate") || lower.contains("unknownissuer") {
                msg::certificate_untrusted(server, &detail, CA_FILE_VAR)
            } else {
                msg::tls_failed(server, &detail, SMTP_URL_VAR)
            },
        );
    }
    if let Some(message) =
        oauth::smtp::refusal(e, &innermost(e), server, xoauth2_mailbox, SMTP_URL_VAR)
    {
        return unusable(message);
    }
    if lower.contains("no compatible authentication mechanism") {
        return unusable(msg::no_login_method(server, SMTP_URL_VAR));
    }
    if lower.contains("starttls") {
        return unusable(msg::no_starttls(server, innermost(e)));
    }
    if let Some(io) = io_error(e) {
        let message = match io.kind() {
            std::io::ErrorKind::ConnectionRefused => msg::connection_refused(server),
            std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => {
                msg::no_answer(server, timeout)
            }
            _ if lower.contains("lookup") || lower.contains("resolve") => {
                msg::host_not_found(server, io)
            }
            _ => msg::cannot_talk(server, io),
        };
        return unusable(message);
    }
    unusable(msg::cannot_deliver(server, innermost(e)))
}

/// The first `std::io::Error` in `e`'s chain.
fn io_error<'e>(e: &'e (dyn std::error::Error + 'static)) -> Option<&'e std::io::Error> {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = source {
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            return Some(io);
        }
        source = err.source();
    }
    None
}

/// The last message of `e`'s chain: the cause, said once.
fn innermost(e: &(dyn std::error::Error + 'static)) -> String {
    let mut last = e.to_string();
    let mut source = e.source();
    while let Some(err) = source {
        last = err.to_string();
        source = err.source();
    }
    last
}

/// Writes `bytes` to a temporary file beside `path`, fsyncs it and renames
/// it into place, so a reader never sees half a message.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(
        ".{}.tmp",
        path.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("message")
    ));
    let mut file = std::fs::File::create(&tmp)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    std::fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_show() {
        assert_eq!(
            redact("smtp://user:s3cret@mail.example.org:587?tls=required"),
            "smtp://user:***@mail.example.org:587?tls=required"
        );
        assert_eq!(redact("smtp://localhost:25"), "smtp://localhost:25");
        assert!(!redact("smtp://u:s3cret@ho st").contains("s3cret"));
        let Err(e) = Delivery::smtp("smtp://u:s3cret@host?tls=bogus", None) else {
            panic!("accepted a bad tls mode")
        };
        assert!(!e.contains("s3cret") && e.contains("***"), "{e}");
        assert_eq!(
            redact("u:s3cret@mail.example.org:25"),
            "u:***@mail.example.org:25"
        );
        assert_eq!(redact("smtp//u:s3cret@h"), "smtp//u:***@h");
    }

    fn refusal(url: &str) -> String {
        match Delivery::smtp(url, None) {
            Ok(_) => panic!("{url} was accepted"),
            Err(e) => {
                assert!(!e.contains("s3cret"), "the password shows: {e}");
                e
            }
        }
    }

    #[test]
    fn url_mistakes_are_explained_with_the_valid_forms() {
        let e = refusal("smtp://u:s3cret@mail.example.org?tls=requird");
        assert!(
            e.contains("tls=requird")
                && e.contains("tls=required")
                && e.contains("tls=opportunistic"),
            "{e}"
        );
        let e = refusal("u:s3cret@mail.example.org:587");
        assert!(
            e.contains("smtp://") && e.contains("smtps://") && e.contains("not an SMTP URL"),
            "{e}"
        );
        let e = refusal("mail.example.org:25");
        assert!(e.contains("must start with smtp://"), "{e}");
        let e = refusal("http://u:s3cret@mail.example.org");
        assert!(e.contains("`http://`"), "{e}");
        let e = refusal("smtp://u:s3cret@mail.example.org?tsl=required");
        assert!(e.contains("unknown parameter `tsl`"), "{e}");
        assert!(Delivery::smtp("smtp://u:s3cret@mail.example.org:587?tls=required", None).is_ok());
        assert!(Delivery::smtp("smtps://mail.example.org", None).is_ok());
    }
}
