//! Where a service worker the user names is: a file (its folder served as if it were the root of
//! [`DEFAULT_ORIGIN`]), or a path or URL on an origin (loaded from that origin's own server). The CLI's `--sw`
//! and the app's "Add worker" both read what the user typed through [`locate_worker`].

use std::path::{Path, PathBuf};

use syncscope_engine::Origin;

use crate::source::{DEFAULT_ORIGIN, ScriptSource};

/// A service worker, found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocatedWorker {
    /// Its origin.
    pub origin: Origin,
    /// Its scope: the origin's root.
    pub scope: String,
    /// Its script's URL.
    pub script_url: String,
    /// Where its scripts come from.
    pub source: ScriptSource,
    /// The script file, canonical, for a worker from a folder.
    pub file: Option<PathBuf>,
}

/// Why a service worker could not be found, said so the user can fix it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct LocateError(pub String);

/// Finds the worker `script` names: with `origin`, a path or URL on it (which must be same-origin, as a
/// browser requires of a service worker's script); without, a file.
pub fn locate_worker(script: &str, origin: Option<&str>) -> Result<LocatedWorker, LocateError> {
    let script = script.trim();
    if script.is_empty() {
        return Err(LocateError(
            "give the service worker's file path, or its path or URL with the origin".into(),
        ));
    }
    match origin.map(str::trim).filter(|o| !o.is_empty()) {
        Some(o) => {
            let origin = Origin::parse(o).map_err(|e| LocateError(e.to_string()))?;
            let base =
                url::Url::parse(&format!("{origin}/")).map_err(|e| LocateError(e.to_string()))?;
            let url = base
                .join(script)
                .map_err(|e| LocateError(format!("{script:?} is not a path on {origin}: {e}")))?;
            if url.origin().ascii_serialization() != origin.as_str() {
                return Err(LocateError(format!(
                    "{url} is not on the origin {origin}; a service worker's script must be same-origin"
                )));
            }
            Ok(LocatedWorker {
                scope: format!("{origin}/"),
                script_url: url.to_string(),
                origin,
                source: ScriptSource::Http,
                file: None,
            })
        }
        None => {
            let file = Path::new(script);
            if !file.is_file() {
                return Err(LocateError(format!(
                    "no service worker script at {script} (give a file, or an origin to load it from a server)"
                )));
            }
            let file = file
                .canonicalize()
                .map_err(|e| LocateError(format!("{script}: {e}")))?;
            let root = file
                .parent()
                .map(Path::to_path_buf)
                .ok_or_else(|| LocateError(format!("{script} has no folder")))?;
            let name = file
                .file_name()
                .and_then(|n| n.to_str())
                .ok_or_else(|| LocateError(format!("{script} has no usable file name")))?;
            let origin = Origin::parse(DEFAULT_ORIGIN).map_err(|e| LocateError(e.to_string()))?;
            Ok(LocatedWorker {
                scope: format!("{origin}/"),
                script_url: format!("{origin}/{name}"),
                origin,
                source: ScriptSource::Folder { root },
                file: Some(file),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_a_path_on_an_origin_and_what_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let sw = dir.path().join("sw.js");
        std::fs::write(&sw, "").unwrap();
        let w = locate_worker(sw.to_str().unwrap(), None).unwrap();
        assert_eq!(w.script_url, "http://localhost/sw.js");
        assert_eq!(
            w.source,
            ScriptSource::Folder {
                root: dir.path().canonicalize().unwrap()
            }
        );
        let w = locate_worker("/app/sw.js", Some("http://127.0.0.1:8080")).unwrap();
        assert_eq!(
            (w.scope.as_str(), w.script_url.as_str()),
            ("http://127.0.0.1:8080/", "http://127.0.0.1:8080/app/sw.js")
        );
        let e = locate_worker(
            "https://elsewhere.test/sw.js",
            Some("http://127.0.0.1:8080"),
        )
        .unwrap_err();
        assert!(e.0.contains("must be same-origin"), "{e}");
        assert!(
            locate_worker("/nope/sw.js", None)
                .unwrap_err()
                .0
                .contains("no service worker script")
        );
        assert!(locate_worker("  ", None).is_err());
    }
}
