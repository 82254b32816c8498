//! Walking the text of a JSON request body for screening, by construction: every string
//! at any depth is text a provider will read, except the values at a route's reviewed
//! structural paths (model names, roles, ids, enum-valued options), which are left
//! alone. Fields the gateway does not know are therefore screened too.
//!
//! Each value is screened with its field name as context (`ssn: 219099999`), the way a
//! person reading the JSON would see it; only the value is rewritten.
//!
//! Two places hold more than strings:
//! - JSON text (tool-call arguments): parsed, and inside it numbers and object keys are
//!   text as well (`{"card": 4111111111111111}` carries a card number); text that does
//!   not parse is screened whole.
//! - Parts the engine cannot read (images, audio and files, inline or by id; any
//!   `data:...;base64,` URL; token-id arrays): never walked as text, listed instead by
//!   field path ([`Unreadable`]) so that the policy refuses or allows them.

use serde_json::{Map, Value};

/// A part of a request the PII engine cannot read, by the field that holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// Where it sits in the request body, e.g. `messages[1].content[0]`.
    pub path: String,
    /// What it is: `image`, `audio`, `file`, `data URL` or `token ids`.
    pub kind: &'static str,
}

/// One step of a path pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pat {
    Key(&'static str),
    /// `[]`: any array index.
    AnyIndex,
    /// `*`: any object key.
    AnyKey,
}

/// One step of a path into a document.
#[derive(Debug, Clone)]
enum Seg {
    Key(String),
    Index(usize),
}

/// The reviewed paths of one route: structural values that are never screened, and
/// strings that hold JSON text. Patterns are dotted paths; `[]` stands for any index
/// and `*` for any key: `messages[].tool_calls[].function.name`.
#[derive(Debug, PartialEq)]
pub struct Structure {
    structural: Vec<Vec<Pat>>,
    json_text: Vec<Vec<Pat>>,
    /// Top-level fields where numbers stand for text (token ids).
    token_ids: &'static [&'static str],
}

fn parse_pattern(pattern: &'static str) -> Vec<Pat> {
    let mut out = Vec::new();
    for part in pattern.split('.') {
        let (key, indexes) = match part.find("[]") {
            Some(i) => (&part[..i], part[i..].matches("[]").count()),
            None => (part, 0),
        };
        match key {
            "" => {}
            "*" => out.push(Pat::AnyKey),
            key => out.push(Pat::Key(key)),
        }
        out.extend(std::iter::repeat_n(Pat::AnyIndex, indexes));
    }
    out
}

fn matches(pattern: &[Pat], path: &[Seg]) -> bool {
    pattern.len() == path.len()
        && pattern.iter().zip(path).all(|(p, s)| match (p, s) {
            (Pat::Key(k), Seg::Key(key)) => k == key,
            (Pat::AnyKey, Seg::Key(_)) | (Pat::AnyIndex, Seg::Index(_)) => true,
            _ => false,
        })
}

impl Structure {
    pub fn new(structural: &[&'static str], json_text: &[&'static str]) -> Structure {
        Structure {
            structural: structural.iter().copied().map(parse_pattern).collect(),
            json_text: json_text.iter().copied().map(parse_pattern).collect(),
            token_ids: &[],
        }
    }

    /// Top-level `fields` that may hold token ids instead of text (embeddings' `input`).
    pub fn token_ids(mut self, fields: &'static [&'static str]) -> Structure {
        self.token_ids = fields;
        self
    }

    fn is_structural(&self, path: &[Seg]) -> bool {
        self.structural.iter().any(|p| matches(p, path))
    }

    fn is_json_text(&self, path: &[Seg]) -> bool {
        self.json_text.iter().any(|p| matches(p, path))
    }
}

/// The field path as people write it: `messages[2].content[0].text`.
fn display(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }
    out
}

/// The nearest field name above the value at `path`.
fn label(path: &[Seg]) -> Option<&str> {
    path.iter().rev().find_map(|seg| match seg {
        Seg::Key(k) => Some(k.as_str()),
        Seg::Index(_) => None,
    })
}

