//! What an audit record says: the typed content the gateway fills for each request,
//! response, admin action and system event. Serialized as JSON, then encrypted.
//! Guarantees: the shape matches `audit-schema/audit-record.schema.json` exactly
//! (unknown fields are refused, absent optional fields are omitted). Never holds a
//! secret: keys appear only by id, detections only as entity and count.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

/// The sequence number of a record: gapless from 0 within one log.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Seq(pub u64);

impl std::fmt::Display for Seq {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// The subject whose data keys encrypt records of the library's own events.
pub const SYSTEM_SUBJECT: &str = crate::vault::SYSTEM_TENANT;

/// How a record's `subject` names a person: this prefix and the keyed pseudonym.
pub const PERSON_PREFIX: &str = "person:";

/// A request's data subject id (personal data): carried to the audit log in memory
/// only, never serialized or printed; the log keeps its keyed pseudonym instead.
#[derive(Clone, PartialEq, Eq)]
pub struct DataSubject(String);

impl DataSubject {
    /// Most bytes a subject id may have.
    pub const MAX_LEN: usize = 128;

    /// A subject id of 1 to [`Self::MAX_LEN`] ASCII letters, digits and `-_.:@+=`
    /// (enough for user ids, emails and UUIDs; nothing that could smuggle markup or
    /// control bytes into logs).
    pub fn parse(id: &str) -> Option<DataSubject> {
        let ok = (1..=Self::MAX_LEN).contains(&id.len())
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.:@+=".contains(&b));
        ok.then(|| DataSubject(id.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for DataSubject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataSubject(..)")
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    Request,
    Response,
    Admin,
    System,
}

/// One audit record. Build it with [`Record::new`] and fill the fields that apply.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    pub kind: RecordKind,
    /// Whose data key encrypts this record; the tenant when absent, else `system`;
    /// `person:<pseudonym>` for a record of a named data subject.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The data subject the request named, in memory only: `AuditLog::append` turns it
    /// into `subject` (a pseudonym) and the person's key. Never serialized.
    #[serde(skip)]
    pub data_subject: Option<DataSubject>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant: Option<String>,
    /// The id of the virtual key the client used, never the key itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub virtual_key_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_agent: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_requested: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attempts: Vec<Attempt>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<PolicyRef>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub detections: Vec<Detection>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<ActionTaken>,
    /// Parts the PII engine cannot read that the policy let through unscreened
    /// (`[pii] binary = "allow"`): where and what, never their content.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unscreened: Vec<Unscreened>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residency: Option<Residency>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency_ms: Option<Latency>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<Usage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<Cost>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capture: Option<Capture>,
    /// For admin and system records: what happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<Event>,
    /// The cluster node that wrote the record (`[cluster] node_id`); absent on a single node.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_id: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attempt {
    pub provider: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency_ms: Option<u64>,
    /// How long the gateway waited after this failed attempt before the next one
    /// (backoff or the upstream's Retry-After).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backoff_ms: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyRef {
    pub id: String,
    pub version_hash: String,
}

/// An entity type and how often it was found; never the values.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Detection {
    pub entity: String,
    pub count: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unscreened {
    /// The field, e.g. `messages[1].content[0]`.
    pub path: String,
    /// `image`, `audio`, `file`, `data URL` or `token ids`.
    pub kind: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionTaken {
    pub entity: String,
    pub action: PiiAction,
    pub count: u64,
}

/// What was done to a finding: the PII engine's own action, recorded as it names it.
pub use crate::pii::Action as PiiAction;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Residency {
    pub decision: ResidencyDecision,
    pub reason: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_providers: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResidencyDecision {
    Allowed,
    Denied,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_type: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Latency {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upstream: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gateway: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Usage {
    pub prompt_tokens: u64,
    pub completion_tokens: u64,
    pub total_tokens: u64,
}

impl From<crate::openai::Usage> for Usage {
    fn from(usage: crate::openai::Usage) -> Usage {
        Usage {
            prompt_tokens: usage.prompt,
            completion_tokens: usage.completion,
            total_tokens: usage.total(),
        }
    }
}

/// Cost in millionths of the currency unit, so sums are exact.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cost {
    pub currency: String,
    pub micros: u64,
}

/// Content is kept as the JSON text it was serialised to once on the request path: the
/// gateway never reads it back, so it is neither copied as a tree nor walked again when
/// the record is written (`Capture::json`).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Capture {
    pub mode: CaptureMode,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<Box<RawValue>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<Box<RawValue>>,
}

impl Capture {
    /// `value` as captured JSON text. Serialising a JSON value or map cannot fail; if a
    /// value ever did, the capture holds `null` and the failure is logged, never a
    /// partial text.
    pub fn json(value: &impl Serialize) -> Box<RawValue> {
        serde_json::value::to_raw_value(value).unwrap_or_else(|e| {
            tracing::error!(error = %e, "captured content could not be serialised; recording null");
            RawValue::NULL.to_owned()
        })
    }
}

/// Equal when the mode and the captured texts are: the texts are what is recorded.
impl PartialEq for Capture {
    fn eq(&self, other: &Capture) -> bool {
        fn text(v: &Option<Box<RawValue>>) -> Option<&str> {
            v.as_deref().map(RawValue::get)
        }
        self.mode == other.mode
            && text(&self.request) == text(&other.request)
            && text(&self.response) == text(&other.response)
    }
}

/// What the audit log keeps of a request's content (a policy's `capture`, recorded).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaptureMode {
    /// No content, only metadata.
    Metadata,
    /// What was actually sent and received (after redaction).
    Redacted,
    /// Originals too, encrypted under the subject's key only.
    Full,
}

impl CaptureMode {
    pub fn as_str(self) -> &'static str {
        match self {
            CaptureMode::Metadata => "metadata",
            CaptureMode::Redacted => "redacted",
            CaptureMode::Full => "full",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub action: EventAction,
    /// Free-form detail: sequence numbers, counts, file names. Never secrets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<serde_json::Map<String, serde_json::Value>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventAction {
    Start,
    Stop,
    RecoveryCut,
    DamageAccepted,
    ExportMade,
    ErasureDone,
    DataKeysRotated,
    KeyCreated,
    KeyRevoked,
    PolicyReloaded,
    ConfigReloaded,
    /// An auditor (or the operator) looked at the trail through the console: a
    /// session, a record's detail, an inclusion proof or an export (`detail.what`).
    AuditorAccess,
    /// A cluster node's limits left Redis for its own (`"local": true`) or came back.
    LimitsFallback,
}

impl Record {
    /// An empty record of the given kind.
    pub fn new(kind: RecordKind) -> Record {
        Record {
            kind,
            subject: None,
            data_subject: None,
            request_id: None,
            tenant: None,
            virtual_key_id: None,
            client_address: None,
            user_agent: None,
            route: None,
            model_requested: None,
            provider: None,
            endpoint: None,
            region: None,
            attempts: Vec::new(),
            policy: None,
            detections: Vec::new(),
            actions: Vec::new(),
            unscreened: Vec::new(),
            residency: None,
            outcome: None,
            latency_ms: None,
            usage: None,
            cost: None,
            capture: None,
            event: None,
            node_id: None,
        }
    }

    /// A system or admin event record, encrypted under the `system` subject.
    pub fn event(
        kind: RecordKind,
        action: EventAction,
        detail: serde_json::Map<String, serde_json::Value>,
    ) -> Record {
        let mut record = Record::new(kind);
        record.subject = Some(SYSTEM_SUBJECT.to_string());
        record.event = Some(Event {
            action,
            detail: if detail.is_empty() {
                None
            } else {
                Some(detail)
            },
        });
        record
    }

    /// The subject whose data key encrypts this record: `subject`, else the tenant,
    /// else `system`.
    pub fn effective_subject(&self) -> &str {
        self.subject
            .as_deref()
            .or(self.tenant.as_deref())
            .unwrap_or(SYSTEM_SUBJECT)
    }
}
