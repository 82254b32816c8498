//! One policy file (`policies/*.toml`): raw serde structs with `deny_unknown_fields`,
//! validated once into [`Policy`]. Every error names file, line and column.
//!
//! ```toml
//! id = "gdpr-eu"
//! description = "EU personal data stays with EU providers under a DPA"
//! tenants = ["acme"]                 # optional: tenants this policy applies to
//!
//! [pii]                              # the PII engine's rules (see src/pii/rules.rs);
//! default_action = "mask"            # [pii.actions] also takes data classes: health = "block"
//! binary = "refuse"                  # images, audio, files, token ids: refuse | allow
//!
//! [residency]
//! regions = ["eu"]                   # region patterns: "eu" matches eu, eu-west, eu-west-1
//! jurisdictions = ["EU"]
//! certifications = ["gdpr_dpa"]      # required of every provider
//!
//! [[rules]]                          # rules by data class
//! when = ["health"]                  # data classes or entity names detected in the request
//! require_certifications = ["hipaa_baa"]
//!
//! [audit]
//! capture = "redacted"               # metadata | redacted | full
//! retention_days = 2190
//! subject_from = "user"              # data subject from the body's `user` when no header
//!
//! [output]
//! scan = true                        # mask PII the model writes itself
//! ```

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use super::classes::{self, DataClass};
use super::PolicyError;
use crate::pii::{Action, BinaryParts, Engine, Entity, PiiError, PiiRules, PiiTable};

pub use crate::audit::record::CaptureMode;

/// Which providers may see requests under a policy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResidencyRules {
    /// Region patterns; `None` means any region.
    pub regions: Option<Vec<String>>,
    /// Jurisdictions; `None` means any.
    pub jurisdictions: Option<Vec<String>>,
    pub certifications: Vec<String>,
}

/// A rule that applies when any of its data classes or entities is detected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataRule {
    /// What the rule says in the file, e.g. `health`.
    pub when: Vec<String>,
    /// The entities that trigger it.
    pub entities: Vec<Entity>,
    pub require_certifications: Vec<String>,
    pub require_regions: Option<Vec<String>>,
    pub require_jurisdictions: Option<Vec<String>>,
}

/// A validated policy, its PII engine compiled.
pub struct Policy {
    pub id: String,
    pub description: String,
    /// The file it came from, for messages.
    pub file: String,
    /// SHA-256 of the file's bytes, hex: which version handled a request.
    pub version: String,
    /// Tenants the file itself names (the config may name more), with line and column.
    pub tenants: Vec<(String, usize, usize)>,
    /// Shared: a streamed answer's output scanner holds it past the request's borrow.
    pub engine: Arc<Engine>,
    /// Whether answers are scanned for PII the model wrote itself (`[output] scan`).
    pub scan_output: bool,
    pub residency: ResidencyRules,
    pub rules: Vec<DataRule>,
    pub capture: CaptureMode,
    pub retention_days: Option<u32>,
    /// `[audit] subject_from = "user"`: a request without `x-ledgergate-subject` names
    /// its data subject in the body's `user` (OpenAI) or `metadata.user_id` (Anthropic).
    pub subject_from_user: bool,
    /// Parts screening cannot read (`[pii] binary`): refused unless allowed.
    pub binary: BinaryParts,
}

impl std::fmt::Debug for Policy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Policy")
            .field("id", &self.id)
            .field("version", &self.version)
            .finish_non_exhaustive()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    id: Spanned<String>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    tenants: Vec<Spanned<String>>,
    pii: Option<PiiTable>,
    #[serde(default)]
    residency: RawResidency,
    #[serde(default)]
    rules: Vec<RawRule>,
    #[serde(default)]
    audit: RawAudit,
    #[serde(default)]
    output: RawOutput,
}

/// `[output]`: what happens to the model's answer.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawOutput {
    /// Mask PII the model writes that is not a restored token.
    #[serde(default)]
    scan: bool,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawResidency {
    regions: Option<Spanned<Vec<String>>>,
    jurisdictions: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    certifications: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    when: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    require_certifications: Vec<String>,
    require_regions: Option<Spanned<Vec<String>>>,
    require_jurisdictions: Option<Spanned<Vec<String>>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawAudit {
    capture: Option<Spanned<String>>,
    retention_days: Option<Spanned<u32>>,
    subject_from: Option<Spanned<String>>,
}

/// 1-based line and column of a byte offset.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

struct Source<'a> {
    file: &'a str,
    text: &'a str,
}