/// An inline file: `data:<type>;base64,<bytes>`. Its bytes are not text.
fn is_data_url(s: &str) -> bool {
    s.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("data:"))
        && s.find(',').is_some_and(|comma| {
            s[..comma]
                .to_ascii_lowercase()
                .split(';')
                .any(|p| p == "base64")
        })
}

/// What a content part is when the engine cannot read it: OpenAI's image, audio and
/// file parts, Anthropic-style image and document blocks with inline or file sources.
/// An image given by an `http(s)` URL is text (the URL can carry personal data).
fn unreadable_part(map: &Map<String, Value>) -> Option<&'static str> {
    let ty = map.get("type").and_then(Value::as_str)?;
    match ty {
        "image_url" | "input_image" => match image_url(map.get("image_url")) {
            Some(u) if !is_data_url(u) => None,
            _ => Some("image"),
        },
        "input_audio" | "audio" => Some("audio"),
        "file" | "input_file" => Some("file"),
        "image" | "document" => {
            match map
                .get("source")
                .and_then(|s| s.get("type"))
                .and_then(Value::as_str)
            {
                Some("url") | Some("text") | Some("content") => None,
                _ => Some(if ty == "image" { "image" } else { "file" }),
            }
        }
        _ => None,
    }
}

/// An image part's URL: `"image_url": "..."` or `"image_url": {"url": "..."}`.
fn image_url(value: Option<&Value>) -> Option<&str> {
    match value? {
        Value::String(url) => Some(url),
        Value::Object(o) => o.get("url").and_then(Value::as_str),
        _ => None,
    }
}

/// Visits the text of a document per a [`Structure`].
pub struct Walker<'a, E> {
    structure: &'a Structure,
    path: Vec<Seg>,
    text: &'a mut dyn FnMut(&mut String) -> Result<(), E>,
    unreadable: Option<&'a mut Vec<Unreadable>>,
}

impl<'a, E> Walker<'a, E> {
    /// Calls `text` on every screened string; lists unreadable parts into
    /// `unreadable` when given.
    pub fn new(
        structure: &'a Structure,
        text: &'a mut dyn FnMut(&mut String) -> Result<(), E>,
        unreadable: Option<&'a mut Vec<Unreadable>>,
    ) -> Walker<'a, E> {
        Walker {
            structure,
            path: Vec::new(),
            text,
            unreadable,
        }
    }

    /// Walks the fields of a body (the top-level object).
    pub fn body(&mut self, body: &mut Map<String, Value>) -> Result<(), E> {
        for field in self.structure.token_ids {
            if let Some(value) = body.get(*field) {
                self.token_ids(field, value);
            }
        }
        self.object(body)
    }

    fn unreadable(&mut self, kind: &'static str) {
        if let Some(list) = self.unreadable.as_deref_mut() {
            list.push(Unreadable {
                path: display(&self.path),
                kind,
            });
        }
    }

    fn in_array(&self) -> bool {
        matches!(self.path.last(), Some(Seg::Index(_)))
    }

    fn object(&mut self, map: &mut Map<String, Value>) -> Result<(), E> {
        for (key, value) in map.iter_mut() {
            self.path.push(Seg::Key(key.clone()));
            let walked = self.value(value);
            self.path.pop();
            walked?;
        }
        Ok(())
    }

    fn value(&mut self, value: &mut Value) -> Result<(), E> {
        if self.structure.is_structural(&self.path) {
            return Ok(());
        }
        match value {
            Value::String(s) if is_data_url(s) => {
                self.unreadable("data URL");
                Ok(())
            }
            Value::String(s) if self.structure.is_json_text(&self.path) => {
                json_text(s, &mut *self.text)
            }
            Value::String(s) => labelled(label(&self.path), s, &mut *self.text),
            Value::Array(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    self.path.push(Seg::Index(i));
                    let walked = self.value(item);
                    self.path.pop();
                    walked?;
                }
                Ok(())
            }
            // Content parts are array elements; elsewhere a `type` key is just a key.
            Value::Object(map) if !self.in_array() => self.object(map),
            Value::Object(map) => match unreadable_part(map) {
                Some(kind) => {
                    self.unreadable(kind);
                    Ok(())
                }
                None => self.object(map),
            },
            Value::Null | Value::Bool(_) | Value::Number(_) => Ok(()),
        }
    }

    /// Lists `key` as unreadable when `value` holds numbers where text could be
    /// (token ids instead of text, as embeddings accept).
    fn token_ids(&mut self, key: &str, value: &Value) {
        let numbers = match value {
            Value::Array(items) => items.iter().any(|item| match item {
                Value::Number(_) => true,
                Value::Array(inner) => inner.iter().any(Value::is_number),
                _ => false,
            }),
            _ => false,
        };
        if numbers {
            self.path.push(Seg::Key(key.to_owned()));
            self.unreadable("token ids");
            self.path.pop();
        }
    }
}

