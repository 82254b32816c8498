//! Entity types: the names of what the engine finds, spelled as in Microsoft Presidio
//! where Presidio has one. Owns parsing a name from policy text with a did-you-mean
//! hint. Guarantees a custom entity name is UPPER_SNAKE_CASE and never shadows a built-in.

use std::fmt;
use std::sync::Arc;

use super::PiiError;

macro_rules! entities {
    ($($variant:ident => $name:literal),* $(,)?) => {
        /// One kind of personal or secret data.
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Entity {
            $($variant,)*
            /// Defined by a policy file (custom recognizer or deny list).
            Custom(Arc<str>),
        }

        impl Entity {
            /// Every built-in entity, in declaration order.
            pub const BUILTIN: &'static [Entity] = &[$(Entity::$variant,)*];

            /// The Presidio-style name, e.g. `EMAIL_ADDRESS`.
            pub fn name(&self) -> &str {
                match self {
                    $(Entity::$variant => $name,)*
                    Entity::Custom(name) => name,
                }
            }

            fn builtin_from_name(name: &str) -> Option<Entity> {
                match name {
                    $($name => Some(Entity::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

entities! {
    EmailAddress => "EMAIL_ADDRESS",
    PhoneNumber => "PHONE_NUMBER",
    CreditCard => "CREDIT_CARD",
    IbanCode => "IBAN_CODE",
    UsSsn => "US_SSN",
    UsItin => "US_ITIN",
    UsPassport => "US_PASSPORT",
    UsDriverLicense => "US_DRIVER_LICENSE",
    UsBankNumber => "US_BANK_NUMBER",
    IpAddress => "IP_ADDRESS",
    Url => "URL",
    DateTime => "DATE_TIME",
    DateOfBirth => "DATE_OF_BIRTH",
    UkNhs => "UK_NHS",
    UkNino => "UK_NINO",
    DeTaxId => "DE_TAX_ID",
    ItFiscalCode => "IT_FISCAL_CODE",
    EsNif => "ES_NIF",
    EsNie => "ES_NIE",
    FrNir => "FR_NIR",
    NlBsn => "NL_BSN",
    MedicalRecordNumber => "MEDICAL_RECORD_NUMBER",
    MedicalLicense => "MEDICAL_LICENSE",
    UsNpi => "US_NPI",
    Crypto => "CRYPTO",
    Secret => "SECRET",
    Person => "PERSON",
    Location => "LOCATION",
    AbaRoutingNumber => "ABA_ROUTING_NUMBER",
    AuAbn => "AU_ABN",
    AuAcn => "AU_ACN",
    AuTfn => "AU_TFN",
    AuMedicare => "AU_MEDICARE",
    InPan => "IN_PAN",
    InAadhaar => "IN_AADHAAR",
    InVehicleRegistration => "IN_VEHICLE_REGISTRATION",
    InVoter => "IN_VOTER",
    InPassport => "IN_PASSPORT",
    SgNricFin => "SG_NRIC_FIN",
    SgUen => "SG_UEN",
    KrRrn => "KR_RRN",
    PlPesel => "PL_PESEL",
    FiPersonalIdentityCode => "FI_PERSONAL_IDENTITY_CODE",
    SePersonnummer => "SE_PERSONNUMMER",
    ThTnin => "TH_TNIN",
    ItDriverLicense => "IT_DRIVER_LICENSE",
    ItVatCode => "IT_VAT_CODE",
    ItPassport => "IT_PASSPORT",
    ItIdentityCard => "IT_IDENTITY_CARD",
}

impl Entity {
    /// Parses a built-in entity name; unknown names get a did-you-mean hint.
    pub fn parse_builtin(name: &str) -> Result<Entity, PiiError> {
        Entity::builtin_from_name(name).ok_or_else(|| PiiError::UnknownEntity {
            name: name.to_string(),
            hint: did_you_mean(name, Entity::BUILTIN.iter().map(Entity::name)),
        })
    }

    /// Parses a name that is either built-in or one of `custom` (defined by the same policy).
    pub fn parse_with(name: &str, custom: &[Entity]) -> Result<Entity, PiiError> {
        if let Some(e) = Entity::builtin_from_name(name) {
            return Ok(e);
        }
        if let Some(e) = custom.iter().find(|e| e.name() == name) {
            return Ok(e.clone());
        }
        Err(PiiError::UnknownEntity {
            name: name.to_string(),
            hint: did_you_mean(
                name,
                Entity::BUILTIN
                    .iter()
                    .map(Entity::name)
                    .chain(custom.iter().map(Entity::name)),
            ),
        })
    }

    /// Declares a new custom entity: UPPER_SNAKE_CASE, not a built-in name.
    pub fn custom(name: &str) -> Result<Entity, PiiError> {
        let well_formed = !name.is_empty()
            && name.len() <= 48
            && name.starts_with(|c: char| c.is_ascii_uppercase())
            && name
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
            && !name.ends_with('_');
        if !well_formed {
            return Err(PiiError::BadCustomEntity(name.to_string()));
        }
        if Entity::builtin_from_name(name).is_some() {
            return Ok(Entity::builtin_from_name(name).unwrap_or(Entity::Custom(name.into())));
        }
        Ok(Entity::Custom(name.into()))
    }
}

impl fmt::Display for Entity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The closest candidate within a small edit distance, formatted as a hint.
fn did_you_mean<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> String {
    let upper = name.to_ascii_uppercase();
    let candidates: Vec<&str> = candidates.collect();
    if upper.len() >= 3 {
        if let Some(c) = candidates.iter().find(|c| c.contains(upper.as_str())) {
            return format!(" (did you mean {c}?)");
        }
    }
    let best = candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(&upper, c), c))
        .min_by_key(|(d, _)| *d);
    match best {
        Some((d, c)) if d <= 3 => format!(" (did you mean {c}?)"),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_builtin_and_suggests_close_names() {
        assert_eq!(Entity::parse_builtin("US_SSN").unwrap(), Entity::UsSsn);
        let err = Entity::parse_builtin("US_SNN").unwrap_err().to_string();
        assert!(err.contains("did you mean US_SSN?"), "{err}");
        let err = Entity::parse_builtin("email").unwrap_err().to_string();
        assert!(err.contains("EMAIL_ADDRESS"), "{err}");
    }

    #[test]
    fn custom_names_are_upper_snake() {
        assert!(Entity::custom("EMPLOYEE_ID").is_ok());
        assert!(Entity::custom("employee id").is_err());
        assert_eq!(Entity::custom("PERSON").unwrap(), Entity::Person);
    }
}
