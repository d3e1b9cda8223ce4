//! The signed client assertion of a certificate credential (RFC 7523 §2.2,
//! as Microsoft's identity platform documents it for certificate
//! credentials): a JWT signed RS256 with the application's private key,
//! whose header names the certificate by its SHA-1 (`x5t`) and SHA-256
//! (`x5t#S256`) thumbprints and whose claims say who asks (`iss` = `sub` =
//! the client id), whom (`aud` = the token endpoint), when (`nbf`, `iat`,
//! `exp` ten minutes later) and once (`jti`, a random GUID).

use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ring::rand::{SecureRandom, SystemRandom};
use ring::signature::{KeyPair, RSA_PKCS1_SHA256, RsaKeyPair};
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};

use super::Secret;
use crate::catalogue::oauth as msg;

/// How long an assertion may be used (Microsoft: "5-10 minutes after nbf").
const LIFETIME_SECONDS: u64 = 600;

/// The application's certificate and key, ready to sign assertions.
pub struct Signer {
    key: RsaKeyPair,
    x5t: String,
    x5t_s256: String,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Signer {{ x5t: {} }}", self.x5t)
    }
}

impl Signer {
    /// Reads the certificate (PEM, the first `CERTIFICATE` in the file)
    /// and its RSA private key (PEM, PKCS#8 or PKCS#1; it may be the same
    /// file). `cert_var` and `key_var` name the settings, for messages.
    pub fn load(cert: &Path, key: &Path, cert_var: &str, key_var: &str) -> Result<Signer, String> {
        let read = |path: &Path, var: &str| {
            std::fs::read(path).map_err(|e| msg::file_unreadable(var, path.display(), e))
        };
        let cert_pem = read(cert, cert_var)?;
        let key_pem = read(key, key_var)?;
        let cert_der = CertificateDer::from_pem_slice(&cert_pem)
            .map_err(|_| msg::not_a_certificate(cert_var, cert.display()))?;
        let key_der = PrivateKeyDer::from_pem_slice(&key_pem)
            .map_err(|_| msg::not_a_key(key_var, key.display()))?;
        let pair = match &key_der {
            PrivateKeyDer::Pkcs8(der) => RsaKeyPair::from_pkcs8(der.secret_pkcs8_der()),
            PrivateKeyDer::Pkcs1(der) => RsaKeyPair::from_der(der.secret_pkcs1_der()),
            _ => return Err(msg::key_not_rsa(key_var, key.display())),
        }
        .map_err(|e| msg::key_unusable(key_var, key.display(), e))?;
        let public = pair.public_key().as_ref();
        if !cert_der.windows(public.len()).any(|w| w == public) {
            return Err(msg::key_not_of_certificate(
                key_var,
                key.display(),
                cert_var,
                cert.display(),
            ));
        }
        Ok(Signer::new(pair, &cert_der))
    }

    fn new(key: RsaKeyPair, cert_der: &[u8]) -> Signer {
        let sha1 = ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, cert_der);
        let sha256 = ring::digest::digest(&ring::digest::SHA256, cert_der);
        Signer {
            key,
            x5t: URL_SAFE_NO_PAD.encode(sha1.as_ref()),
            x5t_s256: URL_SAFE_NO_PAD.encode(sha256.as_ref()),
        }
    }

    /// A fresh assertion for `client_id` at the token endpoint `audience`,
    /// made at `now` (seconds since the Unix epoch, the real clock).
    pub fn assertion(&self, client_id: &str, audience: &str, now: u64) -> Result<Secret, String> {
        let rng = SystemRandom::new();
        let header = serde_json::json!({
            "alg": "RS256",
            "typ": "JWT",
            "x5t": self.x5t,
            "x5t#S256": self.x5t_s256,
        });
        let claims = serde_json::json!({
            "aud": audience,
            "iss": client_id,
            "sub": client_id,
            "jti": guid(&rng)?,
            "nbf": now,
            "iat": now,
            "exp": now + LIFETIME_SECONDS,
        });
        let signing_input = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header.to_string()),
            URL_SAFE_NO_PAD.encode(claims.to_string())
        );
        let mut signature = vec![0; self.key.public().modulus_len()];
        self.key
            .sign(
                &RSA_PKCS1_SHA256,
                &rng,
                signing_input.as_bytes(),
                &mut signature,
            )
            .map_err(|_| msg::cannot_sign())?;
        Ok(Secret::new(format!(
            "{signing_input}.{}",
            URL_SAFE_NO_PAD.encode(signature)
        )))
    }
}

