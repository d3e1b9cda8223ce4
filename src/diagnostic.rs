//! Problems found in a site's files, and the three ways `check` prints them.
//!
//! Every problem names a file, a 1-based line and column, says in plain words
//! what is wrong and, where we can, how to fix it. `human` output looks like a
//! compiler diagnostic with the offending line underlined; `json` is SPEC §6;
//! `github` is workflow-command annotations for pull requests.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term;
use serde::Serialize;

use crate::catalogue::cli as msg;
use crate::yaml::Pos;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file cannot be used; `check` fails.
    Error,
    /// Probably a mistake; `check` fails only with `--deny-warnings`.
    Warning,
}

/// One problem at one place in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning (not part of the JSON object; the list it is in says).
    #[serde(skip)]
    pub severity: Severity,
    /// Path relative to the site root, with `/` separators.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
    /// What is wrong, in plain words.
    pub message: String,
    /// How to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// The place in a workbook, such as `Kommuner!C14` (then `line` and
    /// `column` are the cell's row and column number); empty for the
    /// workbook as a whole (not shown, and `line` and `column` are 1).
    #[serde(skip_serializing_if = "no_cell")]
    pub cell: Option<String>,
}

fn no_cell(cell: &Option<String>) -> bool {
    cell.as_deref().is_none_or(str::is_empty)
}

impl Diagnostic {
    /// An error at `pos` in `file`.
    pub fn error(file: &str, pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_string(),
            line: pos.line.max(1),
            column: pos.column.max(1),
            message: message.into(),
            hint: None,
            cell: None,
        }
    }

    /// A warning at `pos` in `file`.
    pub fn warning(file: &str, pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Self::error(file, pos, message)
        }
    }

    /// The same problem with a hint on how to fix it.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The same problem at a sheet or cell of a workbook (`Kommuner!C14`).
    pub fn at_cell(mut self, cell: impl Into<String>) -> Self {
        self.cell = Some(cell.into());
        self
    }

    /// True for a problem with a command-line argument (`--now`, `--root`)
    /// rather than a place in a file: its `file` is the argument's name.
    pub fn is_argument(&self) -> bool {
        self.file.starts_with("--")
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The text of the files that diagnostics point into, so the human format
/// can show the offending line.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    files: BTreeMap<String, String>,
}

impl Sources {
    /// Remembers the text of `file`.
    pub fn add(&mut self, file: &str, text: &str) {
        self.files.insert(file.to_string(), text.to_string());
    }

    /// Forgets the text of `file`.
    pub fn remove(&mut self, file: &str) {
        self.files.remove(file);
    }

    fn get(&self, file: &str) -> Option<&str> {
        self.files.get(file).map(String::as_str)
    }
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Compiler-style messages with the offending line shown.
    Human,
    /// `{"errors": [...], "warnings": [...]}` (SPEC §6).
    Json,
    /// GitHub Actions workflow annotations.
    Github,
}

/// Renders all diagnostics in `format`; errors first, then warnings, each in
/// file and line order.
pub fn render(diagnostics: &[Diagnostic], sources: &Sources, format: Format) -> String {
    let mut sorted: Vec<&Diagnostic> = diagnostics.iter().collect();
    sorted.sort_by(|a, b| {
        (a.severity, &a.file, a.line, a.column).cmp(&(b.severity, &b.file, b.line, b.column))
    });
    match format {
        Format::Human => sorted.iter().map(|d| render_human(d, sources)).collect(),
        Format::Json => render_json(&sorted),
        Format::Github => sorted.iter().map(|d| render_github(d)).collect(),
    }
}

/// One diagnostic, compiler style, ending in a blank line.
pub fn render_human(d: &Diagnostic, sources: &Sources) -> String {
    let source = sources.get(&d.file).unwrap_or("");
    let range = underline_range(source, d.line, d.column);
    let file = SimpleFile::new(d.file.as_str(), shown(source));
    let mut diagnostic = match d.severity {
        Severity::Error => cs::Diagnostic::error(),
        Severity::Warning => cs::Diagnostic::warning(),
    }
    .with_message(&d.message);
    if let Some(cell) = &d.cell {
        let place = if cell.is_empty() {
            crate::catalogue::workbook::in_file(&d.file)
        } else {
            crate::catalogue::workbook::at_cell(&d.file, cell)
        };
        diagnostic = diagnostic.with_notes(vec![place]);
    } else if let Some(range) = range {
        diagnostic = diagnostic.with_labels(vec![cs::Label::primary((), range)]);
    } else if !d.is_argument() {
        diagnostic = diagnostic.with_notes(vec![msg::at_place(&d.file, d.line, d.column)]);
    }
    if let Some(hint) = &d.hint {
        diagnostic.notes.push(msg::hint_label(hint));
    }
    let config = term::Config::default();
    let text = term::emit_into_string(&config, &file, &diagnostic)
        .unwrap_or_else(|_| format!("{}:{}:{}: {}\n", d.file, d.line, d.column, d.message));
    // The renderer names the severity in English; say it in the reader's
    // language.
    let (english, label) = match d.severity {
        Severity::Error => ("error:", msg::error_label()),
        Severity::Warning => ("warning:", msg::warning_label()),
    };
    match text.strip_prefix(english) {
        Some(rest) => format!("{label}:{rest}"),
        None => text,
    }
}

/// True for the invisible direction controls U+202A–U+202E, U+2066–U+2069.
fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `source` as the terminal shows it: each direction control replaced by
/// `�`, so that the quoted line reads as written (the control would
/// reorder it) and the caret has a character to stand under. Both take
/// three bytes in UTF-8, so byte ranges stay the same.
fn shown(source: &str) -> std::borrow::Cow<'_, str> {
    if source.contains(is_direction_control) {
        source.replace(is_direction_control, "\u{FFFD}").into()
    } else {
        source.into()
    }
}

