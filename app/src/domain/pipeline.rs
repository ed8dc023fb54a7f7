//! The pipeline: stage history and a job's board.
use super::types::{Outcome, Stage};
use serde::{Deserialize, Serialize};

/// One move of an application through the pipeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageMove {
    pub from: Option<Stage>,
    pub to: Stage,
    pub outcome: Option<Outcome>,
    pub author: Option<String>,
    pub at: i64,
}

/// An open application on a job's pipeline board.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PipelineCard {
    pub application_id: String,
    pub candidate_id: String,
    pub name: String,
    pub stage: Stage,
    pub since: i64,
}
