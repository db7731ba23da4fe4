//! One app per data folder: the first launch listens on `<data dir>/app.sock`; a second launch on the same
//! folder connects, asks the first to show its window, and exits. Keyed by the data folder rather than the
//! app's identifier (what `tauri-plugin-single-instance` uses, over D-Bus on Linux): two apps on two data
//! folders (a test run beside the user's app) do not get in each other's way, and no session bus is needed,
//! while two on one folder could never both run (the engine's database lock refuses the second).

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

/// What a launch is.
#[derive(Debug)]
pub enum Claim {
    /// The first app on this folder; it serves later launches with [`FirstInstance::serve`].
    First(FirstInstance),
    /// Another app already runs on this folder and was asked to show its window.
    Second,
}

/// The first app's socket.
#[derive(Debug)]
pub struct FirstInstance {
    #[cfg(unix)]
    listener: std::os::unix::net::UnixListener,
    path: PathBuf,
}

/// The socket's path in a data folder.
pub fn socket_path(data_dir: &Path) -> PathBuf {
    data_dir.join("app.sock")
}

/// Claims the data folder: [`Claim::First`] when no app runs on it (a socket left by a crashed app is
/// replaced), else tells the running app to show itself and returns [`Claim::Second`].
pub fn claim(data_dir: &Path) -> std::io::Result<Claim> {
    let path = socket_path(data_dir);
    #[cfg(unix)]
    {
        use std::os::unix::net::{UnixListener, UnixStream};
        for _ in 0..2 {
            if let Ok(mut stream) = UnixStream::connect(&path) {
                stream.write_all(b"show\n")?;
                return Ok(Claim::Second);
            }
            // Nobody listens: a socket file left by an app that died, or none.
            let _ = std::fs::remove_file(&path);
            match UnixListener::bind(&path) {
                Ok(listener) => return Ok(Claim::First(FirstInstance { listener, path })),
                // Another launch bound it between our two steps: ask that one.
                Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => continue,
                Err(e) => return Err(e),
            }
        }
        Err(std::io::Error::other(format!(
            "could not claim {}: another launch keeps taking it",
            path.display()
        )))
    }
    #[cfg(not(unix))]
    {
        Ok(Claim::First(FirstInstance { path }))
    }
}

impl FirstInstance {
    /// Calls `show` (on a thread of its own) each time a later launch asks, until the process ends.
    pub fn serve(self, show: impl Fn() + Send + 'static) {
        #[cfg(unix)]
        std::thread::Builder::new()
            .name("single-instance".into())
            .spawn(move || {
                for stream in self.listener.incoming() {
                    let Ok(stream) = stream else { continue };
                    let mut line = String::new();
                    // A peer that says nothing within a second is not a launch of ours.
                    let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(1)));
                    if BufReader::new(stream).read_line(&mut line).is_ok() && line.trim() == "show"
                    {
                        tracing::info!("another launch asked for the window");
                        show();
                    }
                }
            })
            .map(|_| ())
            .unwrap_or_else(|e| tracing::warn!(error = %e, "cannot serve later launches"));
        #[cfg(not(unix))]
        let _ = show;
    }

    /// The socket's path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for FirstInstance {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_second_launch_on_the_same_folder_asks_the_first_to_show_itself() {
        let dir = tempfile::tempdir().unwrap();
        let Claim::First(first) = claim(dir.path()).unwrap() else {
            panic!("the first launch is first");
        };
        let (tx, rx) = std::sync::mpsc::channel();
        first.serve(move || {
            let _ = tx.send(());
        });
        assert!(matches!(claim(dir.path()).unwrap(), Claim::Second));
        rx.recv_timeout(std::time::Duration::from_secs(10))
            .expect("the first was asked to show its window");
        // Another folder is another app.
        let other = tempfile::tempdir().unwrap();
        assert!(matches!(claim(other.path()).unwrap(), Claim::First(_)));
    }

    #[test]
    fn a_socket_left_by_a_crashed_app_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        {
            // Bound and dropped without cleanup: the file stays, nobody listens.
            let _ = std::os::unix::net::UnixListener::bind(socket_path(dir.path())).unwrap();
        }
        assert!(socket_path(dir.path()).exists());
        assert!(matches!(claim(dir.path()).unwrap(), Claim::First(_)));
    }
}
