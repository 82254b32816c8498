//! Real servers for the cluster tests: a throwaway PostgreSQL (the machine's `initdb`
//! and `pg_ctl`, in a temporary directory, trust auth, on a loopback port) and a
//! throwaway `redis-server` (no persistence), each stopped and removed by its guard's
//! Drop; and gateway nodes joined to them. PostgreSQL refuses to run as root, so under
//! root (CI) both of its commands run as `nobody` through `runuser`.
#![allow(dead_code)]

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::common::TestGateway;
use crate::vault_support;

/// A loopback port nothing listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn pg_bin(name: &str) -> PathBuf {
    for dir in ["/usr/local/bin", "/usr/lib/postgresql/15/bin", "/usr/bin"] {
        let path = Path::new(dir).join(name);
        if path.exists() {
            return path;
        }
    }
    panic!("{name} (PostgreSQL 15) is not installed");
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// `program args`, as `nobody` when we are root.
fn as_postgres_user(program: &Path) -> Command {
    if is_root() {
        let mut command = Command::new("runuser");
        command.args(["-u", "nobody", "--"]).arg(program);
        command
    } else {
        Command::new(program)
    }
}

/// A PostgreSQL server of its own; stopped and deleted on Drop.
pub struct Postgres {
    dir: tempfile::TempDir,
    pub port: u16,
    /// With TLS: the CA that `psql` checks the server against.
    ca: Option<PathBuf>,
}

impl Postgres {
    pub fn start() -> Postgres {
        Postgres::start_with(None)
    }

    /// A server that accepts TLS connections only (`hostssl` lines alone in
    /// pg_hba.conf), on 127.0.0.1 and 127.0.0.2, with `cert`'s certificate.
    pub fn start_tls(cert: &ServerCert) -> Postgres {
        Postgres::start_with(Some(cert))
    }

