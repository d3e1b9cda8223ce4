//! `varsel send` on a fixture site and the ledger it writes, for the
//! test binaries that send (send, relay, told, watch, oauth).

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

use super::Site;

impl Site {
    /// A valid minimal site ([`Site::new`]) with an empty ledger and an
    /// empty `outages/`: what a watching sender starts on.
    pub fn without_outages() -> Site {
        let site = Site::new().file("ledger.jsonl", "");
        std::fs::create_dir_all(site.root().join("outages")).expect("create outages/");
        site
    }

    /// The site's ledger, `ledger.jsonl` in its root.
    pub fn ledger(&self) -> PathBuf {
        self.root().join("ledger.jsonl")
    }

    /// `varsel --lang en --now NOW send --ledger LEDGER`, to `url` when
    /// given. The run's messages are in English (the sites speak bokmål),
    /// as the tests assert them.
    pub fn send_command(&self, now: &str, url: Option<&str>) -> Command {
        let ledger = self.ledger();
        let ledger = ledger.to_str().unwrap();
        let mut cmd = self.command(&["--lang", "en", "--now", now, "send", "--ledger", ledger]);
        if let Some(url) = url {
            cmd.env("VARSEL_SMTP_URL", url);
        }
        cmd
    }

    /// `varsel --lang en send --watch --ledger LEDGER EXTRA`: a watcher,
    /// on the real clock.
    pub fn watch_command(&self, extra: &[&str]) -> Command {
        let ledger = self.ledger();
        let ledger = ledger.to_str().unwrap();
        let mut args = vec!["--lang", "en", "send", "--watch", "--ledger", ledger];
        args.extend_from_slice(extra);
        self.command(&args)
    }

    /// Runs [`Site::send_command`] against `url`.
    pub fn send(&self, now: &str, url: &str) -> Output {
        self.send_command(now, Some(url)).output().unwrap()
    }

    /// Every ledger record, in order: none without a ledger, and a line
    /// that is not JSON (a torn last line) passed over.
    pub fn records(&self) -> Vec<Value> {
        std::fs::read_to_string(self.ledger())
            .unwrap_or_default()
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect()
    }

    /// The states recorded for the message `message_id`, in order.
    pub fn states(&self, message_id: &str) -> Vec<String> {
        self.records()
            .iter()
            .filter(|r| r["message_id"] == message_id)
            .map(|r| r["state"].as_str().unwrap().to_string())
            .collect()
    }
}
