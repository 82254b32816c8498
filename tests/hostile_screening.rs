//! Hostile input, screening: personal data in every field a client can fill, through
//! HTTP against a recording upstream. No raw value may reach the provider, whatever
//! field carries it; parts the engine cannot read are refused with a 400 naming the
//! field unless the policy says `[pii] binary = "allow"` (then they pass, recorded).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod common;

use common::*;
use serde_json::{json, Value};

const EMAIL: &str = "jane.doe@example.com";
const OTHER_EMAIL: &str = "carter.john@example.org";
const SSN: &str = "536-22-8817";
const CARD: &str = "4111111111111111";
const CARD_SPACED: &str = "4111 1111 1111 1111";

/// Every raw value the tests send; none may appear in what the upstream received.
const RAW: &[&str] = &[EMAIL, OTHER_EMAIL, SSN, CARD, CARD_SPACED, "536228817"];

fn assert_nothing_raw(received: &Value) {
    let text = received.to_string();
    for raw in RAW {
        assert!(!text.contains(raw), "{raw} reached the provider in {text}");
    }
}

async fn post(gw: &TestGateway, path: &str, body: &Value) -> (u16, Value) {
    let response = http()
        .post(format!("{}{path}", gw.url))
        .bearer_auth(CLIENT_KEY)
        .json(body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn personal_data_in_any_chat_field_is_screened_before_it_leaves() {
    let upstream = TestUpstream::openai().await;
    let gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    let body = json!({
        "model": "gpt-4o-mini",
        "user": EMAIL,
        "metadata": {"patient": format!("John Carter SSN {SSN}")},
        "messages": [
            {"role": "user", "content": "Look up my order."},
            {"role": "assistant", "content": null, "tool_calls": [{
                "id": "call_1", "type": "function",
                "function": {"name": "lookup", "arguments": format!(
                    "{{\"card\":{CARD},\"ssn\":536228817,\"{OTHER_EMAIL}\":true}}")}
            }]},
            {"role": "tool", "tool_call_id": "call_1", "content": format!("card on file {CARD_SPACED}")}
        ],
        "tools": [{"type": "function", "function": {
            "name": "lookup",
            "description": format!("Looks up orders; escalate to {EMAIL}, card {CARD}"),
            "parameters": {"type": "object", "properties": {
                "who": {"type": "string", "description": format!("e.g. {OTHER_EMAIL}"),
                        "enum": [EMAIL]}
            }}
        }}],
        "prediction": {"type": "content", "content": format!("Dear {EMAIL}")},
        "response_format": {"type": "json_schema", "json_schema": {
            "name": "answer",
            "schema": {"type": "object", "description": format!("for SSN {SSN}")}
        }},
        "stop": [EMAIL, "END"],
        "x_future_field": {"nested": [format!("call {OTHER_EMAIL}")]}
    });
    let (status, reply) = post(&gw, "/v1/chat/completions", &body).await;
    assert_eq!(status, 200, "{reply}");
    let sent = upstream.last_body();
    assert_nothing_raw(&sent);

    // Structure is kept: roles, ids, names and types reach the provider unchanged.
    assert_eq!(sent["messages"][1]["role"], "assistant");
    assert_eq!(sent["messages"][1]["tool_calls"][0]["id"], "call_1");
    assert_eq!(
        sent["messages"][1]["tool_calls"][0]["function"]["name"],
        "lookup"
    );
    assert_eq!(sent["tools"][0]["function"]["name"], "lookup");
    assert_eq!(sent["response_format"]["json_schema"]["name"], "answer");
    assert_eq!(sent["prediction"]["type"], "content");
    assert_eq!(sent["stop"][1], "END");
    // The tool call's arguments are still JSON (rewritten values escaped into it).
    let args = sent["messages"][1]["tool_calls"][0]["function"]["arguments"]
        .as_str()
        .unwrap();
    let args: Value = serde_json::from_str(args).unwrap();
    assert_eq!(args.as_object().unwrap().len(), 3, "{args}");
}

#[tokio::test]
async fn personal_data_in_messages_api_fields_is_screened_before_it_leaves() {
    let upstream = TestUpstream::openai().await;
    let gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    let body = json!({
        "model": "gpt-4o-mini",
        "max_tokens": 64,
        "metadata": {"user_id": EMAIL},
        "stop_sequences": [OTHER_EMAIL],
        "system": format!("Escalations go to {OTHER_EMAIL}"),
        "tools": [{
            "name": "lookup",
            "description": format!("Find the patient with SSN {SSN}"),
            "input_schema": {"type": "object", "properties": {
                "card": {"type": "string", "description": format!("like {CARD}")}
            }}
        }],
        "messages": [{"role": "user", "content": "Hello"}]
    });
    let (status, reply) = post(&gw, "/v1/messages", &body).await;
    assert_eq!(status, 200, "{reply}");
    assert_nothing_raw(&upstream.last_body());
}

#[tokio::test]
async fn parts_the_engine_cannot_read_are_refused_naming_the_field() {
    let upstream = TestUpstream::openai().await;
    let gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    let part = |part: Value| {
        json!({"model": "gpt-4o-mini", "messages": [
            {"role": "user", "content": [{"type": "text", "text": "what is this?"}, part]}
        ]})
    };
    let cases = [
        (
            part(
                json!({"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}}),
            ),
            "/v1/chat/completions",
            "messages[0].content[1]",
            "an image",
        ),
        (
            part(
                json!({"type": "input_audio", "input_audio": {"data": "UklGRg==", "format": "wav"}}),
            ),
            "/v1/chat/completions",
            "messages[0].content[1]",
            "an audio",
        ),
        (
            part(
                json!({"type": "file", "file": {"file_data": "data:application/pdf;base64,JVBERi0=", "filename": "scan.pdf"}}),
            ),
            "/v1/chat/completions",
            "messages[0].content[1]",
            "a file",
        ),
        (
            json!({"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}],
                   "x_attachment": "data:text/plain;base64,amFuZUBleGFtcGxlLmNvbQ=="}),
            "/v1/chat/completions",
            "x_attachment",
            "a data URL",
        ),
        (
            json!({"model": "text-embedding-3-small", "input": [[9906, 1917], [15339]]}),
            "/v1/embeddings",
            "input",
            "token ids",
        ),
        (
            json!({"model": "gpt-4o-mini", "max_tokens": 16, "messages": [{"role": "user", "content": [
                {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}}
            ]}]}),
            "/v1/messages",
            "messages[0].content[0]",
            "an image",
        ),
    ];
    for (body, path, field, kind) in cases {
        let (status, reply) = post(&gw, path, &body).await;
        assert_eq!(status, 400, "{path} {body}: {reply}");
        assert_eq!(reply["error"]["code"], "unreadable_content", "{reply}");
        assert_eq!(reply["error"]["param"], field, "{reply}");
        let message = reply["error"]["message"].as_str().unwrap();
        assert!(
            message.contains(&format!("`{field}` holds {kind}")),
            "{message}"
        );
        assert!(message.contains("policy \"default\""), "{message}");
    }
    assert_eq!(upstream.requests(), 0, "nothing reached the provider");
}

const ALLOWING_POLICY: &str = r#"
id = "default"

[pii]
default_action = "mask"
binary = "allow"
"#;

#[tokio::test]
async fn a_policy_that_allows_binary_parts_forwards_them_and_the_record_says_so() {
    let upstream = TestUpstream::openai().await;
    let mut gw = TestGateway::start_with_policies(
        &config_for(&upstream.base_url(), ""),
        &[("default.toml", ALLOWING_POLICY)],
    );
    let image = "data:image/png;base64,iVBORw0KGgo=";
    let body = json!({"model": "gpt-4o-mini", "messages": [{"role": "user", "content": [
        {"type": "text", "text": format!("from {EMAIL}")},
        {"type": "image_url", "image_url": {"url": image}}
    ]}]});
    let (status, reply) = post(&gw, "/v1/chat/completions", &body).await;
    assert_eq!(status, 200, "{reply}");
    let sent = upstream.last_body();
    assert_eq!(sent["messages"][0]["content"][1]["image_url"]["url"], image);
    assert_nothing_raw(&sent);

    gw.sigterm();
    assert_eq!(gw.wait_exit(std::time::Duration::from_secs(10)), Some(0));
    let data = gw.data_dir();
    let (code, out, err) = cli(&["audit", "tail", "--data-dir", data.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let request = out
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|r| r["record"]["kind"] == "request")
        .expect("a request record");
    assert_eq!(
        request["record"]["unscreened"],
        json!([{"path": "messages[0].content[1]", "kind": "image"}])
    );
}

const TICKET_POLICY: &str = r#"
id = "default"

[pii]
default_action = "mask"

[pii.actions]
TICKET = "tokenize"

[[pii.custom]]
name = "ticket"
entity = "TICKET"
regex = 'TICKET\{[^}]*\}'
confidence = 0.9
"#;

/// The restored tool-call arguments, from a JSON answer or from a stream's fragments.
async fn tool_arguments(gw: &TestGateway, text: &str, stream: bool) -> String {
    let body = json!({"model": "gpt-4o-mini", "stream": stream,
                      "messages": [{"role": "user", "content": text}]});
    let response = http()
        .post(format!("{}/v1/chat/completions", gw.url))
        .bearer_auth(CLIENT_KEY)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let raw = response.text().await.unwrap();
    if !stream {
        let reply: Value = serde_json::from_str(&raw).unwrap();
        return reply["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"]
            .as_str()
            .unwrap()
            .to_owned();
    }
    raw.lines()
        .filter_map(|l| l.strip_prefix("data: "))
        .filter(|d| *d != "[DONE]")
        .map(|d| serde_json::from_str::<Value>(d).unwrap())
        .flat_map(|chunk| {
            chunk["choices"][0]["delta"]["tool_calls"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .filter_map(|call| call["function"]["arguments"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn values_restored_into_tool_call_arguments_cannot_inject_keys() {
    let upstream = TestUpstream::with(Behaviour::CallsTool(None)).await;
    let gw = TestGateway::start_with_policies(
        &config_for(&upstream.base_url(), ""),
        &[("default.toml", TICKET_POLICY)],
    );
    // The original value holds quotes: restored raw into the arguments' JSON text, it
    // would close the string and add an "admin" key to the client's tool call.
    let hostile = r#"TICKET{","admin":true,"x":"}"#;
    for stream in [false, true] {
        let args = tool_arguments(&gw, hostile, stream).await;
        let parsed: Value =
            serde_json::from_str(&args).unwrap_or_else(|e| panic!("stream={stream}: {e}: {args}"));
        assert_eq!(parsed, json!({"note": hostile}), "stream={stream}");
        let sent = upstream.last_body().to_string();
        assert!(!sent.contains("admin"), "the value itself left: {sent}");
    }
}

const SCANNING_POLICY: &str = r#"
id = "default"

[pii]
default_action = "mask"

[output]
scan = true
"#;

#[tokio::test]
async fn output_scanning_covers_tool_call_arguments_in_json_and_streams() {
    // The model writes an e-mail address of its own into the arguments.
    let upstream = TestUpstream::with(Behaviour::CallsTool(Some(
        "reach the patient at carter.john@example.org",
    )))
    .await;
    let gw = TestGateway::start_with_policies(
        &config_for(&upstream.base_url(), ""),
        &[("default.toml", SCANNING_POLICY)],
    );
    for stream in [false, true] {
        let args = tool_arguments(&gw, "Who should I call?", stream).await;
        let parsed: Value =
            serde_json::from_str(&args).unwrap_or_else(|e| panic!("stream={stream}: {e}: {args}"));
        assert_eq!(
            parsed,
            json!({"note": "reach the patient at <EMAIL_ADDRESS>"}),
            "stream={stream}"
        );
    }
}

#[tokio::test]
async fn a_known_sample_ssn_next_to_its_label_is_screened_too() {
    // 219-09-9999 was printed in an advertisement and is no real SSN, but a client
    // writing "SSN 219-09-9999" in a patient note means it as one: fail closed.
    let upstream = TestUpstream::openai().await;
    let gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    let body = json!({"model": "gpt-4o-mini",
        "metadata": {"patient": "John Carter SSN 219-09-9999"},
        "messages": [{"role": "assistant", "content": null, "tool_calls": [{
            "id": "call_1", "type": "function",
            "function": {"name": "lookup", "arguments": "{\"ssn\":219099999}"}}]},
            {"role": "tool", "tool_call_id": "call_1", "content": "order 219099999 shipped"}]});
    let (status, reply) = post(&gw, "/v1/chat/completions", &body).await;
    assert_eq!(status, 200, "{reply}");
    let sent = upstream.last_body();
    assert!(
        !sent["metadata"].to_string().contains("219-09-9999"),
        "{sent}"
    );
    assert!(
        !sent["messages"][0].to_string().contains("219099999"),
        "{sent}"
    );
    // Without a label, nine digits are an order number and stay.
    assert_eq!(sent["messages"][1]["content"], "order 219099999 shipped");
}
