//! `municipalities_from` (SPEC §2): the municipality directory read from
//! the hospital's contact workbook (V02) and merged with the entries under
//! `municipalities:` in `varsel.yaml`, which win. Everything that shows a
//! coordinator telephone reads the merged directory.

use std::path::Path;

use super::workbook::{self, Columns, Phone, Table};
use super::{Config, FILE, Municipality, Source};
use crate::catalogue::workbook as msg;
use crate::diagnostic::Diagnostic;
use crate::reader::Reader;
use crate::yaml::{Node, Pos};

/// Every key under `municipalities_from`.
pub const KEYS: &[&str] = &["workbook", "sheet", "columns"];
/// Every key under `municipalities_from.columns`.
pub const COLUMN_KEYS: &[&str] = &["name", "coordinator_phone", "id", "note"];

/// Where the directory's workbook is and how to read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkbookSetting {
    /// Path under the site root, `/`-separated (`kontakter/V02.xlsm`).
    pub workbook: String,
    /// Where `workbook:` was written in `varsel.yaml`.
    pub pos: Pos,
    /// The sheet; `None` for the first visible one.
    pub sheet: Option<String>,
    /// The header texts of the columns.
    pub columns: Columns,
}

/// Reads the `municipalities_from` setting.
pub(super) fn read_setting(r: &mut Reader, node: &Node) -> Option<WorkbookSetting> {
    let what = "`municipalities_from`";
    let f = r.fields(node, what, KEYS)?;
    let path_node = r.require(&f, "workbook", what, &msg::add_workbook())?;
    let workbook = r.text(path_node, "workbook")?;
    if !is_site_path(&workbook) {
        r.error(
            path_node.pos,
            msg::bad_path(&workbook),
            msg::bad_path_hint(),
        );
        return None;
    }
    let lower = workbook.to_lowercase();
    if !(lower.ends_with(".xlsx") || lower.ends_with(".xlsm")) {
        r.error(
            path_node.pos,
            msg::bad_extension(&workbook),
            msg::bad_extension_hint(),
        );
        return None;
    }
    let sheet = match f.get("sheet") {
        Some(n) => Some(r.text(n, "sheet")?),
        None => None,
    };
    let columns = match f.get("columns") {
        None => Columns::default(),
        Some(n) => read_columns(r, n)?,
    };
    Some(WorkbookSetting {
        workbook,
        pos: path_node.pos,
        sheet,
        columns,
    })
}

fn read_columns(r: &mut Reader, node: &Node) -> Option<Columns> {
    let what = "`municipalities_from.columns`";
    let f = r.fields(node, what, COLUMN_KEYS)?;
    let mut text = |key: &str, required: bool| -> Option<Option<String>> {
        match f.get(key) {
            Some(n) => r.text(n, key).map(Some),
            None if required => {
                r.require(&f, key, what, &msg::add_column(key));
                None
            }
            None => Some(None),
        }
    };
    let name = text("name", true);
    let phone = text("coordinator_phone", true);
    let id = text("id", false);
    let note = text("note", false);
    Some(Columns {
        name: name??,
        coordinator_phone: phone??,
        id: id?,
        note: note?,
    })
}

/// A relative path that stays inside the site folder.
fn is_site_path(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\\')
        && !path.contains(':')
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

/// A workbook row left out of the directory because of an error in it
/// (no telephone, or one that is not a number): an outage naming its id
/// is invalid and says where the row is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// The row's id.
    pub id: String,
    /// The workbook's path under the site root.
    pub file: String,
    /// The cell with the error, with its sheet: `Kommuner!B11`.
    pub cell: String,
}

/// What merging the contact workbook found.
#[derive(Debug, Default)]
pub struct Merged {
    /// Errors in the workbook (at its cells) and warnings where
    /// `varsel.yaml` overrides it.
    pub diagnostics: Vec<Diagnostic>,
    /// True when the workbook as a whole cannot be used (missing,
    /// unreadable, no sheet, no header row, a configured column missing,
    /// no municipality read): the configuration is unusable. False when
    /// only rows were bad: they are left out and the rest is used.
    pub fatal: bool,
}

