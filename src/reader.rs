//! Reading typed fields out of a [`yaml::Node`](crate::yaml::Node) tree while
//! collecting every problem instead of stopping at the first.
//!
//! The config and outage modules describe their keys with this reader; it
//! reports unknown keys (with a "did you mean"), duplicate keys (with both
//! lines), missing keys and values of the wrong type, always at the exact
//! position of the key or value.

use crate::catalogue::check as msg;
use crate::diagnostic::Diagnostic;
use crate::yaml::{Node, Pos, Value};

/// Collects diagnostics for one file.
#[derive(Debug)]
pub struct Reader {
    file: String,
    /// Everything found so far.
    pub diagnostics: Vec<Diagnostic>,
}

/// The entries of one YAML mapping, checked for unknown and repeated keys.
#[derive(Debug, Clone)]
pub struct Fields<'n> {
    entries: Vec<(&'n str, &'n Node, &'n Node)>,
    /// Known keys that an unknown key looked like a typo of.
    misspelled: Vec<&'static str>,
    pos: Pos,
}

impl<'n> Fields<'n> {
    /// The value under `key`, if present (the first one if repeated).
    pub fn get(&self, key: &str) -> Option<&'n Node> {
        self.entries.iter().find(|e| e.0 == key).map(|e| e.2)
    }

    /// The position of the key `key`, or of the mapping itself.
    pub fn key_pos(&self, key: &str) -> Pos {
        self.entries
            .iter()
            .find(|e| e.0 == key)
            .map_or(self.pos, |e| e.1.pos)
    }

    /// True when an unknown key was reported as a likely typo of `key`; a
    /// "missing `key`" error would then only repeat that report.
    pub fn misspelled(&self, key: &str) -> bool {
        self.misspelled.contains(&key)
    }

    /// Where the mapping starts.
    pub fn pos(&self) -> Pos {
        self.pos
    }

    /// All entries in file order: key text, key node, value node.
    pub fn entries(&self) -> impl Iterator<Item = (&'n str, &'n Node, &'n Node)> + '_ {
        self.entries.iter().copied()
    }
}

impl Reader {
    /// A reader for `file` (path relative to the site root).
    pub fn new(file: &str) -> Self {
        Reader {
            file: file.to_string(),
            diagnostics: Vec::new(),
        }
    }

