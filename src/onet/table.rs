//! Reading one of O*NET's tab-separated text files: a header row naming the columns, then one
//! record per line. Columns are looked up by header name, so the optional columns of recent
//! releases (Title, Element Name, Scale Name) and any column a later release adds are passed over.
//!
//! Speed: rows are split with plain `split('\t')` into one reused buffer of `&str` slices that
//! borrow from the file's text, so reading a row allocates nothing.

use super::error::OnetError;
use super::Progress;

/// Rows between two progress reports; reporting per row would cost more than the parsing.
const PROGRESS_EVERY_ROWS: usize = 4096;

/// A column the reader needs, found in the header: its position and its name.
#[derive(Clone, Copy, Debug)]
pub(super) struct Column {
    index: usize,
    name: &'static str,
}

/// A file's text with its header parsed.
pub(super) struct Table<'text> {
    file: &'static str,
    header: Vec<&'text str>,
    body: &'text str,
}

impl<'text> Table<'text> {
    pub(super) fn parse(file: &'static str, text: &'text str) -> Result<Table<'text>, OnetError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let (header_line, body) = text.split_once('\n').unwrap_or((text, ""));
        let header_line = header_line.strip_suffix('\r').unwrap_or(header_line);
        if header_line.trim().is_empty() {
            return Err(OnetError::EmptyFile {
                file: file.to_owned(),
            });
        }
        let header = header_line.split('\t').map(str::trim).collect();
        Ok(Table { file, header, body })
    }

    /// A column the file must have.
    pub(super) fn column(&self, name: &'static str) -> Result<Column, OnetError> {
        self.optional_column(name)
            .ok_or_else(|| OnetError::MissingColumn {
                file: self.file.to_owned(),
                column: name.to_owned(),
            })
    }

    /// A column that older or newer releases may lack. Header names are compared without regard
    /// to ASCII case, as releases have varied in capitalisation.
    pub(super) fn optional_column(&self, name: &'static str) -> Option<Column> {
        self.header
            .iter()
            .position(|heading| heading.eq_ignore_ascii_case(name))
            .map(|index| Column { index, name })
    }

    /// Calls `visit` with every non-blank row, in file order, and reports progress in bytes.
    pub(super) fn for_each_row(
        &self,
        progress: &dyn Progress,
        mut visit: impl FnMut(&Row<'_, 'text>) -> Result<(), OnetError>,
    ) -> Result<(), OnetError> {
        let mut fields: Vec<&'text str> = Vec::with_capacity(self.header.len() + 1);
        let mut unreported_bytes = 0_u64;
        for (position, line) in self.body.split('\n').enumerate() {
            unreported_bytes += line.len() as u64 + 1;
            if position % PROGRESS_EVERY_ROWS == PROGRESS_EVERY_ROWS - 1 {
                progress.advance(unreported_bytes);
                unreported_bytes = 0;
            }
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.trim().is_empty() {
                continue;
            }
            fields.clear();
            fields.extend(line.split('\t'));
            let row = Row {
                table: self,
                fields: &fields,
                // The header is line 1 and `position` counts body lines from 0.
                line: position + 2,
            };
            row.check_shape()?;
            visit(&row)?;
        }
        progress.advance(unreported_bytes);
        Ok(())
    }
}

/// One record of a table, valid for one call of the visitor.
pub(super) struct Row<'row, 'text> {
    table: &'row Table<'text>,
    fields: &'row [&'text str],
    line: usize,
}

impl<'text> Row<'_, 'text> {
    /// The cell, trimmed. The shape check guarantees that every header column has a cell.
    pub(super) fn text(&self, column: Column) -> &'text str {
        self.fields.get(column.index).map_or("", |cell| cell.trim())
    }

    /// The cell of an optional column, or `None` when the file has no such column.
    pub(super) fn optional_text(&self, column: Option<Column>) -> Option<&'text str> {
        column.map(|column| self.text(column))
    }

    /// The cell as a finite number.
    pub(super) fn number(&self, column: Column) -> Result<f64, OnetError> {
        let cell = self.text(column);
        match cell.parse::<f64>() {
            Ok(value) if value.is_finite() => Ok(value),
            _ => Err(self.malformed(column, format!("expected a number, got \"{cell}\""))),
        }
    }

    /// The cell as a number within `minimum..=maximum`.
    pub(super) fn number_within(
        &self,
        column: Column,
        minimum: f64,
        maximum: f64,
    ) -> Result<f64, OnetError> {
        let value = self.number(column)?;
        if (minimum..=maximum).contains(&value) {
            Ok(value)
        } else {
            Err(self.malformed(
                column,
                format!("expected a number from {minimum} to {maximum}, got {value}"),
            ))
        }
    }

    /// The cell as a whole number within `1..=maximum`, for category columns.
    pub(super) fn category(&self, column: Column, maximum: usize) -> Result<usize, OnetError> {
        let cell = self.text(column);
        match cell.parse::<usize>() {
            Ok(value) if (1..=maximum).contains(&value) => Ok(value),
            _ => Err(self.malformed(
                column,
                format!("expected a category from 1 to {maximum}, got \"{cell}\""),
            )),
        }
    }

    /// A Y/N flag of an optional column. An absent column, an empty cell and `n/a` read as no.
    pub(super) fn flag(&self, column: Option<Column>) -> Result<bool, OnetError> {
        let Some(column) = column else {
            return Ok(false);
        };
        match self.text(column) {
            "Y" | "y" => Ok(true),
            "N" | "n" | "" | "n/a" | "N/A" => Ok(false),
            other => Err(self.malformed(column, format!("expected Y or N, got \"{other}\""))),
        }
    }

    /// An error about one cell of this row.
    pub(super) fn malformed(&self, column: Column, message: String) -> OnetError {
        OnetError::Malformed {
            file: self.table.file.to_owned(),
            line: self.line,
            column: column.index + 1,
            column_name: column.name.to_owned(),
            message,
        }
    }

    /// A row must have one cell per header column. Trailing empty cells beyond the header are
    /// tolerated, since some spreadsheet exports add them.
    fn check_shape(&self) -> Result<(), OnetError> {
        let expected = self.table.header.len();
        let found = self.fields.len();
        let extra_cells_are_empty = self.fields[expected.min(found)..]
            .iter()
            .all(|cell| cell.trim().is_empty());
        if found >= expected && extra_cells_are_empty {
            return Ok(());
        }
        let column = found.min(expected);
        Err(OnetError::Malformed {
            file: self.table.file.to_owned(),
            line: self.line,
            column: column + 1,
            column_name: self
                .table
                .header
                .get(column)
                .map_or_else(|| "beyond the header".to_owned(), |name| (*name).to_owned()),
            message: format!("expected {expected} tab-separated cells, found {found}"),
        })
    }
}
