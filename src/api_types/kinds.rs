//! Contract types of model 2.0: the kind of work of a task and the margins of a verdict. Mirrors of
//! `assess::Kind` and `assess::VerdictMargins`, converted through exhaustive `From` impls so a new
//! domain value breaks the build here before it reaches clients.

use serde::{Deserialize, Serialize};

use super::{ApiDimension, ApiPattern, ApiVerdict};
use crate::assess::{Kind, MarginMeasure, VerdictFlip, VerdictMargin, VerdictMargins};

/// The kind of work a task is; mirrors `assess::Kind`. Patterns follow it: second reader only
/// for judging cases, triage only for routing and watching, physical work automated only in a
/// controlled setting, at most copilot for working with people.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ApiKind {
    /// Judging a stream of cases: read, screen, classify, grade, decide.
    JudgingCases,
    /// Making something others use: text, code, a design, a calculation, a plan.
    Making,
    /// Routing work: order, assign, schedule or dispatch a queue.
    Routing,
    /// Watching for events: signals, alarms, dashboards, feeds.
    Watching,
    /// Checking others' finished work.
    Checking,
    /// Moving information: enter, transfer, transcribe, reconcile records.
    MovingInformation,
    /// Routine service exchanges: answer routine questions, take orders or payments.
    ServiceExchange,
    /// Physical work: handle objects, operate machines, move in the world.
    Physical,
    /// Working with people: care, teach, persuade, negotiate, lead.
    WorkingWithPeople,
}

impl From<Kind> for ApiKind {
    fn from(kind: Kind) -> ApiKind {
        match kind {
            Kind::JudgingCases => ApiKind::JudgingCases,
            Kind::Making => ApiKind::Making,
            Kind::Routing => ApiKind::Routing,
            Kind::Watching => ApiKind::Watching,
            Kind::Checking => ApiKind::Checking,
            Kind::MovingInformation => ApiKind::MovingInformation,
            Kind::ServiceExchange => ApiKind::ServiceExchange,
            Kind::Physical => ApiKind::Physical,
            Kind::WorkingWithPeople => ApiKind::WorkingWithPeople,
        }
    }
}

/// Which share of working time a margin is measured on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ApiMarginMeasure {
    /// Automate plus human approves.
    HandedOver,
    /// Human-led.
    HumanLed,
}

impl From<MarginMeasure> for ApiMarginMeasure {
    fn from(measure: MarginMeasure) -> ApiMarginMeasure {
        match measure {
            MarginMeasure::HandedOver => ApiMarginMeasure::HandedOver,
            MarginMeasure::HumanLed => ApiMarginMeasure::HumanLed,
        }
    }
}

/// One single-task change that alone would flip the verdict.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ApiVerdictFlip {
    /// Index of the task in `tasks`.
    pub task: usize,
    /// The task's title.
    pub title: String,
    /// For a rating change: the dimension; null for a change of share.
    pub dimension: Option<ApiDimension>,
    /// For a rating change: the rating now and the rating that would flip the verdict.
    pub from_rating: Option<u8>,
    pub to_rating: Option<u8>,
    /// For a rating change: the pattern the task would get.
    pub new_pattern: Option<ApiPattern>,
    /// For a change of share: percent of working time now and as needed, the other tasks
    /// keeping their proportions.
    pub from_percent: Option<f64>,
    pub to_percent: Option<f64>,
    /// The change in words.
    pub text: String,
}

impl From<&VerdictFlip> for ApiVerdictFlip {
    fn from(flip: &VerdictFlip) -> ApiVerdictFlip {
        let text = flip.to_string();
        match flip {
            VerdictFlip::Rating {
                task,
                title,
                dimension,
                from,
                to,
                new_pattern,
            } => ApiVerdictFlip {
                task: *task,
                title: title.clone(),
                dimension: Some((*dimension).into()),
                from_rating: Some(from.value()),
                to_rating: Some(to.value()),
                new_pattern: Some((*new_pattern).into()),
                from_percent: None,
                to_percent: None,
                text,
            },
            VerdictFlip::Share {
                task,
                title,
                from_percent,
                to_percent,
            } => ApiVerdictFlip {
                task: *task,
                title: title.clone(),
                dimension: None,
                from_rating: None,
                to_rating: None,
                new_pattern: None,
                from_percent: Some(*from_percent),
                to_percent: Some(*to_percent),
                text,
            },
        }
    }
}

/// The distance from the verdict to the next one in one direction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ApiVerdictMargin {
    /// The verdict on the other side.
    pub to: ApiVerdict,
    /// The share of working time the distance is measured on.
    pub measure: ApiMarginMeasure,
    /// Percentage points of working time that would have to change, one decimal.
    pub points: f64,
    /// The margin in words, e.g. `5 points of handed-over time from replace`.
    pub text: String,
    /// Single-task changes that would flip it (up to three rating changes and one share change).
    pub flips: Vec<ApiVerdictFlip>,
}

impl From<&VerdictMargin> for ApiVerdictMargin {
    fn from(margin: &VerdictMargin) -> ApiVerdictMargin {
        ApiVerdictMargin {
            to: margin.to.into(),
            measure: margin.measure.into(),
            points: margin.points,
            text: margin.to_string(),
            flips: margin.flips.iter().map(Into::into).collect(),
        }
    }
}

/// How far the verdict is from the next one, each way; null where there is none that way.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ApiVerdictMargins {
    /// Towards more machine work (human-led → complement → replace).
    pub toward_more_machine: Option<ApiVerdictMargin>,
    /// Towards less machine work.
    pub toward_less_machine: Option<ApiVerdictMargin>,
}

impl From<&VerdictMargins> for ApiVerdictMargins {
    fn from(margins: &VerdictMargins) -> ApiVerdictMargins {
        ApiVerdictMargins {
            toward_more_machine: margins.toward_more_machine.as_ref().map(Into::into),
            toward_less_machine: margins.toward_less_machine.as_ref().map(Into::into),
        }
    }
}
