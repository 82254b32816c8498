//! Each recognizer through the engine: a valid value in a sentence is found with its
//! exact span, the same value with a broken checksum is not, and a look-alike (order
//! number, version, timestamp, technical token) is left alone.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

use std::sync::LazyLock;

use ledgergate::pii::Engine;

static ENGINE: LazyLock<Engine> = LazyLock::new(Engine::builtin);

fn found(text: &str) -> Vec<(String, &str)> {
    ENGINE
        .scan(text)
        .into_iter()
        .map(|f| (f.entity.name().to_string(), &text[f.start..f.end]))
        .collect()
}

#[track_caller]
fn detects(entity: &str, text: &str, value: &str) {
    let f = found(text);
    assert!(
        f.iter().any(|(e, v)| e == entity && *v == value),
        "{entity} {value:?} not found in {text:?}: {f:?}"
    );
}

#[track_caller]
fn ignores(entity: &str, text: &str) {
    let f = found(text);
    assert!(
        f.iter().all(|(e, _)| e != entity),
        "unexpected {entity} in {text:?}: {f:?}"
    );
}

#[test]
fn email_address() {
    detects(
        "EMAIL_ADDRESS",
        "Write to jane.roe+billing@mail.example.co.uk today",
        "jane.roe+billing@mail.example.co.uk",
    );
    ignores(
        "EMAIL_ADDRESS",
        "npm install lodash@4.17.21 and @types/node",
    );
    ignores("EMAIL_ADDRESS", "jane..roe@example.com");
}

#[test]
fn phone_number() {
    detects(
        "PHONE_NUMBER",
        "Ring me on +49 30 901820 tomorrow",
        "+49 30 901820",
    );
    detects("PHONE_NUMBER", "Tel: 020 7946 0958", "020 7946 0958");
    detects(
        "PHONE_NUMBER",
        "Appelez le 01 42 68 53 00",
        "01 42 68 53 00",
    );
    detects("PHONE_NUMBER", "call (415) 555-2671", "(415) 555-2671");
    ignores("PHONE_NUMBER", "call +1 000 000 0000");
    ignores("PHONE_NUMBER", "order 4159 5526 71 shipped");
    ignores("PHONE_NUMBER", "released on 2024-01-15 at 10.30");
    // A booking record's segment: departure and arrival times after the status, then
    // the passenger's phone.
    let pnr =
        " 1 BA 1347 Y 14JUN LHRDUB HK2 0705 0820\n APE ana.ruiz@example.org\n APM 020 7946 0958";
    ignores("PHONE_NUMBER", &pnr[..pnr.find('\n').unwrap()]);
    detects("PHONE_NUMBER", pnr, "020 7946 0958");
}

#[test]
fn credit_card() {
    detects(
        "CREDIT_CARD",
        "card 4111 1111 1111 1111 exp 12/27",
        "4111 1111 1111 1111",
    );
    detects("CREDIT_CARD", "amex 378282246310005", "378282246310005");
    ignores("CREDIT_CARD", "card 4111 1111 1111 1112");
    ignores("CREDIT_CARD", "Order #4111111111111111 shipped");
}

#[test]
fn iban_code() {
    detects(
        "IBAN_CODE",
        "IBAN: GB82 WEST 1234 5698 7654 32.",
        "GB82 WEST 1234 5698 7654 32",
    );
    detects(
        "IBAN_CODE",
        "an NL91ABNA0417164300 account",
        "NL91ABNA0417164300",
    );
    ignores("IBAN_CODE", "IBAN: GB82 WEST 1234 5698 7654 33");
    ignores("IBAN_CODE", "instance type DE12 ABCD EFGH");
}

#[test]
fn us_ids() {
    detects("US_SSN", "SSN 536-22-1234", "536-22-1234");
    detects(
        "US_SSN",
        "my social security number is 536221234",
        "536221234",
    );
    ignores("US_SSN", "SSN 666-22-1234");
    ignores("US_SSN", "ticket 536221234 closed");
    detects("US_ITIN", "ITIN 912-70-1234", "912-70-1234");
    ignores("US_ITIN", "ITIN 912-93-1234");
    detects("US_PASSPORT", "passport number C03005988", "C03005988");
    ignores("US_PASSPORT", "build C03005988 passed");
    detects("US_DRIVER_LICENSE", "driver's license D1234567", "D1234567");
    ignores("US_DRIVER_LICENSE", "instance D1234567 restarted");
    detects(
        "US_BANK_NUMBER",
        "checking account 000123456789",
        "000123456789",
    );
    ignores("US_BANK_NUMBER", "invoice 000123456789");
}

