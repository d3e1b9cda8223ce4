//! `varsel init` through the real binary: a new site that every command
//! accepts at once, the refusal to overwrite anything, both languages, both
//! pipelines, the example-address warnings; and `check` on content pages
//! (front matter, title, routines with steps, pages the theme cannot render).

mod preview;
mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;
use support::{Output, Site};

/// Wednesday 2 December 2026 11:30: the day-before notice of an outage on
/// Thursday 3 December is due.
const NOW: &str = "2026-12-02 11:30";

/// `varsel --lang en --root <root> <args>`.
fn varsel(root: &Path, args: &[&str]) -> Output {
    let mut all = vec!["--lang", "en"];
    all.extend_from_slice(args);
    support::run(root, &all)
}

/// A temporary folder and, in it, the path of a site not made yet.
fn fresh() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("nettsted");
    (dir, site)
}

/// `varsel init DIR <args>` with DIR as the positional argument, run from
/// the temporary folder.
fn init(site: &Path, args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_varsel"))
        .arg("init")
        .arg(site)
        .args(args)
        .current_dir(site.parent().expect("parent"))
        .output()
        .expect("run varsel init")
        .into()
}

/// Every file under `root` with its bytes, by relative path.
fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walk(root) {
        let relative = entry.strip_prefix(root).expect("under root");
        let bytes = std::fs::read(&entry).expect("read file");
        files.insert(relative.to_string_lossy().replace('\\', "/"), bytes);
    }
    files
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn read(root: &Path, path: &str) -> String {
    std::fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn a_new_site_passes_every_command_at_once() {
    let (_dir, site) = fresh();
    let out = init(&site, &[]);
    assert_eq!(out.code, 0, "{out}");
    for file in [
        "varsel.yaml",
        "content/nodrutiner/plo.md",
        "content/slik-melder-du-nedetid.md",
        "ledger.jsonl",
        ".gitattributes",
        "schemas/outage.schema.json",
        "schemas/config.schema.json",
        ".vscode/settings.json",
        ".vscode/extensions.json",
        ".editorconfig",
    ] {
        assert!(site.join(file).is_file(), "{file} missing:\n{out}");
        assert!(out.stdout.contains(file), "{file} not listed:\n{out}");
    }
    assert!(site.join("outages").is_dir());
    assert_eq!(read(&site, "ledger.jsonl"), "");
    assert_eq!(read(&site, ".gitattributes"), "ledger.jsonl merge=union\n");
    let config = read(&site, "varsel.yaml");
    assert!(config.contains("language: nb"), "{config}");
    assert!(config.contains("# municipalities_from:"), "{config}");
    assert!(config.contains("Eksempelnummer"), "{config}");
    assert!(out.stdout.contains("varsel check"), "no next steps:\n{out}");
    // The editor checks an outage file against the schema whichever of the
    // two extensions SPEC §3 reads it has.
    let settings: Value =
        serde_json::from_str(&read(&site, ".vscode/settings.json")).expect("settings are JSON");
    assert_eq!(
        settings["yaml.schemas"]["./schemas/outage.schema.json"],
        serde_json::json!(["outages/*.yaml", "outages/*.yml"]),
        "{settings:#}"
    );

    // check: no errors; the example addresses are warnings only.
    let check = varsel(&site, &["--now", NOW, "check"]);
    assert_eq!(check.code, 0, "{check}");
    assert!(!check.stdout.contains("error"), "{check}");

    // The schemas are what `varsel schema` prints for this site.
    for target in ["outage", "config"] {
        let printed = varsel(&site, &["schema", target]);
        assert_eq!(printed.code, 0, "{printed}");
        assert_eq!(
            printed.stdout,
            read(&site, &format!("schemas/{target}.schema.json")),
            "schemas/{target}.schema.json differs from `varsel schema {target}`"
        );
    }

    // new, with flags: the file it writes resolves its modeline.
    let new = varsel(
        &site,
        &[
            "--now",
            "2026-11-30 10:00",
            "new",
            "--kind",
            "planned",
            "--title",
            "Oppgradering av meldingstjener",
            "--start",
            "2026-12-03 18:00",
            "--end",
            "2026-12-03 22:00",
        ],
    );
    assert_eq!(new.code, 0, "{new}");
    let id = "2026-12-03-oppgradering-av-meldingstjener";
    let outage = read(&site, &format!("outages/{id}.yaml"));
    let modeline = outage.lines().next().unwrap_or_default();
    let schema = modeline
        .split("$schema=")
        .nth(1)
        .unwrap_or_else(|| panic!("no modeline: {outage}"));
    assert!(site.join("outages").join(schema).is_file(), "{schema}");

    let check = varsel(&site, &["--now", NOW, "check", "--format", "json"]);
    assert_eq!(check.code, 0, "{check}");
    assert_eq!(check.json()["errors"], serde_json::json!([]), "{check}");

    let plan = varsel(&site, &["--now", NOW, "plan", "--format", "json"]);
    assert_eq!(plan.code, 0, "{plan}");
    assert_eq!(plan.json()["outages"][0]["id"], id, "{plan}");

    let send = varsel(&site, &["--now", NOW, "send", "--dry-run"]);
    assert_eq!(send.code, 0, "{send}");
    assert!(
        send.stdout.contains("plo-ressurspersoner@example.org"),
        "{send}"
    );
    assert!(send.stdout.contains("1. Les varselet."), "no steps: {send}");
    assert_eq!(read(&site, "ledger.jsonl"), "", "a dry run records nothing");

    let build = varsel(&site, &["--now", NOW, "build"]);
    assert_eq!(build.code, 0, "{build}");
    for page in [
        "index.html",
        &format!("outages/{id}/index.html"),
        "nodrutiner/plo/index.html",
        "slik-melder-du-nedetid/index.html",
    ] {
        assert!(site.join("public").join(page).is_file(), "{page}");
    }

    let serve = preview::Preview::start(&site, NOW);
    let (status, page) = serve.get(&format!("/outages/{id}/"));
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("+47 00 00 00 01"), "{page}");
}

