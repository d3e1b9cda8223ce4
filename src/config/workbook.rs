//! The hospital's contact workbook (attachment V02, `.xlsx` or `.xlsm`)
//! read into directory rows: find the sheet, find the header row by the
//! configured column names, and read one municipality per named row.
//!
//! Pure: it takes the file's bytes and returns rows and problems, each
//! problem at a cell; [`super::directory`] turns them into diagnostics and
//! merges the rows with `varsel.yaml`. Whatever the bytes, it never panics
//! (a test feeds it random bytes and broken zips).

use std::fmt;
use std::io::Cursor;

use std::collections::BTreeMap;

use calamine::{Data, Dimensions, Reader as _, SheetType, SheetVisible, Xlsx};

use super::{is_id, telephone};
use crate::catalogue::workbook as msg;
use crate::reader::did_you_mean;

/// How many rows from the top the header row may be in (title rows above
/// the table are common).
pub const HEADER_ROWS: u32 = 20;

/// The header texts of the columns to read (`municipalities_from.columns`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    /// The municipality's name.
    pub name: String,
    /// The coordinator telephone.
    pub coordinator_phone: String,
    /// An explicit id; without it the id is derived from the name.
    pub id: Option<String>,
    /// A note shown next to the number.
    pub note: Option<String>,
}

impl Default for Columns {
    fn default() -> Self {
        Columns {
            name: "Kommune".into(),
            coordinator_phone: "Koordinatortelefon".into(),
            id: None,
            note: None,
        }
    }
}

/// A cell of the sheet, 0-based; shown the way Excel names it (`C14`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Cell {
    /// Row, 0-based.
    pub row: u32,
    /// Column, 0-based.
    pub col: u32,
}

impl fmt::Display for Cell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut letters = Vec::new();
        let mut n = self.col + 1;
        while n > 0 {
            let rem = (n - 1) % 26;
            letters.push(char::from(b'A' + rem as u8));
            n = (n - 1) / 26;
        }
        let letters: String = letters.iter().rev().collect();
        write!(f, "{letters}{}", self.row + 1)
    }
}

/// What a row's telephone cell holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phone {
    /// Nothing.
    Missing,
    /// Something that is not a telephone number, as shown.
    Invalid(String),
    /// A number, written the one way (see [`telephone`]).
    Number(String),
}

/// One municipality of the workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The id: the id column's, or derived from the name.
    pub id: String,
    /// The name, as written.
    pub name: String,
    /// The name's cell (the top-left cell of a merged name).
    pub name_cell: Cell,
    /// The telephone.
    pub phone: Phone,
    /// The telephone's cell.
    pub phone_cell: Cell,
    /// The note, if the note column has one.
    pub note: Option<String>,
}

/// A problem at a place in the workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The cell, if the problem is at one.
    pub cell: Option<Cell>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
    /// True when the problem is with one row only: that row is left out
    /// and the others are read (false: the workbook as a whole).
    pub row_only: bool,
}

/// What a workbook holds: the sheet read, its rows, and its problems.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// The sheet's name (empty when no sheet could be read).
    pub sheet: String,
    /// The municipalities, in sheet order.
    pub rows: Vec<Row>,
    /// What was wrong; rows with a problem are left out.
    pub problems: Vec<Problem>,
}

/// Reads the workbook in `bytes`: the sheet named `sheet`, or the first
/// visible one.
pub fn read(bytes: &[u8], sheet: Option<&str>, columns: &Columns) -> Table {
    let read = std::panic::catch_unwind(|| read_unguarded(bytes, sheet, columns));
    read.unwrap_or_else(|_| Table::failed(None, msg::reader_stopped(), msg::not_a_workbook_hint()))
}

impl Table {
    fn failed(cell: Option<Cell>, message: String, hint: String) -> Table {
        Table {
            problems: vec![Problem {
                cell,
                message,
                hint,
                row_only: false,
            }],
            ..Table::default()
        }
    }

    fn problem(&mut self, cell: Cell, message: String, hint: String) {
        self.problems.push(Problem {
            cell: Some(cell),
            message,
            hint,
            row_only: false,
        });
    }

