//! Markdown for content pages, outage descriptions and updates.
//!
//! Coordinators write Markdown; staff read it on the intranet and in email.
//! Raw HTML is never rendered: pulldown-cmark's HTML events become escaped
//! text. Links and images may only point at http(s), mailto, tel or relative
//! targets; any other link becomes its plain text and any other image its
//! alt text. Both rules work on the event stream, so no HTML is re-parsed.

use std::collections::HashSet;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::Serialize;

/// The Markdown extensions the site supports.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH
}

/// Renders coordinator Markdown to safe HTML: raw HTML is shown as text,
/// unsafe link targets are dropped, headings get `id` anchors.
pub fn markdown_to_html(md: &str) -> String {
    events_to_html(md, Parser::new_ext(md, options()))
}

/// [`markdown_to_html`] and [`summary`] of the same text from one parse
/// (an outage description is both on its page and in the feeds).
pub fn html_and_summary(md: &str, max_chars: usize) -> (String, String) {
    let mut summary = Summary::default();
    let html = events_to_html(
        md,
        Parser::new_ext(md, options()).inspect(|e| summary.observe(e)),
    );
    (html, summary.finish(max_chars))
}

fn events_to_html<'a>(md: &str, events: impl Iterator<Item = Event<'a>>) -> String {
    let events = with_heading_anchors(safe_events(events));
    let mut html = String::with_capacity(md.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    html
}

/// One key step of a routine: an item of the page's first ordered list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    /// The step without formatting (raw HTML kept as text), on one line.
    pub text: String,
    /// The step as inline HTML under the same rules as [`markdown_to_html`].
    pub html: String,
}

/// The top-level items of the first top-level ordered list in `md` (the key
/// steps of a manual routine), without their nested lists. Empty if there
/// is none.
pub fn first_ordered_list(md: &str) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut depth = 0usize;
    let mut in_first = false;
    let mut item: Option<Vec<Event>> = None;
    for event in safe_events(Parser::new_ext(md, options())) {
        match event {
            Event::Start(Tag::List(Some(_))) if depth == 0 => {
                in_first = true;
                depth = 1;
            }
            Event::Start(Tag::List(_)) => depth += 1,
            Event::End(TagEnd::List(_)) => {
                depth = depth.saturating_sub(1);
                if in_first && depth == 0 {
                    break;
                }
            }
            Event::Start(Tag::Item) if in_first && depth == 1 => item = Some(Vec::new()),
            Event::End(TagEnd::Item) if in_first && depth == 1 => {
                steps.extend(item.take().map(step));
            }
            event if in_first && depth == 1 => {
                if let Some(events) = item.as_mut() {
                    events.push(event);
                }
            }
            _ => {}
        }
    }
    steps
}

/// One list item's events as a [`Step`].
fn step(events: Vec<Event<'_>>) -> Step {
    let mut text = String::new();
    for event in &events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => text.push(' '),
            _ => {}
        }
    }
    let inline = events.into_iter().filter(|e| {
        !matches!(
            e,
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)
        )
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, inline);
    Step {
        text: text.split_whitespace().collect::<Vec<_>>().join(" "),
        html: html.trim().to_string(),
    }
}

/// A plain-text summary of coordinator Markdown for feeds and calendars:
/// the first paragraph (or, without one, the whole text) without
/// formatting, on one line, cut on a word boundary with `…` when longer
/// than `max_chars` characters. Raw HTML stays text, link targets are
/// dropped (their text is kept) and images give their alt text; the
/// caller's serialiser escapes the result.
pub fn summary(md: &str, max_chars: usize) -> String {
    let mut summary = Summary::default();
    for event in Parser::new_ext(md, options()) {
        summary.observe(&event);
        if summary.found {
            break;
        }
    }
    summary.finish(max_chars)
}

/// Collects a [`summary`] from Markdown events as they go by.
#[derive(Default)]
struct Summary {
    paragraph: String,
    whole: String,
    in_paragraph: bool,
    found: bool,
}

