//! Checks of Syncscope's source layout, run as tests (`tests/workspace.rs`) in CI:
//!
//! - **No import cycle between the modules of a crate.** [`module_graph`] reads a crate's module tree from its
//!   root file (`mod x;` → `x.rs` or `x/mod.rs`; inline `mod x { … }` too; `#[cfg(test)]` items are left out) and
//!   makes an edge from a module to every module whose items it names (`use crate::…`, `super::…`, `self::…`, a
//!   child module's name, and such paths in code). A path through a `pub use` re-export leads to the module the
//!   item comes from, so a crate root that re-exports its modules is not part of every cycle. [`cycles`] gives
//!   the strongly connected components of more than one module (Tarjan's algorithm).
//! - **No oversized file.** [`long_files`] lists the `.rs` files of a folder over a number of lines.
//!
//! A small parser of our own (over `syn`) rather than `cargo-modules`, which builds rust-analyzer (minutes of
//! CI on two cores) to answer the same question.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use syn::visit::Visit;

/// Why a crate's modules could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ArchError {
    /// A source file could not be read.
    #[error("reading {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// A source file is not valid Rust.
    #[error("parsing {path}: {source}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// What the parser said.
        source: syn::Error,
    },
    /// `mod x;` names a file that is in neither place Rust looks.
    #[error("{path}: module `{name}` has no file ({name}.rs or {name}/mod.rs)")]
    MissingModule {
        /// The file declaring it.
        path: PathBuf,
        /// The module.
        name: String,
    },
}

/// A module, named by its path from the crate root (`[]` is the root, `["engine", "task"]` is `engine::task`).
pub type ModPath = Vec<String>;

/// One module's dependency on another, with a path that shows it (for the report).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edge {
    /// The module that names the other's items.
    pub from: ModPath,
    /// The module named.
    pub to: ModPath,
    /// One of the paths that make the edge, as written (`crate::store::Store`).
    pub via: String,
}

/// The modules of a crate and which depend on which.
#[derive(Debug, Default)]
pub struct ModuleGraph {
    /// Every module, with the file it is in.
    pub modules: BTreeMap<ModPath, PathBuf>,
    /// Every dependency between two different modules (one edge per pair).
    pub edges: Vec<Edge>,
}

/// A module as parsed: its items (the ones not under `#[cfg(test)]`) and child modules.
struct Parsed {
    file: PathBuf,
    items: Vec<syn::Item>,
}

/// Reads the module tree of the crate whose root file is `root` (its `lib.rs` or `main.rs`).
pub fn module_graph(root: &Path) -> Result<ModuleGraph, ArchError> {
    let mut parsed: BTreeMap<ModPath, Parsed> = BTreeMap::new();
    let dir = root.parent().unwrap_or(Path::new(".")).to_path_buf();
    load(root, dir, Vec::new(), &mut parsed)?;
    let modules: BTreeSet<ModPath> = parsed.keys().cloned().collect();
    let exports = re_exports(&parsed, &modules);
    let mut edges: BTreeMap<(ModPath, ModPath), String> = BTreeMap::new();
    for (path, module) in &parsed {
        let mut names = PathCollector::default();
        for item in &module.items {
            if !matches!(item, syn::Item::Mod(_)) {
                names.visit_item(item);
            }
        }
        for segments in names.paths {
            let Some(to) = resolve(path, &segments, &modules, &exports) else {
                continue;
            };
            if &to != path {
                edges
                    .entry((path.clone(), to))
                    .or_insert_with(|| segments.join("::"));
            }
        }
    }
    Ok(ModuleGraph {
        modules: parsed.into_iter().map(|(k, v)| (k, v.file)).collect(),
        edges: edges
            .into_iter()
            .map(|((from, to), via)| Edge { from, to, via })
            .collect(),
    })
}

fn is_cfg_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg")
            && a.parse_args::<syn::Meta>()
                .is_ok_and(|m| m.path().is_ident("test"))
    })
}

fn without_tests(items: Vec<syn::Item>) -> Vec<syn::Item> {
    items
        .into_iter()
        .filter(|item| {
            let attrs = match item {
                syn::Item::Mod(m) => &m.attrs,
                syn::Item::Fn(f) => &f.attrs,
                syn::Item::Use(u) => &u.attrs,
                syn::Item::Impl(i) => &i.attrs,
                _ => return true,
            };
            !is_cfg_test(attrs)
        })
        .collect()
}

/// Parses `file` as module `path` (whose child modules' files are under `dir`), and its children.
fn load(
    file: &Path,
    dir: PathBuf,
    path: ModPath,
    out: &mut BTreeMap<ModPath, Parsed>,
) -> Result<(), ArchError> {
    let text = std::fs::read_to_string(file).map_err(|source| ArchError::Read {
        path: file.to_path_buf(),
        source,
    })?;
    let ast = syn::parse_file(&text).map_err(|source| ArchError::Parse {
        path: file.to_path_buf(),
        source,
    })?;
    load_items(file, &dir, path, without_tests(ast.items), out)
}

