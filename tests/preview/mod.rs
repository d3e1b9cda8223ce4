//! Runs `varsel serve` for a test: starts it on a free port of 127.0.0.1,
//! speaks plain HTTP to it, follows its live-reload event stream, and kills
//! it when dropped.

// Each test binary uses a different part of this module.
#![allow(dead_code)]
#![allow(unreachable_pub)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A planned outage on 3 December 2026, 18:00–22:00, affecting Halden.
pub const OUTAGE: &str = "\
title: Oppgradering av meldingstjener
kind: planned
start: 2026-12-03 18:00
end: 2026-12-03 22:00
systems: [plo]
municipalities: [halden]
description: Meldingstjeneren oppgraderes.
";

/// A running `varsel serve`.
pub struct Preview {
    child: Child,
    /// The port it listens on.
    pub port: u16,
    /// What it printed on stdout so far, line by line.
    pub stdout: Arc<Mutex<Vec<String>>>,
}

impl Preview {
    /// Starts `varsel serve --port 0` on `root` with `--now now` and waits
    /// for the line that names its address.
    pub fn start(root: &Path, now: &str) -> Preview {
        Self::launch(root, &["--lang", "en", "--now", now])
    }

    /// Starts `varsel serve --port 0` on `root` with `--now now`, in the
    /// site's language (`None`) or `--lang lang`.
    pub fn start_in(root: &Path, now: &str, lang: Option<&str>) -> Preview {
        match lang {
            Some(lang) => Self::launch(root, &["--lang", lang, "--now", now]),
            None => Self::launch(root, &["--now", now]),
        }
    }

    /// Starts `varsel serve --port 0` on `root` following the clock (no
    /// `--now`), as the README's quick start does.
    pub fn on_the_clock(root: &Path) -> Preview {
        Self::launch(root, &["--lang", "en"])
    }

    fn launch(root: &Path, options: &[&str]) -> Preview {
        let mut child = Command::new(env!("CARGO_BIN_EXE_varsel"))
            .arg("--root")
            .arg(root)
            .args(options)
            .args(["serve", "--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("varsel serve starts");
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines();
        let first = lines.next().and_then(Result::ok).unwrap_or_default();
        let printed = Arc::new(Mutex::new(vec![first.clone()]));
        // Keep draining stdout so the server never blocks on a full pipe.
        let sink = Arc::clone(&printed);
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                if let Ok(mut sink) = sink.lock() {
                    sink.push(line);
                }
            }
        });
        let address = first
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("no address in {first:?}"));
        assert!(
            address.starts_with("127.0.0.1:"),
            "binds {address}, not 127.0.0.1"
        );
        let port = address.rsplit(':').next().unwrap().parse().unwrap();
        Preview {
            child,
            port,
            stdout: printed,
        }
    }

    /// `http://127.0.0.1:PORT{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// GET `path` exactly as given (no normalisation): status and body.
    pub fn get(&self, path: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let text = String::from_utf8_lossy(&raw).into_owned();
        let status = text
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let body = text
            .split_once("\r\n\r\n")
            .map_or("", |(_, b)| b)
            .to_string();
        (status, body)
    }

    /// Opens the live-reload event stream.
    pub fn events(&self) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(
            stream,
            "GET /_varsel/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        )
        .unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        while reader.read_line(&mut line).unwrap() > 0 && line != "\r\n" {
            line.clear();
        }
        Events { reader }
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The server-sent event stream of one client.
pub struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    /// The next generation number the server announces (skipping pings);
    /// panics after 20 s of silence.
    pub fn next(&mut self) -> u64 {
        let mut line = String::new();
        loop {
            line.clear();
            let n = self
                .reader
                .read_line(&mut line)
                .expect("an event within 20 s");
            assert!(n > 0, "the event stream closed");
            if let Some(data) = line.trim_end().strip_prefix("data: ") {
                return data.parse().unwrap();
            }
        }
    }
}

/// Polls `check` every 10 ms until it returns true; panics after `limit`.
/// Returns how long it took.
pub fn wait_until(limit: Duration, what: &str, mut check: impl FnMut() -> bool) -> Duration {
    let started = Instant::now();
    while !check() {
        assert!(
            started.elapsed() < limit,
            "timed out after {limit:?} waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    started.elapsed()
}