    /// A problem with one row, which is left out.
    fn row_problem(&mut self, cell: Cell, message: String, hint: String) {
        self.problems.push(Problem {
            cell: Some(cell),
            message,
            hint,
            row_only: true,
        });
    }
}

fn read_unguarded(bytes: &[u8], wanted: Option<&str>, columns: &Columns) -> Table {
    let mut book = match Xlsx::new(Cursor::new(bytes)) {
        Ok(book) => book,
        Err(e) => return Table::failed(None, msg::not_a_workbook(e), msg::not_a_workbook_hint()),
    };
    let sheets = book.sheets_metadata().to_vec();
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    let sheet = match wanted {
        Some(wanted) => match sheets.iter().find(|s| s.name == wanted) {
            Some(s) => s.name.clone(),
            None => {
                let hint = match did_you_mean(wanted, &names) {
                    Some(near) => msg::sheet_did_you_mean(near),
                    None => msg::no_sheet_hint(),
                };
                return Table::failed(None, msg::no_sheet(wanted, names.join(", ")), hint);
            }
        },
        None => match sheets
            .iter()
            .find(|s| s.visible == SheetVisible::Visible && s.typ == SheetType::WorkSheet)
        {
            Some(s) => s.name.clone(),
            None => return Table::failed(None, msg::no_visible_sheet(), msg::no_sheet_hint()),
        },
    };
    let cells = match read_cells(&mut book, &sheet) {
        Ok(cells) => cells,
        Err(message) => return Table::failed(None, message, msg::not_a_workbook_hint()),
    };
    let merged = match book.worksheet_merge_cells(&sheet) {
        Some(Ok(regions)) if regions.len() > MAX_MERGED => {
            return Table::failed(None, msg::too_large(&sheet), msg::too_large_hint());
        }
        Some(Ok(regions)) => regions,
        Some(Err(e)) => {
            return Table::failed(
                None,
                msg::sheet_unreadable(&sheet, e),
                msg::not_a_workbook_hint(),
            );
        }
        None => Vec::new(),
    };
    let grid = Grid::new(cells, merged);
    let mut table = Table {
        sheet,
        ..Table::default()
    };
    read_rows(&grid, columns, &mut table);
    table
}

/// At most this many cells and merged regions are read: V02 has a few
/// hundred. (A sheet is read cell by cell, never as one dense block, so a
/// single cell far down and right cannot make it allocate gigabytes.)
const MAX_CELLS: usize = 50_000;
const MAX_MERGED: usize = 1_000;

/// The sheet's non-empty cells, by (row, column).
fn read_cells(
    book: &mut Xlsx<Cursor<&[u8]>>,
    sheet: &str,
) -> Result<BTreeMap<(u32, u32), Data>, String> {
    let unreadable = |e: calamine::XlsxError| msg::sheet_unreadable(sheet, e);
    let mut reader = book.worksheet_cells_reader(sheet).map_err(unreadable)?;
    let mut cells = BTreeMap::new();
    while let Some(cell) = reader.next_cell().map_err(unreadable)? {
        let value = Data::from(cell.get_value().clone());
        if value != Data::Empty {
            if cells.len() >= MAX_CELLS {
                return Err(msg::too_large(sheet));
            }
            cells.insert(cell.get_position(), value);
        }
    }
    Ok(cells)
}

/// A sheet's cells, with merged regions: every cell of a merged region
/// reads as its top-left cell.
struct Grid {
    cells: BTreeMap<(u32, u32), Data>,
    merged: Vec<Dimensions>,
}

impl Grid {
    fn new(cells: BTreeMap<(u32, u32), Data>, merged: Vec<Dimensions>) -> Grid {
        Grid { cells, merged }
    }

    /// The cell whose value `cell` shows: itself, or the top-left cell of
    /// the merged region it is in.
    fn origin(&self, cell: Cell) -> Cell {
        self.merged
            .iter()
            .find(|d| d.contains(cell.row, cell.col))
            .map_or(cell, |d| Cell {
                row: d.start.0,
                col: d.start.1,
            })
    }

