//! Themes: Tera templates and static files, with the override rule.
//!
//! The default theme under `themes/default/` is compiled into the binary
//! (the floor). A site's own `themes/<name>/` folder overrides it one file
//! at a time: a site that only wants another logo ships only
//! `static/logo.svg`. One function ([`Theme::load`]) applies the rule.

use std::collections::BTreeMap;
use std::path::Path;

use rust_embed::Embed;

use crate::catalogue::check as msg;
use crate::diagnostic::Diagnostic;
use crate::yaml::Pos;

/// The default theme, embedded at compile time.
#[derive(Embed)]
#[folder = "themes/default/"]
struct DefaultTheme;

/// Folder of page templates inside a theme.
pub const TEMPLATES: &str = "templates/";
/// Folder of email templates inside a theme.
pub const EMAIL: &str = "email/";
/// Folder of static files inside a theme.
pub const STATIC: &str = "static/";

/// Where a theme file came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Built into the binary.
    BuiltIn,
    /// The site's `themes/<name>/` folder.
    Site,
}

/// One file of the resolved theme.
#[derive(Debug, Clone)]
pub struct ThemeFile {
    /// The file's bytes.
    pub data: Vec<u8>,
    /// Built-in or from the site.
    pub origin: Origin,
}

/// A resolved theme: every file by its path inside the theme
/// (`templates/index.html`, `email/announce.txt`, `static/style.css`).
#[derive(Debug, Clone)]
pub struct Theme {
    /// Theme name (`theme:` in varsel.yaml).
    pub name: String,
    files: BTreeMap<String, ThemeFile>,
}

/// Why a theme could not be loaded.
#[derive(Debug)]
pub enum ThemeError {
    /// `theme:` names a folder that does not exist (and is not `default`).
    Missing(String),
    /// A theme file could not be read.
    Io(String, std::io::Error),
    /// A template does not compile.
    Template {
        /// The file, relative to the site root.
        path: String,
        /// Where in the file, if Tera says.
        at: Option<Pos>,
        /// Tera's explanation.
        message: String,
    },
}

impl std::fmt::Display for ThemeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ThemeError::Missing(name) => f.write_str(&msg::theme_missing(name)),
            ThemeError::Io(path, e) => f.write_str(&msg::cannot_read(path, e)),
            ThemeError::Template { path, at, message } => {
                f.write_str(&msg::template_broken(path, message))?;
                match at {
                    Some(at) => f.write_str(&msg::template_at(at.line, at.column)),
                    None => Ok(()),
                }
            }
        }
    }
}

impl std::error::Error for ThemeError {}

impl Theme {
    /// Resolves theme `name` for the site at `root`: built-in files first,
    /// then every file of `root/themes/<name>/` replacing or adding to them.
    pub fn load(root: &Path, name: &str) -> Result<Theme, ThemeError> {
        let mut files = BTreeMap::new();
        for path in DefaultTheme::iter() {
            if let Some(file) = DefaultTheme::get(&path) {
                files.insert(
                    path.to_string(),
                    ThemeFile {
                        data: file.data.into_owned(),
                        origin: Origin::BuiltIn,
                    },
                );
            }
        }
        let dir = root.join("themes").join(name);
        if dir.is_dir() {
            for entry in walkdir::WalkDir::new(&dir).follow_links(false) {
                let entry =
                    entry.map_err(|e| ThemeError::Io(dir.display().to_string(), e.into()))?;
                if !entry.file_type().is_file() {
                    continue;
                }
                let Ok(relative) = entry.path().strip_prefix(&dir) else {
                    continue;
                };
                let key = relative.to_string_lossy().replace('\\', "/");
                let data = std::fs::read(entry.path())
                    .map_err(|e| ThemeError::Io(entry.path().display().to_string(), e))?;
                files.insert(
                    key,
                    ThemeFile {
                        data,
                        origin: Origin::Site,
                    },
                );
            }
        } else if name != "default" {
            return Err(ThemeError::Missing(name.to_string()));
        }
        Ok(Theme {
            name: name.to_string(),
            files,
        })
    }

    /// The file at `path` inside the theme.
    pub fn file(&self, path: &str) -> Option<&ThemeFile> {
        self.files.get(path)
    }