#[test]
fn uk_ids() {
    detects("UK_NHS", "NHS number 943 476 5919", "943 476 5919");
    ignores("UK_NHS", "NHS number 943 476 5918");
    detects("UK_NINO", "NI number AB 12 34 56 C", "AB 12 34 56 C");
    ignores("UK_NINO", "NI number GB 12 34 56 C");
}

#[test]
fn eu_ids() {
    detects("DE_TAX_ID", "Steuer-ID 86095742719", "86095742719");
    ignores("DE_TAX_ID", "Steuer-ID 86095742718");
    detects(
        "IT_FISCAL_CODE",
        "codice fiscale RSSMRA85T10A562S",
        "RSSMRA85T10A562S",
    );
    ignores("IT_FISCAL_CODE", "codice fiscale RSSMRA85T10A562T");
    detects("ES_NIF", "DNI 12345678Z", "12345678Z");
    ignores("ES_NIF", "DNI 12345678A");
    detects("ES_NIE", "NIE X1234567L", "X1234567L");
    ignores("ES_NIE", "NIE X1234567A");
    detects(
        "FR_NIR",
        "NIR 2 69 05 49 588 157 80",
        "2 69 05 49 588 157 80",
    );
    ignores("FR_NIR", "NIR 2 69 05 49 588 157 81");
    detects("NL_BSN", "mijn BSN is 111222333", "111222333");
    ignores("NL_BSN", "mijn BSN is 111222334");
    ignores("NL_BSN", "batch 111222333 done");
}

#[test]
fn medical() {
    detects(
        "MEDICAL_RECORD_NUMBER",
        "MRN: 00482913 admitted",
        "00482913",
    );
    ignores("MEDICAL_RECORD_NUMBER", "job 00482913 admitted");
    // A label written as a method or an argument name, a check digit after a hyphen.
    detects(
        "MEDICAL_RECORD_NUMBER",
        "rec = Record(patient_id = \"HX4410932\", ward = 3)",
        "HX4410932",
    );
    detects(
        "MEDICAL_RECORD_NUMBER",
        "b.casenumber(\"20339187-4\").build()",
        "20339187-4",
    );
    ignores("MEDICAL_RECORD_NUMBER", "b.build(\"20339187-4\")");
    detects("MEDICAL_LICENSE", "DEA number AB1234563", "AB1234563");
    ignores("MEDICAL_LICENSE", "DEA number AB1234564");
    detects("US_NPI", "NPI 1234567893", "1234567893");
    ignores("US_NPI", "NPI 1234567890");
}

#[test]
fn crypto() {
    detects(
        "CRYPTO",
        "send BTC to 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
        "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
    );
    detects(
        "CRYPTO",
        "wallet bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
        "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
    );
    detects(
        "CRYPTO",
        "pay 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
    );
    ignores("CRYPTO", "send BTC to 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3");
    ignores("CRYPTO", "pay 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD");
    ignores(
        "CRYPTO",
        "tx hash 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
    );
}

