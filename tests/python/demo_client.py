"""The official `openai` Python package against a running gateway: chat, streaming,
embeddings, models and an error. Prints one line per check; exits non-zero on failure.

Usage: python3 demo_client.py BASE_URL API_KEY MODEL
"""
import sys

import openai
from openai import OpenAI

base_url, api_key, model = sys.argv[1:4]
client = OpenAI(base_url=base_url, api_key=api_key, max_retries=0)

reply = client.chat.completions.create(model=model, messages=[{"role": "user", "content": "plain call"}])
print("chat:", reply.choices[0].message.content)

pieces = []
for chunk in client.chat.completions.create(
    model=model, stream=True, messages=[{"role": "user", "content": "streamed call"}]
):
    if chunk.choices and chunk.choices[0].delta.content:
        pieces.append(chunk.choices[0].delta.content)
print("stream:", len(pieces), "chunks:", "".join(pieces))

emb = client.embeddings.create(model=model, input=["a", "b"])
print("embeddings:", len(emb.data), len(emb.data[0].embedding))

print("models:", ",".join(m.id for m in client.models.list().data))

try:
    OpenAI(base_url=base_url, api_key="wrong-key-wrong-key-wrong", max_retries=0).models.list()
    print("error: none")
except openai.AuthenticationError as e:
    print("error:", e.status_code, e.body["code"] if isinstance(e.body, dict) else e.body)
