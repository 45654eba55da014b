//! The model version stamped on every output, so a stored result can be recognised as stale.
//!
//! Bump `MODEL_VERSION` (semver) whenever a change to anchors, thresholds, formulas or rules can
//! change an output: major for a different meaning of the scales, minor for different results
//! from the same ratings, patch for wording only.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

pub const MODEL_VERSION: &str = "2.0.0";

/// The version of the model that produced an output. Borrowed when produced by this build (so
/// stamping 20,000 task results allocates nothing), owned when read back from storage.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ModelVersion(Cow<'static, str>);

impl ModelVersion {
    pub const fn current() -> ModelVersion {
        ModelVersion(Cow::Borrowed(MODEL_VERSION))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// False for results computed by another version of the model: recompute before serving.
    pub fn is_current(&self) -> bool {
        self.0 == MODEL_VERSION
    }
}

impl Default for ModelVersion {
    fn default() -> Self {
        ModelVersion::current()
    }
}

impl fmt::Display for ModelVersion {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_model_version_is_semver() {
        let parts: Vec<&str> = MODEL_VERSION.split('.').collect();
        assert_eq!(parts.len(), 3);
        assert!(parts
            .iter()
            .all(|part| !part.is_empty() && part.parse::<u32>().is_ok()));
    }

    #[test]
    fn a_stored_version_reads_back_and_is_recognised_as_current_or_not() {
        let current: ModelVersion = serde_json::from_str(&format!("\"{MODEL_VERSION}\"")).unwrap();
        assert!(current.is_current());
        assert_eq!(current, ModelVersion::current());
        let old: ModelVersion = serde_json::from_str("\"0.9.0\"").unwrap();
        assert!(!old.is_current());
        assert_eq!(
            serde_json::to_string(&ModelVersion::current()).unwrap(),
            format!("\"{MODEL_VERSION}\"")
        );
    }
}
