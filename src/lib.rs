//! ledgergate: a self-hosted LLM gateway for GDPR and HIPAA workloads.
//!
//! The library holds the engine; `src/main.rs` is the command line. The request path
//! (see `server::chat`) reads top to bottom: parse (`openai`), policy and PII
//! (`policy`, `pii`), audit (`audit`), forward (`providers`), restore, audit again.

pub mod audit;
pub mod cluster;
pub mod config;
pub mod console;
pub mod limits;
pub mod messages;
pub mod money;
pub mod openai;
pub mod pii;
pub mod policy;
pub mod providers;
pub mod server;
pub mod telemetry;
pub mod vault;
pub mod witness;
