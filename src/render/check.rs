//! What `check` finds in the content pages before `build` does (SPEC §5):
//! a page without front matter or `title`, a page in a folder the site
//! writes itself, a page the theme cannot render, and a routine page
//! without the numbered steps that the outage pages and the emails quote.
//! Each is reported at the page's file and line.

use std::collections::{BTreeMap, HashMap};

use crate::catalogue::check as msg;
use crate::content::{self, Page};
use crate::diagnostic::Diagnostic;
use crate::site::{CONTENT_DIR, Site};
use crate::theme::{self, Theme};
use crate::yaml::Pos;

use super::{Prepared, first_ordered_list, publish, reserved_path};

/// Every problem `build` would have with the site's content pages, and
/// every routine page without steps.
pub fn content_pages(site: &Site) -> Vec<Diagnostic> {
    let (pages, mut problems) = content::load(&site.root);
    problems.extend(pages.iter().filter_map(reserved_path));
    problems.extend(routines_without_steps(site, &pages));
    problems.extend(unrenderable(site, pages));
    problems
}

/// The file of a content page, relative to the root.
fn file_of(page: &Page) -> String {
    format!("{CONTENT_DIR}/{}.md", page.path)
}

/// An error on each routine page (the default one and every one an
/// outage names) whose body has no ordered list.
fn routines_without_steps(site: &Site, pages: &[Page]) -> Vec<Diagnostic> {
    // Routine path → who uses it, for the message.
    let mut users: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    users
        .entry(site.config.routines.default.as_str())
        .or_default()
        .push(msg::routines_default());
    for outage in &site.outages {
        users
            .entry(outage.routine.as_str())
            .or_default()
            .push(format!("`{}`", outage.id));
    }
    pages
        .iter()
        .filter(|page| first_ordered_list(&page.body).is_empty())
        .filter_map(|page| {
            let users = users.get(page.path.as_str())?;
            let file = file_of(page);
            let line = body_line(site, &file, page);
            Some(
                Diagnostic::error(
                    &file,
                    Pos { line, column: 1 },
                    msg::routine_without_steps(list(users)),
                )
                .with_hint(msg::routine_without_steps_hint()),
            )
        })
        .collect()
}

/// At most three names, then "…".
fn list(names: &[String]) -> String {
    let mut shown = names.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
    if names.len() > 3 {
        shown.push_str(", …");
    }
    shown
}

/// The line the page's body starts on (after the front matter).
fn body_line(site: &Site, file: &str, page: &Page) -> u32 {
    let text = std::fs::read_to_string(site.root.join(file)).unwrap_or_default();
    let front = text.len().saturating_sub(page.body.len());
    text.get(..front)
        .map_or(1, |f| f.matches('\n').count() as u32 + 1)
}

/// An error on each page the theme's page template fails on. Nothing when
/// the theme itself does not load (the theme check reports that).
fn unrenderable(site: &Site, pages: Vec<Page>) -> Vec<Diagnostic> {
    let Ok(theme) = Theme::load(&site.root, &site.config.theme) else {
        return Vec::new();
    };
    let Ok(tera) = theme.tera(theme::TEMPLATES) else {
        return Vec::new();
    };
    // A content page shows no outage: nothing needs to be published.
    let none: &[std::sync::Arc<crate::outage::Outage>] = &[];
    let publication = publish::publication(&site.config, none, &HashMap::new(), site.now);
    let prepared = Prepared {
        site,
        tera,
        theme,
        pages,
        publication,
    };
    let renderer = prepared.renderer();
    prepared
        .pages
        .iter()
        .filter_map(|page| {
            let error = renderer.content_page(page).err()?;
            Some(
                Diagnostic::error(
                    &file_of(page),
                    Pos { line: 1, column: 1 },
                    msg::page_cannot_render(error),
                )
                .with_hint(msg::page_cannot_render_hint()),
            )
        })
        .collect()
}
