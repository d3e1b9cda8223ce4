//! What templates see: outages, pages and municipalities turned into plain
//! serialisable values, with times already in words and Markdown already
//! rendered (safely) to HTML.

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::DateTime;
use chrono_tz::Tz;
use serde::Serialize;

use crate::config::{Config, Language, Municipality};
use crate::content::Page;
use crate::localtime::rfc3339;
use crate::schedule::Status;
use crate::words;

use super::i18n;
use super::markdown::{first_ordered_list, html_and_summary, markdown_to_html};
use super::publish::Published;

/// An outage as its page shows it: the card (everything the index, the
/// banner and the feeds show) plus what only the page shows. Templates see
/// one flat object (`outage.title`, `outage.description_html`, ...).
#[derive(Debug, Clone, Serialize)]
pub struct OutageView {
    /// What the lists show.
    #[serde(flatten)]
    pub card: CardView,
    /// The manual routine.
    pub routine: RoutineView,
    /// Description rendered from Markdown.
    pub description_html: String,
    /// Timeline, oldest first.
    pub updates: Vec<UpdateView>,
    /// The description's summary for the feeds (not shown on the page).
    #[serde(skip)]
    pub summary: String,
}

/// An outage as the index, the banner and the feeds show it: cheap to make
/// (no Markdown), so a large archive's lists never render descriptions.
#[derive(Debug, Clone, Serialize)]
pub struct CardView {
    /// Outage id.
    pub id: String,
    /// Title as written (templates escape it).
    pub title: String,
    /// `planned` or `acute`.
    pub kind: &'static str,
    /// Kind in words.
    pub kind_label: &'static str,
    /// `upcoming`, `ongoing`, `ended`, `finished_early` or `cancelled`.
    pub status: &'static str,
    /// Status in words.
    pub status_label: &'static str,
    /// Status label the browser switches to once the outage starts.
    pub ongoing_label: &'static str,
    /// Start in long form.
    pub start: String,
    /// Estimated end in long form.
    pub end: Option<String>,
    /// Actual end in long form.
    pub ended: Option<String>,
    /// Start, RFC 3339.
    pub start_rfc: String,
    /// Estimated end, RFC 3339.
    pub end_rfc: Option<String>,
    /// Actual end, RFC 3339.
    pub ended_rfc: Option<String>,
    /// Publish window opening, RFC 3339.
    pub publish_from: String,
    /// Publish window closing, RFC 3339 (`None`: open-ended).
    pub publish_until: Option<String>,
    /// Estimated duration in words.
    pub duration: Option<String>,
    /// Affected systems.
    pub systems: Vec<SystemView>,
    /// Affected municipalities with their telephones.
    pub municipalities: Vec<MunicipalityView>,
    /// The outage names every municipality.
    pub all_municipalities: bool,
    /// Path of the page relative to the site root (`outages/<id>/`).
    pub path: String,
    /// Absolute URL of the page.
    pub url: String,
}

/// A published outage as the lists and the feeds need it: its card, its
/// description's plain-text summary and its two list items, rendered once
/// (in parallel with every other outage's) from the theme's
/// `partials/card.html` and `partials/banner_item.html`.
#[derive(Debug, Clone)]
pub struct Listed {
    /// Outage id.
    pub id: String,
    /// As in [`CardView::status`].
    pub status: &'static str,
    /// As in [`CardView::status_label`].
    pub status_label: &'static str,
    /// As in [`CardView::start`].
    pub start: String,
    /// As in [`CardView::end`].
    pub end: Option<String>,
    /// As in [`CardView::url`].
    pub url: String,
    /// The description's summary (at most [`SUMMARY_CHARS`] characters).
    pub summary: String,
    /// The outage's card on the index (HTML, shared with the templates'
    /// contexts and marked safe).
    pub card_html: tera::Value,
    /// The outage's item in the banner (likewise).
    pub banner_html: tera::Value,
}

