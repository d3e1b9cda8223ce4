//! `send` with `auth=xoauth2` (SPEC §5, "OAuth 2.0 for SMTP") through the
//! real binary against a real OAuth 2.0 authorization server (Authlib's, in
//! tests/support/oauth_server.py: the client-credentials grant, client
//! secrets and RFC 7523 certificate assertions) over HTTPS with a test CA
//! and over loopback HTTP, and an aiosmtpd server with STARTTLS that takes
//! an XOAUTH2 login only with a live token that server issued for the
//! mailbox's client and scope. Every test greps every output and the ledger
//! for the secret and the tokens.

mod support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::Value;
use support::smtp::{Sink, certificates, free_port, self_signed, text};
use support::{Site, wait_until};

const MAILBOX: &str = "varsel@example.org";
const SECRET: &str = "s3cret~Value.of-the-app";
/// The moment the announce of [`support::VALID_OUTAGE`] is due.
const DUE: &str = "2026-12-02 11:15";

/// The test CA, the server certificate for 127.0.0.1 (SMTP and token
/// endpoint) and an application certificate with its key.
struct Certs {
    _dir: tempfile::TempDir,
    ca: PathBuf,
    server: PathBuf,
    server_key: PathBuf,
    app: PathBuf,
    app_key: PathBuf,
}

fn certs() -> Certs {
    let dir = tempfile::tempdir().unwrap();
    let (ca, server, server_key) = certificates(dir.path());
    let (app, app_key) = self_signed(dir.path(), "app", "/CN=varsel app");
    Certs {
        app,
        app_key,
        _dir: dir,
        ca,
        server,
        server_key,
    }
}

/// The authorization server and the SMTP server, with their ports.
struct Servers {
    sink: Sink,
    oauth_port: u16,
    https: bool,
    /// The application certificate's private key (to grep for).
    app_key: PathBuf,
    /// The test CA, for `VARSEL_SMTP_CA_FILE`.
    ca: PathBuf,
}

impl Servers {
    /// Clients `app-secret` (with [`SECRET`]) and, given `certs`,
    /// `app-cert`, both for [`MAILBOX`]; STARTTLS (and HTTPS with `https`)
    /// with the test certificate.
    fn start(certs: &Certs, https: bool, extra: &[&str]) -> Servers {
        let secret_client = format!("app-secret:{SECRET}:{MAILBOX}");
        let cert_client = format!("app-cert:{}:{MAILBOX}", certs.app.display());
        let mut args = vec![
            "--client",
            &secret_client,
            "--cert-client",
            &cert_client,
            "--smtp-cert",
            certs.server.to_str().unwrap(),
            "--smtp-key",
            certs.server_key.to_str().unwrap(),
        ];
        if https {
            args.extend(["--https", certs.server.to_str().unwrap()]);
            args.push(certs.server_key.to_str().unwrap());
        }
        args.extend_from_slice(extra);
        let (sink, rest) = Sink::start_script("oauth_server.py", &args);
        let oauth_port = rest
            .strip_prefix("OAUTH ")
            .and_then(|p| p.parse().ok())
            .expect("the OAuth server's port");
        Servers {
            sink,
            oauth_port,
            https,
            app_key: certs.app_key.clone(),
            ca: certs.ca.clone(),
        }
    }

    fn token_url(&self) -> String {
        let scheme = if self.https { "https" } else { "http" };
        format!("{scheme}://127.0.0.1:{}/token", self.oauth_port)
    }

    fn smtp_url(&self) -> String {
        format!(
            "smtp://varsel%40example.org@127.0.0.1:{}?tls=required&auth=xoauth2",
            self.sink.port
        )
    }

    /// Every token the server issued, oldest first.
    fn tokens(&self) -> Vec<String> {
        self.log("tokens.jsonl")
            .iter()
            .map(|t| t["token"].as_str().unwrap().to_string())
            .collect()
    }

