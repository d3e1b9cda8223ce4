//! The command line: parses arguments and wires the modules together.
//! No logic of its own beyond choosing exit codes (SPEC §5: 0 success,
//! 1 a failure of the work, 2 bad usage or unreadable configuration).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::diagnostic::{self, Format};
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
        Command::Serve { bind, port } => {
            crate::serve::serve(&cli.root, &bind, port, cli.now, render_for_preview)
        }
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

/// Renders the site into memory for `serve`.
fn render_for_preview(site: &Site) -> Result<crate::serve::Output, String> {
    let mut output = crate::serve::Output::new();
    let items: String = site
        .outages
        .iter()
        .map(|o| format!("<li>{}</li>", tera::escape_html(&o.title)))
        .collect();
    output.insert(
        "index.html".into(),
        format!(
            "<!doctype html><html><body><h1>{}</h1><ul>{items}</ul></body></html>",
            tera::escape_html(&site.config.title)
        )
        .into_bytes(),
    );
    Ok(output)
}
