//! The comparison's query (`/compare?codes=a,b` and its downloads): which occupations, and for a
//! code that both the curated catalog and the O*NET import have, which of the two. Both builds.
//!
//! A code alone means the curated entry where there is one ("curated wins"); `onet:29-1224.00`
//! names the imported entry and `curated:29-1224.00` the curated one.

use crate::browse::SourceFilter;
use crate::report::{OccupationReport, ReportSource};

/// The most occupations a comparison holds.
pub const MAX_COMPARE: usize = 4;

/// One occupation named in a comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComparedCode {
    pub code: String,
    /// `None`: the curated entry if there is one, else the imported one.
    pub source: Option<SourceFilter>,
}

impl ComparedCode {
    /// `29-1224.00`, `onet:29-1224.00` or `curated:29-1224.00`.
    pub fn parse(text: &str) -> ComparedCode {
        let qualified = text.split_once(':').and_then(|(prefix, code)| {
            SourceFilter::ALL
                .into_iter()
                .find(|source| source.name() == prefix)
                .map(|source| (source, code))
        });
        match qualified {
            Some((source, code)) => ComparedCode {
                code: code.to_string(),
                source: Some(source),
            },
            None => ComparedCode {
                code: text.to_string(),
                source: None,
            },
        }
    }

    /// The entry this report shows: imported reports are named with `onet:`, so that a link made
    /// from an imported occupation's page compares that entry, not the curated one.
    pub fn of_report(report: &OccupationReport) -> Option<ComparedCode> {
        let code = report.code.clone()?;
        let source = match report.source {
            ReportSource::Onet { .. } => Some(SourceFilter::Onet),
            ReportSource::Curated | ReportSource::Profile => None,
        };
        Some(ComparedCode { code, source })
    }

    /// As written in a `codes` parameter.
    pub fn to_text(&self) -> String {
        match self.source {
            Some(source) => format!("{}:{}", source.name(), self.code),
            None => self.code.clone(),
        }
    }
}

/// Splits `a,b,c` (also accepts spaces and semicolons) into distinct codes, keeping order.
pub fn parse_codes(text: &str) -> Vec<ComparedCode> {
    let mut codes: Vec<ComparedCode> = Vec::new();
    for code in text
        .split([',', ' ', ';'])
        .map(str::trim)
        .filter(|code| !code.is_empty())
        .map(ComparedCode::parse)
    {
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    codes
}

/// `/compare?codes=…` comparing the entry this report shows.
pub fn compare_href(report: &OccupationReport) -> Option<String> {
    ComparedCode::of_report(report).map(|code| format!("/compare?codes={}", code.to_text()))
}

/// The page of the entry this report shows (`?source=onet` for an imported one).
pub fn occupation_href(report: &OccupationReport) -> String {
    let code = report.code.clone().unwrap_or_default();
    match report.source {
        ReportSource::Onet { .. } => format!("/occupations/{code}?source=onet"),
        ReportSource::Curated | ReportSource::Profile => format!("/occupations/{code}"),
    }
}

/// The downloads of the entry this report shows, without the extension:
/// `/occupations/{code}/summary` or, for an imported one, `/occupations/{code}/onet/summary`.
pub fn downloads_base(report: &OccupationReport) -> String {
    let code = report.code.clone().unwrap_or_default();
    match report.source {
        ReportSource::Onet { .. } => format!("/occupations/{code}/onet/summary"),
        ReportSource::Curated | ReportSource::Profile => format!("/occupations/{code}/summary"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_split_on_commas_spaces_and_semicolons_and_kept_once_in_order() {
        let codes = parse_codes("b, a;b  c");
        let texts: Vec<String> = codes.iter().map(ComparedCode::to_text).collect();
        assert_eq!(texts, ["b", "a", "c"]);
    }

    #[test]
    fn a_source_prefix_names_the_entry_and_round_trips() {
        let codes = parse_codes("onet:29-1224.00,29-1224.00,curated:29-1224.00,x:1");
        assert_eq!(
            codes,
            [
                ComparedCode {
                    code: "29-1224.00".into(),
                    source: Some(SourceFilter::Onet)
                },
                ComparedCode {
                    code: "29-1224.00".into(),
                    source: None
                },
                ComparedCode {
                    code: "29-1224.00".into(),
                    source: Some(SourceFilter::Curated)
                },
                ComparedCode {
                    code: "x:1".into(),
                    source: None
                },
            ]
        );
        for code in codes {
            assert_eq!(ComparedCode::parse(&code.to_text()), code);
        }
    }
}