    fn log(&self, name: &str) -> Vec<Value> {
        std::fs::read_to_string(self.sink.path(name))
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    /// Which issued token (1, 2, …) each received message logged in with.
    fn logins(&self) -> Vec<String> {
        self.sink
            .received()
            .iter()
            .map(|m| m.json["auth"].as_str().unwrap_or("none").to_string())
            .collect()
    }
}

/// A site with `count` planned outages whose announce is due at [`DUE`].
fn site(count: usize) -> Site {
    let site = Site::new().file("ledger.jsonl", "");
    for i in 0..count {
        site.write_outage(&format!("o{i}"), support::VALID_OUTAGE);
    }
    site
}

/// `varsel --lang LANG --now DUE send` with the OAuth environment.
fn send(site: &Site, lang: &str, env: &[(&str, &str)]) -> (i32, String) {
    let ledger = site.ledger();
    let mut cmd = site.command(&[
        "--lang",
        lang,
        "--now",
        DUE,
        "send",
        "--ledger",
        ledger.to_str().unwrap(),
    ]);
    for (name, value) in env {
        cmd.env(name, value);
    }
    let out = cmd.output().unwrap();
    (out.status.code().unwrap_or(-1), text(&out))
}

/// The environment for the client `client` of `s`, tokens from `url`,
/// without its credentials.
fn client_env(s: &Servers, url: &str, client: &str) -> Vec<(&'static str, String)> {
    vec![
        ("VARSEL_SMTP_URL", s.smtp_url()),
        ("VARSEL_SMTP_CA_FILE", s.ca.display().to_string()),
        ("VARSEL_OAUTH_TOKEN_URL", url.to_string()),
        ("VARSEL_OAUTH_CLIENT_ID", client.to_string()),
    ]
}

/// The environment for the secret client (or `client`, `secret`).
fn with_secret(s: &Servers, url: &str, client: &str, secret: &str) -> Vec<(&'static str, String)> {
    let mut env = client_env(s, url, client);
    env.push(("VARSEL_OAUTH_CLIENT_SECRET", secret.to_string()));
    env
}

/// The environment for the client `app-cert` with the certificate `cert`
/// and its `key`.
fn with_cert(s: &Servers, url: &str, cert: &Path, key: &Path) -> Vec<(&'static str, String)> {
    let mut env = client_env(s, url, "app-cert");
    env.push(("VARSEL_OAUTH_CLIENT_CERT_FILE", cert.display().to_string()));
    env.push(("VARSEL_OAUTH_CLIENT_KEY_FILE", key.display().to_string()));
    env
}

/// [`send`] with the environment of [`with_secret`].
fn send_secret(
    site: &Site,
    lang: &str,
    s: &Servers,
    url: &str,
    client: &str,
    secret: &str,
) -> (i32, String) {
    send(site, lang, &env(&with_secret(s, url, client, secret)))
}

fn env<'a>(pairs: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    pairs.iter().map(|(n, v)| (*n, v.as_str())).collect()
}

fn ledger(site: &Site) -> String {
    std::fs::read_to_string(site.ledger()).unwrap()
}

/// Neither the secret, nor any issued token, nor a JWT (an assertion),
/// nor the application's private key appears in `output` or the ledger.
fn assert_nothing_secret(servers: &Servers, site: &Site, output: &str) {
    let ledger = ledger(site);
    let key = std::fs::read_to_string(&servers.app_key).unwrap();
    for shown in [output, ledger.as_str()] {
        assert!(!shown.contains(SECRET), "the secret shows:\n{shown}");
        assert!(!shown.contains("eyJ"), "a JWT shows:\n{shown}");
        assert!(!shown.contains("PRIVATE KEY"), "a key shows:\n{shown}");
        for line in key.lines().filter(|l| !l.starts_with("-----")) {
            assert!(!shown.contains(line), "the key shows:\n{shown}");
        }
        for token in servers.tokens() {
            assert!(!shown.contains(&token), "a token shows:\n{shown}");
        }
    }
}

fn states(site: &Site) -> Vec<String> {
    ledger(site)
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["state"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

#[test]
fn a_secret_and_a_certificate_both_deliver_over_https_with_one_token_per_run() {
    let certs = certs();
    let servers = Servers::start(&certs, true, &[]);
    let url = servers.token_url();

    // A client secret; three notices, one token.
    let site = site(3);
    let pairs = with_secret(&servers, &url, "app-secret", SECRET);
    let (code, out) = send(&site, "en", &env(&pairs));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("OAuth token from https://127.0.0.1"), "{out}");
    let login = format!("XOAUTH2:{MAILBOX}:1");
    assert_eq!(servers.logins(), [&*login, &*login, &*login]);
    assert_eq!(servers.tokens().len(), 1);
    assert!(
        servers
            .sink
            .received()
            .iter()
            .all(|m| m.json["tls"] == true)
    );
    assert_nothing_secret(&servers, &site, &out);

    // A certificate: a signed assertion instead of the secret.
    let site = self::site(1);
    let pairs = with_cert(&servers, &url, &certs.app, &certs.app_key);
    let (code, out) = send(&site, "en", &env(&pairs));
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        servers.logins().last().unwrap(),
        &format!("XOAUTH2:{MAILBOX}:2")
    );
    let requests = servers.log("requests.jsonl");
    assert_eq!(requests.last().unwrap()["client_id"], "app-cert");
    assert_nothing_secret(&servers, &site, &out);

    // Another certificate (with its own key): the server finds no such
    // certificate by its thumbprints and refuses.
    let other = tempfile::tempdir().unwrap();
    let (other_cert, other_key) = self_signed(other.path(), "app", "/CN=another app");
    let site = self::site(1);
    let pairs = with_cert(&servers, &url, &other_cert, &other_key);
    let (code, out) = send(&site, "en", &env(&pairs));
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("x5t names another certificate")
            && out.contains("check VARSEL_OAUTH_CLIENT_ID and VARSEL_OAUTH_CLIENT_CERT_FILE"),
        "{out}"
    );
    assert_eq!(servers.sink.received().len(), 4);
    assert_nothing_secret(&servers, &site, &out);
}

