//! Who a notice goes to, and what its header says about that.
//!
//! The contact groups (`recipients:`) always travel in the SMTP envelope
//! only; no message ever carries a `Bcc:` header, not even a file in the
//! outbox. What `To:` shows follows `mail.recipients_header`:
//!
//! - `bcc`: `To:` is the sender, who thereby keeps a copy (the envelope
//!   holds the sender and the groups);
//! - `to`: `To:` is an RFC 5322 group that *names* the contact groups and
//!   lists no address (`To: PLO ressurspersoner · PLO andre :;`). Five
//!   similar list addresses in `To:` score as `SUSPICIOUS_RECIPS` in
//!   SpamAssassin (2.5 points), and a visible list of five distribution
//!   lists invites hundreds of staff to "reply all"; the names say who was
//!   told without either.
//!
//! A message written to the outbox has no envelope beside it, so it carries
//! the envelope recipients in `X-Varsel-Envelope-To:` (a header rather
//! than the file name: a list of addresses in a file name is long, holds
//! `@`, and would break the `<id>.<kind>[.<rev>].eml` names that tell an
//! outbox's files apart).

use std::str::FromStr;

use lettre::Address;
use lettre::address::Envelope;
use lettre::message::Mailbox;
use lettre::message::header::{Header, HeaderName, HeaderValue};

use crate::config::{Config, RecipientsHeader};

/// `X-Varsel-Envelope-To: a@x, b@x`: the envelope recipients of a message
/// written to the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvelopeTo(pub Vec<Address>);

impl Header for EnvelopeTo {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("X-Varsel-Envelope-To")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        let addresses = s
            .split(',')
            .map(|a| Address::from_str(a.trim()))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(EnvelopeTo(addresses))
    }

    fn display(&self) -> HeaderValue {
        let list: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        HeaderValue::new(Self::name(), list.join(", "))
    }
}

/// `To:` as an RFC 5322 group without addresses whose display name names
/// the contact groups: `To: PLO ressurspersoner · PLO andre :;`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedGroup(pub String);

impl NamedGroup {
    /// The group naming `names`: each name reduced to characters a display
    /// name may hold without quotes (letters, digits and RFC 5322 `atext`;
    /// anything else becomes a space), the names joined with ` · `.
    pub fn naming<'a>(names: impl IntoIterator<Item = &'a str>) -> NamedGroup {
        let words: Vec<String> = names
            .into_iter()
            .map(|name| {
                let cleaned: String = name
                    .chars()
                    .map(|c| {
                        if c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c) {
                            c
                        } else {
                            ' '
                        }
                    })
                    .collect();
                cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
            })
            .filter(|name| !name.is_empty())
            .collect();
        NamedGroup(words.join(" · "))
    }
}

impl Header for NamedGroup {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("To")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        let name = s.trim().strip_suffix(';').ok_or("expected `NAME :;`")?;
        let name = name
            .trim_end()
            .strip_suffix(':')
            .ok_or("expected `NAME :;`")?;
        Ok(NamedGroup(name.trim().to_string()))
    }

    /// Words with other than ASCII letters become RFC 2047 encoded-words
    /// (lettre's header encoder works word by word); the space before
    /// `:;` keeps the last word's encoding clear of the group's syntax.
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), format!("{} :;", self.0))
    }
}

/// What `To:` shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ToHeader {
    /// The sender (`recipients_header: bcc`).
    Sender,
    /// A group naming the contact groups (`recipients_header: to`).
    Group(NamedGroup),
}

/// The envelope and the `To:` header of a notice.
#[derive(Debug, Clone)]
pub struct Addressing {
    /// The SMTP envelope: from the sender to the groups (and, with `bcc`,
    /// the sender).
    pub envelope: Envelope,
    /// What `To:` shows.
    pub to: ToHeader,
}

/// Who a notice from `from` goes to under `config`.
pub fn addressing(config: &Config, from: &Mailbox) -> Result<Addressing, String> {
    let lists = config
        .recipients
        .iter()
        .map(|r| Address::from_str(&r.address).map_err(|e| format!("`{}`: {e}", r.address)))
        .collect::<Result<Vec<_>, _>>()?;
    let (recipients, to) = match config.mail.recipients_header {
        RecipientsHeader::To => (
            lists,
            ToHeader::Group(NamedGroup::naming(
                config.recipients.iter().map(|r| r.name.as_str()),
            )),
        ),
        RecipientsHeader::Bcc => {
            let mut all = vec![from.email.clone()];
            all.extend(lists.into_iter().filter(|a| *a != from.email));
            (all, ToHeader::Sender)
        }
    };
    let envelope =
        Envelope::new(Some(from.email.clone()), recipients).map_err(|e| e.to_string())?;
    Ok(Addressing { envelope, to })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_named_group_holds_no_address_and_no_special_character() {
        let group = NamedGroup::naming([
            "PLO ressurspersoner",
            "PLO seksjonsledere/stedfortredere",
            "Avd. (A), \"B\"",
            "",
        ]);
        assert_eq!(
            group.0,
            "PLO ressurspersoner · PLO seksjonsledere/stedfortredere · Avd A B"
        );
        let shown = format!("{:?}", group.display());
        assert!(shown.contains(":;"), "{shown}");
        assert_eq!(
            NamedGroup::parse("PLO andre :;").unwrap(),
            NamedGroup("PLO andre".into())
        );
    }

    #[test]
    fn envelope_to_round_trips() {
        let header = EnvelopeTo(vec![
            "a@example.org".parse().unwrap(),
            "b@example.org".parse().unwrap(),
        ]);
        let shown = format!("{:?}", header.display());
        assert!(shown.contains("a@example.org, b@example.org"), "{shown}");
        assert_eq!(
            EnvelopeTo::parse("a@example.org, b@example.org").unwrap(),
            header
        );
    }
}
