//! `send --watch`: the journal lines of the long-running sender (each line
//! starts with its time, which is not part of the message).

super::messages! {
    cannot_handle_signals(error) {
        nb: "kan ikke ta imot signaler: {error}",
        en: "cannot handle signals: {error}",
    }
    cannot_watch(root, error, seconds) {
        nb: "kan ikke følge med på endringer i {root}: {error}; leser den i stedet hvert {seconds}. sekund",
        en: "cannot watch {root}: {error}; reading it every {seconds} s instead",
    }
    watching(root, ledger, delivery) {
        nb: "følger med på {root} (logg over sendte varsler {ledger}, sender via {delivery}); SIGTERM eller SIGINT stopper etter overleveringen som pågår, SIGHUP leser nettstedet på nytt",
        en: "watching {root} (ledger {ledger}, sending via {delivery}); SIGTERM or SIGINT stops after the hand-over in progress, SIGHUP re-reads the site",
    }
    a_signal() {
        nb: "et signal",
        en: "a signal",
    }
    stopped(by, ledger) {
        nb: "stoppet av {by}; hver overlevering er registrert i {ledger}",
        en: "stopped by {by}; every hand-over is recorded in {ledger}",
    }
    nothing_sent_until_fixed() {
        nb: "ingenting sendes før det er rettet",
        en: "nothing is sent until it is fixed",
    }
    left_out_until_fixed() {
        nb: "utelatt til det er rettet",
        en: "left out until fixed",
    }
    still_due(count, seconds) {
        nb: "{count} varsel/varsler venter fortsatt på å bli sendt; prøver igjen om {seconds} s",
        en: "{count} notice(s) still due; trying again in {seconds} s",
    }
    next(what, at) {
        nb: "neste: {what} kl. {at}",
        en: "next: {what} at {at}",
    }
    next_notice(kind, id) {
        nb: "{kind} for {id}",
        en: "{kind} of {id}",
    }
    next_page_change() {
        nb: "en side endres",
        en: "a page changes",
    }
    rereading(signal) {
        nb: "{signal}: leser nettstedet på nytt",
        en: "{signal}: reading the site again",
    }
    files_changed() {
        nb: "filer i nettstedet er endret; leser dem på nytt",
        en: "site files changed; reading them again",
    }
    error_label(text) {
        nb: "feil: {text}",
        en: "error: {text}",
    }
    hint(hint) {
        nb: "; tips: {hint}",
        en: "; hint: {hint}",
    }
    valid_again() {
        nb: "alle filene er gyldige igjen",
        en: "every file is valid again",
    }
}
