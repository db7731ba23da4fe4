//! Launching a Chromium-family browser for Syncscope: finding it, the exact flags of cdp-notes.md, a fresh
//! profile, reading the DevTools port it picked, optional field-trial timings, and killing it (and every
//! process it started) when dropped.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use syncscope_engine::SyncParameters;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};
use tokio::sync::mpsc;

use crate::client::Endpoint;
use crate::error::{CdpError, Result};

/// Executable names tried on `PATH`, in order.
pub const BROWSER_NAMES: [&str; 6] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "microsoft-edge",
    "microsoft-edge-stable",
];

/// How long a browser may take to print its DevTools address.
pub const DEFAULT_STARTUP_TIMEOUT: Duration = Duration::from_secs(30);

/// How many of the browser's last stderr lines an error message quotes.
const STDERR_TAIL: usize = 20;

/// Finds the first of [`BROWSER_NAMES`] on `PATH`.
pub fn find_browser() -> Result<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    find_in(&path, &BROWSER_NAMES).ok_or_else(|| {
        CdpError::Launch(format!(
            "no browser found on PATH (looked for {}); install Chromium (Debian: apt-get install chromium) or pass its path",
            BROWSER_NAMES.join(", ")
        ))
    })
}

fn find_in(path: &std::ffi::OsStr, names: &[&str]) -> Option<PathBuf> {
    for name in names {
        for dir in std::env::split_paths(path) {
            let candidate = dir.join(name);
            if is_executable(&candidate) {
                return Some(candidate);
            }
        }
    }
    None
}

fn is_executable(p: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(p) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.is_file() && meta.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        meta.is_file()
    }
}

/// Whether a launched browser runs in Chromium's sandbox.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sandbox {
    /// Sandboxed, unless this process runs as root, where Chromium refuses to start with its sandbox
    /// ("Running as root without --no-sandbox is not supported"); then without it, with a warning.
    #[default]
    Auto,
    /// Always without the sandbox (`--no-sandbox`): the user's choice, e.g. in a container without user
    /// namespaces.
    Off,
}

impl Sandbox {
    /// Whether to pass `--no-sandbox`.
    pub fn disabled(self) -> bool {
        match self {
            Sandbox::Off => true,
            Sandbox::Auto => running_as_root(),
        }
    }
}

fn running_as_root() -> bool {
    #[cfg(unix)]
    {
        // SAFETY: geteuid has no preconditions and cannot fail.
        unsafe { libc::geteuid() == 0 }
    }
    #[cfg(not(unix))]
    {
        false
    }
}

/// The flags of cdp-notes.md: headless (optional), the sandbox off only when asked (`no_sandbox`), no GPU, no
/// QUIC, no first-run, and no background networking, component updates or sync (without those Chromium floods
/// a closed network); DevTools on 127.0.0.1 at `port` (0: any free port).
pub fn browser_args(
    user_data_dir: &Path,
    port: u16,
    headless: bool,
    no_sandbox: bool,
) -> Vec<String> {
    let mut args = Vec::new();
    if headless {
        args.push("--headless".to_string());
    }
    if no_sandbox {
        args.push("--no-sandbox".to_string());
    }
    args.extend(
        [
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ]
        .map(String::from),
    );
    args.push(format!("--user-data-dir={}", user_data_dir.display()));
    args.push("--remote-debugging-address=127.0.0.1".into());
    args.push(format!("--remote-debugging-port={port}"));
    args
}

/// Chromium's `BackgroundSync` field trial carrying `params`, so the browser uses the same timings as the
/// engine: `--force-fieldtrials=BackgroundSync/Test --force-fieldtrial-params=BackgroundSync.Test:name/value/…`.
///
/// Chromium reads every parameter as a whole number, so durations must be whole seconds.
pub fn field_trial_args(params: &SyncParameters) -> Result<Vec<String>> {
    let mut pairs = Vec::new();
    for (name, value) in params.as_field_trial_pairs() {
        if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
            return Err(CdpError::InvalidInput(format!(
                "Chromium takes whole numbers for its field-trial parameters; {name}={value} is not one"
            )));
        }
        pairs.push(format!("{name}/{value}"));
    }
    Ok(vec![
        "--force-fieldtrials=BackgroundSync/Test".into(),
        format!(
            "--force-fieldtrial-params=BackgroundSync.Test:{}",
            pairs.join("/")
        ),
    ])
}

