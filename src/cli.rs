//! The command line: parses arguments and wires the modules together.
//! No logic of its own beyond choosing exit codes (SPEC §5: 0 success,
//! 1 a failure of the work, 2 bad usage or unreadable configuration).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::catalogue::{self, Language, cli as msg};
use crate::diagnostic::{self, Format};
use crate::ledger::{self, Ledger};
use crate::localtime;
use crate::mail::transport::{self, Delivery};
use crate::render::{self, BuildError};
use crate::schedule::OutagePlan;
use crate::site::{self, Site};
use crate::{config, explain, send, timeline};

/// The version `--version` prints: the package version and the commit it
/// was built from (build.rs; `VARSEL_COMMIT` overrides, and outside a git
/// checkout only the version is known).
pub const VERSION: &str = env!("VARSEL_VERSION");

/// Outage notices for clinical staff: validate outage files, plan and send
/// notices, build the intranet site.
#[derive(Debug, Parser)]
#[command(name = "varsel", version = VERSION, about, max_term_width = 100)]
pub struct Cli {
    /// The site folder (holds varsel.yaml, outages/, content/).
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Pretend the time is T (`2026-12-02 10:00` in the site zone, or RFC 3339).
    #[arg(long, global = true, value_name = "T")]
    pub now: Option<String>,
    /// The language of messages, `plan` and `explain` (default: the site's
    /// `language`); pages and emails keep the site's language.
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    pub lang: Option<Language>,
    /// Say more: `build` prints the time of each step (also with
    /// VARSEL_LOG=debug).
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a new site: a commented varsel.yaml, content pages, schemas,
    /// editor settings, an empty ledger; never overwrites a file.
    Init(crate::init::InitArgs),
    /// Validate varsel.yaml and every outage file; report all problems.
    Check {
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Fail on warnings too.
        #[arg(long)]
        deny_warnings: bool,
        /// The ledger of sent notices, to find outages staff were told about
        /// whose file is gone or whose estimated end passed without `ended`
        /// (default: ledger.jsonl in the site root; a missing file is an
        /// empty ledger).
        #[arg(long, value_name = "FILE")]
        ledger: Option<PathBuf>,
    },
    /// Every outage and notice with its state at `--now`.
    Plan {
        /// The ledger of sent notices (default: ledger.jsonl in the site root).
        #[arg(long, value_name = "FILE")]
        ledger: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: PlanFormat,
        /// Only the notices due for more than MINUTES and not sent, and the
        /// outages staff were told about whose estimated end passed more
        /// than MINUTES ago without `ended` (OVERRUN), one line each; exit 1
        /// if there are any (for Nagios, Icinga, Zabbix).
        #[arg(long, value_name = "MINUTES")]
        overdue: Option<u32>,
    },
    /// Why an outage's notices are or are not required, and when each goes out.
    Explain {
        /// The outage id (the file name in outages/ without `.yaml`).
        id: String,
        /// The ledger of sent notices (default: ledger.jsonl in the site root).
        #[arg(long, value_name = "FILE")]
        ledger: Option<PathBuf>,
    },
    /// Write a new outage file (asks for each field on a terminal without flags).
    New(crate::new::command::NewArgs),
    /// Print the JSON Schema of outage files or varsel.yaml, for editors.
    Schema {
        /// Which file the schema describes.
        #[arg(value_enum)]
        target: crate::schema::Target,
    },
    /// Render the intranet site as of `now` into DIR, atomically.
    Build {
        /// Output folder (relative paths are under --root).
        #[arg(long, default_value = "public", value_name = "DIR")]
        out: PathBuf,
    },
    /// Send every due notice once: through SMTP (VARSEL_SMTP_URL), into an
    /// outbox folder, or printed (--dry-run).
    Send {
        /// The ledger of sent notices (default: ledger.jsonl in the site root).
        #[arg(long, value_name = "FILE")]
        ledger: Option<PathBuf>,
        /// Write one .eml file per message into DIR instead of using SMTP.
        #[arg(long, value_name = "DIR", conflicts_with = "dry_run")]
        outbox: Option<PathBuf>,
        /// Print each message readably (recipients, subject, text); send
        /// and record nothing.
        #[arg(long)]
        dry_run: bool,
        /// Coordinate through the repository's remote branch, so runners
        /// on several machines send each notice once (SPEC §7).
        #[arg(long)]
        git: bool,
        /// Keep running: send each notice within seconds of its due time,
        /// re-read the site when a file changes; SIGTERM stops cleanly.
        #[arg(long, conflicts_with = "dry_run")]
        watch: bool,
        /// With --watch: poll the files every 2 s instead of waiting for
        /// change events (network file systems that send none).
        #[arg(long, requires = "watch")]
        poll: bool,
    },
    /// Preview the site locally with live reload (never sends mail).
    Serve {
        /// Address to listen on; keep 127.0.0.1 unless you know why.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Port to listen on (0 picks a free one).
        #[arg(long, default_value_t = 1111)]
        port: u16,
    },
    /// Write the man pages and the bash, zsh and fish completions into DIR
    /// (for packagers; the Debian package ships them).
    #[command(hide = true)]
    Generate {
        /// Output folder: DIR/man/*.1 and DIR/completions/.
        #[arg(value_name = "DIR")]
        out: PathBuf,
    },
}

