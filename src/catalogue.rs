//! The message catalogue: every sentence varsel says, in bokmål and in
//! English, under one id each. Messages to the person at the terminal
//! (errors, diagnostics, hints, progress lines) are in the language chosen
//! with `--lang` (default: the site's `language`); the site's pages and
//! the emails are always in the site's language ([`site`] holds the pages'
//! UI strings).
//!
//! A message is one entry of a [`messages!`] list in the part of the
//! catalogue it belongs to:
//!
//! ```text
//! unknown_kind(kind) {
//!     nb: "ukjent type `{kind}`",
//!     en: "unknown kind `{kind}`",
//! }
//! ```
//!
//! which becomes the function `catalogue::check::unknown_kind(kind)`,
//! returning the text in the current [`language`]. Placeholders are the
//! arguments by name; both languages must use the same ones (a test checks).
//! Adding a message is adding an entry; nobody writes an `if` on the
//! language.
//!
//! A part declared `messages! { in language; … }` ([`plan`]) takes the
//! language as the first argument instead (`catalogue::plan::now_is(l,
//! now)`): for pure code (the schedule's reasons, the `plan` and `explain`
//! views) that is handed the reader's language rather than reading it.

use std::sync::atomic::{AtomicU8, Ordering};

pub mod check;
pub mod cli;
pub mod config;
pub mod dashboard;
pub mod git;
pub mod init;
pub mod ledger;
pub mod mail;
pub mod new;
pub mod oauth;
pub mod offer;
pub mod outage;
pub mod overdue;
pub mod plan;
pub mod send;
pub mod serve;
pub mod site;
pub mod watch;
pub mod workbook;

/// A language varsel speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Norwegian bokmål (the default).
    Nb,
    /// English.
    En,
}

impl Language {
    /// The BCP 47 tag, for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Language::Nb => "nb",
            Language::En => "en",
        }
    }
}

/// Picks the bokmål or the English text (for the few words that are
/// assembled from parts, such as dates in [`crate::words`]).
pub fn tr<'a>(language: Language, nb: &'a str, en: &'a str) -> &'a str {
    match language {
        Language::Nb => nb,
        Language::En => en,
    }
}

/// The language of messages to the terminal, for the whole process (one
/// command, one reader). English until [`set_language`] is called, so that
/// the library's own tests read the same everywhere.
static LANGUAGE: AtomicU8 = AtomicU8::new(1);

/// Chooses the language of every message from now on (`--lang`, or the
/// site's `language`).
pub fn set_language(language: Language) {
    let code = match language {
        Language::Nb => 0,
        Language::En => 1,
    };
    LANGUAGE.store(code, Ordering::Relaxed);
}

/// The language messages are written in now.
pub fn language() -> Language {
    match LANGUAGE.load(Ordering::Relaxed) {
        0 => Language::Nb,
        _ => Language::En,
    }
}

/// Declares messages: `id(args) { nb: "…", en: "…" }`, each becoming a
/// function `id(args) -> String` in the current [`language`].
///
/// `messages! { in language; … }` declares messages that take the
/// language as their first argument instead (for pure code such as the
/// schedule, whose caller says which language).
macro_rules! messages {
    (in $language:ident; $( $id:ident ( $($arg:ident),* ) { nb: $nb:literal, en: $en:literal $(,)? } )*) => {
        $(
            #[doc = concat!("“", $en, "”, in `", stringify!($language), "`")]
            pub fn $id(
                $language: $crate::catalogue::Language,
                $($arg: impl std::fmt::Display),*
            ) -> String {
                match $language {
                    $crate::catalogue::Language::Nb => format!($nb),
                    $crate::catalogue::Language::En => format!($en),
                }
            }
        )*

        /// Every message of this part as (id, bokmål, English), for tests.
        #[cfg(test)]
        pub(crate) const ALL: &[(&str, &str, &str)] = &[$((stringify!($id), $nb, $en)),*];
    };
    ($( $id:ident ( $($arg:ident),* ) { nb: $nb:literal, en: $en:literal $(,)? } )*) => {
        $(
            #[doc = concat!("“", $en, "”")]
            pub fn $id($($arg: impl std::fmt::Display),*) -> String {
                match $crate::catalogue::language() {
                    $crate::catalogue::Language::Nb => format!($nb),
                    $crate::catalogue::Language::En => format!($en),
                }
            }
        )*

        /// Every message of this part as (id, bokmål, English), for tests.
        #[cfg(test)]
        pub(crate) const ALL: &[(&str, &str, &str)] = &[$((stringify!($id), $nb, $en)),*];
    };
}
pub(crate) use messages;

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn placeholders(text: &str) -> BTreeSet<String> {
        let mut found = BTreeSet::new();
        let mut rest = text.replace("{{", "").replace("}}", "");
        while let Some(open) = rest.find('{') {
            let close = rest[open..].find('}').map_or(rest.len(), |c| open + c);
            found.insert(rest[open + 1..close].to_string());
            rest = rest[close.min(rest.len())..].to_string();
            if !rest.is_empty() {
                rest.remove(0);
            }
        }
        found
    }

    /// Every part of the catalogue (each list a part's messages).
    const PARTS: &[&[(&str, &str, &str)]] = &[
        check::ALL,
        cli::ALL,
        config::ALL,
        dashboard::ALL,
        init::ALL,
        ledger::ALL,
        new::ALL,
        outage::ALL,
        plan::ALL,
        send::ALL,
        serve::ALL,
        git::ALL,
        mail::ALL,
        oauth::ALL,
        offer::ALL,
        overdue::ALL,
        watch::ALL,
        workbook::ALL,
    ];

    /// Every message, and the site's UI strings.
    fn every_message() -> Vec<(&'static str, &'static str, &'static str)> {
        [PARTS, &[site::UI]].concat().concat()
    }

    #[test]
    fn both_languages_say_it_with_the_same_placeholders() {
        for (id, nb, en) in every_message() {
            assert!(!nb.trim().is_empty() && !en.trim().is_empty(), "{id}");
            assert_eq!(placeholders(nb), placeholders(en), "`{id}`");
        }
        for (id, nb, en) in PARTS.concat() {
            // A few say the same in both: YAML words, and a prefix.
            let same = ["value_bool", "now_invalid", "bad_time"];
            assert!(nb != en || same.contains(&id), "`{id}` is not translated");
        }
    }

    #[test]
    fn ids_are_unique_in_each_part() {
        for part in PARTS.iter().chain([&site::UI]) {
            let ids: BTreeSet<_> = part.iter().map(|m| m.0).collect();
            assert_eq!(ids.len(), part.len());
        }
    }
}
