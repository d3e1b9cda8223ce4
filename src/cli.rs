//! The command line: parses arguments and wires the modules together.
//! No logic of its own beyond choosing exit codes (SPEC §5: 0 success,
//! 1 a failure of the work, 2 bad usage or unreadable configuration).

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::diagnostic::{self, Format};
use crate::ledger::{self, Ledger};
use crate::localtime;
use crate::mail::transport::{self, Delivery};
use crate::render::{self, BuildError};
use crate::schedule::OutagePlan;
use crate::site::{self, Site};
use crate::{config, explain, send, timeline};

/// Outage notices for clinical staff: validate outage files, plan and send
/// notices, build the intranet site.
#[derive(Debug, Parser)]
#[command(name = "varsel", version, about, max_term_width = 100)]
pub struct Cli {
    /// The site folder (holds varsel.yaml, outages/, content/).
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Pretend the time is T (`2026-12-02 10:00` in the site zone, or RFC 3339).
    #[arg(long, global = true, value_name = "T")]
    pub now: Option<String>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate varsel.yaml and every outage file; report all problems.
    Check {
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Fail on warnings too.
        #[arg(long)]
        deny_warnings: bool,
        /// The ledger of sent notices, to find outages staff were told about
        /// whose file is gone (default: ledger.jsonl in the site root; a
        /// missing file is an empty ledger).
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
        /// Print the messages; send and record nothing.
        #[arg(long)]
        dry_run: bool,
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
}

/// Output formats of `plan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PlanFormat {
    /// A readable timeline in the site language.
    Human,
    /// The SPEC §6 object.
    Json,
}

/// Exit status: the work failed (an invalid outage, a notice not sent).
pub const EXIT_FAILURE: u8 = 1;
/// Exit status: bad usage or unreadable configuration.
pub const EXIT_USAGE: u8 = 2;

/// Runs the command line and returns the exit status.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    ExitCode::from(run(cli))
}

/// Runs a parsed command line; returns the exit status.
pub fn run(cli: Cli) -> u8 {
    match cli.command {
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
        Command::Plan { ledger, format } => {
            plan(&cli.root, cli.now.as_deref(), ledger.as_deref(), format)
        }
        Command::Explain { id, ledger } => {
            explain(&cli.root, cli.now.as_deref(), ledger.as_deref(), &id)
        }
        Command::New(args) => crate::new::command::run(&cli.root, cli.now.as_deref(), args),
        Command::Schema { target } => schema(&cli.root, target),
        Command::Build { out } => build(&cli.root, cli.now.as_deref(), &out),
        Command::Send {
            ledger,
            outbox,
            dry_run,
        } => send(
            &cli.root,
            cli.now.as_deref(),
            ledger.as_deref(),
            outbox,
            dry_run,
        ),
        Command::Serve { bind, port } => {
            crate::serve::serve(&cli.root, &bind, port, cli.now, render_for_preview)
        }
    }
}