impl Summary {
    /// Takes one event; ignores everything after the first paragraph.
    fn observe(&mut self, event: &Event) {
        if self.found {
            return;
        }
        let target = if self.in_paragraph {
            &mut self.paragraph
        } else {
            &mut self.whole
        };
        match event {
            Event::Start(Tag::Paragraph) => self.in_paragraph = true,
            Event::End(TagEnd::Paragraph) if self.in_paragraph => self.found = true,
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                target.push_str(t);
            }
            Event::SoftBreak | Event::HardBreak => target.push(' '),
            Event::End(_) if !self.in_paragraph => target.push(' '),
            _ => {}
        }
    }

    /// The summary: the first paragraph (or the whole text), on one line,
    /// cut to `max_chars`.
    fn finish(self, max_chars: usize) -> String {
        let text = if self.found {
            self.paragraph
        } else {
            self.whole
        };
        // Words joined by single spaces, only as far as the cut can reach:
        // one word past `max_chars` decides where [`cut_on_word`] cuts.
        let mut joined = String::with_capacity(text.len().min(4 * max_chars + 8));
        let mut chars = 0;
        for word in text.split_whitespace() {
            if !joined.is_empty() {
                joined.push(' ');
                chars += 1;
            }
            joined.push_str(word);
            chars += word.chars().count();
            if chars > max_chars {
                break;
            }
        }
        cut_on_word(&joined, max_chars)
    }
}

/// `text` if it has at most `max_chars` characters, otherwise its longest
/// prefix that ends at a word boundary and fits with a trailing `…`.
fn cut_on_word(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let limit = max_chars.saturating_sub(1);
    let end = text
        .char_indices()
        .nth(limit)
        .map_or(text.len(), |(i, _)| i);
    let head = &text[..end];
    let next_is_space = text[end..].starts_with(' ');
    let head = match head.rfind(' ') {
        Some(space) if !next_is_space => &head[..space],
        _ => head,
    };
    format!("{}…", head.trim_end())
}

/// True for targets a link or image may point at: http(s), mailto, tel, or
/// a relative reference (no scheme).
pub fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    let end = cleaned.find(['/', '?', '#']).unwrap_or(cleaned.len());
    match cleaned[..end].find(':') {
        None => true,
        Some(colon) => matches!(&cleaned[..colon], "http" | "https" | "mailto" | "tel"),
    }
}

/// Applies the HTML and link rules to the event stream.
fn safe_events<'a>(events: impl Iterator<Item = Event<'a>>) -> Vec<Event<'a>> {
    // One entry per open link/image: whether its tags were kept.
    let mut open: Vec<bool> = Vec::new();
    let mut out = Vec::with_capacity(256);
    for event in events {
        match event {
            Event::Html(text) | Event::InlineHtml(text) => out.push(Event::Text(text)),
            Event::Start(Tag::HtmlBlock) => out.push(Event::Start(Tag::Paragraph)),
            Event::End(TagEnd::HtmlBlock) => out.push(Event::End(TagEnd::Paragraph)),
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs: _,
            }) => out.push(Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs: Vec::new(),
            })),
            Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                let url = match &tag {
                    Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => dest_url,
                    _ => unreachable!("matched above"),
                };
                let keep = is_safe_url(url);
                open.push(keep);
                if keep {
                    out.push(Event::Start(tag));
                }
            }
            Event::End(end @ (TagEnd::Link | TagEnd::Image)) => {
                if open.pop().unwrap_or(true) {
                    out.push(Event::End(end));
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// Gives every heading without an explicit `{#id}` an id from its text
/// (`## Slik gjør du` → `slik-gjør-du`), unique within the document.
fn with_heading_anchors(mut events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut used: HashSet<String> = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
            _ => None,
        })
        .collect();
    let mut i = 0;
    while i < events.len() {
        if matches!(&events[i], Event::Start(Tag::Heading { id: None, .. })) {
            let mut text = String::new();
            let mut end = i + 1;
            while end < events.len() && !matches!(events[end], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[end] {
                    text.push_str(t);
                }
                end += 1;
            }
            // (`safe_events` has dropped every heading's attributes.)
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
                *id = Some(unique(slug(&text), &mut used).into());
            }
            i = end;
        }
        i += 1;
    }
    events
}

