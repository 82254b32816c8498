//! Policy files as a compliance team meets them: the shipped ones load, every mistake
//! gets a precise error with file, line and column, and `policy explain` shows what a
//! policy does to a text.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod common;

use common::*;

fn check_dir(files: &[(&str, &str)]) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let (code, out, err) = cli(&["policy", "check", dir.path().to_str().unwrap()]);
    let prefix = format!("{}/", dir.path().display());
    (code, out.replace(&prefix, ""), err.replace(&prefix, ""))
}

#[test]
fn the_shipped_policies_are_valid() {
    let (code, out, err) = cli(&["policy", "check", shipped_policies()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("3 policies valid (default, gdpr-eu, hipaa)"),
        "{out}"
    );
}

#[test]
fn each_kind_of_mistake_gets_its_precise_error() {
    let cases: &[(&str, &str)] = &[
        ("id = \"p\"\n[residency]\nregion = [\"eu\"]\n", "p.toml:3:1: unknown field `region`"),
        ("id = \"p\"\n[pii.actions]\nUS_SNN = \"mask\"\n", "p.toml:3:1: unknown entity \"US_SNN\" (did you mean US_SSN?)"),
        ("id = \"p\"\n[pii.actions]\nEMAIL_ADDRESS = \"scramble\"\n", "p.toml:3:17: unknown variant `scramble`"),
        ("id = \"p\"\n[residency]\nregions = []\n", "p.toml:3:11: residency.regions is empty"),
        (
            "id = \"p\"\n[residency]\nregions = [\"eu\"]\n[[rules]]\nwhen = [\"health\"]\nrequire_regions = [\"us\"]\n",
            "p.toml:6:19: require_regions [\"us\"] conflicts with residency.regions [\"eu\"]",
        ),
        ("id = \"p\"\n[[rules]]\nwhen = [\"helth\"]\nrequire_certifications = [\"x\"]\n", "p.toml:3:9: unknown entity \"helth\""),
        ("id = \"p\"\n[audit]\ncapture = \"everything\"\n", "p.toml:3:11: audit.capture \"everything\" must be metadata, redacted or full"),
        ("id = \"p\"\n[pii.actions]\ncontact = \"mask\"\nidentity = \"tokenize\"\nhealth = \"block\"\nus_identifier = \"allow\"\nuk_identifier = \"mask\"\n", "p.toml:7:1: data classes health (block) and uk_identifier (mask) conflict on UK_NHS"),
        ("id = \"p q\"\n", "p.toml:1:6: policy id \"p q\" must be"),
        ("id = \"p\"\n[pii\n", "p.toml:2:5: "),
    ];
    for (text, expected) in cases {
        let (code, _, err) = check_dir(&[("p.toml", text)]);
        assert_eq!(code, 1, "{text}: {err}");
        assert!(
            err.contains(expected),
            "for {text:?}\nexpected {expected:?}\ngot {err}"
        );
        assert_eq!(err.trim().lines().count(), 1, "one sentence: {err}");
    }
}

#[test]
fn duplicate_ids_and_tenants_with_two_policies_are_refused() {
    let (code, _, err) = check_dir(&[("a.toml", "id = \"same\"\n"), ("b.toml", "id = \"same\"\n")]);
    assert_eq!(code, 1);
    assert!(
        err.contains("b.toml: policy id \"same\" is already defined in"),
        "{err}"
    );

    let (code, _, err) = check_dir(&[
        ("a.toml", "id = \"a\"\ntenants = [\"acme\"]\n"),
        ("b.toml", "id = \"b\"\ntenants = [\"x\", \"acme\"]\n"),
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("b.toml:2:17: tenant \"acme\" already has policy \"a\""),
        "{err}"
    );
}

#[test]
fn a_missing_directory_is_an_io_error() {
    let (code, _, err) = cli(&["policy", "check", "/nonexistent/policies"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read /nonexistent/policies"), "{err}");
}

#[test]
fn explain_shows_detections_what_is_sent_and_why_providers_are_excluded() {
    let dir = tempfile::tempdir().unwrap();
    let config = format!(
        r#"
[policy]
dir = "{}"
[[providers]]
name = "openai-eu"
kind = "openai"
base_url = "https://eu.api.openai.com/v1"
region = "eu-west"
jurisdiction = "EU"
certifications = ["gdpr_dpa"]
models = ["gpt-4o-mini"]
[[providers]]
name = "openai-us"
kind = "openai"
base_url = "https://api.openai.com/v1"
region = "us-east"
jurisdiction = "US"
certifications = ["gdpr_dpa"]
models = ["gpt-4o-mini"]
[[tenants]]
id = "acme"
policy = "gdpr-eu"
"#,
        shipped_policies()
    );
    let path = dir.path().join("ledgergate.toml");
    std::fs::write(&path, config).unwrap();
    let out = ledgergate_command()
        .args([
            "policy",
            "explain",
            "--tenant",
            "acme",
            "--config",
            path.to_str().unwrap(),
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(b"Mail jane.doe@example.com about MRN: 48291047")?;
            child.wait_with_output()
        })
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    for expected in [
        "tenant acme: policy gdpr-eu",
        "EMAIL_ADDRESS at bytes 5..25: tokenize",
        "the provider would receive:\n  Mail <EMAIL_ADDRESS_1> about MRN: <MEDICAL_RECORD_NUMBER>",
        "rule triggered: when health",
        "providers allowed: none (the request would get 403)",
        "excluded openai-eu: lacks certification zero_data_retention, required because health was detected (MEDICAL_RECORD_NUMBER)",
        "excluded openai-us: region us-east is outside the policy's regions (eu)",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
}

#[test]
fn the_example_provider_map_loads_and_routes_each_tenant_to_compliant_providers() {
    let config = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/ledgergate.toml");
    let text = std::fs::read_to_string(config)
        .unwrap()
        .replace("./policies", shipped_policies());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledgergate.toml");
    std::fs::write(&path, text).unwrap();
    let (code, out, err) = cli(&["policy", "check", "--config", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("3 policies valid"), "{out}");
    let explain = |tenant: &str| {
        let out = ledgergate_command()
            .args([
                "policy",
                "explain",
                "--json",
                "--model",
                "gpt-4o-mini",
                "--tenant",
                tenant,
                "--config",
            ])
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    assert_eq!(
        explain("acme")["allowed"],
        serde_json::json!(["openai-eu", "azure-swedencentral"])
    );
    assert_eq!(
        explain("st-marys")["allowed"],
        serde_json::json!(["openai-us", "azure-eastus2"])
    );
}
