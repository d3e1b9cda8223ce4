//! Asks for each field of a new outage on a terminal (dialoguer), checking
//! every answer as it is typed: times are read in the site zone with the
//! same parser as `check`, and a refused answer shows why and asks again.
//! The questions are in the language of messages (`--lang`).
//!
//! A refused answer's `✘` line is cleared once an answer is accepted:
//! dialoguer clears as many lines as its messages hold line breaks, so
//! every message is broken into lines that fit the terminal ([`fit`]); a
//! message the terminal wrapped by itself would leave its first rows
//! behind.

use chrono::DateTime;
use chrono_tz::Tz;
use dialoguer::console::Term;
use dialoguer::theme::ColorfulTheme;
use dialoguer::{Input, MultiSelect, Select};

use crate::catalogue::new as msg;
use crate::config::Config;
use crate::localtime;
use crate::outage::{Kind, MAX_TITLE};

use super::{Draft, Municipalities, end_on_start_date};

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
        .validate_with(|s: &String| title_problem(s).map_err(|e| fit(&e)))
        .interact_text()
        .map_err(io)?;
    let start: String = Input::with_theme(&theme)
        .with_prompt(msg::ask_start())
        .validate_with(|s: &String| parse(s, tz).map(|_| ()).map_err(|e| fit(&e)))
        .interact_text()
        .map_err(io)?;
    let start_time = parse(&start, tz).ok();
    // The end is usually on the start's date: that date is written for the
    // coordinator, and a bare time (`22:00`) means that time on it.
    let start_date = start_time.map(|t| t.format("%Y-%m-%d ").to_string());
    let mut end_input = Input::with_theme(&theme)
        .with_prompt(if kind == Kind::Planned {
            msg::ask_end_planned()
        } else {
            msg::ask_end_acute()
        })
        .allow_empty(kind == Kind::Acute);
    if let (Some(date), Kind::Planned) = (&start_date, kind) {
        end_input = end_input.with_initial_text(date.clone());
    }
    let end: String = end_input
        .validate_with(|s: &String| {
            if s.trim().is_empty() && kind == Kind::Acute {
                return Ok(());
            }
            let end = parse(&end_on_start_date(s, &start, tz), tz).map_err(|e| fit(&e))?;
            match start_time {
                Some(start) if end <= start => Err(fit(&msg::ask_end_before_start())),
                _ => Ok(()),
            }
        })
        .interact_text()
        .map_err(io)?;
    let end = end_on_start_date(&end, &start, tz);
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
    let all = yes_no(&theme, &msg::ask_all(), true)?;
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

/// A yes/no question answered in words or letters, in either language:
/// `j`, `ja`, `y`, `yes` or `n`, `nei`, `no` (any case); Enter takes
/// `default`.
fn yes_no(theme: &ColorfulTheme, prompt: &str, default: bool) -> std::io::Result<bool> {
    let answer: String = Input::with_theme(theme)
        .with_prompt(format!("{prompt} {}", msg::ask_yes_no_choices()))
        .allow_empty(true)
        .validate_with(|s: &String| {
            if s.trim().is_empty() || yes_or_no(s).is_some() {
                Ok(())
            } else {
                Err(fit(&msg::ask_yes_no()))
            }
        })
        .interact_text()
        .map_err(io)?;
    Ok(yes_or_no(&answer).unwrap_or(default))
}

/// `Some(true)` for yes, `Some(false)` for no, in bokmål or English.
fn yes_or_no(answer: &str) -> Option<bool> {
    match answer.trim().to_lowercase().as_str() {
        "j" | "ja" | "y" | "yes" => Some(true),
        "n" | "nei" | "no" => Some(false),
        _ => None,
    }
}

/// `text` broken into lines (at spaces) that fit the terminal after the
/// theme's `✘ ` prefix, so dialoguer counts, and clears, every row.
fn fit(text: &str) -> String {
    let width = usize::from(Term::stderr().size().1)
        .saturating_sub(3)
        .max(20);
    wrap(text, width)
}

/// `text` broken at spaces into lines of at most `width` characters (a
/// longer word stands on its own line).
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in text.split(' ') {
        let len = word.chars().count();
        if line > 0 && line + 1 + len > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += len;
    }
    out
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
        Err(msg::ask_title_too_long(count, MAX_TITLE))
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
    // After an empty choice the question itself says to pick one: a line
    // of its own would stay on the screen above the accepted answer.
    let mut asked = prompt.to_string();
    loop {
        let chosen = MultiSelect::with_theme(theme)
            .with_prompt(&asked)
            .items(&labels)
            .defaults(&defaults)
            .interact()
            .map_err(io)?;
        if !chosen.is_empty() {
            return Ok(chosen.into_iter().map(|i| items[i].0.clone()).collect());
        }
        asked = format!("{prompt} {pick_one}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yes_and_no_in_both_languages() {
        for yes in ["j", "J", "ja", "Ja ", "y", "yes"] {
            assert_eq!(yes_or_no(yes), Some(true), "{yes}");
        }
        for no in ["n", "nei", "NEI", "no"] {
            assert_eq!(yes_or_no(no), Some(false), "{no}");
        }
        assert_eq!(yes_or_no("kanskje"), None);
    }

    #[test]
    fn messages_are_broken_to_fit_the_terminal() {
        let text = "`3.12.2026 18:00` er ikke en dato og et klokkeslett (skriv ÅÅÅÅ-MM-DD TT:MM)";
        let wrapped = wrap(text, 30);
        assert!(
            wrapped.lines().all(|l| l.chars().count() <= 30),
            "{wrapped}"
        );
        assert_eq!(wrapped.replace('\n', " "), text);
        assert_eq!(wrap("kort", 30), "kort");
    }
}
