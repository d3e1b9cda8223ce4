//! The `varsel new` command: gathers a [`Draft`] from flags or prompts,
//! validates the file text exactly as `check` would, and writes it only if
//! it is valid and no file of that name exists.

use std::io::{IsTerminal, Write};
use std::path::Path;

use crate::catalogue::new as msg;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::{self, Format, Sources};
use crate::exit::{EXIT_FAILURE, EXIT_USAGE};
use crate::outage::{self, Kind, Outage};
use crate::site::{self, OUTAGES_DIR, Site};
use crate::words;

use super::{Draft, Municipalities, end_on_start_date, file_id, preview, prompt, render};

/// Flags of `varsel new`. Without `--title` on a terminal, it asks instead.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct NewArgs {
    /// `planned` (announced in advance) or `acute` (a failure now).
    #[arg(long, value_parser = ["planned", "acute"])]
    pub kind: Option<String>,
    /// One-line title (at most 120 characters); also makes the file name.
    #[arg(long, value_name = "T")]
    pub title: Option<String>,
    /// Start, `2026-12-03 18:00` in the site zone or RFC 3339.
    #[arg(long, value_name = "T")]
    pub start: Option<String>,
    /// Estimated end; required for planned outages.
    #[arg(long, value_name = "T")]
    pub end: Option<String>,
    /// `all` (the default) or ids separated by commas: `halden,moss`.
    #[arg(long, value_name = "all|a,b")]
    pub municipalities: Option<String>,
    /// System ids separated by commas (default: the first system in varsel.yaml).
    #[arg(long, value_name = "a,b", value_delimiter = ',')]
    pub systems: Vec<String>,
    /// Routine page under content/ (default: routines.default).
    #[arg(long, value_name = "PATH")]
    pub routine: Option<String>,
    /// Description (Markdown).
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
}

/// Runs `varsel new`; returns the exit status.
pub fn run(root: &Path, now: Option<&str>, args: NewArgs) -> u8 {
    let site = match Site::load(root, now) {
        Ok(site) => site,
        Err(failure) => {
            eprint!("{}", failure.render(Format::Human));
            if !failure.is_argument() {
                eprintln!("varsel: {}", msg::nothing_written());
            }
            return EXIT_USAGE;
        }
    };
    let from_flags_given = args.title.is_some();
    let draft = if !from_flags_given {
        if !std::io::stdin().is_terminal() {
            eprintln!("varsel new: {}\n{}", msg::no_terminal(), msg::usage());
            return EXIT_USAGE;
        }
        match prompt::ask(&site.config) {
            Ok(draft) => draft,
            Err(e) => {
                eprintln!("varsel new: {}", msg::failed(e));
                return EXIT_FAILURE;
            }
        }
    } else {
        match from_flags(args, &site.config) {
            Ok(draft) => draft,
            Err(message) => {
                eprintln!("varsel new: {message}\n{}", msg::usage());
                return EXIT_USAGE;
            }
        }
    };
    create(&site, &draft, from_flags_given)
}

fn from_flags(args: NewArgs, config: &Config) -> Result<Draft, String> {
    let kind = match args.kind.as_deref() {
        Some("planned") => Kind::Planned,
        Some("acute") => Kind::Acute,
        _ => return Err(msg::kind_missing()),
    };
    let start = args.start.ok_or_else(msg::start_missing)?;
    if kind == Kind::Planned && args.end.as_deref().is_none_or(|e| e.trim().is_empty()) {
        return Err(msg::end_missing());
    }
    let end = args
        .end
        .map(|end| end_on_start_date(&end, &start, config.timezone));
    let systems = if args.systems.is_empty() {
        config
            .systems
            .iter()
            .take(1)
            .map(|s| s.id.clone())
            .collect()
    } else {
        args.systems.iter().map(|s| s.trim().to_string()).collect()
    };
    let municipalities = match args.municipalities.as_deref().map(str::trim) {
        None | Some("all") => Municipalities::All,
        Some(list) => Municipalities::Some(list.split(',').map(|s| s.trim().to_string()).collect()),
    };
    Ok(Draft {
        kind,
        title: args.title.unwrap_or_default(),
        start,
        end,
        systems,
        municipalities,
        routine: args.routine,
        description: args.description.unwrap_or_default(),
    })
}

