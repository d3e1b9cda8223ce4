//! Rendering the theme's page templates: the context every template gets,
//! an outage's page and list items and a content page (escaping is
//! [`crate::escape`]).

use crate::content::Page;
use crate::theme;

use super::BuildError;
use super::output::OutputFile;
use super::view;

/// Shared state for rendering templates.
pub(super) struct Renderer<'a> {
    /// The compiled page templates.
    pub(super) tera: &'a tera::Tera,
    /// What every template gets but `root`, made once per build.
    pub(super) base: tera::Context,
}

impl Renderer<'_> {
    /// The context every template gets; `depth` is how many folders below
    /// the site root the page lives (`root` is the relative way back).
    pub(super) fn context(&self, depth: usize) -> tera::Context {
        let mut c = self.base.clone();
        c.insert("root", &root(depth));
        c
    }

    /// `outages/<id>/index.html` of one published outage, rendered with
    /// `c` (a context from [`Renderer::context`]; its `outage` and `root`
    /// are replaced).
    pub(super) fn outage_page(
        &self,
        c: &mut tera::Context,
        v: &view::OutageView,
    ) -> Result<OutputFile, BuildError> {
        c.insert("outage", v);
        c.insert("root", &root(2));
        Ok((
            format!("{}index.html", v.card.path),
            self.render("outage.html", c)?,
        ))
    }

    /// The lists' items of one outage, rendered with `c`, which holds the
    /// outage (its page view or its card) as `outage`; `root` is set to the
    /// index's.
    pub(super) fn listed(
        &self,
        c: &mut tera::Context,
        card: view::CardView,
        summary: String,
    ) -> Result<view::Listed, BuildError> {
        c.insert("root", &root(0));
        Ok(view::Listed {
            summary,
            card_html: self.render_fragment("partials/card.html", c)?,
            banner_html: self.render_fragment("partials/banner_item.html", c)?,
            id: card.id,
            status: card.status,
            status_label: card.status_label,
            start: card.start,
            end: card.end,
            url: card.url,
        })
    }

    /// `<path>/index.html` of one content page.
    pub(super) fn content_page(&self, p: &Page) -> Result<OutputFile, BuildError> {
        let mut c = self.context(p.path.split('/').count());
        c.insert("page", &view::page(p));
        Ok((
            format!("{}/index.html", p.path),
            self.render("page.html", &c)?,
        ))
    }

    /// The bytes of a page: rendered straight into a buffer (no second
    /// pass to check the text is UTF-8, as `Tera::render` does).
    pub(super) fn render(&self, template: &str, c: &tera::Context) -> Result<Vec<u8>, BuildError> {
        self.render_with_capacity(template, c, PAGE_BYTES)
    }

    /// [`Renderer::render`] into a buffer of `capacity` bytes to start
    /// with (a list that joins many fragments knows its size).
    pub(super) fn render_with_capacity(
        &self,
        template: &str,
        c: &tera::Context,
        capacity: usize,
    ) -> Result<Vec<u8>, BuildError> {
        let mut bytes = Vec::with_capacity(capacity);
        self.tera
            .render_to(template, c, &mut bytes)
            .map_err(|e| BuildError::Render(template.to_string(), theme::describe(&e)))?;
        Ok(bytes)
    }

    /// A template that yields a fragment (a card, an item), as a string
    /// Tera shares and does not escape again. Every outage's fragments are
    /// kept until the lists are rendered, so each is stored at its size
    /// (`Tera::render` would give it a buffer of twice the template's) and
    /// the lists' contexts share it instead of copying it.
    pub(super) fn render_fragment(
        &self,
        template: &str,
        c: &tera::Context,
    ) -> Result<tera::Value, BuildError> {
        let bytes = self.render_with_capacity(template, c, FRAGMENT_BYTES)?;
        let text = std::str::from_utf8(&bytes)
            .map_err(|e| BuildError::Render(template.to_string(), e.to_string()))?;
        Ok(tera::Value::safe_string(text))
    }
}

/// The first buffer size for a rendered file (an outage page is ~10 KB).
const PAGE_BYTES: usize = 16 * 1024;

/// The first buffer size for a fragment (a card is ~1.5 KB).
const FRAGMENT_BYTES: usize = 2 * 1024;

/// The relative way back to the site root from a page `depth` folders down.
fn root(depth: usize) -> String {
    if depth == 0 {
        "./".to_string()
    } else {
        "../".repeat(depth)
    }
}
