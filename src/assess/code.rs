//! O*NET-SOC occupation codes (`29-1224.00`), parsed once at the edge and trusted after.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// An O*NET-SOC occupation code such as `29-1224.00`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct OccupationCode(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum OccupationCodeError {
    #[error("code: must look like NN-NNNN.NN with digits, for example 29-1224.00")]
    Format,
    #[error("code: {group} is not an SOC major group (the odd numbers 11 to 55)")]
    MajorGroup { group: u8 },
}

impl OccupationCode {
    pub fn parse(text: &str) -> Result<OccupationCode, OccupationCodeError> {
        let code = text.trim();
        let bytes = code.as_bytes();
        let well_formed = bytes.len() == 10
            && bytes
                .iter()
                .enumerate()
                .all(|(position, &byte)| match position {
                    2 => byte == b'-',
                    7 => byte == b'.',
                    _ => byte.is_ascii_digit(),
                });
        if !well_formed {
            return Err(OccupationCodeError::Format);
        }
        let group = major_group_of(bytes);
        // SOC 2018 major groups are the odd numbers 11, 13, …, 55.
        if !(11..=55).contains(&group) || group.is_multiple_of(2) {
            return Err(OccupationCodeError::MajorGroup { group });
        }
        Ok(OccupationCode(code.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The SOC major group, the first two digits (29 = healthcare practitioners).
    pub fn major_group(&self) -> u8 {
        major_group_of(self.0.as_bytes())
    }
}

/// The first two bytes read as decimal digits; missing or non-digit bytes count as 0, which
/// only matters before validation.
fn major_group_of(bytes: &[u8]) -> u8 {
    let digit = |position: usize| {
        bytes
            .get(position)
            .map_or(0, |&byte| byte.wrapping_sub(b'0') % 10)
    };
    digit(0) * 10 + digit(1)
}

impl TryFrom<String> for OccupationCode {
    type Error = OccupationCodeError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        OccupationCode::parse(&text)
    }
}

impl From<OccupationCode> for String {
    fn from(code: OccupationCode) -> String {
        code.0
    }
}

impl fmt::Display for OccupationCode {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn occupation_codes_parse_only_in_the_onet_soc_shape() {
        let code = OccupationCode::parse(" 29-1224.00 ").unwrap();
        assert_eq!(code.as_str(), "29-1224.00");
        assert_eq!(code.major_group(), 29);
        for bad in [
            "29-1224",
            "29-1224.0a",
            "2901224.00",
            "29-1224-00",
            "29-1224.000",
            "٢٩-١٢٢٤.٠٠",
            "",
        ] {
            assert_eq!(
                OccupationCode::parse(bad),
                Err(OccupationCodeError::Format),
                "{bad}"
            );
        }
        for (code, group) in [
            ("10-1011.00", 10),
            ("12-1011.00", 12),
            ("57-1011.00", 57),
            ("00-0000.00", 0),
        ] {
            assert_eq!(
                OccupationCode::parse(code),
                Err(OccupationCodeError::MajorGroup { group })
            );
        }
        assert_eq!(
            OccupationCode::parse("55-3011.00").map(|c| c.major_group()),
            Ok(55)
        );
        assert_eq!(
            OccupationCode::parse("11-1011.00").map(|c| c.major_group()),
            Ok(11)
        );
    }

    proptest! {
        #[test]
        fn parsing_any_occupation_code_never_panics(text in "\\PC{0,14}") {
            if let Ok(code) = OccupationCode::parse(&text) {
                prop_assert_eq!(code.as_str().len(), 10);
                prop_assert!(code.major_group() % 2 == 1);
            }
        }

        #[test]
        fn every_well_formed_code_in_an_odd_major_group_parses(
            group in 5u8..28, rest in 0u32..10_000, detail in 0u8..100
        ) {
            let group = group * 2 + 1;
            let text = format!("{group:02}-{rest:04}.{detail:02}");
            prop_assert_eq!(OccupationCode::parse(&text).map(|code| code.major_group()), Ok(group));
        }
    }
}
