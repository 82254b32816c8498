//! An admitted request in flight: its request record is durable, its answer is not yet
//! recorded. Every way a request ends goes through here, so "exactly one response
//! record per admitted request" is kept by the type, not by the call sites: the answer
//! paths call the consuming [`InFlight::finish`]; a stream whose client went away calls
//! [`InFlight::abandon`] with what the client got; anything else that drops an
//! in-flight request (the client disconnected while the provider was still thinking,
//! a task cancelled) is recorded by `Drop` as `499 client_closed_request`.
//!
//! Finishing charges the caller's limits with the answer's usage and cost, tells the
//! metrics the provider's latency (only if a provider was contacted) and appends the
//! response record. The record is acknowledged once written ([`Ack::Written`]): its
//! request record is already durable, and the next group commit makes it durable too
//! (SECURITY.md, "What durable means").

use crate::audit::{Ack, AuditError};

use super::trail::{ResponseFacts, Trail};
use super::Gateway;

/// An admitted request whose response record is still to be written.
pub struct InFlight {
    gw: Gateway,
    trail: Trail,
    /// Set once the response record is on its way; `Drop` then does nothing.
    finished: bool,
}

impl InFlight {
    pub fn new(gw: &Gateway, trail: Trail) -> InFlight {
        InFlight {
            gw: gw.clone(),
            trail,
            finished: false,
        }
    }

    pub fn trail(&self) -> &Trail {
        &self.trail
    }

    /// The trail, for the router to record attempts and the provider chosen.
    pub fn trail_mut(&mut self) -> &mut Trail {
        &mut self.trail
    }

    /// Ends the request: charges, observes, and appends the response record; returns
    /// once the record is written. `Err` means it could not be: the caller withholds
    /// the answer (the writer has stopped and the gateway refuses traffic).
    pub async fn finish(mut self, facts: ResponseFacts) -> Result<(), AuditError> {
        self.finished = true;
        super::limits::charge(&self.gw, &self.trail, &facts).await;
        let record = self.close(facts);
        let wait = self.gw.audit_wait();
        self.gw
            .audit
            .append_waiting(record, Ack::Written, wait)
            .await
            .map(|_| ())
    }

    /// Ends the request without waiting (from a `Drop`): the client went away with
    /// `facts` (what it got so far, its usage charged).
    pub fn abandon(mut self, facts: ResponseFacts) {
        self.finished = true;
        self.spawn_record(facts);
    }

    /// Tells the metrics; returns the response record (the caller charges).
    fn close(&mut self, facts: ResponseFacts) -> crate::audit::Record {
        if facts.attempted {
            self.gw
                .metrics
                .observe_upstream(self.trail.provider_name(), facts.upstream);
        }
        self.trail.response_record(facts)
    }

    fn spawn_record(&mut self, facts: ResponseFacts) {
        let charge = super::limits::charge(&self.gw, &self.trail, &facts);
        let record = self.close(facts);
        let audit = self.gw.audit.clone();
        // Outside a runtime (a test dropping a request by hand) there is nothing to
        // record into.
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(async move {
                charge.await;
                if let Err(e) = audit.append_with(record, Ack::Written).await {
                    tracing::error!(error = %e, "audit append failed for an abandoned request");
                }
            });
        }
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        if !self.finished {
            self.finished = true;
            self.spawn_record(ResponseFacts {
                status: 499,
                error_type: Some("client_closed_request".to_owned()),
                attempted: false,
                ..ResponseFacts::default()
            });
        }
    }
}
