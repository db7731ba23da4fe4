//! Tauri's build step: the config, the capabilities, and one `allow-<command>` permission per app command, so the
//! window can call exactly the commands its capability lists.

fn main() {
    // `frontendDist` (../ui/dist) is embedded at compile time and must exist. CI and the scripts build the UI
    // first; a bare `cargo build` in a fresh clone gets a page saying how to build it instead of a compile error.
    let dist = std::path::Path::new("../ui/dist");
    // The UI is embedded at compile time: a new build of it must rebuild the app.
    println!("cargo:rerun-if-changed=../ui/dist");
    if !dist.join("index.html").exists() {
        println!(
            "cargo:warning=ui/dist is missing: the app will show a placeholder (run `npm ci && npm run build` in ui/)"
        );
        std::fs::create_dir_all(dist).expect("create ui/dist");
        std::fs::write(
            dist.join("index.html"),
            "<!doctype html><meta charset=utf-8><title>Syncscope</title>\
             <p>The Syncscope UI is not built: run <code>npm ci &amp;&amp; npm run build</code> in <code>ui/</code>, \
             then rebuild the app.</p>\n",
        )
        .expect("write the ui/dist placeholder");
    }
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build step");
}

/// Every app command (kept in step with `generate_handler!` in src/lib.rs; a test checks it).
const COMMANDS: &[&str] = &include!("src/command_names.in");