/// Longest description summary in `outages.ics` and `feed.xml`, in
/// characters. The full text is on the outage page the entries link to.
pub const SUMMARY_CHARS: usize = 300;

/// An affected system.
#[derive(Debug, Clone, Serialize)]
pub struct SystemView {
    /// Display name.
    pub name: String,
    /// One-line description.
    pub description: Option<String>,
}

/// A municipality and its coordinator telephone.
#[derive(Debug, Clone, Serialize)]
pub struct MunicipalityView {
    /// Display name.
    pub name: String,
    /// The number as written.
    pub phone: Option<String>,
    /// `tel:` href: `+` and digits only.
    pub tel: Option<String>,
    /// Note next to the number.
    pub note: Option<String>,
}

/// The routine to follow.
#[derive(Debug, Clone, Serialize)]
pub struct RoutineView {
    /// Page title.
    pub title: String,
    /// Page path relative to the site root, with trailing `/`.
    pub path: String,
    /// Key steps (the page's first ordered list).
    pub steps: Vec<String>,
}

/// One timeline entry.
#[derive(Debug, Clone, Serialize)]
pub struct UpdateView {
    /// When, in short form.
    pub at: String,
    /// When, RFC 3339.
    pub at_rfc: String,
    /// Text rendered from Markdown.
    pub html: String,
}

/// A content page ready for its template.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    /// Title.
    pub title: String,
    /// Summary.
    pub description: Option<String>,
    /// Body rendered from Markdown.
    pub html: String,
    /// Path relative to the site root, with trailing `/`.
    pub path: String,
}

/// What the views need from the site.
pub struct ViewContext<'a> {
    /// The configuration.
    pub config: &'a Config,
    /// Content pages by path.
    pub pages: HashMap<&'a str, &'a Page>,
    /// The build's `now`.
    pub now: DateTime<Tz>,
    /// The site's [`base_url`], made once for every outage's URL.
    base_url: String,
    /// Each page's key steps, worked out the first time an outage names
    /// the page as its routine and shared by every later outage.
    steps: HashMap<&'a str, OnceLock<Vec<String>>>,
}

