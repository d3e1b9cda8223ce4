//! A position-carrying YAML tree.
//!
//! Outage and configuration files are first read into this tree (with
//! `serde-saphyr`, which gives every node its line and column) and only then
//! interpreted field by field. Reading in two steps lets `check` report
//! *every* problem in a file instead of stopping at the first one, and lets
//! each message point at the exact key or value it is about.

use std::fmt;

mod fast;

use crate::catalogue::check as msg;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{DuplicateKeyPolicy, Spanned};

/// Deepest nesting accepted in a site file; real files need four levels.
const MAX_DEPTH: usize = 32;

/// A 1-based line and column in a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    /// Line number, starting at 1.
    pub line: u32,
    /// Column number (in characters), starting at 1.
    pub column: u32,
}

/// One YAML node with the position where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// What the node holds.
    pub value: Value,
    /// Where the node starts.
    pub pos: Pos,
}

/// The content of a YAML node.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `~`, `null` or an empty value.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A number with a fractional part.
    Float(f64),
    /// Any other scalar.
    Str(String),
    /// A `- item` list or `[a, b]`.
    Seq(Vec<Node>),
    /// A `key: value` mapping in file order; duplicates are kept so that
    /// the reader can report them with both positions.
    Map(Vec<(Node, Node)>),
}

impl Value {
    /// A short noun for messages: "a list", "a number", ...
    pub fn describe(&self) -> String {
        match self {
            Value::Null => msg::value_null(),
            Value::Bool(_) => msg::value_bool(),
            Value::Int(_) | Value::Float(_) => msg::value_number(),
            Value::Str(_) => msg::value_text(),
            Value::Seq(_) => msg::value_list(),
            Value::Map(_) => msg::value_map(),
        }
    }
}

impl Node {
    /// The scalar as text, for fields that accept text: strings as they are,
    /// numbers and booleans as YAML wrote them. `None` for lists, maps, null.
    pub fn as_text(&self) -> Option<String> {
        match &self.value {
            Value::Str(s) => Some(s.clone()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(f.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }
}

/// Why a file could not be read as YAML at all.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    /// Where the parser stopped, if it knows.
    pub pos: Option<Pos>,
    /// The parser's explanation, in plain words where we know better ones.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

/// The position of the top-level key `key` of the mapping in `source`
/// (for a diagnostic about a value that was read before), if it has one.
pub fn key_pos(source: &str, key: &str) -> Option<Pos> {
    let Value::Map(entries) = parse(source).ok()?.value else {
        return None;
    };
    entries
        .iter()
        .find(|(k, _)| k.value == Value::Str(key.to_string()))
        .map(|(k, _)| k.pos)
}

/// Parses `source` into a tree. Never panics and never hangs: aliases,
/// nesting depth and document size are bounded.
pub fn parse(source: &str) -> Result<Node, SyntaxError> {
    if source.trim().is_empty() {
        return Ok(Node {
            value: Value::Null,
            pos: Pos { line: 1, column: 1 },
        });
    }
    if let Some(node) = fast::parse(source) {
        return Ok(node);
    }
    parse_full(source)
}

/// [`parse`] without the shortcut for common files: what decides whenever
/// the shortcut does not.
fn parse_full(source: &str) -> Result<Node, SyntaxError> {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = MAX_DEPTH + 8;
    budget.max_aliases = 16;
    budget.max_anchors = 64;
    budget.max_documents = 1;
    budget.max_nodes = 20_000;
    budget.max_total_scalar_bytes = 16 * 1024 * 1024;
    let mut options = serde_saphyr::Options::default();
    options.duplicate_keys = DuplicateKeyPolicy::PassThrough;
    options.budget = Some(budget);
    options.with_snippet = false;
    options.alias_limits.max_total_replayed_events = 10_000;
    options.alias_limits.max_replay_stack_depth = 16;
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        serde_saphyr::from_str_with_options::<Spanned<Depth0>>(source, options)
    }));
    match result {
        Ok(Ok(spanned)) => Ok(spanned_to_node(spanned.value.0, &spanned.referenced)),
        Ok(Err(err)) => {
            let parser_message = first_line(&err.to_string());
            let pos = err.location().map(|l| Pos {
                line: l.line() as u32,
                column: l.column() as u32,
            });
            if parser_message.contains("tab") {
                if let Some(tab) = find_tab(source, pos) {
                    return Err(tab_error(tab));
                }
            }
            // Other messages ("did not find expected key", from a tab in
            // a block of text) hide a tab too: one in the indentation of
            // the line the parser stopped at, or of the line before.
            if let Some(tab) = pos.and_then(|p| indentation_tab(source, p.line)) {
                return Err(tab_error(tab));
            }
            let (message, hint) = friendly(&parser_message);
            Err(SyntaxError { pos, message, hint })
        }
        Err(_) => Err(SyntaxError {
            pos: None,
            message: msg::reader_failed(),
            hint: msg::syntax_hint(),
        }),
    }
}

