//! The console's view of the trail: records as entries (seq, time, decrypted record or
//! why not), the timeline's filters and pages, a record's detail with captured content
//! cut to the viewer's grant, and the summaries the charts draw. Pure: it is handed
//! entries (from the live log or from a bundle) and never reads a file or a key.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::audit::record::{CaptureMode, Record, RecordKind, ResidencyDecision};
use crate::config::ContentGrant;

/// Most rows one page of the timeline holds.
pub const MAX_PER_PAGE: usize = 500;
const DEFAULT_PER_PAGE: usize = 50;

/// One record of the trail as the console shows it.
#[derive(Clone, Debug)]
pub struct Entry {
    pub seq: u64,
    pub time: String,
    pub at: Option<OffsetDateTime>,
    pub state: EntryState,
}

#[derive(Clone, Debug)]
pub enum EntryState {
    Readable(Box<Record>),
    /// Its data key was destroyed (erasure or retention).
    Erased,
    /// It could not be decrypted; the reason, without any secret.
    Unreadable(String),
}

impl Entry {
    /// An entry from a line as `audit show` prints it or as `records.jsonl` holds it
    /// (`seq`, `time`, then `record`, `erased` or `error`).
    pub fn from_line(line: &Value) -> Option<Entry> {
        let seq = line.get("seq")?.as_u64()?;
        let time = line.get("time")?.as_str()?.to_owned();
        let state = if let Some(record) = line.get("record") {
            match serde_json::from_value::<Record>(record.clone()) {
                Ok(r) => EntryState::Readable(Box::new(r)),
                Err(e) => EntryState::Unreadable(format!("the record does not parse: {e}")),
            }
        } else if line.get("erased").and_then(Value::as_bool) == Some(true) {
            EntryState::Erased
        } else {
            let why = line
                .get("error")
                .and_then(Value::as_str)
                .unwrap_or("the record is encrypted and no key opened it");
            EntryState::Unreadable(why.to_owned())
        };
        Some(Entry {
            seq,
            at: OffsetDateTime::parse(&time, &Rfc3339).ok(),
            time,
            state,
        })
    }

    fn record(&self) -> Option<&Record> {
        match &self.state {
            EntryState::Readable(r) => Some(r),
            _ => None,
        }
    }
}

/// The timeline's filters, from the query string. Every field that is set must match.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Filter {
    /// RFC 3339, inclusive.
    pub from: Option<String>,
    /// RFC 3339, exclusive.
    pub to: Option<String>,
    pub tenant: Option<String>,
    /// `request`, `response`, `admin` or `system`.
    pub kind: Option<String>,
    pub route: Option<String>,
    pub model: Option<String>,
    pub provider: Option<String>,
    pub region: Option<String>,
    /// An entity detected, e.g. `EMAIL_ADDRESS`.
    pub entity: Option<String>,
    /// A PII action taken (`mask`, `tokenize`, ...) or an event's action (`export_made`).
    pub action: Option<String>,
    /// `allowed` or `denied`.
    pub residency: Option<String>,
    /// An HTTP status (`403`) or a class (`4xx`).
    pub status: Option<String>,
    /// 1-based page of the newest-first timeline.
    pub page: Option<usize>,
    pub per_page: Option<usize>,
}

/// A filter that cannot be applied: one sentence naming the field.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct BadFilter(String);

/// A filter with its times parsed, ready to test entries.
pub struct Matcher<'a> {
    filter: &'a Filter,
    from: Option<OffsetDateTime>,
    to: Option<OffsetDateTime>,
}

fn set(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn time_field(v: &Option<String>, name: &str) -> Result<Option<OffsetDateTime>, BadFilter> {
    set(v)
        .map(|t| {
            OffsetDateTime::parse(t, &Rfc3339).map_err(|_| {
                BadFilter(format!(
                    "The filter {name}=`{t}` is not an RFC 3339 time (for example 2026-01-31T00:00:00Z)."
                ))
            })
        })
        .transpose()
}

impl Filter {
    pub fn matcher(&self) -> Result<Matcher<'_>, BadFilter> {
        if let Some(status) = set(&self.status) {
            let ok = status.parse::<u16>().is_ok()
                || (status.len() == 3
                    && status.as_bytes()[0].is_ascii_digit()
                    && status[1..].eq_ignore_ascii_case("xx"));
            if !ok {
                return Err(BadFilter(format!(
                    "The filter status=`{status}` is neither an HTTP status (403) nor a class (4xx)."
                )));
            }
        }
        Ok(Matcher {
            filter: self,
            from: time_field(&self.from, "from")?,
            to: time_field(&self.to, "to")?,
        })
    }
}

