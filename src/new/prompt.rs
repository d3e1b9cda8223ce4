//! Asks for each field of a new outage on a terminal (dialoguer), checking
//! every answer as it is typed: times are read in the site zone with the
//! same parser as `check`, and a refused answer shows why and asks again.

use chrono::DateTime;
use chrono_tz::Tz;
use dialoguer::theme::ColorfulTheme;
use dialoguer::{Confirm, Input, MultiSelect, Select};

use crate::config::{Config, Language};
use crate::localtime;
use crate::outage::{Kind, MAX_TITLE};

use super::{Draft, Municipalities};

/// Prompt texts in the site language.
struct Texts {
    kind: &'static str,
    planned: &'static str,
    acute: &'static str,
    title: &'static str,
    start: &'static str,
    end_planned: &'static str,
    end_acute: &'static str,
    systems: &'static str,
    all: &'static str,
    municipalities: &'static str,
    description: &'static str,
    pick_one: &'static str,
    empty_title: &'static str,
    end_before_start: &'static str,
}

const NB: Texts = Texts {
    kind: "Hva slags nedetid?",
    planned: "planlagt (varsles dagen før og samme morgen)",
    acute: "akutt (varsles straks)",
    title: "Tittel (én linje, brukes som e-postemne)",
    start: "Start (ÅÅÅÅ-MM-DD TT:MM)",
    end_planned: "Antatt slutt (ÅÅÅÅ-MM-DD TT:MM)",
    end_acute: "Antatt slutt (ÅÅÅÅ-MM-DD TT:MM, tomt hvis ukjent)",
    systems: "Hvilke tjenester er nede? (mellomrom velger, Enter bekrefter)",
    all: "Gjelder det alle kommunene?",
    municipalities: "Hvilke kommuner? (mellomrom velger, Enter bekrefter)",
    description: "Beskrivelse (valgfri, kan utvides i filen etterpå)",
    pick_one: "Velg minst én (mellomrom velger).",
    empty_title: "Tittelen kan ikke være tom",
    end_before_start: "Slutt må være etter start",
};

const EN: Texts = Texts {
    kind: "What kind of outage?",
    planned: "planned (notified the day before and the same morning)",
    acute: "acute (notified at once)",
    title: "Title (one line, used as the email subject)",
    start: "Start (YYYY-MM-DD HH:MM)",
    end_planned: "Estimated end (YYYY-MM-DD HH:MM)",
    end_acute: "Estimated end (YYYY-MM-DD HH:MM, empty if unknown)",
    systems: "Which systems are down? (space selects, Enter confirms)",
    all: "Does it affect every municipality?",
    municipalities: "Which municipalities? (space selects, Enter confirms)",
    description: "Description (optional, can be extended in the file later)",
    pick_one: "Pick at least one (space selects).",
    empty_title: "The title cannot be empty",
    end_before_start: "The end must be after the start",
};

/// Asks for every field; an error means the terminal failed or the
/// coordinator pressed Esc/Ctrl-C.
pub fn ask(config: &Config) -> std::io::Result<Draft> {
    let t = match config.language {
        Language::Nb => &NB,
        Language::En => &EN,
    };
    let theme = ColorfulTheme::default();
    let tz = config.timezone;
    let kind = match Select::with_theme(&theme)
        .with_prompt(t.kind)
        .items([t.planned, t.acute])
        .default(0)
        .interact()
        .map_err(io)?
    {
        0 => Kind::Planned,
        _ => Kind::Acute,
    };
    let title: String = Input::with_theme(&theme)
        .with_prompt(t.title)
        .validate_with(|s: &String| title_problem(s, t))
        .interact_text()
        .map_err(io)?;
    let start: String = Input::with_theme(&theme)
        .with_prompt(t.start)
        .validate_with(|s: &String| parse(s, tz).map(|_| ()))
        .interact_text()
        .map_err(io)?;
    let start_time = parse(&start, tz).ok();
    let end: String = Input::with_theme(&theme)
        .with_prompt(if kind == Kind::Planned {
            t.end_planned
        } else {
            t.end_acute
        })
        .allow_empty(kind == Kind::Acute)
        .validate_with(|s: &String| {
            if s.trim().is_empty() && kind == Kind::Acute {
                return Ok(());
            }
            let end = parse(s, tz)?;
            match start_time {
                Some(start) if end <= start => Err(t.end_before_start.to_string()),
                _ => Ok(()),
            }
        })
        .interact_text()
        .map_err(io)?;
    let systems = pick(
        &theme,
        t.systems,
        t.pick_one,
        config
            .systems
            .iter()
            .map(|s| (s.id.clone(), s.name.clone()))
            .collect(),
        true,
    )?;
    let all = Confirm::with_theme(&theme)
        .with_prompt(t.all)
        .default(true)
        .interact()
        .map_err(io)?;
    let municipalities = if all {
        Municipalities::All
    } else {
        Municipalities::Some(pick(
            &theme,
            t.municipalities,
            t.pick_one,
            config
                .municipalities
                .iter()
                .map(|m| (m.id.clone(), m.name.clone()))
                .collect(),
            false,
        )?)
    };
    let description: String = Input::with_theme(&theme)
        .with_prompt(t.description)
        .allow_empty(true)
        .interact_text()
        .map_err(io)?;
    Ok(Draft {
        kind,
        title: title.trim().to_string(),
        start: start.trim().to_string(),
        end: Some(end.trim().to_string()).filter(|e| !e.is_empty()),
        systems,
        municipalities,
        routine: None,
        description,
    })
}

fn io(e: dialoguer::Error) -> std::io::Error {
    match e {
        dialoguer::Error::IO(e) => e,
    }
}

fn title_problem(s: &str, t: &Texts) -> Result<(), String> {
    let count = s.trim().chars().count();
    if count == 0 {
        Err(t.empty_title.into())
    } else if count > MAX_TITLE {
        Err(format!("{count} > {MAX_TITLE}"))
    } else {
        Ok(())
    }
}

/// Reads a time as `check` does; the error is its message and hint.
fn parse(text: &str, tz: Tz) -> Result<DateTime<Tz>, String> {
    localtime::parse(text, tz).map_err(|e| format!("{} ({})", e.message(text.trim(), tz), e.hint()))
}

/// A multi-select of `(id, name)` items, asked again until one is picked.
fn pick(
    theme: &ColorfulTheme,
    prompt: &str,
    pick_one: &str,
    items: Vec<(String, String)>,
    first_checked: bool,
) -> std::io::Result<Vec<String>> {
    let labels: Vec<String> = items
        .iter()
        .map(|(id, name)| format!("{name} ({id})"))
        .collect();
    let defaults: Vec<bool> = (0..items.len()).map(|i| first_checked && i == 0).collect();
    loop {
        let chosen = MultiSelect::with_theme(theme)
            .with_prompt(prompt)
            .items(&labels)
            .defaults(&defaults)
            .interact()
            .map_err(io)?;
        if !chosen.is_empty() {
            return Ok(chosen.into_iter().map(|i| items[i].0.clone()).collect());
        }
        eprintln!("{pick_one}");
    }
}
