//! The `[pii]` table of a policy file: default action, per-entity actions, allow and
//! deny lists, custom recognizers (regex, context words, a validator from a fixed
//! list). Parsed with `deny_unknown_fields` into raw structs, then validated once into
//! `PiiRules`, which cannot hold an unknown entity, a bad regex or a bad confidence.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::checksum;
use super::entity::Entity;
use super::redact::Action;
use super::PiiError;

/// Raw `[pii]` table as written in a policy file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PiiTable {
    #[serde(default)]
    pub default_action: Option<Action>,
    #[serde(default)]
    pub actions: BTreeMap<String, Action>,
    #[serde(default)]
    pub allow: Vec<String>,
    #[serde(default)]
    pub deny: Vec<DenyTable>,
    #[serde(default)]
    pub custom: Vec<CustomTable>,
    #[serde(default)]
    pub min_confidence: Option<f32>,
    #[serde(default)]
    pub max_findings: Option<usize>,
    /// What the policy does with parts the engine cannot read; the engine never sees
    /// them (the policy acts on this setting, see [`BinaryParts`]).
    #[serde(default)]
    pub binary: Option<BinaryParts>,
}

/// `[pii] binary`: requests with parts the engine cannot read (images, audio, files,
/// token ids) are refused (the default), or allowed through unscreened and recorded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BinaryParts {
    #[default]
    Refuse,
    Allow,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DenyTable {
    pub entity: String,
    pub values: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomTable {
    pub name: String,
    pub entity: String,
    pub regex: String,
    #[serde(default)]
    pub context: Vec<String>,
    #[serde(default)]
    pub validator: Option<String>,
    #[serde(default)]
    pub confidence: Option<f32>,
}

/// Validators a custom recognizer may name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CustomValidator {
    Luhn,
    Mod97,
    Iban,
    Mod11,
    Nhs,
    Bsn,
    Npi,
}

