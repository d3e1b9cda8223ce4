//! The shortcut must build exactly the full reader's tree, or step aside.

use super::super::parse_full;
use super::parse;
use proptest::prelude::*;

/// A file in the usual shape, with every construct the shortcut reads.
const TYPICAL: &str = r#"title: "Planlagt vedlikehold: PLO-meldinger, Æ Ø Å"
kind: planned
start: 2027-03-10 07:00
end: 2027-03-10T15:00:00
min: 60
systems: [dialogmeldinger, epikrise]
municipalities: [ marker,rade , skiptvet ]
empty: []
routine: nodrutiner/plo
notify: a:b#c]
description: |
  ## Hva skjer

  Tekst med *Markdown*, `kode` og æøå.
    - innrykket: linje
  # ikke en kommentar


updates:
  - { at: 2027-03-10 07:05, text: "Ventet, {ikke} en liste: [x]" }
  -   {at: 2027-03-10 08:00,text: "Ferdig."  }
  - bare tekst, med komma
  - "sitert"
last: x
"#;

/// Asserts that the shortcut answers for `source` with the full tree.
fn same(source: &str) {
    let fast = parse(source).unwrap_or_else(|| panic!("no shortcut for {source:?}"));
    assert_eq!(Ok(fast), parse_full(source), "{source:?}");
}

/// Asserts that the shortcut either steps aside or agrees.
fn never_differs(source: &str) {
    if let Some(fast) = parse(source) {
        assert_eq!(Ok(fast), parse_full(source), "{source:?}");
    }
}

#[test]
fn typical_files_take_the_shortcut_and_agree() {
    same(TYPICAL);
    same("a: b\n");
    same("a: b");
    same("kind: acute\n\n\nstart: 2026-11-26 13:05\n");
    same("description: |\n    deep\n      deeper\n");
    same("description: |\n  a\n\n  b\n\nnext: 1\n");
}

#[test]
fn unusual_files_go_to_the_full_reader() {
    for source in [
        "",
        "\n",
        "# comment\na: b\n",
        "a: b # comment\n",
        "a: 'single'\n",
        "a: \"esc\\n\"\n",
        "a:\tb\n",
        "a: b\r\n",
        "\u{feff}a: b\n",
        "a: yes\n",
        "no: b\n",
        "a: null\n",
        "a: ~\n",
        "a: 1.5\n",
        "a: 007\n",
        "a: -1\n",
        "a: 2027-03-10\n",
        "a: &x b\n",
        "a: *x\n",
        "a: !!str b\n",
        "a:\n  b: c\n",
        "a:\n",
        "a: b\n  c\n",
        "a: |-\n  x\n",
        "a: |\n  x\n  \n",
        "a: |\n  x",
        "a: >\n  x\n",
        "a: [x, 'y']\n",
        "a: [x,]\n",
        "a: {b: c}\n",
        "a:\n  - {b: c}\n    d: e\n",
        "a:\n- b\n",
        "---\na: b\n",
        "a: b\n...\n",
        "title:x\n",
        "a: b: c\n",
    ] {
        assert_eq!(parse(source), None, "{source:?}");
    }
}

#[test]
fn site_files_never_differ() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut seen = 0;
    for dir in ["outages", "tests/fixtures"] {
        for entry in walkdir::WalkDir::new(root.join(dir)) {
            let entry = entry.unwrap();
            if entry.path().extension().is_some_and(|e| e == "yaml") {
                let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
                never_differs(&text);
                seen += 1;
            }
        }
    }
    assert!(seen > 5, "only {seen} files found");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// Small edits of a typical file: wherever the shortcut still answers,
    /// it must agree with the full reader.
    #[test]
    fn edited_files_never_differ(
        edits in prop::collection::vec(
            (any::<prop::sample::Index>(), 0usize..3, prop::sample::select(vec![
                " ", "  ", "\n", ":", ": ", "-", "- ", "#", " #", "\"", "'", ",", "[", "]",
                "{", "}", "|", "a", "0", "1", "y", "no", "null", "~", "é", "\t", "\\", "&", "*",
                "!", "?", ".", "T", "2027-03-10 07:00", "  - ", "\n  ",
            ])),
            1..4,
        )
    ) {
        let mut text = TYPICAL.to_string();
        for (at, action, piece) in edits {
            let mut i = at.index(text.len() + 1);
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            match action {
                0 => text.insert_str(i, piece),
                1 => {
                    let mut j = (i + piece.len()).min(text.len());
                    while !text.is_char_boundary(j) {
                        j -= 1;
                    }
                    text.replace_range(i..j, "");
                }
                _ => {
                    let mut j = (i + 1).min(text.len());
                    while !text.is_char_boundary(j) {
                        j += 1;
                    }
                    text.replace_range(i..j, piece);
                }
            }
        }
        never_differs(&text);
    }
}
