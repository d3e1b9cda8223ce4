//! The site's UI strings (headings, labels of the pages), always in the
//! site's language; [`crate::render::i18n`] hands them to the templates.

/// UI strings as (key, bokmål, English).
pub const UI: &[(&str, &str, &str)] = &[
    (
        "skip_link",
        "Hopp til hovedinnholdet",
        "Skip to main content",
    ),
    ("nav_label", "Hovedmeny", "Main menu"),
    ("nav_home", "Varsler", "Notices"),
    (
        "nav_directory",
        "Koordinatortelefoner",
        "Coordinator telephones",
    ),
    ("current_heading", "Pågående nedetid", "Ongoing outages"),
    ("upcoming_heading", "Planlagt nedetid", "Planned outages"),
    (
        "past_heading",
        "Nylig avsluttet eller avlyst",
        "Recently ended or cancelled",
    ),
    (
        "empty",
        "Ingen kjente driftsstans i meldingsutvekslingen nå. Alt virker som normalt.",
        "No known outages in message exchange right now. Everything works as normal.",
    ),
    ("status_upcoming", "Planlagt", "Upcoming"),
    ("status_ongoing", "Pågår nå", "Ongoing"),
    ("status_ended", "Avsluttet", "Ended"),
    (
        "status_finished_early",
        "Ferdig tidligere enn planlagt",
        "Finished early",
    ),
    ("status_cancelled", "Avlyst", "Cancelled"),
    ("kind_planned", "Planlagt nedetid", "Planned outage"),
    ("kind_acute", "Akutt nedetid", "Unplanned outage"),
    ("start", "Starter", "Starts"),
    ("started", "Startet", "Started"),
    ("end", "Ventes ferdig", "Expected end"),
    ("ended", "Ferdig", "Ended"),
    (
        "end_unknown",
        "Ukjent – vi varsler når tjenesten virker igjen",
        "Unknown – we will tell you when service is back",
    ),
    ("duration", "Varighet", "Duration"),
    ("systems", "Berørte tjenester", "Affected services"),
    (
        "municipalities",
        "Berørte kommuner",
        "Affected municipalities",
    ),
    ("all_municipalities", "Alle kommuner", "All municipalities"),
    (
        "routine",
        "Slik gjør du (nødrutine)",
        "What to do (manual routine)",
    ),
    (
        "routine_link",
        "Les hele nødrutinen",
        "Read the full manual routine",
    ),
    ("phones", "Koordinatortelefoner", "Coordinator telephones"),
    ("phone", "Telefon", "Telephone"),
    ("municipality", "Kommune", "Municipality"),
    ("note", "Merknad", "Note"),
    ("description", "Om nedetiden", "About the outage"),
    ("updates", "Oppdateringer", "Updates"),
    (
        "pass_on",
        "Videreformidle denne informasjonen til aktuelle medarbeidere i din enhet.",
        "Pass this information on to the relevant staff in your unit.",
    ),
    ("read_more", "Les mer", "Read more"),
    (
        "expired",
        "Dette varselet er utløpt. Se forsiden for gjeldende varsler.",
        "This notice has expired. See the front page for current notices.",
    ),
    (
        "directory_intro",
        "Ring kommunens koordinatortelefon når elektroniske meldinger ikke kan sendes eller mottas.",
        "Call the municipality's coordinator telephone when electronic messages cannot be sent or received.",
    ),
    ("feeds", "Abonner", "Subscribe"),
    ("feed_atom", "Nyhetsstrøm (Atom)", "News feed (Atom)"),
    ("feed_ics", "Kalender (iCalendar)", "Calendar (iCalendar)"),
    ("feed_json", "Data (JSON)", "Data (JSON)"),
    ("generated", "Oppdatert", "Updated"),
    (
        "banner_title",
        "Nedetid i meldingsutvekslingen",
        "Outages in message exchange",
    ),
    (
        "banner_empty",
        "Ingen kjente driftsstans nå.",
        "No known outages right now.",
    ),
    ("pages", "Sider", "Pages"),
];

