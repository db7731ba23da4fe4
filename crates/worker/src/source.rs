//! Where a worker's scripts come from: files in a folder served as if from an origin, or the origin's own
//! HTTP server, as a browser would fetch them.

use std::path::{Component, Path, PathBuf};

use url::Url;

use crate::error::WorkerError;

/// The origin used for file-based workers when none is given.
pub const DEFAULT_ORIGIN: &str = "http://localhost";

/// Where a worker's script, and those it imports, come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScriptSource {
    /// Files under `root`: a URL on the worker's origin with path `/a/b.js` is the file `root/a/b.js`.
    Folder {
        /// The folder that stands for the origin's root.
        root: PathBuf,
    },
    /// The origin's HTTP server.
    Http,
}

impl ScriptSource {
    /// Reads the script at `url` (which must be on `origin`). Returns its text.
    pub fn load(
        &self,
        origin: &str,
        url: &Url,
        runtime: &tokio::runtime::Handle,
        http: &reqwest::Client,
    ) -> Result<String, WorkerError> {
        let fail = |reason: String| WorkerError::Load {
            url: url.to_string(),
            reason,
        };
        if url.origin().ascii_serialization() != origin {
            return Err(fail(format!("it is not on the worker's origin {origin}")));
        }
        match self {
            ScriptSource::Folder { root } => {
                let path = map_path(root, url)
                    .ok_or_else(|| fail("its path leaves the worker's folder".to_string()))?;
                std::fs::read_to_string(&path)
                    .map_err(|e| fail(format!("{} ({})", e, path.display())))
            }
            ScriptSource::Http => {
                let http = http.clone();
                let u = url.clone();
                let result = std::thread::scope(|s| {
                    s.spawn(|| {
                        runtime.block_on(async move {
                            let resp = http.get(u).send().await.map_err(|e| e.to_string())?;
                            let status = resp.status();
                            if !status.is_success() {
                                return Err(format!("the server answered {status}"));
                            }
                            resp.text().await.map_err(|e| e.to_string())
                        })
                    })
                    .join()
                    .unwrap_or_else(|_| Err("the loader thread panicked".into()))
                });
                result.map_err(fail)
            }
        }
    }

    /// The file a URL stands for, for folder sources (used to serve `fetch`es of the origin, too).
    pub fn file_for(&self, url: &Url) -> Option<PathBuf> {
        match self {
            ScriptSource::Folder { root } => map_path(root, url),
            ScriptSource::Http => None,
        }
    }
}

/// Maps a URL's path under `root`, refusing paths that would leave it.
fn map_path(root: &Path, url: &Url) -> Option<PathBuf> {
    let mut path = root.to_path_buf();
    for segment in url.path_segments()? {
        let decoded = percent_decode(segment)?;
        let part = Path::new(&decoded);
        let mut comps = part.components();
        match (comps.next(), comps.next()) {
            (Some(Component::Normal(c)), None) => path.push(c),
            (None, None) => {}
            _ => return None,
        }
    }
    Some(path)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 3 <= bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_urls_map_inside_the_root_only() {
        let root = Path::new("/srv/app");
        let u = |s: &str| Url::parse(s).unwrap();
        assert_eq!(
            map_path(root, &u("http://localhost/js/sw.js")).unwrap(),
            Path::new("/srv/app/js/sw.js")
        );
        assert_eq!(
            map_path(root, &u("http://localhost/a%20b.js")).unwrap(),
            Path::new("/srv/app/a b.js")
        );
        // The URL parser already resolves dot segments, percent-encoded or not: this stays inside the root.
        assert_eq!(
            map_path(root, &u("http://localhost/%2e%2e/etc/passwd")).unwrap(),
            Path::new("/srv/app/etc/passwd")
        );
        assert!(map_path(root, &u("http://localhost/a%2Fb.js")).is_none());
    }
}
