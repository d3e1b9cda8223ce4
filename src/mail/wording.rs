//! What each follow-up email says relative to what staff were told, in
//! both languages: the sentences the closing note of issue 13 quotes.

use chrono::DateTime;
use chrono_tz::Europe::Oslo;
use chrono_tz::Tz;

use crate::config::{Config, Language};
use crate::localtime;
use crate::mail::compose::{Body, Input, body};
use crate::outage::Outage;
use crate::schedule::{Notice, NoticeKind, NoticeState, Picture, Reason, Window, fixtures};

const CONFIG: &str = "title: T\nbase_url: https://x.example.org/\nlanguage: LANG\ntimezone: Europe/Oslo\nmail: { from: \"a@example.org\", message_id_domain: example.org }\nrecipients: [{ name: A, address: a@example.org }]\nsystems: { plo: { name: PLO }, dialog: { name: Dialogmeldinger }, epi: { name: Epikriser } }\nmunicipalities: { moss: { name: Moss, coordinator_phone: \"+47 00 00 00 00\" } }\nroutines: { default: r }\n";

fn t(text: &str) -> DateTime<Tz> {
    localtime::parse(text, Oslo).unwrap()
}

fn window(start: &str, end: &str) -> Window {
    Window {
        start: t(start),
        end: Some(t(end)),
    }
}

/// (subject, intro line of the text part) of one notice about an outage
/// of `systems`.
fn render(
    lang: &str,
    kind: NoticeKind,
    window: Window,
    corrects: Option<Picture>,
    again: bool,
    ended: Option<&str>,
    systems: &[&str],
) -> (String, String) {
    let config = config(lang);
    let outage = Outage {
        kind: if matches!(kind, NoticeKind::Resolved | NoticeKind::Alert) {
            crate::outage::Kind::Acute
        } else {
            crate::outage::Kind::Planned
        },
        ended: ended.map(t),
        cancelled: kind == NoticeKind::Cancelled,
        systems: systems.iter().map(|s| s.to_string()).collect(),
        ..outage(window)
    };
    let notice = Notice {
        why: Reason::DueNow,
        previous: corrects.map(|c| c.window()),
        corrects,
        again,
        ..fixtures::notice(kind, t("2026-12-02 12:00"), NoticeState::Due, window)
    };
    let now = ended.map_or(t("2026-12-02 12:00"), t);
    let b = email(&config, &outage, &notice, now);
    let intro = b.text.lines().nth(2).unwrap_or_default().to_string();
    assert_eq!(
        config.language,
        if lang == "en" {
            Language::En
        } else {
            Language::Nb
        }
    );
    (b.subject, intro)
}

/// The test site's configuration in `lang`.
fn config(lang: &str) -> Config {
    let (config, d) = Config::read(&CONFIG.replace("LANG", lang));
    config.unwrap_or_else(|| panic!("{d:?}"))
}

/// A planned outage "Oppgradering" of PLO in Moss over `window`.
fn outage(window: Window) -> Outage {
    Outage {
        id: "x".into(),
        file: "outages/x.yaml".into(),
        title: "Oppgradering".into(),
        kind: crate::outage::Kind::Planned,
        start: window.start,
        end: window.end,
        ended: None,
        cancelled: false,
        systems: vec!["plo".into()],
        municipalities: vec!["moss".into()],
        all_municipalities: false,
        routine: "r".into(),
        notify: crate::outage::Notify::Auto,
        notify_reason: None,
        description: String::new(),
        updates: vec![],
    }
}

/// The email `notice` about `outage` says at `now`, from the default theme.
fn email(config: &Config, outage: &Outage, notice: &Notice, now: DateTime<Tz>) -> Body {
    let dir = tempfile::tempdir().unwrap();
    let tera = crate::theme::Theme::load(dir.path(), "default")
        .and_then(|theme| theme.tera(crate::theme::EMAIL))
        .unwrap();
    let input = Input {
        config,
        outage,
        notice,
        now,
        routine_page: None,
    };
    body(input, &tera).unwrap()
}