    /// Files under `folder` (e.g. [`STATIC`]), with paths relative to it.
    pub fn files_under<'a>(
        &'a self,
        folder: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a ThemeFile)> + 'a {
        self.files
            .range(folder.to_string()..)
            .take_while(move |(k, _)| k.starts_with(folder))
            .map(move |(k, v)| (&k[folder.len()..], v))
    }

    /// Compiles every template under `folder` ([`TEMPLATES`] or [`EMAIL`])
    /// into one Tera instance, names relative to the folder
    /// (`index.html`, `announce.txt`). Files ending in `.html` are
    /// autoescaped; everything a coordinator wrote is escaped there.
    pub fn tera(&self, folder: &str) -> Result<tera::Tera, ThemeError> {
        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html", ".htm", ".xml"]);
        tera.set_escape_fn(crate::escape::escape_html_to);
        let path = |name: &str| format!("themes/{}/{folder}{name}", self.name);
        let mut templates = Vec::new();
        for (name, file) in self.files_under(folder) {
            let text = std::str::from_utf8(&file.data).map_err(|_| ThemeError::Template {
                path: path(name),
                at: None,
                message: "not UTF-8 text".into(),
            })?;
            templates.push((name, text));
        }
        tera.add_raw_templates(templates.iter().copied())
            .map_err(|e| {
                let Explained {
                    template,
                    span,
                    mut message,
                } = explain(&e);
                let text = templates.iter().find(|(n, _)| Some(*n) == template);
                if let (Some((_, text)), Some(span)) = (text, span) {
                    message.push_str(tera1_hint(text.get(span.range.clone()).unwrap_or("")));
                }
                ThemeError::Template {
                    path: path(template.unwrap_or("")),
                    at: span.map(start_of),
                    message,
                }
            })?;
        Ok(tera)
    }
}

/// What a Tera error says, in our terms: the template it points at (its
/// name inside the folder), where in it, and the message without Tera's
/// source excerpt (our diagnostics show the position themselves).
struct Explained<'e> {
    template: Option<&'e str>,
    span: Option<&'e tera::Span>,
    message: String,
}

fn explain(e: &tera::Error) -> Explained<'_> {
    use tera::ErrorKind;
    match e.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => Explained {
            template: Some(report.filename()).filter(|n| !n.is_empty()),
            span: Some(report.span()),
            message: report.message().to_string(),
        },
        ErrorKind::MissingParent { current, .. } => Explained {
            template: Some(current),
            span: None,
            message: e.to_string(),
        },
        _ => Explained {
            template: None,
            span: None,
            message: error_chain(e),
        },
    }
}

/// The 1-based line and column where `span` starts.
fn start_of(span: &tera::Span) -> Pos {
    Pos {
        line: u32::try_from(span.start_line).unwrap_or(u32::MAX),
        column: u32::try_from(span.start_col + 1).unwrap_or(u32::MAX),
    }
}

/// A Tera error on one line: the message and, if Tera knows, the template,
/// line and column it happened at (`Variable `x` not found (outage.html,
/// line 4, column 7)`).
pub fn describe(e: &tera::Error) -> String {
    let explained = explain(e);
    match (explained.template, explained.span.map(start_of)) {
        (Some(name), Some(at)) => format!(
            "{} ({name}, line {}, column {})",
            explained.message, at.line, at.column
        ),
        (Some(name), None) => format!("{} ({name})", explained.message),
        _ => explained.message,
    }
}

/// A pointer for themes written for Tera 1, whose macros Tera 2 replaced
/// with components, when the unknown tag is one of those (empty if not).
fn tera1_hint(tag: &str) -> &'static str {
    match tag.trim() {
        "macro" | "endmacro" | "import" => {
            " (Tera 1's macros are components in Tera 2: `{% component name(args) %}`, \
             called as `{{ <name arg={value} /> }}`; see themes/default/README.md)"
        }
        _ => "",
    }
}

