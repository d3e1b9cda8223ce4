//! The diagnostics of `check` (and of every command that reads the site):
//! what is wrong at a place in a file, and how to fix it.

super::messages! {
    // What the reader calls the mapping it reads.
    the_outage() {
        nb: "stansen",
        en: "the outage",
    }
    an_update() {
        nb: "en oppdatering",
        en: "an update",
    }
    this_update() {
        nb: "denne oppdateringen",
        en: "this update",
    }
    // src/reader.rs: the shape of a mapping and its values.
    not_a_mapping(what, found) {
        nb: "{what} skal være linjer med `nøkkel: verdi`, men er {found}",
        en: "{what} should be a mapping of `key: value` lines, found {found}",
    }
    not_a_mapping_hint(known) {
        nb: "skriv én `nøkkel: verdi` per linje; kjente nøkler: {known}",
        en: "write one `key: value` per line; known keys: {known}",
    }
    key_not_a_word(what, found) {
        nb: "en nøkkel i {what} skal være et ord, men er {found}",
        en: "a key in {what} should be a word, found {found}",
    }
    known_keys(known) {
        nb: "kjente nøkler: {known}",
        en: "known keys: {known}",
    }
    given_twice(name, what, first_line) {
        nb: "`{name}` står to ganger i {what} (første gang på linje {first_line})",
        en: "`{name}` is given twice in {what} (first on line {first_line})",
    }
    given_twice_hint() {
        nb: "behold den ene og slett den andre",
        en: "keep one of them and delete the other",
    }
    did_you_mean(near) {
        nb: "mente du `{near}`?",
        en: "did you mean `{near}`?",
    }
    unknown_key(name, what) {
        nb: "ukjent nøkkel `{name}` i {what}",
        en: "unknown key `{name}` in {what}",
    }
    missing_key(what, key) {
        nb: "{what} mangler `{key}`",
        en: "{what} has no `{key}`",
    }
    not_text(what, found) {
        nb: "`{what}` skal være tekst, men er {found}",
        en: "`{what}` should be text, found {found}",
    }
    not_text_hint(what) {
        nb: "skriv verdien på samme linje: `{what}: ...`",
        en: "write the value on the same line: `{what}: ...`",
    }
    not_boolean(what, found) {
        nb: "`{what}` skal være true eller false, men er {found}",
        en: "`{what}` should be true or false, found {found}",
    }
    not_boolean_hint(what) {
        nb: "skriv `{what}: true` eller `{what}: false`",
        en: "write `{what}: true` or `{what}: false`",
    }
    not_integer(what, found) {
        nb: "`{what}` skal være et heltall, men er {found}",
        en: "`{what}` should be a whole number, found {found}",
    }
    not_integer_hint(what) {
        nb: "skriv for eksempel `{what}: 60`",
        en: "write for example `{what}: 60`",
    }
    not_a_list(what, found) {
        nb: "`{what}` skal være en liste, men er {found}",
        en: "`{what}` should be a list, found {found}",
    }
    not_a_list_hint(what) {
        nb: "skriv `{what}: [a, b]` eller én `- a` per linje",
        en: "write `{what}: [a, b]` or one `- a` per line",
    }
    // src/yaml.rs: what a YAML value is, in messages.
    value_null() {
        nb: "ingenting (en tom verdi)",
        en: "nothing (an empty value)",
    }
    value_bool() {
        nb: "true/false",
        en: "true/false",
    }
    value_number() {
        nb: "et tall",
        en: "a number",
    }
    value_text() {
        nb: "tekst",
        en: "text",
    }
    value_list() {
        nb: "en liste",
        en: "a list",
    }
    value_map() {
        nb: "linjer med nøkler",
        en: "a mapping of keys",
    }
    // src/yaml.rs: syntax.
    not_yaml(message) {
        nb: "dette er ikke gyldig YAML: {message}",
        en: "this is not valid YAML: {message}",
    }
    syntax_hint() {
        nb: "sjekk innrykk og anførselstegn her; tekst med `: ` eller `#` i må stå i anførselstegn",
        en: "check the indentation and quoting around this place; text with `: ` or `#` in it needs quotes",
    }
    tab() {
        nb: "her står et tabulatortegn; YAML tillater bare mellomrom som innrykk",
        en: "there is a tab character here; YAML allows only spaces for indentation",
    }
    tab_hint() {
        nb: "bytt tabulatoren ut med mellomrom (rykk inn med to mellomrom, som linjene rundt)",
        en: "replace the tab with spaces (indent with two spaces, like the lines around it)",
    }
    reader_failed() {
        nb: "YAML-leseren klarte ikke å lese denne filen",
        en: "the YAML reader failed on this file",
    }
    too_many_aliases(message) {
        nb: "filen bruker flere ankre, alias eller nivåer enn en stansfil kan trenge ({message})",
        en: "the file uses more anchors, aliases or nesting than an outage file can need ({message})",
    }
    nested_too_deeply(message) {
        nb: "verdiene er nøstet for dypt ({message})",
        en: "the values are nested too deeply ({message})",
    }
    recursive_alias() {
        nb: "et alias (`*`) viser til ankeret (`&`) det selv står i, og ville aldri ta slutt",
        en: "an alias (`*`) refers to the anchor (`&`) it is inside, which would never end",
    }
    limits_hint() {
        nb: "filene trenger ingen ankre (`&`) eller alias (`*`) og bare noen få nivåer; skriv verdiene ut",
        en: "site files need no anchors (`&`) or aliases (`*`) and only a few levels of nesting; write the values out",
    }
    // src/site.rs: files and folders.
    not_utf8() {
        nb: "denne filen er ikke UTF-8-tekst",
        en: "this file is not UTF-8 text",
    }
    not_utf8_hint() {
        nb: "lagre filen som UTF-8 (standard i de fleste redigeringsprogrammer); Æ, Ø og Å må være UTF-8",
        en: "save the file as UTF-8 (the default in most editors); Æ, Ø and Å must be UTF-8",
    }
    cannot_read_file(error) {
        nb: "kan ikke lese denne filen: {error}",
        en: "cannot read this file: {error}",
    }
    permissions_hint() {
        nb: "sjekk filens tilganger",
        en: "check the file's permissions",
    }
    cannot_read(path, error) {
        nb: "kan ikke lese {path}: {error}",
        en: "cannot read {path}: {error}",
    }
    cannot_read_hint() {
        nb: "sjekk filens tilganger; den må være lesbar tekst",
        en: "check the file's permissions; it must be readable text",
    }
    cannot_list(dir, error) {
        nb: "kan ikke liste opp {dir}/: {error}",
        en: "cannot list {dir}/: {error}",
    }
    cannot_list_hint() {
        nb: "sjekk at mappen finnes og kan leses",
        en: "check that the folder exists and is readable",
    }
    root_is_a_file(root) {
        nb: "nettstedsmappen `{root}` er en fil, ikke en mappe",
        en: "the site folder `{root}` is a file, not a folder",
    }
    root_is_a_file_hint() {
        nb: "gi `--root` mappen som har varsel.yaml",
        en: "pass `--root` the folder that holds varsel.yaml",
    }
    root_missing(root) {
        nb: "nettstedsmappen `{root}` finnes ikke",
        en: "the site folder `{root}` does not exist",
    }
    root_missing_hint() {
        nb: "sjekk stien etter `--root`; det er mappen som har varsel.yaml",
        en: "check the path after `--root`; it is the folder that holds varsel.yaml",
    }
    root_not_a_site(root) {
        nb: "`{root}` har ingen varsel.yaml, så det er ikke et varsel-nettsted",
        en: "`{root}` has no varsel.yaml, so it is not a varsel site",
    }
    root_not_a_site_hint() {
        nb: "gi `--root` mappen som har varsel.yaml (nettstedsmappen)",
        en: "pass `--root` the folder that holds varsel.yaml (the site folder)",
    }
    here_not_a_site() {
        nb: "denne mappen har ingen varsel.yaml, så den er ikke et varsel-nettsted",
        en: "this folder has no varsel.yaml, so it is not a varsel site",
    }
    here_not_a_site_hint() {
        nb: "kjør varsel i nettstedsmappen (den med varsel.yaml), eller bruk `--root MAPPE`",
        en: "run varsel in the site folder (the one with varsel.yaml), or pass `--root DIR`",
    }
    now_invalid(problem) {
        nb: "--now: {problem}",
        en: "--now: {problem}",
    }
    default_routine_missing(page) {
        nb: "standard-nødrutinen `content/{page}.md` finnes ikke",
        en: "the default routine page `content/{page}.md` does not exist",
    }
    default_routine_missing_hint() {
        nb: "lag siden, eller la `routines.default` peke på en side som finnes under content/",
        en: "create the page, or point `routines.default` at an existing page under content/",
    }
    // src/localtime.rs: times.
    not_a_time(text) {
        nb: "`{text}` er ikke en dato og et klokkeslett",
        en: "`{text}` is not a date and time",
    }
    not_a_time_hint() {
        nb: "skriv `ÅÅÅÅ-MM-DD TT:MM` i lokal tid, for eksempel `2026-12-03 18:00`, eller RFC 3339 med tidssoneforskyvning, som `2026-12-03T18:00:00+01:00`",
        en: "write `YYYY-MM-DD HH:MM` in local time, for example `2026-12-03 18:00`, or RFC 3339 with an offset such as `2026-12-03T18:00:00+01:00`",
    }
    time_in_gap(time, zone) {
        nb: "{time} finnes ikke i {zone}: klokken stilles en time frem den natten",
        en: "{time} does not exist in {zone}: the clocks jump forward an hour that night",
    }
    time_in_gap_hint(after) {
        nb: "bruk et tidspunkt etter hoppet, for eksempel {after}",
        en: "use a time after the jump, for example {after}",
    }
    time_twice(time, zone) {
        nb: "{time} finnes to ganger i {zone}: klokken stilles en time tilbake den natten",
        en: "{time} happens twice in {zone}: the clocks go back an hour that night",
    }
    time_twice_hint(summer, winter) {
        nb: "legg til forskyvningen for å si hvilken: `{summer}` (sommertid) eller `{winter}` (vintertid)",
        en: "add the offset to say which one: `{summer}` (summer time) or `{winter}` (winter time)",
    }
    // src/content.rs: content pages.
    cannot_list_content(error) {
        nb: "kan ikke liste opp: {error}",
        en: "cannot list: {error}",
    }
    cannot_read_page(error) {
        nb: "kan ikke lese denne siden: {error}",
        en: "cannot read this page: {error}",
    }
    cannot_read_page_hint() {
        nb: "lagre siden som UTF-8-tekst",
        en: "save the page as UTF-8 text",
    }
    no_front_matter() {
        nb: "siden har ingen innledende metadata (front matter)",
        en: "the page has no front matter",
    }
    no_front_matter_hint() {
        nb: "begynn siden med `---`, en linje `title: ...` og `---`",
        en: "start the page with `---`, a line `title: ...`, and `---`",
    }
    unclosed_front_matter() {
        nb: "den innledende metadataen (front matter) som begynner med `---` på linje 1, avsluttes aldri",
        en: "the front matter that opens with `---` on line 1 is never closed",
    }
    unclosed_front_matter_hint() {
        nb: "skriv en linje med bare `---` etter `title: ...` og de andre metadatalinjene, før teksten",
        en: "write a line with just `---` after `title: ...` and the other front matter lines, before the text",
    }
    front_matter_not_yaml(message) {
        nb: "den innledende metadataen er ikke gyldig YAML: {message}",
        en: "the front matter is not valid YAML: {message}",
    }
    front_matter_hint() {
        nb: "sjekk innrykk og anførselstegn her",
        en: "check the indentation and quoting around this place",
    }
    the_front_matter() {
        nb: "den innledende metadataen",
        en: "the front matter",
    }
    add_page_title() {
        nb: "legg til en linje `title: ...` mellom `---`-linjene",
        en: "add a line `title: ...` between the `---` lines",
    }
    // src/render/check.rs: what `build` would refuse or leave out.
    reserved_page(first) {
        nb: "`content/{first}` brukes av nettstedet selv",
        en: "`content/{first}` is used by the site itself",
    }
    reserved_page_hint(reserved) {
        nb: "gi siden et annet navn, eller flytt den; reserverte navn: {reserved}",
        en: "rename or move the page; reserved names: {reserved}",
    }
    page_cannot_render(error) {
        nb: "`varsel build` kan ikke lage denne siden: {error}",
        en: "`varsel build` cannot render this page: {error}",
    }
    page_cannot_render_hint() {
        nb: "rett malen som er nevnt (themes/), eller sidens innhold; `varsel serve` viser siden når den kan lages",
        en: "fix the template named (themes/), or the page's text; `varsel serve` shows the page once it can be rendered",
    }
    routine_without_steps(users) {
        nb: "nødrutinen har ingen nummererte trinn: e-postene og nedetidssidene siterer trinnene i sidens første nummererte liste (rutine for {users})",
        en: "the routine has no numbered steps: the emails and the outage pages quote the steps of the page's first numbered list (routine of {users})",
    }
    routine_without_steps_hint() {
        nb: "skriv trinnene som en nummerert liste, én linje per trinn: `1. Ring kommunens koordinatortelefon.`",
        en: "write the steps as a numbered list, one line each: `1. Call the municipality's coordinator telephone.`",
    }
    routines_default() {
        nb: "`routines.default` i varsel.yaml",
        en: "`routines.default` in varsel.yaml",
    }
    // src/check.rs: placeholders still in varsel.yaml.
    example_address(address, domain) {
        nb: "`{address}` er en eksempeladresse ({domain}): e-post dit kommer ikke frem",
        en: "`{address}` is an example address ({domain}): mail there reaches nobody",
    }
    example_recipient_hint() {
        nb: "skriv kontaktgruppens virkelige adresse før varsler sendes",
        en: "write the contact group's real address before notices go out",
    }
    example_sender_hint() {
        nb: "skriv avsenderens virkelige adresse (meldingsansvarlige) før varsler sendes",
        en: "write the real sender address (the message coordinators) before notices go out",
    }
    // src/theme.rs: themes.
    theme_missing(name) {
        nb: "fant ikke temaet `{name}`: det finnes ingen mappe themes/{name}/",
        en: "theme `{name}` not found: there is no themes/{name}/ folder",
    }
    theme_missing_hint() {
        nb: "lag mappen under themes/, eller fjern `theme:` for å bruke standardtemaet",
        en: "create the folder under themes/, or remove `theme:` to use the default theme",
    }
    readable_hint() {
        nb: "gjør filen lesbar",
        en: "make the file readable",
    }
    template_broken(path, message) {
        nb: "malen {path} kan ikke kompileres: {message}",
        en: "template {path} does not compile: {message}",
    }
    template_at(line, column) {
        nb: " (linje {line}, kolonne {column})",
        en: " (line {line}, column {column})",
    }
    template_broken_hint() {
        nb: "rett malen; inntil da stopper `build`, og varsler kan ikke sendes",
        en: "fix the template; until then `build` stops and notices cannot be sent",
    }
    // src/site.rs: an outage id used again for another outage (SPEC §7).
    reused_id(id, kind, at, span, start) {
        nb: "`{id}` er id-en til en stans de ansatte har fått varsel om (i varselet «{kind}», sendt {at}: {span}), og det tidsrommet er over; denne filen beskriver en annen stans, fra {start}",
        en: "`{id}` is the id of an outage staff were told about (by the notice “{kind}” sent {at}: {span}), and that window is over; this file describes another outage, from {start}",
    }
    reused_id_hint(id) {
        nb: "gi den nye stansen sin egen id: gi filen nytt navn, f.eks. `ÅÅÅÅ-MM-DD-kort-navn.yaml` (en id navngir én stans, og loggen over sendte varsler husker hva som ble sendt under `{id}`)",
        en: "give the new outage its own id: rename the file, e.g. `YYYY-MM-DD-short-name.yaml` (an id names one outage, and the ledger remembers what was sent under `{id}`)",
    }
    // src/site.rs: an outage file gone while staff believe it (SPEC §4).
    vanished_cancelled(span) {
        nb: "den er avlyst ({span})",
        en: "it is cancelled ({span})",
    }
    vanished_on(span) {
        nb: "den blir {span}",
        en: "it is on {span}",
    }
    vanished(id, believe, kind, at) {
        nb: "stansen `{id}` har ikke lenger noen fil, men de ansatte har fått vite at {believe}, i varselet «{kind}», sendt {at}",
        en: "outage `{id}` has no file any more, but staff were told {believe}, by the notice “{kind}” sent {at}",
    }
    vanished_hint(file, other_extension) {
        nb: "gjenopprett filen {file} (eller {other_extension}; en slettet eller omdøpt fil forteller de ansatte ingenting, og et nytt navn er en ny stans), og sett så `cancelled: true` eller `ended` slik at de ansatte får beskjed; filen kan fjernes når tidsrommet er over",
        en: "restore the file {file} (or {other_extension}; a deleted or renamed file tells staff nothing, and a new name is a new outage), then set `cancelled: true` or `ended` so that staff are told; the file may go once the window is over",
    }
    overrun(id, end, ago) {
        nb: "den ventede slutten på `{id}`, {end}, var for {ago} siden, og `ended` er ikke satt: de ansatte har fått vite om stansen og tror fortsatt på et anslag som ikke lenger stemmer",
        en: "the expected end of `{id}`, {end}, passed {ago} ago and `ended` is not set: staff were told about the outage and still believe an estimate that is no longer true",
    }
    overrun_hint(end) {
        nb: "virker tjenesten igjen, sett `ended:` til når den kom tilbake (`ended: {end}` hvis den ble ferdig i tide); ellers sett `end:` til et nytt anslag, så får de ansatte varselet «endret tidspunkt»",
        en: "if service is back, set `ended:` to when it came back (`ended: {end}` if it finished on time); otherwise set `end:` to a new estimate, and staff get a `changed` notice",
    }
}
