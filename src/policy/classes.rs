//! Data classes: named groups of entities that policies talk about (`health`,
//! `eu_identifier`, ...). Lower-case, so they never collide with entity names.

use crate::pii::Entity;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataClass {
    Health,
    EuIdentifier,
    UsIdentifier,
    UkIdentifier,
    Financial,
    Contact,
    Identity,
    Network,
    Secret,
}

const ALL: &[(DataClass, &str)] = &[
    (DataClass::Health, "health"),
    (DataClass::EuIdentifier, "eu_identifier"),
    (DataClass::UsIdentifier, "us_identifier"),
    (DataClass::UkIdentifier, "uk_identifier"),
    (DataClass::Financial, "financial"),
    (DataClass::Contact, "contact"),
    (DataClass::Identity, "identity"),
    (DataClass::Network, "network"),
    (DataClass::Secret, "secret"),
];

impl DataClass {
    pub fn parse(name: &str) -> Option<DataClass> {
        ALL.iter().find(|(_, n)| *n == name).map(|(c, _)| *c)
    }

    pub fn name(self) -> &'static str {
        ALL.iter().find(|(c, _)| *c == self).map_or("", |(_, n)| n)
    }

    pub fn names() -> impl Iterator<Item = &'static str> {
        ALL.iter().map(|(_, n)| *n)
    }

    pub fn entities(self) -> &'static [Entity] {
        use Entity::*;
        match self {
            DataClass::Health => &[MedicalRecordNumber, MedicalLicense, UsNpi, UkNhs],
            DataClass::EuIdentifier => &[DeTaxId, ItFiscalCode, EsNif, EsNie, FrNir, NlBsn],
            DataClass::UsIdentifier => &[UsSsn, UsItin, UsPassport, UsDriverLicense],
            DataClass::UkIdentifier => &[UkNhs, UkNino],
            DataClass::Financial => &[CreditCard, IbanCode, UsBankNumber, Crypto],
            DataClass::Contact => &[EmailAddress, PhoneNumber],
            DataClass::Identity => &[Person, Location, DateOfBirth],
            DataClass::Network => &[IpAddress, Url],
            DataClass::Secret => &[Secret],
        }
    }
}

/// A data class's entities, or the one entity of that name.
pub fn parse_class_or_entity(name: &str) -> Result<Vec<Entity>, String> {
    if let Some(class) = DataClass::parse(name) {
        return Ok(class.entities().to_vec());
    }
    Entity::parse_builtin(name).map(|e| vec![e]).map_err(|e| {
        format!(
            "{e}; data classes are {}",
            DataClass::names().collect::<Vec<_>>().join(", ")
        )
    })
}