#[test]
fn a_second_init_refuses_and_changes_nothing() {
    let (_dir, site) = fresh();
    assert_eq!(init(&site, &[]).code, 0);
    std::fs::write(site.join("varsel.yaml"), "title: edited\n").expect("edit");
    let before = tree(&site);
    let again = init(&site, &["--language", "en", "--ci", "github"]);
    assert_eq!(again.code, 2, "{again}");
    assert!(again.stderr.contains("varsel.yaml"), "{again}");
    assert!(again.stderr.contains(".gitattributes"), "{again}");
    assert!(again.stderr.contains("nothing was written"), "{again}");
    assert_eq!(tree(&site), before, "a refused init changed the folder");

    // One file in the way is enough, and no other file is written.
    let (_dir, site) = fresh();
    std::fs::create_dir_all(site.join(".vscode")).expect("folder");
    std::fs::write(site.join(".vscode/settings.json"), "{}\n").expect("write");
    let before = tree(&site);
    let out = init(&site, &[]);
    assert_eq!(out.code, 2, "{out}");
    assert!(out.stderr.contains(".vscode/settings.json"), "{out}");
    assert!(!out.stderr.contains("varsel.yaml"), "{out}");
    assert_eq!(tree(&site), before);

    // A file where init needs a folder is in the way too.
    let (_dir, site) = fresh();
    std::fs::create_dir_all(&site).expect("folder");
    std::fs::write(site.join("content"), "not a folder\n").expect("write");
    let out = init(&site, &[]);
    assert_eq!(out.code, 2, "{out}");
    assert!(out.stderr.contains("nettsted/content "), "{out}");
    assert_eq!(tree(&site).len(), 1, "{out}");
    assert!(!site.join("outages").exists() && !site.join(".vscode").exists());
}

