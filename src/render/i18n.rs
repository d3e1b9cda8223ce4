//! The site's UI strings (headings, labels) for templates, which see them
//! as the map `t` (`{{ t.pass_on }}`). The strings themselves are in the
//! message catalogue ([`crate::catalogue::site`]); dates, times and
//! durations in words come from [`crate::words`].

use std::collections::BTreeMap;

use crate::catalogue::site::UI as STRINGS;
use crate::catalogue::{Language, tr};

/// The UI strings of `language`, keyed for templates.
pub fn strings(language: Language) -> BTreeMap<&'static str, &'static str> {
    STRINGS
        .iter()
        .map(|(key, nb, en)| (*key, tr(language, nb, en)))
        .collect()
}

/// One UI string (panics on an unknown key: a programming error).
pub fn text(language: Language, key: &str) -> &'static str {
    let (_, nb, en) = STRINGS
        .iter()
        .find(|(k, _, _)| *k == key)
        .unwrap_or_else(|| panic!("no UI string `{key}`"));
    tr(language, nb, en)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_unique() {
        let mut keys: Vec<_> = STRINGS.iter().map(|s| s.0).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), STRINGS.len());
    }
}
