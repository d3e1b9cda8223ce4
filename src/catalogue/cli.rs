//! What the commands say on the terminal around their work: summaries,
//! usage errors, and the framing of diagnostics.

super::messages! {
    nothing_was_done() {
        nb: "konfigurasjonen kan ikke brukes; ingenting ble gjort",
        en: "the configuration cannot be used; nothing was done",
    }
    all_valid(files) {
        nb: "{files} stansfil(er) og varsel.yaml er gyldige",
        en: "{files} outage file(s) and varsel.yaml are valid",
    }
    check_summary(errors, warnings, files) {
        nb: "{errors} feil, {warnings} advarsel(er); {files} stansfil(er) er gyldige",
        en: "{errors} error(s), {warnings} warning(s); {files} outage file(s) valid",
    }
    cannot_read_ledger(path, error) {
        nb: "kan ikke lese loggen over sendte varsler {path}: {error}",
        en: "cannot read the ledger {path}: {error}",
    }
    ledger_unreadable_lines(path, lines) {
        nb: "advarsel: loggen {path} har linjer som ikke kan leses ({lines}); de ble hoppet over",
        en: "warning: ledger {path} has unreadable line(s) {lines}; they were skipped",
    }
    plan_left_out() {
        nb: "noen stansfiler er ugyldige og er utelatt fra planen (kjør `varsel check`)",
        en: "some outage files are invalid; they are left out of the plan (run `varsel check`)",
    }
    explain_invalid(file) {
        nb: "{file} er ugyldig, så varslene kan ikke planlegges; rett feilene over",
        en: "{file} is invalid, so its notices cannot be planned; fix the problems above",
    }
    no_such_outage(id, file) {
        nb: "finner ingen stans `{id}` (ingen fil {file})",
        en: "no outage `{id}` (no file {file})",
    }
    did_you_mean(near) {
        nb: "; mente du `{near}`?",
        en: "; did you mean `{near}`?",
    }
    known_outages(list) {
        nb: "kjente stanser: {list}",
        en: "known outages: {list}",
    }
    fix_content_pages() {
        nb: "rett innholdssidene over; ingenting ble bygd",
        en: "fix the content pages above; nothing was built",
    }
    previous_site_kept(error) {
        nb: "{error}; det forrige nettstedet er beholdt som det var",
        en: "{error}; the previous site is left as it was",
    }
    nothing_built(error) {
        nb: "{error}; ingenting ble bygd",
        en: "{error}; nothing was built",
    }
    built(files, out, published, now) {
        nb: "bygde {files} fil(er) i {out} med {published} publisert(e) stans(er) per {now}",
        en: "built {files} file(s) into {out} with {published} published outage(s) as of {now}",
    }
    skipped_invalid(files) {
        nb: "hoppet over ugyldige filer: {files}",
        en: "skipped invalid file(s): {files}",
    }
    send_needs_ledger(flag, default) {
        nb: "{flag} er for å prøve ut, og det som sendes ville bli ført i den virkelige loggen ({default}) og stoppe de virkelige varslene senere: oppgi loggen det skal føres i, f.eks. `--ledger /tmp/prove.jsonl` (lag den med `touch /tmp/prove.jsonl`, eller kopier {default})",
        en: "{flag} is for trying things out, and what it sends would be recorded in the real ledger ({default}), stopping the real notices later: pass the ledger to record in explicitly, e.g. `--ledger /tmp/try.jsonl` (start it with `touch /tmp/try.jsonl`, or copy {default})",
    }
    no_default_ledger(path) {
        nb: "merk: loggen {path} finnes ikke; planen regner med at ingenting er sendt (et nytt nettsted starter med en tom logg: `touch ledger.jsonl` og commit den)",
        en: "note: there is no ledger {path}; planning as if nothing was ever sent (a new site starts with an empty ledger: `touch ledger.jsonl` and commit it)",
    }
    nowhere_to_send(var) {
        nb: "ingen steder å sende varslene. Sett {var} (f.eks. smtp://mail.example.org:25 eller smtp://bruker:passord@mail.example.org:587?tls=required), eller bruk --outbox MAPPE eller --dry-run",
        en: "nowhere to send the notices. Set {var} (e.g. smtp://mail.example.org:25, or smtp://user:password@mail.example.org:587?tls=required), or pass --outbox DIR or --dry-run",
    }
    hint_label(hint) {
        nb: "tips: {hint}",
        en: "hint: {hint}",
    }
    at_place(file, line, column) {
        nb: "i {file}:{line}:{column}",
        en: "at {file}:{line}:{column}",
    }
    timings() {
        nb: "tidsbruk per trinn:",
        en: "time per step:",
    }
    // src/render: why a build failed.
    will_not_replace(path, why) {
        nb: "erstatter ikke {path}: {why}",
        en: "will not replace {path}: {why}",
    }
    cannot_write(path, error) {
        nb: "kan ikke skrive {path}: {error}",
        en: "cannot write {path}: {error}",
    }
    template_failed(name, error) {
        nb: "malen {name} feilet: {error}",
        en: "template {name} failed: {error}",
    }
    content_problems(count) {
        nb: "{count} problem(er) i innholdssidene",
        en: "{count} content page problem(s)",
    }
    cannot_read(path, error) {
        nb: "kan ikke lese {path}: {error}",
        en: "cannot read {path}: {error}",
    }
    // The severity at the head of a diagnostic.
    error_label() {
        nb: "feil",
        en: "error",
    }
    warning_label() {
        nb: "advarsel",
        en: "warning",
    }
}
