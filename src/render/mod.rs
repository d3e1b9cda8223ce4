//! `varsel build`: the intranet site as of `now` (SPEC §5 output layout).
//!
//! [`build`] is a list of named, timed steps: load the theme, read the
//! content pages and the ledger, decide what is published, render pages and
//! machine outputs, and swap the result into the output folder at once.

pub mod feeds;
pub mod i18n;
pub mod markdown;
pub mod output;
pub mod publish;
pub mod view;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::DateTime;
use chrono_tz::Tz;
use rayon::prelude::*;
use serde::Serialize;

use crate::content::{self, Page};
use crate::diagnostic::Diagnostic;
use crate::ledger::{self, Ledger};
use crate::localtime::rfc3339;
use crate::site::Site;
use crate::theme::{self, Theme, ThemeError};
use crate::words;

pub use markdown::{first_ordered_list, markdown_to_html};
use output::OutputFile;

/// One timed step of a build.
#[derive(Debug, Clone)]
pub struct Step {
    /// What the step did.
    pub name: &'static str,
    /// How long it took.
    pub elapsed: Duration,
}

/// What a build produced.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// The folder written.
    pub out: PathBuf,
    /// Ids of the outages published at `now`.
    pub published: Vec<String>,
    /// Number of files written.
    pub files: usize,
    /// When the output would next change; `None` if nothing is scheduled.
    pub next_change: Option<DateTime<Tz>>,
    /// The steps, in order, with their times.
    pub steps: Vec<Step>,
}