/// The tab the parser tripped over. The parser reports where it noticed,
/// which may be the end of the line before; the culprit is a tab in a
/// line's indentation (the only place YAML forbids one that coordinators
/// meet), the one nearest to `near`, else the first tab in the text.
fn find_tab(source: &str, near: Option<Pos>) -> Option<Pos> {
    let column_of = |line: &str, byte: usize| line[..byte].chars().count() as u32 + 1;
    let mut indented = Vec::new();
    let mut first = None;
    for (index, line) in source.lines().enumerate() {
        let number = index as u32 + 1;
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        if let Some(byte) = line[..indent].find('\t') {
            indented.push(Pos {
                line: number,
                column: column_of(line, byte),
            });
        }
        if first.is_none() {
            first = line.find('\t').map(|byte| Pos {
                line: number,
                column: column_of(line, byte),
            });
        }
    }
    let near = near.map_or(0, |p| p.line);
    indented
        .into_iter()
        .min_by_key(|p| (p.line.abs_diff(near), p.line))
        .or(first)
}

/// A tab in the indentation of line `line` or of the line before, at its
/// own line and column.
fn indentation_tab(source: &str, line: u32) -> Option<Pos> {
    let lines: Vec<&str> = source.lines().collect();
    [line, line.saturating_sub(1)]
        .into_iter()
        .filter(|n| *n >= 1)
        .find_map(|n| {
            let text = lines.get(n as usize - 1)?;
            let indent = text.len() - text.trim_start_matches([' ', '\t']).len();
            let byte = text[..indent].find('\t')?;
            Some(Pos {
                line: n,
                column: text[..byte].chars().count() as u32 + 1,
            })
        })
}

/// The error for a tab at `pos`, in the coordinator's words.
fn tab_error(pos: Pos) -> SyntaxError {
    SyntaxError {
        pos: Some(pos),
        message: msg::tab(),
        hint: msg::tab_hint(),
    }
}

fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or("").trim();
    // serde-saphyr appends " at line X column Y"; the position is shown separately.
    match line.rfind(" at line ") {
        Some(i) => line[..i].to_string(),
        None => line.to_string(),
    }
}

/// Replaces the parser's words for its safety limits with plain ones, and
/// picks the hint: `(message, hint)`.
fn friendly(message: &str) -> (String, String) {
    if message.contains("budget breached") || message.contains("replay") {
        (msg::too_many_aliases(message), msg::limits_hint())
    } else if message.contains("recursion limit") || message.contains("nested more than") {
        (msg::nested_too_deeply(message), msg::limits_hint())
    } else if message.contains("recursive reference") {
        (msg::recursive_alias(), msg::limits_hint())
    } else {
        (message.to_string(), msg::syntax_hint())
    }
}

fn spanned_to_node(value: Value, loc: &serde_saphyr::Location) -> Node {
    Node {
        value,
        pos: Pos {
            line: loc.line() as u32,
            column: loc.column() as u32,
        },
    }
}

/// The root value; a separate type so the depth counter starts at zero.
struct Depth0(Value);

impl<'de> Deserialize<'de> for Depth0 {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor { depth: 0 }).map(Depth0)
    }
}

/// A value at a known depth, so that nesting is bounded without recursion
/// limits of the parser.
struct Nested {
    value: Value,
}

struct NestedSeed {
    depth: usize,
}

impl<'de> de::DeserializeSeed<'de> for NestedSeed {
    type Value = Node;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        let spanned = SpannedSeed { depth: self.depth }.deserialize(d)?;
        Ok(spanned)
    }
}

struct SpannedSeed {
    depth: usize,
}

impl<'de> de::DeserializeSeed<'de> for SpannedSeed {
    type Value = Node;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        DEPTH.with(|c| c.set(self.depth));
        let spanned = Spanned::<Nested>::deserialize(d)?;
        Ok(spanned_to_node(spanned.value.value, &spanned.referenced))
    }
}