fn kind_name(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Request => "request",
        RecordKind::Response => "response",
        RecordKind::Admin => "admin",
        RecordKind::System => "system",
    }
}

fn name_of<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn same(want: Option<&str>, have: Option<&str>) -> bool {
    want.is_none_or(|w| have.is_some_and(|h| h.eq_ignore_ascii_case(w)))
}

impl Matcher<'_> {
    pub fn matches(&self, entry: &Entry) -> bool {
        if self.from.is_some() || self.to.is_some() {
            let Some(at) = entry.at else { return false };
            if self.from.is_some_and(|f| at < f) || self.to.is_some_and(|t| at >= t) {
                return false;
            }
        }
        let f = self.filter;
        let fields = [
            &f.tenant,
            &f.kind,
            &f.route,
            &f.model,
            &f.provider,
            &f.region,
            &f.entity,
            &f.action,
            &f.residency,
            &f.status,
        ];
        let Some(record) = entry.record() else {
            // An erased or unreadable record shows only under no content filter.
            return fields.iter().all(|v| set(v).is_none());
        };
        same(set(&f.tenant), record.tenant.as_deref())
            && same(set(&f.kind), Some(kind_name(record.kind)))
            && same(set(&f.route), record.route.as_deref())
            && same(set(&f.model), record.model_requested.as_deref())
            && (set(&f.provider).is_none()
                || same(set(&f.provider), record.provider.as_deref())
                || record
                    .attempts
                    .iter()
                    .any(|a| same(set(&f.provider), Some(&a.provider))))
            && same(set(&f.region), record.region.as_deref())
            && set(&f.entity).is_none_or(|e| {
                record
                    .detections
                    .iter()
                    .any(|d| d.entity.eq_ignore_ascii_case(e))
            })
            && set(&f.action).is_none_or(|a| {
                record
                    .actions
                    .iter()
                    .any(|t| name_of(&t.action).eq_ignore_ascii_case(a))
                    || record
                        .event
                        .as_ref()
                        .is_some_and(|e| name_of(&e.action).eq_ignore_ascii_case(a))
            })
            && set(&f.residency).is_none_or(|d| {
                record
                    .residency
                    .as_ref()
                    .is_some_and(|r| name_of(&r.decision).eq_ignore_ascii_case(d))
            })
            && set(&f.status).is_none_or(|s| {
                record.outcome.as_ref().is_some_and(|o| {
                    let have = o.status.to_string();
                    if s.len() == 3 && s[1..].eq_ignore_ascii_case("xx") {
                        have.as_bytes()[0] == s.as_bytes()[0]
                    } else {
                        have == s
                    }
                })
            })
    }
}

/// One row of the timeline: what a glance needs, never captured content.
fn row(entry: &Entry) -> Value {
    let mut row = json!({ "seq": entry.seq, "time": entry.time });
    match &entry.state {
        EntryState::Erased => row["state"] = "erased".into(),
        EntryState::Unreadable(why) => {
            row["state"] = "unreadable".into();
            row["error"] = why.clone().into();
        }
        EntryState::Readable(r) => {
            row["state"] = "readable".into();
            row["kind"] = kind_name(r.kind).into();
            row["tenant"] = json!(r.tenant);
            row["route"] = json!(r.route);
            row["model"] = json!(r.model_requested);
            row["provider"] = json!(r.provider);
            row["region"] = json!(r.region);
            row["status"] = json!(r.outcome.as_ref().map(|o| o.status));
            row["residency"] = json!(r.residency.as_ref().map(|x| name_of(&x.decision)));
            row["entities"] = r.detections.iter().map(|d| d.entity.clone()).collect();
            row["actions"] = r
                .actions
                .iter()
                .map(|a| format!("{} {}", name_of(&a.action), a.entity))
                .collect();
            row["event"] = json!(r.event.as_ref().map(|e| name_of(&e.action)));
            row["cost"] = json!(r.cost);
        }
    }
    row
}

