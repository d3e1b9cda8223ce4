//! Asks for each field of a new outage on a terminal (dialoguer), checking
//! every answer as it is typed: times are read in the site zone with the
//! same parser as `check`, and a refused answer shows why and asks again.
//! The questions are in the language of messages (`--lang`).

use chrono::DateTime;
use chrono_tz::Tz;
use dialoguer::theme::ColorfulTheme;
use dialoguer::{Confirm, Input, MultiSelect, Select};

use crate::catalogue::new as msg;
use crate::config::Config;
use crate::localtime;
use crate::outage::{Kind, MAX_TITLE};

use super::{Draft, Municipalities};

/// Asks for every field; an error means the terminal failed or the
/// coordinator pressed Esc/Ctrl-C.
pub fn ask(config: &Config) -> std::io::Result<Draft> {
    let theme = ColorfulTheme::default();
    let tz = config.timezone;
    let kind = match Select::with_theme(&theme)
        .with_prompt(msg::ask_kind())
        .items([msg::ask_planned(), msg::ask_acute()])
        .default(0)
        .interact()
        .map_err(io)?
    {
        0 => Kind::Planned,
        _ => Kind::Acute,
    };
    let title: String = Input::with_theme(&theme)
        .with_prompt(msg::ask_title())
        .validate_with(|s: &String| title_problem(s))
        .interact_text()
        .map_err(io)?;
    let start: String = Input::with_theme(&theme)
        .with_prompt(msg::ask_start())
        .validate_with(|s: &String| parse(s, tz).map(|_| ()))
        .interact_text()
        .map_err(io)?;
    let start_time = parse(&start, tz).ok();
    let end: String = Input::with_theme(&theme)
        .with_prompt(if kind == Kind::Planned {
            msg::ask_end_planned()
        } else {
            msg::ask_end_acute()
        })
        .allow_empty(kind == Kind::Acute)
        .validate_with(|s: &String| {
            if s.trim().is_empty() && kind == Kind::Acute {
                return Ok(());
            }
            let end = parse(s, tz)?;
            match start_time {
                Some(start) if end <= start => Err(msg::ask_end_before_start()),
                _ => Ok(()),
            }
        })
        .interact_text()
        .map_err(io)?;
    let systems = pick(
        &theme,
        &msg::ask_systems(),
        &msg::ask_pick_one(),
        config
            .systems
            .iter()
            .map(|s| (s.id.clone(), s.name.clone()))
            .collect(),
        true,
    )?;
    let all = Confirm::with_theme(&theme)
        .with_prompt(msg::ask_all())
        .default(true)
        .interact()
        .map_err(io)?;
    let municipalities = if all {
        Municipalities::All
    } else {
        Municipalities::Some(pick(
            &theme,
            &msg::ask_municipalities(),
            &msg::ask_pick_one(),
            config
                .municipalities
                .iter()
                .map(|m| (m.id.clone(), m.name.clone()))
                .collect(),
            false,
        )?)
    };
    let description: String = Input::with_theme(&theme)
        .with_prompt(msg::ask_description())
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

fn title_problem(s: &str) -> Result<(), String> {
    let count = s.trim().chars().count();
    if count == 0 {
        Err(msg::ask_empty_title())
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
