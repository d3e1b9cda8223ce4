//! The rules of `varsel.yaml`, as `check` reports them.

super::messages! {
    not_yaml(file, message) {
        nb: "{file} er ikke gyldig YAML: {message}",
        en: "{file} is not valid YAML: {message}",
    }
    add_title() {
        nb: "legg til `title: Nedetid i elektronisk meldingsutveksling`",
        en: "add `title: Nedetid i elektronisk meldingsutveksling`",
    }
    add_base_url() {
        nb: "legg til `base_url: https://intranett.example.org/nedetid/`",
        en: "add `base_url: https://intranett.example.org/nedetid/`",
    }
    unknown_language(language) {
        nb: "ukjent språk `{language}`",
        en: "unknown language `{language}`",
    }
    unknown_language_hint() {
        nb: "skriv `language: nb` eller `language: en`",
        en: "write `language: nb` or `language: en`",
    }
    zone_hint() {
        nb: "bruk navnet på en IANA-tidssone, som `Europe/Oslo`",
        en: "use an IANA zone name such as `Europe/Oslo`",
    }
    unknown_zone(name) {
        nb: "ukjent tidssone `{name}`",
        en: "unknown time zone `{name}`",
    }
    bad_theme(theme) {
        nb: "`{theme}` er ikke et gyldig navn på en temamappe",
        en: "`{theme}` is not a theme folder name",
    }
    bad_theme_hint() {
        nb: "bruk små bokstaver, sifre og `-`, f.eks. `default`",
        en: "use lowercase letters, digits and `-`, e.g. `default`",
    }
    add_mail() {
        nb: "legg til en `mail:`-del med `from` og `message_id_domain`",
        en: "add a `mail:` section with `from` and `message_id_domain`",
    }
    add_recipients() {
        nb: "legg til `recipients:` med kontaktgruppene",
        en: "add `recipients:` with the contact groups",
    }
    add_systems() {
        nb: "legg til `systems:` med minst `plo: {{ name: PLO-meldinger }}`",
        en: "add `systems:` with at least `plo: {{ name: PLO-meldinger }}`",
    }
    add_municipalities() {
        nb: "legg til `municipalities:` med koordinatortelefonene deres",
        en: "add `municipalities:` with their coordinator telephones",
    }
    add_routines() {
        nb: "legg til `routines:` med `default: nodrutiner/plo`",
        en: "add `routines:` with `default: nodrutiner/plo`",
    }
    empty_value(key) {
        nb: "`{key}` er tom",
        en: "`{key}` is empty",
    }
    bad_url(url) {
        nb: "`{url}` er ikke en nettadresse",
        en: "`{url}` is not a web address",
    }
    bad_url_hint() {
        nb: "skriv en full adresse, som `https://intranett.example.org/nedetid/`",
        en: "write a full address such as `https://intranett.example.org/nedetid/`",
    }
    negative_minutes(minutes) {
        nb: "`min_working_minutes` er {minutes}, et negativt tall",
        en: "`min_working_minutes` is {minutes}, which is negative",
    }
    negative_minutes_hint() {
        nb: "skriv `min_working_minutes: 60`",
        en: "write `min_working_minutes: 60`",
    }
    unknown_announce_day(value) {
        nb: "ukjent `announce_day` `{value}`",
        en: "unknown `announce_day` `{value}`",
    }
    unknown_announce_day_hint() {
        nb: "skriv `calendar` (dagen før) eller `working` (arbeidsdagen før)",
        en: "write `calendar` (the day before) or `working` (the working day before)",
    }
    not_a_date(text) {
        nb: "`{text}` er ikke en dato",
        en: "`{text}` is not a date",
    }
    not_a_date_hint() {
        nb: "skriv datoer som `ÅÅÅÅ-MM-DD`, f.eks. `2026-12-24`",
        en: "write dates as `YYYY-MM-DD`, e.g. `2026-12-24`",
    }
    not_a_clock(key, text) {
        nb: "`{key}` er `{text}`, som ikke er et klokkeslett",
        en: "`{key}` is `{text}`, which is not a clock time",
    }
    not_a_clock_hint(key) {
        nb: "skriv `{key}: \"11:00\"` (TT:MM: to sifre for timer og minutter, 00:00–23:59)",
        en: "write `{key}: \"11:00\"` (HH:MM: two-digit hours and minutes, 00:00–23:59)",
    }
    add_from() {
        nb: "legg til `from: \"Meldingsansvarlige <meldinger@example.org>\"`",
        en: "add `from: \"Meldingsansvarlige <meldinger@example.org>\"`",
    }
    add_domain() {
        nb: "legg til `message_id_domain: example.org`",
        en: "add `message_id_domain: example.org`",
    }
    bad_domain(domain) {
        nb: "`{domain}` er ikke et domenenavn",
        en: "`{domain}` is not a domain name",
    }
    bad_domain_hint() {
        nb: "skriv et domene, som `example.org` (uten `@` og uten mellomrom)",
        en: "write a domain such as `example.org` (no `@`, no spaces)",
    }
    unknown_recipients_header(value) {
        nb: "ukjent `recipients_header` `{value}`",
        en: "unknown `recipients_header` `{value}`",
    }
    recipients_header_hint() {
        nb: "skriv `to` eller `bcc`",
        en: "write `to` or `bcc`",
    }
    bad_mailbox(text) {
        nb: "`{text}` er ikke en e-postadresse",
        en: "`{text}` is not an email address",
    }
    bad_mailbox_hint() {
        nb: "skriv `Navn <navn@example.org>` eller `navn@example.org`",
        en: "write `Name <name@example.org>` or `name@example.org`",
    }
    recipients_not_a_list(found) {
        nb: "`recipients` skal være en liste, men er {found}",
        en: "`recipients` should be a list, found {found}",
    }
    recipients_not_a_list_hint() {
        nb: "skriv én `- {{ name: ..., address: ... }}` per kontaktgruppe",
        en: "write one `- {{ name: ..., address: ... }}` per contact group",
    }
    recipients_empty() {
        nb: "`recipients` er tom: ingen ville få beskjed",
        en: "`recipients` is empty: nobody would be told",
    }
    recipients_empty_hint() {
        nb: "legg til kontaktgruppene, én `- {{ name: ..., address: ... }}` hver",
        en: "add the contact groups, one `- {{ name: ..., address: ... }}` each",
    }
    a_recipient() {
        nb: "en mottaker",
        en: "a recipient",
    }
    this_recipient() {
        nb: "denne mottakeren",
        en: "this recipient",
    }
    add_recipient_name() {
        nb: "legg til `name: PLO ressurspersoner`",
        en: "add `name: PLO ressurspersoner`",
    }
    add_recipient_address() {
        nb: "legg til `address: gruppe@example.org`",
        en: "add `address: gruppe@example.org`",
    }
    bad_address_hint() {
        nb: "skriv en enkel adresse, som `plo-ressurs@example.org`",
        en: "write a plain address such as `plo-ressurs@example.org`",
    }
    this_system() {
        nb: "dette systemet",
        en: "this system",
    }
    add_system_name() {
        nb: "legg til `name: PLO-meldinger`",
        en: "add `name: PLO-meldinger`",
    }
    this_municipality() {
        nb: "denne kommunen",
        en: "this municipality",
    }
    add_municipality_name() {
        nb: "legg til `name: Fredrikstad`",
        en: "add `name: Fredrikstad`",
    }
    bad_phone(phone) {
        nb: "`{phone}` er ikke et telefonnummer",
        en: "`{phone}` is not a telephone number",
    }
    bad_phone_hint() {
        nb: "skriv det som `+47 69 00 00 00`: sifre og mellomrom, gjerne med + først, 8 til 15 sifre",
        en: "write it as `+47 69 00 00 00`: digits and spaces, optionally a leading +, 8 to 15 digits",
    }
    not_a_directory(what, found) {
        nb: "`{what}` skal være linjer med id-er, men er {found}",
        en: "`{what}` should be a mapping of ids, found {found}",
    }
    not_a_directory_hint(what) {
        nb: "skriv én `id: {{ name: ... }}` per linje under `{what}:`",
        en: "write one `id: {{ name: ... }}` per line under `{what}:`",
    }
    directory_empty(what) {
        nb: "`{what}` er tom",
        en: "`{what}` is empty",
    }
    directory_empty_hint(what) {
        nb: "legg til minst én oppføring under `{what}:`",
        en: "add at least one entry under `{what}:`",
    }
    id_not_a_word(what) {
        nb: "en id i `{what}` skal være et ord",
        en: "an id in `{what}` should be a word",
    }
    id_hint() {
        nb: "bruk små bokstaver, sifre og `-`",
        en: "use lowercase letters, digits and `-`",
    }
    id_twice(id, what, line) {
        nb: "`{id}` står to ganger i `{what}` (første gang på linje {line})",
        en: "`{id}` is given twice in `{what}` (first on line {line})",
    }
    id_twice_hint() {
        nb: "behold én av dem",
        en: "keep one of them",
    }
    bad_id(id) {
        nb: "`{id}` er ikke en gyldig id",
        en: "`{id}` is not a valid id",
    }
    bad_id_hint() {
        nb: "bruk små bokstaver a–z, sifre og `-` (skriv `valer` for Våler)",
        en: "use lowercase letters a–z, digits and `-` (write `valer` for Våler)",
    }
    add_default_routine() {
        nb: "legg til `default: nodrutiner/plo`",
        en: "add `default: nodrutiner/plo`",
    }
}