#[test]
fn follow_ups_say_what_changed_against_what_staff_were_told() {
    use NoticeKind::*;
    let w = window("2026-12-03 18:00", "2026-12-03 22:00");
    let w2 = window("2026-12-03 19:00", "2026-12-03 23:00");
    let cases = [
        (
            Changed,
            w2,
            Some(Picture::On(w)),
            false,
            None,
            [
                (
                    "Endret tidspunkt: Planlagt stans i PLO torsdag 3. desember kl. 19–23",
                    "Tidspunktet er endret: PLO ventes nå nede torsdag 3. desember kl. 19–23, om lag 4 timer (tidligere torsdag 3. desember kl. 18–22).",
                ),
                (
                    "Changed time: Planned outage of PLO Thursday 3 December 19:00–23:00",
                    "The time has changed: PLO is now expected down Thursday 3 December 19:00–23:00, about 4 hours (previously Thursday 3 December 18:00–22:00).",
                ),
            ],
        ),
        (
            Changed,
            w,
            Some(Picture::Off(w)),
            false,
            None,
            [
                (
                    "Likevel ikke avlyst: Planlagt stans i PLO torsdag 3. desember kl. 18–22",
                    "Avlysningen er trukket tilbake: Den planlagte stansen i PLO blir likevel torsdag 3. desember kl. 18–22, om lag 4 timer.",
                ),
                (
                    "Not cancelled after all: Planned outage of PLO Thursday 3 December 18:00–22:00",
                    "The cancellation is withdrawn: the planned outage of PLO takes place after all, Thursday 3 December 18:00–22:00, about 4 hours.",
                ),
            ],
        ),
        (
            Changed,
            w,
            Some(Picture::Over(w)),
            false,
            None,
            [
                (
                    "Likevel ikke over: Planlagt stans i PLO torsdag 3. desember kl. 18–22",
                    "Stansen er likevel ikke over: PLO er nede igjen og ventes tilbake torsdag 3. desember kl. 22:00.",
                ),
                (
                    "Not over after all: Planned outage of PLO Thursday 3 December 18:00–22:00",
                    "The outage is not over after all: PLO is down again and is expected back Thursday 3 December at 22:00.",
                ),
            ],
        ),
        (
            Cancelled,
            w,
            Some(Picture::On(w)),
            true,
            None,
            [
                (
                    "Avlyst igjen: Planlagt stans i PLO torsdag 3. desember kl. 18–22",
                    "Avlyst igjen: Den planlagte stansen i PLO torsdag 3. desember kl. 18–22 blir ikke noe av. Meldingene går som normalt.",
                ),
                (
                    "Cancelled again: Planned outage of PLO Thursday 3 December 18:00–22:00",
                    "Cancelled again: the planned outage of PLO Thursday 3 December 18:00–22:00 will not take place. Messages work as normal.",
                ),
            ],
        ),
        (
            CompletedEarly,
            w,
            Some(Picture::On(w)),
            true,
            Some("2026-12-03 20:00"),
            [
                (
                    "Over igjen: Planlagt stans i PLO torsdag 3. desember kl. 18–22",
                    "Over igjen: PLO virker igjen fra torsdag 3. desember kl. 20:00, før ventet slutt torsdag 3. desember kl. 22:00.",
                ),
                (
                    "Over again: Planned outage of PLO Thursday 3 December 18:00–22:00",
                    "Over again: PLO works again since Thursday 3 December at 20:00, before the expected end Thursday 3 December at 22:00.",
                ),
            ],
        ),
        (
            Resolved,
            w,
            Some(Picture::On(w)),
            true,
            Some("2026-12-03 20:00"),
            [
                (
                    "Over igjen: Brudd i PLO torsdag 3. desember kl. 18–22",
                    "Over igjen: PLO virker igjen fra torsdag 3. desember kl. 20:00.",
                ),
                (
                    "Over again: Outage of PLO Thursday 3 December 18:00–22:00",
                    "Over again: PLO works again since Thursday 3 December at 20:00.",
                ),
            ],
        ),
    ];
    for (kind, window, corrects, again, ended, want) in cases {
        for (lang, (subject, intro)) in ["nb", "en"].into_iter().zip(want) {
            let got = render(lang, kind, window, corrects, again, ended, &["plo"]);
            assert_eq!(
                got,
                (subject.to_string(), intro.to_string()),
                "{kind:?} {lang}"
            );
        }
    }
}

#[test]
fn system_names_are_common_nouns_mid_sentence() {
    let w = window("2026-12-03 18:00", "2026-12-03 22:00");
    let (single, _) = render(
        "nb",
        NoticeKind::Reminder,
        w,
        None,
        false,
        None,
        &["dialog"],
    );
    assert_eq!(
        single,
        "Påminnelse: Planlagt stans i dialogmeldinger torsdag 3. desember kl. 18–22"
    );
    let systems = ["plo", "dialog", "epi"];
    let (nb, _) = render("nb", NoticeKind::Announce, w, None, false, None, &systems);
    assert_eq!(
        nb,
        "Planlagt stans i PLO, dialogmeldinger og epikriser torsdag 3. desember kl. 18–22"
    );
    let (en, _) = render("en", NoticeKind::Announce, w, None, false, None, &systems);
    assert_eq!(
        en,
        "Planned outage of PLO, dialogmeldinger and epikriser Thursday 3 December 18:00–22:00"
    );
}

/// SPEC §3: an acute alert sent while the file's `ended` lies ahead gives
/// that time as the expected end, never as "service back".
#[test]
fn an_ended_still_ahead_is_the_expected_end_in_the_email() {
    let config = config("nb");
    let window = Window {
        start: t("2026-12-02 08:00"),
        end: None,
    };
    let outage = Outage {
        title: "Meldingstjeneren svarer ikke".into(),
        kind: crate::outage::Kind::Acute,
        ended: Some(t("2026-12-02 12:00")),
        ..outage(window)
    };
    let notice = Notice {
        stale_from: outage.ended,
        why: Reason::DueNow,
        ..fixtures::notice(NoticeKind::Alert, window.start, NoticeState::Due, window)
    };
    let b = email(&config, &outage, &notice, t("2026-12-02 08:05"));
    assert!(
        b.text
            .contains("Ventes tilbake onsdag 2. desember kl. 12:00"),
        "{}",
        b.text
    );
    assert!(!b.text.contains("Virker igjen"), "{}", b.text);
    assert!(!b.html.contains("Virker igjen"), "{}", b.html);
}