#[test]
fn init_in_the_root_folder_by_default() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = varsel(dir.path(), &["init", "--title", "Nedetid: «PLO» #1"]);
    assert_eq!(out.code, 0, "{out}");
    assert!(dir.path().join("varsel.yaml").is_file());
    let check = varsel(dir.path(), &["check", "--format", "json"]);
    assert_eq!(check.code, 0, "{check}");
    let build = varsel(dir.path(), &["build"]);
    assert_eq!(build.code, 0, "{build}");
    let index = read(dir.path(), "public/index.html");
    assert!(index.contains("Nedetid: «PLO» #1"), "{index}");
    let bad = varsel(dir.path(), &["init", "--title", "two\nlines"]);
    assert_eq!(bad.code, 2, "{bad}");
}

#[test]
fn an_english_site_explains_itself_in_english() {
    let (_dir, site) = fresh();
    let out = init(&site, &["--language", "en", "--title", "Downtime"]);
    assert_eq!(out.code, 0, "{out}");
    assert!(out.stdout.contains("Next:"), "{out}");
    let config = read(&site, "varsel.yaml");
    assert!(config.contains("language: en"), "{config}");
    assert!(config.contains("title: \"Downtime\""), "{config}");
    assert!(
        config.contains("# The site's title: shown on every page"),
        "{config}"
    );
    assert!(!config.contains("Påkrevd"), "Norwegian comments: {config}");
    assert!(config.contains("Example number"), "{config}");
    assert!(site.join("content/routines/plo.md").is_file());
    assert!(site.join("content/how-to-report-downtime.md").is_file());
    let schema = read(&site, "schemas/outage.schema.json");
    assert!(schema.contains("exampleton"), "site ids in the schema");
    let check = varsel(&site, &["--now", NOW, "check"]);
    assert_eq!(check.code, 0, "{check}");
    let new = varsel(
        &site,
        &[
            "--now", NOW, "new", "--kind", "acute", "--title", "Failure", "--start", NOW,
        ],
    );
    assert_eq!(new.code, 0, "{new}");
    let send = varsel(&site, &["--now", NOW, "send", "--dry-run"]);
    assert_eq!(send.code, 0, "{send}");
    assert!(send.stdout.contains("Read the notice."), "{send}");
}

#[test]
fn both_ci_services_get_the_example_pipeline() {
    for (ci, path, example) in [
        (
            "github",
            ".github/workflows/varsel.yml",
            "examples/ci/github-actions.yml",
        ),
        ("gitlab", ".gitlab-ci.yml", "examples/ci/gitlab-ci.yml"),
    ] {
        let (_dir, site) = fresh();
        let out = init(&site, &["--ci", ci]);
        assert_eq!(out.code, 0, "{out}");
        assert_eq!(
            read(&site, path),
            read(&support::repository(), example),
            "{path}"
        );
        assert!(out.stdout.contains(path), "{out}");
    }
    let (_dir, site) = fresh();
    assert_eq!(init(&site, &[]).code, 0);
    assert!(!site.join(".github").exists() && !site.join(".gitlab-ci.yml").exists());
}

/// The 1-based line of the first line of `text` that contains `needle`.
fn line_of(text: &str, needle: &str) -> u64 {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no {needle:?}")) as u64
        + 1
}