/// Output formats of `plan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PlanFormat {
    /// A readable timeline in the site language.
    Human,
    /// The SPEC §6 object.
    Json,
}

impl PlanFormat {
    /// The format of the diagnostics printed beside the plan.
    fn diagnostics(self) -> Format {
        match self {
            PlanFormat::Human => Format::Human,
            PlanFormat::Json => Format::Json,
        }
    }
}

pub use crate::exit::{EXIT_FAILURE, EXIT_USAGE};

/// Runs the command line and returns the exit status.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    ExitCode::from(run(cli))
}

/// The environment variable that asks for more output (`debug` or
/// `trace`), like `-v`.
pub const LOG_VAR: &str = "VARSEL_LOG";

/// The language of messages: `--lang`, else the site's `language`, else
/// bokmål (the site default).
fn language(cli: &Cli) -> Language {
    cli.lang
        .or_else(|| {
            let text = std::fs::read_to_string(cli.root.join(config::FILE)).ok()?;
            config::language_of(&text)
        })
        .unwrap_or(Language::Nb)
}

/// True when `-v` or [`LOG_VAR`] asks for details.
fn verbose(cli: &Cli) -> bool {
    cli.verbose
        || std::env::var(LOG_VAR)
            .is_ok_and(|level| matches!(level.to_ascii_lowercase().as_str(), "debug" | "trace"))
}

/// Runs a parsed command line; returns the exit status.
pub fn run(cli: Cli) -> u8 {
    let lang = match &cli.command {
        // A new site speaks the language it is made in.
        Command::Init(args) => cli.lang.unwrap_or(args.language),
        _ => language(&cli),
    };
    catalogue::set_language(lang);
    let verbose = verbose(&cli);
    match cli.command {
        Command::Init(args) => crate::init::run(args.dir.as_deref().unwrap_or(&cli.root), &args),
        Command::Check {
            format,
            deny_warnings,
            ledger,
        } => check(
            &cli.root,
            cli.now.as_deref(),
            format,
            deny_warnings,
            ledger.as_deref(),
        ),
        Command::Plan {
            ledger,
            format,
            overdue: None,
        } => plan(
            &cli.root,
            cli.now.as_deref(),
            ledger.as_deref(),
            format,
            lang,
        ),
        Command::Plan {
            ledger,
            format,
            overdue: Some(minutes),
        } => overdue(
            &cli.root,
            cli.now.as_deref(),
            ledger.as_deref(),
            format,
            minutes,
        ),
        Command::Explain { id, ledger } => {
            explain(&cli.root, cli.now.as_deref(), ledger.as_deref(), &id, lang)
        }
        Command::New(args) => crate::new::command::run(&cli.root, cli.now.as_deref(), args),
        Command::Schema { target } => schema(&cli.root, target),
        Command::Build { out } => build(&cli.root, cli.now.as_deref(), &out, verbose),
        Command::Send {
            ledger,
            outbox,
            dry_run,
            git,
            watch,
            poll,
        } => send(
            &cli.root,
            cli.now.as_deref(),
            ledger.as_deref(),
            outbox,
            dry_run,
            git,
            watch.then_some(poll),
        ),
        Command::Serve { bind, port } => {
            // A bad `--now` or `--root` is bad usage, as in every other
            // command; problems in the site's files are shown in the browser.
            if let Err(failure) = site::check_arguments(&cli.root, cli.now.as_deref()) {
                eprint!("{}", failure.render(Format::Human));
                return EXIT_USAGE;
            }
            crate::serve::serve(&cli.root, &bind, port, cli.now, render_for_preview)
        }
        Command::Generate { out } => generate(&out),
    }
}

