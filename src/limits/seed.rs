//! Spend already made today and this month, read back from the audit log at start-up
//! so that a restart does not reset a budget. The response records carry the tenant,
//! the key id, the time and the cost; the records themselves are read by the audit
//! module ([`crate::audit::AuditLog::scan_records`]), this file only adds them up.

use std::collections::{BTreeMap, HashMap};

use time::{Date, Month, OffsetDateTime, Time};

use super::Subject;
use crate::audit::record::{Record, RecordKind};

/// A key's or tenant's spend per currency, in millionths.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Spent {
    pub day: BTreeMap<String, u64>,
    pub month: BTreeMap<String, u64>,
}

/// Spend per key and tenant for the UTC day and month of `now`.
#[derive(Debug, Clone)]
pub struct Spend {
    day: Date,
    month: (i32, Month),
    by_subject: HashMap<Subject, Spent>,
}

impl Spend {
    pub fn new(now: OffsetDateTime) -> Spend {
        Spend {
            day: now.date(),
            month: (now.year(), now.month()),
            by_subject: HashMap::new(),
        }
    }

    /// The first instant of the month of `now`: where the audit log is read from.
    pub fn month_start(&self) -> OffsetDateTime {
        let (year, month) = self.month;
        Date::from_calendar_date(year, month, 1)
            .unwrap_or(self.day)
            .with_time(Time::MIDNIGHT)
            .assume_utc()
    }

    pub fn day(&self) -> Date {
        self.day
    }

    pub fn month(&self) -> (i32, Month) {
        self.month
    }

    pub fn subjects(&self) -> impl Iterator<Item = (&Subject, &Spent)> {
        self.by_subject.iter()
    }

    /// Adds `micros` spent at `at` by `key` of `tenant` (and so by the tenant).
    pub fn add(
        &mut self,
        at: OffsetDateTime,
        tenant: &str,
        key: &str,
        currency: &str,
        micros: u64,
    ) {
        let at = at.to_offset(time::UtcOffset::UTC);
        if (at.year(), at.month()) != self.month {
            return;
        }
        let today = at.date() == self.day;
        for subject in [
            Subject::Key {
                tenant: tenant.to_owned(),
                key: key.to_owned(),
            },
            Subject::Tenant(tenant.to_owned()),
        ] {
            let spent = self.by_subject.entry(subject).or_default();
            let add = |map: &mut BTreeMap<String, u64>| {
                let total = map.entry(currency.to_owned()).or_insert(0);
                *total = total.saturating_add(micros);
            };
            add(&mut spent.month);
            if today {
                add(&mut spent.day);
            }
        }
    }

    /// Adds a record if it is a priced answer of a known key and tenant.
    pub fn add_record(&mut self, at: OffsetDateTime, record: &Record) {
        if record.kind != RecordKind::Response {
            return;
        }
        if let (Some(tenant), Some(key), Some(cost)) =
            (&record.tenant, &record.virtual_key_id, &record.cost)
        {
            self.add(at, tenant, key, &cost.currency, cost.micros);
        }
    }

    /// Whether nothing was spent this month.
    pub fn is_empty(&self) -> bool {
        self.by_subject.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;
    use crate::audit::record::Cost;

    #[test]
    fn answers_count_for_their_key_and_tenant_by_day_and_month() {
        let mut spend = Spend::new(datetime!(2026-03-10 12:00:00 UTC));
        assert_eq!(spend.month_start(), datetime!(2026-03-01 00:00:00 UTC));
        let mut record = Record::new(RecordKind::Response);
        record.tenant = Some("acme".into());
        record.virtual_key_id = Some("a".into());
        record.cost = Some(Cost {
            currency: "USD".into(),
            micros: 7,
        });
        spend.add_record(datetime!(2026-03-10 00:00:01 UTC), &record);
        spend.add_record(datetime!(2026-03-02 00:00:01 UTC), &record);
        spend.add_record(datetime!(2026-02-28 00:00:01 UTC), &record);
        let mut request = record.clone();
        request.kind = RecordKind::Request;
        spend.add_record(datetime!(2026-03-10 00:00:01 UTC), &request);
        let tenant = spend
            .subjects()
            .find(|(s, _)| **s == Subject::Tenant("acme".into()))
            .map(|(_, s)| s.clone())
            .unwrap();
        assert_eq!(tenant.day.get("USD"), Some(&7));
        assert_eq!(tenant.month.get("USD"), Some(&14));
        assert_eq!(spend.subjects().count(), 2);
    }
}
