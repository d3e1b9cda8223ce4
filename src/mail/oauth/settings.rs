//! The OAuth settings of a run, from the environment: where the token
//! comes from, which application asks and how it proves it. Every mistake
//! is found here, before anything is sent (exit 2, naming the variable).

use std::path::Path;

use super::Secret;
use super::assertion::Signer;
use crate::catalogue::oauth as msg;

/// The token endpoint's URL.
pub const TOKEN_URL_VAR: &str = "VARSEL_OAUTH_TOKEN_URL";
/// A Microsoft Entra ID tenant (id or domain), standing for its token endpoint.
pub const TENANT_VAR: &str = "VARSEL_OAUTH_TENANT";
/// The application's (client) id.
pub const CLIENT_ID_VAR: &str = "VARSEL_OAUTH_CLIENT_ID";
/// A client secret's value.
pub const CLIENT_SECRET_VAR: &str = "VARSEL_OAUTH_CLIENT_SECRET";
/// The application's certificate (PEM).
pub const CERT_FILE_VAR: &str = "VARSEL_OAUTH_CLIENT_CERT_FILE";
/// The certificate's private key (PEM).
pub const KEY_FILE_VAR: &str = "VARSEL_OAUTH_CLIENT_KEY_FILE";
/// The scope asked for.
pub const SCOPE_VAR: &str = "VARSEL_OAUTH_SCOPE";
/// Exchange Online's scope for the client-credentials grant.
pub const DEFAULT_SCOPE: &str = "https://outlook.office365.com/.default";

/// How the application proves who it is.
#[derive(Debug)]
pub enum Credential {
    /// A client secret, sent as `client_secret`.
    Secret(Secret),
    /// A certificate: each request carries a freshly signed assertion.
    Certificate(Box<Signer>),
}

/// What a run needs to get tokens.
#[derive(Debug)]
pub struct Settings {
    /// The token endpoint (https, or http on the loopback interface).
    pub token_url: String,
    /// The application (client) id; not a secret.
    pub client_id: String,
    /// The secret or certificate.
    pub credential: Credential,
    /// The scope asked for.
    pub scope: String,
}

impl Settings {
    /// The settings from the process environment (empty counts as unset).
    pub fn from_env() -> Result<Settings, String> {
        Settings::read(&|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
    }

    /// The settings from `var` (a variable's value, or `None` if unset).
    pub fn read(var: &dyn Fn(&str) -> Option<String>) -> Result<Settings, String> {
        let token_url = match (var(TOKEN_URL_VAR), var(TENANT_VAR)) {
            (Some(_), Some(_)) => return Err(msg::both_endpoints(TENANT_VAR, TOKEN_URL_VAR)),
            (None, None) => return Err(msg::needs_endpoint(TENANT_VAR, TOKEN_URL_VAR)),
            (Some(url), None) => check_endpoint(url.trim())?,
            (None, Some(tenant)) => tenant_endpoint(tenant.trim())?,
        };
        let client_id = var(CLIENT_ID_VAR)
            .map(|c| c.trim().to_string())
            .ok_or_else(|| msg::needs_client_id(CLIENT_ID_VAR))?;
        let credential = match (
            var(CLIENT_SECRET_VAR),
            var(CERT_FILE_VAR),
            var(KEY_FILE_VAR),
        ) {
            (Some(_), Some(_), _) | (Some(_), _, Some(_)) => {
                return Err(msg::two_credentials(CLIENT_SECRET_VAR, CERT_FILE_VAR));
            }
            // Pasted secrets often carry a space or line break at an end;
            // Entra ID's never do.
            (Some(secret), None, None) => Credential::Secret(Secret::new(secret.trim())),
            (None, Some(cert), Some(key)) => Credential::Certificate(Box::new(Signer::load(
                Path::new(&cert),
                Path::new(&key),
                CERT_FILE_VAR,
                KEY_FILE_VAR,
            )?)),
            (None, Some(_), None) => {
                return Err(msg::half_certificate(CERT_FILE_VAR, KEY_FILE_VAR));
            }
            (None, None, Some(_)) => {
                return Err(msg::half_certificate(KEY_FILE_VAR, CERT_FILE_VAR));
            }
            (None, None, None) => {
                return Err(msg::needs_credential(
                    CLIENT_SECRET_VAR,
                    CERT_FILE_VAR,
                    KEY_FILE_VAR,
                ));
            }
        };
        let scope = var(SCOPE_VAR).unwrap_or_else(|| DEFAULT_SCOPE.to_string());
        Ok(Settings {
            token_url,
            client_id,
            credential,
            scope,
        })
    }

    /// The variable holding the credential, for hints.
    pub fn credential_var(&self) -> &'static str {
        match self.credential {
            Credential::Secret(_) => CLIENT_SECRET_VAR,
            Credential::Certificate(_) => CERT_FILE_VAR,
        }
    }
}