/// `varsel generate DIR`: the man pages and completions, from this very
/// command-line definition.
fn generate(out: &Path) -> u8 {
    match crate::packaging::generate(<Cli as clap::CommandFactory>::command(), out) {
        Ok(files) => {
            for file in files {
                println!("{}", file.display());
            }
            0
        }
        Err((path, error)) => {
            eprintln!("varsel: {}", msg::cannot_write(path.display(), &error));
            EXIT_FAILURE
        }
    }
}

fn load(root: &std::path::Path, now: Option<&str>, format: Format) -> Result<Site, u8> {
    Site::load(root, now).map_err(|failure| {
        print!("{}", failure.render(format));
        if format == Format::Human && !failure.is_argument() {
            eprintln!("varsel: {}", msg::nothing_was_done());
        }
        EXIT_USAGE
    })
}

fn check(
    root: &std::path::Path,
    now: Option<&str>,
    format: Format,
    deny_warnings: bool,
    ledger: Option<&Path>,
) -> u8 {
    let mut site = match load(root, now, format) {
        Ok(site) => site,
        Err(code) => return code,
    };
    // The theme, the content pages and the example addresses.
    crate::check::extend(&mut site);
    match read_ledger(root, ledger) {
        Ok(mut ledger) => {
            let histories = crate::schedule::histories(&ledger, site.config.timezone, site.now);
            let vanished = site.vanished_in(&histories);
            site.diagnostics.extend(vanished);
            site.leave_out_reused(&histories);
            // As `plan` does: a look at a past moment sees what was sent by then.
            if now.is_some() {
                ledger.as_of(site.now.fixed_offset());
            }
            site.warn_overruns(&ledger);
        }
        Err(code) => return code,
    }
    let out = diagnostic::render(&site.diagnostics, &site.sources, format);
    let _ = std::io::stdout().write_all(out.as_bytes());
    let errors = site.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = site.diagnostics.len() - errors;
    if format == Format::Human {
        let files = site.outages.len();
        if errors == 0 && warnings == 0 {
            eprintln!("varsel: {}", msg::all_valid(files));
        } else {
            eprintln!("varsel: {}", msg::check_summary(errors, warnings, files));
        }
    }
    if errors > 0 || (deny_warnings && warnings > 0) {
        EXIT_FAILURE
    } else {
        0
    }
}

/// Loads the site and the ledger and plans every outage.
fn load_plans(
    root: &Path,
    now: Option<&str>,
    ledger: Option<&Path>,
    format: Format,
) -> Result<(Site, Vec<OutagePlan>), u8> {
    // The site and the ledger are read side by side; a site that cannot be
    // loaded is still reported first.
    let (site, ledger) = rayon::join(|| load(root, now, format), || read_ledger(root, ledger));
    let mut site = site?;
    let mut ledger = ledger?;
    // A view of a past moment (`--now`) sees what had been sent by then,
    // not notices the ledger records later.
    if now.is_some() {
        ledger.as_of(site.now.fixed_offset());
    }
    let histories = crate::schedule::histories(&ledger, site.config.timezone, site.now);
    // An old id used for a new outage is an invalid file, never a change.
    site.leave_out_reused(&histories);
    let plans = site.plan_in(&histories);
    Ok((site, plans))
}

