//! The SMTP server of the tests: aiosmtpd through `smtp_sink.py`, and
//! what it received, parsed by Python's email module.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use serde_json::Value;

/// A command's output as text, for assertion messages.
pub fn text(out: &std::process::Output) -> String {
    format!(
        "status {:?}\nstdout:\n{}\nstderr:\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A running aiosmtpd recorder; killed when dropped.
pub struct Sink {
    child: Child,
    /// The port it listens on (127.0.0.1).
    pub port: u16,
    dir: tempfile::TempDir,
}

impl Sink {
    pub fn start() -> Sink {
        Sink::start_with(&[])
    }

    /// A sink on `port` (one taken with [`free_port`] for a server that
    /// comes up after the client first tried).
    pub fn start_on(port: u16) -> Sink {
        Sink::start_with(&["--port", &port.to_string()])
    }

    pub fn start_with(extra: &[&str]) -> Sink {
        Sink::start_script("smtp_sink.py", extra).0
    }

    /// A server from another script in tests/support that records as
    /// `smtp_sink.py` does and prints `PORT <n> …` once ready (such as
    /// `oauth_server.py`); the rest of that line comes back with it.
    pub fn start_script(script: &str, extra: &[&str]) -> (Sink, String) {
        let dir = tempfile::tempdir().unwrap();
        let script = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/support")
            .join(script);
        let mut child = Command::new("python3")
            .arg(script)
            .arg(dir.path())
            .args(extra)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("python3 must be installed for the SMTP tests");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let (port, rest) = line
            .trim()
            .strip_prefix("PORT ")
            .map(|p| p.split_once(' ').unwrap_or((p, "")))
            .unwrap_or(("", ""));
        let port = port.parse().unwrap_or_else(|_| {
            let _ = child.kill();
            panic!("the SMTP server did not start (are aiosmtpd and, for OAuth, authlib installed? `pip install aiosmtpd authlib`); it said {line:?}")
        });
        (Sink { child, port, dir }, rest.to_string())
    }

    /// A file in the server's folder (its steering files and logs).
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message received so far, in order.
    pub fn received(&self) -> Vec<Received> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|p| Received {
                json: serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap(),
                raw: std::fs::read(p.with_extension("eml")).unwrap(),
            })
            .collect()
    }

    /// Makes the server answer DATA with `reply` (None: accept again).
    pub fn reply(&self, reply: Option<&str>) {
        let path = self.dir.path().join("reply");
        match reply {
            Some(r) => std::fs::write(path, r).unwrap(),
            None => {
                let _ = std::fs::remove_file(path);
            }
        }
    }

    /// Writes the steering file `name` (see smtp_sink.py: `refuse_rcpt`,
    /// `max_rcpt`, `drop`, `refuse_notice`), or removes it with `None`.
    pub fn steer(&self, name: &str, content: Option<&str>) {
        let path = self.dir.path().join(name);
        match content {
            Some(text) => {
                std::fs::write(path.with_extension("tmp"), text).unwrap();
                std::fs::rename(path.with_extension("tmp"), path).unwrap();
            }
            None => {
                let _ = std::fs::remove_file(path);
            }
        }
    }

    pub fn delay(&self, seconds: f64) {
        std::fs::write(self.dir.path().join("delay"), seconds.to_string()).unwrap();
    }

    /// Makes the server record each message, then hold its answer until
    /// [`Sink::release`].
    pub fn hold(&self) {
        std::fs::write(self.dir.path().join("hold"), "").unwrap();
    }

    /// Lets every held answer go, and holds none after.
    pub fn release(&self) {
        std::fs::write(self.dir.path().join("release"), "").unwrap();
    }

    /// Makes the server kill the sender of the next message (the owner of
    /// the client's socket) the moment it has recorded it, before it
    /// answers 250.
    pub fn kill_next_sender(&self) {
        std::fs::write(self.dir.path().join("kill_sender"), "1").unwrap();
    }

    /// Takes back [`kill_next_sender`](Self::kill_next_sender) if it has
    /// not fired yet.
    pub fn disarm_kill(&self) {
        let _ = std::fs::remove_file(self.dir.path().join("kill_sender"));
    }

    /// How many senders the server has killed with [`kill_next_sender`](Self::kill_next_sender).
    pub fn killed(&self) -> usize {
        std::fs::read_to_string(self.dir.path().join("killed"))
            .map(|t| t.lines().count())
            .unwrap_or(0)
    }

    /// Makes the server kill process `pid` the moment it has the next
    /// message (recorded, not yet answered).
    pub fn kill_on_receipt(&self, pid: u32) {
        let path = self.dir.path().join("kill");
        std::fs::write(path.with_extension("tmp"), pid.to_string()).unwrap();
        std::fs::rename(path.with_extension("tmp"), path).unwrap();
    }

    /// Waits (bounded, 20 s) until the server has received `count` messages.
    pub fn wait_for(&self, count: usize) -> Vec<Received> {
        let until = std::time::Instant::now() + std::time::Duration::from_secs(20);
        loop {
            let received = self.received();
            if received.len() >= count || std::time::Instant::now() > until {
                return received;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One message as the server received it and Python's email module parsed it.
pub struct Received {
    /// The message as parsed by Python, with the envelope.
    pub json: Value,
    /// The message's bytes.
    pub raw: Vec<u8>,
}

impl Received {
    pub fn header(&self, name: &str) -> Vec<String> {
        self.json["headers"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|h| h[0].as_str().unwrap().eq_ignore_ascii_case(name))
            .map(|h| h[1].as_str().unwrap().to_string())
            .collect()
    }

    pub fn one(&self, name: &str) -> String {
        let values = self.header(name);
        assert_eq!(values.len(), 1, "header {name}: {values:?}");
        values[0].clone()
    }

    pub fn message_id(&self) -> String {
        self.one("Message-ID")
    }

    pub fn part(&self, kind: &str) -> String {
        let parts = self.json["parts"].as_array().unwrap();
        let found: Vec<&Value> = parts.iter().filter(|p| p["type"] == kind).collect();
        assert_eq!(found.len(), 1, "{kind} parts in {}", self.message_id());
        found[0]["content"].as_str().unwrap().replace("&#x2F;", "/")
    }

    pub fn rcpt_tos(&self) -> Vec<String> {
        self.json["rcpt_tos"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    }
}

/// Runs openssl with `args` in `dir`; the test fails if it fails.
fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("openssl must be installed for the TLS test");
    assert!(out.status.success(), "openssl {args:?}: {}", text(&out));
}

/// A self-signed certificate `STEM.pem` for `subject` and its key
/// `STEM.key` in `dir`, made with openssl: (certificate, key).
pub fn self_signed(dir: &Path, stem: &str, subject: &str) -> (PathBuf, PathBuf) {
    let (cert, key) = (format!("{stem}.pem"), format!("{stem}.key"));
    openssl(
        dir,
        &[
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", &key, "-out", &cert,
            "-days", "3650", "-subj", subject,
        ],
    );
    (dir.join(cert), dir.join(key))
}

/// A CA and a server certificate for 127.0.0.1, made with openssl.
pub fn certificates(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let run = |args: &[&str]| openssl(dir, args);
    let (ca, _) = self_signed(dir, "ca", "/CN=varsel test CA");
    run(&[
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=127.0.0.1",
    ]);
    std::fs::write(
        dir.join("ext.cnf"),
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    run(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.pem",
        "-days",
        "3650",
        "-extfile",
        "ext.cnf",
    ]);
    (ca, dir.join("server.pem"), dir.join("server.key"))
}

/// Reads the raw message `raw` into `m` as Python's `email` package does
/// with `policy.strict`, which raises on any header defect (failing the
/// test), then runs the Python `then`, which writes JSON to `sys.stdout`.
pub fn read_strictly(then: &str, raw: &[u8]) -> Value {
    let script = format!(
        "import email, email.policy, json, sys\n\
m = email.message_from_bytes(sys.stdin.buffer.read(), policy=email.policy.strict)\n{then}"
    );
    let mut child = Command::new("python3")
        .args(["-c", &script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 must be installed for the SMTP tests");
    child.stdin.take().unwrap().write_all(raw).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "policy.strict refused the message: {}",
        text(&out)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Parses an `.eml` file as the server would.
pub fn parse_eml(path: &Path) -> Received {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/smtp_sink.py");
    let out = Command::new("python3")
        .arg(script)
        .arg("--parse")
        .arg(path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    Received {
        json: serde_json::from_slice(&out.stdout).unwrap(),
        raw: std::fs::read(path).unwrap(),
    }
}

/// A port nothing listens on right now (for a server started later).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}
