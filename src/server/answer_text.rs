//! A complete JSON answer handled as text, without a `serde_json::Value` tree: tokens
//! restored in place in the string literals the tree path restores (every string value
//! inside `choices`; tool-call and legacy function-call arguments with values escaped
//! for the JSON text they sit in), every other byte kept as the provider sent it, and
//! the compact text the audit record captures. Used when the answer is neither scanned
//! nor re-shaped; the tree path (`restore.rs`) does the rest.

use std::borrow::Cow;

use serde_json::value::RawValue;

use crate::pii::Restorer;

/// Where the scanner stands: in an object (the key of the member being read, raw, and
/// whether a key is expected next) or in an array.
enum Frame<'a> {
    Object { key: &'a str, wants_key: bool },
    Array,
}

impl Frame<'_> {
    /// Whether this is an object whose current member's key is `name`.
    fn member(&self, name: &str) -> bool {
        match self {
            Frame::Object { key, .. } => decoded(key).as_deref() == Some(name),
            Frame::Array => false,
        }
    }
}

/// The value of a string literal's inside (`raw`, without its quotes); `None` only for
/// text that is no JSON string, which a parsed document never holds.
fn decoded(raw: &str) -> Option<Cow<'_, str>> {
    if raw.contains('\\') {
        // Quotes around the inside make the literal again; escapes are decoded.
        let literal = format!("\"{raw}\"");
        serde_json::from_str::<String>(&literal)
            .ok()
            .map(Cow::Owned)
    } else {
        Some(Cow::Borrowed(raw))
    }
}

/// The end (index of the closing quote) of the string literal whose opening quote is at
/// `open`.
fn string_end(b: &[u8], open: usize) -> usize {
    let mut i = open + 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i,
            _ => i += 1,
        }
    }
    b.len()
}

/// Which restoring a string value at `stack` gets: `None` outside `choices`,
/// `Some(true)` for tool-call arguments (JSON text), `Some(false)` for other text.
fn restoring(stack: &[Frame<'_>]) -> Option<bool> {
    let first = stack.first()?;
    if !first.member("choices") {
        return None;
    }
    let is = |i: usize, name: &str| stack.get(i).is_some_and(|f| f.member(name));
    let array = |i: usize| matches!(stack.get(i), Some(Frame::Array));
    let message = array(1) && is(2, "message");
    let tool_call = stack.len() == 7
        && message
        && is(3, "tool_calls")
        && array(4)
        && is(5, "function")
        && is(6, "arguments");
    let function_call = stack.len() == 5 && message && is(3, "function_call") && is(4, "arguments");
    Some(tool_call || function_call)
}

/// Restores the tokens of `restorer` in the JSON answer `text` (a parsed, valid JSON
/// object): the restored text, or `None` when nothing changed (send `text` as is).
/// The same strings change as under `restore::restore_completion`.
pub fn restore_answer_text(text: &str, restorer: &Restorer) -> Option<String> {
    if restorer.is_empty() {
        return None;
    }
    let b = text.as_bytes();
    let mut stack: Vec<Frame<'_>> = Vec::with_capacity(8);
    let mut json_restorer: Option<Restorer> = None;
    let mut out: Option<Vec<u8>> = None;
    let mut copied = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'{' => stack.push(Frame::Object {
                key: "",
                wants_key: true,
            }),
            b'[' => stack.push(Frame::Array),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => {
                if let Some(Frame::Object { wants_key, .. }) = stack.last_mut() {
                    *wants_key = true;
                }
            }
            b':' => {
                if let Some(Frame::Object { wants_key, .. }) = stack.last_mut() {
                    *wants_key = false;
                }
            }
            b'"' => {
                let end = string_end(b, i);
                let inside = text.get(i + 1..end).unwrap_or("");
                let is_key = matches!(
                    stack.last(),
                    Some(Frame::Object {
                        wants_key: true,
                        ..
                    })
                );
                if is_key {
                    if let Some(Frame::Object { key, wants_key }) = stack.last_mut() {
                        *key = inside;
                        *wants_key = false;
                    }
                } else if let Some(arguments) = restoring(&stack) {
                    let Some(value) = decoded(inside) else {
                        i = end + 1;
                        continue;
                    };
                    let restored = if arguments {
                        let json = json_restorer.get_or_insert_with(|| restorer.for_json_text());
                        restorer.restore(&json.restore(&value))
                    } else {
                        restorer.restore(&value)
                    };
                    if restored != value {
                        let buffer = out
                            .get_or_insert_with(|| Vec::with_capacity(b.len() + b.len() / 8 + 64));
                        buffer.extend_from_slice(&b[copied..i]);
                        // Writing a string into a Vec cannot fail.
                        serde_json::to_writer(&mut *buffer, &restored).ok()?;
                        copied = end + 1;
                    }
                }
                i = end;
            }
            _ => {}
        }
        i += 1;
    }
    let mut buffer = out?;
    buffer.extend_from_slice(&b[copied..]);
    String::from_utf8(buffer).ok()
}