/// Reads the workbook `config.municipalities_from` names (if any) under
/// `root` and merges its municipalities into `config.municipalities`;
/// rows with an error are left out (and listed in `config.left_out`
/// when their id is known).
pub fn merge_workbook(root: &Path, config: &mut Config) -> Merged {
    let Some(setting) = config.municipalities_from.clone() else {
        return Merged::default();
    };
    let file = setting.workbook.as_str();
    let bytes = match std::fs::read(root.join(file)) {
        Ok(bytes) => bytes,
        Err(e) => {
            let (message, hint) = if e.kind() == std::io::ErrorKind::NotFound {
                (msg::missing_file(file), msg::missing_file_hint())
            } else {
                (msg::cannot_read(file, e), msg::cannot_read_hint())
            };
            return Merged {
                diagnostics: vec![Diagnostic::error(FILE, setting.pos, message).with_hint(hint)],
                fatal: true,
            };
        }
    };
    let table = workbook::read(&bytes, setting.sheet.as_deref(), &setting.columns);
    let (municipalities, mut merged, left_out) = merge(file, &table, &config.municipalities);
    if municipalities.is_empty() {
        // Nothing to send to: the workbook is as good as unreadable.
        merged.fatal = true;
        if !merged.diagnostics.iter().any(Diagnostic::is_error) {
            merged.diagnostics.push(
                Diagnostic::error(FILE, setting.pos, msg::no_municipalities())
                    .with_hint(msg::no_rows_hint()),
            );
        }
    }
    config.municipalities = municipalities;
    config.left_out = left_out;
    merged
}

/// The merged directory: the workbook's rows in sheet order (a `varsel.yaml`
/// entry with the same id in its place), then the `varsel.yaml` entries
/// the workbook lacks. With the problems and the differences, and the rows
/// left out for an error.
fn merge(
    file: &str,
    table: &Table,
    written: &[Municipality],
) -> (Vec<Municipality>, Merged, Vec<LeftOut>) {
    let fatal = table.problems.iter().any(|p| !p.row_only);
    let mut diagnostics: Vec<Diagnostic> = table
        .problems
        .iter()
        .map(|p| {
            let d = Diagnostic::error(file, pos_of(p.cell), &p.message).with_hint(&p.hint);
            match (p.cell, table.sheet.is_empty()) {
                (Some(cell), false) => d.at_cell(format!("{}!{cell}", table.sheet)),
                (None, false) => d.at_cell(table.sheet.clone()),
                // The workbook as a whole.
                _ => d.at_cell(String::new()),
            }
        })
        .collect();
    let mut out = Vec::new();
    let mut left_out = Vec::new();
    for row in &table.rows {
        let phone_cell = format!("{}!{}", table.sheet, row.phone_cell);
        if let Some(own) = written.iter().find(|m| m.id == row.id) {
            if let Some(d) = difference(file, &phone_cell, own, row) {
                diagnostics.push(d);
            }
            out.push(own.clone());
            continue;
        }
        let problem = match &row.phone {
            Phone::Number(phone) => {
                out.push(Municipality {
                    id: row.id.clone(),
                    name: row.name.clone(),
                    coordinator_phone: Some(phone.clone()),
                    note: row.note.clone(),
                    source: Source::Workbook {
                        file: file.to_string(),
                        cell: phone_cell,
                    },
                });
                continue;
            }
            Phone::Missing => (msg::no_phone(&row.name), msg::no_phone_hint(&row.id)),
            Phone::Invalid(text) => (msg::bad_phone(&row.name, text), msg::bad_phone_hint()),
        };
        diagnostics.push(
            Diagnostic::error(file, pos_of(Some(row.phone_cell)), problem.0)
                .with_hint(problem.1)
                .at_cell(phone_cell.clone()),
        );
        left_out.push(LeftOut {
            id: row.id.clone(),
            file: file.to_string(),
            cell: phone_cell,
        });
    }
    for own in written {
        if !out.iter().any(|m| m.id == own.id) {
            out.push(own.clone());
        }
    }
    (out, Merged { diagnostics, fatal }, left_out)
}

