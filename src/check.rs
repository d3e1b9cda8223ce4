//! The checks only `varsel check` makes, beyond what loading the site
//! finds: the theme's templates, the content pages (as `build` would read
//! and render them), and the example addresses `varsel init` writes, which
//! must be replaced before notices go out (SPEC §5).

use std::str::FromStr;

use crate::catalogue::check as msg;
use crate::config;
use crate::diagnostic::Diagnostic;
use crate::site::{CONTENT_DIR, Site};
use crate::yaml::{self, Node, Value};

/// The domains reserved for examples (RFC 2606): mail there reaches nobody.
pub const EXAMPLE_DOMAINS: &[&str] = &["example.org", "example.com", "example.net"];

/// Adds to `site` the problems of its theme and content pages and the
/// warnings about example addresses, with the text of the files they point
/// into.
pub fn extend(site: &mut Site) {
    let mut found = crate::theme::check(&site.root, &site.config.theme);
    found.extend(crate::render::check::content_pages(site));
    if let Ok(text) = std::fs::read_to_string(site.root.join(config::FILE)) {
        found.extend(example_addresses(&text));
    }
    let mut files: Vec<&str> = found
        .iter()
        .map(|d| d.file.as_str())
        .filter(|f| f.starts_with(&format!("{CONTENT_DIR}/")))
        .collect();
    files.sort_unstable();
    files.dedup();
    for file in files {
        if let Ok(text) = std::fs::read_to_string(site.root.join(file)) {
            site.sources.add(file, &text);
        }
    }
    site.diagnostics.extend(found);
}

/// A warning at the sender (`mail.from`, `mail.reply_to`) and at each
/// recipient address in the `varsel.yaml` text that is still at an example
/// domain.
pub fn example_addresses(text: &str) -> Vec<Diagnostic> {
    let Ok(root) = yaml::parse(text) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    // The sender, and where staff's replies go.
    for key in ["from", "reply_to"] {
        if let Some(node) = get(&root, "mail").and_then(|mail| get(mail, key)) {
            found.extend(warning(node, msg::example_sender_hint()));
        }
    }
    if let Some(Value::Seq(items)) = get(&root, "recipients").map(|n| &n.value) {
        for address in items.iter().filter_map(|item| get(item, "address")) {
            found.extend(warning(address, msg::example_recipient_hint()));
        }
    }
    found
}

/// The value of `key` in a mapping node.
fn get<'n>(node: &'n Node, key: &str) -> Option<&'n Node> {
    let Value::Map(pairs) = &node.value else {
        return None;
    };
    pairs
        .iter()
        .find(|(k, _)| k.as_text().as_deref() == Some(key))
        .map(|(_, v)| v)
}

fn warning(node: &Node, hint: String) -> Option<Diagnostic> {
    let text = node.as_text()?;
    let domain = example_domain(&text)?;
    Some(
        Diagnostic::warning(config::FILE, node.pos, msg::example_address(&text, domain))
            .with_hint(hint),
    )
}

/// The example domain a mailbox (`Name <a@b>` or `a@b`) is at, if it is
/// one of [`EXAMPLE_DOMAINS`] or under one.
pub fn example_domain(mailbox: &str) -> Option<&'static str> {
    let mailbox = lettre::message::Mailbox::from_str(mailbox).ok()?;
    let domain = mailbox.email.domain().to_ascii_lowercase();
    let domain = domain.trim_end_matches('.');
    EXAMPLE_DOMAINS
        .iter()
        .copied()
        .find(|example| domain == *example || domain.ends_with(&format!(".{example}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_domains_and_their_subdomains_are_found() {
        assert_eq!(example_domain("a@example.org"), Some("example.org"));
        assert_eq!(
            example_domain("Meldinger <m@Post.EXAMPLE.com>"),
            Some("example.com")
        );
        assert_eq!(example_domain("x@example.net"), Some("example.net"));
        for real in [
            "a@sykehuset.no",
            "a@notexample.org",
            "a@example.org.no",
            "junk",
        ] {
            assert_eq!(example_domain(real), None, "{real}");
        }
    }

    #[test]
    fn the_sender_and_each_recipient_are_warned_at_their_place() {
        let text = "title: T\nmail:\n  from: \"M <m@example.org>\"\n  reply_to: r@sykehuset.no\nrecipients:\n  - { name: A, address: a@sykehuset.no }\n  - { name: B, address: b@example.com }\n";
        let found = example_addresses(text);
        let places: Vec<(u32, u32)> = found.iter().map(|d| (d.line, d.column)).collect();
        assert_eq!(places, [(3, 9), (7, 25)], "{found:#?}");
        assert!(found.iter().all(|d| !d.is_error()));
        assert!(found[1].message.contains("b@example.com"), "{found:#?}");
    }
}
