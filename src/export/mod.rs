//! Downloads: an occupation's (or profile's) assessment, a comparison of several, or the whole
//! catalog, as CSV, JSON, Markdown, XLSX or PDF. Pure generation with no I/O; the server wires
//! these functions to GET routes with `Content-Disposition` (see `filename`).
//!
//! Every format carries the same provenance: the model version, the catalog version, when it was
//! generated (`ExportMeta`) and, for O*NET data, O*NET's attribution. The tabular formats share
//! one flattening of a report into task rows (`TaskRow`), so CSV and XLSX cannot disagree.

pub mod csv;
pub mod json;
pub mod markdown;
pub mod pdf;
pub mod plan;
pub mod xlsx;

#[cfg(test)]
mod testing;

use thiserror::Error;
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

use crate::assess::{percent_tenths, Kind, Pattern};
use crate::report::{OccupationReport, ONET_ATTRIBUTION};

pub use pdf::{PaperSize, PdfFonts};

/// When a download was generated and from which catalog.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportMeta {
    pub generated_at: OffsetDateTime,
    /// The loaded catalog's version; a report's own `catalog_version` takes precedence.
    pub catalog_version: Option<String>,
}

impl ExportMeta {
    pub fn new(generated_at: OffsetDateTime, catalog_version: Option<String>) -> ExportMeta {
        ExportMeta {
            generated_at,
            catalog_version,
        }
    }

    /// `2026-11-29T08:30:00Z`: RFC 3339 in UTC, whole seconds.
    pub fn generated_at_text(&self) -> String {
        let utc = self.utc();
        utc.format(&Rfc3339)
            // Only years beyond 9999 cannot be written in RFC 3339.
            .unwrap_or_else(|_| utc.unix_timestamp().to_string())
    }

    /// `2026-11-29`, the UTC date, for file names and headings.
    pub fn date_text(&self) -> String {
        let date = self.utc().date();
        format!(
            "{:04}-{:02}-{:02}",
            date.year(),
            u8::from(date.month()),
            date.day()
        )
    }

    fn utc(&self) -> OffsetDateTime {
        let utc = self.generated_at.to_offset(UtcOffset::UTC);
        utc.replace_nanosecond(0).unwrap_or(utc)
    }

    /// The catalog version stamped on a report's download.
    pub fn catalog_version_for<'a>(&'a self, report: &'a OccupationReport) -> Option<&'a str> {
        report
            .catalog_version
            .as_deref()
            .or(self.catalog_version.as_deref())
    }
}

/// Why a binary download could not be produced.
#[derive(Debug, Error)]
pub enum ExportError {
    #[error("xlsx: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("pdf font: the {which} font is not a usable TrueType or OpenType font")]
    Font { which: &'static str },
    #[error("pdf: {reason}")]
    Pdf { reason: String },
}

/// One task of a report, flattened for tables.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct TaskRow<'a> {
    pub code: &'a str,
    pub occupation: &'a str,
    pub task: &'a str,
    /// Normalised share of working time in percent, one decimal.
    pub share_percent: f64,
    pub kind: Kind,
    /// Standardization, error tolerance, verifiability, frequency.
    pub ratings: [u8; 4],
    pub feasibility: f64,
    pub autonomy_risk: f64,
    pub pattern: Pattern,
    /// Dimension names joined by "; ".
    pub bottleneck: String,
    pub what_if: String,
    pub rationale: &'a str,
    pub explanation: &'a str,
}

/// How far the verdict is from the next one, each way, with the first change that would flip it:
/// one sentence for every download format.
pub(crate) fn margin_sentence(report: &OccupationReport) -> String {
    let margins = &report.assessment.margins;
    let parts: Vec<String> = [&margins.toward_more_machine, &margins.toward_less_machine]
        .into_iter()
        .flatten()
        .map(|margin| match margin.flips.first() {
            Some(flip) => format!("{margin} (for example {flip})"),
            None => margin.to_string(),
        })
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("Margin: {}.", parts.join("; "))
    }
}