fn load(root: &std::path::Path, now: Option<&str>, format: Format) -> Result<Site, u8> {
    Site::load(root, now).map_err(|failure| {
        print!("{}", failure.render(format));
        if format == Format::Human {
            eprintln!("varsel: the configuration cannot be used; nothing was done");
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
    let theme_problems = crate::theme::check(&site.root, &site.config.theme);
    site.diagnostics.extend(theme_problems);
    let path = send::ledger_path(root, ledger);
    match Ledger::read(&path) {
        Ok(ledger) => {
            let vanished = site.vanished(&ledger);
            site.diagnostics.extend(vanished);
        }
        Err(e) => {
            eprintln!("varsel: cannot read the ledger {}: {e}", path.display());
            return EXIT_USAGE;
        }
    }
    let out = diagnostic::render(&site.diagnostics, &site.sources, format);
    let _ = std::io::stdout().write_all(out.as_bytes());
    let errors = site.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = site.diagnostics.len() - errors;
    if format == Format::Human {
        let files = site.outages.len();
        if errors == 0 && warnings == 0 {
            eprintln!("varsel: {files} outage file(s) and varsel.yaml are valid");
        } else {
            eprintln!(
                "varsel: {errors} error(s), {warnings} warning(s); {files} outage file(s) valid"
            );
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
    let path = ledger.map_or_else(|| root.join(ledger::DEFAULT_FILE), Path::to_path_buf);
    // The site and the ledger are read side by side; a site that cannot be
    // loaded is still reported first.
    let (site, ledger) = rayon::join(|| load(root, now, format), || Ledger::read(&path));
    let site = site?;
    let ledger = ledger.map_err(|e| {
        eprintln!("varsel: cannot read the ledger {}: {e}", path.display());
        EXIT_USAGE
    })?;
    if !ledger.unreadable_lines.is_empty() {
        eprintln!(
            "varsel: warning: ledger {} has unreadable line(s) {:?}; they were skipped",
            path.display(),
            ledger.unreadable_lines
        );
    }
    let plans = site.plan(&ledger);
    Ok((site, plans))
}

fn plan(root: &Path, now: Option<&str>, ledger: Option<&Path>, format: PlanFormat) -> u8 {
    let diag_format = match format {
        PlanFormat::Human => Format::Human,
        PlanFormat::Json => Format::Json,
    };
    let (site, plans) = match load_plans(root, now, ledger, diag_format) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let language = site.config.language;
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
            eprintln!(
                "varsel: some outage files are invalid; they are left out of the plan (run `varsel check`)"
            );
        }
        return EXIT_FAILURE;
    }
    0
}

fn explain(root: &Path, now: Option<&str>, ledger: Option<&Path>, id: &str) -> u8 {
    let (site, plans) = match load_plans(root, now, ledger, Format::Human) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let found = site.outage(id).zip(plans.iter().find(|p| p.id == id));
    if let Some((outage, plan)) = found {
        let text = explain::explain(&site.config, outage, plan, site.now);
        let _ = std::io::stdout().write_all(text.as_bytes());
        return 0;
    }
    let file = format!("{}/{id}.yaml", site::OUTAGES_DIR);
    let problems: Vec<_> = site
        .diagnostics
        .iter()
        .filter(|d| d.file == file && d.is_error())
        .cloned()
        .collect();
    if !problems.is_empty() {
        eprint!(
            "{}",
            diagnostic::render(&problems, &site.sources, Format::Human)
        );
        eprintln!(
            "varsel: {file} is invalid, so its notices cannot be planned; fix the problems above"
        );
        return EXIT_FAILURE;
    }
    let mut known: Vec<&str> = site.outages.iter().map(|o| o.id.as_str()).collect();
    known.extend(site.diagnostics.iter().filter_map(|d| {
        d.file
            .strip_prefix("outages/")
            .and_then(|f| f.strip_suffix(".yaml"))
    }));
    known.sort_unstable();
    known.dedup();
    let mut message = format!("varsel: no outage `{id}` (no file {file})");
    let near = config::suggest(id, known.iter().copied()).or_else(|| {
        known
            .iter()
            .copied()
            .find(|k| k.contains(id) || id.contains(k))
    });
    if let Some(near) = near {
        let _ = write!(message, "; did you mean `{near}`?");
    }
    eprintln!("{message}");
    if !known.is_empty() {
        eprintln!("known outages: {}", known.join(", "));
    }
    EXIT_FAILURE
}

fn schema(root: &std::path::Path, target: crate::schema::Target) -> u8 {
    let config = match crate::schema::site_config(root) {
        Ok(config) => config,
        Err(failure) => {
            print!("{}", failure.render(Format::Human));
            eprintln!("varsel: the configuration cannot be used; nothing was done");
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

fn build(root: &std::path::Path, now: Option<&str>, out: &std::path::Path) -> u8 {
    let site = match load(root, now, Format::Human) {
        Ok(site) => site,
        Err(code) => return code,
    };
    let mut skipped = site.invalid_files();
    skipped.sort_unstable();
    eprint!("{}", site.errors_human());
    let out = root.join(out);
    let report = match render::build(&site, &out) {
        Ok(report) => report,
        Err(BuildError::Content(problems)) => {
            eprint!(
                "{}",
                diagnostic::render(&problems, &Default::default(), Format::Human)
            );
            eprintln!("varsel: fix the content pages above; nothing was built");
            return EXIT_USAGE;
        }
        Err(e @ (BuildError::Output(_) | BuildError::Ledger(..))) => {
            eprintln!("varsel: {e}; the previous site is left as it was");
            return EXIT_FAILURE;
        }
        Err(e) => {
            eprintln!("varsel: {e}; nothing was built");
            return EXIT_USAGE;
        }
    };
    for step in &report.steps {
        eprintln!(
            "  {:>8.1} ms  {}",
            step.elapsed.as_secs_f64() * 1000.0,
            step.name
        );
    }
    eprintln!(
        "varsel: built {} file(s) into {} with {} published outage(s) as of {}",
        report.files,
        report.out.display(),
        report.published.len(),
        localtime::rfc3339(&site.now)
    );
    match report.next_change {
        Some(t) => println!("next change: {}", localtime::rfc3339(&t)),
        None => println!("next change: none scheduled"),
    }
    if skipped.is_empty() {
        0
    } else {
        eprintln!("varsel: skipped invalid file(s): {}", skipped.join(", "));
        EXIT_FAILURE
    }
}

fn send(
    root: &Path,
    now: Option<&str>,
    ledger: Option<&Path>,
    outbox: Option<PathBuf>,
    dry_run: bool,
) -> u8 {
    let smtp_url = std::env::var(transport::SMTP_URL_VAR)
        .ok()
        .filter(|u| !u.is_empty());
    if smtp_url.is_none() && outbox.is_none() && !dry_run {
        eprintln!(
            "varsel send: nowhere to send the notices. Set {} (e.g. smtp://mail.example.org:25, \
             or smtp://user:password@mail.example.org:587?tls=required), or pass --outbox DIR or --dry-run",
            transport::SMTP_URL_VAR
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
    match send::run(&site, &delivery, &send::ledger_path(root, ledger)) {
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
