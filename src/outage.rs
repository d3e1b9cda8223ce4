//! One outage file, `outages/<id>.yaml` (SPEC §3): the model and every rule
//! that makes a file valid.

use chrono::{DateTime, Duration};
use chrono_tz::Tz;

use crate::catalogue::{check, outage as msg};
use crate::config::{Config, is_id, suggest};
use crate::diagnostic::Diagnostic;
use crate::localtime;
use crate::reader::{Fields, Reader};
use crate::yaml::{self, Node, Pos};

mod bidi;

pub use bidi::bidi_control;
use bidi::no_bidi_control;

/// Planned maintenance or an acute failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Announced in advance: notified the day before and the same morning.
    Planned,
    /// Unplanned: notified at once.
    Acute,
}

impl Kind {
    /// The name in outage files, JSON and templates: `planned` or `acute`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Planned => "planned",
            Kind::Acute => "acute",
        }
    }
}

/// The coordinator's override of the working-minute rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Notify {
    /// Notify iff more than `min_working_minutes` fall on working days.
    Auto,
    /// Always notify.
    Always,
    /// Never notify.
    Never,
}

/// One entry of the outage's timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Update {
    /// When it happened.
    pub at: DateTime<Tz>,
    /// What happened (Markdown).
    pub text: String,
}

/// A valid outage.
#[derive(Debug, Clone, PartialEq)]
pub struct Outage {
    /// File stem; unique in the site.
    pub id: String,
    /// Path relative to the site root (`outages/<id>.yaml`).
    pub file: String,
    /// One line, at most 120 characters.
    pub title: String,
    /// Planned or acute.
    pub kind: Kind,
    /// When the outage starts.
    pub start: DateTime<Tz>,
    /// Estimated end; always present for planned outages.
    pub end: Option<DateTime<Tz>>,
    /// Actual end, once service is back.
    pub ended: Option<DateTime<Tz>>,
    /// Planned outage called off.
    pub cancelled: bool,
    /// Ids of the affected systems.
    pub systems: Vec<String>,
    /// Ids of the affected municipalities (`all` resolved to every id).
    pub municipalities: Vec<String>,
    /// True when the file said `municipalities: all`.
    pub all_municipalities: bool,
    /// Routine content page path (e.g. `nodrutiner/plo`).
    pub routine: String,
    /// Override of the working-minute rule.
    pub notify: Notify,
    /// Why `notify` is not `auto`.
    pub notify_reason: Option<String>,
    /// Markdown description.
    pub description: String,
    /// Timeline, oldest first.
    pub updates: Vec<Update>,
}

/// Longest title accepted (characters).
pub const MAX_TITLE: usize = 120;

/// Every key an outage file may have (SPEC §3), in the order `varsel new` writes them.
pub const KEYS: &[&str] = &[
    "title",
    "kind",
    "start",
    "end",
    "ended",
    "cancelled",
    "systems",
    "municipalities",
    "routine",
    "notify",
    "notify_reason",
    "description",
    "updates",
];

/// Every key of one entry in `updates`.
pub const UPDATE_KEYS: &[&str] = &["at", "text"];

/// What reading an outage file needs to know about the rest of the site.
pub struct Context<'a> {
    /// The site configuration.
    pub config: &'a Config,
    /// Whether a content page exists (`nodrutiner/plo` → `content/nodrutiner/plo.md`).
    pub page_exists: &'a (dyn Fn(&str) -> bool + Sync),
    /// The time `check` runs at, for the "far ahead" and "open long" warnings.
    pub now: DateTime<Tz>,
}

