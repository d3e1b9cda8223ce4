//! The few Markdown pieces an email needs: the outage description as safe
//! HTML, and the routine page's title and key steps (the items of its first
//! ordered list). Raw HTML written in Markdown is shown as text, never
//! rendered.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// One key step of a routine, as plain text and as safe HTML.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Step {
    /// The step without formatting, for the text part.
    pub text: String,
    /// The step as inline HTML (raw HTML escaped).
    pub html: String,
}

/// What a notice shows of a routine page.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct RoutinePage {
    /// `title` from the page's front matter (empty if none).
    pub title: String,
    /// Items of the first ordered list in the page body.
    pub steps: Vec<Step>,
}

fn parser(markdown: &str) -> impl Iterator<Item = Event<'_>> {
    Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
    .map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    })
}

/// Markdown rendered to HTML with raw HTML escaped.
pub fn html(markdown: &str) -> String {
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, parser(markdown));
    out
}

/// Splits `---` front matter from the body; returns (front matter, body).
fn front_matter(text: &str) -> (&str, &str) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return ("", text);
    };
    for (index, _) in rest.match_indices("---") {
        let at_line_start = index == 0 || rest[..index].ends_with('\n');
        let after = &rest[index + 3..];
        let line_end = after.find('\n').map_or(after.len(), |n| n + 1);
        if at_line_start && after[..line_end].trim().is_empty() {
            return (&rest[..index], &after[line_end..]);
        }
    }
    ("", text)
}

/// Reads a content page: its front-matter title and its key steps.
pub fn routine(text: &str) -> RoutinePage {
    let (front, body) = front_matter(text);
    let title = crate::yaml::parse(front)
        .ok()
        .and_then(|node| match node.value {
            crate::yaml::Value::Map(entries) => entries
                .into_iter()
                .find(|(k, _)| k.as_text().as_deref() == Some("title"))
                .and_then(|(_, v)| v.as_text()),
            _ => None,
        })
        .unwrap_or_default();
    RoutinePage {
        title,
        steps: first_ordered_list(body),
    }
}

fn first_ordered_list(body: &str) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut depth = 0usize;
    let mut inside = false;
    let mut item: Option<Vec<Event>> = None;
    for event in parser(body) {
        match &event {
            Event::Start(Tag::List(Some(_))) if !inside => {
                inside = true;
                depth = 0;
                continue;
            }
            Event::Start(Tag::List(_)) if inside => depth += 1,
            Event::End(TagEnd::List(_)) if inside => {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            }
            Event::Start(Tag::Item) if inside && depth == 0 => {
                item = Some(Vec::new());
                continue;
            }
            Event::End(TagEnd::Item) if inside && depth == 0 => {
                if let Some(events) = item.take() {
                    steps.push(step(events));
                }
                continue;
            }
            _ => {}
        }
        if let Some(events) = item.as_mut() {
            events.push(event);
        }
    }
    steps
}

fn step(events: Vec<Event>) -> Step {
    let mut text = String::new();
    for event in &events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item) | Event::Start(Tag::List(_)) => {
                text.push(' ')
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "---\ntitle: Nødrutine for PLO\nweight: 10\n---\n\nIntro.\n\n- not this\n\n1. **Les varselet.** Se\n   hvilke kommuner.\n2. Ring <b>koordinator</b>:\n   1. nested\n3. `Dokumenter`\n\nText.\n\n1. second list\n";

    #[test]
    fn key_steps_are_the_first_ordered_list_items() {
        let page = routine(PAGE);
        assert_eq!(page.title, "Nødrutine for PLO");
        let texts: Vec<&str> = page.steps.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Les varselet. Se hvilke kommuner.",
                "Ring <b>koordinator</b>: nested",
                "Dokumenter"
            ]
        );
        assert_eq!(
            page.steps[0].html,
            "<strong>Les varselet.</strong> Se\nhvilke kommuner."
        );
        assert!(
            page.steps[1].html.contains("&lt;b&gt;"),
            "{}",
            page.steps[1].html
        );
    }

    #[test]
    fn raw_html_is_escaped_and_pages_without_front_matter_work() {
        assert_eq!(
            html("<script>x</script>\n\nok"),
            "&lt;script&gt;x&lt;/script&gt;\n<p>ok</p>\n"
        );
        assert_eq!(routine("1. a\n").steps.len(), 1);
        assert_eq!(routine("1. a\n").title, "");
    }
}