impl<'a> ViewContext<'a> {
    /// The views' context for a site's configuration, content pages and
    /// `now`.
    pub fn new(config: &'a Config, pages: &'a [Page], now: DateTime<Tz>) -> ViewContext<'a> {
        ViewContext {
            config,
            pages: pages.iter().map(|p| (p.path.as_str(), p)).collect(),
            now,
            base_url: base_url(config),
            steps: pages
                .iter()
                .map(|p| (p.path.as_str(), OnceLock::new()))
                .collect(),
        }
    }

    /// The key steps of the routine page at `path` (its first ordered
    /// list), parsed once per page.
    fn routine_steps(&self, path: &str) -> Vec<String> {
        match (self.pages.get(path), self.steps.get(path)) {
            (Some(page), Some(cell)) => cell
                .get_or_init(|| {
                    first_ordered_list(&page.body)
                        .into_iter()
                        .map(|s| s.text)
                        .collect()
                })
                .clone(),
            _ => Vec::new(),
        }
    }

    fn language(&self) -> Language {
        self.config.language
    }

    /// The view of a published outage for its page.
    pub fn outage(&self, p: &Published) -> OutageView {
        let o = p.outage;
        let lang = self.language();
        let routine = self.pages.get(o.routine.as_str());
        let (description_html, summary) = html_and_summary(&o.description, SUMMARY_CHARS);
        OutageView {
            card: self.card(p),
            routine: RoutineView {
                title: routine.map_or_else(|| o.routine.clone(), |p| p.title.clone()),
                path: format!("{}/", o.routine),
                steps: self.routine_steps(&o.routine),
            },
            description_html,
            summary,
            updates: o
                .updates
                .iter()
                .map(|u| UpdateView {
                    at: words::short_time(&u.at, lang),
                    at_rfc: rfc3339(&u.at),
                    html: markdown_to_html(&u.text),
                })
                .collect(),
        }
    }

    /// The view of a published outage for the lists and feeds.
    pub fn card(&self, p: &Published) -> CardView {
        let o = p.outage;
        let lang = self.language();
        let long = |t: &DateTime<Tz>| words::long_time(t, &self.now, lang);
        let status = match p.status {
            Status::Upcoming => "upcoming",
            Status::Ongoing => "ongoing",
            Status::Ended if p.finished_early() => "finished_early",
            Status::Ended => "ended",
            Status::Cancelled => "cancelled",
        };
        let path = format!("outages/{}/", o.id);
        let (expected_end, ended) = (o.expected_end(self.now), o.ended_by(self.now));
        CardView {
            id: o.id.clone(),
            title: o.title.clone(),
            kind: o.kind.as_str(),
            kind_label: i18n::text(lang, &format!("kind_{}", o.kind.as_str())),
            status,
            status_label: i18n::text(lang, &format!("status_{status}")),
            ongoing_label: i18n::text(lang, "status_ongoing"),
            start: long(&o.start),
            // An `ended` still ahead is the expected end, never "ended"
            // (SPEC §3).
            end: expected_end.as_ref().map(long),
            ended: ended.as_ref().map(long),
            start_rfc: rfc3339(&o.start),
            end_rfc: expected_end.as_ref().map(rfc3339),
            ended_rfc: ended.as_ref().map(rfc3339),
            publish_from: rfc3339(&p.window.from),
            publish_until: p.window.until.as_ref().map(rfc3339),
            duration: expected_end.map(|end| words::duration(end - o.start, lang)),
            systems: o
                .systems
                .iter()
                .filter_map(|id| self.config.system(id))
                .map(|s| SystemView {
                    name: s.name.clone(),
                    description: s.description.clone(),
                })
                .collect(),
            municipalities: o
                .municipalities
                .iter()
                .filter_map(|id| self.config.municipality(id))
                .map(municipality)
                .collect(),
            all_municipalities: o.all_municipalities,
            url: format!("{}{path}", self.base_url),
            path,
        }
    }

    /// Every municipality of the site, for the directory page.
    pub fn directory(&self) -> Vec<MunicipalityView> {
        self.config
            .municipalities
            .iter()
            .map(municipality)
            .collect()
    }
}

/// `base_url` of `config` with exactly one trailing slash.
pub fn base_url(config: &Config) -> String {
    format!("{}/", config.base_url.trim_end_matches('/'))
}

/// The view of a content page.
pub fn page(p: &Page) -> PageView {
    PageView {
        title: p.title.clone(),
        description: p.description.clone(),
        html: markdown_to_html(&p.body),
        path: format!("{}/", p.path),
    }
}

fn municipality(m: &Municipality) -> MunicipalityView {
    MunicipalityView {
        name: m.name.clone(),
        phone: m.coordinator_phone.clone(),
        tel: m.coordinator_phone.as_deref().map(tel_href),
        note: m.note.clone(),
    }
}

/// `tel:` URL of a written number: `+47 00 00 01 01` → `tel:+4700000101`.
pub fn tel_href(phone: &str) -> String {
    let mut href = String::from("tel:");
    let trimmed = phone.trim_start();
    if trimmed.starts_with('+') {
        href.push('+');
    }
    href.extend(trimmed.chars().filter(char::is_ascii_digit));
    href
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tel_links_keep_plus_and_digits_only() {
        assert_eq!(tel_href("+47 00 00 01 01"), "tel:+4700000101");
        assert_eq!(tel_href("69 00 00 00"), "tel:69000000");
        assert_eq!(tel_href("69-00 00 00"), "tel:69000000");
        assert_eq!(tel_href("\"+47\"<x>"), "tel:47");
    }
}