impl Outage {
    /// Reads `outages/<id>.yaml` (`file` is the path relative to the root).
    /// Returns the outage only if the file has no errors; diagnostics either way.
    pub fn read(
        file: &str,
        id: &str,
        text: &str,
        cx: &Context,
    ) -> (Option<Outage>, Vec<Diagnostic>) {
        let mut r = Reader::new(file);
        if !is_id(id) {
            r.error(
                Pos { line: 1, column: 1 },
                msg::bad_file_name(id),
                msg::bad_file_name_hint(),
            );
        } else if is_windows_reserved(id) {
            r.error(
                Pos { line: 1, column: 1 },
                msg::reserved_id(id),
                msg::reserved_id_hint(id),
            );
        }
        let outage = match yaml::parse(text) {
            Ok(node) if node.value == yaml::Value::Null => {
                r.error(node.pos, msg::empty_file(), msg::empty_file_hint());
                None
            }
            Ok(node) => read_outage(&mut r, &node, id, file, text, cx),
            Err(e) => {
                r.error(
                    e.pos.unwrap_or(Pos { line: 1, column: 1 }),
                    check::not_yaml(&e.message),
                    e.hint,
                );
                None
            }
        };
        let ok = !r.has_errors();
        (outage.filter(|_| ok), r.diagnostics)
    }

    /// The estimated end, or the actual end when no estimate was given.
    pub fn end_or_ended(&self) -> Option<DateTime<Tz>> {
        self.end.or(self.ended)
    }

    /// When service came back, as far as it is true at `now`: `ended` once
    /// it has passed. An `ended` later than `now` is not yet true (SPEC §3):
    /// until then the outage is on. Every reader of `ended` that shows or
    /// decides something at `now` (the schedule's truth and status, pages,
    /// emails, `outages.json`, calendar and feed) asks here.
    pub fn ended_by(&self, now: DateTime<Tz>) -> Option<DateTime<Tz>> {
        self.ended.filter(|ended| *ended <= now)
    }

    /// The end staff should expect at `now`: an `ended` still to come (SPEC
    /// §3 reads it as the expected end until it passes), else the estimate
    /// `end`. The partner of [`ended_by`](Self::ended_by).
    pub fn expected_end(&self, now: DateTime<Tz>) -> Option<DateTime<Tz>> {
        self.ended.filter(|ended| *ended > now).or(self.end)
    }

    /// True when `ended` lies after `now` (what `check` warns about).
    pub fn ended_ahead(&self, now: DateTime<Tz>) -> bool {
        self.ended.is_some_and(|ended| ended > now)
    }
}

fn read_outage(
    r: &mut Reader,
    node: &Node,
    id: &str,
    file: &str,
    source: &str,
    cx: &Context,
) -> Option<Outage> {
    let the_outage = &check::the_outage();
    let f = r.fields(node, the_outage, KEYS)?;
    let tz = cx.config.timezone;
    let title = read_title(r, &f, source);
    let kind = r
        .require(&f, "kind", the_outage, &msg::add_kind())
        .and_then(|n| match r.text(n, "kind")?.as_str() {
            "planned" => Some(Kind::Planned),
            "acute" => Some(Kind::Acute),
            other => {
                let hint = match suggest(other, ["planned", "acute"].into_iter()) {
                    Some(s) => msg::kind_did_you_mean(s),
                    None => msg::kind_hint(),
                };
                r.error(n.pos, msg::unknown_kind(other), hint);
                None
            }
        });
    let start = r
        .require(&f, "start", the_outage, &msg::add_start())
        .and_then(|n| time(r, n, "start", tz));
    let end = f.get("end").and_then(|n| time(r, n, "end", tz));
    let ended = f.get("ended").and_then(|n| time(r, n, "ended", tz));
    if kind == Some(Kind::Planned) && f.get("end").is_none() && !f.misspelled("end") {
        r.error(
            f.pos(),
            msg::planned_without_end(),
            msg::planned_without_end_hint(),
        );
    }
    if let (Some(start), Some(end)) = (start, end) {
        if end <= start {
            r.error(
                f.key_pos("end"),
                msg::end_before_start(short(&end), short(&start)),
                msg::end_before_start_hint(),
            );
        }
    }
    if let (Some(start), Some(ended)) = (start, ended) {
        if ended <= start {
            r.error(
                f.key_pos("ended"),
                msg::ended_before_start(short(&ended), short(&start)),
                msg::ended_before_start_hint(),
            );
        }
    }
    let cancelled = match f.get("cancelled") {
        Some(n) => r.boolean(n, "cancelled"),
        None => Some(false),
    };
    if cancelled == Some(true) {
        if kind == Some(Kind::Acute) {
            r.error(
                f.key_pos("cancelled"),
                msg::acute_cancelled(),
                msg::acute_cancelled_hint(),
            );
        }
        if f.get("ended").is_some() {
            r.error(
                f.key_pos("cancelled"),
                msg::cancelled_and_ended(),
                msg::cancelled_and_ended_hint(),
            );
        }
    }
    let systems = r
        .require(&f, "systems", the_outage, &msg::add_systems())
        .and_then(|n| read_systems(r, n, cx.config));
    let (municipalities, all) =
        match r.require(&f, "municipalities", the_outage, &msg::add_municipalities()) {
            Some(n) => read_municipalities(r, n, cx.config),
            None => (None, false),
        };
    let routine = match f.get("routine") {
        Some(n) => read_routine(r, n, cx),
        None => Some(cx.config.routines.default.clone()),
    };
    let notify = read_notify(r, &f);
    let notify_reason = f
        .get("notify_reason")
        .and_then(|n| r.text(n, "notify_reason"));
    if matches!(notify, Some(Notify::Always | Notify::Never))
        && notify_reason.as_deref().is_none_or(|s| s.trim().is_empty())
    {
        r.error(
            f.key_pos("notify"),
            msg::notify_without_reason(),
            msg::notify_without_reason_hint(),
        );
    }
    let description = match f.get("description") {
        Some(n) => r.text(n, "description"),
        None => Some(String::new()),
    };
    let updates = match f.get("updates") {
        Some(n) => read_updates(r, n, tz, source),
        None => Some(Vec::new()),
    };
    let outage = Outage {
        id: id.to_string(),
        file: file.to_string(),
        title: title?,
        kind: kind?,
        start: start?,
        end,
        ended,
        cancelled: cancelled?,
        systems: systems?,
        municipalities: municipalities?,
        all_municipalities: all,
        routine: routine?,
        notify: notify?,
        notify_reason,
        description: description?,
        updates: updates?,
    };
    if f.get("end").is_some() && end.is_none() || f.get("ended").is_some() && ended.is_none() {
        return None;
    }
    warn(r, &f, &outage, cx.now);
    Some(outage)
}

