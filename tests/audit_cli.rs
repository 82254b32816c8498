//! The audit CLI's doors: `--config` gives the data dir and the master key file, and a
//! broken config is a usage error naming its line.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

mod audit_support;

use audit_support::*;

#[test]
fn config_gives_the_data_dir_and_the_master_key_file() {
    let data = tempfile::tempdir().unwrap();
    write_log(2, opts(data.path()));
    let key_file = data.path().join("master.key");
    std::fs::write(&key_file, format!("{MASTER_HEX}\n")).unwrap();
    let config = data.path().join("ledgergate.toml");
    std::fs::write(
        &config,
        format!(
            "[data]\ndir = {:?}\nmaster_key_file = {:?}\n",
            data.path().to_str().unwrap(),
            key_file.to_str().unwrap()
        ),
    )
    .unwrap();
    let o = cli_no_key(&[
        "audit",
        "show",
        "--config",
        config.to_str().unwrap(),
        "--seq",
        "1",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("\"req-0000\""), "{}", stdout(&o));
    let o = cli_no_key(&["audit", "verify", "--config", config.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));

    std::fs::write(&config, "[data]\ndri = \"x\"\n").unwrap();
    let o = cli_no_key(&["audit", "verify", "--config", config.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains(":2:1"), "{}", stderr(&o));
}
