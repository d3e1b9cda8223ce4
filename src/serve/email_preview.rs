//! One notice as `varsel send` renders it, for the dashboard's previews:
//! at its sending moment, from the file as it read then.

use chrono::DateTime;
use chrono_tz::Tz;

use super::travel;
use crate::catalogue::{Language, dashboard as msg};
use crate::mail::compose::{self, Input};
use crate::render::escape_html;
use crate::schedule::{Notice, NoticeState};
use crate::site::Site;
use crate::theme::{self, Theme};

/// The dashboard's address of a notice's preview.
pub(super) fn href(id: &str, notice: &Notice) -> String {
    match notice.revision {
        Some(rev) => format!("/_varsel/email/{id}/{}/{rev}", notice.kind.as_str()),
        None => format!("/_varsel/email/{id}/{}", notice.kind.as_str()),
    }
}

/// The moment `send` would render this notice at: when it was sent, now if
/// it is due, otherwise its due time.
pub(super) fn sending_time(notice: &Notice, now: DateTime<Tz>) -> DateTime<Tz> {
    match notice.state {
        NoticeState::Sent => notice.sent_at.unwrap_or(notice.due),
        NoticeState::Due => now,
        _ => notice.due,
    }
}

/// One notice exactly as `send` would render it: its subject, and its
/// HTML part (what staff see first), text and headers as a page fragment.
pub(super) fn render(
    site: &Site,
    id: &str,
    notice: &Notice,
    l: Language,
) -> Result<(String, String), String> {
    let outage = site.outage(id).ok_or_else(|| msg::no_such_outage(l, id))?;
    let tera = Theme::load(&site.root, &site.config.theme)
        .and_then(|t| t.tera(theme::EMAIL))
        .map_err(|e| e.to_string())?;
    let routine = crate::content::read(&site.root, &outage.routine);
    let at = sending_time(notice, site.now);
    // As the file read when it is sent: no updates written later.
    let then = travel::as_then(outage, at);
    let input = Input {
        config: &site.config,
        outage: then.as_ref().unwrap_or(outage),
        notice,
        now: at,
        routine_page: routine.as_ref(),
    };
    let body = compose::body(input, &tera).map_err(|e| e.to_string())?;
    let composed = compose::compose(input, &tera, true).map_err(|e| e.to_string())?;
    let headers = String::from_utf8_lossy(&composed.message.formatted())
        .split("\r\n\r\n")
        .next()
        .unwrap_or("")
        .to_string();
    let fragment = format!(
        "<h2>{html}</h2><iframe title=\"{html}\" sandbox srcdoc=\"{}\"></iframe><h2>{}</h2><pre>{}</pre><h2>{}</h2><pre>{}</pre>",
        escape_html(&body.html),
        escape_html(&msg::email_text(l)),
        escape_html(&body.text),
        escape_html(&msg::email_headers(l)),
        escape_html(&headers),
        html = escape_html(&msg::email_html(l)),
    );
    Ok((body.subject, fragment))
}
