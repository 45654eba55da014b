//! Suggestions for a task as it is typed: the kind of work and the four ratings of the catalog
//! archetype whose words are closest to the task's title, with that archetype's reason, so nobody
//! rates twenty tasks from a blank form. Pure and shared by both builds: the form's island
//! suggests as the user types, and the server fills the same suggestions into a form submitted
//! without JavaScript ("Suggest").
//!
//! The match is deliberately simple and explainable: the words of the title (lower-cased, short
//! and common words dropped, a plural or verb ending trimmed) are looked up in each archetype's
//! label, counting twice, and its reason, counting once; the archetype with the highest score,
//! relative to the title's length, wins, ties in archetype order. A title that shares no word with
//! any archetype gets no suggestion, rather than a guess.

use serde::{Deserialize, Serialize};

use crate::assess::{Kind, Ratings};

/// What the suggester knows of one catalog archetype.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArchetypeHint {
    pub id: String,
    pub label: String,
    pub kind: Kind,
    pub ratings: Ratings,
    pub why: String,
}

/// The closest archetype to a title, and how close it is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    pub archetype_id: String,
    pub archetype_label: String,
    pub kind: Kind,
    pub ratings: Ratings,
    /// The archetype's reason for its ratings.
    pub why: String,
    /// The words the title shares with the archetype, as they appear in the title.
    pub shared_words: Vec<String>,
}

impl Suggestion {
    /// One sentence for the form: where the suggestion comes from and why.
    pub fn explanation(&self) -> String {
        format!(
            "Closest archetype: “{}” ({}; shared words: {}). {}",
            self.archetype_label,
            self.kind.label().to_lowercase(),
            self.shared_words.join(", "),
            self.why
        )
    }
}

/// Words too common in task titles to say anything about the kind of work.
const STOP_WORDS: &[&str] = &[
    "about", "across", "after", "against", "all", "and", "any", "are", "before", "between", "but",
    "by", "each", "every", "for", "from", "have", "into", "its", "new", "not", "off", "one",
    "other", "others", "out", "own", "per", "such", "than", "that", "the", "their", "them", "then",
    "they", "this", "through", "under", "until", "upon", "using", "when", "where", "which",
    "while", "who", "with", "within", "without", "work", "your",
];

/// The comparable words of a text: lower-case, at least three letters, not a stop word, with a
/// plural or verb ending trimmed so that "reports", "reporting" and "reported" meet "report".
fn words(text: &str) -> Vec<(String, String)> {
    text.split(|character: char| !character.is_alphanumeric())
        .filter(|word| word.chars().count() >= 3)
        .map(|word| (word.to_lowercase(), word.to_owned()))
        .filter(|(lower, _)| !STOP_WORDS.contains(&lower.as_str()))
        .map(|(lower, original)| (stem(&lower), original))
        .collect()
}

fn stem(word: &str) -> String {
    let mut root = word;
    for ending in ["ings", "ing", "ied", "ies", "ed", "es", "s"] {
        if let Some(shorter) = word.strip_suffix(ending) {
            if shorter.chars().count() >= 3 {
                if matches!(ending, "ied" | "ies") {
                    return format!("{shorter}y");
                }
                root = shorter;
                break;
            }
        }
    }
    // "update" and "updating" meet at "updat".
    match root.strip_suffix('e') {
        Some(shorter) if shorter.chars().count() >= 3 => shorter.to_owned(),
        _ => root.to_owned(),
    }
}

/// The closest archetype to `title`, or `None` when the title shares no word with any.
pub fn suggest(title: &str, hints: &[ArchetypeHint]) -> Option<Suggestion> {
    let title_words = words(title);
    if title_words.is_empty() {
        return None;
    }
    let mut best: Option<(u32, &ArchetypeHint, Vec<String>)> = None;
    for hint in hints {
        let label: Vec<String> = words(&hint.label)
            .into_iter()
            .map(|(stem, _)| stem)
            .collect();
        let why: Vec<String> = words(&hint.why).into_iter().map(|(stem, _)| stem).collect();
        let mut score = 0;
        let mut shared = Vec::new();
        for (stem, original) in &title_words {
            let weight = if label.contains(stem) {
                2
            } else if why.contains(stem) {
                1
            } else {
                0
            };
            if weight > 0 && !shared.contains(original) {
                score += weight;
                shared.push(original.clone());
            }
        }
        if score > 0
            && best
                .as_ref()
                .is_none_or(|(best_score, _, _)| score > *best_score)
        {
            best = Some((score, hint, shared));
        }
    }
    best.map(|(_, hint, shared_words)| Suggestion {
        archetype_id: hint.id.clone(),
        archetype_label: hint.label.clone(),
        kind: hint.kind,
        ratings: hint.ratings,
        why: hint.why.clone(),
        shared_words,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::Dimension;

    fn hint(id: &str, label: &str, kind: Kind, values: [u8; 4], why: &str) -> ArchetypeHint {
        ArchetypeHint {
            id: id.to_owned(),
            label: label.to_owned(),
            kind,
            ratings: Ratings::from_values(values).unwrap(),
            why: why.to_owned(),
        }
    }

    fn hints() -> Vec<ArchetypeHint> {
        vec![
            hint(
                "image_reading",
                "Read medical or safety-critical images to detect abnormalities",
                Kind::JudgingCases,
                [5, 1, 4, 5],
                "Digital images in a fixed format; a miss is grave.",
            ),
            hint(
                "record_entry",
                "Enter or update records in an information system",
                Kind::MovingInformation,
                [5, 4, 4, 5],
                "Structured fields typed many times a day.",
            ),
            hint(
                "teaching",
                "Teach a class or instruct learners",
                Kind::WorkingWithPeople,
                [2, 3, 1, 4],
                "Live and adapted to the group.",
            ),
        ]
    }

    #[test]
    fn a_title_gets_the_kind_and_ratings_of_the_archetype_sharing_most_words() {
        let suggestion = suggest("Read chest images for nodules", &hints()).unwrap();
        assert_eq!(suggestion.archetype_id, "image_reading");
        assert_eq!(suggestion.kind, Kind::JudgingCases);
        assert_eq!(suggestion.ratings.get(Dimension::ErrorTolerance).value(), 1);
        assert_eq!(suggestion.shared_words, vec!["Read", "images"]);
        assert!(suggestion.explanation().contains("judging cases"));
    }

    #[test]
    fn plurals_and_verb_endings_meet_their_root() {
        let suggestion = suggest("Updating patient records", &hints()).unwrap();
        assert_eq!(suggestion.archetype_id, "record_entry");
        let suggestion = suggest("Teaches the classes", &hints()).unwrap();
        assert_eq!(suggestion.archetype_id, "teaching");
    }

    #[test]
    fn a_title_sharing_no_word_gets_no_guess() {
        assert_eq!(suggest("Zzz qqq", &hints()), None);
        assert_eq!(suggest("", &hints()), None);
        assert_eq!(suggest("the and for", &hints()), None);
        assert_eq!(suggest("Read images", &[]), None);
    }
}
