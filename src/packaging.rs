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
