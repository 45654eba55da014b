//! The printable PDF summary of one report: verdict, indices, a bar chart of working time by
//! pattern drawn as rectangles, the task table (continued on further pages when it does not
//! fit, header repeated), the method note and, for O*NET data, the attribution.
//!
//! Built with krilla, which embeds and subsets the fonts and writes a ToUnicode map, so the text
//! can be searched, copied and extracted. The fonts are passed in (`PdfFonts`) rather than
//! compiled in: the project ships DejaVu Sans from the `dejavu-fonts-ttf` npm package, whose
//! Bitstream Vera licence allows embedding.

mod compose;
mod layout;
pub mod plan;

use std::sync::Arc;

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule};
use krilla::text::{Font, TextDirection};
use krilla::Document;

use self::compose::compose_report;
use self::layout::{visual_runs, Composer, Measure, Op, PageBox, Rgb, Weight, MUTED};
use super::{ExportError, ExportMeta};
use crate::report::OccupationReport;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaperSize {
    /// 210 × 297 mm.
    A4,
    /// 8.5 × 11 inches.
    Letter,
}

impl PaperSize {
    /// Width and height in PostScript points (1/72 inch).
    pub const fn points(self) -> (f32, f32) {
        match self {
            PaperSize::A4 => (595.28, 841.89),
            PaperSize::Letter => (612.0, 792.0),
        }
    }
}

/// The regular and bold fonts, checked once (load them at start-up and share them).
#[derive(Clone)]
pub struct PdfFonts {
    regular: Arc<Vec<u8>>,
    bold: Arc<Vec<u8>>,
}

impl std::fmt::Debug for PdfFonts {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            formatter,
            "PdfFonts({} + {} bytes)",
            self.regular.len(),
            self.bold.len()
        )
    }
}

impl PdfFonts {
    /// TrueType or OpenType font files; fails if either cannot be read as a font.
    pub fn from_bytes(regular: &[u8], bold: &[u8]) -> Result<PdfFonts, ExportError> {
        let check = |bytes: &[u8], which: &'static str| {
            let usable = rustybuzz::Face::from_slice(bytes, 0).is_some()
                && Font::new(bytes.to_vec().into(), 0).is_some();
            if usable {
                Ok(Arc::new(bytes.to_vec()))
            } else {
                Err(ExportError::Font { which })
            }
        };
        Ok(PdfFonts {
            regular: check(regular, "regular")?,
            bold: check(bold, "bold")?,
        })
    }
}

/// The report as a printable PDF on `paper`.
pub fn report_pdf(
    report: &OccupationReport,
    meta: &ExportMeta,
    paper: PaperSize,
    fonts: &PdfFonts,
) -> Result<Vec<u8>, ExportError> {
    let measure = Measure::new(&fonts.regular, &fonts.bold).ok_or(ExportError::Font {
        which: "regular or bold",
    })?;
    let (width, height) = paper.points();
    let page = PageBox {
        width,
        height,
        margin: 44.0,
        footer: 16.0,
    };
    let mut composer = Composer::new(measure, page);
    compose_report(&mut composer, report, meta);
    let Composer { measure, pages, .. } = composer;
    render(&pages, &measure, &report.title, meta, page, fonts)
}

fn fill(color: Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(color.0, color.1, color.2).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

fn render(
    pages: &[Vec<Op>],
    measure: &Measure<'_>,
    title: &str,
    meta: &ExportMeta,
    page_box: PageBox,
    fonts: &PdfFonts,
) -> Result<Vec<u8>, ExportError> {
    let font = |bytes: &Arc<Vec<u8>>, which| {
        Font::new(bytes.clone().into(), 0).ok_or(ExportError::Font { which })
    };
    let (regular, bold) = (font(&fonts.regular, "regular")?, font(&fonts.bold, "bold")?);
    let mut document = Document::new();
    document.set_metadata(metadata(title, meta));
    let settings =
        PageSettings::from_wh(page_box.width, page_box.height).ok_or_else(|| ExportError::Pdf {
            reason: "invalid page size".to_owned(),
        })?;
    for (number, ops) in pages.iter().enumerate() {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        let footer = format!(
            "Automatability Atlas · {} · page {} of {}",
            short_title(title),
            number + 1,
            pages.len()
        );
        let footer_op = Op::Text {
            x: page_box.margin,
            y: page_box.height - page_box.margin + 6.0,
            size: 7.0,
            weight: Weight::Regular,
            color: MUTED,
            text: footer,
        };
        for op in ops.iter().chain(std::iter::once(&footer_op)) {
            match op {
                Op::Text {
                    x,
                    y,
                    size,
                    weight,
                    color,
                    text,
                } => {
                    surface.set_fill(Some(fill(*color)));
                    let font = match weight {
                        Weight::Regular => &regular,
                        Weight::Bold => &bold,
                    };
                    let mut run_x = *x;
                    for run in visual_runs(text) {
                        let direction = if run.right_to_left {
                            TextDirection::RightToLeft
                        } else {
                            TextDirection::LeftToRight
                        };
                        let start = Point::from_xy(run_x, *y);
                        surface.draw_text(start, font.clone(), *size, run.text, false, direction);
                        run_x += measure.run_width(run.text, run.right_to_left, *size, *weight);
                    }
                }
                Op::Rect {
                    x,
                    y,
                    width,
                    height,
                    color,
                } => {
                    let Some(rect) = Rect::from_xywh(*x, *y, *width, *height) else {
                        continue;
                    };
                    let mut path = PathBuilder::new();
                    path.push_rect(rect);
                    if let Some(path) = path.finish() {
                        surface.set_fill(Some(fill(*color)));
                        surface.draw_path(&path);
                    }
                }
            }
        }
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|error| ExportError::Pdf {
        reason: error.to_string(),
    })
}

/// The title on one line and at most 60 characters, for the footer.
fn short_title(title: &str) -> String {
    let one_line = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= 60 {
        one_line
    } else {
        let cut: String = one_line.chars().take(59).collect();
        format!("{}…", cut.trim_end())
    }
}

fn metadata(title: &str, meta: &ExportMeta) -> Metadata {
    let moment = meta.generated_at.to_offset(time::UtcOffset::UTC);
    let created = DateTime::new(u16::try_from(moment.year()).unwrap_or(1970))
        .month(u8::from(moment.month()))
        .day(moment.day())
        .hour(moment.hour())
        .minute(moment.minute())
        .second(moment.second())
        .utc_offset_hour(0)
        .utc_offset_minute(0);
    Metadata::new()
        .title(format!("{title} — Automatability Atlas"))
        .creator("Automatability Atlas".to_owned())
        .language("en".to_owned())
        .creation_date(created)
}

#[cfg(test)]
mod tests;
