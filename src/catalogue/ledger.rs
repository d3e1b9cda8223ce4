//! The messages about the ledger file itself (SPEC §7): a missing ledger
//! and how a new site starts one.

super::messages! {
    missing_hint() {
        nb: "et nytt nettsted starter med en tom logg: `touch ledger.jsonl` og legg den inn med `git commit`; ligger filen et annet sted, oppgi `--ledger FILE`",
        en: "a new site starts with an empty ledger: `touch ledger.jsonl` and commit it; if the file is elsewhere, pass `--ledger FILE`",
    }
    missing(path, hint) {
        nb: "loggen {path} finnes ikke ({hint})",
        en: "the ledger {path} does not exist ({hint})",
    }
}