/// The rows of a report's tasks, in input order.
pub(crate) fn task_rows(report: &OccupationReport) -> Vec<TaskRow<'_>> {
    report
        .assessment
        .tasks
        .iter()
        .enumerate()
        .map(|(index, task)| {
            let assessment = &task.assessment;
            let ratings = &assessment.ratings;
            TaskRow {
                code: report.code.as_deref().unwrap_or(""),
                occupation: &report.title,
                task: &task.title,
                share_percent: percent_one_decimal(task.share),
                kind: assessment.kind,
                ratings: [
                    ratings.standardization.value(),
                    ratings.error_tolerance.value(),
                    ratings.verifiability.value(),
                    ratings.frequency.value(),
                ],
                feasibility: assessment.scores.feasibility,
                autonomy_risk: assessment.scores.autonomy_risk,
                pattern: assessment.pattern,
                bottleneck: assessment
                    .bottleneck
                    .iter()
                    .map(|dimension| dimension.name())
                    .collect::<Vec<_>>()
                    .join("; "),
                what_if: assessment
                    .what_if
                    .map(|change| change.to_string())
                    .unwrap_or_default(),
                rationale: &assessment.rationale,
                explanation: report
                    .tasks
                    .get(index)
                    .and_then(|stored| stored.explanation.as_deref())
                    .unwrap_or(""),
            }
        })
        .collect()
}

/// A share (0..=1) as a percentage with one decimal, rounded exactly as the site rounds it.
pub(crate) fn percent_one_decimal(share: f64) -> f64 {
    percent_tenths(share) as f64 / 10.0
}

/// O*NET's attribution when the report includes O*NET data.
pub(crate) fn attribution(report: &OccupationReport) -> Option<&'static str> {
    report.needs_onet_attribution().then_some(ONET_ATTRIBUTION)
}

/// Longest slug kept from a name, so that file names stay well under file-system limits.
const MAX_SLUG_CHARS: usize = 80;

/// A safe `Content-Disposition` file name: `kind-name-date.ext` with each part reduced to lower
/// case ASCII letters, digits, dots and single dashes, empty parts dropped. For example
/// `filename("", "Radiologists 29-1224.00", "2026-11-29", "csv")` is
/// `radiologists-29-1224.00-2026-11-29.csv`. Common accented Latin letters lose their accents;
/// other characters become dashes. The result has no path separators, quotes, spaces or control
/// characters, never starts with a dot, and is never empty.
pub fn filename(kind_label: &str, name: &str, date: &str, ext: &str) -> String {
    let parts: Vec<String> = [kind_label, name, date]
        .iter()
        .map(|part| slug(part))
        .filter(|part| !part.is_empty())
        .collect();
    let stem = if parts.is_empty() {
        "export".to_owned()
    } else {
        parts.join("-")
    };
    let extension: String = ext
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .take(8)
        .collect();
    if extension.is_empty() {
        stem
    } else {
        format!("{stem}.{extension}")
    }
}

fn slug(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars().flat_map(fold_to_ascii) {
        let kept = if c.is_ascii_alphanumeric() {
            Some(c.to_ascii_lowercase())
        } else if c == '.' {
            Some('.')
        } else {
            None
        };
        match kept {
            // A dot right after a separator (or at the start) would make `-.` or a hidden file.
            Some('.') if slug.is_empty() || slug.ends_with(['-', '.']) => {}
            Some(c) => slug.push(c),
            None if !slug.is_empty() && !slug.ends_with('-') => slug.push('-'),
            None => {}
        }
        if slug.len() >= MAX_SLUG_CHARS {
            break;
        }
    }
    slug.trim_end_matches(['-', '.']).to_owned()
}

