//! `send --dry-run`: a composed notice printed for a person to read — the
//! Message-ID, sender, `To:` as the message shows it, the envelope's
//! recipients (who actually receive it), subject and the decoded text part,
//! instead of raw MIME with quoted-printable text.

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
    // `To:` may be a group naming the contact groups, which is no mailbox
    // list: shown as written.
    let to = headers.get_raw("To").map(str::to_string);
    let cc = list(headers.get::<header::Cc>().map(Mailboxes::from));
    let from = list(headers.get::<header::From>().map(Mailboxes::from));
    let envelope: Vec<String> = composed
        .message
        .envelope()
        .to()
        .iter()
        .map(ToString::to_string)
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
    let _ = writeln!(out, "{}", msg::preview_envelope(envelope.join(", ")));
    let _ = writeln!(out, "{}", msg::preview_subject(&composed.subject));
    let _ = writeln!(out);
    out.push_str(text.trim_end());
    out.push_str("\n\n");
    out
}