impl Source<'_> {
    fn error(&self, span: Range<usize>, message: impl Into<String>) -> PolicyError {
        let (line, column) = line_column(self.text, span.start);
        PolicyError::Invalid {
            file: self.file.to_owned(),
            line,
            column,
            message: message.into(),
        }
    }
}

/// Whether a region matches a pattern: `eu` matches `eu`, `eu-west` and `eu-west-1`.
pub fn region_matches(pattern: &str, region: &str) -> bool {
    let (p, r) = (pattern.to_ascii_lowercase(), region.to_ascii_lowercase());
    r == p || (r.starts_with(&p) && r.as_bytes().get(p.len()) == Some(&b'-'))
}

fn non_empty(
    list: Option<Spanned<Vec<String>>>,
    what: &str,
    src: &Source,
) -> Result<Option<Vec<String>>, PolicyError> {
    match list {
        Some(l) if l.get_ref().is_empty() => Err(src.error(
            l.span(),
            format!(
                "{what} is empty, which would allow no provider at all; remove it to allow any"
            ),
        )),
        Some(l) => Ok(Some(l.into_inner())),
        None => Ok(None),
    }
}

/// Parses and validates one policy file.
pub fn parse(text: &str, file: &str) -> Result<Policy, PolicyError> {
    let src = Source { file, text };
    let raw: RawPolicy = toml::from_str(text).map_err(|e| {
        src.error(
            e.span().unwrap_or(0..0),
            e.message().split_whitespace().collect::<Vec<_>>().join(" "),
        )
    })?;

    let id_span = raw.id.span();
    let id = raw.id.into_inner();
    let id_ok = !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if !id_ok {
        return Err(src.error(
            id_span,
            format!("policy id \"{id}\" must be 1 to 64 letters, digits, '-', '_' or '.'"),
        ));
    }

    let binary = raw
        .pii
        .as_ref()
        .and_then(|table| table.binary)
        .unwrap_or_default();
    let engine = match raw.pii {
        Some(table) => {
            // Spanned<> cannot wrap this table (its maps need owned keys), so the span
            // is the text from the `[pii` header to the end: names are searched there.
            let start = text.find("[pii").unwrap_or(0);
            compile_pii(table, &src, start..text.len())?
        }
        None => Engine::new(&PiiRules::default()).map_err(|e| src.error(0..0, e.to_string()))?,
    };

    let residency = ResidencyRules {
        regions: non_empty(raw.residency.regions, "residency.regions", &src)?,
        jurisdictions: non_empty(raw.residency.jurisdictions, "residency.jurisdictions", &src)?,
        certifications: raw.residency.certifications,
    };

    let mut rules = Vec::new();
    for raw_rule in raw.rules {
        let when_span = raw_rule.when.span();
        let mut entities = Vec::new();
        let mut when = Vec::new();
        for name in raw_rule.when.into_inner() {
            let span = name.span();
            let name = name.into_inner();
            match classes::parse_class_or_entity(&name) {
                Ok(found) => entities.extend(found),
                Err(message) => return Err(src.error(span, message)),
            }
            when.push(name);
        }
        if when.is_empty() {
            return Err(src.error(
                when_span,
                "rule has an empty `when`: name at least one data class or entity",
            ));
        }
        let require_regions = check_against(
            raw_rule.require_regions,
            residency.regions.as_deref(),
            "require_regions",
            "residency.regions",
            region_matches,
            &src,
        )?;
        let require_jurisdictions = check_against(
            raw_rule.require_jurisdictions,
            residency.jurisdictions.as_deref(),
            "require_jurisdictions",
            "residency.jurisdictions",
            |a, b| a.eq_ignore_ascii_case(b),
            &src,
        )?;
        if raw_rule.require_certifications.is_empty()
            && require_regions.is_none()
            && require_jurisdictions.is_none()
        {
            return Err(src.error(
                when_span,
                "rule requires nothing: give require_certifications, require_regions or require_jurisdictions",
            ));
        }
        entities.sort();
        entities.dedup();
        rules.push(DataRule {
            when,
            entities,
            require_certifications: raw_rule.require_certifications,
            require_regions,
            require_jurisdictions,
        });
    }

    let capture = match raw
        .audit
        .capture
        .as_ref()
        .map(|c| (c.get_ref().as_str(), c.span()))
    {
        None | Some(("redacted", _)) => CaptureMode::Redacted,
        Some(("metadata", _)) => CaptureMode::Metadata,
        Some(("full", _)) => CaptureMode::Full,
        Some((other, span)) => {
            return Err(src.error(
                span,
                format!("audit.capture \"{other}\" must be metadata, redacted or full"),
            ))
        }
    };

    if let Some(from) = &raw.audit.subject_from {
        if from.get_ref() != "user" {
            let message = format!("audit.subject_from \"{}\" must be user", from.get_ref());
            return Err(src.error(from.span(), message));
        }
    }

    let version = hex::encode(ring::digest::digest(&ring::digest::SHA256, text.as_bytes()));
    Ok(Policy {
        id,
        description: raw.description,
        file: file.to_owned(),
        version,
        tenants: raw
            .tenants
            .into_iter()
            .map(|t| {
                let (line, column) = line_column(text, t.span().start);
                (t.into_inner(), line, column)
            })
            .collect(),
        engine: Arc::new(engine),
        scan_output: raw.output.scan,
        residency,
        rules,
        capture,
        retention_days: raw.audit.retention_days.map(Spanned::into_inner),
        subject_from_user: raw.audit.subject_from.is_some(),
        binary,
    })
}

