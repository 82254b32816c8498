//! Witnessing (C2SP tlog-witness, tlog-cosignature): a witness on another host
//! remembers the latest checkpoint of each log it cosigned and refuses any checkpoint
//! that does not extend it, so the host of a log cannot roll its log back (restore a
//! snapshot, cut the end) without every checkpoint it later submits being refused.
//!
//! `cosigner` holds the witness key and the cosignature format, `store` the witness's
//! durable state, `server` the witness's HTTP service, `client` the gateway's side
//! (submitting checkpoints with consistency proofs, reading a witness's latest
//! cosigned checkpoint) and `gateway` the gateway's background submission and its
//! start-up check. Knows nothing of requests, providers or policies.

pub mod client;
pub mod cosigner;
pub mod gateway;
pub mod server;
pub mod store;
pub mod witnessed;

pub use cosigner::{Cosigner, CosignerVerifier, Note};
