//! A fast reader for the shape almost every outage file has: top-level
//! `key: value` lines whose values are one-line plain or double-quoted
//! text, whole numbers, `[a, b]` lists, a `|` block of text, or a block list
//! of one-line `{ key: value }` mappings.
//!
//! It is only a shortcut: for anything outside that shape (comments, tabs,
//! single quotes, escapes, anchors, nested blocks, words YAML might read as
//! true/false/null, ...) it answers `None` and the full reader
//! ([`super::parse_full`]) decides. Whenever it answers, the tree is exactly
//! the one the full reader builds, positions included; the tests compare
//! the two on many files.

use super::{Node, Pos, Value};

/// Files larger than this always go to the full reader (its size limits
/// then apply as before).
const MAX_BYTES: usize = 256 * 1024;

/// More nodes than this also go to the full reader (its limit is far higher).
const MAX_NODES: usize = 2_000;

/// The tree of `source`, or `None` when the full reader must decide.
pub(super) fn parse(source: &str) -> Option<Node> {
    if source.len() > MAX_BYTES || !plain_characters(source.as_bytes()) {
        return None;
    }
    let lines: Vec<&str> = source.split('\n').collect();
    let mut doc = Doc {
        lines: &lines,
        nodes: 0,
    };
    let entries = doc.top_level()?;
    (doc.nodes <= MAX_NODES).then_some(Node {
        value: Value::Map(entries),
        pos: Pos { line: 1, column: 1 },
    })
}

/// True if `bytes` holds only characters the fast reader handles the same
/// way as the full one: printable characters and `\n` (no tabs, `\r`,
/// byte order marks, C1 controls or Unicode line separators).
fn plain_characters(bytes: &[u8]) -> bool {
    // Blocks without control bytes or the lead bytes of the doubtful
    // characters (U+0080–U+009F, U+2028/U+2029, U+FEFF, U+FFFE/U+FFFF) are
    // cleared at once; the others are looked at byte by byte.
    const BLOCK: usize = 64;
    let mut blocks = bytes.chunks_exact(BLOCK);
    for (n, block) in blocks.by_ref().enumerate() {
        if !plain_block(bytes, n * BLOCK, block) {
            return false;
        }
    }
    let tail = blocks.remainder();
    plain_block(bytes, bytes.len() - tail.len(), tail)
}

/// [`plain_characters`] for the bytes `block` that start at `start`.
#[inline(always)]
fn plain_block(bytes: &[u8], start: usize, block: &[u8]) -> bool {
    // Plain u8 arithmetic so that the compiler checks many bytes at once.
    let (mut control, mut doubtful) = (0u8, 0u8);
    for &b in block {
        control |= (u8::from(b < 0x20) & u8::from(b != b'\n')) | u8::from(b == 0x7F);
        doubtful |= u8::from(b == 0xC2) | u8::from(b == 0xE2) | u8::from(b == 0xEF);
    }
    control == 0 && (doubtful == 0 || plain_multibyte(bytes, start, block.len()))
}

/// The byte-by-byte check of `len` bytes from `start` for
/// [`plain_characters`] (a character may run past the block's end).
fn plain_multibyte(bytes: &[u8], start: usize, len: usize) -> bool {
    let next = |i: usize| bytes.get(i).copied().unwrap_or(0);
    (start..start + len).all(|i| match bytes[i] {
        0xC2 => next(i + 1) >= 0xA0,
        0xE2 => !(next(i + 1) == 0x80 && matches!(next(i + 2), 0xA8 | 0xA9)),
        0xEF => {
            !(next(i + 1) == 0xBB && next(i + 2) == 0xBF
                || next(i + 1) == 0xBF && next(i + 2) >= 0xBE)
        }
        _ => true,
    })
}

/// The file's lines and how many nodes were made.
struct Doc<'a> {
    lines: &'a [&'a str],
    nodes: usize,
}

