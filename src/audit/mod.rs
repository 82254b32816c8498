//! The audit log: append-only, encrypted, hash-chained, signed segment files.
//! Knows nothing of HTTP or providers: it is handed a record and makes it durable.
