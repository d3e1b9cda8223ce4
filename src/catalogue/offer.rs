//! `serve`'s first lines: the moment the preview shows and how to choose
//! another.

super::messages! {
    moment_pattern() {
        nb: "%A %-d. %B %Y kl. %H:%M",
        en: "%A %-d %B %Y %H:%M",
    }
    clock() {
        nb: "klokken",
        en: "the clock",
    }
    showing(at, source, address) {
        nb: "varsel serve: viser nettstedet slik det ser ut {at} ({source}); velg et annet tidspunkt med tidsreisen i oversikten (http://{address}/_varsel/) eller `varsel serve --now \"YYYY-MM-DD HH:MM\"`",
        en: "varsel serve: showing the site as of {at} ({source}); choose another moment with the dashboard's time travel (http://{address}/_varsel/) or `varsel serve --now \"YYYY-MM-DD HH:MM\"`",
    }
    nothing_published() {
        nb: "varsel serve: ingenting er publisert på det tidspunktet; oversikten viser tidspunktene for hver stans, ett klikk hver",
        en: "varsel serve: nothing is published at that moment; the dashboard lists every outage's moments, one click each",
    }
}