/// Screens `value` as `label: value`, so that a field name gives its value context
/// (`"ssn": "219099999"`), and keeps only the value's part of the result. When the label
/// itself was rewritten (a key that is personal data), the value is screened alone.
fn labelled<E>(
    label: Option<&str>,
    value: &mut String,
    f: &mut dyn FnMut(&mut String) -> Result<(), E>,
) -> Result<(), E> {
    let Some(label) = label else {
        return f(value);
    };
    let mut text = String::with_capacity(label.len() + 2 + value.len());
    text.push_str(label);
    text.push_str(": ");
    text.push_str(value);
    f(&mut text)?;
    match text
        .strip_prefix(label)
        .and_then(|rest| rest.strip_prefix(": "))
    {
        Some(rest) => {
            if rest != value.as_str() {
                *value = rest.to_owned();
            }
            Ok(())
        }
        None => f(value),
    }
}

/// The parts of `body` screening cannot read, per `structure` (found once, at parse
/// time; nothing is changed).
pub fn unreadable_parts(structure: &Structure, body: &mut Map<String, Value>) -> Vec<Unreadable> {
    let mut found = Vec::new();
    let mut nothing = |_: &mut String| Ok::<_, ()>(());
    Walker::new(structure, &mut nothing, Some(&mut found))
        .body(body)
        .ok();
    found
}

/// JSON text (tool-call arguments): every string, number and object key inside it is
/// text; rewritten values are written back as JSON (escaped). Text that is not a JSON
/// object or array is screened whole.
pub fn json_text<E>(
    s: &mut String,
    f: &mut dyn FnMut(&mut String) -> Result<(), E>,
) -> Result<(), E> {
    match serde_json::from_str::<Value>(s) {
        Ok(mut inner @ (Value::Object(_) | Value::Array(_))) => {
            if deep(None, &mut inner, f)? {
                *s = inner.to_string();
            }
            Ok(())
        }
        _ => f(s),
    }
}

