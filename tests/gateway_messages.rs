//! Anthropic's `POST /v1/messages` through the real binary, with a plain HTTP client
//! sending what the Anthropic SDKs send (`x-api-key`, `anthropic-version`): JSON and
//! streamed answers in Anthropic's shape and event order, tools round trip, PII
//! tokenized for the provider and restored for the client, errors that both OpenAI and
//! Anthropic SDKs parse, audit records on route `/v1/messages`, and the official
//! `anthropic` Python SDK as a third-party client.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod common;

use std::process::Command;
use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use common::*;
use serde_json::{json, Value};

const EMAIL: &str = "jane.doe@example.com";
const ANTHROPIC_VERSION: &str = "2023-06-01";

async fn send(gw: &TestGateway, key: &str, body: &Value) -> reqwest::Response {
    send_with(gw, key, body, &[]).await
}

async fn send_with(
    gw: &TestGateway,
    key: &str,
    body: &Value,
    headers: &[(&str, &str)],
) -> reqwest::Response {
    let mut request = http()
        .post(format!("{}/v1/messages", gw.url))
        .header("x-api-key", key)
        .header("anthropic-version", ANTHROPIC_VERSION)
        .header("content-type", "application/json")
        .body(body.to_string());
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.unwrap()
}

fn ask(text: &str, stream: bool) -> Value {
    json!({"model": "gpt-4o-mini", "max_tokens": 256, "stream": stream,
           "system": "be brief", "messages": [{"role": "user", "content": text}]})
}

/// The events of an Anthropic SSE body: (event name, data), checking that each data's
/// `type` repeats its event name.
fn events(body: &str) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for frame in body.split("\n\n").filter(|f| !f.trim().is_empty()) {
        let mut name = None;
        let mut data = String::new();
        for line in frame.lines() {
            if let Some(n) = line.strip_prefix("event: ") {
                name = Some(n.to_owned());
            } else if let Some(d) = line.strip_prefix("data: ") {
                data.push_str(d);
            }
        }
        let name = name.unwrap_or_else(|| panic!("an event without a name: {frame:?}"));
        let data: Value = serde_json::from_str(&data).unwrap();
        assert_eq!(data["type"], name.as_str(), "{frame}");
        out.push((name, data));
    }
    out
}

/// The order of event names with runs of deltas collapsed to one.
fn shape_of(events: &[(String, Value)]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (name, _) in events {
        if name == "content_block_delta" && out.last().map(String::as_str) == Some(name) {
            continue;
        }
        out.push(name.clone());
    }
    out
}