/// Microsoft's v2.0 token endpoint of `tenant` (an id or a domain).
fn tenant_endpoint(tenant: &str) -> Result<String, String> {
    let plain = !tenant.is_empty()
        && tenant
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
    if !plain {
        return Err(msg::bad_tenant(TENANT_VAR, tenant));
    }
    Ok(format!(
        "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token"
    ))
}

/// Whether `url` names this machine (127.0.0.0/8, `::1`, `localhost`).
pub(super) fn is_loopback(url: &str) -> bool {
    match url::Url::parse(url).ok().as_ref().and_then(url::Url::host) {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

/// `url` if it is https, or http on the loopback interface.
fn check_endpoint(url: &str) -> Result<String, String> {
    let parsed = url::Url::parse(url).map_err(|e| msg::bad_endpoint(TOKEN_URL_VAR, url, e))?;
    let loopback = is_loopback(url);
    match parsed.scheme() {
        "https" if parsed.has_host() => Ok(url.to_string()),
        "http" if loopback => Ok(url.to_string()),
        "http" => Err(msg::insecure_endpoint(TOKEN_URL_VAR, url)),
        _ => Err(msg::bad_endpoint(TOKEN_URL_VAR, url, "https:// expected")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(pairs: &[(&str, &str)]) -> Result<Settings, String> {
        Settings::read(&|name| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn a_tenant_stands_for_microsofts_endpoint_and_the_scope_defaults_to_exchange() {
        let s = read(&[
            (TENANT_VAR, "sykehuset.onmicrosoft.com"),
            (CLIENT_ID_VAR, "app"),
            (CLIENT_SECRET_VAR, "s3cret"),
        ])
        .unwrap();
        assert_eq!(
            s.token_url,
            "https://login.microsoftonline.com/sykehuset.onmicrosoft.com/oauth2/v2.0/token"
        );
        assert_eq!(s.scope, DEFAULT_SCOPE);
        assert!(!format!("{s:?}").contains("s3cret"));
    }

    #[test]
    fn http_is_for_this_machine_only() {
        let with = |url: &str| {
            read(&[
                (TOKEN_URL_VAR, url),
                (CLIENT_ID_VAR, "app"),
                (CLIENT_SECRET_VAR, "s3cret"),
            ])
        };
        assert!(with("http://127.0.0.1:8080/token").is_ok());
        assert!(with("http://[::1]:8080/token").is_ok());
        assert!(with("http://localhost/token").is_ok());
        assert!(with("https://login.example.org/token").is_ok());
        let e = with("http://login.example.org/token").unwrap_err();
        assert!(e.contains("https://") && e.contains(TOKEN_URL_VAR), "{e}");
        assert!(with("ftp://127.0.0.1/token").is_err());
    }

    #[test]
    fn every_missing_or_doubled_setting_is_named() {
        let e = read(&[(CLIENT_ID_VAR, "app"), (CLIENT_SECRET_VAR, "x")]).unwrap_err();
        assert!(e.contains(TENANT_VAR) && e.contains(TOKEN_URL_VAR), "{e}");
        let e = read(&[(TENANT_VAR, "t"), (CLIENT_SECRET_VAR, "x")]).unwrap_err();
        assert!(e.contains(CLIENT_ID_VAR), "{e}");
        let e = read(&[(TENANT_VAR, "t"), (CLIENT_ID_VAR, "app")]).unwrap_err();
        assert!(
            e.contains(CLIENT_SECRET_VAR) && e.contains(CERT_FILE_VAR),
            "{e}"
        );
        let e = read(&[
            (TENANT_VAR, "t"),
            (CLIENT_ID_VAR, "app"),
            (CERT_FILE_VAR, "c.pem"),
        ])
        .unwrap_err();
        assert!(e.contains(KEY_FILE_VAR), "{e}");
        let e = read(&[
            (TENANT_VAR, "t"),
            (CLIENT_ID_VAR, "app"),
            (CLIENT_SECRET_VAR, "x"),
            (CERT_FILE_VAR, "c.pem"),
        ])
        .unwrap_err();
        assert!(e.contains("not both"), "{e}");
        let e = read(&[
            (TENANT_VAR, "t/../x"),
            (CLIENT_ID_VAR, "app"),
            (CLIENT_SECRET_VAR, "x"),
        ])
        .unwrap_err();
        assert!(e.contains(TENANT_VAR), "{e}");
    }
}
