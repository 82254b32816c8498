//! Server-sent events as OpenAI sends them: `data: <json>\n\n`, ended by `data: [DONE]`.

use bytes::Bytes;

/// The `data` payload that ends an OpenAI stream.
pub const DONE: &str = "[DONE]";

/// Frames one event's data. Multi-line data is split into several `data:` lines, as the
/// SSE specification requires, so a newline in the payload cannot end the event early.
pub fn frame(data: &str) -> Bytes {
    let mut out = String::with_capacity(data.len() + 8);
    for line in data.split('\n') {
        out.push_str("data: ");
        out.push_str(line.strip_suffix('\r').unwrap_or(line));
        out.push('\n');
    }
    out.push('\n');
    Bytes::from(out)
}

/// An error event in the shape the OpenAI SDKs raise as an APIError mid-stream.
pub fn error_frame(message: &str, kind: &str) -> Bytes {
    let body = serde_json::json!({"error": {"message": message, "type": kind, "param": null, "code": null}});
    frame(&body.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_single_and_multi_line_data() {
        assert_eq!(frame("{}"), Bytes::from_static(b"data: {}\n\n"));
        assert_eq!(frame("a\nb"), Bytes::from_static(b"data: a\ndata: b\n\n"));
    }
}