    fn value(&self, cell: Cell) -> &Data {
        let at = self.origin(cell);
        self.cells.get(&(at.row, at.col)).unwrap_or(&Data::Empty)
    }

    /// The text of the cell, trimmed; `None` when it is empty.
    fn text(&self, cell: Cell) -> Option<String> {
        let text = match self.value(cell) {
            Data::Empty => return None,
            Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
            Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
            Data::Float(f) => f.to_string(),
            Data::Int(i) => i.to_string(),
            Data::Bool(b) => b.to_string(),
            Data::DateTime(d) => d.as_f64().to_string(),
            Data::Error(e) => format!("#{e:?}"),
        };
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        (!text.is_empty()).then_some(text)
    }

    /// The rows below `row` that hold a cell, in order.
    fn rows_below(&self, row: u32) -> Vec<u32> {
        let mut rows: Vec<u32> = self
            .cells
            .range((row.saturating_add(1), 0)..)
            .map(|(k, _)| k.0)
            .collect();
        rows.dedup();
        rows
    }

    /// The texts of the cells in `row`, by column.
    fn row_texts(&self, row: u32) -> Vec<(u32, String)> {
        let end = (row.saturating_add(1), 0);
        let cols: Vec<u32> = if row == u32::MAX {
            self.cells.range((row, 0)..).map(|(k, _)| k.1).collect()
        } else {
            self.cells.range((row, 0)..end).map(|(k, _)| k.1).collect()
        };
        cols.into_iter()
            .filter_map(|col| Some((col, self.text(Cell { row, col })?)))
            .collect()
    }
}