impl Doc<'_> {
    /// Every `key: value` entry of the top-level mapping.
    fn top_level(&mut self) -> Option<Vec<(Node, Node)>> {
        let mut entries = Vec::new();
        let mut i = 0;
        while i < self.lines.len() {
            let line = self.lines[i];
            if line.is_empty() {
                if i == 0 {
                    return None;
                }
                i += 1;
                continue;
            }
            let (key, rest) = key_and_rest(line)?;
            let key = self.node(plain_value(key)?, i, 0);
            let (value, next) = if rest.is_empty() {
                self.block_list(i + 1)?
            } else {
                let spaces = rest.len() - rest.trim_start_matches(' ').len();
                if spaces == 0 {
                    return None;
                }
                let start = line.len() - rest.len() + spaces;
                self.inline_value(i, start)?
            };
            entries.push((key, value));
            i = next;
        }
        (!entries.is_empty()).then_some(entries)
    }

    /// A node at byte `start` of line `index` (0-based both).
    fn node(&mut self, value: Value, index: usize, start: usize) -> Node {
        self.nodes += 1;
        Node {
            value,
            pos: Pos {
                line: index as u32 + 1,
                column: self.lines[index][..start].chars().count() as u32 + 1,
            },
        }
    }

    /// The value that starts at byte `start` of line `index`, and the index
    /// of the line after it.
    fn inline_value(&mut self, index: usize, start: usize) -> Option<(Node, usize)> {
        let text = &self.lines[index][start..];
        if text == "|" {
            return self.literal_block(index + 1);
        }
        let value = match *text.as_bytes().first()? {
            b'"' => Value::Str(quoted(text)?.to_string()),
            b'[' => return Some((self.flow_list(index, start)?, index + 1)),
            _ => block_plain(text)?,
        };
        Some((self.node(value, index, start), index + 1))
    }

    /// A `|` block whose text starts on line `first`.
    fn literal_block(&mut self, first: usize) -> Option<(Node, usize)> {
        let head = *self.lines.get(first)?;
        let indent = head.len() - head.trim_start_matches(' ').len();
        if indent == 0 || indent == head.len() {
            return None;
        }
        let mut body: Vec<&str> = Vec::new();
        let mut end = first;
        while let Some(line) = self.lines.get(end) {
            if line.is_empty() {
                body.push("");
            } else if line.trim_start_matches(' ').is_empty() {
                return None;
            } else if line.len() - line.trim_start_matches(' ').len() >= indent {
                body.push(&line[indent..]);
            } else {
                break;
            }
            end += 1;
        }
        if end == self.lines.len() && self.lines.last() != Some(&"") {
            // No line break after the last line: the full reader keeps none.
            return None;
        }
        while body.last() == Some(&"") {
            body.pop();
        }
        // Exactly as long as needed: the text may be kept for the whole run.
        let mut text = String::with_capacity(body.iter().map(|l| l.len() + 1).sum());
        for line in body {
            text.push_str(line);
            text.push('\n');
        }
        Some((self.node(Value::Str(text), first, indent), end))
    }

    /// A `[a, b]` list written on line `index` from byte `start`.
    fn flow_list(&mut self, index: usize, start: usize) -> Option<Node> {
        let line = self.lines[index];
        let inner = line[start..].strip_prefix('[')?.strip_suffix(']')?;
        let mut items = Vec::new();
        if !inner.is_empty() {
            let mut offset = start + 1;
            for part in inner.split(',') {
                let item = part.trim_matches(' ');
                if item.is_empty() || !item.chars().all(list_word_char) {
                    return None;
                }
                let at = offset + (part.len() - part.trim_start_matches(' ').len());
                items.push(self.node(plain_value(item)?, index, at));
                offset += part.len() + 1;
            }
        }
        Some(self.node(Value::Seq(items), index, start))
    }

    /// A block list of one-line items starting on line `first`, and the
    /// index of the line after it.
    fn block_list(&mut self, first: usize) -> Option<(Node, usize)> {
        let head = *self.lines.get(first)?;
        let indent = head.len() - head.trim_start_matches(' ').len();
        if indent == 0 {
            return None;
        }
        let mut items = Vec::new();
        let mut end = first;
        while let Some(line) = self.lines.get(end) {
            let Some(rest) = line
                .get(indent..)
                .filter(|_| line.as_bytes()[..indent].iter().all(|&b| b == b' '))
                .and_then(|l| l.strip_prefix("- "))
            else {
                break;
            };
            let start = line.len() - rest.trim_start_matches(' ').len();
            let text = &line[start..];
            let value = match text.as_bytes().first()? {
                b'{' => self.flow_map(end, start)?,
                b'"' => {
                    let value = Value::Str(quoted(text)?.to_string());
                    self.node(value, end, start)
                }
                _ => {
                    let value = block_plain(text)?;
                    self.node(value, end, start)
                }
            };
            items.push(value);
            end += 1;
        }
        if items.is_empty() {
            return None;
        }
        Some((self.node(Value::Seq(items), first, indent), end))
    }

    /// A `{ key: value, ... }` mapping written on line `index` from byte `start`.
    fn flow_map(&mut self, index: usize, start: usize) -> Option<Node> {
        let line = self.lines[index];
        let inner_end = line.len().checked_sub(1)?;
        if !line.ends_with('}') || inner_end <= start {
            return None;
        }
        let mut entries = Vec::new();
        let mut at = start + 1;
        loop {
            at = skip_spaces(line, at);
            let key_len = line[at..inner_end]
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
                .count();
            if key_len == 0 || !line[at + key_len..].starts_with(": ") {
                return None;
            }
            let key = self.node(plain_value(&line[at..at + key_len])?, index, at);
            let value_at = skip_spaces(line, at + key_len + 2);
            let (value, after) = flow_scalar(&line[..inner_end], value_at)?;
            let value = self.node(value, index, value_at);
            entries.push((key, value));
            at = skip_spaces(line, after);
            match line.as_bytes()[at] {
                b',' => at += 1,
                b'}' if at == inner_end => break,
                _ => return None,
            }
        }
        Some(self.node(Value::Map(entries), index, start))
    }
}

