//! The layering of the crate's core modules (issue 16): `config`, `limits`, `audit` and
//! `vault` depend on each other in one direction only, so a change to one never needs
//! the others rebuilt around it. The graph is read from the sources (`crate::X` paths
//! and `use crate::X` lines outside `#[cfg(test)]` modules) and must have no cycle.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is the test failing

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const CORE: &[&str] = &["config", "limits", "audit", "vault"];

/// The files of module `name`: `src/name.rs` and everything under `src/name/`.
fn files_of(name: &str) -> Vec<std::path::PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    let single = src.join(format!("{name}.rs"));
    if single.exists() {
        files.push(single);
    }
    let mut dirs = vec![src.join(name)];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files
}

/// The source without its `#[cfg(test)]` modules (tests may reach anywhere).
fn without_tests(text: &str) -> &str {
    match text.find("#[cfg(test)]\nmod ") {
        Some(at) => &text[..at],
        None => text,
    }
}

fn edges() -> BTreeMap<&'static str, BTreeSet<&'static str>> {
    let mut graph = BTreeMap::new();
    for &from in CORE {
        let mut to = BTreeSet::new();
        for file in files_of(from) {
            let text = std::fs::read_to_string(&file).unwrap();
            let code = without_tests(&text);
            for &other in CORE {
                if other != from
                    && (code.contains(&format!("crate::{other}::"))
                        || code.contains(&format!("crate::{other};"))
                        || code.contains(&format!("crate::{other}::{{")))
                {
                    to.insert(other);
                }
            }
        }
        graph.insert(from, to);
    }
    graph
}

#[test]
fn config_limits_audit_and_vault_form_no_cycle() {
    let graph = edges();
    // Depth-first search for a back edge; the message names the cycle.
    fn visit(
        node: &'static str,
        graph: &BTreeMap<&'static str, BTreeSet<&'static str>>,
        path: &mut Vec<&'static str>,
        done: &mut BTreeSet<&'static str>,
    ) -> Option<Vec<&'static str>> {
        if let Some(at) = path.iter().position(|n| *n == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node);
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node);
        for &next in &graph[node] {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node);
        None
    }
    let mut done = BTreeSet::new();
    for &node in CORE {
        if let Some(cycle) = visit(node, &graph, &mut Vec::new(), &mut done) {
            panic!("module cycle {} (graph: {graph:?})", cycle.join(" -> "));
        }
    }
}

#[test]
fn the_graph_reader_sees_real_dependencies() {
    // A reader that saw nothing would pass the test above trivially.
    let graph = edges();
    assert!(graph["limits"].contains("audit"), "{graph:?}");
}