/// The warning for a `varsel.yaml` entry that differs from the workbook's
/// row with its id, or `None` when they agree.
fn difference(
    file: &str,
    cell: &str,
    own: &Municipality,
    row: &workbook::Row,
) -> Option<Diagnostic> {
    let none = msg::nothing();
    let theirs_phone = match &row.phone {
        Phone::Number(p) | Phone::Invalid(p) => p.clone(),
        Phone::Missing => none.clone(),
    };
    let pairs = [
        (msg::what_name(), own.name.clone(), row.name.clone()),
        (
            msg::what_phone(),
            own.coordinator_phone
                .clone()
                .unwrap_or_else(|| none.clone()),
            theirs_phone,
        ),
        (
            msg::what_note(),
            own.note.clone().unwrap_or_else(|| none.clone()),
            row.note.clone().unwrap_or_else(|| none.clone()),
        ),
    ];
    let differences: Vec<String> = pairs
        .iter()
        .filter(|(_, here, there)| digits_or_text(here) != digits_or_text(there))
        .map(|(what, here, there)| msg::differs(what, here, there))
        .collect();
    if differences.is_empty() {
        return None;
    }
    let Source::Config { pos } = own.source else {
        return None;
    };
    Some(
        Diagnostic::warning(
            FILE,
            pos,
            msg::overrides(&own.id, file, cell, differences.join("; ")),
        )
        .with_hint(msg::overrides_hint()),
    )
}

/// What two values are compared by: a telephone by its digits (`+47 69 00
/// 00 00` and `+4769000000` agree), other text as written.
fn digits_or_text(text: &str) -> String {
    if super::is_phone(text) {
        text.chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect()
    } else {
        text.to_string()
    }
}

/// A cell as a diagnostic's line (row) and column.
fn pos_of(cell: Option<workbook::Cell>) -> Pos {
    cell.map_or(Pos { line: 1, column: 1 }, |c| Pos {
        line: c.row + 1,
        column: c.col + 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::workbook::{Cell, Row};

    fn row(id: &str, phone: Phone, at: u32) -> Row {
        Row {
            id: id.into(),
            name: id.to_uppercase(),
            name_cell: Cell { row: at, col: 0 },
            phone,
            phone_cell: Cell { row: at, col: 1 },
            note: None,
        }
    }

    fn own(id: &str, phone: &str) -> Municipality {
        Municipality {
            id: id.into(),
            name: id.to_uppercase(),
            coordinator_phone: Some(phone.into()),
            note: None,
            source: Source::Config {
                pos: Pos { line: 7, column: 3 },
            },
        }
    }

    #[test]
    fn varsel_yaml_wins_and_each_difference_is_noted() {
        let table = Table {
            sheet: "Kommuner".into(),
            rows: vec![
                row("halden", Phone::Number("69 00 00 01".into()), 4),
                row("moss", Phone::Number("69 00 00 04".into()), 5),
                row("rade", Phone::Missing, 6),
                row("valer", Phone::Missing, 7),
            ],
            problems: vec![],
        };
        let written = [
            own("halden", "+47 69 00 00 09"),
            own("moss", "69000004"),
            own("rade", "69 00 00 06"),
            own("aremark", "69 00 00 08"),
        ];
        let (merged, found, left_out) = merge("V02.xlsm", &table, &written);
        let diagnostics = found.diagnostics;
        assert!(!found.fatal, "a bad row is not the whole workbook");
        let left: Vec<(&str, &str)> = left_out
            .iter()
            .map(|l| (l.id.as_str(), l.cell.as_str()))
            .collect();
        assert_eq!(left, [("valer", "Kommuner!B8")]);
        let ids: Vec<&str> = merged.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["halden", "moss", "rade", "aremark"]);
        assert_eq!(
            merged[0].coordinator_phone.as_deref(),
            Some("+47 69 00 00 09")
        );
        // Halden differs (a warning in varsel.yaml); Moss agrees digit for
        // digit; Råde's missing number is given in varsel.yaml (noted too:
        // V02 lacks it); Våler has none anywhere (an error at its cell).
        let found: Vec<(bool, &str, Option<&str>)> = diagnostics
            .iter()
            .map(|d| (d.is_error(), d.file.as_str(), d.cell.as_deref()))
            .collect();
        assert_eq!(
            found,
            [
                (false, "varsel.yaml", None),
                (false, "varsel.yaml", None),
                (true, "V02.xlsm", Some("Kommuner!B8")),
            ]
        );
        assert!(diagnostics[1].message.contains("(none)"), "{diagnostics:?}");
        assert_eq!((diagnostics[2].line, diagnostics[2].column), (8, 2));
    }

    #[test]
    fn paths_stay_inside_the_site() {
        for ok in ["V02.xlsm", "kontakter/V02 kontakt.xlsx"] {
            assert!(is_site_path(ok), "{ok}");
        }
        for bad in [
            "",
            "/etc/V02.xlsm",
            "../V02.xlsm",
            "a//b.xlsm",
            "C:/V02.xlsm",
            "a\\b.xlsm",
        ] {
            assert!(!is_site_path(bad), "{bad}");
        }
    }
}
