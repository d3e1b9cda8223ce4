//! The token request: the client-credentials grant (RFC 6749 §4.4) with a
//! client secret in the form body or a signed client assertion (RFC 7523
//! §2.2), over HTTPS (ureq with rustls, Mozilla's roots plus
//! `VARSEL_SMTP_CA_FILE`), and the endpoint's answer in plain words: its
//! `error`, `error_description` and, from Microsoft, the `AADSTS` code
//! with a hint.

use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use ureq::tls::{Certificate, PemItem, RootCerts, TlsConfig};

use super::Secret;
use super::settings::{self, Credential, Settings};
use crate::catalogue::oauth as msg;

/// How long the token request may take, all in all.
const TIMEOUT: Duration = Duration::from_secs(30);
/// The lifetime assumed when the endpoint does not say (`expires_in`).
const ASSUMED_LIFETIME: Duration = Duration::from_secs(300);

/// A token and how long it lives from the moment it was asked for.
pub(super) struct Issued {
    pub(super) token: Secret,
    pub(super) lifetime: Duration,
}

/// The HTTP client for the token endpoint.
pub(super) struct Client {
    agent: ureq::Agent,
    /// The setting of extra root certificates, for the hint.
    ca_var: String,
}

impl Client {
    /// A client trusting Mozilla's roots and the certificates in `ca_file`
    /// (`ca_var` names the setting, for messages). It goes through the
    /// proxy of `HTTPS_PROXY` (and `NO_PROXY`) unless `direct` (an endpoint
    /// on this machine).
    pub(super) fn new(
        ca_file: Option<&Path>,
        ca_var: &str,
        direct: bool,
    ) -> Result<Client, String> {
        let mut tls = TlsConfig::builder();
        if let Some(path) = ca_file {
            let pem =
                std::fs::read(path).map_err(|e| msg::file_unreadable(ca_var, path.display(), e))?;
            let extra: Vec<Certificate<'static>> = ureq::tls::parse_pem(&pem)
                .filter_map(|item| match item {
                    Ok(PemItem::Certificate(c)) => Some(c),
                    _ => None,
                })
                .collect();
            if extra.is_empty() {
                return Err(msg::not_a_certificate(ca_var, path.display()));
            }
            let roots = webpki_root_certs::TLS_SERVER_ROOT_CERTS
                .iter()
                .map(|c| Certificate::from_der(c.as_ref()))
                .chain(extra);
            tls = tls.root_certs(RootCerts::from(roots));
        }
        let mut config = ureq::Agent::config_builder();
        if direct {
            config = config.proxy(None);
        }
        let agent = config
            .http_status_as_error(false)
            .timeout_global(Some(TIMEOUT))
            .max_redirects(0)
            .tls_config(tls.build())
            .user_agent(concat!("varsel/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Ok(Client {
            agent,
            ca_var: ca_var.to_string(),
        })
    }

    /// Asks the endpoint for a token. The error is a sentence with a hint.
    pub(super) fn request(&self, settings: &Settings) -> Result<Issued, String> {
        let url = settings.token_url.as_str();
        let mut form: Vec<(&str, String)> = vec![
            ("grant_type", "client_credentials".into()),
            ("client_id", settings.client_id.clone()),
            ("scope", settings.scope.clone()),
        ];
        let secret = match &settings.credential {
            Credential::Secret(secret) => secret.clone(),
            Credential::Certificate(signer) => {
                let now = SystemTime::now()
                    .duration_since(UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs());
                signer.assertion(&settings.client_id, url, now)?
            }
        };
        match &settings.credential {
            Credential::Secret(_) => form.push(("client_secret", secret.reveal().into())),
            Credential::Certificate(_) => {
                form.push((
                    "client_assertion_type",
                    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer".into(),
                ));
                form.push(("client_assertion", secret.reveal().into()));
            }
        }
        let scrub = |text: String| secret.scrub(&text);
        let mut response = self
            .agent
            .post(url)
            .header("Accept", "application/json")
            .send_form(form)
            .map_err(|e| scrub(unreachable(url, &e, &self.ca_var)))?;
        let status = response.status().as_u16();
        let body = response
            .body_mut()
            .with_config()
            .limit(64 * 1024)
            .read_to_string()
            .map_err(|e| scrub(unreachable(url, &e, &self.ca_var)))?;
        if status == 200 {
            if let Some(issued) = issued(&body) {
                return Ok(issued);
            }
        }
        Err(scrub(refusal(url, status, &body, settings)))
    }
}

