//! OpenAI wire types and SSE framing. Leaves: they import nothing of ours.
