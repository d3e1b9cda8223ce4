//! The journal of `send --watch`: one line per event, starting with its
//! time in the site zone (journald-friendly: no line is ever split).

use chrono::Utc;
use chrono_tz::Tz;

use crate::catalogue::watch as msg;
use crate::diagnostic::Diagnostic;
use crate::localtime::rfc3339;

/// The watcher's journal: one line per event, starting with the time in
/// the site zone.
pub(super) struct Log {
    /// The site zone (read again with every pass).
    pub(super) tz: Tz,
    /// The problems logged last, so each is logged once per change.
    problems: Vec<String>,
}

impl Log {
    /// A journal with times in `tz`.
    pub(super) fn new(tz: Tz) -> Log {
        Log {
            tz,
            problems: Vec::new(),
        }
    }

    fn stamp(&self) -> String {
        rfc3339(&Utc::now().with_timezone(&self.tz))
    }

    /// An event, on standard output.
    pub(super) fn info(&self, text: &str) {
        println!("{} {text}", self.stamp());
    }

    /// A problem, on standard error.
    pub(super) fn error(&self, text: &str) {
        eprintln!("{} {}", self.stamp(), msg::error_label(text));
    }

    /// Logs the errors among `diagnostics`, one line each, if they differ
    /// from the last ones logged; says so when they are gone. Returns how
    /// many lines it logged.
    pub(super) fn problems(&mut self, diagnostics: &[Diagnostic], consequence: &str) -> usize {
        let lines: Vec<String> = diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| {
                format!(
                    "{}:{}:{}: {}{} ({consequence})",
                    d.file,
                    d.line,
                    d.column,
                    d.message,
                    d.hint.as_deref().map(msg::hint).unwrap_or_default()
                )
                .replace('\n', " ")
            })
            .collect();
        if lines == self.problems {
            return 0;
        }
        if lines.is_empty() {
            self.info(&msg::valid_again());
        }
        for line in &lines {
            self.error(line);
        }
        self.problems = lines;
        self.problems.len().max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::Pos;

    #[test]
    fn problems_are_logged_once_per_change() {
        let mut log = Log::new(chrono_tz::Europe::Oslo);
        let broken = |message: &str| {
            vec![Diagnostic::error(
                "outages/a.yaml",
                Pos { line: 2, column: 7 },
                message,
            )]
        };
        assert_eq!(log.problems(&[], "left out"), 0);
        assert_eq!(log.problems(&broken("unknown kind"), "left out"), 1);
        assert_eq!(log.problems(&broken("unknown kind"), "left out"), 0);
        assert_eq!(log.problems(&broken("missing end"), "left out"), 1);
        // Fixed: one line says so, then silence.
        assert_eq!(log.problems(&[], "left out"), 1);
        assert_eq!(log.problems(&[], "left out"), 0);
    }
}
