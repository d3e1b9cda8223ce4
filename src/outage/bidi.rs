//! Invisible bidirectional controls in coordinators' text (SPEC §3), and
//! where in the file such a character stands: the error points at the
//! character itself, not at the start of the text that holds it.

use crate::catalogue::outage as msg;
use crate::reader::Reader;
use crate::yaml::{Node, Pos};

/// True for U+202A–U+202E and U+2066–U+2069.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The first bidirectional control character in `text` (U+202A–U+202E,
/// U+2066–U+2069), with its 1-based place: such a character can make a
/// mail client show other words than were written (SPEC §3).
pub fn bidi_control(text: &str) -> Option<(usize, char)> {
    text.chars()
        .enumerate()
        .find(|(_, c)| is_bidi_control(*c))
        .map(|(i, c)| (i + 1, c))
}

/// Reports a bidirectional control character in the text `key` of node
/// `n` (read from `source`), at the character; true if there is none.
pub(super) fn no_bidi_control(
    r: &mut Reader,
    n: &Node,
    key: &str,
    text: &str,
    source: &str,
) -> bool {
    let Some((at, c)) = bidi_control(text) else {
        return true;
    };
    let code = format!("U+{:04X}", u32::from(c));
    r.error(
        place(source, n.pos, c).unwrap_or(n.pos),
        msg::bidi_control(key, code, at),
        msg::bidi_control_hint(),
    );
    false
}

/// Where in `source` the scalar starting at `start` holds its first
/// bidirectional control, expected to be `c`: the character itself, or
/// the backslash of a `"\u202E"` escape. `None` when it cannot be told
/// (the caller then points at the start of the text).
fn place(source: &str, start: Pos, c: char) -> Option<Pos> {
    let lines: Vec<Vec<char>> = source
        .split('\n')
        .map(|l| l.trim_end_matches('\r').chars().collect())
        .collect();
    let row = start.line.checked_sub(1)? as usize;
    let col = start.column.checked_sub(1)? as usize;
    let (found, what) = match lines.get(row)?.get(col)? {
        '"' => double_quoted(&lines, row, col + 1)?,
        '\'' => single_quoted(&lines, row, col + 1)?,
        '|' | '>' => block(&lines, row)?,
        // The text of a `|` block starts on a line of its own.
        _ if lines[row][..col].iter().all(|c| *c == ' ') => block_content(&lines, row, col)?,
        _ => plain(&lines, row, col)?,
    };
    (what == c).then_some(Pos {
        line: found.0 as u32 + 1,
        column: found.1 as u32 + 1,
    })
}

/// A place (0-based line and column in characters) and the control there.
type Found = ((usize, usize), char);

/// Every character from (`row`, `col`) to the end of the file, with its place.
fn chars_from(lines: &[Vec<char>], row: usize, col: usize) -> impl Iterator<Item = Found> + '_ {
    lines
        .iter()
        .enumerate()
        .skip(row)
        .flat_map(move |(r, line)| {
            let from = if r == row { col } else { 0 };
            line.iter()
                .enumerate()
                .skip(from)
                .map(move |(c, ch)| ((r, c), *ch))
                .chain(std::iter::once(((r, line.len()), '\n')))
        })
}

fn double_quoted(lines: &[Vec<char>], row: usize, col: usize) -> Option<Found> {
    let mut chars = chars_from(lines, row, col);
    while let Some((at, ch)) = chars.next() {
        match ch {
            '"' => return None,
            '\\' => {
                let (_, kind) = chars.next()?;
                let digits = match kind {
                    'x' => 2,
                    'u' => 4,
                    'U' => 8,
                    _ => continue,
                };
                let hex: String = chars.by_ref().take(digits).map(|(_, h)| h).collect();
                let escaped = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32);
                if let Some(e) = escaped.filter(|e| is_bidi_control(*e)) {
                    return Some((at, e));
                }
            }
            c if is_bidi_control(c) => return Some((at, c)),
            _ => {}
        }
    }
    None
}

fn single_quoted(lines: &[Vec<char>], row: usize, col: usize) -> Option<Found> {
    let mut chars = chars_from(lines, row, col).peekable();
    while let Some((at, ch)) = chars.next() {
        match ch {
            '\'' if chars.peek().is_some_and(|(_, n)| *n == '\'') => {
                chars.next();
            }
            '\'' => return None,
            c if is_bidi_control(c) => return Some((at, c)),
            _ => {}
        }
    }
    None
}

fn indent(line: &[char]) -> usize {
    line.iter().take_while(|c| **c == ' ').count()
}

fn is_blank(line: &[char]) -> bool {
    line.iter().all(|c| c.is_whitespace())
}

/// A `|` or `>` block whose header is on line `row`: its content lines are
/// those indented at least as far as the first one (blank lines between).
fn block(lines: &[Vec<char>], row: usize) -> Option<Found> {
    let header_indent = indent(&lines[row]);
    let mut content_indent = None;
    for (r, line) in lines.iter().enumerate().skip(row + 1) {
        if is_blank(line) {
            continue;
        }
        let here = indent(line);
        let least = *content_indent.get_or_insert(here);
        if here < least || here <= header_indent {
            return None;
        }
        if let Some(c) = line.iter().position(|c| is_bidi_control(*c)) {
            return Some(((r, c), line[c]));
        }
    }
    None
}

/// Text starting at column `col` of line `row` (the first line of a block):
/// that line and the lines after it indented at least as far, blank lines
/// between.
fn block_content(lines: &[Vec<char>], row: usize, col: usize) -> Option<Found> {
    for (r, line) in lines.iter().enumerate().skip(row) {
        if is_blank(line) {
            continue;
        }
        if indent(line) < col {
            return None;
        }
        if let Some(c) = line.iter().position(|c| is_bidi_control(*c)) {
            return Some(((r, c), line[c]));
        }
    }
    None
}