/// Byte range from (line, column) to the end of the token there (the rest
/// of the line, trimmed; a tab or a direction control alone, so that the
/// caret shows the character a message names), or `None` when the position
/// is not in the text.
fn underline_range(source: &str, line: u32, column: u32) -> Option<std::ops::Range<usize>> {
    let mut offset = 0;
    for (index, text) in source.split_inclusive('\n').enumerate() {
        if index + 1 == line as usize {
            let content = text.trim_end_matches(['\n', '\r']);
            let start = content
                .char_indices()
                .nth(column.saturating_sub(1) as usize)
                .map_or(content.len(), |(i, _)| i);
            let rest = &content[start..];
            if rest.starts_with('\t') {
                return Some(offset + start..offset + start + 1);
            }
            // A direction control alone (shown as `�`, see [`shown`]), so
            // that the caret stands under the character a message names.
            if let Some(c) = rest.chars().next().filter(|c| is_direction_control(*c)) {
                return Some(offset + start..offset + start + c.len_utf8());
            }
            let token = [": ", ", ", ",", "]", "}", " #"]
                .iter()
                .filter_map(|stop| rest.find(stop))
                .filter(|i| *i > 0)
                .min()
                .unwrap_or(rest.trim_end().len());
            let end = start + token;
            let end = if end == start {
                (start + content[start..].chars().next().map_or(0, char::len_utf8))
                    .min(content.len())
            } else {
                end
            };
            return Some(offset + start..offset + end);
        }
        offset += text.len();
    }
    None
}

fn render_json(sorted: &[&Diagnostic]) -> String {
    let (errors, warnings): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
        sorted.iter().partition(|d| d.is_error());
    let value = serde_json::json!({ "errors": errors, "warnings": warnings });
    format!("{value:#}\n")
}

/// A GitHub workflow command; `%`, CR, LF (and `,` `:` in properties) are
/// escaped as the runner documents.
fn render_github(d: &Diagnostic) -> String {
    let command = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut message = match &d.cell {
        Some(cell) if !cell.is_empty() => format!("{cell}: {}", d.message),
        _ => d.message.clone(),
    };
    if let Some(hint) = &d.hint {
        let _ = write!(message, "\n{}", msg::hint_label(hint));
    }
    format!(
        "::{command} file={},line={},col={},title=varsel check::{}\n",
        escape_property(&d.file),
        d.line,
        d.column,
        escape_data(&message)
    )
}

fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> (Vec<Diagnostic>, Sources) {
        let mut sources = Sources::default();
        sources.add("outages/a.yaml", "title: x\nkind: plannd\n");
        let d = Diagnostic::error(
            "outages/a.yaml",
            Pos { line: 2, column: 7 },
            "unknown kind `plannd`",
        )
        .with_hint("write `planned` or `acute`");
        (vec![d], sources)
    }

    #[test]
    fn human_shows_the_line_and_hint() {
        let (d, s) = sample();
        let out = render(&d, &s, Format::Human);
        assert!(out.contains("outages/a.yaml:2:7"), "{out}");
        assert!(out.contains("kind: plannd"), "{out}");
        assert!(out.contains("hint: write `planned`"), "{out}");
    }

    #[test]
    fn json_matches_the_spec_fields() {
        let (d, s) = sample();
        let v: serde_json::Value = serde_json::from_str(&render(&d, &s, Format::Json)).unwrap();
        assert_eq!(v["errors"][0]["file"], "outages/a.yaml");
        assert_eq!(v["errors"][0]["line"], 2);
        assert_eq!(v["errors"][0]["column"], 7);
        assert_eq!(v["warnings"].as_array().unwrap().len(), 0);
    }

    #[test]
    fn github_escapes_newlines_and_commas() {
        let d = Diagnostic::error(
            "outages/a,b.yaml",
            Pos { line: 1, column: 1 },
            "50% bad\nreally",
        );
        let out = render_github(&d);
        assert_eq!(
            out,
            "::error file=outages/a%2Cb.yaml,line=1,col=1,title=varsel check::50%25 bad%0Areally\n"
        );
    }

    #[test]
    fn a_direction_control_is_shown_and_underlined_as_one_character() {
        let source = "a\nRing \u{202A}oss\n";
        // "Ring " then U+202A, three bytes.
        assert_eq!(underline_range(source, 2, 6), Some(7..10));
        assert_eq!(shown(source), "a\nRing \u{FFFD}oss\n");
        assert_eq!(shown(source).len(), source.len());
        let d = Diagnostic::error("o.yaml", Pos { line: 2, column: 6 }, "bidi");
        let mut sources = Sources::default();
        sources.add("o.yaml", source);
        let text = render_human(&d, &sources);
        assert!(!text.contains('\u{202A}'), "{text}");
        let quoted = text.lines().position(|l| l.ends_with("Ring \u{FFFD}oss"));
        let caret = text.lines().nth(quoted.expect(&text) + 1).unwrap_or("");
        assert_eq!(
            caret.find('^'),
            text.lines().nth(quoted.unwrap()).unwrap().find('\u{FFFD}'),
            "{text}"
        );
    }

    #[test]
    fn underline_survives_positions_outside_the_text() {
        assert_eq!(underline_range("abc\n", 9, 1), None);
        assert_eq!(underline_range("abc\n", 1, 99), Some(3..3));
        assert_eq!(underline_range("æøå: x\n", 1, 6), Some(8..9));
        assert_eq!(underline_range("a: 1\n\tb: 2\n", 2, 1), Some(5..6));
    }
}
