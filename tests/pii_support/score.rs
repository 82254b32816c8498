//! The scorer of the held-out corpora (`tests/heldout/`, `tests/heldout_b/`): per entity
//! "hidden" (every byte of the value inside a finding that alters the text), recall (a
//! finding of the same entity overlaps the value) and precision (values found over values
//! found plus findings of that entity on no value of it); the share of harmless texts
//! altered and of decoys touched; per-language figures, misses and false alarms for
//! `--nocapture`. Both corpus tests feed it the findings that alter each text, however
//! they obtained them (the engine in process or the built binary).

use std::collections::BTreeMap;

use serde::Deserialize;

/// One corpus line: `{"lang", "kind": "pii"|"harmless"|"decoy", "text", "spans"}`, spans
/// in UTF-8 byte offsets.
#[derive(Deserialize)]
pub struct Row {
    pub lang: String,
    pub kind: String,
    pub text: String,
    pub spans: Vec<(String, usize, usize)>,
}

/// Parses a corpus, naming the line of a bad record.
pub fn rows(corpus: &str, name: &str) -> Vec<Row> {
    corpus
        .lines()
        .enumerate()
        .map(|(i, l)| {
            serde_json::from_str(l).unwrap_or_else(|e| panic!("{name} line {}: {e}", i + 1))
        })
        .collect()
}

/// A finding that alters the text: entity and byte span.
pub struct Hit {
    pub entity: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Default)]
pub struct Score {
    pub values: usize,
    pub hidden: usize,
    pub tp: usize,
    pub fp: usize,
}

impl Score {
    pub fn hidden(&self) -> f64 {
        ratio(self.hidden, self.values)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.values)
    }
    /// 1.0 when the entity was never reported (nothing wrong was said).
    pub fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            ratio(self.tp, self.tp + self.fp)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

#[derive(Default)]
pub struct Report {
    pub scores: BTreeMap<String, Score>,
    pub per_lang: BTreeMap<(String, String), Score>,
    pub harmless: usize,
    pub harmless_altered: usize,
    pub decoys: usize,
    pub decoys_touched: usize,
    /// Findings of entities no threshold names, outside any value in PII prompts.
    pub stray_other: usize,
    pub misses: Vec<String>,
    pub false_alarms: Vec<String>,
}

