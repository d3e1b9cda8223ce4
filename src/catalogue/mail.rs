//! Handing notices over (`send`): the SMTP URL, the mail server's answers
//! and failures with their hints, and the labels of the `--dry-run` print.
//! Technical tokens (`VARSEL_SMTP_URL`, `tls=`, URL forms) are the same in
//! both languages.

super::messages! {
    url_forms() {
        nb: "smtp://mail.example.org:25 (et enkelt relé uten innlogging), smtp://user:password@mail.example.org:587?tls=required (STARTTLS) eller smtps://user:password@mail.example.org:465 (TLS fra starten)",
        en: "smtp://mail.example.org:25 (a plain relay), smtp://user:password@mail.example.org:587?tls=required (STARTTLS) or smtps://user:password@mail.example.org:465 (TLS from the start)",
    }
    not_smtp_url(forms) {
        nb: "dette er ikke en SMTP-URL: den må begynne med smtp:// eller smtps://, f.eks. {forms}",
        en: "this is not an SMTP URL: it must start with smtp:// or smtps://, e.g. {forms}",
    }
    unreadable_url(error, forms) {
        nb: "kan ikke leses som en URL ({error}); skriv den som {forms}",
        en: "cannot be read as a URL ({error}); write it as {forms}",
    }
    unknown_scheme(scheme, forms) {
        nb: "varsel kjenner ikke skjemaet `{scheme}://`: bruk smtp:// eller smtps://, f.eks. {forms}",
        en: "the scheme `{scheme}://` is not one varsel knows: use smtp:// or smtps://, e.g. {forms}",
    }
    no_host(forms) {
        nb: "den mangler e-postserverens vertsnavn; skriv den som {forms}",
        en: "no mail server host in it; write it as {forms}",
    }
    unknown_parameter(name) {
        nb: "ukjent parameter `{name}`: de gyldige er tls= (tls=required eller tls=opportunistic) og auth=xoauth2 (OAuth 2.0, f.eks. Microsoft 365)",
        en: "unknown parameter `{name}`: the valid ones are tls= (tls=required or tls=opportunistic) and auth=xoauth2 (OAuth 2.0, e.g. Microsoft 365)",
    }
    smtps_with_tls() {
        nb: "smtps:// bruker alltid TLS fra starten; ta bort tls= (eller bruk smtp://...?tls=required for STARTTLS)",
        en: "smtps:// always uses TLS from the start; leave tls= out (or use smtp://...?tls=required for STARTTLS)",
    }
    bad_tls_mode(mode) {
        nb: "tls={mode} er ikke en TLS-modus: de gyldige er tls=required (STARTTLS, avvis uten) og tls=opportunistic (STARTTLS når serveren tilbyr det); eller bruk smtps:// for TLS fra starten, eller ta bort tls= for et enkelt relé",
        en: "tls={mode} is not a TLS mode: the valid ones are tls=required (STARTTLS, refuse without it) and tls=opportunistic (STARTTLS when offered); or use smtps:// for TLS from the start, or leave tls= out for a plain relay",
    }
    url_unusable(var, shown, error) {
        nb: "{var} ({shown}) kan ikke brukes: {error}",
        en: "{var} ({shown}) cannot be used: {error}",
    }
    ca_unreadable(var, path, error) {
        nb: "{var}: kan ikke lese {path}: {error}",
        en: "{var}: cannot read {path}: {error}",
    }
    ca_not_pem(var, path, error) {
        nb: "{var}: {path} er ikke et PEM-sertifikat: {error}",
        en: "{var}: {path} is not a PEM certificate: {error}",
    }
    via_outbox(dir) {
        nb: "utboks {dir}",
        en: "outbox {dir}",
    }
    via_dry_run() {
        nb: "prøvekjøring (ingenting sendes, ingenting føres i loggen)",
        en: "dry run (nothing sent, nothing recorded)",
    }
    accepted(reply) {
        nb: "godtatt: {reply}",
        en: "accepted: {reply}",
    }
    written_to(path) {
        nb: "skrevet til {path}",
        en: "written to {path}",
    }
    printed() {
        nb: "skrevet ut",
        en: "printed",
    }
    login_refused(server, reply, var) {
        nb: "{server} avviste innloggingen ({reply}): sjekk brukernavnet og passordet i {var} (tegn som @ : / i passordet må prosentkodes, @ som %40)",
        en: "{server} refused the login ({reply}): check the user name and password in {var} (characters such as @ : / in the password must be percent-encoded, @ as %40)",
    }
    login_required(server, reply, var) {
        nb: "{server} krever innlogging ({reply}): skriv user:password@ i {var}, f.eks. smtp://user:password@{server}?tls=required",
        en: "{server} requires a login ({reply}): put user:password@ in {var}, e.g. smtp://user:password@{server}?tls=required",
    }
    message_refused(server, reply) {
        nb: "{server} avviste meldingen: {reply}",
        en: "{server} refused the message: {reply}",
    }
    accepted_but_refused(reply, refusals) {
        nb: "godtatt for de andre ({reply}), men avvist for {refusals}",
        en: "accepted for the others ({reply}), but refused for {refusals}",
    }
    reply_lost(server, detail) {
        nb: "{server} fikk hele meldingen, men svarte ikke etter det siste punktumet ({detail}): ingen vet om den ble tatt imot; den regnes som sendt og sendes én gang til med samme Message-ID mens varselet gjelder",
        en: "{server} had the whole message but gave no reply after its final dot ({detail}): nobody knows whether it was taken; it counts as told and is sent once more, same Message-ID, while the notice is due",
    }
    reply_timed_out() {
        nb: "ikke noe svar innen tidsfristen",
        en: "no reply within the timeout",
    }
    connection_broke(error) {
        nb: "forbindelsen brøt: {error}",
        en: "the connection broke: {error}",
    }
    past_lease() {
        nb: "ikke sendt: kjøringens krav på varselet var nesten utløpt (10 minutter)",
        en: "not handed over: the run's claim was nearly out of its 10-minute lease",
    }
    certificate_untrusted(server, detail, var) {
        nb: "TLS-sertifikatet til {server} er ikke klarert ({detail}): hvis en intern CA har signert det, sett {var}=/sti/til/ca.pem (CA-ens sertifikat, PEM)",
        en: "the TLS certificate of {server} is not trusted ({detail}): if an internal CA signed it, set {var}=/path/to/ca.pem (the CA's certificate, PEM)",
    }
    tls_failed(server, detail, var) {
        nb: "TLS mot {server} mislyktes ({detail}); sjekk porten og tls= i {var}",
        en: "TLS with {server} failed ({detail}); check the port and tls= in {var}",
    }
    no_login_method(server, var) {
        nb: "{server} tilbyr ingen innloggingsmetode varsel kan bruke (PLAIN eller LOGIN) på denne forbindelsen; servere tilbyr dem som regel først etter STARTTLS: legg ?tls=required til {var}",
        en: "{server} offers no login method varsel can use (PLAIN or LOGIN) on this connection; servers usually offer them only after STARTTLS: add ?tls=required to {var}",
    }
    no_starttls(server, detail) {
        nb: "{server} tilbyr ikke STARTTLS, som tls=required krever ({detail}); bruk smtps:// hvis serveren snakker TLS fra starten, eller porten den tilbyr STARTTLS på (som regel 587)",
        en: "{server} does not offer STARTTLS, which tls=required demands ({detail}); use smtps:// if it speaks TLS from the start, or the port it offers STARTTLS on (usually 587)",
    }
    connection_refused(server) {
        nb: "får ikke kontakt med {server}: forbindelsen ble avvist (kjører e-postserveren, og er vertsnavn og port riktige?)",
        en: "cannot connect to {server}: connection refused (is the mail server running, and are the host and port right?)",
    }
    no_answer(server, seconds) {
        nb: "{server} svarte ikke innen {seconds} s (en brannmur, eller feil port?)",
        en: "{server} did not answer within {seconds} s (a firewall, or the wrong port?)",
    }
    host_not_found(server, error) {
        nb: "finner ikke e-postserveren {server} (er vertsnavnet riktig?): {error}",
        en: "cannot find the mail server {server} (is the host name right?): {error}",
    }
    cannot_talk(server, error) {
        nb: "kan ikke snakke med {server}: {error}",
        en: "cannot talk to {server}: {error}",
    }
    cannot_deliver(server, error) {
        nb: "kan ikke levere gjennom {server}: {error}",
        en: "cannot deliver through {server}: {error}",
    }
    preview_from(from) {
        nb: "Fra: {from}",
        en: "From: {from}",
    }
    preview_to(to) {
        nb: "Til: {to}",
        en: "To: {to}",
    }
    preview_cc(cc) {
        nb: "Kopi: {cc}",
        en: "Cc: {cc}",
    }
    preview_envelope(addresses) {
        nb: "Mottas av: {addresses}",
        en: "Received by: {addresses}",
    }
    preview_subject(subject) {
        nb: "Emne: {subject}",
        en: "Subject: {subject}",
    }
}
