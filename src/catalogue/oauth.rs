//! OAuth 2.0 for SMTP (`auth=xoauth2`): the settings, the token endpoint's
//! answers with hints for Microsoft's common `AADSTS` codes, and the mail
//! server's refusals of a token or of a password. Variable names, Entra ID
//! and Exchange names and PowerShell commands are the same in both
//! languages (administrators search for them).

super::messages! {
    both_endpoints(tenant_var, url_var) {
        nb: "sett {tenant_var} eller {url_var}, ikke begge",
        en: "set {tenant_var} or {url_var}, not both",
    }
    needs_endpoint(tenant_var, url_var) {
        nb: "auth=xoauth2 trenger tokenendepunktet: sett {tenant_var} (Directory (tenant) ID, eller leietakerens domene som sykehuset.onmicrosoft.com) eller {url_var}",
        en: "auth=xoauth2 needs the token endpoint: set {tenant_var} (the Directory (tenant) ID, or the tenant's domain such as sykehuset.onmicrosoft.com) or {url_var}",
    }
    needs_client_id(var) {
        nb: "auth=xoauth2 trenger {var}: applikasjonens Application (client) ID fra app-registreringen i Entra ID",
        en: "auth=xoauth2 needs {var}: the application's Application (client) ID from its app registration in Entra ID",
    }
    needs_credential(secret_var, cert_var, key_var) {
        nb: "auth=xoauth2 trenger applikasjonens legitimasjon: sett {secret_var} (verdien til en klienthemmelighet) eller {cert_var} og {key_var} (et sertifikat lastet opp til app-registreringen, og dets private nøkkel, PEM)",
        en: "auth=xoauth2 needs the application's credential: set {secret_var} (a client secret's Value) or {cert_var} and {key_var} (a certificate uploaded to the app registration, and its private key, PEM)",
    }
    two_credentials(secret_var, cert_var) {
        nb: "sett {secret_var} eller {cert_var}, ikke begge: varsel kan ikke vite hvilken applikasjonen venter",
        en: "set {secret_var} or {cert_var}, not both: varsel cannot know which one the application expects",
    }
    half_certificate(have, missing) {
        nb: "{have} er satt, men ikke {missing}: sertifikatlegitimasjon trenger både sertifikatet og den private nøkkelen (PEM-filer)",
        en: "{have} is set but {missing} is not: a certificate credential needs both the certificate and its private key (PEM files)",
    }
    bad_tenant(var, value) {
        nb: "{var}={value} er ikke en leietaker: skriv Directory (tenant) ID (en GUID) eller leietakerens domene, f.eks. sykehuset.onmicrosoft.com",
        en: "{var}={value} is not a tenant: write the Directory (tenant) ID (a GUID) or the tenant's domain, e.g. sykehuset.onmicrosoft.com",
    }
    bad_endpoint(var, value, error) {
        nb: "{var}={value} kan ikke brukes som tokenendepunkt ({error}); skriv det som https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token",
        en: "{var}={value} cannot be used as the token endpoint ({error}); write it as https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token",
    }
    insecure_endpoint(var, value) {
        nb: "{var}={value}: tokenendepunktet må være https:// (klienthemmeligheten og tokenet går over det); http:// er bare lov på denne maskinen (127.0.0.1, ::1, localhost)",
        en: "{var}={value}: the token endpoint must be https:// (the client secret and the token travel over it); plain http:// is allowed only on this machine (127.0.0.1, ::1, localhost)",
    }
    file_unreadable(var, path, error) {
        nb: "{var}: kan ikke lese {path}: {error}",
        en: "{var}: cannot read {path}: {error}",
    }
    not_a_certificate(var, path) {
        nb: "{var}: {path} inneholder ikke noe PEM-sertifikat (-----BEGIN CERTIFICATE-----)",
        en: "{var}: {path} holds no PEM certificate (-----BEGIN CERTIFICATE-----)",
    }
    not_a_key(var, path) {
        nb: "{var}: {path} inneholder ingen PEM-nøkkel (-----BEGIN PRIVATE KEY----- eller -----BEGIN RSA PRIVATE KEY-----); en kryptert nøkkel må dekrypteres først, f.eks. openssl pkey -in key.pem -out plain.pem",
        en: "{var}: {path} holds no PEM private key (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----); an encrypted key must be decrypted first, e.g. openssl pkey -in key.pem -out plain.pem",
    }
    key_not_rsa(var, path) {
        nb: "{var}: {path} er ikke en RSA-nøkkel; sertifikatlegitimasjon signeres med RS256 og trenger RSA",
        en: "{var}: {path} is not an RSA key; certificate credentials are signed RS256 and need RSA",
    }
    key_unusable(var, path, error) {
        nb: "{var}: {path} kan ikke brukes som RSA-signeringsnøkkel ({error})",
        en: "{var}: {path} cannot be used as an RSA signing key ({error})",
    }
    key_not_of_certificate(key_var, key, cert_var, cert) {
        nb: "{key_var} ({key}) er ikke den private nøkkelen til sertifikatet i {cert_var} ({cert}): bruk nøkkelen som ble laget sammen med sertifikatet",
        en: "{key_var} ({key}) is not the private key of the certificate in {cert_var} ({cert}): give the key that was made with that certificate",
    }
    cannot_sign() {
        nb: "klientpåstanden kunne ikke signeres (systemets kilde til tilfeldige tall sviktet)",
        en: "the client assertion could not be signed (the system's source of random numbers failed)",
    }
    described(url, client) {
        nb: "OAuth-token fra {url}, klient {client}",
        en: "OAuth token from {url}, client {client}",
    }
    endpoint_connection_refused(url) {
        nb: "får ikke kontakt med tokenendepunktet {url}: forbindelsen ble avvist (er adressen riktig?)",
        en: "cannot reach the token endpoint {url}: connection refused (is the address right?)",
    }
    endpoint_no_answer(url, seconds) {
        nb: "tokenendepunktet {url} svarte ikke innen {seconds} s (en brannmur? bak en mellomtjener: sett HTTPS_PROXY)",
        en: "the token endpoint {url} did not answer within {seconds} s (a firewall? behind a proxy: set HTTPS_PROXY)",
    }
    endpoint_host_unknown(url) {
        nb: "finner ikke vertsnavnet til tokenendepunktet {url} (er det riktig? når maskinen navnetjeneren?)",
        en: "cannot find the host of the token endpoint {url} (is it right? does this machine reach its name server?)",
    }
    endpoint_untrusted(url, detail, var) {
        nb: "TLS-sertifikatet til tokenendepunktet {url} er ikke klarert ({detail}): hvis en intern CA (eller en mellomtjener som inspiserer TLS) har signert det, sett {var}=/sti/til/ca.pem",
        en: "the TLS certificate of the token endpoint {url} is not trusted ({detail}): if an internal CA (or a proxy that inspects TLS) signed it, set {var}=/path/to/ca.pem",
    }
    endpoint_tls(url, detail) {
        nb: "TLS mot tokenendepunktet {url} mislyktes ({detail})",
        en: "TLS with the token endpoint {url} failed ({detail})",
    }
    endpoint_unreachable(url, error) {
        nb: "kan ikke spørre tokenendepunktet {url}: {error}",
        en: "cannot ask the token endpoint {url}: {error}",
    }
    endpoint_strange(url, status, var) {
        nb: "tokenendepunktet {url} svarte HTTP {status} uten token og uten OAuth-feil: er {var} tokenendepunktet (…/oauth2/v2.0/token)?",
        en: "the token endpoint {url} answered HTTP {status} with neither a token nor an OAuth error: is {var} the token endpoint (…/oauth2/v2.0/token)?",
    }
    endpoint_refused(url, status, said) {
        nb: "tokenendepunktet {url} ga ikke noe token (HTTP {status}, {said}).",
        en: "the token endpoint {url} refused to issue a token (HTTP {status}, {said}).",
    }
    hint_invalid_secret(var) {
        nb: "Hva nå: {var} er ikke en gjeldende hemmelighet for applikasjonen. Kopier hemmelighetens Value, ikke Secret ID (Entra ID → App registrations → appen → Certificates & secrets); Value vises bare én gang, så lag en ny hemmelighet hvis den er borte.",
        en: "What now: {var} is not a current secret of the application. Copy the secret's Value, not its Secret ID (Entra ID → App registrations → the app → Certificates & secrets); the Value is shown only once, so make a new secret if it is lost.",
    }
    hint_expired_secret(var) {
        nb: "Hva nå: klienthemmeligheten er utløpt. Lag en ny (Certificates & secrets → New client secret) og legg verdien (Value) i {var} (CI-hemmeligheten, eller varsel.env).",
        en: "What now: the client secret has expired. Make a new one (Certificates & secrets → New client secret) and put its Value in {var} (the CI secret, or varsel.env).",
    }
    hint_unknown_app(client_var, tenant_var) {
        nb: "Hva nå: leietakeren har ingen applikasjon med denne ID-en. Sjekk {client_var} (Application (client) ID på appens Overview-side) og {tenant_var}.",
        en: "What now: the tenant has no application with this ID. Check {client_var} (the Application (client) ID on the app's Overview page) and {tenant_var}.",
    }
    hint_unknown_tenant(var) {
        nb: "Hva nå: leietakeren finnes ikke. Sjekk {var} (Directory (tenant) ID på appens Overview-side).",
        en: "What now: no such tenant. Check {var} (the Directory (tenant) ID on the app's Overview page).",
    }
    hint_consent() {
        nb: "Hva nå: applikasjonen mangler administratorsamtykke. I Entra ID → App registrations → appen → API permissions: legg til Office 365 Exchange Online → Application permissions → SMTP.SendAsApp og trykk «Grant admin consent» (se README, Microsoft 365).",
        en: "What now: the application lacks admin consent. In Entra ID → App registrations → the app → API permissions: add Office 365 Exchange Online → Application permissions → SMTP.SendAsApp and press “Grant admin consent” (see README, Microsoft 365).",
    }
    hint_service_principal() {
        nb: "Hva nå: applikasjonen har ingen tjenestekontohaver (enterprise application) i leietakeren. En administrator gir samtykke (API permissions → Grant admin consent), som lager den (se README, Microsoft 365).",
        en: "What now: the application has no service principal (enterprise application) in the tenant. An administrator grants consent (API permissions → Grant admin consent), which creates it (see README, Microsoft 365).",
    }
    hint_bad_certificate(var) {
        nb: "Hva nå: sertifikatet i {var} er ikke lastet opp til applikasjonen (Certificates & secrets → Certificates → Upload certificate), eller det er utløpt der.",
        en: "What now: the certificate in {var} is not one uploaded to the application (Certificates & secrets → Certificates → Upload certificate), or it has expired there.",
    }
    hint_clock() {
        nb: "Hva nå: tiden i klientpåstanden er feil: sjekk klokken på denne maskinen (NTP).",
        en: "What now: the client assertion's time is off: check this machine's clock (NTP).",
    }
    hint_scope(var, default) {
        nb: "Hva nå: sjekk {var}; med client credentials må det være en ressurs' /.default, for Exchange Online {default} (standard når {var} ikke er satt).",
        en: "What now: check {var}; with client credentials it must be a resource's /.default, for Exchange Online {default} (the default when {var} is unset).",
    }
    hint_invalid_client(client_var, credential_var) {
        nb: "Hva nå: tokenendepunktet godtok ikke applikasjonens identitet: sjekk {client_var} og {credential_var}.",
        en: "What now: the token endpoint did not accept the application's identity: check {client_var} and {credential_var}.",
    }
    hint_unauthorized_client() {
        nb: "Hva nå: applikasjonen får ikke bruke client credentials-flyten her; sjekk app-registreringen.",
        en: "What now: the application may not use the client-credentials grant here; check its app registration.",
    }
    hint_generic(client_var, credential_var) {
        nb: "Hva nå: sjekk {client_var} og {credential_var}, og feilkoden over hos utstederen av tokenet.",
        en: "What now: check {client_var} and {credential_var}, and look the error code above up with the token's issuer.",
    }
    bad_auth(value) {
        nb: "auth={value} er ikke en innloggingsmetode varsel kjenner: den eneste er auth=xoauth2 (OAuth 2.0, f.eks. Microsoft 365); utelat auth= for passord eller ingen innlogging",
        en: "auth={value} is not a login method varsel knows: the only one is auth=xoauth2 (OAuth 2.0, e.g. Microsoft 365); leave auth= out for a password or no login",
    }
    url_password() {
        nb: "auth=xoauth2 logger inn med et token, ikke et passord: ta bort passordet og behold postkassen som bruker, f.eks. smtp://varsel%40sykehuset.example.org@smtp.office365.com:587?tls=required&auth=xoauth2",
        en: "auth=xoauth2 logs in with a token, not a password: remove the password and keep the mailbox as the user, e.g. smtp://varsel%40sykehuset.example.org@smtp.office365.com:587?tls=required&auth=xoauth2",
    }
    url_no_user() {
        nb: "auth=xoauth2 trenger postkassen varsel sender fra som bruker (@ skrevet %40), f.eks. smtp://varsel%40sykehuset.example.org@smtp.office365.com:587?tls=required&auth=xoauth2",
        en: "auth=xoauth2 needs the mailbox varsel sends as as the user (@ written %40), e.g. smtp://varsel%40sykehuset.example.org@smtp.office365.com:587?tls=required&auth=xoauth2",
    }
    token_refused(server, reply, mailbox) {
        nb: "{server} avviste XOAUTH2-innloggingen som {mailbox} med et nytt token ({reply}): applikasjonen får ikke sende fra denne postkassen. I Exchange Online trenger den tillatelsen SMTP.SendAsApp med administratorsamtykke, en tjenestekontohaver registrert med New-ServicePrincipal (med enterprise-applikasjonens object id) og Add-MailboxPermission -Identity {mailbox} -User <tjenestekontohaveren> -AccessRights FullAccess; se README, Microsoft 365.",
        en: "{server} refused the XOAUTH2 login as {mailbox} with a new token ({reply}): the application may not send as this mailbox. In Exchange Online it needs the SMTP.SendAsApp permission with admin consent, a service principal registered with New-ServicePrincipal (with the enterprise application's object id) and Add-MailboxPermission -Identity {mailbox} -User <the service principal> -AccessRights FullAccess; see README, Microsoft 365.",
    }
    smtp_auth_disabled(server, reply, mailbox) {
        nb: "{server} avviste innloggingen ({reply}): SMTP AUTH er slått av for leietakeren eller for postkassen {mailbox}. En Exchange-administrator slår det på for postkassen: Set-CASMailbox -Identity {mailbox} -SmtpClientAuthenticationDisabled $false (se README, Microsoft 365).",
        en: "{server} refused the login ({reply}): SMTP AUTH is switched off for the tenant or for the mailbox {mailbox}. An Exchange administrator switches it on for the mailbox: Set-CASMailbox -Identity {mailbox} -SmtpClientAuthenticationDisabled $false (see README, Microsoft 365).",
    }
    no_xoauth2(server, var) {
        nb: "{server} tilbyr ikke XOAUTH2-innlogging på denne forbindelsen: de fleste servere tilbyr innlogging først etter STARTTLS (tls=required i {var}); er dette serveren som tar imot tokenet (Microsoft 365: smtp.office365.com:587)?",
        en: "{server} does not offer the XOAUTH2 login on this connection: most servers offer logins only after STARTTLS (tls=required in {var}); is this the server that takes the token (Microsoft 365: smtp.office365.com:587)?",
    }
    oauth_unused(client_var, url_var) {
        nb: "{client_var} er satt, men {url_var} har ikke auth=xoauth2: OAuth-innstillingene brukes ikke (legg til &auth=xoauth2 for å logge inn med token)",
        en: "{client_var} is set, but {url_var} has no auth=xoauth2: the OAuth settings are not used (add &auth=xoauth2 to log in with a token)",
    }
    basic_auth_refused(server, reply, var) {
        nb: "{server} tar ikke lenger imot passord ({reply}): denne serveren vil ha OAuth. Bruk auth=xoauth2 i {var} med OAuth-innstillingene: se README, Microsoft 365 (Exchange Online).",
        en: "{server} no longer accepts a password ({reply}): this server wants OAuth. Use auth=xoauth2 in {var} with the OAuth settings: see README, Microsoft 365 (Exchange Online).",
    }
}
