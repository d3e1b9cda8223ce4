//! `send --git`: setting up and coordinating through the site repository's
//! remote branch. (What git itself says is quoted as it says it, in
//! English.)

super::messages! {
    not_a_checkout(dir, error) {
        nb: "{dir} ligger ikke i en git-utsjekk ({error})",
        en: "{dir} is not in a git checkout ({error})",
    }
    ledger_outside(ledger, top) {
        nb: "loggen over sendte varsler {ledger} ligger utenfor utsjekken {top}",
        en: "the ledger {ledger} is outside the checkout {top}",
    }
    detached_head() {
        nb: "ingen gren er sjekket ut (en løsrevet HEAD, slik CI sjekker ut commiten i køen); sjekk ut selve grenen, f.eks. `git checkout -B main origin/main` (GitHub: actions/checkout med `ref: ${{{{ github.ref_name }}}}`)",
        en: "no branch is checked out (a detached HEAD, as CI checks out the queued commit); check out the branch itself, e.g. `git checkout -B main origin/main` (GitHub: actions/checkout with `ref: ${{{{ github.ref_name }}}}`)",
    }
    no_remote(branch, remote) {
        nb: "grenen `{branch}` har ingen fjernkopi (remote) å samordne gjennom (lette etter `{remote}`); legg til en med `git remote add origin URL` eller sett grenens upstream",
        en: "branch `{branch}` has no remote to coordinate through (looked for `{remote}`); add one with `git remote add origin URL` or set its upstream",
    }
    bad_author(var, text) {
        nb: "{var}=`{text}` er ikke på formen `Navn <e-post>`, f.eks. `varsel <varsel@example.org>`",
        en: "{var}=`{text}` is not of the form `Name <email>`, e.g. `varsel <varsel@example.org>`",
    }
    no_author(var) {
        nb: "ingen forfatter for commitene til loggen over sendte varsler: sett {var}=\"Navn <e-post>\" eller `git config user.name` og `git config user.email`",
        en: "no author for the ledger commits: set {var}=\"Name <email>\" or `git config user.name` and `git config user.email`",
    }
    cannot_fast_forward(upstream, error) {
        nb: "kan ikke spole fram (fast-forward) til {upstream}: {error}",
        en: "cannot fast-forward to {upstream}: {error}",
    }
    foreign_commits(files) {
        nb: "utsjekken har commits som ikke er pushet og som endrer mer enn loggen over sendte varsler ({files}); push eller forkast dem først: `send --git` pusher aldri annet enn loggføringer",
        en: "the checkout has unpushed commits that change more than the ledger ({files}); push or drop them first: `send --git` only ever pushes ledger records",
    }
    cannot_fetch(upstream, error) {
        nb: "kan ikke hente (fetch) {upstream}: {error}",
        en: "cannot fetch {upstream}: {error}",
    }
    cannot_merge(upstream, error) {
        nb: "kan ikke flette inn {upstream}: {error}",
        en: "cannot merge {upstream}: {error}",
    }
    merge_conflicts(upstream, files) {
        nb: "innfletting av {upstream} gir konflikt i {files}; løs den for hånd",
        en: "merging {upstream} conflicts in {files}; resolve it by hand",
    }
    cannot_finish_merge(error) {
        nb: "kan ikke fullføre innflettingen: {error}",
        en: "cannot finish the merge: {error}",
    }
    cannot_commit(ledger, error) {
        nb: "kan ikke committe {ledger}: {error}",
        en: "cannot commit {ledger}: {error}",
    }
    push_refused(upstream, error) {
        nb: "push til {upstream} ble avvist: {error}",
        en: "push to {upstream} refused: {error}",
    }
    cannot_drop_claims(error) {
        nb: "kan ikke forkaste de avviste reservasjonene (claims): {error}",
        en: "cannot drop the refused claims: {error}",
    }
    cannot_run_git(error) {
        nb: "kan ikke kjøre git (er det installert?): {error}",
        en: "cannot run git (is it installed?): {error}",
    }
    stalled(command, upstream, seconds, var) {
        nb: "`{command}` mot {upstream} ble ikke ferdig innen {seconds} s (fjernkopien svarer ikke) og ble stanset, med alt den hadde startet (ssh); fristen settes med {var}=SEKUNDER",
        en: "`{command}` with {upstream} did not finish within {seconds} s (the remote does not answer) and was stopped, with everything it had started (ssh); {var}=SECONDS sets the deadline",
    }
    stopped(command) {
        nb: "`{command}` ble stanset fordi varsel avslutter",
        en: "`{command}` was stopped because varsel is shutting down",
    }
    git_failed(command) {
        nb: "`git {command}` mislyktes",
        en: "`git {command}` failed",
    }
}
