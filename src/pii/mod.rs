//! The PII engine: text in, findings and rewritten text out. A pure engine: it knows
//! no provider, no request and no file.
