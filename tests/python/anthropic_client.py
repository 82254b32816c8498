"""The official `anthropic` Python package against a running gateway: messages.create,
messages.stream and an error. Prints one line per check; exits non-zero on failure.

Usage: python3 anthropic_client.py GATEWAY_URL API_KEY MODEL EMAIL
"""
import sys

import anthropic

base_url, api_key, model, email = sys.argv[1:5]
client = anthropic.Anthropic(base_url=base_url, api_key=api_key, max_retries=0)

message = client.messages.create(
    model=model,
    max_tokens=64,
    system="be brief",
    messages=[{"role": "user", "content": f"write to {email}"}],
)
print("create:", message.stop_reason, message.usage.input_tokens, message.usage.output_tokens,
      message.content[0].text)

names = []
with client.messages.stream(
    model=model, max_tokens=64, messages=[{"role": "user", "content": "streamed call"}]
) as stream:
    for event in stream:
        # The SDK adds derived "text" events; deltas repeat: keep the raw sequence's shape.
        if event.type in ("text", "content_block_delta"):
            continue
        if not names or names[-1] != event.type:
            names.append(event.type)
    final = stream.get_final_message()
print("stream:", final.stop_reason, final.usage.output_tokens, final.content[0].text)
print("events:", ",".join(names))

try:
    anthropic.Anthropic(base_url=base_url, api_key="lgk-not-a-real-key-0000000000", max_retries=0) \
        .messages.create(model=model, max_tokens=8, messages=[{"role": "user", "content": "x"}])
    print("error: none")
except anthropic.AuthenticationError as e:
    print("error:", e.status_code, type(e).__name__, e.body["error"]["code"])