#[test]
fn a_loopback_http_endpoint_works_and_a_remote_http_one_is_refused_before_anything_is_sent() {
    let certs = certs();
    let servers = Servers::start(&certs, false, &[]);
    let site = site(1);
    let url = servers.token_url();
    assert!(url.starts_with("http://127.0.0.1:"));
    let (code, out) = send_secret(&site, "en", &servers, &url, "app-secret", SECRET);
    assert_eq!(code, 0, "{out}");
    assert_eq!(servers.logins(), [format!("XOAUTH2:{MAILBOX}:1")]);
    assert_nothing_secret(&servers, &site, &out);

    // OAuth settings without auth=xoauth2 in the URL: said, not silently unused.
    let site = self::site(1);
    let mut pairs = with_secret(&servers, &url, "app-secret", SECRET);
    pairs[0].1 = format!("smtp://127.0.0.1:{}?tls=required", servers.sink.port);
    let (code, out) = send(&site, "en", &env(&pairs));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("VARSEL_SMTP_URL has no auth=xoauth2"), "{out}");

    let site = self::site(1);
    let remote = "http://login.example.org/tenant/oauth2/v2.0/token";
    let (code, out) = send_secret(&site, "en", &servers, remote, "app-secret", SECRET);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("VARSEL_OAUTH_TOKEN_URL") && out.contains("must be https://"),
        "{out}"
    );
    assert!(ledger(&site).is_empty());
    assert_eq!(servers.sink.received().len(), 1);
    assert_nothing_secret(&servers, &site, &out);
}

#[test]
fn a_wrong_secret_an_unknown_client_or_an_endpoint_that_is_down_say_why_and_send_nothing() {
    let certs = certs();
    let servers = Servers::start(&certs, true, &["--entra-errors"]);
    let url = servers.token_url();

    let site = site(2);
    let wrong = "wr0ng~secret-value";
    let (code, out) = send_secret(&site, "en", &servers, &url, "app-secret", wrong);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("AADSTS7000215") && out.contains("not its Secret ID"),
        "{out}"
    );
    assert!(!out.contains("Trace ID") && !out.contains(wrong), "{out}");
    assert!(!ledger(&site).contains(wrong));
    assert_eq!(states(&site), ["sending", "sending", "failed", "failed"]);
    // One request: the server is not asked again for the second notice.
    assert_eq!(servers.log("requests.jsonl").len(), 1);

    let site = self::site(1);
    let (code, out) = send_secret(&site, "nb", &servers, &url, "no-such-app", SECRET);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("AADSTS700016") && out.contains("VARSEL_OAUTH_CLIENT_ID"),
        "{out}"
    );
    assert!(
        out.contains("tokenendepunktet") && out.contains("Hva nå"),
        "{out}"
    );
    assert_eq!(states(&site), ["sending", "failed"]);

    let down = format!("https://127.0.0.1:{}/token", free_port());
    let site = self::site(1);
    let (code, out) = send_secret(&site, "en", &servers, &down, "app-secret", SECRET);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("cannot reach the token endpoint") && out.contains("connection refused"),
        "{out}"
    );
    assert_eq!(states(&site), ["sending", "failed"]);

    assert!(servers.sink.received().is_empty());
    assert!(servers.tokens().is_empty());
    assert_nothing_secret(&servers, &site, &out);
}

#[test]
fn authlibs_own_refusal_of_an_unknown_client_is_said_with_the_settings_to_check() {
    let certs = certs();
    let servers = Servers::start(&certs, true, &[]);
    let site = site(1);
    let url = servers.token_url();
    let (code, out) = send_secret(&site, "en", &servers, &url, "no-such-app", SECRET);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("invalid_client")
            && out.contains("check VARSEL_OAUTH_CLIENT_ID and VARSEL_OAUTH_CLIENT_SECRET"),
        "{out}"
    );
    assert!(servers.sink.received().is_empty());
    assert_nothing_secret(&servers, &site, &out);
}