/// The header text the way it is compared: lowercase, spaces collapsed.
fn header_key(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Where each configured column is: (name, phone, id, note).
struct Header {
    row: u32,
    name: u32,
    phone: u32,
    id: Option<u32>,
    note: Option<u32>,
}

fn find_header(grid: &Grid, columns: &Columns, table: &mut Table) -> Option<Header> {
    let wanted: Vec<(&str, &str)> = [
        Some(("name", columns.name.as_str())),
        Some(("coordinator_phone", columns.coordinator_phone.as_str())),
        columns.id.as_deref().map(|c| ("id", c)),
        columns.note.as_deref().map(|c| ("note", c)),
    ]
    .into_iter()
    .flatten()
    .collect();
    // The row with the most of the configured names wins; the first of
    // equals.
    let mut best: Option<(u32, usize)> = None;
    for row in 0..HEADER_ROWS {
        let found = wanted
            .iter()
            .filter(|(_, text)| find_in_row(grid, row, text).is_some())
            .count();
        if found > 0 && best.is_none_or(|(_, most)| found > most) {
            best = Some((row, found));
        }
    }
    let Some((row, _)) = best else {
        table.problems.push(Problem {
            cell: None,
            message: msg::no_header(&columns.name, &columns.coordinator_phone, HEADER_ROWS),
            hint: msg::no_header_hint(),
            row_only: false,
        });
        return None;
    };
    let at = |key: &str, text: &str, table: &mut Table| -> Option<u32> {
        let found = find_in_row(grid, row, text);
        if found.is_none() {
            let cells = grid.row_texts(row);
            let present: Vec<String> = cells.iter().map(|(_, t)| t.clone()).collect();
            let refs: Vec<&str> = present.iter().map(String::as_str).collect();
            let hint = match did_you_mean(text, &refs) {
                Some(near) => msg::column_renamed_hint(key, near),
                None => msg::missing_column_hint(key),
            };
            let first = cells.first().map_or(0, |(col, _)| *col);
            table.problem(
                Cell { row, col: first },
                msg::missing_column(text, key, row + 1, present.join(", ")),
                hint,
            );
        }
        found
    };
    let name = at("name", &columns.name, table);
    let phone = at("coordinator_phone", &columns.coordinator_phone, table);
    let id = columns.id.as_deref().map(|c| at("id", c, table));
    let note = columns.note.as_deref().map(|c| at("note", c, table));
    Some(Header {
        row,
        name: name?,
        phone: phone?,
        id: id.map_or(Some(None), |c| c.map(Some))?,
        note: note.map_or(Some(None), |c| c.map(Some))?,
    })
}

fn find_in_row(grid: &Grid, row: u32, text: &str) -> Option<u32> {
    let key = header_key(text);
    grid.row_texts(row)
        .into_iter()
        .find(|(_, t)| header_key(t) == key)
        .map(|(col, _)| col)
}

fn read_rows(grid: &Grid, columns: &Columns, table: &mut Table) {
    let Some(header) = find_header(grid, columns, table) else {
        return;
    };
    for row in grid.rows_below(header.row) {
        let name_cell = grid.origin(Cell {
            row,
            col: header.name,
        });
        if let Data::Error(e) = grid.value(name_cell) {
            table.row_problem(
                name_cell,
                msg::cell_error(format!("#{e:?}")),
                msg::cell_error_hint(),
            );
            continue;
        }
        let Some(name) = grid.text(name_cell) else {
            continue;
        };
        let phone_cell = Cell {
            row,
            col: header.phone,
        };
        let phone = phone_of(grid.value(phone_cell));
        let phone_cell = grid.origin(phone_cell);
        let note = header.note.and_then(|col| grid.text(Cell { row, col }));
        // A name merged over several rows is one municipality: its later
        // rows add what the first lacked.
        if name_cell.row < row {
            if let Some(entry) = table.rows.iter_mut().find(|r| r.name_cell == name_cell) {
                if entry.phone == Phone::Missing {
                    entry.phone = phone;
                    entry.phone_cell = phone_cell;
                }
                if let Some(note) = note {
                    entry.note = Some(match entry.note.take() {
                        Some(before) if before != note => format!("{before}; {note}"),
                        _ => note,
                    });
                }
            }
            continue;
        }
        let Some(id) = id_of(grid, &header, row, &name, name_cell, table) else {
            continue;
        };
        if let Some(first) = table.rows.iter().find(|r| r.id == id) {
            let first = first.name_cell;
            table.row_problem(name_cell, msg::id_twice(&id, first), msg::id_twice_hint());
            continue;
        }
        table.rows.push(Row {
            id,
            name,
            name_cell,
            phone,
            phone_cell,
            note,
        });
    }
    if table.rows.is_empty() && table.problems.is_empty() {
        table.problem(
            Cell {
                row: header.row,
                col: header.name,
            },
            msg::no_rows(),
            msg::no_rows_hint(),
        );
    }
}

/// The row's id: the id column's, else derived from the name; `None`
/// (with a problem) when neither is a valid id.
fn id_of(
    grid: &Grid,
    header: &Header,
    row: u32,
    name: &str,
    name_cell: Cell,
    table: &mut Table,
) -> Option<String> {
    if let Some(col) = header.id {
        let cell = grid.origin(Cell { row, col });
        if let Some(id) = grid.text(cell) {
            if is_id(&id) {
                return Some(id);
            }
            table.row_problem(cell, msg::bad_id(&id), msg::bad_id_hint());
            return None;
        }
    }
    let id = derive_id(name);
    if is_id(&id) {
        Some(id)
    } else {
        table.row_problem(name_cell, msg::no_id(name), msg::no_id_hint());
        None
    }
}

fn phone_of(value: &Data) -> Phone {
    match value {
        Data::Empty => Phone::Missing,
        Data::String(s) if s.trim().is_empty() => Phone::Missing,
        Data::String(s) => {
            telephone::from_text(s).map_or_else(|| Phone::Invalid(s.clone()), Phone::Number)
        }
        Data::Float(f) => {
            telephone::from_number(*f).map_or_else(|| Phone::Invalid(f.to_string()), Phone::Number)
        }
        Data::Int(i) => telephone::from_number(*i as f64)
            .map_or_else(|| Phone::Invalid(i.to_string()), Phone::Number),
        Data::Error(e) => Phone::Invalid(format!("#{e:?}")),
        other => Phone::Invalid(other.to_string()),
    }
}

/// The id SPEC §2 derives from a name: lowercase, `æ`→`ae`, `ø`→`o`,
/// `å`→`a`, and every other run of characters outside `a-z0-9` one `-`
/// (none at either end). "Indre Østfold" → `indre-ostfold`.
pub fn derive_id(name: &str) -> String {
    let mut id = String::new();
    let mut dash = false;
    for c in name.to_lowercase().chars() {
        let mut buf = [0u8; 4];
        let part: &str = match c {
            'æ' => "ae",
            'ø' => "o",
            'å' => "a",
            c if c.is_ascii_lowercase() || c.is_ascii_digit() => c.encode_utf8(&mut buf),
            _ => {
                dash = true;
                continue;
            }
        };
        if dash && !id.is_empty() {
            id.push('-');
        }
        dash = false;
        id.push_str(part);
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_derived_as_the_spec_says() {
        for (name, id) in [
            ("Indre Østfold", "indre-ostfold"),
            ("Våler", "valer"),
            ("Rælingen", "raelingen"),
            ("  Sør-Odal ", "sor-odal"),
            ("Aremark (vertskommune)", "aremark-vertskommune"),
            ("ÆØÅ", "aeoa"),
            ("Moss 2", "moss-2"),
            ("—", ""),
        ] {
            assert_eq!(derive_id(name), id, "{name}");
        }
    }

    #[test]
    fn cells_are_named_as_excel_names_them() {
        let name = |row, col| Cell { row, col }.to_string();
        assert_eq!(name(0, 0), "A1");
        assert_eq!(name(13, 2), "C14");
        assert_eq!(name(0, 25), "Z1");
        assert_eq!(name(0, 26), "AA1");
        assert_eq!(name(9, 701), "ZZ10");
        assert_eq!(name(0, 702), "AAA1");
    }

    /// A sheet with the header `header` in row 1 and `rows` below it.
    fn sheet(header: &[&str], rows: &[[&str; 3]]) -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (col, text) in (0u16..).zip(header) {
            sheet.write_string(0, col, *text).unwrap();
        }
        for (row, texts) in (1u32..).zip(rows) {
            for (col, text) in (0u16..).zip(texts) {
                sheet.write_string(row, col, *text).unwrap();
            }
        }
        book.save_to_buffer().unwrap()
    }

    #[test]
    fn a_bad_row_is_left_out_and_the_others_are_read() {
        let columns = Columns {
            id: Some("Id".into()),
            ..Columns::default()
        };
        let bytes = sheet(
            &["Kommune", "Koordinatortelefon", "Id"],
            &[
                ["Halden", "69000001", "halden"],
                ["Moss", "69000004", "Moss!"],
                ["Våler", "69000007", "halden"],
                ["Råde", "69000006", "rade"],
            ],
        );
        let table = read(&bytes, None, &columns);
        let ids: Vec<&str> = table.rows.iter().map(|r| r.id.as_str()).collect();
        // A bad id and a second `halden` (the first is kept).
        assert_eq!(ids, ["halden", "rade"]);
        let cells: Vec<(String, bool)> = table
            .problems
            .iter()
            .map(|p| (p.cell.unwrap().to_string(), p.row_only))
            .collect();
        assert_eq!(cells, [("C3".to_string(), true), ("A4".to_string(), true)]);
        // A configured column that is not there is the whole workbook's.
        let table = read(
            &bytes,
            None,
            &Columns {
                id: Some("Nr".into()),
                ..Columns::default()
            },
        );
        assert!(table.rows.is_empty() && table.problems.iter().all(|p| !p.row_only));
    }

    #[test]
    fn anything_that_is_not_a_workbook_is_a_problem_not_a_panic() {
        let columns = Columns::default();
        for bytes in [&b""[..], b"PK\x03\x04", b"title: x\n", &[0xff; 64]] {
            let table = read(bytes, None, &columns);
            assert!(table.rows.is_empty());
            assert_eq!(table.problems.len(), 1, "{:?}", table.problems);
        }
    }
}