/// Lowercase letters and digits of `text`, words joined by `-`.
fn slug(text: &str) -> String {
    let mut slug = String::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.extend(word.chars().flat_map(char::to_lowercase));
    }
    if slug.is_empty() {
        slug.push_str("section");
    }
    slug
}

fn unique(base: String, used: &mut HashSet<String>) -> String {
    let mut candidate = base.clone();
    let mut n = 1;
    while used.contains(&candidate) {
        n += 1;
        candidate = format!("{base}-{n}");
    }
    used.insert(candidate.clone());
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_parse_gives_the_same_html_and_summary_as_two() {
        for md in [
            "",
            "Just one line.",
            "# Heading only",
            "# Title\n\nFirst *para*\ngraph.\n\nSecond.",
            "<div>raw block</div>\n\nThen text.",
            "- a list\n- first\n\nAfter [a link](https://x.example/) ![alt](javascript:x).",
            "| a | b |\n|---|---|\n| 1 | 2 |",
            "Text with footnote[^1].\n\n[^1]: The note.",
        ] {
            let (html, text) = html_and_summary(md, 20);
            assert_eq!(html, markdown_to_html(md), "{md:?}");
            assert_eq!(text, summary(md, 20), "{md:?}");
        }
    }

    #[test]
    fn summary_is_the_first_paragraph_as_plain_text() {
        let md = "## Hva skjer\n\nDet nye *PLO*-systemet `v2` [settes](https://x.example.org) i drift\nklokka 18.\n\nAndre avsnitt.\n";
        assert_eq!(
            summary(md, 300),
            "Det nye PLO-systemet v2 settes i drift klokka 18."
        );
        assert_eq!(
            summary("- a\n- b\n", 300),
            "a b",
            "no paragraph: the whole text"
        );
        assert_eq!(summary("", 300), "");
    }

    #[test]
    fn summary_keeps_raw_html_as_text_and_drops_link_targets() {
        let md = "<img src=x onerror=alert(1)> [klikk](javascript:alert(2)) ![alt](javascript:x)\n";
        let s = summary(md, 300);
        assert_eq!(s, "<img src=x onerror=alert(1)> klikk alt");
        assert!(!s.contains("javascript"));
        assert_eq!(
            summary("<script>alert(1)</script>\n", 300),
            "<script>alert(1)</script>"
        );
    }

    #[test]
    fn summary_is_cut_on_a_word_boundary() {
        assert_eq!(
            summary("kort tekst", 300),
            "kort tekst",
            "short text unchanged"
        );
        assert_eq!(summary("en to tre", 9), "en to tre", "exactly the limit");
        assert_eq!(summary("en to tre fire", 9), "en to…");
        assert_eq!(summary("en to tre fire", 10), "en to tre…");
        assert_eq!(summary("ærlig øvelse åpner", 8), "ærlig…");
        assert_eq!(
            summary("abcdefghij", 5),
            "abcd…",
            "one long word is cut hard"
        );
        let long = "ord ".repeat(200);
        let s = summary(&long, 300);
        assert!(s.chars().count() <= 300 && s.ends_with("ord…"), "{s}");
    }

    #[test]
    fn raw_html_is_escaped_text() {
        let html =
            markdown_to_html("<script>alert(1)</script>\n\nHei <img src=x onerror=alert(1)>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(
            html.contains("&lt;img src=x onerror=alert(1)&gt;"),
            "{html}"
        );
    }

    #[test]
    fn unsafe_links_become_text_and_safe_ones_stay() {
        let html = markdown_to_html(
            "[a](javascript:alert(1)) [b]( JaVa\tScript:x) [c](https://x.example.org) \
             [d](tel:+4712345678) [e](../om) ![f](data:image/png;base64,xx) <mailto:x@example.org>",
        );
        assert!(!html.to_lowercase().contains("javascript"), "{html}");
        assert!(!html.contains("data:"), "{html}");
        assert!(
            html.contains(r#"<a href="https://x.example.org">c</a>"#),
            "{html}"
        );
        assert!(html.contains(r#"href="tel:+4712345678""#), "{html}");
        assert!(html.contains(r#"href="../om""#), "{html}");
        assert!(html.starts_with("<p>a "), "{html}");
        assert!(html.contains('f'), "{html}");
        assert!(html.contains("mailto:x@example.org"), "{html}");
    }

    #[test]
    fn headings_get_unique_anchors_and_no_attributes() {
        let html = markdown_to_html(
            "## Slik gjør du\n\n## Slik gjør du\n\n## Egen {#mitt .c onclick=x}\n",
        );
        assert!(html.contains(r#"<h2 id="slik-gjør-du">"#), "{html}");
        assert!(html.contains(r#"<h2 id="slik-gjør-du-2">"#), "{html}");
        assert!(html.contains(r#"id="mitt""#), "{html}");
        assert!(!html.contains("onclick"), "{html}");
    }

    #[test]
    fn tables_and_footnotes_render() {
        let html =
            markdown_to_html("| a | b |\n| --- | --- |\n| 1 | 2 |\n\nTekst[^1]\n\n[^1]: Note\n");
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("footnote"), "{html}");
    }

    #[test]
    fn first_ordered_list_gives_plain_top_level_items() {
        let md = "Intro\n\n- not this\n\n1. **Les varselet.** Se\n   hvilke.\n   1. nested\n2. Ring `koordinator`\n\nText\n\n1. second list\n";
        let texts: Vec<String> = first_ordered_list(md).into_iter().map(|s| s.text).collect();
        assert_eq!(texts, vec!["Les varselet. Se hvilke.", "Ring koordinator"]);
        assert!(first_ordered_list("no list").is_empty());
    }

    const PAGE: &str = "---\ntitle: Nødrutine for PLO\nweight: 10\n---\n\nIntro.\n\n- not this\n\n1. **Les varselet.** Se\n   hvilke kommuner.\n2. Ring <b>koordinator</b> [her](javascript:x):\n   1. nested\n3. `Dokumenter`\n\nText.\n\n1. second list\n";

    #[test]
    fn key_steps_are_the_first_ordered_list_items_as_text_and_safe_html() {
        let page = crate::content::parse("content/plo.md", "plo", PAGE).unwrap();
        assert_eq!(page.title, "Nødrutine for PLO");
        let steps = first_ordered_list(&page.body);
        let texts: Vec<&str> = steps.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Les varselet. Se hvilke kommuner.",
                "Ring <b>koordinator</b> her:",
                "Dokumenter"
            ]
        );
        assert_eq!(
            steps[0].html,
            "<strong>Les varselet.</strong> Se\nhvilke kommuner."
        );
        assert!(steps[1].html.contains("&lt;b&gt;"), "{}", steps[1].html);
        assert!(!steps[1].html.contains("javascript"), "{}", steps[1].html);
        assert!(!steps[1].html.contains("nested"), "{}", steps[1].html);
        let loose = first_ordered_list("1. a\n\n   b\n2. c\n");
        assert_eq!(loose[0].text, "a b");
    }

    #[test]
    fn safe_url_rules() {
        for ok in [
            "https://a",
            "HTTP://a",
            "mailto:a@b",
            "tel:+47",
            "../x",
            "x/y:z",
            "#frag",
            "?q=a:b",
        ] {
            assert!(is_safe_url(ok), "{ok}");
        }
        for bad in [
            "javascript:x",
            "vbscript:x",
            "data:text/html,x",
            "java\nscript:x",
            "file:///etc",
        ] {
            assert!(!is_safe_url(bad), "{bad}");
        }
    }
}