thread_local! {
    /// Depth handed from a seed to the `Nested` it creates: `Spanned<T>`
    /// only accepts plain `Deserialize` types, so the depth travels here.
    static DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

impl<'de> Deserialize<'de> for Nested {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let depth = DEPTH.with(|c| c.get());
        if depth > MAX_DEPTH {
            return Err(de::Error::custom(format!(
                "nested more than {MAX_DEPTH} levels deep"
            )));
        }
        d.deserialize_any(ValueVisitor { depth })
            .map(|value| Nested { value })
    }
}

struct ValueVisitor {
    depth: usize,
}

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }
    fn visit_bytes<E: de::Error>(self, _v: &[u8]) -> Result<Value, E> {
        Err(E::custom("binary data is not allowed here"))
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(node) = seq.next_element_seed(NestedSeed {
            depth: self.depth + 1,
        })? {
            items.push(node);
        }
        Ok(Value::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key_seed(NestedSeed {
            depth: self.depth + 1,
        })? {
            let value = map.next_value_seed(NestedSeed {
                depth: self.depth + 1,
            })?;
            entries.push((key, value));
        }
        Ok(Value::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(source: &str) -> Vec<(Node, Node)> {
        match parse(source).unwrap().value {
            Value::Map(entries) => entries,
            other => panic!("not a map: {other:?}"),
        }
    }

    #[test]
    fn positions_point_at_keys_and_values() {
        let entries = map("title: Hei\nstart: 2026-12-03 18:00\nlist:\n  - a\n  - b\n");
        assert_eq!(entries[0].0.pos, Pos { line: 1, column: 1 });
        assert_eq!(entries[0].1.pos, Pos { line: 1, column: 8 });
        assert_eq!(entries[1].1.value, Value::Str("2026-12-03 18:00".into()));
        match &entries[2].1.value {
            Value::Seq(items) => assert_eq!(items[1].pos, Pos { line: 5, column: 5 }),
            other => panic!("not a list: {other:?}"),
        }
    }

    #[test]
    fn duplicate_keys_are_kept_for_the_reader() {
        let entries = map("a: 1\na: 2\n");
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[1].0.pos.line, 2);
    }

    #[test]
    fn times_and_clock_strings_stay_text() {
        let entries = map("at: 11:00\nquoted: \"07:00\"\nn: 60\nb: false\n");
        assert_eq!(entries[0].1.as_text().as_deref(), Some("11:00"));
        assert_eq!(entries[1].1.as_text().as_deref(), Some("07:00"));
        assert_eq!(entries[2].1.value, Value::Int(60));
        assert_eq!(entries[3].1.value, Value::Bool(false));
    }

    #[test]
    fn hostile_inputs_give_errors_not_panics() {
        let deep = "a: ".to_string() + &"[".repeat(10_000);
        let bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n";
        let nested = "a:\n".to_string()
            + &(1..100)
                .map(|i| format!("{}b:\n", " ".repeat(i * 2)))
                .collect::<String>();
        for source in [
            deep.as_str(),
            bomb,
            nested.as_str(),
            "a: *nothing\n",
            "\u{0}\u{1}\u{2}",
            "&a [*a]",
        ] {
            assert!(parse(source).is_err(), "accepted: {source:.40}");
        }
        // Odd but valid YAML must at least come back without a panic.
        let _ = parse(":\n:\n- - -");
    }

    #[test]
    fn empty_file_is_null() {
        assert_eq!(parse("").unwrap().value, Value::Null);
        assert_eq!(parse("# only a comment\n").unwrap().value, Value::Null);
    }

    #[test]
    fn a_tab_is_reported_where_it_is() {
        for (source, line, column) in [
            ("a: 1\nb: 2\n\tc: 3\n", 3, 1),
            ("a: 1\nlist:\n\t- x\nb: 2\n", 3, 1),
            ("list:\n  - x\n  \t- y\nb: 2\n", 3, 3),
            // In a block of text the parser says "did not find expected key".
            ("description: |\n  hei\n\tdu\nb: 2\n", 3, 1),
            ("a:\n  b: |\n    x\n  \ty\n", 4, 3),
        ] {
            let e = parse(source).expect_err(source);
            assert_eq!(e.pos, Some(Pos { line, column }), "{source:?}: {e:?}");
            assert!(e.message.contains("tab"), "{e:?}");
            assert!(e.hint.contains("spaces"), "{e:?}");
        }
    }

    #[test]
    fn tabs_inside_text_are_fine() {
        assert!(parse("description: |\n  a\tb\nx: \"c\td\"\n").is_ok());
    }
}
