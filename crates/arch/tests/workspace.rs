//! The layout rules of issue 11, checked on the whole workspace: no import cycle between the modules of any
//! crate, and no source file over 800 lines outside tests and generated code.

use std::path::{Path, PathBuf};

use syncscope_arch::*;

const MAX_LINES: usize = 800;

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
#[test]
fn no_source_file_is_over_800_lines_outside_tests_and_generated_code() {
    let ws = workspace();
    let mut long = Vec::new();
    for root in crate_roots() {
        let src = root.parent().unwrap();
        long.extend(long_files(src, &["rs"], MAX_LINES).unwrap());
    }
    long.extend(long_files(&ws.join("crates/worker/js/src"), &["js"], MAX_LINES).unwrap());
    long.extend(long_files(&ws.join("ui/src"), &["ts", "tsx"], MAX_LINES).unwrap());
    // Generated: the TypeScript bindings (scripts/gen-bindings.sh).
    long.retain(|(p, _)| !p.components().any(|c| c.as_os_str() == "bindings"));
    let list: Vec<String> = long
        .iter()
        .map(|(p, n)| format!("{n:>5} {}", p.display()))
        .collect();
    assert!(
        list.is_empty(),
        "files over {MAX_LINES} lines:\n{}",
        list.join("\n")
    );
}