/// The unaccented letter(s) for common Latin-1 and Latin Extended-A letters, else the character.
fn fold_to_ascii(c: char) -> impl Iterator<Item = char> {
    let folded: &str = match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => "a",
        'À'..='Å' | 'Ā' | 'Ă' | 'Ą' => "A",
        'æ' => "ae",
        'Æ' => "AE",
        'ç' | 'ć' | 'č' => "c",
        'Ç' | 'Ć' | 'Č' => "C",
        'è'..='ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'È'..='Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' => "E",
        'ì'..='ï' | 'ī' | 'į' => "i",
        'Ì'..='Ï' | 'Ī' | 'Į' => "I",
        'ñ' | 'ń' | 'ň' => "n",
        'Ñ' | 'Ń' | 'Ň' => "N",
        'ò'..='ö' | 'ø' | 'ō' | 'ő' => "o",
        'Ò'..='Ö' | 'Ø' | 'Ō' | 'Ő' => "O",
        'ù'..='ü' | 'ū' | 'ů' | 'ű' => "u",
        'Ù'..='Ü' | 'Ū' | 'Ů' | 'Ű' => "U",
        'ý' | 'ÿ' => "y",
        'Ý' => "Y",
        'ß' => "ss",
        'ł' => "l",
        'Ł' => "L",
        'ś' | 'š' => "s",
        'Ś' | 'Š' => "S",
        'ź' | 'ż' | 'ž' => "z",
        'Ź' | 'Ż' | 'Ž' => "Z",
        _ => "",
    };
    let original = folded.is_empty().then_some(c);
    folded.chars().chain(original)
}

/// An occupation's published figures as three cells: US employment, median annual wage (both
/// empty when not published) and its measures, "name=value (Nth percentile); …".
pub fn figures_cells(report: &OccupationReport) -> (String, String, String) {
    let Some(figures) = &report.figures else {
        return Default::default();
    };
    let employment = figures.employment.as_ref();
    let number = |value: Option<i64>| value.map(|value| value.to_string()).unwrap_or_default();
    let measures = figures
        .measures
        .iter()
        .map(|reading| {
            crate::measures::measure_cell(&reading.name, reading.value, reading.percentile)
        })
        .collect::<Vec<_>>()
        .join("; ");
    (
        number(employment.and_then(|e| e.employment)),
        number(employment.and_then(|e| e.median_annual_wage)),
        measures,
    )
}

#[cfg(test)]
mod tests {
    use time::OffsetDateTime;

    use super::*;

    #[test]
    fn a_file_name_names_the_occupation_and_the_date() {
        assert_eq!(
            filename("", "Radiologists 29-1224.00", "2026-11-29", "csv"),
            "radiologists-29-1224.00-2026-11-29.csv"
        );
        assert_eq!(
            filename("profile", "Mein Büro: Ärztin & Co.", "2026-01-02", "XLSX"),
            "profile-mein-buro-arztin-co-2026-01-02.xlsx"
        );
        assert_eq!(filename("", "", "", ""), "export");
        assert_eq!(
            filename("catalog", "", "2026-11-29", "json"),
            "catalog-2026-11-29.json"
        );
    }

    #[test]
    fn a_file_name_cannot_carry_paths_quotes_or_control_characters() {
        let hostile =
            "../../etc/passwd \"quoted\" 'single'\r\n\t\\back\u{0}slash ..hidden 🦀 עברית";
        let name = filename("../x", hostile, "2026-11-29\"; x=1", "c/s\"v");
        assert!(!name.starts_with('.'), "{name}");
        assert!(
            name.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.'),
            "{name}"
        );
        assert!(!name.contains(".."), "{name}");
        assert!(name.ends_with(".csv"), "{name}");
        let long = filename("", &"a".repeat(1000), "2026-11-29", "pdf");
        assert!(long.len() < 120, "{long}");
    }

    #[test]
    fn the_generation_time_is_written_in_utc_rfc_3339() {
        let moment = OffsetDateTime::from_unix_timestamp(1_795_941_000)
            .unwrap()
            .replace_nanosecond(123)
            .unwrap()
            .to_offset(UtcOffset::from_hms(2, 0, 0).unwrap());
        let meta = ExportMeta::new(moment, None);
        assert_eq!(meta.generated_at_text(), "2026-11-29T08:30:00Z");
        assert_eq!(meta.date_text(), "2026-11-29");
    }
}
