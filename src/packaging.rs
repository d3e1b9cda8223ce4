//! Files for packagers, made from the command-line definition itself so
//! they never drift from it: a man page per command (`varsel.1`,
//! `varsel-send.1`, …) and the bash, zsh and fish completions. The Debian
//! package ships them (`.ci/build-deb` runs `varsel generate DIR` before
//! `cargo deb`).

use std::path::{Path, PathBuf};

use clap_complete::Shell;

/// The folder under the output folder that holds the man pages.
pub const MAN_DIR: &str = "man";
/// The folder under the output folder that holds the completions.
pub const COMPLETIONS_DIR: &str = "completions";

/// The shells whose completions are written, each into the file name its
/// completion system looks for (`varsel.bash`, `_varsel`, `varsel.fish`).
const SHELLS: [Shell; 3] = [Shell::Bash, Shell::Zsh, Shell::Fish];

/// Writes the man pages of `command` and every visible subcommand into
/// `out/man/`, and the completions into `out/completions/`; returns the
/// files written. The error names the path that could not be written.
pub fn generate(command: clap::Command, out: &Path) -> Result<Vec<PathBuf>, (PathBuf, String)> {
    let man = out.join(MAN_DIR);
    let completions = out.join(COMPLETIONS_DIR);
    for dir in [&man, &completions] {
        std::fs::create_dir_all(dir).map_err(|e| (dir.clone(), e.to_string()))?;
    }
    clap_mangen::generate_to(command.clone(), &man).map_err(|e| (man.clone(), e.to_string()))?;
    let top = man.join(format!("{}.1", command.get_name()));
    std::fs::write(&top, top_page(command.clone())).map_err(|e| (top.clone(), e.to_string()))?;
    let name = command.get_name().to_string();
    let mut written = list(&man)?;
    for shell in SHELLS {
        let mut command = command.clone();
        let path = clap_complete::generate_to(shell, &mut command, &name, &completions)
            .map_err(|e| (completions.clone(), e.to_string()))?;
        written.push(path);
    }
    Ok(written)
}

/// What the top page says beyond `--help`, for the administrator of a
/// server: the environment and the files of the Debian package (roff).
const SERVER_SECTIONS: &str = r#".SH ENVIRONMENT
.TP
\fBVARSEL_SMTP_URL\fR
The mail server of \fBsend\fR: smtp://relay:25, smtp://user:password@host:587?tls=required (STARTTLS), smtps://user:password@host:465; @ : / in the user or password percent\-encoded. Never printed with its password.
.TP
\fBVARSEL_SMTP_CA_FILE\fR
A PEM file with an internal certificate authority to trust (mail server, OAuth token endpoint).
.TP
\fBVARSEL_OAUTH_TOKEN_URL\fR, \fBVARSEL_OAUTH_TENANT\fR, \fBVARSEL_OAUTH_CLIENT_ID\fR, \fBVARSEL_OAUTH_CLIENT_SECRET\fR, \fBVARSEL_OAUTH_CLIENT_CERT_FILE\fR, \fBVARSEL_OAUTH_CLIENT_KEY_FILE\fR, \fBVARSEL_OAUTH_SCOPE\fR
OAuth 2.0 for SMTP (Microsoft 365): used when VARSEL_SMTP_URL says auth=xoauth2. /etc/varsel/varsel.env explains each.
.TP
\fBVARSEL_SMTP_TIMEOUT_SECS\fR
Seconds for each SMTP step (default: 30 to connect, 60 for a reply, 120 for the message and its final reply).
.TP
\fBVARSEL_GIT_TIMEOUT\fR
Seconds a git fetch or push may take before it is killed with its ssh (default 60).
.TP
\fBVARSEL_GIT_AUTHOR\fR
Author and committer of the ledger commits of \fBsend \-\-git\fR, as "Name <email>" (default: git's user.name and user.email).
.TP
\fBVARSEL_LOG\fR
debug or trace: more detail, like \fB\-v\fR.
.SH FILES
.TP
\fI/etc/varsel/varsel.env\fR
The settings of the systemd units (the variables above), read by systemd as root; every variable is explained there.
.TP
\fI/etc/varsel/deploy_key\fR, \fI/etc/varsel/known_hosts\fR
The ssh key that may push the ledger (root:varsel 0640) and the git server's host keys (0644).
.TP
\fI/var/lib/varsel/site\fR
The checkout of the site repository that the units send from, owned by the varsel user.
.TP
\fI/usr/lib/systemd/system/varsel\-watch.service\fR, \fIvarsel\-send.service\fR, \fIvarsel\-send.timer\fR
The long\-running sender, or the one\-shot sender and its minute timer: use one of the two.
.SH SEE ALSO
\fBvarsel\-check\fR(1), \fBvarsel\-plan\fR(1), \fBvarsel\-send\fR(1), \fBsystemd.exec\fR(5); /usr/share/doc/varsel/README.md
"#;

/// The top command's page: clap_mangen's sections, then
/// [`SERVER_SECTIONS`], then the version.
fn top_page(command: clap::Command) -> Vec<u8> {
    let mut command = command.disable_help_subcommand(true);
    command.build();
    let man = clap_mangen::Man::new(command);
    let mut page = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = man.render_title(&mut page);
    let _ = man.render_name_section(&mut page);
    let _ = man.render_synopsis_section(&mut page);
    let _ = man.render_description_section(&mut page);
    let _ = man.render_options_section(&mut page);
    let _ = man.render_subcommands_section(&mut page);
    page.extend_from_slice(SERVER_SECTIONS.as_bytes());
    let _ = man.render_version_section(&mut page);
    page
}

/// The files in `dir`, sorted.
fn list(dir: &Path) -> Result<Vec<PathBuf>, (PathBuf, String)> {
    let mut files = std::fs::read_dir(dir)
        .and_then(|entries| {
            entries
                .map(|e| e.map(|e| e.path()))
                .collect::<Result<Vec<_>, _>>()
        })
        .map_err(|e| (dir.to_path_buf(), e.to_string()))?;
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small command line with one visible and one hidden subcommand.
    fn command() -> clap::Command {
        clap::Command::new("demo")
            .version("1.0")
            .about("A demo")
            .subcommand(clap::Command::new("run").about("Runs"))
            .subcommand(clap::Command::new("secret").hide(true))
    }

    #[test]
    fn writes_a_page_per_visible_command_and_three_completions() {
        let dir = tempfile::tempdir().unwrap();
        let written = generate(command(), dir.path()).unwrap();
        let names: Vec<String> = written
            .iter()
            .map(|p| p.strip_prefix(dir.path()).unwrap().display().to_string())
            .collect();
        assert_eq!(
            names,
            [
                "man/demo-run.1",
                "man/demo.1",
                "completions/demo.bash",
                "completions/_demo",
                "completions/demo.fish"
            ]
        );
        let page = std::fs::read_to_string(dir.path().join("man/demo.1")).unwrap();
        assert!(page.contains(".TH demo 1"), "{page}");
        assert!(page.contains("demo\\-run"), "{page}");
        let environment = page.find(".SH ENVIRONMENT").expect(&page);
        assert!(page[environment..].contains("VARSEL_SMTP_URL"), "{page}");
        assert!(
            page.find(".SH VERSION").expect(&page) > environment,
            "{page}"
        );
    }

    #[test]
    fn an_unwritable_folder_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("file");
        std::fs::write(&file, "").unwrap();
        let (path, _) = generate(command(), &file).unwrap_err();
        assert_eq!(path, file.join(MAN_DIR));
    }
}
