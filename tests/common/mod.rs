//! The shared test kit: a real `ledgergate` process on 127.0.0.1:0 ([`TestGateway`])
//! and local upstreams that speak each provider's wire format ([`upstream`]).
#![allow(dead_code)]

pub mod anthropic;
pub mod azure;
pub mod gemini;
pub mod load;
pub mod native;
pub mod scratch;
pub mod upstream;

#[allow(unused_imports)]
pub use scratch::{copy_dir, ledgergate_command};

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;

#[allow(unused_imports)]
pub use upstream::{Behaviour, TestUpstream};

/// The virtual key every test config gives tenant `acme`.
pub const CLIENT_KEY: &str = "lgk-test-client-key-0123456789abcdef";
/// The provider key every test config gives its upstream.
pub const PROVIDER_KEY: &str = "sk-test-provider-key-SECRET-4242";
/// The master key every test gateway runs with (64 hex characters).
pub const MASTER_KEY: &str = "6d61737465722d6b65792d666f722d7465737473203031323334353637383961";

/// The repository's shipped policies.
pub fn shipped_policies() -> &'static str {
    concat!(env!("CARGO_MANIFEST_DIR"), "/policies")
}

pub fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_ledgergate")
}

/// A config for one OpenAI-compatible upstream serving `gpt-4o-mini` and `text-embedding-3-small`,
/// with tenant `acme` and its key, plus `extra` TOML appended.
pub fn config_for(upstream: &str, extra: &str) -> String {
    format!(
        r#"
[server]
listen = "127.0.0.1:0"
shutdown_grace_secs = 10

[upstream]
connect_timeout_ms = 2000
first_byte_timeout_ms = 1500
idle_timeout_ms = 1000
total_timeout_ms = 20000

[[providers]]
name = "test-openai"
kind = "openai"
base_url = "{upstream}"
api_key_env = "TEST_PROVIDER_KEY"
region = "eu-west"
jurisdiction = "EU"
models = ["gpt-4o-mini", "text-embedding-3-small"]

[aliases]
fast = "gpt-4o-mini"

[policy]
dir = "{policies}"

[[tenants]]
id = "acme"
policy = "default"

[[tenants.keys]]
id = "acme-app"
secret_env = "TEST_CLIENT_KEY"
{extra}
"#,
        policies = shipped_policies()
    )
}

/// The binary with `args`, run in `dir` with the test keys, debug logging and `env`
/// set, stdout and stderr piped.
pub fn gateway_command(args: &[&str], dir: &Path, env: &[(&str, &str)]) -> Command {
    let mut command = ledgergate_command();
    command
        .args(args)
        .current_dir(dir)
        .env("TEST_PROVIDER_KEY", PROVIDER_KEY)
        .env("TEST_CLIENT_KEY", CLIENT_KEY)
        .env("LEDGERGATE_MASTER_KEY", MASTER_KEY)
        .env("RUST_LOG", "debug")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        command.env(k, v);
    }
    command
}

pub struct TestGateway {
    pub child: Child,
    pub url: String,
    pub dir: tempfile::TempDir,
    output: Arc<Mutex<String>>,
}

impl TestGateway {
    /// Starts `ledgergate serve --config` on the given config text and waits until it listens.
    pub fn start(config: &str) -> TestGateway {
        TestGateway::start_in(config, tempfile::tempdir().unwrap(), &[])
    }

    /// As [`TestGateway::start`], with `env` set for the gateway's process only.
    pub fn start_with_env(config: &str, env: &[(&str, &str)]) -> TestGateway {
        TestGateway::start_in(config, tempfile::tempdir().unwrap(), env)
    }

    /// As [`TestGateway::start`], with the policy directory holding exactly `policies`
    /// (file name, text), at `<dir>/policies`.
    pub fn start_with_policies(config: &str, policies: &[(&str, &str)]) -> TestGateway {
        let dir = tempfile::tempdir().unwrap();
        let policy_dir = dir.path().join("policies");
        std::fs::create_dir(&policy_dir).unwrap();
        for (name, text) in policies {
            std::fs::write(policy_dir.join(name), text).unwrap();
        }
        let config = config.replace(shipped_policies(), policy_dir.to_str().unwrap());
        TestGateway::start_in(&config, dir, &[])
    }

    fn start_in(config: &str, dir: tempfile::TempDir, env: &[(&str, &str)]) -> TestGateway {
        let path = dir.path().join("ledgergate.toml");
        std::fs::write(&path, config).unwrap();
        let data = dir.path().join("data");
        TestGateway::spawn(
            &[
                "serve",
                "--config",
                path.to_str().unwrap(),
                "--data-dir",
                data.to_str().unwrap(),
            ],
            dir,
            env,
        )
    }