/// A random GUID (version 4), as Microsoft asks for `jti`.
fn guid(rng: &SystemRandom) -> Result<String, String> {
    let mut b = [0u8; 16];
    rng.fill(&mut b).map_err(|_| msg::cannot_sign())?;
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    Ok(format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A self-signed certificate and its key, made with openssl.
    fn pair(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
        let out = std::process::Command::new("openssl")
            .args([
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "key.pem",
                "-out",
                "cert.pem",
                "-days",
                "2",
                "-subj",
                "/CN=varsel test app",
            ])
            .current_dir(dir)
            .output()
            .expect("openssl must be installed for this test");
        assert!(out.status.success(), "{out:?}");
        (dir.join("cert.pem"), dir.join("key.pem"))
    }

    fn part(jwt: &str, n: usize) -> serde_json::Value {
        let text = URL_SAFE_NO_PAD
            .decode(jwt.split('.').nth(n).unwrap())
            .unwrap();
        serde_json::from_slice(&text).unwrap()
    }

    #[test]
    fn the_assertion_carries_microsofts_header_and_claims_and_verifies() {
        let dir = tempfile::tempdir().unwrap();
        let (cert, key) = pair(dir.path());
        let signer = Signer::load(&cert, &key, "C", "K").unwrap();
        let url = "https://login.microsoftonline.com/t/oauth2/v2.0/token";
        let jwt = signer.assertion("app-id", url, 1_700_000_000).unwrap();
        let jwt = jwt.reveal();
        let header = part(jwt, 0);
        assert_eq!(header["alg"], "RS256");
        assert_eq!(header["typ"], "JWT");
        let der = CertificateDer::from_pem_file(&cert).unwrap();
        let sha1 = ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, &der);
        assert_eq!(header["x5t"], URL_SAFE_NO_PAD.encode(sha1.as_ref()));
        assert_eq!(header["x5t#S256"].as_str().unwrap().len(), 43);
        let claims = part(jwt, 1);
        assert_eq!(claims["aud"], url);
        assert_eq!(claims["iss"], "app-id");
        assert_eq!(claims["sub"], "app-id");
        assert_eq!(claims["nbf"], 1_700_000_000);
        assert_eq!(claims["exp"], 1_700_000_600);
        assert_eq!(claims["jti"].as_str().unwrap().len(), 36);
        let again = signer.assertion("app-id", url, 1_700_000_000).unwrap();
        assert_ne!(part(again.reveal(), 1)["jti"], claims["jti"]);
        // The signature verifies with the certificate's public key.
        let (input, signature) = jwt.rsplit_once('.').unwrap();
        let public = signer.key.public_key().as_ref().to_vec();
        ring::signature::UnparsedPublicKey::new(
            &ring::signature::RSA_PKCS1_2048_8192_SHA256,
            public,
        )
        .verify(
            input.as_bytes(),
            &URL_SAFE_NO_PAD.decode(signature).unwrap(),
        )
        .unwrap();
    }

    #[test]
    fn a_key_of_another_certificate_is_refused_by_name() {
        let one = tempfile::tempdir().unwrap();
        let two = tempfile::tempdir().unwrap();
        let (cert, _) = pair(one.path());
        let (_, other_key) = pair(two.path());
        let e = Signer::load(&cert, &other_key, "CERT_VAR", "KEY_VAR").unwrap_err();
        assert!(e.contains("KEY_VAR") && e.contains("CERT_VAR"), "{e}");
        let e = Signer::load(&other_key, &other_key, "CERT_VAR", "KEY_VAR").unwrap_err();
        assert!(e.contains("CERT_VAR"), "{e}");
    }
}