/// `text` (valid JSON) without the whitespace between its tokens, as the audit record
/// keeps it (one line); string literals are kept byte for byte.
pub fn compact(text: &str) -> Box<RawValue> {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut copied = 0;
    while i < b.len() {
        match b[i] {
            b' ' | b'\t' | b'\n' | b'\r' => {
                out.push_str(&text[copied..i]);
                copied = i + 1;
            }
            b'"' => i = string_end(b, i),
            _ => {}
        }
        i += 1;
    }
    out.push_str(text.get(copied..).unwrap_or(""));
    RawValue::from_string(out).unwrap_or_else(|e| {
        tracing::error!(error = %e, "captured content is no JSON; recording null");
        RawValue::NULL.to_owned()
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::sync::Arc;

    use serde_json::Value;
    use zeroize::Zeroizing;

    use super::*;
    use crate::server::restore::restore_completion;

    fn restorer() -> Restorer {
        let map = BTreeMap::from([
            (
                "email_address_1".to_owned(),
                Zeroizing::new("jane@example.com".to_owned()),
            ),
            // An original that JSON text must escape: quotes, a backslash, a newline.
            (
                "person_1".to_owned(),
                Zeroizing::new("Jane \"JR\" Roe\\\n".to_owned()),
            ),
        ]);
        Restorer::new(Arc::new(map))
    }

    /// The text path against the tree path on `text`: the same document, and the
    /// untouched text when nothing changed.
    fn same_as_tree(text: &str) -> Option<String> {
        let restorer = restorer();
        let mut tree: Value = serde_json::from_str(text).unwrap();
        restore_completion(&mut tree, &restorer);
        let restored = restore_answer_text(text, &restorer);
        let from_text: Value = serde_json::from_str(restored.as_deref().unwrap_or(text)).unwrap();
        assert_eq!(
            from_text, tree,
            "text path differs from tree path on {text}"
        );
        restored
    }

    #[test]
    fn restores_what_the_tree_path_restores() {
        let texts = [
            // Plain content, a token in each accepted form, one right after an escape.
            r#"{"id":"chatcmpl-person_1","choices":[{"index":0,"message":{"role":"assistant","content":"Hi <PERSON_1>, mail EMAIL_ADDRESS_1 or <email_address_1\n\nperson_1>"},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7}}"#,
            // Escapes inside and around the token, written as \u escapes too.
            "{\"choices\":[{\"message\":{\"content\":\"a\\nPERSON_1\\t\\\"x\\\" \\u0050ERSON\\u005f1 \\u00e9\"}}]}",
            // Pretty-printed, tool-call arguments (JSON text) and a legacy function call.
            "{\n  \"choices\": [\n    {\n      \"message\": {\n        \"content\": null,\n        \"tool_calls\": [\n          {\"id\": \"call_1\", \"type\": \"function\", \"function\": {\"name\": \"send_mail\", \"arguments\": \"{\\\"to\\\": \\\"<EMAIL_ADDRESS_1>\\\", \\\"name\\\": \\\"PERSON_1\\\"}\"}}\n        ],\n        \"function_call\": {\"name\": \"f\", \"arguments\": \"{\\\"who\\\":\\\"person_1\\\"}\"}\n      }\n    }\n  ]\n}\n",
            // Keys with escapes still name the member; tokens in keys stay.
            r#"{"ch\u006fices":[{"message":{"tool_calls":[{"function":{"argum\u0065nts":"{\"a\":\"PERSON_1\"}"}}],"PERSON_1":"PERSON_1"}}]}"#,
            // Outside choices nothing changes; a word only ending in a token stays.
            r#"{"model":"PERSON_1","choices":[{"message":{"content":"xPERSON_1 EMAIL_ADDRESS_12"}}],"system_fingerprint":"person_1"}"#,
            // choices as a string, arguments not where the tree path looks for them.
            r#"{"choices":"PERSON_1"}"#,
            r#"{"choices":[{"message":{"arguments":"PERSON_1","tool_calls":{"function":{"arguments":"PERSON_1"}}}}]}"#,
            r#"[{"choices":[{"message":{"content":"PERSON_1"}}]}]"#,
        ];
        for text in texts {
            same_as_tree(text);
        }
        // The originals arrive in the client's text, escaped where JSON text needs it.
        let out = same_as_tree(texts[2]).unwrap();
        let v: Value = serde_json::from_str(&out).unwrap();
        let args: Value = serde_json::from_str(
            v["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"]
                .as_str()
                .unwrap(),
        )
        .unwrap();
        assert_eq!(args["to"], "jane@example.com");
        assert_eq!(args["name"], "Jane \"JR\" Roe\\\n");
        // What did not change is kept byte for byte.
        assert!(out.starts_with("{\n  \"choices\": [\n"));
    }

    #[test]
    fn nothing_to_restore_keeps_the_text() {
        let text = r#"{"id":"x_1","choices":[{"message":{"content":"no token here, person_2"}}]}"#;
        assert_eq!(same_as_tree(text), None);
        let none = Restorer::new(Arc::new(BTreeMap::new()));
        assert_eq!(
            restore_answer_text(r#"{"choices":"PERSON_1"}"#, &none),
            None
        );
    }

    #[test]
    fn compact_drops_whitespace_between_tokens_only() {
        let text = "{\n \"a\" : [ 1 ,\t\"b c\\\" d\" ] ,\r\n\"e\":null }\n";
        let raw = compact(text);
        assert_eq!(raw.get(), r#"{"a":[1,"b c\" d"],"e":null}"#);
        let parsed: Value = serde_json::from_str(raw.get()).unwrap();
        assert_eq!(parsed, serde_json::from_str::<Value>(text).unwrap());
    }
}