/// How to launch a browser.
#[derive(Clone, Debug)]
pub struct LaunchOptions {
    /// The executable; found on `PATH` when `None` (see [`find_browser`]).
    pub executable: Option<PathBuf>,
    /// The profile directory; a fresh temporary one (deleted afterwards) when `None`.
    pub user_data_dir: Option<PathBuf>,
    /// Run headless (the default).
    pub headless: bool,
    /// The DevTools port; 0 (the default) lets the browser pick a free one.
    pub port: u16,
    /// Background-sync timings to force through the field trial (see [`field_trial_args`]).
    pub sync_params: Option<SyncParameters>,
    /// More flags, appended last.
    pub extra_args: Vec<String>,
    /// How long to wait for the DevTools address.
    pub startup_timeout: Duration,
    /// Chromium's sandbox: on unless the user turns it off (or this process runs as root).
    pub sandbox: Sandbox,
}

impl Default for LaunchOptions {
    fn default() -> Self {
        LaunchOptions {
            executable: None,
            user_data_dir: None,
            headless: true,
            port: 0,
            sync_params: None,
            extra_args: Vec::new(),
            startup_timeout: DEFAULT_STARTUP_TIMEOUT,
            sandbox: Sandbox::Auto,
        }
    }
}

enum Profile {
    Temp(tempfile::TempDir),
    Given(PathBuf),
}

impl Profile {
    fn path(&self) -> &Path {
        match self {
            Profile::Temp(d) => d.path(),
            Profile::Given(p) => p,
        }
    }
}

/// A browser this process launched. Dropping it kills the browser and every process it started (they share
/// a process group), then deletes a temporary profile.
pub struct BrowserProcess {
    child: Child,
    pid: u32,
    executable: PathBuf,
    ws_url: String,
    port: u16,
    stderr_tail: Arc<Mutex<Vec<String>>>,
    // Declared last: dropped after the browser is killed.
    profile: Profile,
}

impl std::fmt::Debug for BrowserProcess {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BrowserProcess")
            .field("pid", &self.pid)
            .field("executable", &self.executable)
            .field("ws_url", &self.ws_url)
            .field("profile", &self.profile.path())
            .finish()
    }
}