/// Reads the ledger of a view (`check`, `plan`, `explain`). An explicit
/// `--ledger FILE` must exist (a mistyped path must not read as "nothing
/// was sent"); the default one may be missing in a site that never sent
/// anything, which is said in a note. `send` always needs it.
fn read_ledger(root: &Path, ledger: Option<&Path>) -> Result<Ledger, u8> {
    let path = send::ledger_path(root, ledger);
    let explicit = ledger.is_some();
    let read = if explicit {
        Ledger::read_required(&path)
    } else {
        Ledger::read(&path)
    };
    let ledger = read.map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            eprintln!("varsel: {e}");
        } else {
            eprintln!("varsel: {}", msg::cannot_read_ledger(path.display(), e));
        }
        EXIT_USAGE
    })?;
    if !explicit && !path.exists() {
        eprintln!("varsel: {}", msg::no_default_ledger(path.display()));
    }
    if !ledger.unreadable_lines.is_empty() {
        let lines: Vec<String> = ledger
            .unreadable_lines
            .iter()
            .map(|l| l.to_string())
            .collect();
        eprintln!(
            "varsel: {}",
            msg::ledger_unreadable_lines(path.display(), lines.join(", "))
        );
    }
    Ok(ledger)
}

fn plan(
    root: &Path,
    now: Option<&str>,
    ledger: Option<&Path>,
    format: PlanFormat,
    language: Language,
) -> u8 {
    let (site, plans) = match load_plans(root, now, ledger, format.diagnostics()) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let out = match format {
        PlanFormat::Json => format!(
            "{:#}\n",
            timeline::json(&plans, &site.diagnostics, site.now, language)
        ),
        PlanFormat::Human => timeline::human(&plans, site.now, language),
    };
    let _ = std::io::stdout().write_all(out.as_bytes());
    if site.has_errors() {
        if format == PlanFormat::Human {
            eprint!("{}", site.errors_human());
            let workbook = site.workbook_with_errors();
            if let Some(file) = workbook {
                eprintln!(
                    "varsel: {}",
                    crate::catalogue::workbook::rows_left_out(file)
                );
            }
            if site
                .invalid_files()
                .iter()
                .any(|f| Some(f.as_str()) != workbook)
            {
                eprintln!("varsel: {}", msg::plan_left_out());
            }
        }
        return EXIT_FAILURE;
    }
    0
}

/// `plan --overdue MINUTES`: one line (or JSON entry) per notice due for
/// longer than that and not sent; exit 1 if any, or if a file is invalid
/// (its notices cannot be checked).
fn overdue(
    root: &Path,
    now: Option<&str>,
    ledger: Option<&Path>,
    format: PlanFormat,
    minutes: u32,
) -> u8 {
    let (site, plans) = match load_plans(root, now, ledger, format.diagnostics()) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let threshold = chrono::Duration::minutes(i64::from(minutes));
    let late = crate::overdue::overdue(&plans, site.now, threshold);
    let overrun = crate::overdue::overruns(&plans, site.now, threshold);
    let invalid = site.invalid_files();
    let fine = late.is_empty() && overrun.is_empty() && invalid.is_empty();
    match format {
        PlanFormat::Json => {
            let mut doc = crate::overdue::json(&late, &overrun, site.now, minutes);
            doc["invalid_files"] = serde_json::json!(invalid);
            println!("{doc:#}");
        }
        PlanFormat::Human => {
            for notice in &late {
                println!("{}", notice.line());
            }
            for outage in &overrun {
                println!("{}", outage.line());
            }
            let workbook = site.workbook_with_errors();
            for file in &invalid {
                if workbook == Some(file.as_str()) {
                    println!("{}", crate::overdue::invalid_workbook_line(file));
                } else {
                    println!("{}", crate::overdue::invalid_line(file));
                }
            }
            if fine {
                println!("{}", crate::overdue::none_line(minutes));
            }
        }
    }
    if fine { 0 } else { EXIT_FAILURE }
}

