//! What every request body the gateway screens has in common: the JSON object kept
//! whole (unknown fields travel upstream unchanged), its model, the parts screening
//! cannot read (found once at parse time), its size as received, and the walk over the
//! strings screening reads, guided by the route's [`Structure`].

use std::ops::DerefMut;
use std::sync::OnceLock;

use serde_json::value::RawValue;
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
    serialised: Serialised,
}

/// The body serialised once after its last change: the request record's capture and
/// every attempt's upstream body are the same text, so they share one serialisation
/// (two of a ~2 KB body were about 2 % of a JSON request's instructions, README "Load").
/// Every method that changes the map clears it.
#[derive(Debug, Clone, Default)]
struct Serialised(OnceLock<Box<RawValue>>);

/// Always equal: the text is derived from the map, which the bodies compare by.
impl PartialEq for Serialised {
    fn eq(&self, _: &Serialised) -> bool {
        true
    }
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
            serialised: Serialised::default(),
        })
    }

    pub fn model(&self) -> &str {
        &self.model
    }

    /// Replaces the model (an alias resolved to the served model).
    pub fn set_model(&mut self, model: &str) {
        self.serialised.0.take();
        replace_model(&mut self.map, &mut self.model, model);
    }

    /// The JSON object as it will be sent upstream.
    pub fn map(&self) -> &Map<String, Value> {
        &self.map
    }

    pub(super) fn map_mut(&mut self) -> &mut Map<String, Value> {
        self.serialised.0.take();
        &mut self.map
    }

    /// The JSON object as it will be sent upstream, as text.
    pub fn serialised(&self) -> &RawValue {
        self.serialised.0.get_or_init(|| {
            // Serializing a Map of Values cannot fail.
            serde_json::value::to_raw_value(&self.map).unwrap_or_else(|_| RawValue::NULL.to_owned())
        })
    }

    pub fn to_vec(&self) -> Vec<u8> {
        self.serialised().get().as_bytes().to_vec()
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
        body.serialised.0.take();
        Walker::new(body.structure, f, None).body(&mut body.map)
    }

    fn unreadable(&self) -> &[Unreadable] {
        &self.unreadable
    }

    fn body_len(&self) -> usize {
        self.raw_len
    }
}
