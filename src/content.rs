//! Content pages (SPEC §1): `content/**/*.md`, each with YAML front matter
//! (`title`, optional `weight` and `description`) between `---` lines.
//!
//! Front matter is read with the same position-carrying YAML tree and field
//! reader as the other site files, so an error names the file, line and
//! column in the `.md` file.

use std::path::Path;

use crate::catalogue::check as msg;
use crate::diagnostic::Diagnostic;
use crate::reader::Reader;
use crate::site::CONTENT_DIR;
use crate::yaml::{self, Pos};

/// One Markdown page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Path under `content/` without `.md`, `/`-separated (`nodrutiner/plo`).
    pub path: String,
    /// The page title (front matter `title`).
    pub title: String,
    /// Order in navigation; lower first (front matter `weight`, default 0).
    pub weight: i64,
    /// One-sentence summary (front matter `description`).
    pub description: Option<String>,
    /// The Markdown body after the front matter.
    pub body: String,
}

const KEYS: &[&str] = &["title", "weight", "description"];

/// Reads every `content/**/*.md` under `root`, sorted by weight, then path.
/// Returns the readable pages and the problems with the others.
pub fn load(root: &Path) -> (Vec<Page>, Vec<Diagnostic>) {
    let dir = root.join(CONTENT_DIR);
    let mut pages = Vec::new();
    let mut diagnostics = Vec::new();
    if !dir.is_dir() {
        return (pages, diagnostics);
    }
    let start = Pos { line: 1, column: 1 };
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diagnostics.push(Diagnostic::error(
                    CONTENT_DIR,
                    start,
                    msg::cannot_list_content(e),
                ));
                continue;
            }
        };
        let Ok(relative) = entry.path().strip_prefix(&dir) else {
            continue;
        };
        let relative = relative.to_string_lossy().replace('\\', "/");
        let Some(path) = relative.strip_suffix(".md") else {
            continue;
        };
        if !entry.file_type().is_file() || relative.split('/').any(|p| p.starts_with('.')) {
            continue;
        }
        let file = format!("{CONTENT_DIR}/{relative}");
        match std::fs::read_to_string(entry.path()) {
            Ok(text) => match parse(&file, path, &text) {
                Ok(page) => pages.push(page),
                Err(found) => diagnostics.extend(found),
            },
            Err(e) => diagnostics.push(
                Diagnostic::error(&file, start, msg::cannot_read_page(e))
                    .with_hint(msg::cannot_read_page_hint()),
            ),
        }
    }
    pages.sort_by(|a, b| a.weight.cmp(&b.weight).then_with(|| a.path.cmp(&b.path)));
    (pages, diagnostics)
}

/// Reads the one page `content/<path>.md` under `root`; `None` if it is
/// missing, unreadable or invalid (`check` and `build` report why).
pub fn read(root: &Path, path: &str) -> Option<Page> {
    let file = format!("{CONTENT_DIR}/{path}.md");
    let text = std::fs::read_to_string(root.join(&file)).ok()?;
    parse(&file, path, &text).ok()
}

/// Parses one page; `file` is its path relative to the root (for messages),
/// `path` its path under `content/` without extension.
pub fn parse(file: &str, path: &str, text: &str) -> Result<Page, Vec<Diagnostic>> {
    let mut r = Reader::new(file);
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some((front, body)) = split_front_matter(text) else {
        // A page that opens its front matter and never closes it is told
        // so, not that it has none.
        let (message, hint) = if text.lines().next().map(str::trim_end) == Some("---") {
            (
                msg::unclosed_front_matter(),
                msg::unclosed_front_matter_hint(),
            )
        } else {
            (msg::no_front_matter(), msg::no_front_matter_hint())
        };
        r.error(Pos { line: 1, column: 1 }, message, hint);
        return Err(r.diagnostics);
    };
    let node = match yaml::parse(front) {
        Ok(node) => shift(node),
        Err(e) => {
            let pos = e.pos.map_or(Pos { line: 2, column: 1 }, |p| Pos {
                line: p.line + 1,
                column: p.column,
            });
            r.error(
                pos,
                msg::front_matter_not_yaml(&e.message),
                msg::front_matter_hint(),
            );
            return Err(r.diagnostics);
        }
    };
    let fields = r.fields(&node, &msg::the_front_matter(), KEYS);
    let mut page = Page {
        path: path.to_string(),
        title: String::new(),
        weight: 0,
        description: None,
        body: body.to_string(),
    };
    if let Some(fields) = fields {
        if let Some(node) = r.require(
            &fields,
            "title",
            &msg::the_front_matter(),
            &msg::add_page_title(),
        ) {
            page.title = r.text(node, "title").unwrap_or_default();
        }
        if let Some(node) = fields.get("weight") {
            page.weight = r.integer(node, "weight").unwrap_or(0);
        }
        if let Some(node) = fields.get("description") {
            page.description = r.text(node, "description");
        }
    }
    if r.has_errors() {
        Err(r.diagnostics)
    } else {
        Ok(page)
    }
}

/// Splits `---\n<yaml>---\n<body>`; `None` without front matter.
fn split_front_matter(text: &str) -> Option<(&str, &str)> {
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some((&rest[..offset], &rest[offset + line.len()..]));
        }
        offset += line.len();
    }
    None
}

/// Moves every position one line down (the YAML starts on line 2).
fn shift(mut node: yaml::Node) -> yaml::Node {
    node.pos.line += 1;
    node.value = match node.value {
        yaml::Value::Seq(items) => yaml::Value::Seq(items.into_iter().map(shift).collect()),
        yaml::Value::Map(pairs) => yaml::Value::Map(
            pairs
                .into_iter()
                .map(|(k, v)| (shift(k), shift(v)))
                .collect(),
        ),
        other => other,
    };
    node
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_front_matter_and_body() {
        let page = parse(
            "content/om.md",
            "om",
            "---\ntitle: Om\nweight: 3\ndescription: Kort\n---\n\n# Hei\n",
        )
        .unwrap();
        assert_eq!(page.title, "Om");
        assert_eq!(page.weight, 3);
        assert_eq!(page.description.as_deref(), Some("Kort"));
        assert_eq!(page.body, "\n# Hei\n");
    }

    #[test]
    fn errors_point_into_the_md_file() {
        let err = parse("content/x.md", "x", "---\ntitle: X\nweigth: 2\n---\nbody").unwrap_err();
        assert_eq!(err[0].file, "content/x.md");
        assert_eq!(err[0].line, 3, "{err:?}");
        let err = parse("content/x.md", "x", "---\nweight: 2\n---\n").unwrap_err();
        assert!(err[0].message.contains("title"), "{err:?}");
        let err = parse("content/x.md", "x", "no front matter").unwrap_err();
        assert_eq!(err[0].line, 1);
    }

    #[test]
    fn loads_nested_pages_sorted_by_weight() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content/a");
        std::fs::create_dir_all(&content).unwrap();
        std::fs::write(content.join("b.md"), "---\ntitle: B\nweight: 1\n---\n").unwrap();
        std::fs::write(
            dir.path().join("content/z.md"),
            "---\ntitle: Z\nweight: -1\n---\n",
        )
        .unwrap();
        let (pages, diagnostics) = load(dir.path());
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let paths: Vec<_> = pages.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["z", "a/b"]);
    }
}