fn short(t: &DateTime<Tz>) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

fn read_title(r: &mut Reader, f: &Fields, source: &str) -> Option<String> {
    let n = r.require(f, "title", &check::the_outage(), &msg::add_title())?;
    let title = r.text(n, "title")?;
    let trimmed = title.trim_end_matches('\n');
    if trimmed.contains(['\n', '\r']) {
        r.error(n.pos, msg::title_line_break(), msg::title_line_break_hint());
        return None;
    }
    if trimmed.trim().is_empty() {
        r.error(n.pos, msg::title_empty(), msg::title_empty_hint());
        return None;
    }
    let count = trimmed.chars().count();
    if count > MAX_TITLE {
        r.error(
            n.pos,
            msg::title_too_long(count, MAX_TITLE),
            msg::title_too_long_hint(),
        );
        return None;
    }
    if trimmed.chars().any(char::is_control) {
        r.error(n.pos, msg::title_control(), msg::title_control_hint());
        return None;
    }
    if !no_bidi_control(r, n, "title", trimmed, source) {
        return None;
    }
    Some(trimmed.trim().to_string())
}

/// True for an id Windows reserves as a device name (SPEC §3): a file
/// `con.yaml` cannot be checked out there.
pub fn is_windows_reserved(id: &str) -> bool {
    matches!(id, "con" | "prn" | "aux" | "nul")
        || ["com", "lpt"].iter().any(|device| {
            id.strip_prefix(device)
                .is_some_and(|n| n.len() == 1 && matches!(n.as_bytes()[0], b'1'..=b'9'))
        })
}

fn time(r: &mut Reader, n: &Node, key: &str, tz: Tz) -> Option<DateTime<Tz>> {
    let text = r.text(n, key)?;
    match localtime::parse(&text, tz) {
        Ok(t) => Some(t),
        Err(e) => {
            r.error(n.pos, msg::bad_time(key, e.message(&text, tz)), e.hint());
            None
        }
    }
}