/// The token in a successful answer (`expires_in` may be a number or, as
/// Microsoft's v1 endpoint writes it, a string).
fn issued(body: &str) -> Option<Issued> {
    let answer: serde_json::Value = serde_json::from_str(body).ok()?;
    let token = answer["access_token"].as_str().filter(|t| !t.is_empty())?;
    let seconds = match &answer["expires_in"] {
        serde_json::Value::Number(n) => n.as_u64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    };
    Some(Issued {
        token: Secret::new(token),
        lifetime: seconds.map_or(ASSUMED_LIFETIME, Duration::from_secs),
    })
}

/// Why the endpoint could not be asked, in words.
fn unreachable(url: &str, e: &ureq::Error, ca_var: &str) -> String {
    let text = e.to_string();
    let lower = text.to_lowercase();
    match e {
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            msg::endpoint_connection_refused(url)
        }
        ureq::Error::Timeout(_) => msg::endpoint_no_answer(url, TIMEOUT.as_secs()),
        ureq::Error::HostNotFound => msg::endpoint_host_unknown(url),
        _ if lower.contains("certificate") || lower.contains("unknownissuer") => {
            msg::endpoint_untrusted(url, text, ca_var)
        }
        ureq::Error::Rustls(_) | ureq::Error::Tls(_) => msg::endpoint_tls(url, text),
        _ => msg::endpoint_unreachable(url, text),
    }
}

/// A refusal in plain words: what the endpoint said and a hint.
fn refusal(url: &str, status: u16, body: &str, settings: &Settings) -> String {
    let Ok(answer) = serde_json::from_str::<serde_json::Value>(body) else {
        return msg::endpoint_strange(url, status, settings::TOKEN_URL_VAR);
    };
    let Some(error) = answer["error"].as_str() else {
        return msg::endpoint_strange(url, status, settings::TOKEN_URL_VAR);
    };
    let description = answer["error_description"]
        .as_str()
        .map(first_sentence_block)
        .unwrap_or_default();
    let code = answer["error_codes"][0]
        .as_u64()
        .or_else(|| aadsts(&description));
    let said = if description.is_empty() {
        error.to_string()
    } else {
        format!("{error}: {description}")
    };
    let hint = code
        .and_then(|c| aadsts_hint(c, settings))
        .unwrap_or_else(|| error_hint(error, settings));
    format!("{} {hint}", msg::endpoint_refused(url, status, said))
}

