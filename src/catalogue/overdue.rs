//! `plan --overdue`: the lines for a monitoring system. Each line starts
//! with a machine token that is the same in both languages (`OVERDUE`,
//! `INVALID`, `OK`), then the outage id, the notice kind and the due time
//! (RFC 3339) in the same places; only the words for people are
//! translated.

super::messages! {
    overdue(id, kind, due, late) {
        nb: "OVERDUE {id} {kind} frist {due} ({late} for sent)",
        en: "OVERDUE {id} {kind} due {due} ({late} late)",
    }
    invalid(file) {
        nb: "INVALID {file} (varslene i den kan ikke sjekkes; kjør `varsel check`)",
        en: "INVALID {file} (its notices cannot be checked; run `varsel check`)",
    }
    invalid_workbook(file) {
        nb: "INVALID {file} (rader med feil er utelatt fra kommunekatalogen; kjør `varsel check`)",
        en: "INVALID {file} (rows with errors are left out of the municipality directory; run `varsel check`)",
    }
    none_overdue(minutes) {
        nb: "OK ingen varsler er mer enn {minutes} min på overtid",
        en: "OK no notice is overdue by more than {minutes} min",
    }
    hours_minutes(hours, minutes) {
        nb: "{hours} t {minutes} min",
        en: "{hours} h {minutes} min",
    }
}