fn text_of(events: &[(String, Value)]) -> String {
    events
        .iter()
        .filter(|(n, d)| n == "content_block_delta" && d["delta"]["type"] == "text_delta")
        .map(|(_, d)| d["delta"]["text"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_json_request_gets_an_anthropic_message() {
    let upstream = TestUpstream::openai().await;
    let gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    let mut body = ask("hello there", false);
    body["stop_sequences"] = json!(["END"]);
    body["metadata"] = json!({"user_id": "user-7"});
    let response = send(&gw, CLIENT_KEY, &body).await;
    assert_eq!(response.status(), 200);
    assert!(response.headers().contains_key("x-ledgergate-request-id"));
    assert!(!response.headers().contains_key("x-ledgergate-audit-seq"));
    let message: Value = response.json().await.unwrap();
    assert_eq!(message["type"], "message");
    assert_eq!(message["role"], "assistant");
    assert!(message["id"].as_str().unwrap().starts_with("msg_"));
    assert_eq!(
        message["content"],
        json!([{"type": "text", "text": "reply to: hello there"}])
    );
    assert_eq!(message["stop_reason"], "end_turn");
    assert_eq!(
        message["usage"],
        json!({"input_tokens": 9, "output_tokens": 3})
    );

    let sent = upstream.last_body();
    assert_eq!(
        sent["messages"],
        json!([{"role": "system", "content": "be brief"}, {"role": "user", "content": "hello there"}])
    );
    assert_eq!(sent["max_tokens"], 256);
    assert_eq!(sent["stop"], json!(["END"]));
    assert_eq!(sent["user"], "user-7");
    // The provider key, never the client's, goes upstream.
    assert_eq!(
        upstream.last_headers()["authorization"],
        format!("Bearer {PROVIDER_KEY}").as_str()
    );
}

#[tokio::test]
async fn a_streamed_request_gets_anthropic_events_in_order() {
    let upstream = TestUpstream::openai().await;
    let gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    let response = send(&gw, CLIENT_KEY, &ask("stream me please", true)).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "text/event-stream");
    let body = response.text().await.unwrap();
    assert!(!body.contains("[DONE]"), "{body}");
    let events = events(&body);
    assert_eq!(
        shape_of(&events),
        [
            "message_start",
            "ping",
            "content_block_start",
            "content_block_delta",
            "content_block_stop",
            "message_delta",
            "message_stop"
        ],
        "{body}"
    );
    assert_eq!(events[0].1["message"]["role"], "assistant");
    assert_eq!(events[2].1["content_block"]["type"], "text");
    assert_eq!(text_of(&events), "reply to: stream me please");
    let delta = &events[events.len() - 2].1;
    assert_eq!(delta["delta"]["stop_reason"], "end_turn");
    assert_eq!(delta["usage"]["output_tokens"], 3);
    assert_eq!(delta["usage"]["input_tokens"], 9);
    // The gateway asked for usage itself; the provider saw the request as a stream.
    assert_eq!(upstream.last_body()["stream"], true);
}

#[tokio::test]
async fn the_provider_sees_tokens_and_the_client_gets_the_originals_in_json_and_stream() {
    let upstream = TestUpstream::openai().await;
    let gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    let text = format!("please mail {EMAIL} today");

    let message: Value = send(&gw, CLIENT_KEY, &ask(&text, false))
        .await
        .json()
        .await
        .unwrap();
    let sent = upstream.last_body().to_string();
    assert!(
        sent.contains("please mail <EMAIL_ADDRESS_1> today"),
        "{sent}"
    );
    assert!(!sent.contains(EMAIL), "{sent}");
    assert_eq!(
        message["content"][0]["text"],
        format!("reply to: {text}").as_str()
    );

    let body = send(&gw, CLIENT_KEY, &ask(&text, true))
        .await
        .text()
        .await
        .unwrap();
    assert!(!upstream.last_body().to_string().contains(EMAIL));
    assert_eq!(text_of(&events(&body)), format!("reply to: {text}"));
}

#[tokio::test]
async fn a_stream_that_breaks_upstream_ends_with_an_error_event() {
    let upstream = TestUpstream::with(Behaviour::BreakAfterTwo).await;
    let gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    let body = send(&gw, CLIENT_KEY, &ask("one two three four", true))
        .await
        .text()
        .await
        .unwrap();
    let events = events(&body);
    let (last, data) = events.last().unwrap();
    assert_eq!(last, "error", "{body}");
    assert_eq!(data["error"]["type"], "api_error");
    assert!(!events.iter().any(|(n, _)| n == "message_stop"), "{body}");
    assert_eq!(events[0].0, "message_start");
}

#[tokio::test]
async fn output_scanning_masks_pii_the_model_writes_itself_in_json_and_stream() {
    let said = "Call Dr. Smith on +44 20 7946 0958 or mail bob.jones@example.org today.";
    let upstream = TestUpstream::with(Behaviour::Says(said)).await;
    let policy =
        "id = \"default\"\n[pii.actions]\nEMAIL_ADDRESS = \"tokenize\"\n[output]\nscan = true\n";
    let gw = TestGateway::start_with_policies(
        &config_for(&upstream.base_url(), ""),
        &[("default.toml", policy)],
    );
    let expected = "Call Dr. <PERSON> on <PHONE_NUMBER> or mail <EMAIL_ADDRESS> today.";
    let message: Value = send(&gw, CLIENT_KEY, &ask("who do I call?", false))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(message["content"][0]["text"], expected);
    let body = send(&gw, CLIENT_KEY, &ask("who do I call?", true))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(text_of(&events(&body)), expected);
}

/// An OpenAI-shaped upstream that calls `send_mail` with the user's last text as `to`,
/// and answers a tool result with "tool said: <result>". Records every request body.
async fn tool_upstream() -> (String, Arc<Mutex<Vec<Value>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let app = Router::new()
        .route("/v1/chat/completions", post(tool_chat))
        .with_state(seen.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{addr}/v1"), seen)
}

async fn tool_chat(
    State(seen): State<Arc<Mutex<Vec<Value>>>>,
    Json(body): Json<Value>,
) -> Response {
    seen.lock().unwrap().push(body.clone());
    let last = body["messages"].as_array().unwrap().last().unwrap().clone();
    let stream = body["stream"] == true;
    let chunk = |delta: Value, finish: Value| {
        format!(
            "data: {}\n\n",
            json!({"id": "chatcmpl-tools", "object": "chat.completion.chunk", "created": 1, "model": "gpt-4o-mini",
                   "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]})
        )
    };
    let usage = format!(
        "data: {}\n\ndata: [DONE]\n\n",
        json!({"id": "chatcmpl-tools", "object": "chat.completion.chunk", "created": 1, "model": "gpt-4o-mini",
               "choices": [], "usage": {"prompt_tokens": 20, "completion_tokens": 5, "total_tokens": 25}})
    );
    if last["role"] == "tool" {
        let reply = format!("tool said: {}", last["content"].as_str().unwrap());
        if stream {
            let sse = chunk(json!({"role": "assistant", "content": reply}), Value::Null)
                + &chunk(json!({}), json!("stop"))
                + &usage;
            return ([("content-type", "text/event-stream")], sse).into_response();
        }
        return Json(json!({"id": "chatcmpl-tools", "object": "chat.completion", "created": 1, "model": "gpt-4o-mini",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": reply}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 20, "completion_tokens": 5, "total_tokens": 25}}))
        .into_response();
    }
    let to = match &last["content"] {
        Value::String(s) => s.clone(),
        parts => parts[0]["text"].as_str().unwrap().to_owned(),
    };
    let arguments = json!({"to": to}).to_string();
    if stream {
        let (a, b) = arguments.split_at(arguments.len() / 2);
        let sse = chunk(
            json!({"role": "assistant", "content": "sending"}),
            Value::Null,
        ) + &chunk(
            json!({"tool_calls": [{"index": 0, "id": "call_1", "type": "function",
                                   "function": {"name": "send_mail", "arguments": ""}}]}),
            Value::Null,
        ) + &chunk(
            json!({"tool_calls": [{"index": 0, "function": {"arguments": a}}]}),
            Value::Null,
        ) + &chunk(
            json!({"tool_calls": [{"index": 0, "function": {"arguments": b}}]}),
            Value::Null,
        ) + &chunk(json!({}), json!("tool_calls"))
            + &usage;
        return ([("content-type", "text/event-stream")], sse).into_response();
    }
    Json(json!({"id": "chatcmpl-tools", "object": "chat.completion", "created": 1, "model": "gpt-4o-mini",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": "sending",
            "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "send_mail", "arguments": arguments}}]},
            "finish_reason": "tool_calls"}],
        "usage": {"prompt_tokens": 20, "completion_tokens": 5, "total_tokens": 25}}))
    .into_response()
}

fn tools_request(messages: Value, stream: bool) -> Value {
    json!({"model": "gpt-4o-mini", "max_tokens": 256, "stream": stream, "messages": messages,
           "tools": [{"name": "send_mail", "description": "Sends a mail",
                      "input_schema": {"type": "object", "properties": {"to": {"type": "string"}}}}],
           "tool_choice": {"type": "auto"}})
}

#[tokio::test]
async fn tools_round_trip_tool_use_out_and_tool_result_in() {
    let (url, seen) = tool_upstream().await;
    let gw = TestGateway::start(&config_for(&url, ""));
    let question = json!([{"role": "user", "content": [{"type": "text", "text": EMAIL}]}]);

    // tool_use out (JSON): the tokenized address the model used is restored in `input`.
    let message: Value = send(&gw, CLIENT_KEY, &tools_request(question.clone(), false))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(message["stop_reason"], "tool_use");
    assert_eq!(
        message["content"][0],
        json!({"type": "text", "text": "sending"})
    );
    assert_eq!(
        message["content"][1],
        json!({"type": "tool_use", "id": "call_1", "name": "send_mail", "input": {"to": EMAIL}})
    );
    {
        let sent = seen.lock().unwrap().last().unwrap().clone();
        assert_eq!(sent["tools"][0]["function"]["name"], "send_mail");
        assert_eq!(sent["tool_choice"], "auto");
        assert!(!sent.to_string().contains(EMAIL), "{sent}");
    }

    // tool_use out (stream): the block opens, its input arrives as input_json_delta.
    let body = send(&gw, CLIENT_KEY, &tools_request(question.clone(), true))
        .await
        .text()
        .await
        .unwrap();
    let events = events(&body);
    let start = events
        .iter()
        .find(|(n, d)| n == "content_block_start" && d["content_block"]["type"] == "tool_use")
        .expect("a tool_use block");
    assert_eq!(start.1["content_block"]["id"], "call_1");
    assert_eq!(start.1["content_block"]["name"], "send_mail");
    let index = start.1["index"].clone();
    let input: String = events
        .iter()
        .filter(|(n, d)| n == "content_block_delta" && d["index"] == index)
        .map(|(_, d)| {
            assert_eq!(d["delta"]["type"], "input_json_delta");
            d["delta"]["partial_json"].as_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(
        serde_json::from_str::<Value>(&input).unwrap(),
        json!({"to": EMAIL})
    );
    let stops: Vec<&Value> = events
        .iter()
        .filter(|(n, _)| n == "content_block_stop")
        .map(|(_, d)| &d["index"])
        .collect();
    assert_eq!(stops, [&json!(0), &json!(1)]);
    let delta = &events[events.len() - 2].1;
    assert_eq!(delta["delta"]["stop_reason"], "tool_use");
    assert_eq!(delta["usage"]["output_tokens"], 5);

    // tool_result in: a role tool message, tokenized like any text, answered.
    let mut turns = question.as_array().unwrap().clone();
    turns.push(json!({"role": "assistant", "content": message["content"]}));
    turns.push(json!({"role": "user", "content": [
        {"type": "tool_result", "tool_use_id": "call_1", "content": format!("sent to {EMAIL}")}]}));
    let answer: Value = send(&gw, CLIENT_KEY, &tools_request(Value::Array(turns), false))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        answer["content"][0]["text"],
        format!("tool said: sent to {EMAIL}").as_str()
    );
    assert_eq!(answer["stop_reason"], "end_turn");
    let sent = seen.lock().unwrap().last().unwrap().clone();
    let messages = sent["messages"].as_array().unwrap();
    assert_eq!(messages[1]["role"], "assistant");
    assert_eq!(messages[1]["tool_calls"][0]["id"], "call_1");
    assert_eq!(
        messages[1]["tool_calls"][0]["function"]["name"],
        "send_mail"
    );
    assert_eq!(messages[2]["role"], "tool");
    assert_eq!(messages[2]["tool_call_id"], "call_1");
    assert_eq!(messages[2]["content"], "sent to <EMAIL_ADDRESS_1>");
    assert!(!sent.to_string().contains(EMAIL), "{sent}");
}

/// Both error shapes: OpenAI's `error.{message,type,param,code}` and Anthropic's
/// top-level `type: "error"`.
fn assert_both_shapes(body: &Value) {
    assert_eq!(body["type"], "error", "{body}");
    let error = body["error"].as_object().unwrap();
    for field in ["message", "type", "param", "code"] {
        assert!(error.contains_key(field), "{field} missing: {body}");
    }
    assert!(error["message"].as_str().is_some_and(|m| !m.is_empty()));
}

#[tokio::test]
async fn errors_carry_both_the_openai_and_the_anthropic_shape() {
    let upstream = TestUpstream::openai().await;
    let gw = TestGateway::start(&config_for(&upstream.base_url(), ""));

    let wrong = send(&gw, "lgk-wrong-key-000000000000000000", &ask("hi", false)).await;
    assert_eq!(wrong.status(), 401);
    let body: Value = wrong.json().await.unwrap();
    assert_both_shapes(&body);
    assert_eq!(body["error"]["code"], "invalid_api_key");
    assert!(!body.to_string().contains("lgk-wrong-key"));

    let denied = send_with(
        &gw,
        CLIENT_KEY,
        &ask("hi", false),
        &[("x-ledgergate-residency", "us")],
    )
    .await;
    assert_eq!(denied.status(), 403);
    assert!(denied.headers().contains_key("x-ledgergate-request-id"));
    assert!(!denied.headers().contains_key("x-ledgergate-audit-seq"));
    let body: Value = denied.json().await.unwrap();
    assert_both_shapes(&body);
    assert_eq!(body["error"]["code"], "residency_denied");

    let mut thinking = ask("hi", false);
    thinking["thinking"] = json!({"type": "enabled", "budget_tokens": 1024});
    let bad = send(&gw, CLIENT_KEY, &thinking).await;
    assert_eq!(bad.status(), 400);
    let body: Value = bad.json().await.unwrap();
    assert_both_shapes(&body);
    assert_eq!(body["error"]["param"], "thinking");

    let broken = http()
        .post(format!("{}/v1/messages", gw.url))
        .header("x-api-key", CLIENT_KEY)
        .header("content-type", "application/json")
        .body("{\"model\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(broken.status(), 400);
    let body: Value = broken.json().await.unwrap();
    assert_both_shapes(&body);

    let plain = http()
        .post(format!("{}/v1/messages", gw.url))
        .header("x-api-key", CLIENT_KEY)
        .header("content-type", "text/plain")
        .body(ask("hi", false).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(plain.status(), 415);
    assert_both_shapes(&plain.json().await.unwrap());

    let mut unknown = ask("hi", false);
    unknown["model"] = json!("no-such-model");
    let missing = send(&gw, CLIENT_KEY, &unknown).await;
    assert_eq!(missing.status(), 404);
    assert_both_shapes(&missing.json().await.unwrap());

    // Bearer works here too; nothing refused reached the provider.
    let bearer = http()
        .post(format!("{}/v1/messages", gw.url))
        .bearer_auth(CLIENT_KEY)
        .header("content-type", "application/json")
        .body(ask("hi", false).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(bearer.status(), 200);
    assert_eq!(upstream.requests(), 1);
}

#[tokio::test]
async fn exchanges_are_audited_on_route_v1_messages() {
    let upstream = TestUpstream::openai().await;
    let mut gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    let response = send(&gw, CLIENT_KEY, &ask(&format!("mail {EMAIL}"), true)).await;
    let request_id = response.headers()["x-ledgergate-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    let _ = response.text().await.unwrap();
    // The data keys are the server's while it runs: read the log after it stopped.
    gw.sigterm();
    assert_eq!(gw.wait_exit(std::time::Duration::from_secs(20)), Some(0));
    let (code, out, err) = cli(&[
        "audit",
        "tail",
        "-n",
        "1000",
        "--data-dir",
        gw.data_dir().to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains(EMAIL));
    let records: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["record"].clone())
        .filter(|r| r["request_id"] == request_id.as_str())
        .collect();
    let kinds: Vec<&str> = records
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["request", "response"], "{out}");
    assert_eq!(records[0]["route"], "/v1/messages");
    assert_eq!(
        records[0]["detections"],
        json!([{"entity": "EMAIL_ADDRESS", "count": 1}])
    );
    assert_eq!(records[1]["outcome"]["status"], 200);
    assert_eq!(records[1]["usage"]["total_tokens"], 12);
}

#[tokio::test]
async fn the_official_anthropic_python_sdk_creates_and_streams_messages() {
    let upstream = TestUpstream::openai().await;
    let gw = TestGateway::start(&config_for(&upstream.base_url(), ""));
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/python/anthropic_client.py"
    );
    let url = gw.url.clone();
    // Off the runtime: the test upstream runs on this test's runtime thread.
    let out = tokio::task::spawn_blocking(move || {
        Command::new("python3")
            .args([script, &url, CLIENT_KEY, "gpt-4o-mini", EMAIL])
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            format!("create: end_turn 9 3 reply to: write to {EMAIL}").as_str(),
            "stream: end_turn 3 reply to: streamed call",
            "events: message_start,content_block_start,content_block_stop,message_delta,message_stop",
            "error: 401 AuthenticationError invalid_api_key",
        ]
    );
    let received = upstream.state.received.lock().unwrap();
    assert_eq!(received.len(), 2);
    assert!(!received[0].body.to_string().contains(EMAIL));
}

/// An Anthropic client in front, an Anthropic provider behind: the request the provider
/// receives is the client's request (the golden fixture, through OpenAI's shape and
/// back), and the client receives the provider's answer as the provider sent it.
#[tokio::test]
async fn anthropic_in_and_anthropic_behind_round_trip_the_golden_fixtures() {
    use common::native::{fixture, json_fixture, Script};
    let upstream = anthropic::start(anthropic::json(200, "response_tool_use.json")).await;
    let config = config_for(
        "http://127.0.0.1:9/v1",
        &anthropic::provider_toml(&upstream),
    );
    let gw = TestGateway::start(&config);
    let request = json_fixture("anthropic/request_tools.json");

    let response = send(&gw, CLIENT_KEY, &request).await;
    assert_eq!(response.status(), 200);
    let message: Value = response.json().await.unwrap();
    assert_eq!(
        upstream.last().body,
        request,
        "the provider received another request than the client sent"
    );
    assert_eq!(message, json_fixture("anthropic/response_tool_use.json"));

    // The stream, re-emitted: the same blocks, stop reason and output tokens.
    upstream.set_script(Script::Sse(fixture("anthropic/stream_tool_use.sse")));
    let mut streamed = request.clone();
    streamed["stream"] = json!(true);
    let body = send(&gw, CLIENT_KEY, &streamed).await.text().await.unwrap();
    let accumulate = |events: &[(String, Value)]| {
        let mut blocks: Vec<Value> = Vec::new();
        let mut json_input: Vec<String> = Vec::new();
        let mut stop = Value::Null;
        let mut output_tokens = Value::Null;
        for (name, data) in events {
            match name.as_str() {
                "content_block_start" => {
                    blocks.push(data["content_block"].clone());
                    json_input.push(String::new());
                }
                "content_block_delta" => {
                    let i = data["index"].as_u64().unwrap() as usize;
                    match data["delta"]["type"].as_str().unwrap() {
                        "text_delta" => {
                            let text = blocks[i]["text"].as_str().unwrap().to_owned()
                                + data["delta"]["text"].as_str().unwrap();
                            blocks[i]["text"] = json!(text);
                        }
                        _ => {
                            json_input[i].push_str(data["delta"]["partial_json"].as_str().unwrap())
                        }
                    }
                }
                "message_delta" => {
                    stop = data["delta"]["stop_reason"].clone();
                    output_tokens = data["usage"]["output_tokens"].clone();
                }
                _ => {}
            }
        }
        for (block, input) in blocks.iter_mut().zip(json_input) {
            if !input.is_empty() {
                block["input"] = serde_json::from_str(&input).unwrap();
            }
        }
        (blocks, stop, output_tokens)
    };
    let sent = events(&fixture("anthropic/stream_tool_use.sse"));
    let got = events(&body);
    assert_eq!(accumulate(&got), accumulate(&sent), "{body}");
    assert_eq!(got.last().unwrap().0, "message_stop");
}
