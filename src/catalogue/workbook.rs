//! The contact workbook (`municipalities_from`, V02) as `check` reports it.

super::messages! {
    at_cell(file, cell) {
        nb: "i {file}: {cell}",
        en: "at {file}: {cell}",
    }
    in_file(file) {
        nb: "i {file}",
        en: "in {file}",
    }
    // The setting in varsel.yaml.
    add_workbook() {
        nb: "legg til `workbook: kontakter/V02-kontaktopplysninger.xlsm`",
        en: "add `workbook: kontakter/V02-kontaktopplysninger.xlsm`",
    }
    add_column(key) {
        nb: "legg til `{key}:` med overskriften kolonnen har i arket",
        en: "add `{key}:` with the column's header text in the sheet",
    }
    bad_extension(path) {
        nb: "`{path}` er ikke en .xlsx- eller .xlsm-fil",
        en: "`{path}` is not an .xlsx or .xlsm file",
    }
    bad_extension_hint() {
        nb: "åpne V02 i Excel og lagre den som .xlsm (eller .xlsx); eldre .xls kan ikke leses",
        en: "open V02 in Excel and save it as .xlsm (or .xlsx); old .xls files cannot be read",
    }
    bad_path(path) {
        nb: "`{path}` er ikke en sti inne i nettstedsmappa",
        en: "`{path}` is not a path inside the site folder",
    }
    bad_path_hint() {
        nb: "skriv stien fra mappa der varsel.yaml ligger, med `/`, f.eks. `kontakter/V02-kontaktopplysninger.xlsm`",
        en: "write the path from the folder of varsel.yaml, with `/`, e.g. `kontakter/V02-kontaktopplysninger.xlsm`",
    }
    missing_file(path) {
        nb: "kontaktarbeidsboka `{path}` finnes ikke",
        en: "the contact workbook `{path}` does not exist",
    }
    missing_file_hint() {
        nb: "legg V02 inn i depotet på den stien, eller rett `municipalities_from.workbook`",
        en: "add V02 to the repository at that path, or correct `municipalities_from.workbook`",
    }
    cannot_read(path, error) {
        nb: "kan ikke lese kontaktarbeidsboka `{path}`: {error}",
        en: "cannot read the contact workbook `{path}`: {error}",
    }
    cannot_read_hint() {
        nb: "sjekk at filen er en vanlig fil som kan leses",
        en: "check that the file is a plain, readable file",
    }
    // The workbook itself.
    not_a_workbook(reason) {
        nb: "filen er ikke en Excel-arbeidsbok som kan leses ({reason})",
        en: "the file is not an Excel workbook that can be read ({reason})",
    }
    reader_stopped() {
        nb: "filen er ikke en Excel-arbeidsbok som kan leses (leseren ga opp)",
        en: "the file is not an Excel workbook that can be read (the reader gave up)",
    }
    not_a_workbook_hint() {
        nb: "åpne V02 i Excel, lagre den som .xlsm, og legg inn filen på nytt",
        en: "open V02 in Excel, save it as .xlsm and add the file again",
    }
    no_sheet(sheet, sheets) {
        nb: "arbeidsboka har ikke noe ark som heter «{sheet}» (arkene er: {sheets})",
        en: "the workbook has no sheet named “{sheet}” (its sheets: {sheets})",
    }
    sheet_did_you_mean(sheet) {
        nb: "mente du `sheet: {sheet}`? Rett `municipalities_from.sheet` i varsel.yaml",
        en: "did you mean `sheet: {sheet}`? Correct `municipalities_from.sheet` in varsel.yaml",
    }
    no_sheet_hint() {
        nb: "skriv navnet på arket med kommunene i `municipalities_from.sheet` i varsel.yaml",
        en: "write the name of the sheet with the municipalities in `municipalities_from.sheet` in varsel.yaml",
    }
    no_visible_sheet() {
        nb: "arbeidsboka har ingen synlige regneark",
        en: "the workbook has no visible worksheet",
    }
    sheet_unreadable(sheet, error) {
        nb: "arket «{sheet}» kan ikke leses: {error}",
        en: "the sheet “{sheet}” cannot be read: {error}",
    }
    too_large(sheet) {
        nb: "arket «{sheet}» er for stort til å være en kontaktliste",
        en: "the sheet “{sheet}” is too large to be a contact list",
    }
    too_large_hint() {
        nb: "er det riktig ark? Sett `municipalities_from.sheet` til arket med kommunene",
        en: "is it the right sheet? Set `municipalities_from.sheet` to the sheet with the municipalities",
    }
    no_header(name, phone, rows) {
        nb: "fant ingen overskriftsrad med «{name}» eller «{phone}» i de første {rows} radene av arket",
        en: "found no header row with “{name}” or “{phone}” in the first {rows} rows of the sheet",
    }
    no_header_hint() {
        nb: "er det riktig ark? Ellers sett `municipalities_from.columns` i varsel.yaml til overskriftene arket har nå",
        en: "is it the right sheet? Otherwise set `municipalities_from.columns` in varsel.yaml to the sheet's header texts",
    }
    missing_column(column, key, row, present) {
        nb: "overskriftsraden (rad {row}) har ingen kolonne «{column}» for `{key}`; den har: {present}",
        en: "the header row (row {row}) has no column “{column}” for `{key}`; it has: {present}",
    }
    column_renamed_hint(key, near) {
        nb: "har kolonnen fått nytt navn? Skriv `{key}: {near}` under `municipalities_from.columns` i varsel.yaml, eller gi kolonnen navnet tilbake",
        en: "was the column renamed? Write `{key}: {near}` under `municipalities_from.columns` in varsel.yaml, or give the column its name back",
    }
    missing_column_hint(key) {
        nb: "sett `municipalities_from.columns.{key}` i varsel.yaml til overskriften kolonnen har i arket",
        en: "set `municipalities_from.columns.{key}` in varsel.yaml to the column's header text in the sheet",
    }
    no_rows() {
        nb: "arket har ingen kommuner under overskriftsraden",
        en: "the sheet has no municipalities below the header row",
    }
    no_rows_hint() {
        nb: "skriv én kommune per rad under overskriftene",
        en: "write one municipality per row below the header texts",
    }
    cell_error(value) {
        nb: "cellen viser en Excel-feil ({value})",
        en: "the cell shows an Excel error ({value})",
    }
    cell_error_hint() {
        nb: "rett formelen eller skriv verdien inn i cellen i V02",
        en: "correct the formula, or type the value into the cell in V02",
    }
    bad_id(id) {
        nb: "«{id}» er ikke en gyldig id",
        en: "“{id}” is not a valid id",
    }
    bad_id_hint() {
        nb: "bruk små bokstaver a–z, sifre og `-`, f.eks. `indre-ostfold`",
        en: "use lowercase letters a–z, digits and `-`, e.g. `indre-ostfold`",
    }
    no_id(name) {
        nb: "kan ikke lage en id av navnet «{name}»",
        en: "cannot make an id from the name “{name}”",
    }
    no_id_hint() {
        nb: "gi arket en Id-kolonne (`columns.id`) og skriv en id for denne raden",
        en: "give the sheet an Id column (`columns.id`) and write an id for this row",
    }
    id_twice(id, first) {
        nb: "id-en `{id}` finnes alt i {first}",
        en: "the id `{id}` is already used in {first}",
    }
    id_twice_hint() {
        nb: "to rader er samme kommune: slett den ene, eller skill dem med ulike verdier i Id-kolonnen",
        en: "two rows are the same municipality: delete one, or tell them apart in the Id column",
    }
    no_phone(name) {
        nb: "{name} har ingen koordinatortelefon",
        en: "{name} has no coordinator telephone",
    }
    no_phone_hint(id) {
        nb: "skriv nummeret i cellen i V02, eller gi `municipalities.{id}` en `coordinator_phone` i varsel.yaml",
        en: "write the number into the cell in V02, or give `municipalities.{id}` a `coordinator_phone` in varsel.yaml",
    }
    bad_phone(name, text) {
        nb: "«{text}» er ikke et telefonnummer (koordinatortelefonen til {name})",
        en: "“{text}” is not a telephone number ({name}'s coordinator telephone)",
    }
    bad_phone_hint() {
        nb: "skriv 8 sifre, gjerne med +47 foran, f.eks. +47 69 00 00 00",
        en: "write 8 digits, with +47 in front if you like, e.g. +47 69 00 00 00",
    }
    no_municipalities() {
        nb: "katalogen har ingen kommuner, verken i arbeidsboka eller under `municipalities:`",
        en: "the directory has no municipalities, neither in the workbook nor under `municipalities:`",
    }
    // Where varsel.yaml and the workbook disagree.
    overrides(id, file, cell, differences) {
        nb: "`municipalities.{id}` i varsel.yaml overstyrer {file} ({cell}): {differences}",
        en: "`municipalities.{id}` in varsel.yaml overrides {file} ({cell}): {differences}",
    }
    differs(what, here, there) {
        nb: "{what} «{here}» her, «{there}» i arbeidsboka",
        en: "{what} “{here}” here, “{there}” in the workbook",
    }
    what_name() {
        nb: "navn",
        en: "name",
    }
    what_phone() {
        nb: "telefon",
        en: "telephone",
    }
    what_note() {
        nb: "merknad",
        en: "note",
    }
    nothing() {
        nb: "(ingen)",
        en: "(none)",
    }
    overrides_hint() {
        nb: "stemmer arbeidsboka, så slett oppføringen i varsel.yaml; stemmer varsel.yaml, så be om at V02 rettes",
        en: "if the workbook is right, delete the entry in varsel.yaml; if varsel.yaml is right, have V02 corrected",
    }
    // What send, build and plan say when rows were left out.
    rows_left_out(file) {
        nb: "rader med feil i {file} er utelatt fra kommunekatalogen: en stans som nevner en av dem, er ugyldig, alle andre går som vanlig (rett radene, se `varsel check`)",
        en: "rows with errors in {file} are left out of the municipality directory: an outage naming one of them is invalid, all others go on as usual (fix the rows, see `varsel check`)",
    }
}
