//! Any bytes at all in an outage file give diagnostics, never a panic or a
//! hang: property tests feed `Outage::read` arbitrary bytes and mutations of
//! a valid file (byte flips, truncations, anchors, aliases, brackets, tabs,
//! NULs), and the binary is run on some of them to see exit status 1.

mod support;

use chrono::TimeZone;
use proptest::prelude::*;
use support::{Site, VALID_OUTAGE};
use varsel::config::Config;
use varsel::outage::{Context, Outage};

/// A fixed configuration for the library-level properties.
fn config() -> Config {
    let (config, diagnostics) = Config::read(support::MINIMAL_CONFIG);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    config.expect("the minimal config is valid")
}

/// Reads `text` as `outages/fuzz.yaml` and checks the invariants: no panic
/// (a panic fails the property), and a file that yields no outage has at
/// least one error, placed on a line of the file (or line 1).
fn read_and_check(config: &Config, text: &str) -> Result<(), TestCaseError> {
    let pages = |path: &str| path == "nodrutiner/plo";
    let cx = Context {
        config,
        page_exists: &pages,
        now: config
            .timezone
            .with_ymd_and_hms(2026, 12, 1, 10, 0, 0)
            .single()
            .expect("a plain time"),
    };
    let (outage, diagnostics) = Outage::read("outages/fuzz.yaml", "fuzz", text, &cx);
    // YAML breaks lines at LF, CRLF and a lone CR.
    let lines = text.replace("\r\n", "\n").split(['\n', '\r']).count() as u32;
    for d in &diagnostics {
        prop_assert!(d.line >= 1 && d.column >= 1, "{d:?}");
        prop_assert!(d.line <= lines.max(1), "line {} of {lines}: {d:?}", d.line);
        prop_assert!(!d.message.is_empty());
        prop_assert_eq!(&d.file, "outages/fuzz.yaml");
    }
    if outage.is_none() {
        prop_assert!(
            diagnostics.iter().any(|d| d.is_error()),
            "no outage and no error for {text:?}"
        );
    } else {
        prop_assert!(!diagnostics.iter().any(|d| d.is_error()), "{diagnostics:?}");
    }
    Ok(())
}

/// Fragments that stress a YAML reader.
const TOKENS: &[&str] = &[
    "&a ",
    "*a",
    "&a [*a]",
    "[",
    "]",
    "{",
    "}",
    ":",
    ": ",
    "\t",
    "\0",
    "\n",
    "- ",
    "'",
    "\"",
    "#",
    "! ",
    "!!binary ",
    "? ",
    "|",
    ">",
    "---\n",
    "...\n",
    "%YAML 1.2\n",
    "\u{feff}",
    "\r",
    "*a *a *a *a",
    "<<: *a\n",
    "\\",
    "æøå",
];

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Truncate(usize),
    Insert(usize, &'static str),
    Delete(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), prop::sample::select(TOKENS)).prop_map(|(i, t)| Mutation::Insert(i, t)),
        (any::<usize>(), 1usize..20).prop_map(|(i, n)| Mutation::Delete(i, n)),
    ]
}

fn apply(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = bytes.len().max(1);
        match *m {
            Mutation::Flip(i, b) => {
                if !bytes.is_empty() {
                    bytes[i % len] ^= b;
                }
            }
            Mutation::Truncate(i) => bytes.truncate(i % len),
            Mutation::Insert(i, t) => {
                let at = i % (bytes.len() + 1);
                bytes.splice(at..at, t.bytes());
            }
            Mutation::Delete(i, n) => {
                let at = i % len;
                let end = (at + n).min(bytes.len());
                if at < end {
                    bytes.drain(at..end);
                }
            }
        }
    }
    bytes
}

/// `PROPTEST_CASES` from the environment (for a long run), else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

