//! Builds one notice email: headers through lettre's typed builders (no
//! header is ever assembled from strings), and a multipart/alternative body
//! rendered from the theme's `email/` templates.

use std::str::FromStr;

use chrono::DateTime;
use chrono_tz::Tz;
use lettre::Message;
use lettre::message::header::{Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use serde::Serialize;

use super::recipients::{self, EnvelopeTo, ToHeader};
use crate::config::{Config, Language};
use crate::content::Page;
use crate::outage::Outage;
use crate::render::markdown::{Step, first_ordered_list, markdown_to_html};
use crate::schedule::{Notice, NoticeKind, Window};
use crate::words;

/// The `X-Varsel-Notice: ID KIND` header (SPEC §6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VarselNotice {
    /// Outage id.
    pub outage: String,
    /// Notice kind.
    pub kind: NoticeKind,
}

impl Header for VarselNotice {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("X-Varsel-Notice")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        let (outage, kind) = s.trim().split_once(' ').ok_or("expected `ID KIND`")?;
        let kind = NoticeKind::parse(kind).ok_or("unknown notice kind")?;
        Ok(VarselNotice {
            outage: outage.to_string(),
            kind,
        })
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(
            Self::name(),
            format!("{} {}", self.outage, self.kind.as_str()),
        )
    }
}

/// A header with a fixed value: `Auto-Submitted: auto-generated` (RFC
/// 3834) and `X-Auto-Response-Suppress: All` (SPEC §6), so that a notice to
/// large lists does not bring back hundreds of out-of-office replies.
macro_rules! fixed_header {
    ($name:ident, $header:literal, $value:literal) => {
        #[doc = concat!("`", $header, ": ", $value, "`")]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct $name;

        impl Header for $name {
            fn name() -> HeaderName {
                HeaderName::new_from_ascii_str($header)
            }

            fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
                Ok($name)
            }

            fn display(&self) -> HeaderValue {
                HeaderValue::new(Self::name(), $value.to_string())
            }
        }
    };
}

fixed_header!(AutoSubmitted, "Auto-Submitted", "auto-generated");
fixed_header!(AutoResponseSuppress, "X-Auto-Response-Suppress", "All");

/// `<ID.KIND[.REV]@domain>` (SPEC §6): stable, so a resent message is
/// recognisable as the same one.
pub fn message_id(
    config: &Config,
    outage: &str,
    kind: NoticeKind,
    revision: Option<u32>,
) -> String {
    format!(
        "<{}@{}>",
        stem(outage, kind, revision),
        config.mail.message_id_domain
    )
}

/// `ID.KIND[.REV]`: the Message-ID's local part and the outbox file stem.
pub fn stem(outage: &str, kind: NoticeKind, revision: Option<u32>) -> String {
    match revision {
        Some(rev) => format!("{outage}.{}.{rev}", kind.as_str()),
        None => format!("{outage}.{}", kind.as_str()),
    }
}

/// A composed notice.
#[derive(Debug, Clone)]
pub struct Composed {
    /// The message, ready for a transport.
    pub message: Message,
    /// Its Message-ID, angle brackets included.
    pub message_id: String,
    /// `ID.KIND[.REV]`.
    pub stem: String,
    /// The subject line (decoded).
    pub subject: String,
}

/// Why a notice could not be composed.
#[derive(Debug)]
pub enum ComposeError {
    /// A template failed to render (the theme's fault).
    Template(String, String),
    /// An address or the message could not be built.
    Message(String),
}

impl std::fmt::Display for ComposeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ComposeError::Template(name, e) => write!(f, "email template {name}: {e}"),
            ComposeError::Message(e) => write!(f, "cannot build the message: {e}"),
        }
    }
}

impl std::error::Error for ComposeError {}

/// Everything a notice is made from.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The site configuration.
    pub config: &'a Config,
    /// The outage.
    pub outage: &'a Outage,
    /// The notice to send (kind, window, previous window, revision).
    pub notice: &'a Notice,
    /// The sending time: the `Date` header and the wording.
    pub now: DateTime<Tz>,
    /// The routine's content page (`content/<routine>.md`), if it is readable.
    pub routine_page: Option<&'a Page>,
}

