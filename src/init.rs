//! `varsel init`: a complete new site in a folder (SPEC §5), which `check`,
//! `build`, `serve`, `new`, `plan` and `send --dry-run` accept at once.
//!
//! The files of the new site are templates in `src/init/` (one folder per
//! language and one shared), compiled into the binary; the CI pipelines are
//! the ones in `examples/ci/`, so the examples and what `init` writes never
//! differ. The JSON Schemas are made from the new `varsel.yaml`, exactly as
//! `varsel schema` prints them. `init` never overwrites a file: it checks
//! every target first and writes nothing if one exists.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::catalogue::cli::hint_label;
use crate::catalogue::{Language, init as msg};
use crate::config::Config;
use crate::diagnostic::{self, Diagnostic, Format, Sources};
use crate::exit::{EXIT_FAILURE, EXIT_USAGE};
use crate::new::command::write_new;
use crate::schema::{self, Target};
use crate::yaml::Pos;

/// Flags of `varsel init`.
#[derive(Debug, Clone, clap::Args)]
pub struct InitArgs {
    /// The folder of the new site (created if missing; default: --root,
    /// which is `.` unless given).
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// The site's title (default: a title in the chosen language).
    #[arg(long, value_name = "T")]
    pub title: Option<String>,
    /// The language of the site's pages, emails and the comments of the
    /// files written.
    #[arg(long, value_enum, default_value = "nb", value_name = "nb|en")]
    pub language: Language,
    /// Also write the CI pipeline: `.github/workflows/varsel.yml` or
    /// `.gitlab-ci.yml`.
    #[arg(long, value_enum, value_name = "github|gitlab")]
    pub ci: Option<Ci>,
}

/// The CI services `init --ci` writes a pipeline for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Ci {
    /// GitHub Actions: `.github/workflows/varsel.yml`.
    Github,
    /// GitLab CI: `.gitlab-ci.yml`.
    Gitlab,
}

/// One file of a new site: its path under the site folder and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// Path relative to the site folder, `/`-separated.
    pub path: &'static str,
    /// The whole text.
    pub text: String,
}

/// The marker in the `varsel.yaml` templates that the title replaces.
const TITLE_MARKER: &str = "__TITLE__";

/// The files of a new site that do not depend on the language.
const COMMON: &[(&str, &str)] = &[
    (".gitattributes", include_str!("init/common/gitattributes")),
    (".gitignore", include_str!("init/common/gitignore")),
    (".editorconfig", include_str!("init/common/editorconfig")),
    (
        ".vscode/settings.json",
        include_str!("init/common/vscode-settings.json"),
    ),
    (
        ".vscode/extensions.json",
        include_str!("init/common/vscode-extensions.json"),
    ),
    // An empty ledger: nothing was sent yet (SPEC §7).
    ("ledger.jsonl", ""),
    // Keeps the empty `outages/` in git; varsel skips hidden files there.
    ("outages/.gitkeep", ""),
];

/// The language's `varsel.yaml` template, routine page and coordinators'
/// guide, with their paths in the new site.
fn language_files(language: Language) -> [(&'static str, &'static str); 3] {
    match language {
        Language::Nb => [
            ("varsel.yaml", include_str!("init/nb/varsel.yaml")),
            (
                "content/nodrutiner/plo.md",
                include_str!("init/nb/routine.md"),
            ),
            (
                "content/slik-melder-du-nedetid.md",
                include_str!("init/nb/guide.md"),
            ),
        ],
        Language::En => [
            ("varsel.yaml", include_str!("init/en/varsel.yaml")),
            (
                "content/routines/plo.md",
                include_str!("init/en/routine.md"),
            ),
            (
                "content/how-to-report-downtime.md",
                include_str!("init/en/guide.md"),
            ),
        ],
    }
}

/// The pipeline `--ci` writes: where, and the example it is.
fn pipeline(ci: Ci) -> (&'static str, &'static str) {
    match ci {
        Ci::Github => (
            ".github/workflows/varsel.yml",
            include_str!("../examples/ci/github-actions.yml"),
        ),
        Ci::Gitlab => (
            ".gitlab-ci.yml",
            include_str!("../examples/ci/gitlab-ci.yml"),
        ),
    }
}

/// The site's title when `--title` is not given.
fn default_title(language: Language) -> &'static str {
    match language {
        Language::Nb => "Nedetid i elektronisk meldingsutveksling",
        Language::En => "Downtime in electronic message exchange",
    }
}

