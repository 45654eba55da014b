//! Page composition for the PDF: measuring and wrapping text with the real font metrics, and
//! flowing blocks down the page, starting a new page (with the table header repeated) whenever
//! the next block would not fit. The result is a list of pages of drawing operations, so the
//! footer can say "page 1 of 2" and the renderer stays a dumb loop.
//!
//! Lines that mix left-to-right and right-to-left scripts are split into runs in visual order
//! (Unicode bidirectional algorithm), so Hebrew or Arabic in a title reads the right way round.

use rustybuzz::{Direction, Face, UnicodeBuffer};
use unicode_bidi::ParagraphBidiInfo;

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Rgb(pub u8, pub u8, pub u8);

pub(super) const TEXT: Rgb = Rgb(0x1d, 0x23, 0x2b);
pub(super) const MUTED: Rgb = Rgb(0x4f, 0x5b, 0x67);
pub(super) const RULE: Rgb = Rgb(0xd9, 0xd3, 0xca);
pub(super) const TRACK: Rgb = Rgb(0xf0, 0xed, 0xe8);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Weight {
    Regular,
    Bold,
}

/// One drawing operation, in points from the top-left corner of the page.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Op {
    /// Text on one line; `y` is the baseline.
    Text {
        x: f32,
        y: f32,
        size: f32,
        weight: Weight,
        color: Rgb,
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        color: Rgb,
    },
}

/// Text widths from the fonts' own advances, with kerning, as the renderer will set them.
pub(super) struct Measure<'a> {
    regular: Face<'a>,
    bold: Face<'a>,
}

impl<'a> Measure<'a> {
    pub(super) fn new(regular: &'a [u8], bold: &'a [u8]) -> Option<Measure<'a>> {
        Some(Measure {
            regular: Face::from_slice(regular, 0)?,
            bold: Face::from_slice(bold, 0)?,
        })
    }

    /// The advance width of one line, run by run as the renderer draws it.
    pub(super) fn width(&self, text: &str, size: f32, weight: Weight) -> f32 {
        visual_runs(text)
            .iter()
            .map(|run| self.run_width(run.text, run.right_to_left, size, weight))
            .sum()
    }

    pub(super) fn run_width(
        &self,
        text: &str,
        right_to_left: bool,
        size: f32,
        weight: Weight,
    ) -> f32 {
        let face = match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        };
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        buffer.set_direction(if right_to_left {
            Direction::RightToLeft
        } else {
            Direction::LeftToRight
        });
        let shaped = rustybuzz::shape(face, &[], buffer);
        let units: i64 = shaped
            .glyph_positions()
            .iter()
            .map(|position| i64::from(position.x_advance))
            .sum();
        units as f32 * size / face.units_per_em().max(1) as f32
    }

    /// Greedy word wrap to `max_width`; a word wider than a line is broken between characters.
    /// Line breaks in the text are kept; other runs of white space become one space.
    pub(super) fn wrap(
        &self,
        text: &str,
        size: f32,
        weight: Weight,
        max_width: f32,
    ) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.lines() {
            let mut line = String::new();
            for word in paragraph.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_owned()
                } else {
                    format!("{line} {word}")
                };
                if self.width(&candidate, size, weight) <= max_width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                for piece in self.break_word(word, size, weight, max_width) {
                    if !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                    }
                    line = piece;
                }
            }
            if !line.is_empty() {
                lines.push(line);
            }
        }
        if lines.is_empty() {
            lines.push(String::new());
        }
        lines
    }

    fn break_word(&self, word: &str, size: f32, weight: Weight, max_width: f32) -> Vec<String> {
        let mut pieces = Vec::new();
        let mut piece = String::new();
        for c in word.chars() {
            piece.push(c);
            if piece.chars().count() > 1 && self.width(&piece, size, weight) > max_width {
                piece.pop();
                pieces.push(std::mem::replace(&mut piece, c.to_string()));
            }
        }
        pieces.push(piece);
        pieces
    }
}

/// A stretch of one line in a single direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Run<'t> {
    pub text: &'t str,
    pub right_to_left: bool,
}

/// The line's directional runs, left to right as they appear on the page.
pub(super) fn visual_runs(line: &str) -> Vec<Run<'_>> {
    let bidi = ParagraphBidiInfo::new(line, None);
    if !bidi.has_rtl() {
        return vec![Run {
            text: line,
            right_to_left: false,
        }];
    }
    let (levels, runs) = bidi.visual_runs(0..line.len());
    runs.into_iter()
        .filter_map(|range| {
            let right_to_left = levels.get(range.start)?.is_rtl();
            let text = line.get(range)?;
            Some(Run {
                text,
                right_to_left,
            })
        })
        .collect()
}

/// Page geometry in points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct PageBox {
    pub width: f32,
    pub height: f32,
    pub margin: f32,
    /// Room kept free at the bottom for the footer.
    pub footer: f32,
}

impl PageBox {
    pub(super) fn content_width(&self) -> f32 {
        self.width - 2.0 * self.margin
    }

    fn bottom(&self) -> f32 {
        self.height - self.margin - self.footer
    }
}

/// Flows content down pages.
pub(super) struct Composer<'a> {
    pub measure: Measure<'a>,
    pub page: PageBox,
    pub pages: Vec<Vec<Op>>,
    /// Where the next block starts on the current page.
    pub y: f32,
}