/// What `varsel check` finds wrong with the site's theme: a missing theme
/// folder, an unreadable file, or a page or email template that does not
/// compile, each as an error naming the file.
pub fn check(root: &Path, name: &str) -> Vec<Diagnostic> {
    let theme = match Theme::load(root, name) {
        Ok(theme) => theme,
        Err(e) => return vec![diagnostic(&e)],
    };
    [TEMPLATES, EMAIL]
        .into_iter()
        .filter_map(|folder| theme.tera(folder).err())
        .map(|e| diagnostic(&e))
        .collect()
}

fn diagnostic(e: &ThemeError) -> Diagnostic {
    let start = Pos { line: 1, column: 1 };
    let (file, pos, message, hint) = match e {
        ThemeError::Missing(_) => (
            crate::config::FILE,
            start,
            e.to_string(),
            msg::theme_missing_hint(),
        ),
        ThemeError::Io(path, _) => (path.as_str(), start, e.to_string(), msg::readable_hint()),
        // The diagnostic shows the position itself.
        ThemeError::Template { path, at, message } => (
            path.as_str(),
            at.unwrap_or(start),
            msg::template_broken(path, message),
            msg::template_broken_hint(),
        ),
    };
    Diagnostic::error(file, pos, message).with_hint(hint)
}

/// Tera's error and all its causes on one line each.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        text.push_str(&format!("\n  caused by: {cause}"));
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_files_override_built_in_ones_file_by_file() {
        let dir = tempfile::tempdir().unwrap();
        let theme_dir = dir.path().join("themes/default/static");
        std::fs::create_dir_all(&theme_dir).unwrap();
        std::fs::write(theme_dir.join("extra.txt"), "site").unwrap();
        std::fs::write(dir.path().join("themes/default/README.md"), "mine").unwrap();
        let theme = Theme::load(dir.path(), "default").unwrap();
        assert_eq!(theme.file("README.md").unwrap().origin, Origin::Site);
        assert_eq!(theme.file("README.md").unwrap().data, b"mine");
        assert_eq!(theme.file("static/extra.txt").unwrap().origin, Origin::Site);
        let statics: Vec<&str> = theme.files_under(STATIC).map(|(p, _)| p).collect();
        assert!(statics.contains(&"extra.txt"));
    }

    #[test]
    fn unknown_theme_is_an_error_but_default_needs_no_folder() {
        let dir = tempfile::tempdir().unwrap();
        assert!(Theme::load(dir.path(), "default").is_ok());
        assert!(matches!(
            Theme::load(dir.path(), "fancy"),
            Err(ThemeError::Missing(_))
        ));
    }

    #[test]
    fn broken_template_names_the_theme() {
        let dir = tempfile::tempdir().unwrap();
        let t = dir.path().join("themes/default/templates");
        std::fs::create_dir_all(&t).unwrap();
        std::fs::write(t.join("broken.html"), "{% if %}").unwrap();
        let theme = Theme::load(dir.path(), "default").unwrap();
        let err = theme.tera(TEMPLATES).unwrap_err().to_string();
        assert!(
            err.starts_with("template themes/default/templates/broken.html does not compile"),
            "{err}"
        );
    }

    #[test]
    fn a_tera_1_macro_import_is_pointed_at_components() {
        let dir = tempfile::tempdir().unwrap();
        let email = dir.path().join("themes/default/email");
        std::fs::create_dir_all(&email).unwrap();
        let old = "{% extends \"base.txt\" %}\n{% import \"intro.macros\" as intro %}\n";
        std::fs::write(email.join("alert.txt"), old).unwrap();
        let found = check(dir.path(), "default");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].line, found[0].column), (2, 4), "{found:?}");
        assert!(
            found[0].message.contains("components in Tera 2"),
            "{found:?}"
        );
    }

    #[test]
    fn check_names_each_broken_template_with_its_position() {
        let dir = tempfile::tempdir().unwrap();
        assert!(check(dir.path(), "default").is_empty());
        let email = dir.path().join("themes/default/email");
        std::fs::create_dir_all(&email).unwrap();
        std::fs::write(email.join("announce.txt"), "Hei\n{{ outage.title ").unwrap();
        let found = check(dir.path(), "default");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].file, "themes/default/email/announce.txt");
        assert_eq!(found[0].line, 2, "{found:?}");
        assert!(found[0].is_error());
        assert_eq!(check(dir.path(), "fancy")[0].file, "varsel.yaml");
    }
}
