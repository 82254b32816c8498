//! `ledgergate cluster status --config FILE [--json]`: the nodes of the cluster the
//! config's `[cluster]` section names, read from its PostgreSQL (no master key, no
//! server needed). Exit 2 when the config has no `[cluster]` or PostgreSQL cannot be
//! reached.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use ledgergate::cluster::status;
use ledgergate::config::Config;

#[derive(Args)]
pub struct ClusterArgs {
    #[command(subcommand)]
    command: ClusterCommand,
}

#[derive(Subcommand)]
enum ClusterCommand {
    /// List the nodes: heartbeat, policy version hash, log size, last anchored checkpoint.
    Status {
        /// The config file whose [cluster] section names the PostgreSQL URL variable.
        #[arg(long, value_name = "FILE", default_value = "ledgergate.toml")]
        config: PathBuf,
        /// One JSON object with a `nodes` array instead of a table.
        #[arg(long)]
        json: bool,
    },
}

pub fn run(args: ClusterArgs) -> ExitCode {
    match args.command {
        ClusterCommand::Status { config, json } => status_command(&config, json),
    }
}

fn status_command(path: &std::path::Path, json: bool) -> ExitCode {
    let config = match Config::load(path) {
        Ok(config) => config,
        Err(e) => return super::fail(e),
    };
    let Some(cluster) = config.cluster else {
        return super::fail(format!(
            "{} has no [cluster] section: this gateway runs as a single node",
            path.display()
        ));
    };
    let Ok(url) = std::env::var(&cluster.postgres_url_env) else {
        return super::fail(format!(
            "the PostgreSQL URL is read from the environment variable {}, which is not set",
            cluster.postgres_url_env
        ));
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => return super::fail(format!("cannot start the async runtime: {e}")),
    };
    let nodes = match runtime.block_on(status::nodes(&url, &cluster.postgres_url_env)) {
        Ok(nodes) => nodes,
        Err(e) => return super::fail(e),
    };
    if json {
        println!("{}", serde_json::json!({ "nodes": nodes }));
        return ExitCode::SUCCESS;
    }
    let hashes: std::collections::BTreeSet<&str> = nodes
        .iter()
        .filter(|n| n.alive)
        .map(|n| n.policy_hash.as_str())
        .collect();
    println!("NODE\tSTATE\tHEARTBEAT\tPOLICY\tLOG SIZE\tANCHORED");
    for n in &nodes {
        let heartbeat = n
            .heartbeat_at
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default();
        println!(
            "{}\t{}\t{heartbeat}\t{}\t{}\t{}",
            n.node_id,
            if n.alive { "up" } else { "down" },
            n.policy_hash.get(..12).unwrap_or(&n.policy_hash),
            n.log_size,
            n.anchored_size.map_or("-".to_owned(), |s| s.to_string()),
        );
    }
    match hashes.len() {
        0 | 1 => println!("{} nodes; policy: converged", nodes.len()),
        k => println!(
            "{} nodes; policy: NOT converged ({k} different policy sets among the live nodes)",
            nodes.len()
        ),
    }
    ExitCode::SUCCESS
}