    /// Runs the binary with `args` in `dir` and waits for its "listening on" line.
    pub fn spawn(args: &[&str], dir: tempfile::TempDir, env: &[(&str, &str)]) -> TestGateway {
        let mut command = gateway_command(args, dir.path(), env);
        let mut child = command.spawn().expect("the ledgergate binary starts");
        let output = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = mpsc::channel();
        for (stream, is_stdout) in [
            (
                Box::new(child.stdout.take().unwrap()) as Box<dyn std::io::Read + Send>,
                true,
            ),
            (Box::new(child.stderr.take().unwrap()), false),
        ] {
            let output = output.clone();
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    if is_stdout {
                        if let Some(url) = line.strip_prefix("ledgergate listening on ") {
                            let _ = tx.send(url.trim().to_owned());
                        }
                    }
                    let mut out = output.lock().unwrap();
                    out.push_str(&line);
                    out.push('\n');
                }
            });
        }
        let url = match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(url) => url,
            Err(_) => {
                let _ = child.kill();
                std::thread::sleep(Duration::from_millis(200));
                panic!(
                    "the gateway did not start; its output:\n{}",
                    output.lock().unwrap()
                );
            }
        };
        TestGateway {
            child,
            url,
            dir,
            output,
        }
    }

    pub fn v1(&self) -> String {
        format!("{}/v1", self.url)
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn policy_dir(&self) -> PathBuf {
        self.dir.path().join("policies")
    }

    /// Runs `ledgergate ARGS` (a CLI command) with the test master key; returns
    /// (exit code, stdout, stderr).
    pub fn cli(&self, args: &[&str]) -> (i32, String, String) {
        cli(args)
    }

    /// Everything the process wrote to stdout and stderr so far.
    pub fn output(&self) -> String {
        self.output.lock().unwrap().clone()
    }

    /// The output once it holds `needle`, or as it is after `within`. Stdout and stderr
    /// are read on threads of their own: a line written to stderr before the listening
    /// line on stdout may land after it.
    pub fn output_with(&self, needle: &str, within: Duration) -> String {
        let deadline = std::time::Instant::now() + within;
        loop {
            let out = self.output();
            if out.contains(needle) || std::time::Instant::now() >= deadline {
                return out;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn sighup(&self) {
        let status = Command::new("kill")
            .args(["-HUP", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    pub fn sigterm(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Waits for the process to exit (after a signal); returns its exit code.
    pub fn wait_exit(&mut self, within: Duration) -> Option<i32> {
        let deadline = std::time::Instant::now() + within;
        while std::time::Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the gateway did not exit within {within:?}");
    }
}

impl Drop for TestGateway {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A reqwest client for raw HTTP tests.
pub fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

/// POSTs JSON text with the test client key.
pub async fn post_json(gw: &TestGateway, path: &str, body: &str) -> reqwest::Response {
    http()
        .post(format!("{}{path}", gw.url))
        .bearer_auth(CLIENT_KEY)
        .header("content-type", "application/json")
        .body(body.to_owned())
        .send()
        .await
        .unwrap()
}

/// The gateway's `/metrics` text.
pub async fn metrics_text(gw: &TestGateway) -> String {
    http()
        .get(format!("{}/metrics", gw.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

/// An async-openai client pointed at the gateway.
pub fn openai_client(gw: &TestGateway) -> async_openai::Client<async_openai::config::OpenAIConfig> {
    async_openai::Client::with_config(
        async_openai::config::OpenAIConfig::new()
            .with_api_base(gw.v1())
            .with_api_key(CLIENT_KEY),
    )
}

/// Runs `ledgergate ARGS` with the test master key; returns (exit code, stdout, stderr).
pub fn cli(args: &[&str]) -> (i32, String, String) {
    let out = ledgergate_command()
        .args(args)
        .env("LEDGERGATE_MASTER_KEY", MASTER_KEY)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// About `bytes` of distinct e-mail addresses, space separated (hostile inputs).
pub fn distinct_emails(bytes: usize) -> String {
    use std::fmt::Write;
    let mut text = String::with_capacity(bytes + 64);
    let mut i = 0u64;
    while text.len() < bytes {
        let _ = write!(text, "user{i}.x@host{}.example.com ", i % 9973);
        i += 1;
    }
    text
}

/// 0.12 USD an answer: the test upstream reports 9 prompt and 3 completion tokens.
pub const PRICING: &str = r#"
[[pricing]]
model = "gpt-4o-mini"
input_per_million = 10000.0
output_per_million = 10000.0
"#;
