//! What every request body the gateway screens has in common: the JSON object kept
//! whole (unknown fields travel upstream unchanged), its model, the parts screening
//! cannot read (found once at parse time), its size as received, and the walk over the
//! strings screening reads, guided by the route's [`Structure`].

use std::ops::DerefMut;

use serde_json::{Map, Value};

use super::text::{unreadable_parts, Structure, Unreadable, Walker};
use super::{parse_object, replace_model, required_model, TextFields, WireError};

#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    model: String,
    map: Map<String, Value>,
    unreadable: Vec<Unreadable>,
    /// Bytes of the body as received.
    raw_len: usize,
    structure: &'static Structure,
}

impl Body {
    /// Parses a JSON object with a model, checks it with `check`, and finds what
    /// screening cannot read.
    pub(super) fn parse(
        bytes: &[u8],
        structure: &'static Structure,
        check: impl FnOnce(&Map<String, Value>) -> Result<(), WireError>,
    ) -> Result<Body, WireError> {
        let mut map = parse_object(bytes)?;
        let model = required_model(&map)?;
        check(&map)?;
        Ok(Body {
            unreadable: unreadable_parts(structure, &mut map),
            model,
            map,
            raw_len: bytes.len(),
            structure,
        })
    }

    pub fn model(&self) -> &str {
        &self.model
    }

    /// Replaces the model (an alias resolved to the served model).
    pub fn set_model(&mut self, model: &str) {
        replace_model(&mut self.map, &mut self.model, model);
    }

    /// The JSON object as it will be sent upstream.
    pub fn map(&self) -> &Map<String, Value> {
        &self.map
    }

    pub(super) fn map_mut(&mut self) -> &mut Map<String, Value> {
        &mut self.map
    }

    pub fn to_vec(&self) -> Vec<u8> {
        // Serializing a Map of Values cannot fail.
        serde_json::to_vec(&self.map).unwrap_or_default()
    }
}

/// A request made of a screened [`Body`] (it derefs to one): its text fields are the
/// body's.
impl<T: DerefMut<Target = Body>> TextFields for T {
    fn for_each_text_mut<E>(
        &mut self,
        f: &mut dyn FnMut(&mut String) -> Result<(), E>,
    ) -> Result<(), E> {
        let body: &mut Body = self;
        Walker::new(body.structure, f, None).body(&mut body.map)
    }

    fn unreadable(&self) -> &[Unreadable] {
        &self.unreadable
    }

    fn body_len(&self) -> usize {
        self.raw_len
    }
}
