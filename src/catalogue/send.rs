//! The messages of `varsel send` to the terminal: progress lines, the
//! closing report, the ledger's problems and the settling of interrupted
//! hand-overs. (The notes written into the ledger's `error` field are
//! data and stay in English, see `crate::send`.)

super::messages! {
    // The ledger and the locks.
    waiting_for_ledger(path) {
        nb: "en annen `varsel send` bruker {path}; venter til den er ferdig",
        en: "another `varsel send` is using {path}; waiting for it to finish",
    }
    ledger_missing(path, hint) {
        nb: "loggen {path} finnes ikke, så det er ukjent hva som alt er sendt, og ingenting sendes ({hint})",
        en: "the ledger {path} does not exist, so what was already sent is unknown and nothing is sent ({hint})",
    }
    ledger_unopenable(path, error) {
        nb: "kan ikke åpne loggen {path}: {error}",
        en: "cannot open the ledger {path}: {error}",
    }
    ledger_unreadable_lines(path, lines) {
        nb: "advarsel: loggen {path} har uleselige linjer {lines} (en avbrutt skriving?); de ble hoppet over",
        en: "warning: ledger {path} has unreadable line(s) {lines} (a torn write?); they were skipped",
    }
    ledger_unwritable(path, error) {
        nb: "kan ikke skrive til loggen {path}: {error}; ingenting mer sendes i denne kjøringen",
        en: "cannot write the ledger {path}: {error}; nothing more is sent in this run",
    }
    lock_unopenable(path, error) {
        nb: "kan ikke åpne låsefilen {path}: {error}",
        en: "cannot open the lock {path}: {error}",
    }
    lock_waiting() {
        nb: "en annen `varsel send --git` kjører i denne arbeidskopien; venter til den er ferdig",
        en: "another `varsel send --git` runs in this checkout; waiting for it to finish",
    }
    lock_failed(path, error) {
        nb: "kan ikke låse {path}: {error}",
        en: "cannot lock {path}: {error}",
    }
    // With `--git`.
    git_retry(error) {
        nb: "{error}; prøver igjen",
        en: "{error}; trying again",
    }
    claims_refused(error, upstream, attempt, attempts) {
        nb: "reservasjonene kunne ikke pushes ({error}); de er forkastet, leser {upstream} på nytt (forsøk {attempt} av {attempts})",
        en: "the claims could not be pushed ({error}); dropped them, reading {upstream} again (attempt {attempt} of {attempts})",
    }
    gave_up_stalled(problem, upstream) {
        nb: "{problem}; ingenting ble sendt, og {upstream} prøves igjen ved neste kjøring",
        en: "{problem}; nothing was sent, and {upstream} is tried again at the next run",
    }
    reply_lost(upstream, run_id) {
        nb: "git meldte feil ved push, men {upstream} har commiten fra denne kjøringen (run {run_id}): svaret gikk tapt, og kjøringen fortsetter med det den pushet",
        en: "git reported an error for the push, but {upstream} holds this run's commit (run {run_id}): the reply was lost, and the run goes on with what it pushed",
    }
    own_claims_found(count, upstream, run_id) {
        nb: "{upstream} har {count} reservasjon(er) fra denne kjøringen (run {run_id}) likevel: svaret på pushen gikk tapt; kjøringen fortsetter med dem",
        en: "{upstream} holds {count} claim(s) of this run (run {run_id}) after all: the push's reply was lost; the run goes on with them",
    }
    claims_never_pushed(upstream, attempts, last) {
        nb: "fikk ikke pushet reservasjonene til {upstream} etter {attempts} forsøk (siste feil: {last}); ingenting ble sendt",
        en: "could not push the claims to {upstream} after {attempts} attempts (last: {last}); nothing was sent",
    }
    earlier_records_pushed(upstream) {
        nb: "oppføringer fra en tidligere kjøring er pushet til {upstream}",
        en: "records of an earlier run pushed to {upstream}",
    }
    claims_pushed(count, upstream) {
        nb: "{count} reservasjon(er) pushet til {upstream}; leverer til e-posttjeneren",
        en: "{count} claim(s) pushed to {upstream}; handing over",
    }
    outcomes_not_pushed(upstream, last) {
        nb: "varslene ble levert til e-posttjeneren, men utfallet kunne ikke pushes til {upstream} ({last}); de pushede reservasjonene gjør at neste kjøring behandler dem som avbrutte leveranser (sendes én gang til, med samme Message-ID, hvis de fortsatt gjelder)",
        en: "the notices were handed over but their outcome could not be pushed to {upstream} ({last}); the pushed claims make the next run treat them as interrupted hand-overs (resent once, with the same Message-ID, if still due)",
    }
    reload_failed(diagnostics) {
        nb: "etter at arbeidskopien ble oppdatert, kan nettstedet ikke leses:\n{diagnostics}",
        en: "after bringing the checkout up to date the site cannot be loaded:\n{diagnostics}",
    }
    // Claims of other runs and interrupted hand-overs.
    claimed_elsewhere(id, at, until, outage) {
        nb: "{id}: en annen kjøring reserverte det {at} og leverer det nå (reservasjonen gjelder til {until}); stansen {outage} overlates til den",
        en: "{id}: another run claimed it at {at} and is handing it over (its lease runs until {until}); outage {outage} is left to it",
    }
    resending_interrupted(id) {
        nb: "{id}: en tidligere kjøring ble avbrutt mens den leverte det; sendes igjen med samme Message-ID",
        en: "{id}: a previous run was interrupted while handing it over; sending it again with the same Message-ID",
    }
    interrupted_twice(id) {
        nb: "{id}: levert to ganger, begge avbrutt; regnes som sendt og sendes ikke en tredje gang",
        en: "{id}: handed over twice, both interrupted; counted as told, not sent a third time",
    }
    interrupted_no_longer_due(id) {
        nb: "{id}: en tidligere kjøring ble avbrutt mens den leverte det; varselet gjelder ikke lenger, så det sendes ikke igjen; det regnes som sendt",
        en: "{id}: a previous run was interrupted while handing it over; it is no longer due, so it is not sent again; it counts as told",
    }
    // Why a claimed notice was not handed over.
    skip_stopping() {
        nb: "ikke levert: avsenderen holdt på å stoppe; neste kjøring sender det",
        en: "not handed over: the sender was stopping; the next run sends it",
    }
    skip_lease(minutes) {
        nb: "ikke levert: reservasjonene i denne kjøringen er {minutes} minutter gamle og snart utløpt; neste kjøring sender det",
        en: "not handed over: this run's claims are {minutes} minutes old, nearly out of their lease; the next run sends it",
    }
    skip_server(error) {
        nb: "ikke levert: e-posttjeneren kunne ikke brukes i denne kjøringen ({error})",
        en: "not handed over: the mail server could not be used in this run ({error})",
    }
    // The closing report.
    failpoint() {
        nb: "failpoint after-handover: avbryter før `sent` lagres",
        en: "failpoint after-handover: aborting before recording `sent`",
    }
    summary_sent(sent, failed, at, via) {
        nb: "{sent} varsel(er) sendt, {failed} feilet, {at} via {via}",
        en: "{sent} notice(s) sent, {failed} failed, at {at} via {via}",
    }
    summary_dry_run(sent, failed, at, via) {
        nb: "{sent} varsel(er) ville blitt sendt, {failed} feilet, {at} via {via}",
        en: "{sent} notice(s) would be sent, {failed} failed, at {at} via {via}",
    }
    refused_recipients(message_id, addresses) {
        nb: "{message_id}: e-posttjeneren avviste {addresses}; de har ikke fått varselet. Neste kjøring tilbyr samme melding til mottakerne i varsel.yaml som ikke har den, mens varselet gjelder (sjekk adressene i `recipients:` i varsel.yaml med e-postansvarlige)",
        en: "{message_id}: the mail server refused {addresses}; they did not get the notice. The next run offers the same message to the recipients in varsel.yaml that do not have it, while it is due (check those addresses in `recipients:` in varsel.yaml with the mail admins)",
    }
    unconfirmed(message_id) {
        nb: "{message_id}: e-posttjeneren svarte ikke etter meldingen; den regnes som sendt og sendes én gang til med samme Message-ID mens varselet gjelder",
        en: "{message_id}: the mail server gave no reply after the message; it counts as told and is sent once more, same Message-ID, while the notice is due",
    }
    offering_again(message_id, addresses) {
        nb: "{message_id} tilbys igjen til {addresses}: e-posttjeneren avviste noen mottakere sist, og disse har den ikke ennå",
        en: "offering {message_id} again to {addresses}: the mail server refused some recipients last time, and these do not have it yet",
    }
    stopped_by(signal) {
        nb: "stanset av {signal} før kjøringen var ferdig: ingen varsler ble levert etter signalet, et reservert varsel som ikke ble levert, er ført som `failed`, og neste kjøring sender det som fortsatt skal sendes",
        en: "stopped by {signal} before the run was done: no notice was handed over after it, a claimed notice that was not handed over is recorded `failed`, and the next run sends whatever is still due",
    }
    failed_stay_due() {
        nb: "varsler som feilet, er fortsatt klare til sending; neste kjøring prøver igjen",
        en: "notices that failed stay due; the next run retries them",
    }
    invalid_file(file) {
        nb: "{file} er ugyldig; varslene i den ble ikke vurdert (rett feilen, se `varsel check`)",
        en: "{file} is invalid; its notices were not considered (fix it, see `varsel check`)",
    }
}