impl<'a> Composer<'a> {
    pub(super) fn new(measure: Measure<'a>, page: PageBox) -> Composer<'a> {
        Composer {
            measure,
            page,
            pages: vec![Vec::new()],
            y: page.margin,
        }
    }

    pub(super) fn left(&self) -> f32 {
        self.page.margin
    }

    /// Starts a new page unless `height` more points fit on this one; true if it did.
    pub(super) fn ensure(&mut self, height: f32) -> bool {
        let fresh = self.y <= self.page.margin;
        if self.y + height <= self.page.bottom() || fresh {
            return false;
        }
        self.pages.push(Vec::new());
        self.y = self.page.margin;
        true
    }

    pub(super) fn push(&mut self, op: Op) {
        if let Some(page) = self.pages.last_mut() {
            page.push(op);
        }
    }

    pub(super) fn text(
        &mut self,
        x: f32,
        y: f32,
        size: f32,
        weight: Weight,
        color: Rgb,
        text: &str,
    ) {
        self.push(Op::Text {
            x,
            y,
            size,
            weight,
            color,
            text: text.to_owned(),
        });
    }

    pub(super) fn rect(&mut self, x: f32, y: f32, width: f32, height: f32, color: Rgb) {
        self.push(Op::Rect {
            x,
            y,
            width,
            height,
            color,
        });
    }

    /// A wrapped paragraph across the content width, lines kept together only per line.
    pub(super) fn paragraph(&mut self, text: &str, size: f32, weight: Weight, color: Rgb) {
        let leading = size * 1.35;
        let width = self.page.content_width();
        for line in self.measure.wrap(text, size, weight, width) {
            self.ensure(leading);
            self.y += leading;
            let (x, baseline) = (self.left(), self.y - leading * 0.25);
            self.text(x, baseline, size, weight, color, &line);
        }
    }

    /// Vertical space, dropped at the top of a page.
    pub(super) fn gap(&mut self, height: f32) {
        if self.y > self.page.margin {
            self.y += height;
        }
    }

    /// A section heading that is never left alone at the bottom of a page.
    pub(super) fn heading(&mut self, text: &str, keep_with: f32) {
        self.gap(10.0);
        self.ensure(18.0 + keep_with);
        self.paragraph(text, 11.5, Weight::Bold, TEXT);
        self.gap(3.0);
    }
}

/// One column of a table: its title, width in points, and whether numbers align right.
pub(super) struct Column {
    pub title: &'static str,
    pub width: f32,
    pub right: bool,
}

pub(super) const TABLE_SIZE: f32 = 8.0;
const TABLE_LEADING: f32 = 10.5;
pub(super) const CELL_PAD: f32 = 3.0;

impl Composer<'_> {
    /// A table whose rows never split across pages; the header repeats on every page.
    pub(super) fn table(&mut self, columns: &[Column], rows: &[Vec<String>]) {
        let first_row = rows
            .first()
            .map_or(0.0, |row| self.row_height(columns, row, Weight::Regular));
        self.ensure(2.0 * (TABLE_LEADING + 2.0 * CELL_PAD) + first_row);
        self.table_header(columns);
        for row in rows {
            let height = self.row_height(columns, row, Weight::Regular);
            if self.ensure(height) {
                self.table_header(columns);
            }
            self.table_row(columns, row, Weight::Regular, height);
        }
    }

    fn table_header(&mut self, columns: &[Column]) {
        let titles: Vec<String> = columns
            .iter()
            .map(|column| column.title.to_owned())
            .collect();
        let height = self.row_height(columns, &titles, Weight::Bold);
        let (x, y) = (self.left(), self.y);
        self.rect(x, y, self.page.content_width(), height, TRACK);
        self.table_row(columns, &titles, Weight::Bold, height);
    }

    fn cell_lines(&self, column: &Column, text: &str, weight: Weight) -> Vec<String> {
        let width = column.width - 2.0 * CELL_PAD;
        self.measure.wrap(text, TABLE_SIZE, weight, width)
    }

    fn row_height(&self, columns: &[Column], cells: &[String], weight: Weight) -> f32 {
        let lines = columns
            .iter()
            .zip(cells)
            .map(|(column, text)| self.cell_lines(column, text, weight).len())
            .max()
            .unwrap_or(1);
        lines as f32 * TABLE_LEADING + 2.0 * CELL_PAD
    }

    fn table_row(&mut self, columns: &[Column], cells: &[String], weight: Weight, height: f32) {
        let top = self.y;
        let mut x = self.left();
        for (column, text) in columns.iter().zip(cells) {
            let lines = self.cell_lines(column, text, weight);
            for (index, line) in lines.iter().enumerate() {
                let baseline = top + CELL_PAD + (index as f32 + 1.0) * TABLE_LEADING - 2.5;
                let line_x = if column.right {
                    x + column.width - CELL_PAD - self.measure.width(line, TABLE_SIZE, weight)
                } else {
                    x + CELL_PAD
                };
                self.text(line_x, baseline, TABLE_SIZE, weight, TEXT, line);
            }
            x += column.width;
        }
        self.y = top + height;
        let (left, width) = (self.left(), self.page.content_width());
        self.rect(left, self.y - 0.5, width, 0.5, RULE);
    }
}
