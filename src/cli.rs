//! The command line: parses arguments and wires the modules together.
//! No logic of its own beyond choosing exit codes (SPEC §5: 0 success,
//! 1 a failure of the work, 2 bad usage or unreadable configuration).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::diagnostic::{self, Format};
use crate::localtime;
use crate::render::{self, BuildError};
use crate::site::{LoadFailure, Site};

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
    },
    /// Render the intranet site as of `now` into DIR, atomically.
    Build {
        /// Output folder (relative paths are under --root).
        #[arg(long, default_value = "public", value_name = "DIR")]
        out: PathBuf,
    },
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
        } => check(&cli.root, cli.now.as_deref(), format, deny_warnings),
        Command::Build { out } => build(&cli.root, cli.now.as_deref(), &out),
    }
}

fn load(root: &std::path::Path, now: Option<&str>, format: Format) -> Result<Site, u8> {
    Site::load(root, now).map_err(
        |LoadFailure {
             diagnostics,
             sources,
         }| {
            print!("{}", diagnostic::render(&diagnostics, &sources, format));
            if format == Format::Human {
                eprintln!("varsel: the configuration cannot be used; nothing was done");
            }
            EXIT_USAGE
        },
    )
}

fn check(root: &std::path::Path, now: Option<&str>, format: Format, deny_warnings: bool) -> u8 {
    let site = match load(root, now, format) {
        Ok(site) => site,
        Err(code) => return code,
    };
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

fn build(root: &std::path::Path, now: Option<&str>, out: &std::path::Path) -> u8 {
    let site = match load(root, now, Format::Human) {
        Ok(site) => site,
        Err(code) => return code,
    };
    let skipped: std::collections::BTreeSet<&str> = site
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.file.as_str())
        .collect();
    if !skipped.is_empty() {
        let errors: Vec<_> = site
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect();
        eprint!(
            "{}",
            diagnostic::render(&errors, &site.sources, Format::Human)
        );
    }
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
        let list: Vec<_> = skipped.into_iter().collect();
        eprintln!("varsel: skipped invalid file(s): {}", list.join(", "));
        EXIT_FAILURE
    }
}