#[test]
fn check_warns_while_the_sender_or_a_recipient_is_an_example() {
    let (_dir, site) = fresh();
    assert_eq!(init(&site, &[]).code, 0);
    let config = read(&site, "varsel.yaml");
    let out = varsel(&site, &["--now", NOW, "check", "--format", "json"]);
    assert_eq!(out.code, 0, "{out}");
    let json = out.json();
    let warnings = json["warnings"].as_array().expect("warnings");
    let places: Vec<(u64, u64)> = warnings
        .iter()
        .map(|w| {
            assert_eq!(w["file"], "varsel.yaml", "{w}");
            assert!(w["hint"].as_str().unwrap_or("").contains("real"), "{w}");
            (w["line"].as_u64().unwrap(), w["column"].as_u64().unwrap())
        })
        .collect();
    let from = line_of(&config, "  from: ");
    assert_eq!(places[0], (from, 9), "{json:#}");
    assert!(
        warnings[0]["message"]
            .as_str()
            .unwrap()
            .contains("meldingsansvarlige@example.org"),
        "{json:#}"
    );
    let reply_to = line_of(&config, "  reply_to: ");
    assert_eq!(places[1], (reply_to, 13), "{json:#}");
    assert_eq!(
        warnings.len(),
        7,
        "the sender, the reply address and five groups: {json:#}"
    );
    let first = line_of(&config, "address: plo-ressurspersoner@example.org");
    assert_eq!(places[2].0, first, "{json:#}");
    // Not an error: only --deny-warnings fails on it.
    let denied = varsel(&site, &["--now", NOW, "check", "--deny-warnings"]);
    assert_eq!(denied.code, 1, "{denied}");
    assert!(denied.stdout.contains("varsel.yaml:"), "{denied}");
    // In bokmål too.
    let nb = support::run(&site, &["--now", NOW, "check"]);
    assert!(nb.stdout.contains("er en eksempeladresse"), "{nb}");

    // Real addresses: no warning left.
    let real = config.replace("@example.org", "@sykehuset.no").replace(
        "message_id_domain: example.org",
        "message_id_domain: sykehuset.no",
    );
    std::fs::write(site.join("varsel.yaml"), real).expect("edit");
    let clean = varsel(&site, &["--now", NOW, "check", "--deny-warnings"]);
    assert_eq!(clean.code, 0, "{clean}");
}

/// `check --format json` on `site`: its errors and exit status.
fn errors(site: &Site) -> (i32, Vec<Value>) {
    let out = varsel(site.root(), &["--now", NOW, "check", "--format", "json"]);
    let json = out.json();
    let errors = json["errors"].as_array().expect("errors").clone();
    (out.code, errors)
}

/// Asserts one error, at `file:line:column`, whose message and hint hold `words`.
fn assert_one_error(site: &Site, file: &str, line: u64, column: u64, words: &[&str]) {
    let (code, errors) = errors(site);
    assert_eq!(code, 1, "{errors:#?}");
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let e = &errors[0];
    assert_eq!(
        (e["file"].as_str().unwrap(), e["line"].as_u64().unwrap()),
        (file, line),
        "{e:#}"
    );
    assert_eq!(e["column"].as_u64().unwrap(), column, "{e:#}");
    let text = format!("{} {}", e["message"], e["hint"]);
    for word in words {
        assert!(text.contains(word), "no {word:?} in {e:#}");
    }
    // The human format shows the place and the offending line.
    let human = varsel(site.root(), &["--now", NOW, "check"]);
    assert!(
        human.stdout.contains(&format!("{file}:{line}:{column}")),
        "{human}"
    );
}

#[test]
fn check_reports_a_page_without_front_matter_or_title() {
    let site = Site::new().file("content/om.md", "# Om oss\n\nTekst.\n");
    assert_one_error(&site, "content/om.md", 1, 1, &["front matter", "title"]);
    // Opened and never closed: said so, not "no front matter".
    let site = Site::new().file("content/om.md", "---\ntitle: Om oss\n\nTekst.\n");
    assert_one_error(&site, "content/om.md", 1, 1, &["never closed", "`---`"]);
    let site = Site::new().file("content/om.md", "---\nweight: 2\n---\n\nTekst.\n");
    assert_one_error(&site, "content/om.md", 2, 1, &["title"]);
    // In bokmål too.
    let out = support::run(site.root(), &["--now", NOW, "check"]);
    assert!(out.stdout.contains("content/om.md:2:1"), "{out}");
    assert!(out.stdout.contains("legg til"), "{out}");
}