fn explain(
    root: &Path,
    now: Option<&str>,
    ledger: Option<&Path>,
    id: &str,
    language: Language,
) -> u8 {
    let (site, plans) = match load_plans(root, now, ledger, Format::Human) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let found = site.outage(id).zip(plans.iter().find(|p| p.id == id));
    if let Some((outage, plan)) = found {
        // `explain` speaks the reader's language, not necessarily the site's.
        let mut config = site.config.clone();
        config.language = language;
        let text = explain::explain(&config, outage, plan, site.now);
        let _ = std::io::stdout().write_all(text.as_bytes());
        return 0;
    }
    let file = format!("{}/{id}.yaml", site::OUTAGES_DIR);
    let problems: Vec<_> = site
        .diagnostics
        .iter()
        .filter(|d| site::files::id_of(&d.file) == Some(id) && d.is_error())
        .cloned()
        .collect();
    if let Some(first) = problems.first() {
        eprint!(
            "{}",
            diagnostic::render(&problems, &site.sources, Format::Human)
        );
        eprintln!("varsel: {}", msg::explain_invalid(&first.file));
        return EXIT_FAILURE;
    }
    let mut known: Vec<&str> = site.outages.iter().map(|o| o.id.as_str()).collect();
    known.extend(
        site.diagnostics
            .iter()
            .filter_map(|d| site::files::id_of(&d.file)),
    );
    known.sort_unstable();
    known.dedup();
    let mut message = format!("varsel: {}", msg::no_such_outage(id, &file));
    let near = config::suggest(id, known.iter().copied()).or_else(|| {
        known
            .iter()
            .copied()
            .find(|k| k.contains(id) || id.contains(k))
    });
    if let Some(near) = near {
        message.push_str(&msg::did_you_mean(near));
    }
    eprintln!("{message}");
    if !known.is_empty() {
        eprintln!("{}", msg::known_outages(known.join(", ")));
    }
    // The id on the command line names nothing: bad usage.
    EXIT_USAGE
}

fn schema(root: &std::path::Path, target: crate::schema::Target) -> u8 {
    let config = match crate::schema::site_config(root) {
        Ok(config) => config,
        Err(failure) => {
            print!("{}", failure.render(Format::Human));
            eprintln!("varsel: {}", msg::nothing_was_done());
            return EXIT_USAGE;
        }
    };
    let language = config
        .as_ref()
        .map_or(crate::config::Language::Nb, |c| c.language);
    let schema = crate::schema::schema(target, language, config.as_ref());
    let _ = std::io::stdout().write_all(crate::schema::to_text(&schema).as_bytes());
    0
}

fn build(root: &std::path::Path, now: Option<&str>, out: &std::path::Path, verbose: bool) -> u8 {
    let mut site = match load(root, now, Format::Human) {
        Ok(site) => site,
        Err(code) => return code,
    };
    // An old id used for a new outage is left out like an invalid file.
    site.leave_out_reused_by_own_ledger();
    let workbook = site.workbook_with_errors().map(str::to_string);
    let mut skipped = site.invalid_files();
    skipped.retain(|file| Some(file) != workbook.as_ref());
    skipped.sort_unstable();
    eprint!("{}", site.left_out_human());
    eprint!("{}", site.errors_human());
    let out = root.join(out);
    let report = match render::build(&site, &out) {
        Ok(report) => report,
        Err(BuildError::Content(problems)) => {
            eprint!(
                "{}",
                diagnostic::render(&problems, &Default::default(), Format::Human)
            );
            eprintln!("varsel: {}", msg::fix_content_pages());
            return EXIT_USAGE;
        }
        Err(e @ (BuildError::Output(_) | BuildError::Ledger(..))) => {
            eprintln!("varsel: {}", msg::previous_site_kept(e));
            return EXIT_FAILURE;
        }
        Err(e) => {
            eprintln!("varsel: {}", msg::nothing_built(e));
            return EXIT_USAGE;
        }
    };
    if verbose {
        eprintln!("varsel: {}", msg::timings());
    }
    for step in report.steps.iter().filter(|_| verbose) {
        eprintln!(
            "  {:>8.1} ms  {}",
            step.elapsed.as_secs_f64() * 1000.0,
            step.name
        );
    }
    eprintln!(
        "varsel: {}",
        msg::built(
            report.files,
            report.out.display(),
            report.published.len(),
            localtime::rfc3339(&site.now)
        )
    );
    match report.next_change {
        Some(t) => println!("next change: {}", localtime::rfc3339(&t)),
        None => println!("next change: none scheduled"),
    }
    if let Some(file) = &workbook {
        eprintln!(
            "varsel: {}",
            crate::catalogue::workbook::rows_left_out(file)
        );
    }
    if !skipped.is_empty() {
        eprintln!("varsel: {}", msg::skipped_invalid(skipped.join(", ")));
    }
    if skipped.is_empty() && workbook.is_none() {
        0
    } else {
        EXIT_FAILURE
    }
}