fn read_systems(r: &mut Reader, n: &Node, config: &Config) -> Option<Vec<String>> {
    let items = r.text_list(n, "systems")?;
    if items.is_empty() {
        r.error(n.pos, msg::systems_empty(), msg::systems_empty_hint());
        return None;
    }
    let mut ok = true;
    for (id, pos) in &items {
        if config.system(id).is_none() {
            let known: Vec<&str> = config.systems.iter().map(|s| s.id.as_str()).collect();
            let hint = match suggest(id, known.iter().copied()) {
                Some(s) => msg::system_did_you_mean(s),
                None => msg::known_systems(known.join(", ")),
            };
            r.error(*pos, msg::unknown_system(id), hint);
            ok = false;
        }
    }
    ok.then(|| dedup(items))
}

fn read_municipalities(r: &mut Reader, n: &Node, config: &Config) -> (Option<Vec<String>>, bool) {
    let all_ids = || {
        config
            .municipalities
            .iter()
            .map(|m| m.id.clone())
            .collect::<Vec<_>>()
    };
    let (ids, all) = if let yaml::Value::Str(s) = &n.value {
        if s == "all" {
            (all_ids().into_iter().map(|id| (id, n.pos)).collect(), true)
        } else {
            r.error(
                n.pos,
                msg::municipalities_word(s),
                msg::municipalities_hint(),
            );
            return (None, false);
        }
    } else {
        match r.text_list(n, "municipalities") {
            Some(items) => (items, false),
            None => return (None, false),
        }
    };
    if ids.is_empty() {
        r.error(
            n.pos,
            msg::municipalities_empty(),
            msg::municipalities_empty_hint(),
        );
        return (None, all);
    }
    let mut ok = true;
    for (id, pos) in &ids {
        let left_out = config.left_out.iter().find(|l| l.id == *id);
        match config.municipality(id) {
            // Its workbook row has an error and was left out: say so
            // (not "unknown") and where the row is.
            None if left_out.is_some() => {
                let (file, cell) = left_out.map_or(("", ""), |l| (&l.file, &l.cell));
                r.error(
                    *pos,
                    msg::left_out_municipality(id, file, cell),
                    msg::left_out_municipality_hint(id),
                );
                ok = false;
            }
            None => {
                let known: Vec<&str> = config
                    .municipalities
                    .iter()
                    .map(|m| m.id.as_str())
                    .collect();
                let hint = match suggest(id, known.iter().copied()) {
                    Some(s) => check::did_you_mean(s),
                    None => msg::known_municipalities(known.join(", ")),
                };
                r.error(*pos, msg::unknown_municipality(id), hint);
                ok = false;
            }
            Some(m) if m.coordinator_phone.is_none() => {
                let message = if all {
                    msg::all_includes_no_phone(&m.name)
                } else {
                    msg::no_phone(&m.name)
                };
                r.error(*pos, message, msg::no_phone_hint(id));
                ok = false;
            }
            Some(_) => {}
        }
    }
    (ok.then(|| dedup(ids)), all)
}