    fn start_with(tls: Option<&ServerCert>) -> Postgres {
        let dir = tempfile::tempdir().unwrap();
        if let Some(cert) = tls {
            cert.write_to(&dir.path().join("tls"));
        }
        if is_root() {
            let status = Command::new("chown")
                .args(["-R", "nobody"])
                .arg(dir.path())
                .status()
                .unwrap();
            assert!(status.success());
        }
        let data = dir.path().join("data");
        let out = as_postgres_user(&pg_bin("initdb"))
            .arg("-D")
            .arg(&data)
            .args(["-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "initdb failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let port = free_port();
        let mut options = format!(
            "-p {port} -k {} -c fsync=off -c max_connections=100",
            dir.path().display()
        );
        if tls.is_some() {
            let tls_dir = dir.path().join("tls");
            std::fs::write(
                data.join("pg_hba.conf"),
                "hostssl all all 127.0.0.1/32 trust\nhostssl all all 127.0.0.2/32 trust\n",
            )
            .unwrap();
            options.push_str(&format!(
                " -c listen_addresses=127.0.0.1,127.0.0.2 -c ssl=on -c ssl_cert_file={} -c ssl_key_file={}",
                tls_dir.join("server.pem").display(),
                tls_dir.join("server.key").display()
            ));
        } else {
            options.push_str(" -c listen_addresses=127.0.0.1");
        }
        let out = as_postgres_user(&pg_bin("pg_ctl"))
            .arg("-D")
            .arg(&data)
            .args(["-o", &options, "-l"])
            .arg(dir.path().join("log"))
            .args(["-w", "-t", "30", "start"])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "pg_ctl start failed: {}{}",
            String::from_utf8_lossy(&out.stderr),
            std::fs::read_to_string(dir.path().join("log")).unwrap_or_default()
        );
        let ca = tls.map(|_| dir.path().join("tls").join("ca.pem"));
        Postgres { dir, port, ca }
    }

    pub fn url(&self) -> String {
        format!(
            "postgres://postgres@127.0.0.1:{}/postgres?sslmode=disable",
            self.port
        )
    }

    /// Runs SQL through `psql` (for assertions on the tables); returns (ok, stdout+stderr).
    pub fn psql(&self, sql: &str) -> (bool, String) {
        let mut psql = Command::new(pg_bin("psql"));
        if let Some(ca) = &self.ca {
            psql.env("PGSSLMODE", "verify-full")
                .env("PGSSLROOTCERT", ca);
        }
        let out = psql
            .args(["-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1"])
            .args([
                "-p",
                &self.port.to_string(),
                "-U",
                "postgres",
                "-d",
                "postgres",
            ])
            .args(["-c", sql])
            .current_dir(self.dir.path())
            .output()
            .unwrap();
        (
            out.status.success(),
            format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ),
        )
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let _ = as_postgres_user(&pg_bin("pg_ctl"))
            .arg("-D")
            .arg(self.dir.path().join("data"))
            .args(["-m", "immediate", "-w", "stop"])
            .current_dir(self.dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

/// A redis-server of its own, without persistence; killed on Drop.
pub struct Redis {
    child: Option<Child>,
    dir: tempfile::TempDir,
    pub port: u16,
    /// The arguments that make the port plain text or TLS (and set a password).
    listen: Vec<String>,
}

impl Redis {
    pub fn start() -> Redis {
        let port = free_port();
        Redis::start_with(port, vec!["--port".into(), port.to_string()])
    }

    /// A server on a TLS port only (`--port 0`), with `cert`'s certificate, that asks
    /// clients for `password` and for no certificate.
    pub fn start_tls(cert: &ServerCert, password: &str) -> Redis {
        let port = free_port();
        let dir = tempfile::tempdir().unwrap();
        let tls = dir.path().join("tls");
        cert.write_to(&tls);
        let file = |name: &str| tls.join(name).display().to_string();
        let listen = vec![
            "--port".into(),
            "0".into(),
            "--tls-port".into(),
            port.to_string(),
            "--tls-cert-file".into(),
            file("server.pem"),
            "--tls-key-file".into(),
            file("server.key"),
            "--tls-ca-cert-file".into(),
            file("ca.pem"),
            "--tls-auth-clients".into(),
            "no".into(),
            "--requirepass".into(),
            password.into(),
        ];
        let mut redis = Redis {
            child: None,
            dir,
            port,
            listen,
        };
        redis.spawn();
        redis
    }

    fn start_with(port: u16, listen: Vec<String>) -> Redis {
        let mut redis = Redis {
            child: None,
            dir: tempfile::tempdir().unwrap(),
            port,
            listen,
        };
        redis.spawn();
        redis
    }

    fn spawn(&mut self) {
        let child = Command::new("redis-server")
            .args(&self.listen)
            .args(["--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no"])
            .current_dir(self.dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server is installed (apt-get install redis-server)");
        self.child = Some(child);
        for _ in 0..200 {
            if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        panic!("redis-server did not listen on port {}", self.port);
    }

    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/", self.port)
    }

    /// Kills the server (a Redis outage).
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A private CA and a server certificate it signed for 127.0.0.1 and localhost (not
/// 127.0.0.2: a host the certificate does not name).
pub struct ServerCert {
    pub ca_pem: String,
    cert_pem: String,
    key_pem: String,
}

impl ServerCert {
    pub fn new() -> ServerCert {
        let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        ca_params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "ledgergate test CA");
        ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        ca_params.key_usages = vec![
            rcgen::KeyUsagePurpose::KeyCertSign,
            rcgen::KeyUsagePurpose::CrlSign,
        ];
        let ca =
            rcgen::CertifiedIssuer::self_signed(ca_params, rcgen::KeyPair::generate().unwrap())
                .unwrap();
        let mut params =
            rcgen::CertificateParams::new(vec!["127.0.0.1".to_owned(), "localhost".to_owned()])
                .unwrap();
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "127.0.0.1");
        let key = rcgen::KeyPair::generate().unwrap();
        let cert = params.signed_by(&key, &ca).unwrap();
        ServerCert {
            ca_pem: ca.pem(),
            cert_pem: cert.pem(),
            key_pem: key.serialize_pem(),
        }
    }

    /// Writes `ca.pem`, `server.pem` and `server.key` (mode 0600) into `dir`.
    fn write_to(&self, dir: &Path) {
        use std::os::unix::fs::PermissionsExt;
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(dir.join("ca.pem"), &self.ca_pem).unwrap();
        std::fs::write(dir.join("server.pem"), &self.cert_pem).unwrap();
        let key = dir.join("server.key");
        std::fs::write(&key, &self.key_pem).unwrap();
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
}

/// PostgreSQL and Redis for one test.
pub struct Services {
    pub pg: Postgres,
    pub redis: Redis,
}

impl Services {
    pub fn start() -> Services {
        Services {
            pg: Postgres::start(),
            redis: Redis::start(),
        }
    }

    /// The variables a node reads its URLs from.
    pub fn env(&self) -> [(String, String); 2] {
        [
            ("LEDGERGATE_POSTGRES_URL".into(), self.pg.url()),
            ("LEDGERGATE_REDIS_URL".into(), self.redis.url()),
        ]
    }
}

/// The vault tests' config (one upstream, tenant `acme`, the admin API) plus
/// `[cluster]` for `node_id` and `extra`.
pub fn node_config(upstream: &str, node_id: &str, extra: &str) -> String {
    vault_support::admin_config(upstream).replace(
        "\n[[tenants]]",
        &format!("\n[cluster]\nnode_id = \"{node_id}\"\n{extra}\n\n[[tenants]]"),
    )
}

/// Starts a node on `config` in a directory of its own, joined to `services`.
pub fn start_node(services: &Services, config: &str) -> TestGateway {
    let dir = tempfile::tempdir().unwrap();
    start_node_in(services, dir, config)
}

/// As [`start_node`], in `dir` (which may hold the data of an earlier run).
pub fn start_node_in(services: &Services, dir: tempfile::TempDir, config: &str) -> TestGateway {
    std::fs::write(dir.path().join("ledgergate.toml"), config).unwrap();
    let env = services.env();
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    vault_support::start_in(dir, &env)
}

/// Runs `ledgergate serve` on `config` with `env` to its end (a refused start);
/// returns (exit code, stderr).
pub fn refused_start(config: &str, env: &[(&str, &str)]) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ledgergate.toml"), config).unwrap();
    let args = vault_support::serve_args(dir.path());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut env = env.to_vec();
    env.push(("TEST_ADMIN_TOKEN", vault_support::ADMIN_TOKEN));
    let out = crate::common::gateway_command(&args, dir.path(), &env)
        .env_remove("LEDGERGATE_POSTGRES_URL")
        .env_remove("LEDGERGATE_REDIS_URL")
        .envs(env.iter().copied())
        .output()
        .unwrap();
    assert!(
        !dir.path().join("data").join("vault").exists(),
        "a refused start created the vault"
    );
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
