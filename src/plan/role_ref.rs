//! What a plan's role row names: a catalog occupation by code, an imported O\*NET occupation
//! (`onet:CODE`), a saved profile (`profile:ID`, its 32-digit id or its address), or, before the
//! server has looked it up, an occupation's title.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A role's reference once known.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", content = "id", rename_all = "snake_case")]
pub enum RoleRef {
    /// An occupation by O\*NET-SOC code; the curated entry when there is one.
    Occupation(String),
    /// The imported O\*NET entry with this code.
    Imported(String),
    /// A saved custom profile.
    Profile(String),
}

impl fmt::Display for RoleRef {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RoleRef::Occupation(code) => formatter.write_str(code),
            RoleRef::Imported(code) => write!(formatter, "onet:{code}"),
            RoleRef::Profile(id) => write!(formatter, "profile:{id}"),
        }
    }
}

impl RoleRef {
    /// The page the role links to.
    pub fn page_path(&self) -> String {
        match self {
            RoleRef::Occupation(code) => format!("/occupations/{code}"),
            RoleRef::Imported(code) => format!("/occupations/{code}?source=onet"),
            RoleRef::Profile(id) => format!("/profiles/{id}"),
        }
    }

    /// The storage pair: ("occupation" | "onet" | "profile", code or id).
    pub fn storage(&self) -> (&'static str, &str) {
        match self {
            RoleRef::Occupation(code) => ("occupation", code),
            RoleRef::Imported(code) => ("onet", code),
            RoleRef::Profile(id) => ("profile", id),
        }
    }

    pub fn from_storage(kind: &str, id: &str) -> Option<RoleRef> {
        match kind {
            "occupation" => Some(RoleRef::Occupation(id.to_owned())),
            "onet" => Some(RoleRef::Imported(id.to_owned())),
            "profile" => Some(RoleRef::Profile(id.to_owned())),
            _ => None,
        }
    }
}

/// A role as typed: a reference, or a title for the server to look up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RoleText {
    Ref(RoleRef),
    Title(String),
}

impl fmt::Display for RoleText {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RoleText::Ref(reference) => reference.fmt(formatter),
            RoleText::Title(title) => write!(formatter, "{title:?}"),
        }
    }
}

/// The separator between a reference and its title in the form's suggestions
/// ("29-1224.00 — Radiologists"); what follows it is ignored.
pub const SUGGESTION_SEPARATOR: &str = " — ";

/// The longest title the server will look up.
const MAX_TITLE_CHARS: usize = 200;

fn is_hex_id(text: &str) -> bool {
    text.len() == 32
        && text
            .bytes()
            .all(|byte| byte.is_ascii_digit() || (b'a'..=b'f').contains(&byte))
}

/// `NN-NNNN.NN` or `NN-NNNN` (then `.00`), as an O\*NET-SOC code.
fn occupation_code(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        bytes
            .get(range)
            .is_some_and(|part| part.iter().all(u8::is_ascii_digit))
    };
    let soc = bytes.len() >= 7 && digits(0..2) && bytes[2] == b'-' && digits(3..7);
    match bytes.len() {
        7 if soc => Some(format!("{text}.00")),
        10 if soc && bytes[7] == b'.' && digits(8..10) => Some(text.to_owned()),
        _ => None,
    }
}

impl RoleText {
    /// Reads what a user typed into a role field.
    pub fn parse(text: &str) -> Result<RoleText, String> {
        let trimmed = text.trim();
        let head = trimmed
            .split_once(SUGGESTION_SEPARATOR)
            .map_or(trimmed, |(head, _)| head)
            .trim();
        if head.is_empty() {
            return Err(
                "enter an occupation code (e.g. 29-1224.00), a saved profile's id, or an occupation's title"
                    .to_owned(),
            );
        }
        let lower = head.to_ascii_lowercase();
        if let Some(id) = lower.strip_prefix("profile:") {
            let id = id.trim();
            return if is_hex_id(id) {
                Ok(RoleText::Ref(RoleRef::Profile(id.to_owned())))
            } else {
                Err(format!(
                    "{head:?} is not a profile id: a profile id is 32 hex digits, as in its address /profiles/…"
                ))
            };
        }
        if let Some((_, rest)) = lower.split_once("/profiles/") {
            let id = rest.get(..32).unwrap_or(rest);
            return if is_hex_id(id) {
                Ok(RoleText::Ref(RoleRef::Profile(id.to_owned())))
            } else {
                Err(format!("{head:?} is not the address of a saved profile"))
            };
        }
        if is_hex_id(&lower) {
            return Ok(RoleText::Ref(RoleRef::Profile(lower)));
        }
        if let Some(code) = lower.strip_prefix("onet:") {
            return occupation_code(code.trim())
                .map(|code| RoleText::Ref(RoleRef::Imported(code)))
                .ok_or_else(|| {
                    format!("{head:?} is not an O*NET-SOC code: write it as onet:29-1224.00")
                });
        }
        if let Some(code) = occupation_code(head) {
            return Ok(RoleText::Ref(RoleRef::Occupation(code)));
        }
        if head
            .bytes()
            .next()
            .is_some_and(|byte| byte.is_ascii_digit())
        {
            return Err(format!(
                "{head:?} is not an occupation code: write it as 29-1224.00 (O*NET-SOC) or 29-1224 (SOC)"
            ));
        }
        let chars = head.chars().count();
        if chars > MAX_TITLE_CHARS {
            return Err(format!(
                "an occupation title has at most {MAX_TITLE_CHARS} characters; this has {chars}"
            ));
        }
        if head.chars().any(char::is_control) {
            return Err("must not contain control characters or line breaks".to_owned());
        }
        Ok(RoleText::Title(head.to_owned()))
    }

    /// Whether two rows name the same role (titles compared without case).
    pub fn same_as(&self, other: &RoleText) -> bool {
        match (self, other) {
            (RoleText::Ref(left), RoleText::Ref(right)) => left == right,
            (RoleText::Title(left), RoleText::Title(right)) => {
                left.to_lowercase() == right.to_lowercase()
            }
            _ => false,
        }
    }
}