fn dedup(items: Vec<(String, Pos)>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (id, _) in items {
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

fn read_routine(r: &mut Reader, n: &Node, cx: &Context) -> Option<String> {
    let routine = r.text(n, "routine")?;
    let routine = routine.trim().trim_end_matches(".md").to_string();
    if !crate::config::is_content_path(&routine) {
        r.error(
            n.pos,
            msg::not_a_page_path(&routine),
            msg::not_a_page_path_hint(),
        );
        return None;
    }
    if !(cx.page_exists)(&routine) {
        r.error(
            n.pos,
            msg::routine_missing(&routine),
            msg::routine_missing_hint(&cx.config.routines.default),
        );
        return None;
    }
    Some(routine)
}

fn read_notify(r: &mut Reader, f: &Fields) -> Option<Notify> {
    let Some(n) = f.get("notify") else {
        return Some(Notify::Auto);
    };
    match r.text(n, "notify")?.as_str() {
        "auto" => Some(Notify::Auto),
        "always" => Some(Notify::Always),
        "never" => Some(Notify::Never),
        other => {
            r.error(
                n.pos,
                msg::unknown_notify(other),
                msg::unknown_notify_hint(),
            );
            None
        }
    }
}

fn read_updates(r: &mut Reader, n: &Node, tz: Tz, source: &str) -> Option<Vec<Update>> {
    let yaml::Value::Seq(items) = &n.value else {
        r.error(
            n.pos,
            msg::updates_not_a_list(n.value.describe()),
            msg::updates_not_a_list_hint(),
        );
        return None;
    };
    let mut out = Vec::new();
    let mut ok = true;
    for item in items {
        let Some(f) = r.fields(item, &check::an_update(), UPDATE_KEYS) else {
            ok = false;
            continue;
        };
        let at = r
            .require(&f, "at", &check::this_update(), &msg::add_update_at())
            .and_then(|n| time(r, n, "at", tz));
        let text = r
            .require(&f, "text", &check::this_update(), &msg::add_update_text())
            .and_then(|n| {
                let text = r.text(n, "text")?;
                no_bidi_control(r, n, "text", &text, source).then_some(text)
            });
        match (at, text) {
            (Some(at), Some(text)) => out.push(Update { at, text }),
            _ => ok = false,
        }
    }
    if ok && out.windows(2).any(|w| w[1].at < w[0].at) {
        r.warning(
            n.pos,
            msg::updates_out_of_order(),
            msg::updates_out_of_order_hint(),
        );
    }
    ok.then_some(out)
}

fn warn(r: &mut Reader, f: &Fields, o: &Outage, now: DateTime<Tz>) {
    if let Some(ended) = o.ended.filter(|_| o.ended_ahead(now)) {
        r.warning(
            f.key_pos("ended"),
            msg::ended_in_future(short(&ended), short(&now)),
            msg::ended_in_future_hint(),
        );
    }
    if o.kind == Kind::Acute && o.ended.is_none() && now - o.start > Duration::hours(24) {
        // Staff are kept informed by updates: ask for one only when the
        // newest is more than a day old.
        let newest = o.updates.iter().map(|u| u.at).max();
        let hint = match newest {
            None => msg::open_long_no_update_hint(),
            Some(at) if now - at > Duration::hours(24) => msg::open_long_update_hint(short(&at)),
            Some(_) => msg::open_long_updated_hint(),
        };
        r.warning(f.key_pos("start"), msg::open_long(), hint);
    }
    if let Some(end) = o.end {
        if end - o.start > Duration::days(7) {
            r.warning(
                f.key_pos("end"),
                msg::longer_than_week(),
                msg::longer_than_week_hint(),
            );
        }
    }
    if o.start - now > Duration::days(365) {
        r.warning(f.key_pos("start"), msg::far_ahead(), msg::far_ahead_hint());
    }
}

/// Diagnostic for a file in `outages/` that is not read (wrong extension).
pub fn ignored_file(file: &str) -> Diagnostic {
    Diagnostic::warning(file, Pos { line: 1, column: 1 }, msg::ignored_file())
        .with_hint(msg::ignored_file_hint())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Oslo;

    #[test]
    fn an_ended_still_ahead_is_the_expected_end_until_it_passes() {
        let t = |s: &str| localtime::parse(s, Oslo).unwrap();
        let outage = Outage {
            id: "x".into(),
            file: "outages/x.yaml".into(),
            title: "T".into(),
            kind: Kind::Acute,
            start: t("2026-12-03 08:00"),
            end: None,
            ended: Some(t("2026-12-03 12:00")),
            cancelled: false,
            systems: vec![],
            municipalities: vec![],
            all_municipalities: false,
            routine: "r".into(),
            notify: Notify::Auto,
            notify_reason: None,
            description: String::new(),
            updates: vec![],
        };
        let before = t("2026-12-03 10:00");
        assert_eq!(outage.ended_by(before), None);
        assert_eq!(outage.expected_end(before), Some(t("2026-12-03 12:00")));
        assert!(outage.ended_ahead(before));
        let after = t("2026-12-03 12:00");
        assert_eq!(outage.ended_by(after), Some(t("2026-12-03 12:00")));
        assert_eq!(outage.expected_end(after), None, "no estimate was given");
        assert!(!outage.ended_ahead(after));
        let planned = Outage {
            kind: Kind::Planned,
            end: Some(t("2026-12-03 14:00")),
            ..outage
        };
        assert_eq!(planned.expected_end(before), Some(t("2026-12-03 12:00")));
        assert_eq!(planned.expected_end(after), Some(t("2026-12-03 14:00")));
    }
}
