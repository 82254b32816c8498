//! Policies: which PII actions apply to a tenant and which providers may see a request.
