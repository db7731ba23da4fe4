//! The layout rules of issue 11, checked on the whole workspace: no import cycle between the modules of any
//! crate.

use std::path::{Path, PathBuf};

use syncscope_arch::*;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every crate root of the workspace: each member's `src/lib.rs` and `src/main.rs`.
fn crate_roots() -> Vec<PathBuf> {
    let ws = workspace();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(ws.join("crates"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("Cargo.toml").exists() && !p.ends_with("fuzz"))
        .collect();
    dirs.push(ws.join("src-tauri"));
    dirs.sort();
    let mut roots = Vec::new();
    for d in dirs {
        for f in ["src/lib.rs", "src/main.rs"] {
            if d.join(f).exists() {
                roots.push(d.join(f));
            }
        }
    }
    roots
}

#[test]
fn no_crate_has_an_import_cycle_between_its_modules() {
    let roots = crate_roots();
    assert!(roots.len() >= 6, "found the crates: {roots:?}");
    let mut problems = Vec::new();
    for root in &roots {
        let graph = module_graph(root).unwrap_or_else(|e| panic!("{e}"));
        for group in cycles(&graph) {
            problems.push(format!(
                "{}: {}",
                root.display(),
                describe_cycle(&graph, &group)
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}
