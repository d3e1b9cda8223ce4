//! `varsel build`: the intranet site as of `now` (SPEC §5 output layout).
//!
//! [`build`] is a list of named, timed steps: load the theme, read the
//! content pages and the ledger, decide what is published, render pages and
//! machine outputs, and swap the result into the output folder at once.

pub mod check;
pub mod feeds;
pub mod i18n;
pub mod markdown;
pub mod output;
pub mod publish;
mod sink;
mod templates;
pub mod view;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::DateTime;
use chrono_tz::Tz;
use rayon::prelude::*;
use serde::Serialize;

use crate::catalogue::cli as msg;
use crate::content::{self, Page};
use crate::diagnostic::Diagnostic;
use crate::ledger::{self, Ledger};
use crate::localtime::rfc3339;
use crate::site::Site;
use crate::theme::{self, Theme, ThemeError};
use crate::words;

pub use crate::escape::{escape_html, escape_html_to};
pub use markdown::{first_ordered_list, markdown_to_html};
use output::OutputFile;
use sink::{Counted, Memory, Sink};
use templates::Renderer;

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
            BuildError::Render(name, e) => f.write_str(&msg::template_failed(name, e)),
            BuildError::Content(d) => f.write_str(&msg::content_problems(d.len())),
            BuildError::Ledger(path, e) => f.write_str(&msg::cannot_read(path.display(), e)),
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

/// What rendering found out besides the files.
struct Outline {
    published: Vec<String>,
    files: usize,
    next_change: Option<DateTime<Tz>>,
}

/// Builds the site as of `site.now` into `out`, replacing it atomically:
/// every file goes into a new hidden folder as soon as it is rendered, and
/// that folder replaces `out` only once all are written. On an error the
/// new folder is removed and `out` is left as it was.
pub fn build(site: &Site, out: &Path) -> Result<BuildReport, BuildError> {
    let mut steps = Steps(Vec::new());
    let staging = output::Staging::new(out, &site.root).map_err(BuildError::Output)?;
    let outline = render_into(site, &staging, &mut steps)?;
    steps.run("swap output folder", || {
        staging.commit().map_err(BuildError::Output)
    })?;
    Ok(BuildReport {
        out: out.to_path_buf(),
        published: outline.published,
        files: outline.files,
        next_change: outline.next_change,
        steps: steps.0,
    })
}

/// Renders the whole site as of `site.now` into memory, in no particular
/// file order.
pub fn render(site: &Site) -> Result<Rendered, BuildError> {
    let mut steps = Steps(Vec::new());
    let memory = Memory::default();
    let outline = render_into(site, &memory, &mut steps)?;
    Ok(Rendered {
        files: memory.into_files(),
        published: outline.published,
        next_change: outline.next_change,
        steps: steps.0,
    })
}