/// Builds the message. `envelope_header` writes the envelope recipients
/// into the message as `X-Varsel-Envelope-To` (for `--outbox`, where no
/// envelope travels with the file; see [`recipients`]). A notice after the
/// outage's first replies to the one before it (`In-Reply-To`) and names
/// them all (`References`, oldest first), so that mail clients thread them.
pub fn compose(
    input: Input,
    tera: &tera::Tera,
    envelope_header: bool,
) -> Result<Composed, ComposeError> {
    let Input {
        config,
        outage,
        notice,
        now,
        ..
    } = input;
    let Body {
        subject,
        text,
        html,
    } = body(input, tera)?;

    let mailbox = |text: &str| {
        Mailbox::from_str(text).map_err(|e| ComposeError::Message(format!("`{text}`: {e}")))
    };
    let from = mailbox(&config.mail.from)?;
    let id = message_id(config, &outage.id, notice.kind, notice.revision);
    let mut builder = Message::builder()
        .from(from.clone())
        .subject(subject.clone())
        .date(now.into())
        .message_id(Some(id.clone()))
        .header(VarselNotice {
            outage: outage.id.clone(),
            kind: notice.kind,
        })
        .header(AutoSubmitted)
        .header(AutoResponseSuppress);
    if let Some(reply_to) = &config.mail.reply_to {
        builder = builder.reply_to(mailbox(reply_to)?);
    }
    if let Some(previous) = notice.references.last() {
        builder = builder
            .in_reply_to(previous.clone())
            .references(notice.references.join(" "));
    }
    let addressing = recipients::addressing(config, &from).map_err(ComposeError::Message)?;
    builder = match addressing.to {
        ToHeader::Sender => builder.to(from),
        ToHeader::Group(group) => builder.header(group),
    };
    if envelope_header {
        builder = builder.header(EnvelopeTo(addressing.envelope.to().to_vec()));
    }
    builder = builder.envelope(addressing.envelope);
    let message = builder
        .multipart(MultiPart::alternative_plain_html(text, html))
        .map_err(|e| ComposeError::Message(e.to_string()))?;
    Ok(Composed {
        message,
        message_id: id,
        stem: stem(&outage.id, notice.kind, notice.revision),
        subject,
    })
}

/// The rendered parts of a notice, before headers are added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    /// The subject line, on one line.
    pub subject: String,
    /// The plain-text part.
    pub text: String,
    /// The HTML part.
    pub html: String,
}

/// Renders the subject, text and HTML of a notice from the theme's email
/// templates (`KIND.subject`, `KIND.txt`, `KIND.html`). The live preview
/// shows exactly this.
pub fn body(input: Input, tera: &tera::Tera) -> Result<Body, ComposeError> {
    let kind = input.notice.kind;
    let context = tera::Context::from_serialize(&context(input))
        .map_err(|e| ComposeError::Template("context".into(), crate::theme::describe(&e)))?;
    let render = |suffix: &str| {
        let name = format!("{}.{suffix}", kind.as_str());
        tera.render(&name, &context)
            .map_err(|e| ComposeError::Template(name, crate::theme::describe(&e)))
    };
    let subject = render("subject")?
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    Ok(Body {
        subject,
        text: tidy(&render("txt")?),
        html: render("html")?,
    })
}