/// Microsoft's description without its trace lines (`Trace ID:`, …).
fn first_sentence_block(description: &str) -> String {
    let text = description.replace(['\r', '\n'], " ");
    let cut = text.find(" Trace ID:").unwrap_or(text.len());
    text[..cut].split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The number of the first `AADSTSnnnn` in `text`.
fn aadsts(text: &str) -> Option<u64> {
    let at = text.find("AADSTS")? + "AADSTS".len();
    let digits: String = text[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// The hint for Microsoft's common codes.
fn aadsts_hint(code: u64, s: &Settings) -> Option<String> {
    use settings::{CLIENT_ID_VAR, CLIENT_SECRET_VAR, SCOPE_VAR, TENANT_VAR};
    Some(match code {
        7000215 => msg::hint_invalid_secret(CLIENT_SECRET_VAR),
        7000222 => msg::hint_expired_secret(CLIENT_SECRET_VAR),
        700016 => msg::hint_unknown_app(CLIENT_ID_VAR, TENANT_VAR),
        90002 => msg::hint_unknown_tenant(TENANT_VAR),
        65001 => msg::hint_consent(),
        7000229 => msg::hint_service_principal(),
        700027 | 700023 | 50027 => msg::hint_bad_certificate(s.credential_var()),
        700024 => msg::hint_clock(),
        70011 | 1002012 | 500011 => msg::hint_scope(SCOPE_VAR, settings::DEFAULT_SCOPE),
        _ => return None,
    })
}

/// The hint for the standard OAuth error codes (RFC 6749 §5.2).
fn error_hint(error: &str, s: &Settings) -> String {
    match error {
        "invalid_client" => msg::hint_invalid_client(settings::CLIENT_ID_VAR, s.credential_var()),
        "invalid_scope" => msg::hint_scope(settings::SCOPE_VAR, settings::DEFAULT_SCOPE),
        "unauthorized_client" => msg::hint_unauthorized_client(),
        _ => msg::hint_generic(settings::CLIENT_ID_VAR, s.credential_var()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> Settings {
        Settings {
            token_url: "https://login.example.org/t/token".into(),
            client_id: "app".into(),
            credential: Credential::Secret(Secret::new("s3cret")),
            scope: settings::DEFAULT_SCOPE.into(),
        }
    }

    /// A refusal as Microsoft writes it (from its documentation's sample).
    fn microsoft(code: u64, text: &str) -> String {
        serde_json::json!({
            "error": "invalid_client",
            "error_description": format!("AADSTS{code}: {text}\r\nTrace ID: 0000aaaa-11bb\r\nCorrelation ID: aaaa0000\r\nTimestamp: 2026-12-05 10:00:00Z"),
            "error_codes": [code],
            "error_uri": format!("https://login.microsoftonline.com/error?code={code}"),
        })
        .to_string()
    }

    #[test]
    fn microsofts_codes_get_their_hints_and_lose_their_trace_lines() {
        let url = "https://login.example.org/t/token";
        let e = refusal(
            url,
            401,
            &microsoft(7000215, "Invalid client secret provided."),
            &settings(),
        );
        assert!(e.contains("HTTP 401"), "{e}");
        assert!(
            e.contains("invalid_client: AADSTS7000215: Invalid client secret provided."),
            "{e}"
        );
        assert!(
            e.contains("Secret ID") && e.contains(settings::CLIENT_SECRET_VAR),
            "{e}"
        );
        assert!(!e.contains("Trace ID"), "{e}");
        let e = refusal(
            url,
            401,
            &microsoft(7000222, "The provided client secret keys are expired."),
            &settings(),
        );
        assert!(
            e.contains("expired") && e.contains("New client secret"),
            "{e}"
        );
        let e = refusal(
            url,
            400,
            &microsoft(700016, "Application with identifier 'app' was not found."),
            &settings(),
        );
        assert!(
            e.contains(settings::CLIENT_ID_VAR) && e.contains(settings::TENANT_VAR),
            "{e}"
        );
        let e = refusal(
            url,
            400,
            &microsoft(65001, "The user or administrator has not consented."),
            &settings(),
        );
        assert!(
            e.contains("SMTP.SendAsApp") && e.contains("Grant admin consent"),
            "{e}"
        );
        let e = refusal(
            url,
            401,
            &microsoft(
                7000229,
                "The client application app is missing service principal in the tenant.",
            ),
            &settings(),
        );
        assert!(e.contains("service principal"), "{e}");
        // Without error_codes, the code is read from the description.
        let body = serde_json::json!({"error": "invalid_client", "error_description": "AADSTS7000222: expired"}).to_string();
        assert!(refusal(url, 401, &body, &settings()).contains("New client secret"));
    }

    #[test]
    fn other_answers_are_said_plainly() {
        let url = "https://login.example.org/t/token";
        let body = r#"{"error": "invalid_scope"}"#;
        let e = refusal(url, 400, body, &settings());
        assert!(
            e.contains(settings::SCOPE_VAR) && e.contains("/.default"),
            "{e}"
        );
        let e = refusal(url, 404, "<html>Not Found</html>", &settings());
        assert!(
            e.contains("HTTP 404") && e.contains(settings::TOKEN_URL_VAR),
            "{e}"
        );
    }

    #[test]
    fn a_token_answer_gives_the_token_and_its_lifetime() {
        let t =
            issued(r#"{"access_token":"abc","token_type":"Bearer","expires_in":3599}"#).unwrap();
        assert_eq!((t.token.reveal(), t.lifetime.as_secs()), ("abc", 3599));
        let t = issued(r#"{"access_token":"abc","expires_in":"3599"}"#).unwrap();
        assert_eq!(t.lifetime.as_secs(), 3599);
        assert!(issued(r#"{"token_type":"Bearer"}"#).is_none());
    }
}