/// Screens strings, numbers and keys of a parsed document, each value with its
/// field name as context; `true` when anything changed.
fn deep<E>(
    label: Option<&str>,
    value: &mut Value,
    f: &mut dyn FnMut(&mut String) -> Result<(), E>,
) -> Result<bool, E> {
    match value {
        Value::String(s) => {
            let old = s.clone();
            labelled(label, s, f)?;
            Ok(*s != old)
        }
        Value::Number(n) => {
            let old = n.to_string();
            let mut text = old.clone();
            labelled(label, &mut text, f)?;
            if text != old {
                // A number that held personal data becomes the string that replaced it.
                *value = Value::String(text);
                return Ok(true);
            }
            Ok(false)
        }
        Value::Array(items) => {
            let mut changed = false;
            for item in items.iter_mut() {
                changed |= deep(label, item, f)?;
            }
            Ok(changed)
        }
        Value::Object(map) => {
            let mut changed = false;
            let mut out = Map::with_capacity(map.len());
            for (key, mut item) in std::mem::take(map) {
                changed |= deep(Some(&key), &mut item, f)?;
                let mut new_key = key.clone();
                f(&mut new_key)?;
                if new_key != key {
                    changed = true;
                    // Two keys masked alike must not merge into one.
                    let base = new_key.clone();
                    let mut n = 2;
                    while out.contains_key(&new_key) {
                        new_key = format!("{base}#{n}");
                        n += 1;
                    }
                }
                out.insert(new_key, item);
            }
            *map = out;
            Ok(changed)
        }
        Value::Null | Value::Bool(_) => Ok(false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn upper(s: &mut String) -> Result<(), ()> {
        *s = s.to_uppercase();
        Ok(())
    }

    #[test]
    fn everything_but_structural_paths_is_text() {
        let structure = Structure::new(&["model", "messages[].role"], &[]);
        let mut body = json!({"model": "m", "messages": [{"role": "user", "content": "hi", "x": {"deep": ["a"]}}], "user": "u"});
        let Value::Object(map) = &mut body else {
            unreachable!()
        };
        let mut f = upper;
        Walker::new(&structure, &mut f, None).body(map).unwrap();
        assert_eq!(
            body,
            json!({"model": "m", "messages": [{"role": "user", "content": "HI", "x": {"deep": ["A"]}}], "user": "U"})
        );
    }

    #[test]
    fn json_text_screens_numbers_and_keys_and_escapes() {
        let mut s = r#"{"a@b.c": 4111, "q": "x\"y"}"#.to_owned();
        let mut f = |t: &mut String| -> Result<(), ()> {
            if t.contains('@') || t.contains("4111") || t.contains("x\"y") {
                *t = "<\"X\">".into();
            }
            Ok(())
        };
        json_text(&mut s, &mut f).unwrap();
        let v: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(v, json!({"<\"X\">": "<\"X\">", "q": "<\"X\">"}));
    }

    #[test]
    fn keys_masked_alike_stay_apart() {
        let mut s = r#"{"a@b.c": 1, "d@e.f": 2}"#.to_owned();
        let mut f = |t: &mut String| -> Result<(), ()> {
            if t.contains('@') {
                *t = "<EMAIL>".into();
            }
            Ok(())
        };
        json_text(&mut s, &mut f).unwrap();
        let v: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(v, json!({"<EMAIL>": 1, "<EMAIL>#2": 2}));
    }

    #[test]
    fn unreadable_parts_are_listed_not_walked() {
        let structure = Structure::new(&["messages[].content[].type"], &[]);
        let mut body = json!({"messages": [{"content": [
            {"type": "text", "text": "t"},
            {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}},
            {"type": "image_url", "image_url": {"url": "https://x.example/a.png"}},
            {"type": "input_audio", "input_audio": {"data": "AAAA", "format": "wav"}},
            {"type": "file", "file": {"file_id": "file-1"}}
        ]}], "extra": "DATA:text/plain;charset=utf-8;BASE64,aGk="});
        let Value::Object(map) = &mut body else {
            unreachable!()
        };
        let mut seen = Vec::new();
        let mut f = |s: &mut String| -> Result<(), ()> {
            seen.push(s.clone());
            Ok(())
        };
        let mut unreadable = Vec::new();
        Walker::new(&structure, &mut f, Some(&mut unreadable))
            .body(map)
            .unwrap();
        // Each value with its field name as context.
        assert_eq!(seen, vec!["text: t", "url: https://x.example/a.png"]);
        let listed: Vec<(&str, &str)> = unreadable
            .iter()
            .map(|u| (u.path.as_str(), u.kind))
            .collect();
        assert_eq!(
            listed,
            vec![
                ("messages[0].content[1]", "image"),
                ("messages[0].content[3]", "audio"),
                ("messages[0].content[4]", "file"),
                ("extra", "data URL"),
            ]
        );
    }
}
