//! What `varsel serve` says in the browser, around the site's own pages:
//! the coordinator dashboard, the corner note on every preview page, the
//! "nothing is published" box, the 404 and error pages and the frame of
//! the error overlay. In the language of messages (`--lang`, default the
//! site's `language`), handed in by the caller. Plain text: the serve
//! module escapes it and adds the markup.

super::messages! { in language;
    moment_pattern() {
        nb: "%A %-d. %B %Y kl. %H:%M",
        en: "%A %-d %B %Y %H:%M",
    }
    title() {
        nb: "varsel — koordinatoroversikt",
        en: "varsel — coordinator dashboard",
    }
    tab_title() {
        nb: "varsel-oversikt",
        en: "varsel dashboard",
    }
    site_unloadable() {
        nb: "nettstedet kunne ikke lastes; se problemene nedenfor",
        en: "the site could not be loaded; see the problems below",
    }
    ledger_unreadable(error) {
        nb: "kan ikke lese loggen over sendte varsler: {error}",
        en: "cannot read the ledger: {error}",
    }
    problems() {
        nb: "Problemer",
        en: "Problems",
    }
    intro(at) {
        nb: "Hva nettstedet viser og hvilke varsler som går ut når, slik det står {at}.",
        en: "What the site shows and which notices go out when, as of {at}.",
    }
    open_site() {
        nb: "Åpne nettstedet på dette tidspunktet",
        en: "Open the site at this moment",
    }
    travel_label() {
        nb: "Vis nettstedet og varslene slik de er",
        en: "Show the site and the notices as of",
    }
    travel_placeholder() {
        nb: "ÅÅÅÅ-MM-DD TT:MM",
        en: "YYYY-MM-DD HH:MM",
    }
    travel_button() {
        nb: "Reis",
        en: "Travel",
    }
    the_clock() {
        nb: "klokken",
        en: "the clock",
    }
    back_to_default(default) {
        nb: "Tilbake til standardtidspunktet ({default})",
        en: "Back to the default moment ({default})",
    }
    default_moment(default) {
        nb: "(standardtidspunktet: {default})",
        en: "(the default moment: {default})",
    }
    bad_moment(why) {
        nb: "{why}. Viser standardtidspunktet i stedet.",
        en: "{why}. Showing the default moment instead.",
    }
    outages_heading() {
        nb: "Stanser",
        en: "Outages",
    }
    outages_intro() {
        nb: "Hvert tidspunkt åpner stansens side og varselet slik de er da.",
        en: "Each moment opens the outage's page and its notice as they are then.",
    }
    col_outage() {
        nb: "Stans",
        en: "Outage",
    }
    col_now() {
        nb: "Nå",
        en: "Now",
    }
    col_travel() {
        nb: "Tidsreise",
        en: "Time travel",
    }
    on_the_site() {
        nb: "på nettstedet",
        en: "on the site",
    }
    no_outages() {
        nb: "Ingen stanser ennå: legg en fil i outages/.",
        en: "No outages yet: add a file under outages/.",
    }
    kind_planned() {
        nb: "planlagt",
        en: "planned",
    }
    kind_acute() {
        nb: "akutt",
        en: "acute",
    }
    stop_published() {
        nb: "siden publiseres",
        en: "page published",
    }
    stop_due(notice) {
        nb: "{notice}: klar",
        en: "{notice}: due",
    }
    stop_start() {
        nb: "stansen starter",
        en: "start",
    }
    stop_estimated_end() {
        nb: "ventet slutt",
        en: "estimated end",
    }
    stop_ended() {
        nb: "ferdig",
        en: "ended",
    }
    overrun_heading() {
        nb: "Over ventet slutt",
        en: "Past the expected end",
    }
    overrun(title, end, ago) {
        nb: "«{title}»: ventet slutt {end} var for {ago} siden, og `ended` er ikke satt. De ansatte tror fortsatt på anslaget: sett `ended:` hvis tjenesten virker igjen, ellers et nytt `end:`.",
        en: "“{title}”: the expected end {end} passed {ago} ago and `ended` is not set. Staff still believe the estimate: set `ended:` if service is back, otherwise a new `end:`.",
    }
    overrun_short(ago) {
        nb: "over ventet slutt med {ago}",
        en: "past the expected end by {ago}",
    }
    notices_heading() {
        nb: "Varsler",
        en: "Notices",
    }
    col_due() {
        nb: "Tidspunkt",
        en: "Due",
    }
    col_notice() {
        nb: "Varsel",
        en: "Notice",
    }
    col_state() {
        nb: "Tilstand",
        en: "State",
    }
    col_preview() {
        nb: "Forhåndsvisning",
        en: "Preview",
    }
    preview_link() {
        nb: "emne, tekst og HTML",
        en: "subject, text and HTML",
    }
    overdue(late) {
        nb: "på overtid: {late} for sent",
        en: "overdue: {late} late",
    }
    no_notices() {
        nb: "Ingen stans trenger varsel.",
        en: "No outage needs a notice.",
    }
    pages_heading() {
        nb: "Sider",
        en: "Pages",
    }
    col_status() {
        nb: "Tilstand",
        en: "Status",
    }
    col_minutes() {
        nb: "Arbeidsminutter",
        en: "Working minutes",
    }
    col_required() {
        nb: "Varsel påkrevd",
        en: "Notice required",
    }
    col_published() {
        nb: "Siden publisert",
        en: "Page published",
    }
    never() {
        nb: "aldri",
        en: "never",
    }
    open_ended() {
        nb: "til `ended` er satt",
        en: "until `ended` is set",
    }
    on_the_site_now() {
        nb: "på nettstedet nå",
        en: "on the site now",
    }
    minutes_unknown() {
        nb: "ukjent (ingen slutt)",
        en: "unknown (no end)",
    }
    yes() {
        nb: "ja",
        en: "yes",
    }
    no() {
        nb: "nei",
        en: "no",
    }
    back() {
        nb: "← Oversikten",
        en: "← Dashboard",
    }
    as_of(at, status) {
        nb: "Slik det står {at}: {status}.",
        en: "As of {at}: {status}.",
    }
    page_heading() {
        nb: "Siden på nettstedet",
        en: "The page on the site",
    }
    open_page() {
        nb: "Åpne siden",
        en: "Open the page",
    }
    page_frame() {
        nb: "Stansens side",
        en: "The outage page",
    }
    not_on_site(when) {
        nb: "Ikke på nettstedet på dette tidspunktet: {when}.",
        en: "Not on the site at this moment: {when}.",
    }
    never_cancelled() {
        nb: "den ble avlyst før de ansatte fikk vite om den, så den publiseres aldri",
        en: "it was cancelled before staff were told, so it is never published",
    }
    never_not_required() {
        nb: "ingen varsel er påkrevd, så den publiseres aldri",
        en: "no notice is required, so it is never published",
    }
    published_from(from, until) {
        nb: "den publiseres fra {from} {until}",
        en: "it is published from {from} {until}",
    }
    until(at) {
        nb: "til {at}",
        en: "until {at}",
    }
    the_notice(notice) {
        nb: "Varselet «{notice}»",
        en: "The notice “{notice}”",
    }
    open_notice() {
        nb: "Åpne dette varselet alene",
        en: "Open this notice on its own",
    }
    no_notice() {
        nb: "De ansatte får ikke varsel om denne stansen.",
        en: "Staff get no notice about this outage.",
    }
    outage_at_moment() {
        nb: "stansen på dette tidspunktet",
        en: "the outage at this moment",
    }
    email_intro(notice, id, at, state, moment) {
        nb: "Varselet «{notice}» for {id} slik `varsel send` lager det {at} ({state}), sett {moment}.",
        en: "The notice “{notice}” of {id} as `varsel send` renders it at {at} ({state}), as of {moment}.",
    }
    email_html() {
        nb: "HTML-del",
        en: "HTML part",
    }
    email_text() {
        nb: "Tekstdel",
        en: "Text part",
    }
    email_headers() {
        nb: "Hoder",
        en: "Headers",
    }
    no_such_outage(id) {
        nb: "ingen gyldig stans `{id}`",
        en: "no valid outage `{id}`",
    }
    unknown_kind(kind) {
        nb: "ukjent varseltype `{kind}`",
        en: "unknown notice kind `{kind}`",
    }
    no_such_notice(id, kind) {
        nb: "stansen `{id}` har ikke varselet `{kind}` på dette tidspunktet",
        en: "outage `{id}` has no `{kind}` notice at this moment",
    }
    revision_number() {
        nb: "revisjonen er et tall",
        en: "the revision is a number",
    }
    no_such_page() {
        nb: "ingen slik side i oversikten",
        en: "no such dashboard page",
    }
    not_found() {
        nb: "Finnes ikke",
        en: "Not found",
    }
    not_in_site(path) {
        nb: "{path} finnes ikke på nettstedet (ennå).",
        en: "{path} is not in the site (yet).",
    }
    render_failed() {
        nb: "Siden kunne ikke lages",
        en: "The page could not be rendered",
    }
    front_page() {
        nb: "Forsiden",
        en: "Front page",
    }
    dashboard_link() {
        nb: "Oversikten",
        en: "Dashboard",
    }
    outside_site() {
        nb: "den stien er utenfor nettstedet",
        en: "that path is outside the site",
    }
    only_get() {
        nb: "bare GET og HEAD besvares",
        en: "only GET and HEAD are served",
    }
    corner(at) {
        nb: "varsel-forhåndsvisning slik det står {at}",
        en: "varsel preview as of {at}",
    }
    corner_link() {
        nb: "oversikt og tidsreise",
        en: "dashboard and time travel",
    }
    corner_bad_moment(given) {
        nb: "now={given} er ikke et tidspunkt",
        en: "now={given} is not a time",
    }
    overlay_title() {
        nb: "varsel: nettstedet har feil — den siste gode versjonen vises under",
        en: "varsel: the site has errors — showing the last good version underneath",
    }
    overlay_fix() {
        nb: "Rett filen og lagre: siden lastes inn på nytt av seg selv.",
        en: "Fix the file and save: this page reloads by itself.",
    }
    overlay_hide() {
        nb: "Skjul",
        en: "Hide",
    }
    nothing_heading(at) {
        nb: "varsel-forhåndsvisning: ingenting er publisert {at}",
        en: "varsel preview: nothing is published at {at}",
    }
    nothing_text() {
        nb: "Ingen stansside er oppe på dette tidspunktet, så nettstedet viser ingen varsler. Reis til et tidspunkt da en er det (denne boksen finnes bare i forhåndsvisningen, aldri på det bygde nettstedet):",
        en: "No outage page is up at this moment, so the site shows no notice. Travel to a moment when one is (this box is only in the preview, never in the built site):",
    }
    nothing_ever() {
        nb: "Ingen stans publiseres noen gang: legg til en i outages/.",
        en: "No outage is ever published: add one under outages/.",
    }
    nothing_every_moment() {
        nb: "Alle tidspunktene for hver stans:",
        en: "Every moment of every outage:",
    }
    nothing_dashboard() {
        nb: "koordinatoroversikten",
        en: "the coordinator dashboard",
    }
}