fn load_items(
    file: &Path,
    dir: &Path,
    path: ModPath,
    items: Vec<syn::Item>,
    out: &mut BTreeMap<ModPath, Parsed>,
) -> Result<(), ArchError> {
    for item in &items {
        let syn::Item::Mod(m) = item else { continue };
        let name = m.ident.to_string();
        let mut child = path.clone();
        child.push(name.clone());
        match &m.content {
            Some((_, inner)) => load_items(
                file,
                &dir.join(&name),
                child,
                without_tests(inner.clone()),
                out,
            )?,
            None => {
                let flat = dir.join(format!("{name}.rs"));
                let nested = dir.join(&name).join("mod.rs");
                let (found, child_dir) = if flat.exists() {
                    (flat, dir.join(&name))
                } else if nested.exists() {
                    (nested, dir.join(&name))
                } else {
                    return Err(ArchError::MissingModule {
                        path: file.to_path_buf(),
                        name,
                    });
                };
                load(&found, child_dir, child, out)?;
            }
        }
    }
    out.insert(
        path,
        Parsed {
            file: file.to_path_buf(),
            items,
        },
    );
    Ok(())
}

/// Every path a module's code names, as segments (`use` trees flattened; globs end in `*`).
#[derive(Default)]
struct PathCollector {
    paths: Vec<Vec<String>>,
}

impl<'ast> Visit<'ast> for PathCollector {
    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        flatten_use(&u.tree, &mut Vec::new(), &mut self.paths);
    }

    fn visit_path(&mut self, p: &'ast syn::Path) {
        self.paths
            .push(p.segments.iter().map(|s| s.ident.to_string()).collect());
        syn::visit::visit_path(self, p);
    }

    fn visit_visibility(&mut self, _: &'ast syn::Visibility) {
        // (`pub(crate)`, `pub(super)` name no items)
    }

    fn visit_item_mod(&mut self, _: &'ast syn::ItemMod) {
        // (an inline module is its own node)
    }

    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        // Paths inside macro calls (`format!("{}", crate::x::y())`, `matches!(…, Kind::A)`): read what parses.
        if let Ok(args) = m.parse_body_with(
            syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated,
        ) {
            for e in &args {
                self.visit_expr(e);
            }
        }
        syn::visit::visit_macro(self, m);
    }
}

fn flatten_use(tree: &syn::UseTree, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match tree {
        syn::UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            flatten_use(&p.tree, prefix, out);
            prefix.pop();
        }
        syn::UseTree::Name(n) => {
            let mut v = prefix.clone();
            v.push(n.ident.to_string());
            out.push(v);
        }
        syn::UseTree::Rename(r) => {
            let mut v = prefix.clone();
            v.push(r.ident.to_string());
            out.push(v);
        }
        syn::UseTree::Glob(_) => {
            let mut v = prefix.clone();
            v.push("*".into());
            out.push(v);
        }
        syn::UseTree::Group(g) => {
            for t in &g.items {
                flatten_use(t, prefix, out);
            }
        }
    }
}

/// For each module, the names its `pub`/`pub(…)` uses re-export, and the absolute path each leads to.
fn re_exports(
    parsed: &BTreeMap<ModPath, Parsed>,
    modules: &BTreeSet<ModPath>,
) -> BTreeMap<ModPath, BTreeMap<String, Vec<String>>> {
    let mut out = BTreeMap::new();
    for (path, module) in parsed {
        let mut names = BTreeMap::new();
        for item in &module.items {
            let syn::Item::Use(u) = item else { continue };
            if matches!(u.vis, syn::Visibility::Inherited) {
                continue;
            }
            let mut flat = Vec::new();
            flatten_use(&u.tree, &mut Vec::new(), &mut flat);
            for segments in flat {
                if let Some(abs) = absolute(path, &segments, modules) {
                    let name = segments.last().cloned().unwrap_or_default();
                    names.insert(name, abs);
                }
            }
        }
        out.insert(path.clone(), names);
    }
    out
}

/// `segments` (as written in module `at`) as a path from the crate root, if it starts in this crate.
fn absolute(at: &ModPath, segments: &[String], modules: &BTreeSet<ModPath>) -> Option<Vec<String>> {
    let first = segments.first()?;
    let mut base: Vec<String> = match first.as_str() {
        "crate" => Vec::new(),
        "self" => at.clone(),
        "super" => {
            let mut b = at.clone();
            let mut rest = segments;
            while rest.first().map(String::as_str) == Some("super") {
                b.pop()?;
                rest = &rest[1..];
            }
            b.extend(rest.iter().cloned());
            return Some(b);
        }
        name => {
            // A child module named without `self::` (2018 paths).
            let mut child = at.clone();
            child.push(name.to_string());
            if !modules.contains(&child) {
                return None;
            }
            let mut b = at.clone();
            b.extend(segments.iter().cloned());
            return Some(b);
        }
    };
    base.extend(segments[1..].iter().cloned());
    Some(base)
}

