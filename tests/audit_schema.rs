//! Real records, export lines and manifests validate against the JSON Schemas in
//! `audit-schema/` (draft 2020-12), and the schemas refuse what the types refuse.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod audit_support;

use audit_support::*;

fn schema(name: &str) -> jsonschema::Validator {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("audit-schema")
        .join(name);
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::draft202012::new(&value).unwrap()
}

fn assert_valid(v: &jsonschema::Validator, instance: &serde_json::Value) {
    let errors: Vec<String> = v.iter_errors(instance).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}\n{instance}");
}

#[test]
fn every_record_of_a_real_log_and_its_export_validates() {
    let data = tempfile::tempdir().unwrap();
    write_log(4, opts(data.path()));
    let out = data.path().join("bundle");
    let o = export_cmd(data.path(), &out, "2000-01-01T00:00:00Z", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let record_schema = schema("audit-record.schema.json");
    let root: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("audit-schema/audit-record.schema.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let mut line_schema_value = root["$defs"]["export_line"].clone();
    // Give the sub-schema the root's $defs and point `record` at the root record schema.
    line_schema_value["$defs"] = root["$defs"].clone();
    line_schema_value["$defs"]["record"] = root.clone();
    line_schema_value["properties"]["record"] = serde_json::json!({"$ref": "#/$defs/record"});
    line_schema_value["$schema"] = root["$schema"].clone();
    let line_schema = jsonschema::draft202012::new(&line_schema_value).unwrap();
    let jsonl = std::fs::read_to_string(out.join("records.jsonl")).unwrap();
    let mut kinds = std::collections::BTreeSet::new();
    for line in jsonl.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_valid(&line_schema, &v);
        assert_valid(&record_schema, &v["record"]);
        kinds.insert(v["record"]["kind"].as_str().unwrap().to_string());
    }
    assert!(
        kinds.contains("request") && kinds.contains("system"),
        "{kinds:?}"
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    assert_valid(&schema("export-manifest.schema.json"), &manifest);
}

#[test]
fn the_schema_refuses_unknown_fields_and_wrong_enums_like_the_types() {
    let v = schema("audit-record.schema.json");
    let mut record = serde_json::to_value(request_record(1, "acme")).unwrap();
    assert_valid(&v, &record);
    record["surprise"] = true.into();
    assert!(!v.is_valid(&record));
    let parsed: Result<ledgergate::audit::Record, _> = serde_json::from_value(record.clone());
    assert!(parsed.is_err(), "the type refuses it too");
    let mut record = serde_json::to_value(request_record(1, "acme")).unwrap();
    record["actions"][0]["action"] = "shred".into();
    assert!(!v.is_valid(&record));
}