/// Why the files of a new site could not be made (before anything is written).
#[derive(Debug)]
pub enum PlanError {
    /// `--title` is empty or holds a line break or another control character.
    BadTitle(String),
    /// The `varsel.yaml` made from the template does not read back (a bug,
    /// reported with its diagnostics rather than written).
    Config(String, Vec<Diagnostic>),
}

/// Every file of a new site, in the order they are written: the common
/// files, the language's `varsel.yaml` (with `title`), its routine page and
/// guide, the two JSON Schemas made from that `varsel.yaml`, and with `ci`
/// the pipeline.
pub fn files(
    title: Option<&str>,
    language: Language,
    ci: Option<Ci>,
) -> Result<Vec<File>, PlanError> {
    let title = title.unwrap_or(default_title(language));
    if title.trim().is_empty() || title.chars().any(char::is_control) {
        return Err(PlanError::BadTitle(title.to_string()));
    }
    // A JSON string is a YAML double-quoted scalar: any title is safe.
    let quoted = serde_json::to_string(title).unwrap_or_default();
    let mut files: Vec<File> = COMMON
        .iter()
        .map(|(path, text)| File {
            path,
            text: (*text).to_string(),
        })
        .collect();
    let mut config_text = String::new();
    for (path, text) in language_files(language) {
        let text = if path == crate::config::FILE {
            config_text = text.replacen(TITLE_MARKER, &quoted, 1);
            config_text.clone()
        } else {
            text.to_string()
        };
        files.push(File { path, text });
    }
    let (config, problems) = Config::read(&config_text);
    let Some(config) = config else {
        return Err(PlanError::Config(config_text, problems));
    };
    for (path, target) in [
        ("schemas/outage.schema.json", Target::Outage),
        ("schemas/config.schema.json", Target::Config),
    ] {
        let text = schema::to_text(&schema::schema(target, language, Some(&config)));
        files.push(File { path, text });
    }
    if let Some(ci) = ci {
        let (path, text) = pipeline(ci);
        files.push(File {
            path,
            text: text.to_string(),
        });
    }
    Ok(files)
}

/// Runs `varsel init` in `dir`; returns the exit status.
pub fn run(dir: &Path, args: &InitArgs) -> u8 {
    let files = match files(args.title.as_deref(), args.language, args.ci) {
        Ok(files) => files,
        Err(PlanError::BadTitle(title)) => {
            let message = msg::bad_title(title.escape_debug());
            let problem = Diagnostic::error("--title", Pos { line: 1, column: 1 }, message)
                .with_hint(msg::bad_title_hint());
            eprint!(
                "{}",
                diagnostic::render_human(&problem, &Sources::default())
            );
            eprintln!("varsel init: {}", msg::nothing_written());
            return EXIT_USAGE;
        }
        Err(PlanError::Config(text, problems)) => {
            let mut sources = Sources::default();
            sources.add(crate::config::FILE, &text);
            eprint!("{}", diagnostic::render(&problems, &sources, Format::Human));
            eprintln!("varsel init: {}", msg::nothing_written());
            return EXIT_USAGE;
        }
    };
    if dir.exists() && !dir.is_dir() {
        eprintln!(
            "varsel init: {}\n  = {}",
            msg::not_a_folder(dir.display()),
            hint_label(msg::not_a_folder_hint())
        );
        return EXIT_USAGE;
    }
    // Every target is checked before anything is written, so a refusal
    // changes nothing.
    let mut taken: Vec<String> = files
        .iter()
        .filter_map(|f| in_the_way(dir, f.path))
        .collect();
    taken.dedup();
    if !taken.is_empty() {
        for path in &taken {
            eprintln!("varsel init: {}", msg::exists(dir.join(path).display()));
        }
        eprintln!(
            "  = {}\nvarsel init: {}",
            hint_label(msg::exists_hint()),
            msg::nothing_written()
        );
        return EXIT_USAGE;
    }
    let new_folders = missing_folders(dir, &files);
    for (done, file) in files.iter().enumerate() {
        if let Err(e) = write_new(&dir.join(file.path), &file.text) {
            eprintln!(
                "varsel init: {}",
                msg::cannot_write(dir.join(file.path).display(), e)
            );
            // Leave the folder as it was: remove what this run made.
            for written in &files[..done] {
                let _ = std::fs::remove_file(dir.join(written.path));
            }
            for folder in new_folders.iter().rev() {
                let _ = std::fs::remove_dir(folder);
            }
            eprintln!("varsel init: {}", msg::nothing_written());
            // The folder could not take the files: a failure of the work.
            return EXIT_FAILURE;
        }
    }
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{}", msg::written(files.len(), dir.display()));
    for file in &files {
        let _ = writeln!(out, "  {}", file.path);
    }
    let cd = if dir == Path::new(".") {
        String::new()
    } else {
        format!("cd {}\n  ", shell_word(&dir.display().to_string()))
    };
    let _ = writeln!(out, "\n{}", msg::next_steps(cd));
    0
}

