//! The moment one request shows: `?now=` on the URL, or the server's
//! default (`--now`, or the clock). Time travel is per request — nothing is
//! stored on the server — so two tabs at two moments never affect each
//! other, and every link of a page shown at a chosen moment carries it on.

use chrono::DateTime;
use chrono_tz::Tz;

use crate::localtime::{self, rfc3339};

/// The moment a request shows.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Moment {
    /// The moment pages and notices are shown at.
    pub(super) at: DateTime<Tz>,
    /// True when the request chose it (`?now=`): links carry it on.
    pub(super) chosen: bool,
    /// A `now=` that is not a time: what was given and what is wrong
    /// (the default moment is shown instead).
    pub(super) error: Option<(String, String)>,
}

impl Moment {
    /// The moment `query` asks for (`now=`, any time form of the outage
    /// files, read in `tz`); `default` when it asks for none or for one
    /// that is not a time.
    pub(super) fn from_query(query: &str, default: DateTime<Tz>, tz: Tz) -> Moment {
        let fallback = Moment {
            at: default,
            chosen: false,
            error: None,
        };
        let Some(text) = query_param(query, "now").filter(|t| !t.trim().is_empty()) else {
            return fallback;
        };
        match localtime::parse(&text, tz) {
            Ok(at) => Moment {
                at,
                chosen: true,
                error: None,
            },
            Err(e) => Moment {
                error: Some((
                    text.clone(),
                    format!("{}; {}", e.message(&text, tz), e.hint()),
                )),
                ..fallback
            },
        }
    }

    /// A moment chosen on purpose (a time-travel link).
    pub(super) fn chosen(at: DateTime<Tz>) -> Moment {
        Moment {
            at,
            chosen: true,
            error: None,
        }
    }

    /// `now=…` for a URL when the moment was chosen; empty otherwise.
    pub(super) fn query(&self) -> String {
        if self.chosen {
            format!("now={}", percent_encode(&rfc3339(&self.at)))
        } else {
            String::new()
        }
    }

    /// `href` with this moment carried on (before any `#fragment`).
    pub(super) fn link(&self, href: &str) -> String {
        let query = self.query();
        if query.is_empty() {
            return href.to_string();
        }
        let (path, fragment) = href
            .split_once('#')
            .map_or((href, None), |(p, f)| (p, Some(f)));
        let joiner = if path.contains('?') { '&' } else { '?' };
        let mut out = format!("{path}{joiner}{query}");
        if let Some(fragment) = fragment {
            out.push('#');
            out.push_str(fragment);
        }
        out
    }

    /// `html` with this moment carried on every link (`<a href>`) that stays
    /// inside the preview: relative and root-relative links, not fragments,
    /// other sites or `tel:`/`mailto:`.
    pub(super) fn carry(&self, html: &str) -> String {
        if !self.chosen {
            return html.to_string();
        }
        let mut out = String::with_capacity(html.len() + 256);
        let mut rest = html;
        while let Some(at) = find_anchor(rest) {
            let (before, tag_and_after) = rest.split_at(at);
            out.push_str(before);
            let end = tag_and_after
                .find('>')
                .map_or(tag_and_after.len(), |e| e + 1);
            let (tag, after) = tag_and_after.split_at(end);
            out.push_str(&self.carry_in_tag(tag));
            rest = after;
        }
        out.push_str(rest);
        out
    }

    /// One `<a …>` tag with its `href` rewritten when it is internal.
    fn carry_in_tag(&self, tag: &str) -> String {
        let Some(start) = tag.find(" href=\"").map(|i| i + 7) else {
            return tag.to_string();
        };
        let Some(len) = tag[start..].find('"') else {
            return tag.to_string();
        };
        let href = &tag[start..start + len];
        if !is_internal(href) || href.contains("now=") {
            return tag.to_string();
        }
        // The href is HTML-escaped text; `&amp;` joins a second parameter.
        let link = self.link(href).replacen("&now=", "&amp;now=", 1);
        format!("{}{link}{}", &tag[..start], &tag[start + len..])
    }
}

