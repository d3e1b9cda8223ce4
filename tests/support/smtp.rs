//! A running aiosmtpd recorder (tests/support/smtp_sink.py) for the tests
//! that send mail; killed when dropped.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// The SMTP sink: every message it accepts lands in its folder.
pub struct Sink {
    child: Child,
    /// The port it listens on (127.0.0.1).
    pub port: u16,
    dir: tempfile::TempDir,
}

impl Sink {
    /// A sink on a free port.
    pub fn start() -> Sink {
        Sink::start_with(&[])
    }

    /// A sink on `port` (one taken with [`free_port`]).
    pub fn start_on(port: u16) -> Sink {
        Sink::start_with(&["--port", &port.to_string()])
    }

    /// A sink started with extra arguments of smtp_sink.py.
    pub fn start_with(extra: &[&str]) -> Sink {
        let dir = tempfile::tempdir().unwrap();
        let script = super::repository().join("tests/support/smtp_sink.py");
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
                let _ = child.wait();
                panic!("the SMTP sink did not start (is aiosmtpd installed? `pip install aiosmtpd`); it said {line:?}")
            });
        Sink { child, port, dir }
    }

    /// `smtp://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message received so far, in order, as smtp_sink.py describes
    /// it (`headers`, `received_at`, `rcpt_tos`, `parts`, ...).
    pub fn received(&self) -> Vec<serde_json::Value> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
            .collect()
    }

    /// Makes the server wait `seconds` before answering DATA (None: answer at once).
    pub fn delay(&self, seconds: Option<f64>) {
        let path = self.dir.path().join("delay");
        match seconds {
            Some(s) => std::fs::write(path, s.to_string()).unwrap(),
            None => {
                let _ = std::fs::remove_file(path);
            }
        }
    }

    /// The sink's folder.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One header of a received message (`None` if absent).
pub fn header(message: &serde_json::Value, name: &str) -> Option<String> {
    message["headers"]
        .as_array()?
        .iter()
        .find(|h| h[0].as_str().is_some_and(|k| k.eq_ignore_ascii_case(name)))
        .and_then(|h| h[1].as_str().map(str::to_string))
}

/// A port nothing listens on right now (for a server started later).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}
