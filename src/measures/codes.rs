//! Occupation codes as the sources write them, and how a source's figure is found for an
//! occupation of the Atlas. The Atlas uses O*NET-SOC codes ("29-1224.00"); a source gives either
//! O*NET-SOC codes (Eloundou et al.) or SOC 2018 codes ("29-1224": Microsoft, BLS, Frey & Osborne
//! after the crosswalk). Pure.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// A code read from a file, normalised: SOC "NN-NNNN" or O*NET-SOC "NN-NNNN.NN". Accepts the
/// forms files use: surrounding spaces, no hyphen ("291224"), an O*NET-SOC suffix.
pub fn normalise_code(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let digits_only = |text: &str| !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    let (soc, suffix) = match raw.split_once('.') {
        Some((soc, suffix)) => (soc, Some(suffix)),
        None => (raw, None),
    };
    let soc = match soc.split_once('-') {
        Some((major, rest)) if major.len() == 2 && rest.len() == 4 => format!("{major}-{rest}"),
        None if soc.len() == 6 => format!("{}-{}", &soc[..2], &soc[2..]),
        _ => return None,
    };
    if !digits_only(&soc.replace('-', "")) {
        return None;
    }
    match suffix {
        None => Some(soc),
        Some(suffix) if suffix.len() == 2 && digits_only(suffix) => Some(format!("{soc}.{suffix}")),
        Some(_) => None,
    }
}

/// The SOC 2018 detailed code of an O*NET-SOC code ("29-1224.00" → "29-1224").
pub fn soc_of(code: &str) -> &str {
    code.split('.').next().unwrap_or(code)
}

/// The SOC broad-occupation code a detailed code belongs to ("29-1224" → "29-1220").
pub fn broad_of(soc: &str) -> String {
    let mut broad = soc.to_string();
    broad.truncate(6);
    broad.push('0');
    broad
}

/// How an occupation's figure was found in a source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Match {
    /// The source has the occupation's own code (an O*NET-SOC code, or the SOC code of a ".00"
    /// occupation, which is the whole SOC occupation).
    Exact,
    /// The source has the SOC occupation this O*NET-SOC occupation is part of ("29-1229.01" from
    /// "29-1229"): the figure is the whole SOC occupation's.
    SocParent,
    /// The source rates only the O*NET occupations inside this SOC code: their mean.
    OnetChildren,
    /// The source has only the SOC broad occupation this one belongs to (BLS publishes a few
    /// occupations so).
    Broad,
}

impl Match {
    pub const fn name(self) -> &'static str {
        match self {
            Match::Exact => "exact",
            Match::SocParent => "soc_parent",
            Match::OnetChildren => "onet_children",
            Match::Broad => "broad",
        }
    }

    /// Words for a page: how the figure was carried onto this occupation.
    pub const fn describe(self) -> &'static str {
        match self {
            Match::Exact => "matched by its own code",
            Match::SocParent => "the figure of the whole SOC occupation it is part of",
            Match::OnetChildren => "the mean of the O*NET occupations inside its SOC code",
            Match::Broad => "the figure of its SOC broad occupation",
        }
    }
}

/// Finds the figure for the Atlas occupation `code` (O*NET-SOC) in `values` (keyed by
/// normalised code), trying its own code, then its SOC code, then the mean of O*NET codes under
/// that SOC code, then (when `broad` is allowed) the broad occupation.
pub fn find<T: Copy>(
    code: &str,
    values: &HashMap<String, T>,
    children_mean: impl Fn(&[T]) -> Option<T>,
    broad: bool,
) -> Option<(T, Match)> {
    if let Some(&value) = values.get(code) {
        return Some((value, Match::Exact));
    }
    let soc = soc_of(code);
    if let Some(&value) = values.get(soc) {
        let whole = code.ends_with(".00") || code == soc;
        return Some((
            value,
            if whole {
                Match::Exact
            } else {
                Match::SocParent
            },
        ));
    }
    let prefix = format!("{soc}.");
    let mut children: Vec<(&String, T)> = values
        .iter()
        .filter(|(key, _)| key.starts_with(&prefix))
        .map(|(key, &value)| (key, value))
        .collect();
    if !children.is_empty() {
        children.sort_by(|a, b| a.0.cmp(b.0));
        let values: Vec<T> = children.into_iter().map(|(_, value)| value).collect();
        if let Some(mean) = children_mean(&values) {
            return Some((mean, Match::OnetChildren));
        }
    }
    if broad {
        if let Some(&value) = values.get(&broad_of(soc)) {
            return Some((value, Match::Broad));
        }
    }
    None
}

/// The mean of some numbers (for [`find`] over plain figures).
pub fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_normalised_from_the_forms_files_use() {
        assert_eq!(normalise_code(" 29-1224 "), Some("29-1224".into()));
        assert_eq!(normalise_code("291224"), Some("29-1224".into()));
        assert_eq!(normalise_code("29-1224.00"), Some("29-1224.00".into()));
        assert_eq!(normalise_code("29-1224.0"), None);
        assert_eq!(normalise_code("29-12x4"), None);
        assert_eq!(normalise_code("2-91224"), None);
        assert_eq!(normalise_code(""), None);
        assert_eq!(broad_of("29-1224"), "29-1220");
    }

    #[test]
    fn a_figure_is_found_by_code_then_soc_then_children_then_broad() {
        let values: HashMap<String, f64> = [
            ("29-1224.00", 0.5),
            ("15-1252", 0.9),
            ("13-1021.01", 0.2),
            ("13-1021.02", 0.4),
            ("51-2090", 0.1),
        ]
        .into_iter()
        .map(|(code, value)| (code.to_string(), value))
        .collect();
        assert_eq!(
            find("29-1224.00", &values, mean, false),
            Some((0.5, Match::Exact))
        );
        assert_eq!(
            find("15-1252.00", &values, mean, false),
            Some((0.9, Match::Exact))
        );
        assert_eq!(
            find("15-1252.01", &values, mean, false),
            Some((0.9, Match::SocParent))
        );
        let (children, how) = find("13-1021.00", &values, mean, false).unwrap();
        assert!((children - 0.3).abs() < 1e-12);
        assert_eq!(how, Match::OnetChildren);
        assert_eq!(find("51-2092.00", &values, mean, false), None);
        assert_eq!(
            find("51-2092.00", &values, mean, true),
            Some((0.1, Match::Broad))
        );
        assert_eq!(find("47-2061.00", &values, mean, true), None);
    }
}