impl BrowserProcess {
    /// Launches a browser and waits until its DevTools endpoint is up, reading the address from the
    /// `DevTools listening on ws://…` line on stderr or from `DevToolsActivePort` in the profile.
    pub async fn launch(options: LaunchOptions) -> Result<BrowserProcess> {
        let executable = match &options.executable {
            Some(p) => p.clone(),
            None => find_browser()?,
        };
        let profile = match &options.user_data_dir {
            Some(dir) => {
                std::fs::create_dir_all(dir)
                    .map_err(|e| CdpError::io(format!("creating {}", dir.display()), e))?;
                Profile::Given(dir.clone())
            }
            None => Profile::Temp(
                tempfile::Builder::new()
                    .prefix("syncscope-chromium-")
                    .tempdir()
                    .map_err(|e| CdpError::io("creating a temporary profile", e))?,
            ),
        };
        let active_port_file = profile.path().join("DevToolsActivePort");
        // A given profile may hold the file of an earlier run; it must not be mistaken for this one's.
        let _ = std::fs::remove_file(&active_port_file);

        let no_sandbox = options.sandbox.disabled();
        if no_sandbox && options.sandbox == Sandbox::Auto {
            tracing::warn!(
                "running as root: Chromium cannot use its sandbox, so it starts with --no-sandbox"
            );
        }
        let mut args = browser_args(profile.path(), options.port, options.headless, no_sandbox);
        if let Some(params) = &options.sync_params {
            args.extend(field_trial_args(params)?);
        }
        args.extend(options.extra_args.iter().cloned());
        args.push("about:blank".into());

        let mut cmd = Command::new(&executable);
        cmd.args(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        #[cfg(unix)]
        cmd.process_group(0);
        tracing::info!(executable = %executable.display(), ?args, "launching the browser");
        let mut child = cmd
            .spawn()
            .map_err(|e| CdpError::Launch(format!("cannot start {}: {e}", executable.display())))?;
        let pid = child.id().unwrap_or_default();

        let stderr_tail = Arc::new(Mutex::new(Vec::new()));
        let (url_tx, mut url_rx) = mpsc::channel::<String>(1);
        if let Some(stderr) = child.stderr.take() {
            tokio::spawn(drain_stderr(stderr, url_tx, stderr_tail.clone()));
        }

        let mut browser = BrowserProcess {
            child,
            pid,
            executable,
            ws_url: String::new(),
            port: 0,
            stderr_tail,
            profile,
        };
        let deadline = tokio::time::Instant::now() + options.startup_timeout;
        let mut poll = tokio::time::interval(Duration::from_millis(50));
        let ws_url = loop {
            tokio::select! {
                Some(url) = url_rx.recv() => break url,
                _ = poll.tick() => {
                    if let Some(url) = read_active_port(&active_port_file) { break url; }
                    if let Ok(Some(status)) = browser.child.try_wait() {
                        // Give the stderr reader a moment to collect the last lines.
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        return Err(CdpError::Launch(format!(
                            "{} exited ({status}) before DevTools was listening{}",
                            browser.executable.display(),
                            browser.stderr_excerpt()
                        )));
                    }
                    if tokio::time::Instant::now() >= deadline {
                        return Err(CdpError::Launch(format!(
                            "{} printed no DevTools address within {:?}{}",
                            browser.executable.display(),
                            options.startup_timeout,
                            browser.stderr_excerpt()
                        )));
                    }
                }
            }
        };
        browser.port = port_of(&ws_url).unwrap_or_default();
        browser.ws_url = ws_url;
        tracing::info!(pid, ws = %browser.ws_url, "browser up");
        Ok(browser)
    }

    /// The browser websocket URL.
    pub fn ws_url(&self) -> &str {
        &self.ws_url
    }

    /// The DevTools port.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The endpoint to connect to.
    pub fn endpoint(&self) -> Endpoint {
        Endpoint::WebSocket(self.ws_url.clone())
    }

    /// The browser's process id.
    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// The executable that was started.
    pub fn executable(&self) -> &Path {
        &self.executable
    }

    /// The profile directory.
    pub fn user_data_dir(&self) -> &Path {
        self.profile.path()
    }

    /// The last lines the browser wrote to stderr.
    pub fn stderr_tail(&self) -> Vec<String> {
        self.stderr_tail
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn stderr_excerpt(&self) -> String {
        let tail = self.stderr_tail();
        if tail.is_empty() {
            String::new()
        } else {
            format!("; its last output:\n{}", tail.join("\n"))
        }
    }

    /// Kills the browser and its processes at once (SIGKILL to its process group), as a crash would.
    pub fn kill(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            #[cfg(unix)]
            if self.pid > 0 {
                // SAFETY: kill(2) with a negative pid signals the process group we created at spawn
                // (process_group(0) makes its id the browser's pid); it touches no memory.
                unsafe {
                    libc::kill(-(self.pid as libc::pid_t), libc::SIGKILL);
                }
            }
            let _ = self.child.start_kill();
        }
    }

    /// Kills the browser and waits until it has exited.
    pub async fn kill_and_wait(&mut self) {
        self.kill();
        let _ = tokio::time::timeout(Duration::from_secs(10), self.child.wait()).await;
    }

    /// Whether the browser process is still running.
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for BrowserProcess {
    fn drop(&mut self) {
        self.kill();
        // SIGKILL is quick; wait briefly so a temporary profile is not deleted under a dying browser.
        for _ in 0..50 {
            match self.child.try_wait() {
                Ok(None) => std::thread::sleep(Duration::from_millis(10)),
                _ => break,
            }
        }
    }
}

async fn drain_stderr(
    stderr: tokio::process::ChildStderr,
    url_tx: mpsc::Sender<String>,
    tail: Arc<Mutex<Vec<String>>>,
) {
    let mut url_tx = Some(url_tx);
    let mut lines = BufReader::new(stderr).lines();
    while let Ok(Some(line)) = lines.next_line().await {
        if let Some(url) = devtools_url_in(&line)
            && let Some(tx) = url_tx.take()
        {
            let _ = tx.send(url).await;
        }
        tracing::debug!(target: "syncscope_cdp::browser", "{line}");
        let mut t = tail.lock().unwrap_or_else(|e| e.into_inner());
        if t.len() == STDERR_TAIL {
            t.remove(0);
        }
        t.push(line);
    }
}

/// The URL in a `DevTools listening on ws://…` line.
pub fn devtools_url_in(line: &str) -> Option<String> {
    let rest = line.split("DevTools listening on ").nth(1)?;
    let url = rest.split_whitespace().next()?;
    url.starts_with("ws://").then(|| url.to_string())
}

/// `DevToolsActivePort`: the port on the first line, the browser path on the second.
fn read_active_port(file: &Path) -> Option<String> {
    let text = std::fs::read_to_string(file).ok()?;
    let mut lines = text.lines();
    let port: u16 = lines.next()?.trim().parse().ok()?;
    let path = lines.next()?.trim();
    path.starts_with("/devtools/browser/")
        .then(|| format!("ws://127.0.0.1:{port}{path}"))
}

fn port_of(ws_url: &str) -> Option<u16> {
    let rest = ws_url.strip_prefix("ws://")?;
    let hostport = rest.split('/').next()?;
    hostport.rsplit_once(':')?.1.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_trial_args_carry_every_parameter() {
        let params = SyncParameters::default()
            .with_assignments([
                ("initial_retry_delay_sec", "3"),
                ("retry_delay_factor", "2"),
                ("max_sync_attempts", "3"),
                ("min_periodic_sync_events_interval_sec", "5"),
                ("min_recovery_time_sec", "1"),
            ])
            .unwrap();
        assert_eq!(
            field_trial_args(&params).unwrap(),
            [
                "--force-fieldtrials=BackgroundSync/Test",
                "--force-fieldtrial-params=BackgroundSync.Test:max_sync_attempts/3/initial_retry_delay_sec/3/\
                 retry_delay_factor/2/min_recovery_time_sec/1/max_sync_event_duration_sec/180/\
                 min_periodic_sync_events_interval_sec/5"
            ]
        );
        let fractional = SyncParameters::default()
            .with_assignments([("initial_retry_delay_sec", "0.5")])
            .unwrap();
        let e = field_trial_args(&fractional).unwrap_err().to_string();
        assert!(e.contains("initial_retry_delay_sec=0.5"), "{e}");
    }

    #[test]
    fn the_devtools_address_is_read_from_stderr_or_the_profile() {
        assert_eq!(
            devtools_url_in(
                "\nDevTools listening on ws://127.0.0.1:41365/devtools/browser/6a50d9d9"
            ),
            Some("ws://127.0.0.1:41365/devtools/browser/6a50d9d9".into())
        );
        assert_eq!(devtools_url_in("[123:ERROR] something else"), None);
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("DevToolsActivePort");
        assert_eq!(read_active_port(&f), None);
        std::fs::write(&f, "4567\n/devtools/browser/abc\n").unwrap();
        assert_eq!(
            read_active_port(&f),
            Some("ws://127.0.0.1:4567/devtools/browser/abc".into())
        );
        assert_eq!(
            port_of("ws://127.0.0.1:4567/devtools/browser/abc"),
            Some(4567)
        );
    }

    #[test]
    fn the_flags_are_cdp_notes_ones() {
        let args = browser_args(Path::new("/tmp/p"), 0, true, true);
        assert_eq!(
            args.join(" "),
            "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
             --disable-component-update --disable-sync --user-data-dir=/tmp/p --remote-debugging-address=127.0.0.1 \
             --remote-debugging-port=0"
        );
        let sandboxed = browser_args(Path::new("/tmp/p"), 0, true, false);
        assert!(
            !sandboxed.iter().any(|a| a == "--no-sandbox"),
            "{sandboxed:?}"
        );
        assert!(Sandbox::Off.disabled());
        assert_eq!(Sandbox::Auto.disabled(), running_as_root());
    }

    #[test]
    fn browsers_are_found_on_path() {
        let dir = tempfile::tempdir().unwrap();
        let exe = dir.path().join("google-chrome");
        std::fs::write(&exe, "#!/bin/sh\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        let path = std::env::join_paths([Path::new("/nonexistent"), dir.path()]).unwrap();
        assert_eq!(find_in(&path, &BROWSER_NAMES), Some(exe));
        assert_eq!(find_in(&path, &["chromium"]), None);
    }
}