/// What stands in the way of writing `path` under `dir`: the file itself
/// if anything is there, or a folder on its way that is not a folder.
fn in_the_way(dir: &Path, path: &str) -> Option<String> {
    if dir.join(path).symlink_metadata().is_ok() {
        return Some(path.to_string());
    }
    let mut prefix = PathBuf::new();
    for part in Path::new(path).parent()?.components() {
        prefix.push(part);
        let full = dir.join(&prefix);
        if full.symlink_metadata().is_ok() && !full.is_dir() {
            return Some(prefix.to_string_lossy().replace('\\', "/"));
        }
    }
    None
}

/// The folders (the site's own included) that writing `files` creates,
/// parents first.
fn missing_folders(dir: &Path, files: &[File]) -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = dir
        .ancestors()
        .filter(|a| !a.as_os_str().is_empty() && !a.exists())
        .map(Path::to_path_buf)
        .collect();
    folders.reverse();
    for file in files {
        let mut folder = dir.to_path_buf();
        for part in Path::new(file.path)
            .parent()
            .into_iter()
            .flat_map(Path::components)
        {
            folder.push(part);
            if !folder.exists() && !folders.contains(&folder) {
                folders.push(folder.clone());
            }
        }
    }
    folders
}

/// `word` as one shell word (quoted when it holds anything but plain characters).
fn shell_word(word: &str) -> String {
    let plain = word
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c));
    if plain && !word.is_empty() {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_make_a_valid_config_with_any_title() {
        for language in [Language::Nb, Language::En] {
            for title in [None, Some("Nedetid: «PLO» # 2 \"x\" 'y' æøå")] {
                let files = files(title, language, None).expect("files");
                let config = files.iter().find(|f| f.path == "varsel.yaml").unwrap();
                let (read, problems) = Config::read(&config.text);
                assert_eq!(problems, vec![], "{language:?}");
                let read = read.unwrap();
                assert_eq!(read.language, language);
                assert_eq!(read.title, title.unwrap_or(default_title(language)));
                let routine = format!("content/{}.md", read.routines.default);
                assert!(files.iter().any(|f| f.path == routine), "{routine}");
            }
        }
    }

    #[test]
    fn a_title_with_a_line_break_or_nothing_is_refused() {
        for bad in ["", "  ", "a\nb", "a\tb"] {
            assert!(matches!(
                files(Some(bad), Language::Nb, None),
                Err(PlanError::BadTitle(_))
            ));
        }
    }

    #[test]
    fn ci_adds_the_example_pipeline() {
        let plain = files(None, Language::Nb, None).unwrap();
        for (ci, path) in [
            (Ci::Github, ".github/workflows/varsel.yml"),
            (Ci::Gitlab, ".gitlab-ci.yml"),
        ] {
            let with = files(None, Language::Nb, Some(ci)).unwrap();
            assert_eq!(with.len(), plain.len() + 1);
            assert_eq!(with.last().unwrap().path, path);
        }
    }

    #[test]
    fn the_folders_a_write_creates_are_listed_parents_first() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("site")).unwrap();
        std::fs::create_dir(dir.path().join("site/content")).unwrap();
        let files = files(None, Language::Nb, Some(Ci::Github)).unwrap();
        let folders = missing_folders(&dir.path().join("site"), &files);
        let names: Vec<String> = folders
            .iter()
            .map(|f| f.strip_prefix(dir.path()).unwrap().display().to_string())
            .collect();
        assert_eq!(
            names,
            [
                "site/.vscode",
                "site/outages",
                "site/content/nodrutiner",
                "site/schemas",
                "site/.github",
                "site/.github/workflows"
            ]
        );
        let fresh = missing_folders(&dir.path().join("new/site"), &files[..1]);
        assert_eq!(fresh[0], dir.path().join("new"));
        assert_eq!(fresh[1], dir.path().join("new/site"));
        assert_eq!(in_the_way(dir.path(), "site/content/x.md"), None);
        std::fs::write(dir.path().join("site/outages"), "").unwrap();
        assert_eq!(
            in_the_way(&dir.path().join("site"), "outages/.gitkeep").as_deref(),
            Some("outages")
        );
    }

    #[test]
    fn shell_words_are_quoted_when_needed() {
        assert_eq!(shell_word("ny-side"), "ny-side");
        assert_eq!(shell_word("min side"), "'min side'");
        assert_eq!(shell_word("o'neil"), r"'o'\''neil'");
    }
}