fn send(
    root: &Path,
    now: Option<&str>,
    ledger: Option<&Path>,
    outbox: Option<PathBuf>,
    dry_run: bool,
    git: bool,
    watch: Option<bool>,
) -> u8 {
    if watch.is_some() && now.is_some() {
        eprintln!(
            "varsel send --watch: --watch follows the real clock and cannot take --now; \
             to try a moment out, run a one-shot `varsel --now T send --dry-run --ledger FILE`"
        );
        return EXIT_USAGE;
    }
    // Trying things out never touches the real ledger (SPEC §5). A dry run
    // writes no ledger at all, so it may read the real one.
    if ledger.is_none() && !dry_run && (now.is_some() || outbox.is_some()) {
        let why = if now.is_some() { "--now" } else { "--outbox" };
        eprintln!(
            "varsel send: {}",
            msg::send_needs_ledger(why, ledger::DEFAULT_FILE)
        );
        return EXIT_USAGE;
    }
    let smtp_url = std::env::var(transport::SMTP_URL_VAR)
        .ok()
        .filter(|u| !u.is_empty());
    if smtp_url.is_none() && outbox.is_none() && !dry_run {
        eprintln!(
            "varsel send: {}",
            msg::nowhere_to_send(transport::SMTP_URL_VAR)
        );
        return EXIT_USAGE;
    }
    let site = match load(root, now, Format::Human) {
        Ok(site) => site,
        Err(code) => return code,
    };
    let delivery = if dry_run {
        Delivery::DryRun
    } else if let Some(dir) = outbox {
        Delivery::Outbox(dir)
    } else {
        let ca_file = std::env::var_os(transport::CA_FILE_VAR).map(PathBuf::from);
        match Delivery::smtp(smtp_url.as_deref().unwrap_or_default(), ca_file.as_deref()) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("varsel send: {e}");
                return EXIT_USAGE;
            }
        }
    };
    let ledger = send::ledger_path(root, ledger);
    let options = send::Options {
        delivery: &delivery,
        ledger: &ledger,
        git,
    };
    if let Some(poll) = watch {
        let watching = crate::watch::Options {
            root: root.to_path_buf(),
            ledger: ledger.clone(),
            poll,
            delivery: delivery.describe(),
            timezone: site.config.timezone,
            // With --git every pass fetches first (SPEC §7: every minute).
            fetch_every: git.then_some(std::time::Duration::from_secs(60)),
        };
        return crate::watch::run(&watching, &mut |site, stop| {
            send::run_until(site, &options, stop)
        });
    }
    // SIGTERM/SIGINT (a cancelled CI job) stop the run cleanly; without
    // the handlers it runs as it always could be killed.
    let stop = crate::stop::Stop::on_signals().unwrap_or_else(|e| {
        eprintln!(
            "varsel send: {}",
            catalogue::watch::cannot_handle_signals(e)
        );
        crate::stop::Stop::default()
    });
    match send::run(&site, &options, &stop) {
        Ok(summary) => summary.exit_status(),
        Err(send::SetupError(e)) => {
            eprintln!("varsel send: {e}");
            EXIT_USAGE
        }
    }
}

/// Renders one output file for `serve`, when the browser asks for it.
fn render_for_preview(site: &Site, path: &str) -> Result<Option<Vec<u8>>, String> {
    render::render_file(site, path).map_err(|e| match e {
        BuildError::Content(problems) => {
            diagnostic::render(&problems, &Default::default(), Format::Human)
        }
        e => e.to_string(),
    })
}
