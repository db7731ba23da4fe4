//! Any text as a URL a folder worker fetches or imports: `file_for` maps it to a file inside the folder or to
//! none, never panics, never to a path outside the folder (no `..`, no absolute escape).
#![no_main]

use std::path::{Component, Path};

use libfuzzer_sys::fuzz_target;
use syncscope_worker::ScriptSource;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(url) = url::Url::parse("http://localhost/").and_then(|base| base.join(&text)) else {
        return;
    };
    let root = Path::new("/nonexistent-syncscope-fuzz-root");
    let source = ScriptSource::Folder {
        root: root.to_path_buf(),
    };
    if let Some(path) = source.file_for(&url) {
        assert!(
            path.starts_with(root),
            "{url} mapped outside the folder: {}",
            path.display()
        );
        assert!(
            !path.components().any(|c| matches!(c, Component::ParentDir)),
            "{url} mapped to a path with '..': {}",
            path.display()
        );
    }
});