/// The unmutated base is valid, so that mutations start from a real file.
#[test]
fn the_base_file_is_valid() {
    let config = config();
    let pages = |path: &str| path == "nodrutiner/plo";
    let cx = Context {
        config: &config,
        page_exists: &pages,
        now: config
            .timezone
            .with_ymd_and_hms(2026, 12, 1, 10, 0, 0)
            .unwrap(),
    };
    let (outage, diagnostics) = Outage::read("outages/fuzz.yaml", "fuzz", VALID_OUTAGE, &cx);
    assert_eq!(diagnostics, vec![]);
    assert!(outage.is_some());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(512), ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        read_and_check(&config(), &String::from_utf8_lossy(&bytes))?;
    }

    #[test]
    fn yaml_ish_text_never_panics(parts in prop::collection::vec(
        prop_oneof![prop::sample::select(TOKENS).prop_map(str::to_string), "[a-z_ ]{0,8}", "[0-9:T -]{0,16}"],
        0..60,
    )) {
        read_and_check(&config(), &parts.concat())?;
    }

    #[test]
    fn mutated_outage_files_never_panic(mutations in prop::collection::vec(mutation(), 1..6)) {
        let bytes = apply(VALID_OUTAGE.as_bytes().to_vec(), &mutations);
        read_and_check(&config(), &String::from_utf8_lossy(&bytes))?;
    }
}

proptest! {
    // Each case starts the binary; a few dozen are enough to show that the
    // library's guarantees reach the command line.
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn the_binary_reports_hostile_files_with_exit_1(
        mutations in prop::collection::vec(mutation(), 1..6),
        junk in prop::collection::vec(any::<u8>(), 1..200),
    ) {
        let mutated = apply(VALID_OUTAGE.as_bytes().to_vec(), &mutations);
        let site = Site::new()
            .outage_bytes("mutated", &mutated)
            .outage_bytes("junk", &[b"\xff".as_slice(), &junk].concat())
            .outage("2026-12-03-meldingstjener", VALID_OUTAGE);
        let out = site.run(&["--now", "2026-12-01 10:00", "check", "--format", "json"]);
        // junk.yaml starts with a byte that is never UTF-8, so it always fails.
        prop_assert_eq!(out.code, 1, "{}", out);
        let json = out.json();
        let errors = json["errors"].as_array().expect("errors");
        prop_assert!(errors.iter().any(|e| e["file"] == "outages/junk.yaml"), "{}", out);
        prop_assert!(
            !errors.iter().any(|e| e["file"] == "outages/2026-12-03-meldingstjener.yaml"),
            "{}", out
        );
    }
}

/// Known-hostile files, each through the binary: exit 1, an error for the file.
#[test]
fn known_hostile_files_exit_1() {
    let deep = format!("title: {}\n", "[".repeat(100_000));
    let wide_bomb = (0..40).fold(
        String::from("a0: &a0 [x, x, x, x, x, x, x, x]\n"),
        |s, i| {
            s + &format!(
                "a{}: &a{} [*a{i}, *a{i}, *a{i}, *a{i}, *a{i}, *a{i}, *a{i}, *a{i}]\n",
                i + 1,
                i + 1
            )
        },
    );
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("deep", deep.into_bytes()),
        ("bomb", wide_bomb.into_bytes()),
        ("self", b"&a [*a, *a]\n".to_vec()),
        ("nul", vec![0; 64]),
        ("bom-only", "\u{feff}".as_bytes().to_vec()),
        ("tabs", b"title:\t\tx\n\tkind: planned\n".to_vec()),
        ("docs", b"---\ntitle: a\n---\ntitle: b\n".to_vec()),
        (
            "huge-number",
            b"title: 1\nkind: 99999999999999999999999999999\n".to_vec(),
        ),
        ("merge", b"base: &b { title: x }\n<<: *b\n".to_vec()),
        ("tagged", b"title: !!binary aGVsbG8=\n".to_vec()),
    ];
    for (name, bytes) in cases {
        let site = Site::new().outage_bytes(name, &bytes);
        let out = site.run(&["--now", "2026-12-01 10:00", "check", "--format", "json"]);
        assert_eq!(out.code, 1, "{name}: {out}");
        let json = out.json();
        let file = format!("outages/{name}.yaml");
        assert!(
            json["errors"]
                .as_array()
                .expect("errors")
                .iter()
                .any(|e| e["file"] == file.as_str()),
            "{name}: {out}"
        );
    }
}
