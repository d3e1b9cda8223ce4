//! One outage file, `outages/<id>.yaml` (SPEC §3): the model and every rule
//! that makes a file valid.

use chrono::{DateTime, Duration};
use chrono_tz::Tz;

use crate::config::{Config, is_id, suggest};
use crate::diagnostic::Diagnostic;
use crate::localtime;
use crate::reader::{Fields, Reader};
use crate::yaml::{self, Node, Pos};

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
                format!("the file name `{id}.yaml` is not a valid outage id"),
                "rename the file: lowercase letters a–z, digits and `-`, at most 80 characters, e.g. `2026-12-03-meldingstjener.yaml`",
            );
        }
        let outage = match yaml::parse(text) {
            Ok(node) if node.value == yaml::Value::Null => {
                r.error(
                    node.pos,
                    "the outage file is empty",
                    "start from an example in outages/ or run `varsel new`",
                );
                None
            }
            Ok(node) => read_outage(&mut r, &node, id, file, cx),
            Err(e) => {
                r.error(
                    e.pos.unwrap_or(Pos { line: 1, column: 1 }),
                    format!("this is not valid YAML: {}", e.message),
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
}

fn read_outage(r: &mut Reader, node: &Node, id: &str, file: &str, cx: &Context) -> Option<Outage> {
    let f = r.fields(node, "the outage", KEYS)?;
    let tz = cx.config.timezone;
    let title = read_title(r, &f);
    let kind = r.require(&f, "kind", "the outage", "add `kind: planned` or `kind: acute`").and_then(|n| {
        match r.text(n, "kind")?.as_str() {
            "planned" => Some(Kind::Planned),
            "acute" => Some(Kind::Acute),
            other => {
                let hint = match suggest(other, ["planned", "acute"].into_iter()) {
                    Some(s) => format!("did you mean `{s}`? `kind` is `planned` or `acute`"),
                    None => "write `kind: planned` (announced in advance) or `kind: acute` (a failure now)".into(),
                };
                r.error(n.pos, format!("unknown kind `{other}`"), hint);
                None
            }
        }
    });
    let start = r
        .require(
            &f,
            "start",
            "the outage",
            "add `start: 2026-12-03 18:00` (local time)",
        )
        .and_then(|n| time(r, n, "start", tz));
    let end = f.get("end").and_then(|n| time(r, n, "end", tz));
    let ended = f.get("ended").and_then(|n| time(r, n, "ended", tz));
    if kind == Some(Kind::Planned) && f.get("end").is_none() && !f.misspelled("end") {
        r.error(
            f.pos(),
            "a planned outage has no `end`",
            "add the estimated end, e.g. `end: 2026-12-03 22:00`",
        );
    }
    if let (Some(start), Some(end)) = (start, end) {
        if end <= start {
            r.error(
                f.key_pos("end"),
                format!(
                    "`end` ({}) is not after `start` ({})",
                    short(&end),
                    short(&start)
                ),
                "the estimated end must be later than the start; check the date and the hour",
            );
        }
    }
    if let (Some(start), Some(ended)) = (start, ended) {
        if ended <= start {
            r.error(
                f.key_pos("ended"),
                format!(
                    "`ended` ({}) is not after `start` ({})",
                    short(&ended),
                    short(&start)
                ),
                "`ended` is when service came back; it must be later than the start",
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
                "an acute outage cannot be cancelled",
                "set `ended:` to when service came back instead",
            );
        }
        if f.get("ended").is_some() {
            r.error(f.key_pos("cancelled"), "the outage is both `cancelled` and `ended`", "a cancelled outage never happened: remove `ended`, or remove `cancelled` if it did happen");
        }
    }
    let systems = r
        .require(&f, "systems", "the outage", "add `systems: [plo]`")
        .and_then(|n| read_systems(r, n, cx.config));
    let (municipalities, all) = match r.require(
        &f,
        "municipalities",
        "the outage",
        "add `municipalities: all` or a list such as `[halden, moss]`",
    ) {
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
            "`notify` overrides the working-hour rule but `notify_reason` is missing",
            "add `notify_reason:` saying why, so the next coordinator understands the choice",
        );
    }
    let description = match f.get("description") {
        Some(n) => r.text(n, "description"),
        None => Some(String::new()),
    };
    let updates = match f.get("updates") {
        Some(n) => read_updates(r, n, tz),
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

fn read_title(r: &mut Reader, f: &Fields) -> Option<String> {
    let n = r.require(
        f,
        "title",
        "the outage",
        "add `title: Oppgradering av meldingstjener` (one line)",
    )?;
    let title = r.text(n, "title")?;
    let trimmed = title.trim_end_matches('\n');
    if trimmed.contains(['\n', '\r']) {
        r.error(
            n.pos,
            "`title` has a line break",
            "write the title on one line; put details in `description`",
        );
        return None;
    }
    if trimmed.trim().is_empty() {
        r.error(
            n.pos,
            "`title` is empty",
            "write a short title such as `Oppgradering av meldingstjener`",
        );
        return None;
    }
    let count = trimmed.chars().count();
    if count > MAX_TITLE {
        r.error(
            n.pos,
            format!("`title` is {count} characters long, more than {MAX_TITLE}"),
            "shorten the title (it is an email subject); put details in `description`",
        );
        return None;
    }
    if trimmed.chars().any(char::is_control) {
        r.error(
            n.pos,
            "`title` contains control characters",
            "retype the title with ordinary letters",
        );
        return None;
    }
    Some(trimmed.trim().to_string())
}

fn time(r: &mut Reader, n: &Node, key: &str, tz: Tz) -> Option<DateTime<Tz>> {
    let text = r.text(n, key)?;
    match localtime::parse(&text, tz) {
        Ok(t) => Some(t),
        Err(e) => {
            r.error(
                n.pos,
                format!("`{key}`: {}", e.message(&text, tz)),
                e.hint(),
            );
            None
        }
    }
}

fn read_systems(r: &mut Reader, n: &Node, config: &Config) -> Option<Vec<String>> {
    let items = r.text_list(n, "systems")?;
    if items.is_empty() {
        r.error(
            n.pos,
            "`systems` is empty",
            "name at least one system, e.g. `systems: [plo]`",
        );
        return None;
    }
    let mut ok = true;
    for (id, pos) in &items {
        if config.system(id).is_none() {
            let known: Vec<&str> = config.systems.iter().map(|s| s.id.as_str()).collect();
            let hint = match suggest(id, known.iter().copied()) {
                Some(s) => format!("did you mean `{s}`? Systems are listed in varsel.yaml"),
                None => format!(
                    "known systems: {} (add new ones under `systems:` in varsel.yaml)",
                    known.join(", ")
                ),
            };
            r.error(*pos, format!("unknown system `{id}`"), hint);
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
                format!("`municipalities` is `{s}`"),
                "write `municipalities: all` or a list such as `[halden, moss]`",
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
            "`municipalities` is empty",
            "write `municipalities: all` or name at least one municipality",
        );
        return (None, all);
    }
    let mut ok = true;
    for (id, pos) in &ids {
        match config.municipality(id) {
            None => {
                let known: Vec<&str> = config
                    .municipalities
                    .iter()
                    .map(|m| m.id.as_str())
                    .collect();
                let hint = match suggest(id, known.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("known municipalities: {}", known.join(", ")),
                };
                r.error(*pos, format!("unknown municipality `{id}`"), hint);
                ok = false;
            }
            Some(m) if m.coordinator_phone.is_none() => {
                let message = if all {
                    format!(
                        "`all` includes {}, which has no coordinator telephone in varsel.yaml",
                        m.name
                    )
                } else {
                    format!("{} has no coordinator telephone in varsel.yaml", m.name)
                };
                r.error(*pos, message, format!("add `coordinator_phone:` under `municipalities.{id}` in varsel.yaml: staff must be told whom to call"));
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
            format!("`{routine}` is not a content page path"),
            "write the page's path under content/ without `.md`, e.g. `nodrutiner/plo`",
        );
        return None;
    }
    if !(cx.page_exists)(&routine) {
        r.error(
            n.pos,
            format!("the routine page `content/{routine}.md` does not exist"),
            format!(
                "create it, or use the default `{}`",
                cx.config.routines.default
            ),
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
                format!("unknown `notify` value `{other}`"),
                "write `auto` (the working-hour rule decides), `always` or `never`",
            );
            None
        }
    }
}

fn read_updates(r: &mut Reader, n: &Node, tz: Tz) -> Option<Vec<Update>> {
    let yaml::Value::Seq(items) = &n.value else {
        r.error(
            n.pos,
            format!("`updates` should be a list, found {}", n.value.describe()),
            "write one `- { at: 2026-12-03 19:10, text: \"...\" }` per update",
        );
        return None;
    };
    let mut out = Vec::new();
    let mut ok = true;
    for item in items {
        let Some(f) = r.fields(item, "an update", UPDATE_KEYS) else {
            ok = false;
            continue;
        };
        let at = r
            .require(&f, "at", "this update", "add `at: 2026-12-03 19:10`")
            .and_then(|n| time(r, n, "at", tz));
        let text = r
            .require(&f, "text", "this update", "add `text: \"...\"`")
            .and_then(|n| r.text(n, "text"));
        match (at, text) {
            (Some(at), Some(text)) => out.push(Update { at, text }),
            _ => ok = false,
        }
    }
    if ok && out.windows(2).any(|w| w[1].at < w[0].at) {
        r.warning(
            n.pos,
            "`updates` are not in time order",
            "list the updates oldest first, newest last",
        );
    }
    ok.then_some(out)
}

fn warn(r: &mut Reader, f: &Fields, o: &Outage, now: DateTime<Tz>) {
    if o.kind == Kind::Acute && o.ended.is_none() && now - o.start > Duration::hours(24) {
        r.warning(f.key_pos("start"), "this acute outage has been open for more than 24 hours", "if service is back, set `ended:`; otherwise add an update so staff know it is still ongoing");
    }
    if let Some(end) = o.end {
        if end - o.start > Duration::days(7) {
            r.warning(
                f.key_pos("end"),
                "this outage lasts more than 7 days",
                "check the dates of `start` and `end`",
            );
        }
    }
    if o.start - now > Duration::days(365) {
        r.warning(
            f.key_pos("start"),
            "this outage starts more than a year from now",
            "check the year of `start`",
        );
    }
}

/// Diagnostic for a file in `outages/` that is not read (wrong extension).
pub fn ignored_file(file: &str) -> Diagnostic {
    Diagnostic::warning(
        file,
        Pos { line: 1, column: 1 },
        "this file is ignored: outage files end in `.yaml`",
    )
    .with_hint("rename it to `<id>.yaml`, or move it out of outages/")
}
