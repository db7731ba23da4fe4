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
    /// Reads the script at `url` (which must be on `origin`). Returns its text. An HTTP load that has not
    /// finished (connected, answered and sent its whole body) within `timeout` fails with an error naming the
    /// URL, so a dev server that accepts and never answers cannot hold a worker's start forever.
    pub fn load(
        &self,
        origin: &str,
        url: &Url,
        runtime: &tokio::runtime::Handle,
        http: &reqwest::Client,
        timeout: std::time::Duration,
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
                let path = contained(root, &path)
                    .map_err(|e| fail(format!("{e} ({})", path.display())))?;
                std::fs::read_to_string(&path)
                    .map_err(|e| fail(format!("{} ({})", e, path.display())))
            }
            ScriptSource::Http => {
                let http = http.clone();
                let u = url.clone();
                let result = std::thread::scope(|s| {
                    s.spawn(|| {
                        runtime.block_on(async move {
                            let load = async {
                                let resp = http.get(u).send().await.map_err(describe)?;
                                let status = resp.status();
                                if !status.is_success() {
                                    return Err(format!("the server answered {status}"));
                                }
                                resp.text().await.map_err(describe)
                            };
                            match tokio::time::timeout(timeout, load).await {
                                Ok(r) => r,
                                Err(_) => Err(format!(
                                    "the server did not send it within {:.1} s (the script-load deadline)",
                                    timeout.as_secs_f64()
                                )),
                            }
                        })
                    })
                    .join()
                    .unwrap_or_else(|_| Err("the loader thread panicked".into()))
                });
                result.map_err(fail)
            }
        }
    }

    /// The file a URL stands for, for folder sources (used to serve `fetch`es of the origin, too). A path
    /// that resolves (through a symbolic link) outside the folder stands for no file.
    pub fn file_for(&self, url: &Url) -> Option<PathBuf> {
        match self {
            ScriptSource::Folder { root } => {
                let path = map_path(root, url)?;
                match contained(root, &path) {
                    Ok(p) => Some(p),
                    // A file that does not exist is reported by whoever opens it.
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => Some(path),
                    Err(_) => None,
                }
            }
            ScriptSource::Http => None,
        }
    }
}

/// A reqwest error with its causes (`error sending request …: connection refused`).
pub(crate) fn describe(e: reqwest::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

/// `path` with its symbolic links resolved, if it stays inside `root` (also resolved): a folder worker may
/// not read files that a link inside its folder points out to.
fn contained(root: &Path, path: &Path) -> std::io::Result<PathBuf> {
    let real_root = root.canonicalize()?;
    let real = path.canonicalize()?;
    if real.starts_with(&real_root) {
        Ok(real)
    } else {
        Err(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            format!(
                "it resolves to {}, outside the worker's folder {}",
                real.display(),
                real_root.display()
            ),
        ))
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

    #[test]
    fn symbolic_links_out_of_the_folder_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("app");
        std::fs::create_dir(&root).unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        std::fs::write(root.join("sw.js"), "1").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("leak.js")).unwrap();
        std::os::unix::fs::symlink(root.join("sw.js"), root.join("alias.js")).unwrap();
        let source = ScriptSource::Folder { root: root.clone() };
        let u = |s: &str| Url::parse(s).unwrap();
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let http = reqwest::Client::new();
        let load = |url: &str| {
            source.load(
                "http://localhost",
                &u(url),
                rt.handle(),
                &http,
                std::time::Duration::from_secs(1),
            )
        };
        let err = load("http://localhost/leak.js").unwrap_err().to_string();
        assert!(err.contains("outside the worker's folder"), "{err}");
        assert_eq!(load("http://localhost/alias.js").unwrap(), "1");
        assert_eq!(source.file_for(&u("http://localhost/leak.js")), None);
        assert_eq!(
            source.file_for(&u("http://localhost/missing.js")),
            Some(root.join("missing.js"))
        );
    }
}