    /// The file this reader reports on.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Records an error with a hint.
    pub fn error(&mut self, pos: Pos, message: impl Into<String>, hint: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::error(&self.file, pos, message).with_hint(hint));
    }

    /// Records a warning with a hint.
    pub fn warning(&mut self, pos: Pos, message: impl Into<String>, hint: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::warning(&self.file, pos, message).with_hint(hint));
    }

    /// True if any error (not warning) was recorded.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Reads `node` as a mapping whose keys must be among `known`.
    /// `what` names the mapping in messages ("the outage", "`policy`").
    pub fn fields<'n>(
        &mut self,
        node: &'n Node,
        what: &str,
        known: &[&'static str],
    ) -> Option<Fields<'n>> {
        let Value::Map(pairs) = &node.value else {
            self.error(
                node.pos,
                msg::not_a_mapping(what, node.value.describe()),
                msg::not_a_mapping_hint(known.join(", ")),
            );
            return None;
        };
        let mut entries: Vec<(&'n str, &'n Node, &'n Node)> = Vec::new();
        let mut misspelled = Vec::new();
        for (key, value) in pairs {
            let Value::Str(name) = &key.value else {
                self.error(
                    key.pos,
                    msg::key_not_a_word(what, key.value.describe()),
                    msg::known_keys(known.join(", ")),
                );
                continue;
            };
            if let Some(first) = entries.iter().find(|e| e.0 == name) {
                let first_line = first.1.pos.line;
                self.error(
                    key.pos,
                    msg::given_twice(name, what, first_line),
                    msg::given_twice_hint(),
                );
                continue;
            }
            if !known.contains(&name.as_str()) {
                let hint = match did_you_mean(name, known) {
                    Some(near) => {
                        misspelled.push(near);
                        msg::did_you_mean(near)
                    }
                    None => msg::known_keys(known.join(", ")),
                };
                self.error(key.pos, msg::unknown_key(name, what), hint);
                continue;
            }
            entries.push((name.as_str(), key, value));
        }
        Some(Fields {
            entries,
            misspelled,
            pos: node.pos,
        })
    }

    /// The value under `key`, or an error "missing `key`" at the mapping
    /// (unless a misspelling of `key` was already reported).
    pub fn require<'n>(
        &mut self,
        fields: &Fields<'n>,
        key: &str,
        what: &str,
        hint: &str,
    ) -> Option<&'n Node> {
        let found = fields.get(key);
        if found.is_none() && !fields.misspelled(key) {
            self.error(fields.pos(), msg::missing_key(what, key), hint.to_string());
        }
        found
    }

    /// A scalar as text; lists, mappings and empty values are errors.
    pub fn text(&mut self, node: &Node, what: &str) -> Option<String> {
        match node.as_text() {
            Some(text) => Some(text),
            None => {
                self.error(
                    node.pos,
                    msg::not_text(what, node.value.describe()),
                    msg::not_text_hint(what),
                );
                None
            }
        }
    }

    /// `true` or `false`.
    pub fn boolean(&mut self, node: &Node, what: &str) -> Option<bool> {
        match node.value {
            Value::Bool(b) => Some(b),
            _ => {
                self.error(
                    node.pos,
                    msg::not_boolean(what, node.value.describe()),
                    msg::not_boolean_hint(what),
                );
                None
            }
        }
    }

    /// A whole number.
    pub fn integer(&mut self, node: &Node, what: &str) -> Option<i64> {
        match node.value {
            Value::Int(i) => Some(i),
            _ => {
                self.error(
                    node.pos,
                    msg::not_integer(what, node.value.describe()),
                    msg::not_integer_hint(what),
                );
                None
            }
        }
    }

    /// A list of scalars, each with its position; a single scalar is not
    /// accepted, so that `[a, b]` vs `a, b` mistakes are caught.
    pub fn text_list(&mut self, node: &Node, what: &str) -> Option<Vec<(String, Pos)>> {
        let Value::Seq(items) = &node.value else {
            self.error(
                node.pos,
                msg::not_a_list(what, node.value.describe()),
                msg::not_a_list_hint(what),
            );
            return None;
        };
        let mut out = Vec::new();
        for item in items {
            if let Some(text) = self.text(item, what) {
                out.push((text, item.pos));
            }
        }
        Some(out)
    }
}

/// The known word closest to `word`, if it is close enough to be a typo.
pub fn did_you_mean<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(word, k), *k))
        .filter(|(distance, k)| *distance <= 1.max(k.len() / 4) && *distance < k.len())
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::parse;

    #[test]
    fn unknown_duplicate_and_missing_keys_are_all_reported() {
        let node = parse("titel: a\nkind: planned\nkind: acute\n").unwrap();
        let mut r = Reader::new("f.yaml");
        let fields = r
            .fields(&node, "the outage", &["title", "kind", "start"])
            .unwrap();
        r.require(&fields, "start", "the outage", "add `start:`");
        let messages: Vec<_> = r
            .diagnostics
            .iter()
            .map(|d| (d.line, d.message.clone(), d.hint.clone()))
            .collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert_eq!(messages[0].0, 1);
        assert_eq!(messages[0].2.as_deref(), Some("did you mean `title`?"));
        assert!(messages[1].1.contains("given twice") && messages[1].1.contains("line 2"));
        assert!(messages[2].1.contains("has no `start`"));
    }

    #[test]
    fn a_reported_typo_is_not_also_reported_missing() {
        let node = parse("titel: a\nbanana: 1\n").unwrap();
        let mut r = Reader::new("f.yaml");
        let fields = r.fields(&node, "the outage", &["title", "kind"]).unwrap();
        assert!(fields.misspelled("title") && !fields.misspelled("kind"));
        assert!(r.require(&fields, "title", "the outage", "").is_none());
        r.require(&fields, "kind", "the outage", "");
        let messages: Vec<_> = r.diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "unknown key `titel` in the outage",
                "unknown key `banana` in the outage",
                "the outage has no `kind`"
            ]
        );
    }

    #[test]
    fn did_you_mean_only_suggests_near_words() {
        let known = ["municipalities", "systems", "end", "ended"];
        assert_eq!(
            did_you_mean("municipalites", &known),
            Some("municipalities")
        );
        assert_eq!(did_you_mean("sytems", &known), Some("systems"));
        assert_eq!(did_you_mean("banana", &known), None);
        assert_eq!(did_you_mean("x", &known), None);
    }
}