/// The byte offset of the next `<a ` (or `<a\n`) tag in `html`.
fn find_anchor(html: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut from = 0;
    while let Some(i) = html[from..].find("<a").map(|i| i + from) {
        if matches!(bytes.get(i + 2), Some(b' ' | b'\n' | b'\t' | b'\r')) {
            return Some(i);
        }
        from = i + 2;
    }
    None
}

/// True for a link that stays inside the preview: relative or starting
/// with one `/`, not a fragment and without a scheme.
fn is_internal(href: &str) -> bool {
    if href.is_empty() || href.starts_with('#') || href.starts_with("//") {
        return false;
    }
    let scheme = href
        .split(['/', '?', '#'])
        .next()
        .is_some_and(|first| first.contains(':'));
    !scheme
}

/// The value of `key` in a URL query, `+` and `%XX` decoded.
pub(super) fn query_param(query: &str, key: &str) -> Option<String> {
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (k == key).then(|| percent_decode(&v.replace('+', " ")))
    })
}

/// `%XX`-decodes `text`, keeping a `%` that starts no escape.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `%XX`-encodes everything but letters, digits and `-._~`.
pub(super) fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Oslo;

    fn default() -> DateTime<Tz> {
        localtime::parse("2026-12-01 09:00", Oslo).unwrap()
    }

    #[test]
    fn the_query_chooses_the_moment_and_a_bad_one_is_reported() {
        let m = Moment::from_query("now=2026-12-02+11%3A00", default(), Oslo);
        assert!(m.chosen);
        assert_eq!(rfc3339(&m.at), "2026-12-02T11:00:00+01:00");
        assert_eq!(m.query(), "now=2026-12-02T11%3A00%3A00%2B01%3A00");
        let again = Moment::from_query(&m.query(), default(), Oslo);
        assert_eq!(again, m, "a carried moment reads back the same");
        let none = Moment::from_query("x=1&now=", default(), Oslo);
        assert!(!none.chosen && none.error.is_none());
        assert_eq!(none.at, default());
        assert_eq!(none.query(), "");
        let bad = Moment::from_query("now=garbage", default(), Oslo);
        assert!(!bad.chosen);
        assert_eq!(bad.at, default());
        let (given, why) = bad.error.unwrap();
        assert_eq!(given, "garbage");
        assert!(why.contains("not a date and time"), "{why}");
    }

    #[test]
    fn links_carry_the_moment_inside_the_preview_only() {
        let m = Moment::from_query("now=2026-12-02+11:00", default(), Oslo);
        let q = "now=2026-12-02T11%3A00%3A00%2B01%3A00";
        assert_eq!(m.link("/_varsel/"), format!("/_varsel/?{q}"));
        assert_eq!(m.link("/a/?b=1#top"), format!("/a/?b=1&{q}#top"));
        let html = "<a href=\"./\">i</a> <a class=\"x\" href=\"../../outages/a/#u\">a</a> <a href=\"#main\">s</a> <a href=\"tel:+4700\">t</a> <a href=\"https://example.org/\">e</a> <link href=\"./static/style.css\"> <abbr>x</abbr> <a href=\"./feed.xml?x=1\">f</a>";
        let carried = m.carry(html);
        assert_eq!(
            carried,
            format!(
                "<a href=\"./?{q}\">i</a> <a class=\"x\" href=\"../../outages/a/?{q}#u\">a</a> <a href=\"#main\">s</a> <a href=\"tel:+4700\">t</a> <a href=\"https://example.org/\">e</a> <link href=\"./static/style.css\"> <abbr>x</abbr> <a href=\"./feed.xml?x=1&amp;{q}\">f</a>"
            )
        );
        assert_eq!(m.carry(&carried), carried, "carried once");
        let default = Moment::from_query("", default(), Oslo);
        assert_eq!(
            default.carry(html),
            html,
            "the default moment is not carried"
        );
    }
}