impl CustomValidator {
    const NAMES: &'static [&'static str] = &["luhn", "mod97", "iban", "mod11", "nhs", "bsn", "npi"];

    fn parse(name: &str) -> Result<CustomValidator, PiiError> {
        Ok(match name {
            "luhn" => CustomValidator::Luhn,
            "mod97" => CustomValidator::Mod97,
            "iban" => CustomValidator::Iban,
            "mod11" => CustomValidator::Mod11,
            "nhs" => CustomValidator::Nhs,
            "bsn" => CustomValidator::Bsn,
            "npi" => CustomValidator::Npi,
            other => {
                return Err(PiiError::Invalid(format!(
                    "unknown validator \"{other}\" (expected one of {})",
                    CustomValidator::NAMES.join(", ")
                )))
            }
        })
    }

    /// Digit-based validators look at the digits of the match only, so a pattern may
    /// carry a prefix (`EMP-79927398`); `mod97` and `iban` read letters too.
    pub fn check(self, s: &str) -> bool {
        let digits = || s.chars().filter(char::is_ascii_digit).collect::<String>();
        match self {
            CustomValidator::Luhn => checksum::luhn(&digits()),
            CustomValidator::Mod97 => checksum::mod97(s),
            CustomValidator::Iban => checksum::iban(s),
            CustomValidator::Mod11 => checksum::mod11(&digits()),
            CustomValidator::Nhs => checksum::nhs(&digits()),
            CustomValidator::Bsn => checksum::bsn(&digits()),
            CustomValidator::Npi => checksum::npi(&digits()),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct DenyList {
    pub entity: Entity,
    pub values: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CustomRecognizer {
    pub name: String,
    pub entity: Entity,
    pub regex: String,
    pub context: Vec<String>,
    pub validator: Option<CustomValidator>,
    pub confidence: f32,
}

/// Validated PII rules.
#[derive(Clone, Debug)]
pub struct PiiRules {
    pub default_action: Action,
    pub actions: BTreeMap<Entity, Action>,
    pub allow: Vec<String>,
    pub deny: Vec<DenyList>,
    pub custom: Vec<CustomRecognizer>,
    /// Findings below this confidence are dropped (default 0.5).
    pub min_confidence: f32,
    /// Most findings one request may hold (default [`DEFAULT_MAX_FINDINGS`]); beyond it
    /// screening fails with `TooManyFindings` and nothing is forwarded.
    pub max_findings: usize,
}

/// Default cap on findings per request. Generous for real prompts (a 1 MB document
/// rarely holds more than a few thousand values) while bounding the memory a
/// request's token map can take: each finding costs an allocation and a map entry.
pub const DEFAULT_MAX_FINDINGS: usize = 100_000;

impl Default for PiiRules {
    /// Every built-in recognizer with `mask`.
    fn default() -> PiiRules {
        PiiRules {
            default_action: Action::Mask,
            actions: BTreeMap::new(),
            allow: Vec::new(),
            deny: Vec::new(),
            custom: Vec::new(),
            min_confidence: 0.5,
            max_findings: DEFAULT_MAX_FINDINGS,
        }
    }
}

impl PiiRules {
    /// Validates a raw table. Errors name the offending key but not its position; use
    /// [`PiiRules::from_policy_str`] to get `file:line:col`.
    pub fn from_table(table: PiiTable) -> Result<PiiRules, PiiError> {
        let mut custom_entities: Vec<Entity> = Vec::new();
        let mut custom = Vec::new();
        for c in table.custom {
            let entity = Entity::custom(&c.entity)?;
            if let Entity::Custom(_) = entity {
                custom_entities.push(entity.clone());
            }
            let confidence = c.confidence.unwrap_or(0.6);
            if !(0.0..=1.0).contains(&confidence) {
                return Err(PiiError::Invalid(format!(
                    "custom recognizer \"{}\" has confidence {confidence}, expected 0.0 to 1.0",
                    c.name
                )));
            }
            if let Err(e) = regex::Regex::new(&c.regex) {
                return Err(PiiError::BadRegex {
                    name: c.name,
                    message: e
                        .to_string()
                        .lines()
                        .last()
                        .unwrap_or("")
                        .trim()
                        .to_string(),
                });
            }
            let validator = c
                .validator
                .as_deref()
                .map(CustomValidator::parse)
                .transpose()?;
            custom.push(CustomRecognizer {
                name: c.name,
                entity,
                regex: c.regex,
                context: c.context,
                validator,
                confidence,
            });
        }
        let mut deny = Vec::new();
        for d in table.deny {
            let entity = Entity::custom(&d.entity)?;
            if let Entity::Custom(_) = entity {
                custom_entities.push(entity.clone());
            }
            if d.values.iter().any(|v| v.trim().is_empty()) {
                return Err(PiiError::Invalid(format!(
                    "deny list for {} contains an empty value",
                    d.entity
                )));
            }
            deny.push(DenyList {
                entity,
                values: d.values,
            });
        }
        let mut actions = BTreeMap::new();
        for (name, action) in table.actions {
            actions.insert(Entity::parse_with(&name, &custom_entities)?, action);
        }
        let min_confidence = table.min_confidence.unwrap_or(0.5);
        if !(0.0..=1.0).contains(&min_confidence) {
            return Err(PiiError::Invalid(format!(
                "min_confidence {min_confidence} is outside 0.0 to 1.0"
            )));
        }
        let max_findings = table.max_findings.unwrap_or(DEFAULT_MAX_FINDINGS);
        if max_findings == 0 {
            return Err(PiiError::Invalid(
                "max_findings must be at least 1".to_string(),
            ));
        }
        Ok(PiiRules {
            max_findings,
            default_action: table.default_action.unwrap_or(Action::Mask),
            actions,
            allow: table.allow,
            deny,
            custom,
            min_confidence,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Validates the `[pii]` table of a policy text (positions are the policy module's job).
    fn rules(src: &str) -> Result<PiiRules, PiiError> {
        #[derive(Deserialize)]
        struct Doc {
            pii: PiiTable,
        }
        let doc: Doc =
            toml::from_str(src).map_err(|e| PiiError::Invalid(e.message().to_owned()))?;
        PiiRules::from_table(doc.pii)
    }

    #[test]
    fn parses_a_full_pii_table() {
        let src = r#"
[pii]
default_action = "mask"
allow = ["S3"]
[pii.actions]
EMAIL_ADDRESS = "tokenize"
EMPLOYEE_ID = "hash"
[[pii.custom]]
name = "employee id"
entity = "EMPLOYEE_ID"
regex = 'EMP-\d{6}'
context = ["employee"]
validator = "luhn"
"#;
        let rules = rules(src).unwrap();
        assert_eq!(
            rules.actions.get(&Entity::EmailAddress),
            Some(&Action::Tokenize)
        );
        assert_eq!(rules.custom[0].validator, Some(CustomValidator::Luhn));
    }

    #[test]
    fn errors_name_what_is_wrong_with_a_hint() {
        let err = rules("[pii.actions]\nEMAIL_ADDRESS = \"mask\"\nUS_SNN = \"block\"\n")
            .unwrap_err()
            .to_string();
        assert_eq!(err, "unknown entity \"US_SNN\" (did you mean US_SSN?)");
        let err = rules("[pii]\nbogus = 1\n").unwrap_err().to_string();
        assert!(err.contains("unknown field `bogus`"), "{err}");
        let err = rules("[pii]\ndefault_action = \"shred\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("shred"), "{err}");
        let err = rules("[[pii.custom]]\nname = \"x\"\nentity = \"X_ID\"\nregex = \"(\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("recognizer \"x\" has an invalid regex"),
            "{err}"
        );
    }
}