/// Trailing spaces removed, runs of blank lines collapsed to one: template
/// whitespace never shows in the text part.
fn tidy(text: &str) -> String {
    let mut out = String::new();
    let mut blank = true;
    for line in text.lines().map(str::trim_end) {
        if line.is_empty() {
            if !blank {
                out.push('\n');
            }
            blank = true;
        } else {
            out.push_str(line);
            out.push('\n');
            blank = false;
        }
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// The template context (documented in themes/default/email/README.md).
#[derive(Debug, Serialize)]
struct Context {
    lang: &'static str,
    kind: &'static str,
    site: SiteCx,
    outage: OutageCx,
    when: WhenCx,
    /// For `changed`: the window told before, when the times differ.
    previous: Option<WhenCx>,
    /// For `changed`: what it corrects — `moved` (staff were told other
    /// times), `uncancelled` (they were told it is cancelled) or `reopened`
    /// (they were told it is over).
    change: Option<&'static str>,
    /// A notice of this kind was sent before (a second `cancelled`,
    /// `resolved` or `completed_early`: "over again").
    again: bool,
    /// `before`, `ongoing` or `over`: where the sending moment falls.
    moment: &'static str,
    municipalities: Vec<MunicipalityCx>,
    routine: RoutineCx,
    sent_at: String,
}

#[derive(Debug, Serialize)]
struct SiteCx {
    title: String,
    base_url: String,
}

#[derive(Debug, Serialize)]
struct OutageCx {
    id: String,
    title: String,
    kind: &'static str,
    url: String,
    systems: Vec<String>,
    systems_text: String,
    systems_in_sentence: String,
    all_municipalities: bool,
    description: String,
    description_html: String,
}

#[derive(Debug, Serialize)]
struct WhenCx {
    start: String,
    end: Option<String>,
    span: String,
    duration: Option<String>,
    ended: Option<String>,
    start_date: String,
}

#[derive(Debug, Serialize)]
struct MunicipalityCx {
    name: String,
    phone: String,
    note: Option<String>,
}

#[derive(Debug, Serialize)]
struct RoutineCx {
    title: String,
    url: String,
    steps: Vec<Step>,
}

fn when(
    window: &Window,
    ended: Option<DateTime<Tz>>,
    now: &DateTime<Tz>,
    lang: Language,
) -> WhenCx {
    let moment = |t: &DateTime<Tz>| words::long_time(t, now, lang);
    WhenCx {
        start: moment(&window.start),
        end: window.end.as_ref().map(moment),
        span: words::span(&window.start, window.end.as_ref(), now, lang),
        duration: window.end.map(|e| words::duration(e - window.start, lang)),
        ended: ended.as_ref().map(moment),
        start_date: words::date(window.start.date_naive(), now, lang),
    }
}

fn context(input: Input) -> Context {
    let Input {
        config,
        outage,
        notice,
        now,
        routine_page,
    } = input;
    let lang = config.language;
    let systems: Vec<String> = outage
        .systems
        .iter()
        .map(|id| {
            config
                .system(id)
                .map_or_else(|| id.clone(), |s| s.name.clone())
        })
        .collect();
    // An `ended` still ahead is not yet true (SPEC §3): it is never shown
    // as "service back", and a window without an estimate shows it as the
    // expected end.
    let window = Window {
        end: notice.window.end.or(outage.expected_end(now)),
        ..notice.window
    };
    let ended = outage.ended_by(now);
    let moment = if now < window.start {
        "before"
    } else if ended.is_some() || window.end.is_some_and(|e| now >= e) {
        "over"
    } else {
        "ongoing"
    };
    Context {
        lang: lang.tag(),
        kind: notice.kind.as_str(),
        site: SiteCx {
            title: config.title.clone(),
            base_url: config.base_url.clone(),
        },
        outage: OutageCx {
            id: outage.id.clone(),
            title: outage.title.clone(),
            kind: outage.kind.as_str(),
            url: format!("{}outages/{}/", config.base_url, outage.id),
            systems_text: words::list(&words::names_in_text(&systems), lang),
            systems_in_sentence: words::list(&words::names_mid_sentence(&systems), lang),
            systems,
            all_municipalities: outage.all_municipalities,
            description: outage.description.trim().to_string(),
            description_html: markdown_to_html(&outage.description),
        },
        when: when(&window, ended, &now, lang),
        previous: notice
            .previous
            .filter(|p| *p != notice.window)
            .map(|p| when(&p, None, &now, lang)),
        change: (notice.kind == crate::schedule::NoticeKind::Changed).then_some(
            match notice.corrects {
                Some(crate::schedule::Picture::Off(_)) => "uncancelled",
                Some(crate::schedule::Picture::Over(_)) => "reopened",
                _ => "moved",
            },
        ),
        again: notice.again,
        moment,
        municipalities: outage
            .municipalities
            .iter()
            .filter_map(|id| config.municipality(id))
            .map(|m| MunicipalityCx {
                name: m.name.clone(),
                phone: m.coordinator_phone.clone().unwrap_or_default(),
                note: m.note.clone(),
            })
            .collect(),
        routine: RoutineCx {
            title: routine_page.map_or_else(|| outage.routine.clone(), |p| p.title.clone()),
            url: format!("{}{}/", config.base_url, outage.routine),
            steps: routine_page
                .map(|p| first_ordered_list(&p.body))
                .unwrap_or_default(),
        },
        sent_at: words::long_time(&now, &now, lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notice_header_round_trips_and_stems_carry_the_revision() {
        let header = VarselNotice {
            outage: "2026-12-03-x".into(),
            kind: NoticeKind::CompletedEarly,
        };
        let value = header.display();
        assert_eq!(
            VarselNotice::parse("2026-12-03-x completed_early").unwrap(),
            header
        );
        assert!(format!("{value:?}").contains("2026-12-03-x completed_early"));
        assert!(VarselNotice::parse("x bogus").is_err());
        assert_eq!(stem("a", NoticeKind::Changed, Some(2)), "a.changed.2");
        assert_eq!(stem("a", NoticeKind::Alert, None), "a.alert");
    }

    #[test]
    fn tidy_removes_template_whitespace() {
        assert_eq!(tidy("a  \n\n\n\nb\n\n"), "a\n\nb\n");
    }
}