/// Renders, validates and writes the outage; prints the path and the notices.
/// `flags`: the answers came from flags, so a problem names the flag, not
/// a line of a file the coordinator never saw.
fn create(site: &Site, draft: &Draft, flags: bool) -> u8 {
    let config = &site.config;
    let id = file_id(draft, config.timezone, config.language);
    let file = format!("{OUTAGES_DIR}/{id}.yaml");
    let text = render(draft, config);
    let page_exists = |path: &str| site::page_exists(&site.root, path);
    let cx = outage::Context {
        config,
        page_exists: &page_exists,
        now: site.now,
    };
    let (outage, diagnostics) = Outage::read(&file, &id, &text, &cx);
    let errors: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    let Some(outage) = outage.filter(|_| errors.is_empty()) else {
        if flags {
            for d in &errors {
                eprint!("{}", flag_error(d, &text));
            }
        } else {
            let mut sources = Sources::default();
            sources.add(&file, &text);
            eprint!("{}", diagnostic::render(&errors, &sources, Format::Human));
        }
        eprintln!("varsel new: {}", msg::not_valid());
        return EXIT_FAILURE;
    };
    // `<id>.yml` is the same outage (SPEC §3): a `.yaml` beside it would
    // make both files unread, silencing the outage already written.
    if let Some(twin) = twin_of(&site.root, &id) {
        eprintln!("varsel new: {}", msg::twin_exists(&file, &twin));
        eprintln!("{}", crate::catalogue::cli::hint_label(msg::exists_hint()));
        return EXIT_FAILURE;
    }
    let path = site.root.join(&file);
    if let Err(e) = write_new(&path, &text) {
        eprintln!("varsel new: {}", msg::cannot_write(&file, &e));
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            eprintln!("{}", crate::catalogue::cli::hint_label(msg::exists_hint()));
        }
        return EXIT_FAILURE;
    }
    let warnings: Vec<_> = diagnostics
        .iter()
        .filter(|d| !d.is_error())
        .cloned()
        .collect();
    if !warnings.is_empty() {
        let mut sources = Sources::default();
        sources.add(&file, &text);
        eprint!("{}", diagnostic::render(&warnings, &sources, Format::Human));
    }
    let _ = std::io::stdout().write_all(summary(&file, &outage, config, site).as_bytes());
    0
}

/// The outage file of `id` with another extension than `.yaml`
/// (`outages/<id>.yml`), if there is one (a broken link counts).
fn twin_of(root: &Path, id: &str) -> Option<String> {
    site::files::EXTENSIONS
        .iter()
        .skip(1)
        .map(|ext| format!("{OUTAGES_DIR}/{id}.{ext}"))
        .find(|twin| std::fs::symlink_metadata(root.join(twin)).is_ok())
}

/// Creates `path` (and its folders) with `text`; fails if it exists
/// (never overwrites). `init` writes its files with it too.
pub(crate) fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    f.write_all(text.as_bytes())?;
    f.sync_all()
}

/// The flags of `varsel new`, by the outage key each one writes.
const FLAGS: &[&str] = &[
    "kind",
    "title",
    "start",
    "end",
    "municipalities",
    "systems",
    "routine",
    "description",
];

/// A problem with an answer given as a flag: `error: --end: <message>`
/// and its hint, naming the flag that wrote the key at the diagnostic's
/// line (the key itself when no flag writes it).
fn flag_error(d: &Diagnostic, text: &str) -> String {
    let key = text
        .lines()
        .take(d.line as usize)
        .filter_map(|l| l.split_once(':').map(|(k, _)| k))
        .filter(|k| !k.is_empty() && !k.starts_with([' ', '#']))
        .last()
        .unwrap_or("");
    let name = if FLAGS.contains(&key) {
        format!("--{key}")
    } else {
        format!("`{key}`")
    };
    let message = d
        .message
        .strip_prefix(&format!("`{key}`: "))
        .unwrap_or(&d.message);
    let mut out = format!(
        "{}: {name}: {message}\n",
        crate::catalogue::cli::error_label()
    );
    if let Some(hint) = &d.hint {
        out.push_str(&format!("  {}\n", crate::catalogue::cli::hint_label(hint)));
    }
    out
}

fn summary(file: &str, outage: &Outage, config: &Config, site: &Site) -> String {
    let lang = crate::catalogue::language();
    let when = |t: &chrono::DateTime<chrono_tz::Tz>| words::long_time(t, &site.now, lang);
    let p = preview(outage, config);
    let mut out = format!("{file}\n");
    let minutes = match p.working_minutes {
        Some(m) => msg::working_minutes(m),
        None => msg::no_estimated_end(),
    };
    if p.required {
        out.push_str(&msg::notice_required(minutes));
    } else {
        out.push_str(&msg::no_notice_required(
            minutes,
            config.policy.min_working_minutes,
        ));
    }
    out.push('\n');
    for (kind, due) in &p.notices {
        let late = if *due <= site.now {
            msg::due_now()
        } else {
            String::new()
        };
        out.push_str(&msg::due(words::notice_name(*kind, lang), when(due), late));
        out.push('\n');
    }
    if let Some(w) = p.publish {
        let until = w
            .until
            .map_or_else(msg::until_ended, |u| msg::until(when(&u)));
        out.push_str(&msg::page(when(&w.from), until));
        out.push('\n');
    }
    out
}