/// A plain scalar: the rest of its line up to a comment, then lines
/// indented further than that line (a folded continuation).
fn plain(lines: &[Vec<char>], row: usize, col: usize) -> Option<Found> {
    let find = |r: usize, from: usize| {
        let line = &lines[r];
        (from..line.len())
            .take_while(|i| !(line[*i] == '#' && *i > 0 && line[*i - 1] == ' '))
            .find(|i| is_bidi_control(line[*i]))
            .map(|i| ((r, i), line[i]))
    };
    if let Some(found) = find(row, col) {
        return Some(found);
    }
    let start_indent = indent(&lines[row]);
    for (r, line) in lines.iter().enumerate().skip(row + 1) {
        if is_blank(line) {
            continue;
        }
        if indent(line) <= start_indent || line[indent(line)] == '#' {
            return None;
        }
        if let Some(found) = find(r, 0) {
            return Some(found);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The place (line, column) reported for `source`'s value at (line, column).
    fn at(source: &str, line: u32, column: u32) -> Option<(u32, u32)> {
        let text_c = source
            .chars()
            .find(|c| is_bidi_control(*c))
            .unwrap_or('\u{202E}');
        place(source, Pos { line, column }, text_c).map(|p| (p.line, p.column))
    }

    #[test]
    fn an_inline_title_is_reported_at_the_character() {
        assert_eq!(at("title: A\u{202E}B\n", 1, 8), Some((1, 9)));
        assert_eq!(at("title: \"A\u{202E}B\"\n", 1, 8), Some((1, 10)));
        assert_eq!(at("title: 'it''s \u{202E}B'\n", 1, 8), Some((1, 15)));
        // A comment after the text is not the text.
        assert_eq!(at("title: AB # \u{202E}\n", 1, 8), None);
    }

    #[test]
    fn an_escape_is_reported_at_its_backslash() {
        let source = "title: \"A \\\"q\\\" \\u202E B\"\n";
        assert_eq!(
            place(source, Pos { line: 1, column: 8 }, '\u{202E}'),
            Some(Pos {
                line: 1,
                column: 17
            })
        );
    }

    #[test]
    fn a_block_is_reported_on_the_line_of_the_character() {
        let source = "updates:\n  - at: 2026-12-01 09:00\n    text: | # \u{202B}\n      Første linje\n\n      Ring \u{202A}oss\ntitle: x\n";
        assert_eq!(
            place(
                source,
                Pos {
                    line: 3,
                    column: 11
                },
                '\u{202A}'
            ),
            Some(Pos {
                line: 6,
                column: 12
            })
        );
        // The block ends where the indentation does.
        let source = "text: |\n  ren tekst\ntitle: \u{202A}\n";
        assert_eq!(at(source, 1, 7), None);
    }

    #[test]
    fn a_block_reported_from_its_first_text_line_is_followed_down() {
        // The reader gives a `|` block the place of its first text line.
        let source = "updates:\n  - at: 2026-12-01 09:00\n    text: |\n      Første linje\n\n      Ring \u{202A}oss\n  - at: 2026-12-01 10:00\n";
        assert_eq!(
            place(source, Pos { line: 4, column: 7 }, '\u{202A}'),
            Some(Pos {
                line: 6,
                column: 12
            })
        );
        let source = "text: |\n  ren tekst\ntitle: \u{202A}\n";
        assert_eq!(at(source, 2, 3), None);
    }

    /// The place found from the positions the YAML reader gives a `|`
    /// title and an update text, with its shortcut for comment-free files
    /// (this shape) and without (a comment sends the file to the full reader).
    #[test]
    fn the_readers_positions_lead_to_the_character() {
        let body = "title: |\n  Første linje\n  Ring \u{202A}oss\nupdates:\n  - { at: 2026-12-01 10:00, text: \"x \u{2066}y\" }\n";
        for (source, shift) in [(body.to_string(), 0), (format!("# kommentar\n{body}"), 1)] {
            let tree = crate::yaml::parse(&source).unwrap();
            let crate::yaml::Value::Map(top) = &tree.value else {
                panic!("{tree:?}")
            };
            let crate::yaml::Value::Seq(updates) = &top[1].1.value else {
                panic!("{tree:?}")
            };
            let crate::yaml::Value::Map(update) = &updates[0].value else {
                panic!("{tree:?}")
            };
            let found = |n: &Node, c| place(&source, n.pos, c).map(|p| (p.line, p.column));
            assert_eq!(
                found(&top[0].1, '\u{202A}'),
                Some((3 + shift, 8)),
                "{source}"
            );
            assert_eq!(
                found(&update[1].1, '\u{2066}'),
                Some((5 + shift, 38)),
                "{source}"
            );
        }
    }

    #[test]
    fn an_update_in_a_flow_mapping_is_reported_at_the_character() {
        let source = "updates:\n  - { at: 2026-12-01 09:00, text: \"Ring \u{2068}+47\u{2069}\" }\n";
        assert_eq!(
            place(
                source,
                Pos {
                    line: 2,
                    column: 35
                },
                '\u{2068}'
            ),
            Some(Pos {
                line: 2,
                column: 41
            })
        );
    }

    #[test]
    fn a_folded_plain_text_is_followed_to_its_next_line() {
        let source = "title: en\n  to \u{2066}tre\nkind: planned\n";
        assert_eq!(at(source, 1, 8), Some((2, 6)));
    }
}
