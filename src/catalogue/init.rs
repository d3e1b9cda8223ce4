//! What `varsel init` says.

super::messages! {
    bad_title(title) {
        nb: "tittelen \"{title}\" kan ikke brukes",
        en: "the title \"{title}\" cannot be used",
    }
    bad_title_hint() {
        nb: "skriv en tittel på én linje, for eksempel --title \"Nedetid i meldingsutveksling\"",
        en: "write a title on one line, for example --title \"Downtime in message exchange\"",
    }
    not_a_folder(dir) {
        nb: "{dir} er en fil, ikke en mappe",
        en: "{dir} is a file, not a folder",
    }
    not_a_folder_hint() {
        nb: "gi en mappe som ikke finnes ennå, eller en tom mappe: varsel init MAPPE",
        en: "give a folder that does not exist yet, or an empty one: varsel init DIR",
    }
    exists(file) {
        nb: "{file} finnes allerede",
        en: "{file} exists already",
    }
    exists_hint() {
        nb: "varsel init skriver aldri over en fil; velg en annen mappe, eller flytt filene over bort først",
        en: "varsel init never overwrites a file; choose another folder, or move the files above away first",
    }
    nothing_written() {
        nb: "ingenting ble skrevet",
        en: "nothing was written",
    }
    cannot_write(file, error) {
        nb: "kan ikke skrive {file}: {error}",
        en: "cannot write {file}: {error}",
    }
    written(count, dir) {
        nb: "nytt nettsted i {dir}: {count} filer",
        en: "a new site in {dir}: {count} files",
    }
    next_steps(cd) {
        nb: "Neste steg:\n  {cd}1. Rediger varsel.yaml: mottakere (recipients), avsender (mail.from), tjenester,\n     kommuner og koordinatortelefoner. Alt på example.org og alle eksempelnumre må byttes ut.\n  2. varsel check\n  3. git init && git add -A && git commit -m \"Nettsted for varsel om nedetid\"\nSe nettstedet med `varsel serve`, og legg inn nedetid med `varsel new`.",
        en: "Next:\n  {cd}1. Edit varsel.yaml: the recipients, the sender (mail.from), the systems,\n     the municipalities and their coordinator telephones. Everything at example.org and every example number must be replaced.\n  2. varsel check\n  3. git init && git add -A && git commit -m \"Downtime notice site\"\nSee the site with `varsel serve`, and add an outage with `varsel new`.",
    }
}
