//! What `varsel new` says and asks.

super::messages! {
    nothing_written() {
        nb: "konfigurasjonen kan ikke brukes; ingenting ble skrevet",
        en: "the configuration cannot be used; nothing was written",
    }
    no_terminal() {
        nb: "ingen --title og ingen terminal å spørre i",
        en: "no --title and no terminal to ask on",
    }
    usage() {
        nb: "bruk: varsel new --kind planned|acute --title T --start T [--end T] [--municipalities all|a,b] [--systems a,b] [--routine STI] [--description TEKST]\n(kjør den i en terminal uten flagg for å bli spurt om hvert felt)",
        en: "usage: varsel new --kind planned|acute --title T --start T [--end T] [--municipalities all|a,b] [--systems a,b] [--routine PATH] [--description TEXT]\n(run it in a terminal without flags to be asked for each field)",
    }
    failed(error) {
        nb: "{error}; ingenting ble skrevet",
        en: "{error}; nothing was written",
    }
    kind_missing() {
        nb: "--kind mangler",
        en: "--kind is missing",
    }
    start_missing() {
        nb: "--start mangler",
        en: "--start is missing",
    }
    not_valid() {
        nb: "stansen er ikke gyldig; ingenting ble skrevet",
        en: "the outage is not valid; nothing was written",
    }
    cannot_write(file, error) {
        nb: "kan ikke skrive {file}: {error}; ingenting ble skrevet",
        en: "cannot write {file}: {error}; nothing was written",
    }
    twin_exists(file, twin) {
        nb: "{twin} finnes allerede, og det er samme stans-id som {file} (.yml leses som .yaml); ingenting ble skrevet",
        en: "{twin} exists already, and it has the same outage id as {file} (.yml is read like .yaml); nothing was written",
    }
    exists_hint() {
        nb: "det finnes allerede en stans med denne id-en; rediger den filen, eller velg en annen tittel",
        en: "an outage with this id exists already; edit that file, or choose another title",
    }
    working_minutes(minutes) {
        nb: "{minutes} arbeidsminutt(er)",
        en: "{minutes} working minute(s)",
    }
    no_estimated_end() {
        nb: "ingen ventet slutt",
        en: "no estimated end",
    }
    notice_required(minutes) {
        nb: "varsel påkrevd ({minutes})",
        en: "notice required ({minutes})",
    }
    no_notice_required(minutes, limit) {
        nb: "varsel ikke påkrevd ({minutes}, grense {limit}); ingen e-post, ingen side",
        en: "no notice required ({minutes}, limit {limit}); no email, no page",
    }
    due_now() {
        nb: " (klar nå: neste `varsel send` sender det)",
        en: " (due now: the next `varsel send` sends it)",
    }
    due(kind, at, late) {
        nb: "  {kind} sendes {at}{late}",
        en: "  {kind} goes out {at}{late}",
    }
    until_ended() {
        nb: "til `ended` er satt",
        en: "until `ended` is set",
    }
    until(at) {
        nb: "til {at}",
        en: "until {at}",
    }
    page(from, until) {
        nb: "  siden vises fra {from} {until}",
        en: "  the page shows from {from} {until}",
    }
    // The questions of `varsel new` on a terminal.
    ask_kind() {
        nb: "Hva slags nedetid?",
        en: "What kind of outage?",
    }
    ask_planned() {
        nb: "planlagt (varsles dagen før og samme morgen)",
        en: "planned (notified the day before and the same morning)",
    }
    ask_acute() {
        nb: "akutt (varsles straks)",
        en: "acute (notified at once)",
    }
    ask_title() {
        nb: "Tittel (én linje, brukes som e-postemne)",
        en: "Title (one line, used as the email subject)",
    }
    ask_start() {
        nb: "Start (ÅÅÅÅ-MM-DD TT:MM)",
        en: "Start (YYYY-MM-DD HH:MM)",
    }
    ask_end_planned() {
        nb: "Antatt slutt (ÅÅÅÅ-MM-DD TT:MM, eller bare TT:MM samme dag)",
        en: "Estimated end (YYYY-MM-DD HH:MM, or just HH:MM the same day)",
    }
    ask_end_acute() {
        nb: "Antatt slutt (ÅÅÅÅ-MM-DD TT:MM eller TT:MM, tomt hvis ukjent)",
        en: "Estimated end (YYYY-MM-DD HH:MM or HH:MM, empty if unknown)",
    }
    ask_systems() {
        nb: "Hvilke tjenester er nede? (mellomrom velger, Enter bekrefter)",
        en: "Which systems are down? (space selects, Enter confirms)",
    }
    ask_all() {
        nb: "Gjelder det alle kommunene?",
        en: "Does it affect every municipality?",
    }
    ask_municipalities() {
        nb: "Hvilke kommuner? (mellomrom velger, Enter bekrefter)",
        en: "Which municipalities? (space selects, Enter confirms)",
    }
    ask_description() {
        nb: "Beskrivelse (valgfri, kan utvides i filen etterpå)",
        en: "Description (optional, can be extended in the file later)",
    }
    ask_pick_one() {
        nb: "– velg minst én (mellomrom velger)",
        en: "– pick at least one (space selects)",
    }
    ask_title_too_long(count, max) {
        nb: "Tittelen har {count} tegn; den kan ha høyst {max}",
        en: "The title has {count} characters; it may have at most {max}",
    }
    ask_empty_title() {
        nb: "Tittelen kan ikke være tom",
        en: "The title cannot be empty",
    }
    ask_yes_no_choices() {
        nb: "(ja/nei, Enter = ja)",
        en: "(yes/no, Enter = yes)",
    }
    ask_yes_no() {
        nb: "Svar ja eller nei (j/n)",
        en: "Answer yes or no (y/n)",
    }
    end_missing() {
        nb: "--end mangler: en planlagt stans trenger antatt slutt, for eksempel --end \"2026-12-03 22:00\" (eller bare --end 22:00 for samme dag som --start)",
        en: "--end is missing: a planned outage needs its estimated end, for example --end \"2026-12-03 22:00\" (or just --end 22:00 for the day of --start)",
    }
    ask_end_before_start() {
        nb: "Slutt må være etter start",
        en: "The end must be after the start",
    }
}
