//! `GET /v1/models`: every model a provider serves, and every alias.

use axum::extract::State;
use axum::Json;

use super::auth::Caller;
use super::Gateway;
use crate::openai::{ModelList, ModelObject};

pub async fn list_models(State(gw): State<Gateway>, _caller: Caller) -> Json<ModelList> {
    let mut data: Vec<ModelObject> = Vec::new();
    for provider in gw.providers.all() {
        let config = provider.config();
        for model in &config.models {
            if !data.iter().any(|m| &m.id == model) {
                data.push(ModelObject::new(model, &config.name));
            }
        }
    }
    for alias in gw.aliases.keys() {
        if !data.iter().any(|m| &m.id == alias) {
            data.push(ModelObject::new(alias, "ledgergate-alias"));
        }
    }
    Json(ModelList::new(data))
}
