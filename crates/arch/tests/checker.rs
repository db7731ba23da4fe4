//! The layout checker itself, on small crates written to a temporary folder: it must find what it is for.

use std::path::PathBuf;

use syncscope_arch::*;

/// A crate in a temporary folder, from (file, text) pairs.
fn sample(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    let root = dir.path().join("lib.rs");
    (dir, root)
}

#[test]
fn the_checker_finds_a_cycle_also_through_a_re_export_and_not_where_there_is_none() {
    let (_d, root) = sample(&[
        ("lib.rs", "mod a; mod b; mod c; pub use a::A;"),
        ("a.rs", "use crate::b::B; pub struct A(B);"),
        ("b.rs", "pub struct B; fn f() -> crate::A { todo!() }"),
        (
            "c.rs",
            "use super::a::A; #[cfg(test)] mod tests { use crate::c::*; }",
        ),
    ]);
    let graph = module_graph(&root).unwrap();
    let found = cycles(&graph);
    assert_eq!(
        found,
        vec![vec![vec!["a".to_string()], vec!["b".to_string()]]]
    );
    let text = describe_cycle(&graph, &found[0]);
    assert!(text.contains("b -> a (via crate::A)"), "{text}");

    let (_d, root) = sample(&[
        ("lib.rs", "mod a; mod b; pub use a::A;"),
        ("a.rs", "use crate::b::B; pub struct A(B);"),
        ("b/mod.rs", "mod inner; pub struct B; pub use inner::C;"),
        ("b/inner.rs", "pub struct C;"),
    ]);
    assert!(cycles(&module_graph(&root).unwrap()).is_empty());
}

#[test]
fn the_checker_counts_lines() {
    let (d, _) = sample(&[("lib.rs", "a\nb\nc\n"), ("x/long.rs", &"x\n".repeat(900))]);
    let long = long_files(d.path(), &["rs"], 800).unwrap();
    assert_eq!(long.len(), 1);
    assert_eq!(long[0].1, 900);
}
