//! Handing composed notices over: to an SMTP server (`VARSEL_SMTP_URL`), to
//! an outbox folder (`--outbox DIR`, one `.eml` per message) or to standard
//! output (`--dry-run`). The SMTP password comes only from the environment
//! and is never printed: every URL shown is [`redact`]ed.

use std::path::{Path, PathBuf};
use std::time::Duration;

use lettre::Transport;
use lettre::transport::smtp::SmtpTransport;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};

use super::compose::Composed;

/// Environment variable holding the SMTP URL (lettre's form:
/// `smtp://host:25`, `smtp://user:pass@host:587?tls=required`,
/// `smtps://user:pass@host:465`).
pub const SMTP_URL_VAR: &str = "VARSEL_SMTP_URL";
/// Environment variable naming a PEM file of extra root certificates to
/// trust for the SMTP server (an internal CA, or a test server).
pub const CA_FILE_VAR: &str = "VARSEL_SMTP_CA_FILE";

/// How long one SMTP conversation step may take.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// Where notices go.
pub enum Delivery {
    /// An SMTP server; `shown` is the redacted URL.
    Smtp {
        /// The transport.
        transport: Box<SmtpTransport>,
        /// The URL with the password replaced, for messages.
        shown: String,
    },
    /// One `.eml` file per message in this folder.
    Outbox(PathBuf),
    /// Print, send nothing, record nothing.
    DryRun,
}

/// Why a notice was not handed over.
#[derive(Debug)]
pub struct DeliveryError {
    /// What happened, with the server's reply when there was one.
    pub message: String,
    /// The server refused this message (4xx/5xx), as opposed to the
    /// connection failing; either way nothing was accepted.
    pub refused: bool,
}

impl std::fmt::Display for DeliveryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// `url` with any password replaced by `***` (unparsable URLs are hidden
/// whole, as they may still hold a password).
pub fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) => {
            if parsed.password().is_some() {
                let _ = parsed.set_password(Some("***"));
            }
            parsed.to_string()
        }
        Err(_) => "(an unreadable URL)".to_string(),
    }
}

impl Delivery {
    /// An SMTP delivery from `url`, trusting the extra root certificates in
    /// `ca_file` if given. Errors never contain the password.
    pub fn smtp(url: &str, ca_file: Option<&Path>) -> Result<Delivery, String> {
        let shown = redact(url);
        let bad =
            |e: &dyn std::fmt::Display| format!("{SMTP_URL_VAR} ({shown}) cannot be used: {e}");
        let mut builder = SmtpTransport::from_url(url)
            .map_err(|e| bad(&e))?
            .timeout(Some(SMTP_TIMEOUT));
        if let Some(ca_file) = ca_file {
            let pem = std::fs::read(ca_file)
                .map_err(|e| format!("{CA_FILE_VAR}: cannot read {}: {e}", ca_file.display()))?;
            let certificate = Certificate::from_pem(&pem).map_err(|e| {
                format!(
                    "{CA_FILE_VAR}: {} is not a PEM certificate: {e}",
                    ca_file.display()
                )
            })?;
            let parsed = url::Url::parse(url).map_err(|e| bad(&e))?;
            let host = parsed.host_str().unwrap_or_default().to_string();
            let parameters = TlsParameters::builder(host)
                .add_root_certificate(certificate)
                .build()
                .map_err(|e| bad(&e))?;
            let tls = parsed
                .query_pairs()
                .find(|(k, _)| k == "tls")
                .map(|(_, v)| v.into_owned());
            builder = match (parsed.scheme(), tls.as_deref()) {
                ("smtps", _) => builder.tls(Tls::Wrapper(parameters)),
                ("smtp", Some("required")) => builder.tls(Tls::Required(parameters)),
                ("smtp", Some("opportunistic")) => builder.tls(Tls::Opportunistic(parameters)),
                _ => builder,
            };
        }
        Ok(Delivery::Smtp {
            transport: Box::new(builder.build()),
            shown,
        })
    }

    /// Whether deliveries are recorded in the ledger (not for `--dry-run`).
    pub fn records(&self) -> bool {
        !matches!(self, Delivery::DryRun)
    }

    /// Where notices go, for the summary line (password redacted).
    pub fn describe(&self) -> String {
        match self {
            Delivery::Smtp { shown, .. } => format!("SMTP {shown}"),
            Delivery::Outbox(dir) => format!("outbox {}", dir.display()),
            Delivery::DryRun => "dry run (nothing sent, nothing recorded)".to_string(),
        }
    }

    /// Hands one message over. `Ok` carries a short description of the
    /// acceptance (the server's reply, or the file written).
    pub fn deliver(&self, composed: &Composed) -> Result<String, DeliveryError> {
        match self {
            Delivery::Smtp { transport, shown } => match transport.send(&composed.message) {
                Ok(response) => Ok(format!(
                    "accepted: {} {}",
                    response.code(),
                    response.message().collect::<Vec<_>>().join(" ")
                )),
                Err(e) => Err(smtp_error(&e, shown)),
            },
            Delivery::Outbox(dir) => {
                let path = dir.join(format!("{}.eml", composed.stem));
                write_atomically(&path, &composed.message.formatted()).map_err(|e| {
                    DeliveryError {
                        message: format!("cannot write {}: {e}", path.display()),
                        refused: false,
                    }
                })?;
                Ok(format!("written to {}", path.display()))
            }
            Delivery::DryRun => {
                println!("{}", String::from_utf8_lossy(&composed.message.formatted()));
                Ok("printed".to_string())
            }
        }
    }
}

fn smtp_error(e: &lettre::transport::smtp::Error, shown: &str) -> DeliveryError {
    let mut detail = crate::theme::error_chain(e).replace('\n', " ");
    let refused = e.is_permanent() || e.is_transient();
    if !refused {
        detail = format!("cannot deliver through {shown}: {detail}");
    }
    let lower = detail.to_lowercase();
    if lower.contains("certificate") || lower.contains("unknownissuer") {
        detail.push_str(&format!(
            " (the server's TLS certificate is not trusted: if it is signed by an internal CA, set {CA_FILE_VAR}=/path/to/ca.pem)"
        ));
    }
    DeliveryError {
        message: detail,
        refused,
    }
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
    }
}