/// Why a build failed; nothing was written.
#[derive(Debug)]
pub enum BuildError {
    /// The theme is missing or a template does not compile.
    Theme(ThemeError),
    /// A template failed while rendering (`template`, Tera's explanation).
    Render(String, String),
    /// Content pages with broken front matter.
    Content(Vec<Diagnostic>),
    /// The ledger could not be read.
    Ledger(PathBuf, std::io::Error),
    /// The output could not be written.
    Output(output::OutputError),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Theme(e) => e.fmt(f),
            BuildError::Render(name, e) => write!(f, "template {name} failed: {e}"),
            BuildError::Content(d) => write!(f, "{} content page problem(s)", d.len()),
            BuildError::Ledger(path, e) => write!(f, "cannot read {}: {e}", path.display()),
            BuildError::Output(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for BuildError {}

/// Runs steps and records how long each took.
struct Steps(Vec<Step>);

impl Steps {
    fn run<T>(&mut self, name: &'static str, f: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let value = f();
        self.0.push(Step {
            name,
            elapsed: started.elapsed(),
        });
        value
    }
}

/// The site rendered in memory, not yet written anywhere.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// Every output file: path relative to the output folder, bytes.
    pub files: Vec<OutputFile>,
    /// Ids of the outages published at `now`.
    pub published: Vec<String>,
    /// When the output would next change; `None` if nothing is scheduled.
    pub next_change: Option<DateTime<Tz>>,
    /// The steps so far, in order, with their times.
    pub steps: Vec<Step>,
}

/// Builds the site as of `site.now` into `out`, replacing it atomically.
pub fn build(site: &Site, out: &Path) -> Result<BuildReport, BuildError> {
    let rendered = render(site)?;
    let mut steps = Steps(rendered.steps);
    steps.run("swap output folder", || {
        output::replace_dir(out, &site.root, &rendered.files).map_err(BuildError::Output)
    })?;
    Ok(BuildReport {
        out: out.to_path_buf(),
        published: rendered.published,
        files: rendered.files.len(),
        next_change: rendered.next_change,
        steps: steps.0,
    })
}

/// Renders the whole site as of `site.now` into memory (used by [`build`]).
pub fn render(site: &Site) -> Result<Rendered, BuildError> {
    let mut steps = Steps(Vec::new());
    let prepared = Prepared::new(site, &mut steps)?;
    let renderer = prepared.renderer();
    let views = steps.run("prepare outages", || prepared.views());
    let mut files: Vec<OutputFile> = Vec::new();
    steps.run("render outage pages", || -> Result<(), BuildError> {
        let rendered: Result<Vec<_>, _> =
            views.par_iter().map(|v| renderer.outage_page(v)).collect();
        files.extend(rendered?);
        Ok(())
    })?;
    steps.run("render index, directory and banner", || {
        files.extend(prepared.lists(&renderer, &views)?);
        Ok::<(), BuildError>(())
    })?;
    steps.run("render content pages", || -> Result<(), BuildError> {
        let rendered: Result<Vec<_>, _> = prepared
            .pages
            .par_iter()
            .map(|p| renderer.content_page(p))
            .collect();
        files.extend(rendered?);
        Ok(())
    })?;
    steps.run("write feeds and data", || {
        files.extend(prepared.feeds(&views));
    });
    steps.run("copy static files", || {
        files.extend(prepared.static_files())
    });
    Ok(Rendered {
        files,
        published: views.iter().map(|v| v.id.clone()).collect(),
        next_change: prepared.publication.next_change,
        steps: steps.0,
    })
}

/// Renders the one output file at `path` (as [`render`] would write it), or
/// `None` if the site has no such file. The live preview renders pages this
/// way, when the browser asks for them, so a large archive costs only the
/// pages looked at.
pub fn render_file(site: &Site, path: &str) -> Result<Option<Vec<u8>>, BuildError> {
    if let Some(asset) = path.strip_prefix("static/") {
        // A static file needs only the theme, not the prepared site.
        let theme = Theme::load(&site.root, &site.config.theme).map_err(BuildError::Theme)?;
        return Ok(theme
            .file(&format!("{}{asset}", theme::STATIC))
            .map(|f| f.data.clone()));
    }
    let prepared = Prepared::new(site, &mut Steps(Vec::new()))?;
    let renderer = prepared.renderer();
    let pick = |files: Vec<OutputFile>| files.into_iter().find(|(p, _)| p == path).map(|(_, b)| b);
    match path {
        "index.html" | "banner.html" | "kommuner/index.html" => {
            Ok(pick(prepared.lists(&renderer, &prepared.views())?))
        }
        "outages.json" | "outages.ics" | "feed.xml" => Ok(pick(prepared.feeds(&prepared.views()))),
        _ => {
            let Some(folder) = path.strip_suffix("/index.html") else {
                return Ok(None);
            };
            if let Some(id) = folder.strip_prefix("outages/") {
                let cx = prepared.cx();
                return match prepared
                    .publication
                    .published
                    .iter()
                    .find(|p| p.outage.id == id)
                {
                    Some(p) => renderer.outage_page(&cx.outage(p)).map(|(_, b)| Some(b)),
                    None => Ok(None),
                };
            }
            match prepared.pages.iter().find(|p| p.path == folder) {
                Some(page) => renderer.content_page(page).map(|(_, b)| Some(b)),
                None => Ok(None),
            }
        }
    }
}

/// What every output file is rendered from: the compiled theme, the
/// content pages and what is published at `now`.
struct Prepared<'a> {
    site: &'a Site,
    tera: tera::Tera,
    theme: Theme,
    pages: Vec<Page>,
    publication: publish::Publication<'a>,
}

impl<'a> Prepared<'a> {
    fn new(site: &'a Site, steps: &mut Steps) -> Result<Prepared<'a>, BuildError> {
        let (mut tera, theme) = steps.run("load theme", || {
            Theme::load(&site.root, &site.config.theme)
                .and_then(|theme| Ok((theme.tera(theme::TEMPLATES)?, theme)))
                .map_err(BuildError::Theme)
        })?;
        tera.set_escape_fn(escape_html);
        let pages = steps.run("read content pages", || {
            let (pages, mut problems) = content::load(&site.root);
            problems.extend(pages.iter().filter_map(reserved_path));
            if problems.is_empty() {
                Ok(pages)
            } else {
                Err(BuildError::Content(problems))
            }
        })?;
        let sent = steps.run("read ledger", || {
            let path = site.root.join(ledger::DEFAULT_FILE);
            Ledger::read(&path)
                .map(|l| l.sent_by_outage(site.config.timezone))
                .map_err(|e| BuildError::Ledger(path, e))
        })?;
        let publication = steps.run("decide what is published", || {
            publish::publication(&site.config, &site.outages, &sent, site.now)
        });
        Ok(Prepared {
            site,
            tera,
            theme,
            pages,
            publication,
        })
    }

    fn cx(&self) -> view::ViewContext<'_> {
        view::ViewContext::new(&self.site.config, &self.pages, self.site.now)
    }