#[test]
fn secrets() {
    for (text, value) in [
        ("key AKIAIOSFODNN7EXAMPLE in env", "AKIAIOSFODNN7EXAMPLE"),
        (
            "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        ),
        (
            "token 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",
            "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",
        ),
        (
            "slack xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
            "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
        ),
        (
            "stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc",
            "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
        ),
        (
            "OPENAI_API_KEY=sk-proj-abc123DEF456ghi789JKL012mno",
            "sk-proj-abc123DEF456ghi789JKL012mno",
        ),
        (
            "google AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe",
            "AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe",
        ),
    ] {
        detects("SECRET", text, value);
    }
    let pem =
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\nabcd\n-----END RSA PRIVATE KEY-----";
    detects("SECRET", &format!("here:\n{pem}\nthanks"), pem);
    let jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
    detects("SECRET", &format!("Authorization: Bearer {jwt}"), jwt);
    ignores(
        "SECRET",
        "commit da39a3ee5e6b4b0d3255bfef95601890afd80709 and sha1 of the secret key file",
    );
    ignores(
        "SECRET",
        "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----",
    );
}

#[test]
fn network_and_urls() {
    detects("IP_ADDRESS", "client 203.0.113.42 failed", "203.0.113.42");
    detects(
        "IP_ADDRESS",
        "from 2001:db8:85a3::8a2e:370:7334 today",
        "2001:db8:85a3::8a2e:370:7334",
    );
    ignores(
        "IP_ADDRESS",
        "version 10.0.19041.1 and 999.1.1.1 and 127.0.0.1",
    );
    ignores(
        "IP_ADDRESS",
        "at 10:30:00 on MAC 00:1A:2B:3C:4D:5E via std::vec",
    );
    detects(
        "URL",
        "see https://intranet.example.com/patients/123?x=1.",
        "https://intranet.example.com/patients/123?x=1",
    );
}

#[test]
fn dates() {
    detects(
        "DATE_TIME",
        "the appointment on 14 March 2025",
        "14 March 2025",
    );
    detects("DATE_OF_BIRTH", "DOB: 03/14/1985", "03/14/1985");
    detects("DATE_OF_BIRTH", "geboren am 14.03.1985", "14.03.1985");
    // The noun alone labels the birth: an XML element, a label an OCR split.
    detects(
        "DATE_OF_BIRTH",
        "<name>Yusuf Khoury</name><geburt>1980-07-08</geburt>",
        "1980-07-08",
    );
    detects("DATE_OF_BIRTH", "Geboorte datum :22-9-1971", "22-9-1971");
    ignores("DATE_TIME", "at 2024-01-15T10:30:00Z the job failed");
    ignores("DATE_TIME", "in 2024 we shipped 3.14.1985");
}

#[test]
fn person_and_location() {
    detects(
        "PERSON",
        "Please ask Dr. Okonkwo about the results",
        "Okonkwo",
    );
    detects("PERSON", "Patient: Maria Garcia, 54", "Maria Garcia");
    detects(
        "PERSON",
        "I spoke with Emily Johnson yesterday",
        "Emily Johnson",
    );
    // A lone given name someone is to call back.
    detects(
        "PERSON",
        "Sticky note on the fridge: ring Morag back re: the kitchen",
        "Morag",
    );
    detects(
        "PERSON",
        "Briefje op de koelkast: Bashar terugbellen over de keuken",
        "Bashar",
    );
    detects("LOCATION", "she lives in Rotterdam now", "Rotterdam");
    detects(
        "LOCATION",
        "ship to 221B Baker Street, London",
        // The town after the street's comma is part of the one address finding.
        "221B Baker Street, London",
    );
    detects(
        "LOCATION",
        "Adresse: Hauptstraße 5, Berlin",
        "Hauptstraße 5, Berlin",
    );
    ignores(
        "PERSON",
        "Deploy the EKS cluster with S3, C4 and H100 on Monday",
    );
    ignores(
        "LOCATION",
        "Deploy the EKS cluster with S3, C4 and H100 on Monday",
    );
}

#[test]
fn custom_recognizers_allow_and_deny_lists_from_a_policy() {
    use ledgergate::pii::{Action, Entity, Redactor};
    let src = r#"
id = "test"
[pii]
allow = ["jane.roe@example.com"]
[pii.actions]
EMPLOYEE_ID = "tokenize"
CODENAME = "block"
[[pii.custom]]
name = "employee id"
entity = "EMPLOYEE_ID"
regex = '\bEMP-\d{8}\b'
validator = "luhn"
context = ["employee"]
confidence = 0.3
[[pii.deny]]
entity = "CODENAME"
values = ["Project Falcon"]
"#;
    let policy = ledgergate::policy::parse_file(src, "test.toml").unwrap();
    let engine = &policy.engine;
    let custom = Entity::custom("EMPLOYEE_ID").unwrap();
    let text = "employee EMP-79927398 and EMP-79927399, mail jane.roe@example.com";
    let f = engine.scan(text);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(
        (
            f[0].entity.clone(),
            &text[f[0].start..f[0].end],
            f[0].recognizer
        ),
        (custom.clone(), "EMP-79927398", "custom")
    );
    // Below min_confidence without its context word.
    assert!(engine.scan("badge EMP-79927398").is_empty());
    let mut r = Redactor::new(engine, b"k");
    assert_eq!(
        r.redact(text).unwrap(),
        "employee <EMPLOYEE_ID_1> and EMP-79927399, mail jane.roe@example.com"
    );
    let err = r.redact("the project falcon launch").unwrap_err();
    assert_eq!(err.to_string(), "the policy blocks CODENAME in requests");
    assert_eq!(engine.action_for(&custom), Action::Tokenize);
}