/// Renders every file of the site into `sink`: first the outage pages (in
/// parallel, each page's view dropped once written), then, concurrently,
/// the lists, the feeds, the content pages and the static files.
fn render_into(site: &Site, sink: &dyn Sink, steps: &mut Steps) -> Result<Outline, BuildError> {
    let sink = Counted::new(sink);
    let prepared = Prepared::new(site, steps)?;
    let renderer = prepared.renderer();
    let listed = steps.run("render outage pages", || {
        prepared.outage_pages(&renderer, &sink)
    })?;
    steps.run("render lists, feeds and content pages", || {
        let ((lists, feeds), (pages, statics)) = rayon::join(
            || {
                rayon::join(
                    || prepared.lists(&renderer, &listed, &sink),
                    || prepared.feeds(&listed, &sink),
                )
            },
            || {
                rayon::join(
                    || prepared.content_pages(&renderer, &sink),
                    || prepared.static_files(&sink),
                )
            },
        );
        lists.and(feeds).and(pages).and(statics)
    })?;
    Ok(Outline {
        published: listed.into_iter().map(|l| l.id).collect(),
        files: sink.files(),
        next_change: prepared.publication.next_change,
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
    let pick = |memory: Memory| {
        memory
            .into_files()
            .into_iter()
            .find(|(p, _)| p == path)
            .map(|(_, b)| b)
    };
    let memory = Memory::default();
    match path {
        "index.html" | "banner.html" | "kommuner/index.html" => {
            prepared.lists(&renderer, &prepared.listed(&renderer)?, &memory)?;
            Ok(pick(memory))
        }
        "outages.json" | "outages.ics" | "feed.xml" => {
            prepared.feeds(&prepared.listed(&renderer)?, &memory)?;
            Ok(pick(memory))
        }
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
                    Some(p) => renderer
                        .outage_page(&mut renderer.context(2), &cx.outage(p))
                        .map(|(_, b)| Some(b)),
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
        let (tera, theme) = steps.run("load theme", || {
            Theme::load(&site.root, &site.config.theme)
                .and_then(|theme| Ok((theme.tera(theme::TEMPLATES)?, theme)))
                .map_err(BuildError::Theme)
        })?;
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
                .map(|l| crate::schedule::histories(&l, site.config.timezone, site.now))
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
            base: self.base_context(),
        }
    }

    /// The context every template gets, without `root`.
    fn base_context(&self) -> tera::Context {
        let (config, now) = (&self.site.config, &self.site.now);
        let mut c = tera::Context::new();
        c.insert("t", &i18n::strings(config.language));
        c.insert("lang", config.language.tag());
        c.insert("site_title", &config.title);
        c.insert("base_url", &view::base_url(config));
        c.insert("generated", &words::long_time(now, now, config.language));
        c.insert("generated_rfc", &rfc3339(now));
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

    /// Renders the page of every published outage into `sink` and gives
    /// back what the lists and feeds need of each, in publication order.
    /// Each thread reuses one template context from outage to outage.
    fn outage_pages(
        &self,
        renderer: &Renderer,
        sink: &dyn Sink,
    ) -> Result<Vec<view::Listed>, BuildError> {
        let cx = self.cx();
        self.publication
            .published
            .par_iter()
            .map_init(
                || renderer.context(2),
                |c, p| {
                    let page = cx.outage(p);
                    let (path, bytes) = renderer.outage_page(c, &page)?;
                    sink.put(path, bytes)?;
                    // The page's view has every field of the card.
                    renderer.listed(c, page.card, page.summary)
                },
            )
            .collect()
    }

    /// What the lists and feeds need of every published outage, without
    /// rendering its page.
    fn listed(&self, renderer: &Renderer) -> Result<Vec<view::Listed>, BuildError> {
        let cx = self.cx();
        self.publication
            .published
            .par_iter()
            .map_init(
                || renderer.context(0),
                |c, p| {
                    let card = cx.card(p);
                    c.insert("outage", &card);
                    let summary = markdown::summary(&p.outage.description, view::SUMMARY_CHARS);
                    renderer.listed(c, card, summary)
                },
            )
            .collect()
    }

    /// `index.html`, `banner.html` and `kommuner/index.html`: the lists
    /// join the items rendered for each outage ([`view::Listed`]).
    fn lists(
        &self,
        renderer: &Renderer,
        listed: &[view::Listed],
        sink: &dyn Sink,
    ) -> Result<(), BuildError> {
        // The fragments are shared with the contexts, not copied.
        let cards = |wanted: &[&str]| -> tera::Value {
            let cards: Vec<tera::Value> = listed
                .iter()
                .filter(|l| wanted.contains(&l.status))
                .map(|l| l.card_html.clone())
                .collect();
            cards.into()
        };
        let mut c = renderer.context(0);
        c.insert_value("ongoing", cards(&["ongoing"]));
        c.insert_value("upcoming", cards(&["upcoming"]));
        c.insert_value("past", cards(&["ended", "finished_early", "cancelled"]));
        let mut b = renderer.context(0);
        let items: Vec<tera::Value> = listed.iter().map(|l| l.banner_html.clone()).collect();
        b.insert_value("items", items.into());
        let mut d = renderer.context(1);
        d.insert("municipalities", &self.cx().directory());
        // The lists' buffers are sized for their fragments up front (no
        // doubling of a buffer the size of the whole archive).
        let size = |fragment: fn(&view::Listed) -> &tera::Value| -> usize {
            let fragments: usize = listed
                .iter()
                .map(|l| fragment(l).as_str().map_or(0, str::len))
                .sum();
            fragments + 64 * 1024
        };
        let (index_size, banner_size) = (size(|l| &l.card_html), size(|l| &l.banner_html));
        let (index, (banner, directory)) = rayon::join(
            || renderer.render_with_capacity("index.html", &c, index_size),
            || {
                rayon::join(
                    || renderer.render_with_capacity("banner.html", &b, banner_size),
                    || renderer.render("directory.html", &d),
                )
            },
        );
        sink.put("index.html".into(), index?)?;
        sink.put("banner.html".into(), banner?)?;
        sink.put("kommuner/index.html".into(), directory?)
    }

    /// `outages.json`, `outages.ics` and `feed.xml`, each made on its own
    /// thread.
    fn feeds(&self, listed: &[view::Listed], sink: &dyn Sink) -> Result<(), BuildError> {
        let (site, published) = (self.site, &self.publication.published);
        let base_url = view::base_url(&site.config);
        let (json, (ics, atom)) = rayon::join(
            || feeds::json(published, listed, site.now, self.publication.next_change),
            || {
                rayon::join(
                    || feeds::ics(&site.config, published, listed, site.now),
                    || feeds::atom(&site.config, published, listed, site.now, &base_url),
                )
            },
        );
        sink.put(output::MARKER.into(), json.into_bytes())?;
        sink.put("outages.ics".into(), ics.into_bytes())?;
        sink.put("feed.xml".into(), atom.into_bytes())
    }

    /// Every content page, rendered in parallel.
    fn content_pages(&self, renderer: &Renderer, sink: &dyn Sink) -> Result<(), BuildError> {
        self.pages.par_iter().try_for_each(|p| {
            let (path, bytes) = renderer.content_page(p)?;
            sink.put(path, bytes)
        })
    }

    /// The theme's static files under `static/`.
    fn static_files(&self, sink: &dyn Sink) -> Result<(), BuildError> {
        for (path, file) in self.theme.files_under(theme::STATIC) {
            sink.put(format!("static/{path}"), file.data.clone())?;
        }
        Ok(())
    }
}

#[derive(Serialize)]
struct NavItem<'a> {
    title: &'a str,
    path: String,
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
            crate::catalogue::check::reserved_page(first),
        )
        .with_hint(crate::catalogue::check::reserved_page_hint(
            RESERVED.join(", "),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_html_escapes_the_five_and_keeps_everything_else() {
        for (text, escaped) in [
            ("", ""),
            ("Ærlig / ø å", "Ærlig / ø å"),
            ("<b>&\"'", "&lt;b&gt;&amp;&quot;&#39;"),
            ("a<æ>b", "a&lt;æ&gt;b"),
            ("&amp;", "&amp;amp;"),
        ] {
            assert_eq!(escape_html(text), escaped, "{text:?}");
        }
    }

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