    fn renderer(&self) -> Renderer<'_> {
        Renderer {
            tera: &self.tera,
            site: self.site,
            pages: &self.pages,
            base_url: self.cx().base_url(),
        }
    }

    /// The view of every published outage, in publication order.
    fn views(&self) -> Vec<view::OutageView> {
        let cx = self.cx();
        self.publication
            .published
            .par_iter()
            .map(|p| cx.outage(p))
            .collect()
    }

    /// `index.html`, `banner.html` and `kommuner/index.html`.
    fn lists(
        &self,
        renderer: &Renderer,
        views: &[view::OutageView],
    ) -> Result<Vec<OutputFile>, BuildError> {
        let cards: Vec<tera::Value> = views.par_iter().map(card).collect();
        let by_status = |wanted: &[&str]| -> Vec<&tera::Value> {
            views
                .iter()
                .zip(&cards)
                .filter(|(v, _)| wanted.contains(&v.status))
                .map(|(_, card)| card)
                .collect()
        };
        let mut c = renderer.context(0);
        c.insert("ongoing", &by_status(&["ongoing"]));
        c.insert("upcoming", &by_status(&["upcoming"]));
        c.insert(
            "past",
            &by_status(&["ended", "finished_early", "cancelled"]),
        );
        c.insert("outages", &cards);
        let index = renderer.render("index.html", &c)?;
        let banner = renderer.render("banner.html", &c)?;
        let mut c = renderer.context(1);
        c.insert("municipalities", &self.cx().directory());
        let directory = renderer.render("directory.html", &c)?;
        Ok(vec![
            ("index.html".into(), index),
            ("banner.html".into(), banner),
            ("kommuner/index.html".into(), directory),
        ])
    }

    /// `outages.json`, `outages.ics` and `feed.xml`.
    fn feeds(&self, views: &[view::OutageView]) -> Vec<OutputFile> {
        let (site, published) = (self.site, &self.publication.published);
        let json = feeds::json(published, views, site.now, self.publication.next_change);
        let ics = feeds::ics(&site.config, published, views, site.now);
        let atom = feeds::atom(
            &site.config,
            published,
            views,
            site.now,
            &self.cx().base_url(),
        );
        vec![
            (output::MARKER.into(), json.into_bytes()),
            ("outages.ics".into(), ics.into_bytes()),
            ("feed.xml".into(), atom.into_bytes()),
        ]
    }

    /// The theme's static files under `static/`.
    fn static_files(&self) -> Vec<OutputFile> {
        self.theme
            .files_under(theme::STATIC)
            .map(|(path, file)| (format!("static/{path}"), file.data.clone()))
            .collect()
    }
}

/// Fields of an outage view that only the outage page shows. The index and
/// the banner list every published outage; leaving these out of their cards
/// keeps a large archive's index cheap to render (Tera copies a macro's
/// arguments on every call).
pub const PAGE_ONLY_FIELDS: &[&str] = &["description_html", "updates", "routine"];

/// The outage as the index and banner templates see it: the outage page's
/// view without [`PAGE_ONLY_FIELDS`].
fn card(view: &view::OutageView) -> tera::Value {
    let mut value = tera::to_value(view).unwrap_or_default();
    if let Some(fields) = value.as_object_mut() {
        for field in PAGE_ONLY_FIELDS {
            fields.remove(*field);
        }
    }
    value
}