/// The module a path leads to: the deepest module on it, following re-exports of the item after it.
fn resolve(
    at: &ModPath,
    segments: &[String],
    modules: &BTreeSet<ModPath>,
    exports: &BTreeMap<ModPath, BTreeMap<String, Vec<String>>>,
) -> Option<ModPath> {
    let mut abs = absolute(at, segments, modules)?;
    for _ in 0..8 {
        let mut module: ModPath = Vec::new();
        let mut i = 0;
        while i < abs.len() {
            let mut next = module.clone();
            next.push(abs[i].clone());
            if !modules.contains(&next) {
                break;
            }
            module = next;
            i += 1;
        }
        // The item named after the module: re-exported from elsewhere?
        match abs.get(i).and_then(|name| exports.get(&module)?.get(name)) {
            Some(target) if *target != abs[..=i] => {
                let mut next = target.clone();
                next.extend(abs[i + 1..].iter().cloned());
                abs = next;
            }
            _ => return Some(module),
        }
    }
    None
}

/// The groups of modules that depend on each other in a circle (each sorted; the groups sorted).
pub fn cycles(graph: &ModuleGraph) -> Vec<Vec<ModPath>> {
    let nodes: Vec<&ModPath> = graph.modules.keys().collect();
    let index_of: BTreeMap<&ModPath, usize> =
        nodes.iter().enumerate().map(|(i, m)| (*m, i)).collect();
    let mut adj = vec![Vec::new(); nodes.len()];
    for e in &graph.edges {
        if let (Some(&a), Some(&b)) = (index_of.get(&e.from), index_of.get(&e.to)) {
            adj[a].push(b);
        }
    }
    let mut t = Tarjan {
        adj: &adj,
        index: vec![None; nodes.len()],
        low: vec![0; nodes.len()],
        on_stack: vec![false; nodes.len()],
        stack: Vec::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in 0..nodes.len() {
        if t.index[v].is_none() {
            t.visit(v);
        }
    }
    let mut groups: Vec<Vec<ModPath>> = t
        .out
        .into_iter()
        .filter(|c| c.len() > 1)
        .map(|c| {
            let mut g: Vec<ModPath> = c.into_iter().map(|i| nodes[i].clone()).collect();
            g.sort();
            g
        })
        .collect();
    groups.sort();
    groups
}

struct Tarjan<'a> {
    adj: &'a [Vec<usize>],
    index: Vec<Option<usize>>,
    low: Vec<usize>,
    on_stack: Vec<bool>,
    stack: Vec<usize>,
    next: usize,
    out: Vec<Vec<usize>>,
}

impl Tarjan<'_> {
    fn visit(&mut self, v: usize) {
        self.index[v] = Some(self.next);
        self.low[v] = self.next;
        self.next += 1;
        self.stack.push(v);
        self.on_stack[v] = true;
        for &w in &self.adj[v] {
            match self.index[w] {
                None => {
                    self.visit(w);
                    self.low[v] = self.low[v].min(self.low[w]);
                }
                Some(iw) if self.on_stack[w] => self.low[v] = self.low[v].min(iw),
                Some(_) => {}
            }
        }
        if Some(self.low[v]) == self.index[v] {
            let mut group = Vec::new();
            while let Some(w) = self.stack.pop() {
                self.on_stack[w] = false;
                group.push(w);
                if w == v {
                    break;
                }
            }
            self.out.push(group);
        }
    }
}

/// A module path as Rust writes it (`crate` for the root).
pub fn display(path: &ModPath) -> String {
    if path.is_empty() {
        "crate".into()
    } else {
        path.join("::")
    }
}

/// Describes a cycle with the edges inside it, one per line, for a failing test's message.
pub fn describe_cycle(graph: &ModuleGraph, group: &[ModPath]) -> String {
    let inside: BTreeSet<&ModPath> = group.iter().collect();
    let mut lines = vec![format!(
        "cycle between {}:",
        group.iter().map(display).collect::<Vec<_>>().join(", ")
    )];
    for e in &graph.edges {
        if inside.contains(&e.from) && inside.contains(&e.to) {
            lines.push(format!(
                "  {} -> {} (via {})",
                display(&e.from),
                display(&e.to),
                e.via
            ));
        }
    }
    lines.join("\n")
}

/// The files under `dir` (recursively, skipping `target`, `node_modules` and `dist`) whose name ends in one of
/// `extensions` and that are longer than `max_lines`, longest first.
pub fn long_files(
    dir: &Path,
    extensions: &[&str],
    max_lines: usize,
) -> Result<Vec<(PathBuf, usize)>, ArchError> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).map_err(|source| ArchError::Read {
            path: d.clone(),
            source,
        })?;
        for entry in entries.flatten() {
            let p = entry.path();
            if p.is_dir() {
                if p.file_name()
                    .is_some_and(|n| n != "target" && n != "node_modules" && n != "dist")
                {
                    stack.push(p);
                }
            } else if p
                .extension()
                .is_some_and(|e| extensions.iter().any(|x| e == *x))
            {
                let text = std::fs::read_to_string(&p).map_err(|source| ArchError::Read {
                    path: p.clone(),
                    source,
                })?;
                let n = text.lines().count();
                if n > max_lines {
                    out.push((p, n));
                }
            }
        }
    }
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(out)
}