/// The page the filter asks for, newest first: `{total, page, per_page, pages, rows}`.
pub fn page(entries: &[Entry], filter: &Filter) -> Result<Value, BadFilter> {
    let matcher = filter.matcher()?;
    let per_page = filter
        .per_page
        .unwrap_or(DEFAULT_PER_PAGE)
        .clamp(1, MAX_PER_PAGE);
    let page = filter.page.unwrap_or(1).max(1);
    let matching: Vec<&Entry> = entries
        .iter()
        .rev()
        .filter(|e| matcher.matches(e))
        .collect();
    let total = matching.len();
    let rows: Vec<Value> = matching
        .iter()
        .skip((page - 1).saturating_mul(per_page))
        .take(per_page)
        .map(|e| row(e))
        .collect();
    Ok(json!({
        "total": total,
        "page": page,
        "per_page": per_page,
        "pages": total.div_ceil(per_page).max(1),
        "rows": rows,
    }))
}

/// Whether a viewer with `grant` may see content captured in `mode`.
pub fn content_visible(grant: ContentGrant, mode: CaptureMode) -> bool {
    match grant {
        ContentGrant::Full => true,
        ContentGrant::Redacted => mode == CaptureMode::Redacted,
        ContentGrant::None => false,
    }
}

/// A record's detail: the whole record, its captured content only when the capture
/// mode and the viewer's grant allow (else `content_withheld` says why).
pub fn detail(entry: &Entry, grant: ContentGrant) -> Value {
    let mut out = json!({ "seq": entry.seq, "time": entry.time });
    match &entry.state {
        EntryState::Erased => {
            out["state"] = "erased".into();
            out["note"] =
                "This record's data key was destroyed (erasure or retention): it no longer decrypts; the chain still verifies."
                    .into();
        }
        EntryState::Unreadable(why) => {
            out["state"] = "unreadable".into();
            out["error"] = why.clone().into();
        }
        EntryState::Readable(record) => {
            out["state"] = "readable".into();
            let mut record = record.as_ref().clone();
            if let Some(capture) = record.capture.as_mut() {
                let has_content = capture.request.is_some() || capture.response.is_some();
                if has_content && !content_visible(grant, capture.mode) {
                    capture.request = None;
                    capture.response = None;
                    out["content_withheld"] = format!(
                        "Content captured in {} mode is not shown to this viewer (content grant: {}).",
                        name_of(&capture.mode),
                        name_of(&grant)
                    )
                    .into();
                }
            }
            out["record"] = serde_json::to_value(&record).unwrap_or(Value::Null);
        }
    }
    out
}