#[test]
fn check_reports_a_routine_without_numbered_steps() {
    let site = Site::new().file(
        "content/nodrutiner/plo.md",
        "---\ntitle: Nødrutine\n---\nRing koordinatortelefonen.\n\n- ikke nummerert\n",
    );
    assert_one_error(
        &site,
        "content/nodrutiner/plo.md",
        4,
        1,
        &["numbered steps", "routines.default", "1. "],
    );
    // A routine an outage names, not the default one.
    let site = Site::new()
        .file(
            "content/nodrutiner/annen.md",
            "---\ntitle: Annen\nweight: 3\n---\n\nRing.\n",
        )
        .outage(
            "2026-12-03-meldingstjener",
            &format!("{}routine: nodrutiner/annen\n", support::VALID_OUTAGE),
        );
    assert_one_error(
        &site,
        "content/nodrutiner/annen.md",
        5,
        1,
        &["`2026-12-03-meldingstjener`"],
    );
    // Any other page needs no steps.
    let site = Site::new().file("content/om.md", "---\ntitle: Om\n---\n\nTekst.\n");
    assert_eq!(errors(&site), (0, vec![]));
}

#[test]
fn check_reports_pages_build_could_not_render() {
    // The page template compiles but fails on every content page.
    let site = Site::new().file(
        "themes/default/templates/page.html",
        "{{ page.title }} {{ page.no_such_field.deeper }}",
    );
    let (code, errors) = errors(&site);
    assert_eq!(code, 1, "{errors:#?}");
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(
        errors[0]["file"], "content/nodrutiner/plo.md",
        "{errors:#?}"
    );
    assert!(
        errors[0]["message"]
            .as_str()
            .unwrap()
            .contains("cannot render this page"),
        "{errors:#?}"
    );
    // A page where the site writes its own files.
    let site = Site::new().file("content/kommuner.md", "---\ntitle: Kommuner\n---\n");
    assert_one_error(
        &site,
        "content/kommuner.md",
        1,
        1,
        &["used by the site itself"],
    );
}

/// Every key `varsel.yaml` may hold, as `section.key` (from the reader's
/// own lists, so a new key cannot be forgotten here).
fn every_config_key() -> Vec<String> {
    use varsel::config::{
        MAIL_KEYS, MUNICIPALITY_KEYS, POLICY_KEYS, RECIPIENT_KEYS, ROOT_KEYS, ROUTINE_KEYS,
        SYSTEM_KEYS,
    };
    let mut keys: Vec<String> = ROOT_KEYS.iter().map(|k| k.to_string()).collect();
    for (section, list) in [
        ("policy", POLICY_KEYS),
        ("mail", MAIL_KEYS),
        ("routines", ROUTINE_KEYS),
    ] {
        keys.extend(list.iter().map(|k| format!("{section}.{k}")));
    }
    for (section, list) in [
        ("recipients", RECIPIENT_KEYS),
        ("systems", SYSTEM_KEYS),
        ("municipalities", MUNICIPALITY_KEYS),
    ] {
        keys.extend(list.iter().map(|k| format!("{section}[].{k}")));
    }
    keys
}

#[test]
fn every_key_is_in_the_readme_reference_and_in_both_new_configs() {
    let readme = read(&support::repository(), "README.md");
    let reference = readme
        .split("## `varsel.yaml`")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("README has a `varsel.yaml` section");
    let mut configs = Vec::new();
    for language in ["nb", "en"] {
        let (_dir, site) = fresh();
        assert_eq!(init(&site, &["--language", language]).code, 0);
        configs.push((language, read(&site, "varsel.yaml")));
    }
    for key in every_config_key() {
        let last = key.rsplit(['.', ']']).next().unwrap_or(&key);
        // The table names `policy.announce_at`; list entries by their own key
        // inside the row of their list (`{ name, address }`).
        let (list, _) = key.split_once("[]").unwrap_or((&key, ""));
        let named = reference.contains(&format!("| `{key}` |"))
            || reference
                .lines()
                .any(|l| l.starts_with(&format!("| `{list}` |")) && l.contains(last));
        assert!(
            named,
            "`{key}` is not in the README's varsel.yaml reference"
        );
        for (language, config) in &configs {
            assert!(
                config.contains(&format!("{last}:")) || config.contains(&format!("`{last}`")),
                "`{key}` is not in the {language} varsel.yaml init writes"
            );
        }
    }
}
