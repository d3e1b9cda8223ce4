//! What `varsel serve` says on the terminal.

super::messages! {
    rebuilt(ms) {
        nb: "bygd på nytt på {ms} ms",
        en: "rebuilt in {ms} ms",
    }
    rebuilt_with_problems(ms, problems) {
        nb: "bygd på nytt på {ms} ms, {problems} problem(er) vises i nettleseren",
        en: "rebuilt in {ms} ms, {problems} problem(s) shown in the browser",
    }
    cannot_listen(bind, port, error) {
        nb: "kan ikke lytte på {bind}:{port}: {error}",
        en: "cannot listen on {bind}:{port}: {error}",
    }
    port_in_use_hint(port) {
        nb: "en annen prosess (kanskje en annen `varsel serve`) bruker port {port}; stopp den, eller velg en annen port med `--port 1112` (`--port 0` velger en ledig)",
        en: "another process (perhaps another `varsel serve`) uses port {port}; stop it, or pick another port with `--port 1112` (`--port 0` picks a free one)",
    }
    cannot_watch(path, error) {
        nb: "kan ikke følge med på {path}: {error}",
        en: "cannot watch {path}: {error}",
    }
    watch_error(error) {
        nb: "feil fra filovervåkingen: {error}",
        en: "watch error: {error}",
    }
    listening(address) {
        nb: "http://{address}/  (koordinatoroversikt: http://{address}/_varsel/)",
        en: "http://{address}/  (coordinator dashboard: http://{address}/_varsel/)",
    }
    watching(list) {
        nb: "følger med på {list} — Ctrl-C stopper",
        en: "watching {list} — Ctrl-C stops",
    }
}