/// Expands data classes in `[pii.actions]` (an entity named on its own wins over its
/// class), validates the table and compiles the engine.
fn compile_pii(
    mut table: PiiTable,
    src: &Source,
    span: Range<usize>,
) -> Result<Engine, PolicyError> {
    let mut explicit: BTreeMap<String, Action> = BTreeMap::new();
    let mut from_class: BTreeMap<String, (Action, String)> = BTreeMap::new();
    for (name, action) in std::mem::take(&mut table.actions) {
        match DataClass::parse(&name) {
            Some(class) => {
                for entity in class.entities() {
                    let entity = entity.name().to_owned();
                    if let Some((other, other_class)) = from_class.get(&entity) {
                        if *other != action {
                            return Err(src.error(
                                find_word(src.text, &span, &name),
                                format!(
                                    "data classes {other_class} ({other}) and {name} ({action}) conflict on {entity}; name {entity} on its own to decide"
                                ),
                            ));
                        }
                    }
                    from_class.insert(entity, (action, name.clone()));
                }
            }
            None => {
                explicit.insert(name, action);
            }
        }
    }
    table.actions = from_class.into_iter().map(|(e, (a, _))| (e, a)).collect();
    table.actions.extend(explicit);
    let rules = PiiRules::from_table(table).map_err(|e| {
        let needle = match &e {
            PiiError::UnknownEntity { name, .. } | PiiError::BadCustomEntity(name) => {
                Some(name.clone())
            }
            PiiError::BadRegex { name, .. } => Some(name.clone()),
            _ => None,
        };
        let at = needle.map_or(span.clone(), |n| find_word(src.text, &span, &n));
        src.error(at, e.to_string())
    })?;
    Engine::new(&rules).map_err(|e| src.error(span.clone(), e.to_string()))
}

/// The span of the first whole-word occurrence of `word` inside `within`, else `within`.
fn find_word(text: &str, within: &Range<usize>, word: &str) -> Range<usize> {
    let region = &text[within.start.min(text.len())..within.end.min(text.len())];
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    region
        .match_indices(word)
        .find(|(i, _)| {
            let b = region.as_bytes();
            let before = *i == 0 || !is_word(b[i - 1]);
            let after = i + word.len() >= b.len() || !is_word(b[i + word.len()]);
            before && after
        })
        .map_or(within.clone(), |(i, _)| {
            within.start + i..within.start + i + word.len()
        })
}

/// A rule's region or jurisdiction requirement must be satisfiable within the
/// policy's own residency, or no provider could ever receive such a request.
fn check_against(
    required: Option<Spanned<Vec<String>>>,
    allowed: Option<&[String]>,
    what: &str,
    against: &str,
    compatible: impl Fn(&str, &str) -> bool,
    src: &Source,
) -> Result<Option<Vec<String>>, PolicyError> {
    let Some(required) = required else {
        return Ok(None);
    };
    let span = required.span();
    let list = required.into_inner();
    if list.is_empty() {
        return Err(src.error(
            span,
            format!("{what} is empty: remove it or name at least one"),
        ));
    }
    if let Some(allowed) = allowed {
        let satisfiable = list
            .iter()
            .any(|r| allowed.iter().any(|a| compatible(a, r) || compatible(r, a)));
        if !satisfiable {
            return Err(src.error(
                span,
                format!(
                    "{what} {list:?} conflicts with {against} {allowed:?}: no provider could satisfy both"
                ),
            ));
        }
    }
    Ok(Some(list))
}
