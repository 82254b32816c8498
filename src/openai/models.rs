//! `GET /v1/models` response body.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelList {
    pub object: String,
    pub data: Vec<ModelObject>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelObject {
    pub id: String,
    pub object: String,
    pub created: i64,
    pub owned_by: String,
}

impl ModelList {
    pub fn new(data: Vec<ModelObject>) -> ModelList {
        ModelList {
            object: "list".into(),
            data,
        }
    }
}

impl ModelObject {
    pub fn new(id: &str, owned_by: &str) -> ModelObject {
        ModelObject {
            id: id.into(),
            object: "model".into(),
            created: 0,
            owned_by: owned_by.into(),
        }
    }
}