/// Summaries of the filtered entries: requests and denials over time, entities
/// detected by type, spend by tenant, model and provider (per currency, in micros).
pub fn summary(entries: &[Entry], filter: &Filter) -> Result<Value, BadFilter> {
    let matcher = filter.matcher()?;
    let matching: Vec<(&Entry, &Record)> = entries
        .iter()
        .filter(|e| matcher.matches(e))
        .filter_map(|e| e.record().map(|r| (e, r)))
        .collect();
    let times: Vec<OffsetDateTime> = matching.iter().filter_map(|(e, _)| e.at).collect();
    let span = match (times.iter().min(), times.iter().max()) {
        (Some(a), Some(b)) => (*b - *a).whole_seconds(),
        _ => 0,
    };
    // Buckets of a minute, an hour or a day: about a few dozen bars for any span.
    let (bucket_secs, unit) = if span <= 2 * 3600 {
        (60, "minute")
    } else if span <= 4 * 86_400 {
        (3600, "hour")
    } else {
        (86_400, "day")
    };
    let mut over_time: BTreeMap<i64, (u64, u64)> = BTreeMap::new();
    let mut entities: BTreeMap<String, u64> = BTreeMap::new();
    let mut spend: BTreeMap<(&str, String, String), u64> = BTreeMap::new();
    for (entry, record) in &matching {
        if record.kind == RecordKind::Request {
            if let Some(at) = entry.at {
                let t = at.unix_timestamp();
                let slot = over_time.entry(t - t.rem_euclid(bucket_secs)).or_default();
                slot.0 += 1;
                let denied = record
                    .residency
                    .as_ref()
                    .is_some_and(|r| r.decision == ResidencyDecision::Denied)
                    || record.outcome.as_ref().is_some_and(|o| o.status >= 400);
                if denied {
                    slot.1 += 1;
                }
            }
            for d in &record.detections {
                *entities.entry(d.entity.clone()).or_default() += d.count;
            }
        }
        if let Some(cost) = &record.cost {
            for (by, key) in [
                ("tenant", record.tenant.as_deref()),
                ("model", record.model_requested.as_deref()),
                ("provider", record.provider.as_deref()),
            ] {
                let key = key.unwrap_or("(none)").to_owned();
                *spend.entry((by, key, cost.currency.clone())).or_default() += cost.micros;
            }
        }
    }
    let bucket_time = |t: i64| {
        OffsetDateTime::from_unix_timestamp(t)
            .ok()
            .and_then(|t| t.format(&Rfc3339).ok())
            .unwrap_or_default()
    };
    let mut by = serde_json::Map::new();
    for name in ["tenant", "model", "provider"] {
        let rows: Vec<Value> = spend
            .iter()
            .filter(|((b, _, _), _)| *b == name)
            .map(|((_, key, currency), micros)| {
                json!({ "key": key, "currency": currency, "micros": micros })
            })
            .collect();
        by.insert(name.into(), rows.into());
    }
    Ok(json!({
        "records": matching.len(),
        "bucket": unit,
        "over_time": over_time
            .iter()
            .map(|(t, (requests, denials))| json!({ "t": bucket_time(*t), "requests": requests, "denials": denials }))
            .collect::<Vec<_>>(),
        "entities": entities
            .iter()
            .map(|(entity, count)| json!({ "entity": entity, "count": count }))
            .collect::<Vec<_>>(),
        "spend": by,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::record::{Capture, Detection};

    fn entry(seq: u64, time: &str, record: Record) -> Entry {
        Entry::from_line(&json!({ "seq": seq, "time": time, "record": record })).unwrap()
    }

    fn request(tenant: &str, entity: Option<&str>) -> Record {
        let mut r = Record::new(RecordKind::Request);
        r.tenant = Some(tenant.into());
        if let Some(e) = entity {
            r.detections.push(Detection {
                entity: e.into(),
                count: 2,
            });
        }
        r
    }

    #[test]
    fn filters_page_newest_first_and_keep_sequence_numbers() {
        let entries: Vec<Entry> = (0..5)
            .map(|i| {
                let entity = (i % 2 == 0).then_some("EMAIL_ADDRESS");
                entry(i, "2026-01-01T00:00:00Z", request("acme", entity))
            })
            .collect();
        let filter = Filter {
            entity: Some("email_address".into()),
            per_page: Some(2),
            page: Some(1),
            ..Filter::default()
        };
        let page1 = page(&entries, &filter).unwrap();
        assert_eq!(page1["total"], 3);
        assert_eq!(page1["pages"], 2);
        let seqs: Vec<u64> = page1["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["seq"].as_u64().unwrap())
            .collect();
        assert_eq!(seqs, vec![4, 2]);
        let bad = Filter {
            from: Some("yesterday".into()),
            ..Filter::default()
        };
        assert!(page(&entries, &bad)
            .unwrap_err()
            .to_string()
            .contains("from=`yesterday`"));
    }

    #[test]
    fn content_shows_only_as_the_grant_and_capture_mode_allow() {
        let mut r = request("acme", None);
        r.capture = Some(Capture {
            mode: CaptureMode::Full,
            request: Some(Capture::json(&json!("original text"))),
            response: None,
        });
        let e = entry(7, "2026-01-01T00:00:00Z", r);
        let hidden = detail(&e, ContentGrant::Redacted);
        assert!(!hidden.to_string().contains("original text"));
        assert_eq!(hidden["record"]["capture"]["mode"], "full");
        assert!(hidden["content_withheld"].is_string());
        let shown = detail(&e, ContentGrant::Full);
        assert_eq!(shown["record"]["capture"]["request"], "original text");
    }

    #[test]
    fn summary_counts_entities_and_denials() {
        let mut denied = request("acme", Some("US_SSN"));
        denied.outcome = Some(crate::audit::record::Outcome {
            status: 403,
            error_type: None,
        });
        let entries = vec![
            entry(0, "2026-01-01T00:00:10Z", request("acme", Some("US_SSN"))),
            entry(1, "2026-01-01T00:00:20Z", denied),
        ];
        let s = summary(&entries, &Filter::default()).unwrap();
        assert_eq!(s["over_time"][0]["requests"], 2);
        assert_eq!(s["over_time"][0]["denials"], 1);
        assert_eq!(s["entities"][0], json!({"entity": "US_SSN", "count": 4}));
    }
}
