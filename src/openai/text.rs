//! Walking the string values of a JSON document, for redaction and restoration.

use serde_json::Value;

/// Calls `f` on every string value (not keys) inside `value`, depth first.
pub fn for_each_string_mut<E>(
    value: &mut Value,
    f: &mut dyn FnMut(&mut String) -> Result<(), E>,
) -> Result<(), E> {
    match value {
        Value::String(s) => f(s),
        Value::Array(items) => items.iter_mut().try_for_each(|v| for_each_string_mut(v, f)),
        Value::Object(map) => map.values_mut().try_for_each(|v| for_each_string_mut(v, f)),
        Value::Null | Value::Bool(_) | Value::Number(_) => Ok(()),
    }
}

/// Applies `f` to a string that holds JSON (tool call arguments): to every string value
/// inside it when it parses, to the whole string when it does not.
pub(crate) fn for_each_embedded_json_string<E>(
    s: &mut String,
    f: &mut dyn FnMut(&mut String) -> Result<(), E>,
) -> Result<(), E> {
    match serde_json::from_str::<Value>(s) {
        Ok(mut inner @ (Value::Object(_) | Value::Array(_))) => {
            for_each_string_mut(&mut inner, f)?;
            *s = inner.to_string();
            Ok(())
        }
        _ => f(s),
    }
}
