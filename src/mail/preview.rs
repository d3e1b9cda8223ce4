//! `send --dry-run`: a composed notice printed for a person to read — the
//! Message-ID, sender, recipients (the `Bcc` ones too, which the message
//! itself no longer carries), subject and the decoded text part, instead of
//! raw MIME with quoted-printable text.

use std::fmt::Write as _;

use lettre::message::Mailboxes;
use lettre::message::header;

use super::compose::Composed;
use crate::catalogue::mail as msg;

/// `composed` with its decoded text part `text`, readably, ending with a
/// blank line.
pub fn readable(composed: &Composed, text: &str) -> String {
    let headers = composed.message.headers();
    let list = |mailboxes: Option<Mailboxes>| mailboxes.map(|m| m.to_string());
    let to = list(headers.get::<header::To>().map(Mailboxes::from));
    let cc = list(headers.get::<header::Cc>().map(Mailboxes::from));
    let from = list(headers.get::<header::From>().map(Mailboxes::from));
    let in_headers: Vec<String> = [
        headers.get::<header::To>().map(Mailboxes::from),
        headers.get::<header::Cc>().map(Mailboxes::from),
    ]
    .into_iter()
    .flatten()
    .flat_map(|m| m.into_iter().map(|b| b.email.to_string()))
    .collect();
    let bcc: Vec<String> = composed
        .message
        .envelope()
        .to()
        .iter()
        .map(ToString::to_string)
        .filter(|a| !in_headers.contains(a))
        .collect();
    let rule = "-".repeat(72);
    let mut out = String::new();
    let _ = writeln!(out, "{rule}");
    let _ = writeln!(out, "Message-ID: {}", composed.message_id);
    let _ = writeln!(out, "{}", msg::preview_from(from.unwrap_or_default()));
    if let Some(to) = to {
        let _ = writeln!(out, "{}", msg::preview_to(to));
    }
    if let Some(cc) = cc {
        let _ = writeln!(out, "{}", msg::preview_cc(cc));
    }
    if !bcc.is_empty() {
        let _ = writeln!(out, "{}", msg::preview_bcc(bcc.join(", ")));
    }
    let _ = writeln!(out, "{}", msg::preview_subject(&composed.subject));
    let _ = writeln!(out);
    out.push_str(text.trim_end());
    out.push_str("\n\n");
    out
}