/// A top-level line split into its key and what follows the `:`.
fn key_and_rest(line: &str) -> Option<(&str, &str)> {
    let len = line
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
        .count();
    if len == 0 || !line.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    let rest = line[len..].strip_prefix(':')?;
    Some((&line[..len], rest))
}

/// The index of the first byte at or after `at` that is not a space.
fn skip_spaces(line: &str, at: usize) -> usize {
    at + line[at..].bytes().take_while(|&b| b == b' ').count()
}

/// The text inside `"..."` when the quotes hold the whole of `text` and
/// nothing needs unescaping.
fn quoted(text: &str) -> Option<&str> {
    let inner = text.strip_prefix('"')?.strip_suffix('"')?;
    (!inner.contains(['"', '\\'])).then_some(inner)
}

/// A scalar in a flow mapping starting at byte `at` of `line` (which ends
/// before the closing `}`): its value and the byte after it.
fn flow_scalar(line: &str, at: usize) -> Option<(Value, usize)> {
    let rest = &line[at..];
    if let Some(inner) = rest.strip_prefix('"') {
        let len = inner.find('"')? + 2;
        let value = quoted(&rest[..len])?;
        return Some((Value::Str(value.to_string()), at + len));
    }
    let len = rest.find(',').unwrap_or(rest.len());
    let text = rest[..len].trim_end_matches(' ');
    if text.contains(['[', ']', '{', '}', '"', '\'', '#']) {
        return None;
    }
    Some((block_plain(text)?, at + text.len()))
}

/// A one-line plain scalar as the full reader types it, if it is plainly
/// text, a whole number or a date and time.
fn block_plain(text: &str) -> Option<Value> {
    if text.ends_with([' ', ':']) || text.contains(": ") || text.contains(" #") {
        return None;
    }
    plain_value(text)
}

/// Characters of a word in a `[a, b]` list that need no quoting anywhere.
fn list_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '_' | '/' | '.')
}

/// Words YAML may read as true, false, null or a special number.
const NOT_TEXT: [&str; 12] = [
    "y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf", "infinity",
];

/// The value of a plain scalar, when it is surely text (starts with a
/// letter and is no special word), a whole number or a date and time.
fn plain_value(text: &str) -> Option<Value> {
    let first = text.chars().next()?;
    if first.is_alphabetic() {
        if NOT_TEXT.iter().any(|w| text.eq_ignore_ascii_case(w)) {
            return None;
        }
        return Some(Value::Str(text.to_string()));
    }
    if !first.is_ascii_digit() {
        return None;
    }
    if text.bytes().all(|b| b.is_ascii_digit()) {
        if text.len() > 18 || text.len() > 1 && first == '0' {
            return None;
        }
        return text.parse().ok().map(Value::Int);
    }
    crate::localtime::has_local_time_shape(text).then(|| Value::Str(text.to_string()))
}

#[cfg(test)]
mod tests;