/// Top-level folders the build writes itself; a content page may not use them.
pub const RESERVED: &[&str] = &["outages", "kommuner", "static"];

/// An error if `page` would overwrite a page the build writes itself.
fn reserved_path(page: &Page) -> Option<Diagnostic> {
    let first = page.path.split('/').next().unwrap_or("");
    RESERVED.contains(&first).then(|| {
        Diagnostic::error(
            &format!("{}/{}.md", crate::site::CONTENT_DIR, page.path),
            crate::yaml::Pos { line: 1, column: 1 },
            format!("`content/{first}` is used by the site itself"),
        )
        .with_hint(format!(
            "rename or move the page; reserved names: {}",
            RESERVED.join(", ")
        ))
    })
}

/// Shared state for rendering templates.
struct Renderer<'a> {
    tera: &'a tera::Tera,
    site: &'a Site,
    pages: &'a [Page],
    base_url: String,
}

#[derive(Serialize)]
struct NavItem<'a> {
    title: &'a str,
    path: String,
}

impl Renderer<'_> {
    /// The context every template gets; `depth` is how many folders below
    /// the site root the page lives (`root` is the relative way back).
    fn context(&self, depth: usize) -> tera::Context {
        let config = &self.site.config;
        let mut c = tera::Context::new();
        c.insert("t", &i18n::strings(config.language));
        c.insert("lang", config.language.tag());
        c.insert("site_title", &config.title);
        c.insert("base_url", &self.base_url);
        let root = if depth == 0 {
            "./".to_string()
        } else {
            "../".repeat(depth)
        };
        c.insert("root", &root);
        c.insert(
            "generated",
            &words::long_time(&self.site.now, &self.site.now, config.language),
        );
        c.insert("generated_rfc", &rfc3339(&self.site.now));
        let nav: Vec<NavItem> = self
            .pages
            .iter()
            .filter(|p| !p.path.contains('/'))
            .map(|p| NavItem {
                title: &p.title,
                path: format!("{}/", p.path),
            })
            .collect();
        c.insert("nav", &nav);
        c
    }

    /// `outages/<id>/index.html` of one published outage.
    fn outage_page(&self, v: &view::OutageView) -> Result<OutputFile, BuildError> {
        let mut c = self.context(2);
        c.insert("outage", v);
        Ok((
            format!("{}index.html", v.path),
            self.render("outage.html", &c)?,
        ))
    }

    /// `<path>/index.html` of one content page.
    fn content_page(&self, p: &Page) -> Result<OutputFile, BuildError> {
        let mut c = self.context(p.path.split('/').count());
        c.insert("page", &view::page(p));
        Ok((
            format!("{}/index.html", p.path),
            self.render("page.html", &c)?,
        ))
    }

    fn render(&self, template: &str, c: &tera::Context) -> Result<Vec<u8>, BuildError> {
        self.tera
            .render(template, c)
            .map(String::into_bytes)
            .map_err(|e| BuildError::Render(template.to_string(), theme::error_chain(&e)))
    }
}

/// HTML escaping for templates: `&`, `<`, `>`, `"` and `'` (enough for text
/// and quoted attributes; unlike Tera's default it leaves `/` readable).
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_file_gives_exactly_what_render_writes() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let site = Site::load(root, Some("2026-11-26 14:00")).unwrap();
        let all = render(&site).unwrap();
        assert!(
            all.files.iter().any(|(p, _)| p.starts_with("outages/")),
            "an outage page is published"
        );
        for (path, bytes) in &all.files {
            let one = render_file(&site, path).unwrap();
            assert_eq!(one.as_ref(), Some(bytes), "{path}");
        }
        for missing in [
            "nope.html",
            "outages/nope/index.html",
            "static/nope.css",
            "nope/index.html",
        ] {
            assert_eq!(render_file(&site, missing).unwrap(), None, "{missing}");
        }
    }
}