#[test]
fn a_refused_held_token_is_replaced_once_and_a_refused_fresh_one_names_the_mailbox_permission() {
    let certs = certs();
    let servers = Servers::start(&certs, true, &[]);
    let url = servers.token_url();
    let pairs = with_secret(&servers, &url, "app-secret", SECRET);

    // The second login (the held token, on the connection made again after
    // the relay hung up) is refused: a fresh token, one retry.
    std::fs::write(servers.sink.path("hangup"), "").unwrap();
    std::fs::write(servers.sink.path("refuse_login"), "2").unwrap();
    let site = site(2);
    let (code, out) = send(&site, "en", &env(&pairs));
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        servers.logins(),
        [
            format!("XOAUTH2:{MAILBOX}:1"),
            format!("XOAUTH2:{MAILBOX}:2")
        ]
    );

    // A fresh token refused: no retry, the permission named.
    std::fs::remove_file(servers.sink.path("hangup")).unwrap();
    std::fs::write(servers.sink.path("refuse_login"), "1").unwrap();
    let site = self::site(1);
    let (code, out) = send(&site, "en", &env(&pairs));
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("535 5.7.3")
            && out.contains("SMTP.SendAsApp")
            && out.contains("Add-MailboxPermission"),
        "{out}"
    );
    assert_eq!(servers.tokens().len(), 3);
    assert_eq!(states(&site), ["sending", "failed"]);
    assert_nothing_secret(&servers, &site, &out);
}

#[test]
fn a_password_refused_with_5_7_30_says_the_server_wants_oauth() {
    let certs = certs();
    let servers = Servers::start(&certs, false, &["--refuse-basic"]);
    let site = site(1);
    let url = format!(
        "smtp://varsel%40example.org:{SECRET}@127.0.0.1:{}?tls=required",
        servers.sink.port
    );
    for lang in ["en", "nb"] {
        let (code, out) = send(
            &site,
            lang,
            &[
                ("VARSEL_SMTP_URL", &url),
                ("VARSEL_SMTP_CA_FILE", certs.ca.to_str().unwrap()),
            ],
        );
        assert_eq!(code, 1, "{out}");
        assert!(
            out.contains("550 5.7.30") && out.contains("README, Microsoft 365"),
            "{out}"
        );
        assert!(
            out.contains(if lang == "en" {
                "this server wants OAuth"
            } else {
                "denne serveren vil ha OAuth"
            }),
            "{out}"
        );
        assert_nothing_secret(&servers, &site, &out);
    }
    assert!(servers.sink.received().is_empty());
}

/// A running `varsel send --watch`, killed when dropped.
struct Watch(std::process::Child, PathBuf);

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn acute_now() -> String {
    let now = chrono::Utc::now().with_timezone(&chrono_tz::Europe::Oslo);
    format!(
        "title: Brudd\nkind: acute\nstart: {}\nsystems: [plo]\nmunicipalities: all\n",
        now.format("%Y-%m-%d %H:%M")
    )
}

#[test]
fn under_watch_tokens_that_live_4_s_are_renewed_and_every_notice_goes_out() {
    let certs = certs();
    let servers = Servers::start(&certs, true, &["--lifetime", "4"]);
    let site = Site::without_outages();
    let ledger = site.ledger();
    let out = site.root().join("watch.out");
    let url = servers.token_url();
    let pairs = with_secret(&servers, &url, "app-secret", SECRET);
    let mut cmd = site.watch_command(&[]);
    for (name, value) in &pairs {
        cmd.env(name, value);
    }
    let file = std::fs::File::create(&out).unwrap();
    let child = cmd
        .stdout(file.try_clone().unwrap())
        .stderr(file)
        .spawn()
        .unwrap();
    let watch = Watch(child, out.clone());
    let output = || std::fs::read_to_string(&watch.1).unwrap_or_default();
    assert!(
        wait_until(Duration::from_secs(10), || output().contains(" watching ")),
        "{}",
        output()
    );
    for (i, name) in ["first", "second", "third"].iter().enumerate() {
        if i > 0 {
            std::thread::sleep(Duration::from_secs(7));
        }
        site.write_outage(name, &acute_now());
        assert!(
            wait_until(Duration::from_secs(15), || servers.sink.received().len()
                == i + 1),
            "notice {} not delivered:\n{}",
            i + 1,
            output()
        );
    }
    let logins: Vec<String> = (1..=3).map(|n| format!("XOAUTH2:{MAILBOX}:{n}")).collect();
    assert_eq!(servers.logins(), logins, "{}", output());
    // Renewed before it expired: no login was refused (and retried).
    let attempts = servers.log("logins.jsonl");
    assert!(
        attempts.len() == 3 && attempts.iter().all(|a| a["accepted"] == true),
        "{attempts:?}"
    );
    drop(watch);
    assert_nothing_secret(&servers, &site, &std::fs::read_to_string(&out).unwrap());
    assert!(
        !states(&site).contains(&"failed".to_string()),
        "{}",
        ledger_text(&ledger)
    );
}

fn ledger_text(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}
