//! The SMTP server of the email tests: aiosmtpd, through
//! tests/support/smtp_sink.py, started per test and stopped when dropped.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use serde_json::Value;

/// A running aiosmtpd recorder; killed when dropped.
pub struct Sink {
    child: Child,
    /// The port it listens on.
    pub port: u16,
    dir: tempfile::TempDir,
}

impl Sink {
    pub fn start() -> Sink {
        Sink::start_with(&[])
    }

    pub fn start_with(extra: &[&str]) -> Sink {
        let dir = tempfile::tempdir().unwrap();
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/smtp_sink.py");
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
        let port = line
            .trim()
            .strip_prefix("PORT ")
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| {
                let _ = child.kill();
                panic!("the SMTP sink did not start (is aiosmtpd installed? `pip install aiosmtpd`); it said {line:?}")
            });
        Sink { child, port, dir }
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

    pub fn delay(&self, seconds: f64) {
        std::fs::write(self.dir.path().join("delay"), seconds.to_string()).unwrap();
    }

    /// Makes the server kill the sender of the next message the moment it
    /// has recorded it (before answering 250).
    pub fn kill_next_sender(&self) {
        std::fs::write(self.dir.path().join("kill"), "1").unwrap();
    }

    /// The folder the server records into and reads its steering files from.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// How many senders the server has killed.
    pub fn killed(&self) -> usize {
        std::fs::read_to_string(self.dir.path().join("killed"))
            .map(|t| t.lines().count())
            .unwrap_or(0)
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
    /// The JSON the sink wrote (headers, parts, envelope).
    pub json: Value,
    /// The raw message.
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