/// (entity, min hidden, min precision, min recall).
pub type Threshold = (&'static str, f64, f64, f64);

impl Report {
    /// Scores `rows` against `answers`: per row, whether the whole text was refused
    /// (every value hidden) and the findings that alter it. Findings of entities not in
    /// `evaluated` count against no entity's precision when they lie outside every value.
    pub fn score(rows: &[Row], answers: &[(bool, Vec<Hit>)], evaluated: &[Threshold]) -> Report {
        assert_eq!(rows.len(), answers.len(), "one answer per corpus line");
        let mut r = Report::default();
        for (row, (whole, altering)) in rows.iter().zip(answers) {
            let text = row.text.as_str();
            match row.kind.as_str() {
                "harmless" | "decoy" => {
                    let touched = *whole || !altering.is_empty();
                    if row.kind == "harmless" {
                        r.harmless += 1;
                        r.harmless_altered += usize::from(touched);
                    } else {
                        r.decoys += 1;
                        r.decoys_touched += usize::from(touched);
                    }
                    if touched {
                        let found: Vec<String> = altering
                            .iter()
                            .map(|f| format!("{} {:?}", f.entity, &text[f.start..f.end]))
                            .collect();
                        r.false_alarms
                            .push(format!("{} {text:?}: {found:?}", row.kind));
                    }
                    continue;
                }
                kind => assert_eq!(kind, "pii", "unknown kind"),
            }
            for (entity, start, end) in &row.spans {
                let (start, end) = (*start, *end);
                let hidden = *whole
                    || (start..end).all(|b| altering.iter().any(|f| f.start <= b && b < f.end));
                let found = altering
                    .iter()
                    .any(|f| &f.entity == entity && f.start < end && start < f.end);
                for s in [
                    r.scores.entry(entity.clone()).or_default(),
                    r.per_lang
                        .entry((entity.clone(), row.lang.clone()))
                        .or_default(),
                ] {
                    s.values += 1;
                    s.hidden += usize::from(hidden);
                    s.tp += usize::from(found);
                }
                if !hidden {
                    r.misses
                        .push(format!("{entity} {:?} in {text:?}", &text[start..end]));
                }
            }
            for f in altering {
                let on_a_value_of_its_kind = row
                    .spans
                    .iter()
                    .any(|(e, s, t)| e == &f.entity && f.start < *t && *s < f.end);
                if on_a_value_of_its_kind {
                    continue;
                }
                let on_any_value = row.spans.iter().any(|(_, s, t)| f.start < *t && *s < f.end);
                if evaluated.iter().any(|(e, ..)| *e == f.entity) {
                    // A finding of an evaluated entity where no value of that entity is.
                    r.scores.entry(f.entity.clone()).or_default().fp += 1;
                } else if on_any_value {
                    // Another entity on a value still hides it.
                    continue;
                } else {
                    r.stray_other += 1;
                }
                r.false_alarms.push(format!(
                    "{} {:?} in {text:?}",
                    f.entity,
                    &text[f.start..f.end]
                ));
            }
        }
        r
    }

    pub fn harmless_rate(&self) -> f64 {
        ratio(self.harmless_altered, self.harmless)
    }

    pub fn decoy_rate(&self) -> f64 {
        ratio(self.decoys_touched, self.decoys)
    }

    /// The README table, recall per language, the first misses and false alarms.
    pub fn print(&self, corpus: &str) {
        println!("| entity ({corpus}) | values | hidden | precision | recall |");
        println!("|---|---:|---:|---:|---:|");
        for (e, s) in &self.scores {
            println!(
                "| {e} | {} | {:.3} | {:.3} | {:.3} |",
                s.values,
                s.hidden(),
                s.precision(),
                s.recall()
            );
        }
        println!(
            "| harmless texts altered | {:.1} % ({} of {}) |",
            100.0 * self.harmless_rate(),
            self.harmless_altered,
            self.harmless
        );
        println!(
            "| decoys touched | {:.1} % ({} of {}) |",
            100.0 * self.decoy_rate(),
            self.decoys_touched,
            self.decoys
        );
        println!(
            "findings of other entities outside any value in PII prompts: {}",
            self.stray_other
        );
        for ((e, l), s) in &self.per_lang {
            println!(
                "{e} {l}: hidden {:.3}, recall {:.3} ({} values)",
                s.hidden(),
                s.recall(),
                s.values
            );
        }
        for m in self.misses.iter().take(60) {
            println!("MISS {m}");
        }
        for f in self.false_alarms.iter().take(60) {
            println!("FALSE {f}");
        }
    }

    /// Every threshold not met, as one line each.
    pub fn failures(
        &self,
        thresholds: &[Threshold],
        max_harmless: f64,
        max_decoys: f64,
    ) -> Vec<String> {
        let mut failures = Vec::new();
        for &(entity, h, p, r) in thresholds {
            let s = self
                .scores
                .get(entity)
                .unwrap_or_else(|| panic!("the corpus has no {entity} value"));
            if s.hidden() < h || s.precision() < p || s.recall() < r {
                failures.push(format!(
                    "{entity}: hidden {:.3} (min {h}), precision {:.3} (min {p}), recall {:.3} (min {r})",
                    s.hidden(),
                    s.precision(),
                    s.recall()
                ));
            }
        }
        if self.harmless_rate() > max_harmless {
            failures.push(format!(
                "harmless texts altered {:.3} (max {max_harmless})",
                self.harmless_rate()
            ));
        }
        if self.decoy_rate() > max_decoys {
            failures.push(format!(
                "decoys touched {:.3} (max {max_decoys})",
                self.decoy_rate()
            ));
        }
        failures
    }
}
