//! The app's state: one engine on the per-user database, the embedded worker host as its target, the workers the
//! user added (remembered across restarts), and the recent console output.

use std::collections::{HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use serde::{Deserialize, Serialize};
use syncscope_demo::{ChatServer, DemoPage};
use syncscope_engine::{
    Clock, ClockMode, EngineHandle, Origin, Service, SwRegistrationId, Timestamp,
};
use syncscope_worker::{
    ConsoleLine, Embedded, EmbeddedConfig, ScriptSource, WorkerHost, WorkerLimits, WorkerSpec,
    locate_worker,
};

use crate::dto::{
    AllowHosts, CommandError, CommandResult, DemoInfo, DemoMessage, SwOptions, WorkerInfo,
};
use crate::settings::{SavedClock, SettingsFile};
use crate::target::ChromiumPicker;

/// How many console lines the app keeps for the Console view.
pub const CONSOLE_HISTORY: usize = 2000;

/// The port the demo's chat server asks for first, so the demo's origin (its registration, IndexedDB outbox and
/// Cache Storage) stays the same from one run to the next; any free port when it is taken.
pub const DEMO_PORT: u16 = 47_613;
/// How many POSTs the demo's chat server fails (503) when it starts: the first delivery meets the retry ladder.
pub const DEMO_FAIL_FIRST: usize = 1;

/// How to start the app's engine.
#[derive(Clone, Debug)]
pub struct AppConfig {
    /// The folder for the database and the app's own files.
    pub data_dir: PathBuf,
    /// The clock the engine starts on (a virtual one starts paused at the current time), unless
    /// `restore_clock` finds one remembered.
    pub clock: ClockMode,
    /// Start on the clock remembered in `app-settings.json` (mode, pause and speed), when there is one.
    pub restore_clock: bool,
    /// Where Save events writes files.
    pub exports_dir: PathBuf,
    /// The port the demo's chat server asks for first ([`DEMO_PORT`]).
    pub demo_port: u16,
    /// Hosts workers may connect to besides their origin and loopback (`SYNCSCOPE_ALLOW_HOSTS`, comma
    /// separated, as the CLI's `--allow-host`).
    pub allow_hosts: Vec<String>,
    /// The deadline of a worker script's load (see `WorkerLimits::script_timeout`).
    pub script_timeout: std::time::Duration,
}

impl AppConfig {
    /// The per-user data folder (`SYNCSCOPE_DATA_DIR` overrides it) and the clock from `SYNCSCOPE_CLOCK`
    /// (`real`, the default, or `virtual`).
    pub fn from_env() -> Result<AppConfig, CommandError> {
        let data_dir = match std::env::var_os("SYNCSCOPE_DATA_DIR") {
            Some(d) => PathBuf::from(d),
            None => directories::ProjectDirs::from("dev", "syncscope", "Syncscope")
                .map(|dirs| dirs.data_dir().to_path_buf())
                .ok_or_else(|| {
                    CommandError::input(
                        "could not find a per-user data folder (is HOME set?); set SYNCSCOPE_DATA_DIR",
                    )
                })?,
        };
        let restore_clock = matches!(std::env::var("SYNCSCOPE_CLOCK").as_deref(), Err(_) | Ok(""));
        let clock = match std::env::var("SYNCSCOPE_CLOCK").as_deref() {
            Err(_) | Ok("") | Ok("real") => ClockMode::Real,
            Ok("virtual") => ClockMode::Virtual,
            Ok(other) => {
                return Err(CommandError::input(format!(
                    "SYNCSCOPE_CLOCK={other:?}: expected real or virtual"
                )));
            }
        };
        // `~/Downloads` when there is one, else `<data dir>/exports`.
        let exports_dir = directories::UserDirs::new()
            .and_then(|u| u.download_dir().map(Path::to_path_buf))
            .filter(|d| d.is_dir())
            .unwrap_or_else(|| data_dir.join("exports"));
        Ok(AppConfig {
            data_dir,
            clock,
            restore_clock,
            exports_dir,
            demo_port: DEMO_PORT,
            allow_hosts: std::env::var("SYNCSCOPE_ALLOW_HOSTS")
                .unwrap_or_default()
                .split(',')
                .map(str::trim)
                .filter(|h| !h.is_empty())
                .map(String::from)
                .collect(),
            script_timeout: WorkerLimits::default().script_timeout,
        })
    }

    /// `--demo`: start on a paused virtual clock instead of the remembered one (`SYNCSCOPE_CLOCK` still wins).
    pub fn for_demo(mut self) -> AppConfig {
        if self.restore_clock {
            self.clock = ClockMode::Virtual;
            self.restore_clock = false;
        }
        self
    }

    /// Start on the clock remembered from the last run, if any (what `from_env` does without `SYNCSCOPE_CLOCK`).
    pub fn restoring_clock(mut self) -> AppConfig {
        self.restore_clock = true;
        self
    }

    /// A configuration with everything under `data_dir` (exports in `<data_dir>/exports`), for tests and tools.
    pub fn in_dir(data_dir: impl Into<PathBuf>, clock: ClockMode) -> AppConfig {
        let data_dir = data_dir.into();
        AppConfig {
            exports_dir: data_dir.join("exports"),
            data_dir,
            clock,
            restore_clock: false,
            demo_port: DEMO_PORT,
            allow_hosts: Vec::new(),
            script_timeout: WorkerLimits::default().script_timeout,
        }
    }

    /// The engine database: `<data dir>/syncscope.db`, the CLI's default too.
    pub fn db_path(&self) -> PathBuf {
        self.data_dir.join("syncscope.db")
    }

    fn workers_path(&self) -> PathBuf {
        self.data_dir.join("app-workers.json")
    }
}

/// A worker the user added, as saved in `app-workers.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct SavedWorker {
    scope: String,
    script_url: String,
    /// The folder standing for the origin's root, or `None` for the origin's HTTP server.
    root: Option<PathBuf>,
    /// What the user typed, shown as the registration's Source.
    given: String,
    /// Not remembered for the next start (the built-in demo's worker: its server lives only as long as the app).
    #[serde(skip)]
    transient: bool,
}

impl SavedWorker {
    fn spec(&self) -> WorkerSpec {
        WorkerSpec {
            scope: self.scope.clone(),
            script_url: self.script_url.clone(),
            source: match &self.root {
                Some(root) => ScriptSource::Folder { root: root.clone() },
                None => ScriptSource::Http,
            },
            window_clients: 1,
            module: false,
        }
    }
}

/// Everything the commands work on. Managed by Tauri; cheap to share.
pub struct AppState {
    /// The engine.
    pub engine: EngineHandle,
    /// The embedded worker host (the engine's target).
    pub host: WorkerHost,
    config: AppConfig,
    workers: Mutex<HashMap<SwRegistrationId, SavedWorker>>,
    stopped: Mutex<HashSet<SwRegistrationId>>,
    console: Arc<Mutex<VecDeque<ConsoleLine>>>,
    /// The live stream currently feeding the window, stopped when a new one starts (the page reloaded).
    pub(crate) live: Mutex<Option<tauri::async_runtime::JoinHandle<()>>>,
    /// The built-in demo, once loaded.
    demo: tokio::sync::OnceCell<Demo>,
    /// The target picker: the embedded engine, or an attached Chromium.
    pub chromium: Arc<ChromiumPicker>,
    settings: SettingsFile,
    sw_options: Mutex<SwOptions>,
    /// The hosts named in Settings (those of `SYNCSCOPE_ALLOW_HOSTS` are in `config`).
    allow_hosts: Mutex<Vec<String>>,
}

/// The built-in demo while it runs: its chat server, its page and its service worker's registration.
struct Demo {
    // Field order is drop order: the page closes before the server stops.
    page: DemoPage,
    server: ChatServer,
    sw: SwRegistrationId,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl AppState {
    /// Starts the engine on `<data dir>/syncscope.db` with the embedded worker host. The workers added in
    /// earlier runs are registered again by [`AppState::restore_saved_workers`], which the app runs after its
    /// window opens, so a saved worker whose server hangs cannot keep the window from opening.
    /// Call within a tokio runtime.
    pub async fn start(config: AppConfig) -> CommandResult<AppState> {
        std::fs::create_dir_all(&config.data_dir).map_err(|e| {
            CommandError::new(
                "io",
                format!(
                    "cannot create the data folder {}: {e}",
                    config.data_dir.display()
                ),
            )
        })?;
        let settings = SettingsFile::in_dir(&config.data_dir);
        let saved = settings.load();
        let clock = match (config.restore_clock, saved.clock) {
            (true, Some(remembered)) => remembered.clock(),
            _ => match config.clock {
                ClockMode::Real => Clock::real(),
                ClockMode::Virtual => Clock::virtual_at(Timestamp::wall_clock()),
            },
        };
        let connect = syncscope_worker::net_policy::ConnectPolicy::new()
            .allowing(config.allow_hosts.iter().map(String::as_str))
            .map_err(|e| CommandError::input(format!("SYNCSCOPE_ALLOW_HOSTS: {e}")))?;
        // A saved host that no longer parses (the file edited by hand) is skipped, not a reason not to start.
        let mut saved_hosts = Vec::new();
        let mut connect = connect;
        for h in &saved.allow_hosts {
            match connect.clone().allowing([h.as_str()]) {
                Ok(more) => {
                    connect = more;
                    saved_hosts.push(h.clone());
                }
                Err(e) => tracing::warn!(host = %h, error = %e, "ignoring a saved allowed host"),
            }
        }
        let Embedded { engine, host } = Embedded::start(EmbeddedConfig {
            db_path: config.db_path(),
            clock,
            params: None,
            limits: WorkerLimits {
                connect,
                script_timeout: config.script_timeout,
                ..WorkerLimits::default()
            },
        })
        .await?;
        let console = Arc::new(Mutex::new(VecDeque::new()));
        collect_console(&host, console.clone());
        let state = AppState {
            engine,
            host,
            workers: Mutex::new(HashMap::new()),
            stopped: Mutex::new(HashSet::new()),
            console,
            live: Mutex::new(None),
            demo: tokio::sync::OnceCell::new(),
            config,
            chromium: Arc::default(),
            settings,
            sw_options: Mutex::new(saved.service_workers),
            allow_hosts: Mutex::new(saved_hosts),
        };
        state.apply_sw_options().await?;
        Ok(state)
    }

    /// Registers again the workers added in earlier runs, one after another (each load and install has its
    /// deadline). One that fails to load is listed with no active worker; the error is logged. Their syncs
    /// wait, attempts untouched, until their worker is running.
    pub async fn restore_saved_workers(&self) -> CommandResult<()> {
        for saved in self.load_saved() {
            match self.host.register(saved.spec()).await {
                Ok(sw) => {
                    lock(&self.workers).insert(sw.id, saved);
                }
                Err(e) => {
                    tracing::warn!(script = %saved.script_url, error = %e, "could not start a saved worker");
                    if let Some(sw) = self
                        .engine
                        .service_workers()
                        .await?
                        .into_iter()
                        .find(|sw| sw.scope == saved.scope)
                    {
                        lock(&self.workers).insert(sw.id, saved);
                    }
                }
            }
        }
        self.apply_sw_options().await
    }

    /// Where workers may connect besides their origin and loopback.
    pub fn allow_hosts(&self) -> AllowHosts {
        AllowHosts {
            saved: lock(&self.allow_hosts).clone(),
            from_env: self.config.allow_hosts.clone(),
        }
    }

    /// Sets the hosts named in Settings: checked (the error names the first bad one), remembered, and applied
    /// to the worker host at once, so running workers' next requests follow them.
    pub fn set_allow_hosts(&self, hosts: Vec<String>) -> CommandResult<()> {
        let mut list: Vec<String> = Vec::new();
        for h in hosts.iter().map(|h| h.trim()).filter(|h| !h.is_empty()) {
            if !list.iter().any(|x| x == h) {
                list.push(h.to_string());
            }
        }
        let policy = syncscope_worker::net_policy::ConnectPolicy::new()
            .allowing(
                self.config
                    .allow_hosts
                    .iter()
                    .chain(list.iter())
                    .map(String::as_str),
            )
            .map_err(CommandError::input)?;
        let mut current = lock(&self.allow_hosts);
        self.settings.update(|s| s.allow_hosts = list.clone())?;
        self.host.set_connect_policy(policy);
        *current = list;
        Ok(())
    }

    /// Update on reload and Bypass for network, as the user last set them.
    pub fn sw_options(&self) -> SwOptions {
        *lock(&self.sw_options)
    }

    /// Sets Update on reload and Bypass for network: remembered for the next start, applied to every origin
    /// of the embedded engine and to the attached Chromium, if any.
    pub async fn set_sw_options(&self, options: SwOptions) -> CommandResult<()> {
        self.settings.update(|s| s.service_workers = options)?;
        *lock(&self.sw_options) = options;
        self.apply_sw_options().await?;
        self.chromium.set_sw_options(options).await
    }

    /// Applies the switches to the worker host for every origin with a registration.
    async fn apply_sw_options(&self) -> CommandResult<()> {
        for sw in self.engine.service_workers().await? {
            self.apply_sw_options_to(&sw.origin);
        }
        Ok(())
    }

    fn apply_sw_options_to(&self, origin: &Origin) {
        let o = self.sw_options();
        self.host.set_update_on_reload(origin, o.update_on_reload);
        self.host
            .set_bypass_for_network(origin, o.bypass_for_network);
    }

    /// Remembers the clock's mode, pause and speed for the next start (after the user changed them).
    pub fn remember_clock(&self) -> CommandResult<()> {
        let now = SavedClock::of(&self.engine.clock().status());
        if self.settings.load().clock != Some(now) {
            self.settings.update(|s| s.clock = Some(now))?;
        }
        Ok(())
    }

    /// The configuration it started with.
    pub fn config(&self) -> &AppConfig {
        &self.config
    }

    /// Stops the workers and the engine (saving everything).
    pub async fn shutdown(&self) {
        if self.chromium.is_attached() {
            self.chromium.detach().await;
        }
        // The engine first: events it abandons stay pending with their attempts unchanged, while events a
        // stopped worker failed under a running engine would count as attempts.
        if let Err(e) = self.engine.shutdown().await {
            tracing::warn!(error = %e, "engine shutdown");
        }
        self.host.shutdown();
    }

    /// The console lines kept so far, oldest first.
    pub fn console_history(&self) -> Vec<ConsoleLine> {
        lock(&self.console).iter().cloned().collect()
    }

    /// Every service-worker registration with its source.
    pub async fn workers(&self) -> CommandResult<Vec<WorkerInfo>> {
        let sws = self.engine.service_workers().await?;
        let saved = lock(&self.workers);
        let stopped = lock(&self.stopped);
        let mut out: Vec<WorkerInfo> = sws
            .into_iter()
            .map(|sw| WorkerInfo {
                source: saved.get(&sw.id).map(|s| s.given.clone()),
                stopped: stopped.contains(&sw.id),
                registration: sw,
            })
            .collect();
        out.sort_by_key(|w| w.registration.id);
        Ok(out)
    }

    /// One registration with its source.
    pub async fn worker(&self, id: SwRegistrationId) -> CommandResult<WorkerInfo> {
        self.workers()
            .await?
            .into_iter()
            .find(|w| w.registration.id == id)
            .ok_or_else(|| {
                CommandError::input(format!("no service-worker registration with id {id}"))
            })
    }

    /// Adds a worker from a file (its folder stands for `http://localhost`'s root) or from an origin's server,
    /// runs its install and activate events, and remembers it for the next start.
    pub async fn add_worker(
        &self,
        script: &str,
        origin: Option<&str>,
    ) -> CommandResult<WorkerInfo> {
        let saved = locate(script, origin)?;
        if let Ok(origin) = Origin::parse(&saved.scope) {
            self.apply_sw_options_to(&origin);
        }
        let sw = self.host.register(saved.spec()).await?;
        lock(&self.workers).insert(sw.id, saved);
        lock(&self.stopped).remove(&sw.id);
        self.save()?;
        self.worker(sw.id).await
    }

    /// Loads the script again and runs install and activate (DevTools' Update; also Start after Stop).
    pub async fn update_worker(&self, id: SwRegistrationId) -> CommandResult<WorkerInfo> {
        let saved = lock(&self.workers).get(&id).cloned().ok_or_else(|| {
            CommandError::input(format!(
                "registration {id} was not added in this app, so its script's source is unknown; add it again"
            ))
        })?;
        self.host.register(saved.spec()).await?;
        lock(&self.stopped).remove(&id);
        self.worker(id).await
    }

    /// Stops a registration's worker thread; it starts again on its next event.
    pub async fn stop_worker(&self, id: SwRegistrationId) -> CommandResult<WorkerInfo> {
        self.worker(id).await?;
        self.host.stop(id);
        lock(&self.stopped).insert(id);
        self.worker(id).await
    }

    /// Removes a registration, its syncs and its worker.
    pub async fn unregister_worker(&self, id: SwRegistrationId) -> CommandResult<()> {
        self.host.stop(id);
        self.engine.remove_service_worker(id).await?;
        lock(&self.workers).remove(&id);
        lock(&self.stopped).remove(&id);
        self.save()
    }

    fn load_saved(&self) -> Vec<SavedWorker> {
        let path = self.config.workers_path();
        match std::fs::read_to_string(&path) {
            Ok(text) => serde_json::from_str(&text).unwrap_or_else(|e| {
                tracing::warn!(file = %path.display(), error = %e, "ignoring an unreadable workers file");
                Vec::new()
            }),
            Err(_) => Vec::new(),
        }
    }

    /// Loads the built-in demo (once; later calls return it as it is): starts the chat server on 127.0.0.1,
    /// switches recording of both sync services on, opens the chat page (`app.js`) and starts it, which registers
    /// the demo's `sw.js` for the server's origin and the periodic sync `refresh-feed`.
    pub async fn load_demo(&self) -> CommandResult<DemoInfo> {
        let demo = self
            .demo
            .get_or_try_init(|| async {
                let server = ChatServer::start_preferring(self.config.demo_port, DEMO_FAIL_FIRST)?;
                for service in [Service::BackgroundSync, Service::PeriodicBackgroundSync] {
                    self.engine.set_recording(service, true).await?;
                }
                if let Ok(origin) = Origin::parse(server.url()) {
                    self.apply_sw_options_to(&origin);
                }
                let page = DemoPage::open(&self.host, &server).await?;
                let scope = page.start_app().await?;
                let sw = self
                    .engine
                    .service_workers()
                    .await?
                    .into_iter()
                    .find(|sw| sw.scope == scope)
                    .ok_or_else(|| {
                        CommandError::new(
                            "demo",
                            format!("the demo page registered no service worker for {scope}"),
                        )
                    })?;
                lock(&self.workers).insert(
                    sw.id,
                    SavedWorker {
                        scope: sw.scope.clone(),
                        script_url: sw.script_url.clone(),
                        root: None,
                        given: "the built-in demo's chat server".into(),
                        transient: true,
                    },
                );
                lock(&self.stopped).remove(&sw.id);
                Ok::<Demo, CommandError>(Demo {
                    page,
                    server,
                    sw: sw.id,
                })
            })
            .await?;
        Ok(demo_info(demo))
    }

    /// The built-in demo's state, or `None` when it is not loaded.
    pub fn demo(&self) -> Option<DemoInfo> {
        self.demo.get().map(demo_info)
    }

    fn loaded_demo(&self) -> CommandResult<&Demo> {
        self.demo.get().ok_or_else(|| {
            CommandError::input(
                "the built-in demo is not loaded: load it first (Load the demo, or start the app with --demo)",
            )
        })
    }

    /// The demo's compose box: `chat.send(text)` in the chat page (IndexedDB outbox + sync `outbox`).
    pub async fn demo_send(&self, text: &str) -> CommandResult<DemoInfo> {
        let demo = self.loaded_demo()?;
        demo.page.send(text).await?;
        Ok(demo_info(demo))
    }

    /// Makes the demo's chat server fail its next `count` POSTs with a 503.
    pub fn demo_set_fail_next(&self, count: u32) -> CommandResult<DemoInfo> {
        let demo = self.loaded_demo()?;
        demo.server.set_fail_next(count as usize);
        Ok(demo_info(demo))
    }

    fn save(&self) -> CommandResult<()> {
        // Held through the write, so two saves at once write in the order they read the list.
        let workers = lock(&self.workers);
        let list: Vec<&SavedWorker> = workers.values().filter(|w| !w.transient).collect();
        let text = serde_json::to_string_pretty(&list)
            .map_err(|e| CommandError::new("io", e.to_string()))?;
        crate::settings::write_atomically(&self.config.workers_path(), &text)
    }
}

fn demo_info(demo: &Demo) -> DemoInfo {
    DemoInfo {
        url: demo.server.url().to_string(),
        sw: demo.sw,
        received: demo
            .server
            .messages()
            .into_iter()
            .map(|m| DemoMessage {
                text: m.text,
                sent_at: m.sent_at,
            })
            .collect(),
        fail_next: u32::try_from(demo.server.fail_next()).unwrap_or(u32::MAX),
        failed: u32::try_from(demo.server.failed()).unwrap_or(u32::MAX),
    }
}

/// Keeps the last [`CONSOLE_HISTORY`] console lines of every worker.
fn collect_console(host: &WorkerHost, into: Arc<Mutex<VecDeque<ConsoleLine>>>) {
    let mut rx = host.console();
    tokio::spawn(async move {
        loop {
            match rx.recv().await {
                Ok(line) => {
                    let mut q = lock(&into);
                    if q.len() == CONSOLE_HISTORY {
                        q.pop_front();
                    }
                    q.push_back(line);
                }
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {}
                Err(tokio::sync::broadcast::error::RecvError::Closed) => return,
            }
        }
    });
}

/// Where a worker's scripts come from, as the CLI's `syncscope run --sw … [--origin …]` reads it.
fn locate(script: &str, origin: Option<&str>) -> CommandResult<SavedWorker> {
    let w = locate_worker(script, origin).map_err(|e| CommandError::input(e.0))?;
    Ok(SavedWorker {
        given: match &w.file {
            Some(file) => file.display().to_string(),
            None => w.script_url.clone(),
        },
        root: match w.source {
            ScriptSource::Folder { root } => Some(root),
            ScriptSource::Http => None,
        },
        scope: w.scope,
        script_url: w.script_url,
        transient: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_served_as_localhost_and_a_url_needs_its_origin() {
        let dir = tempfile::tempdir().unwrap();
        let sw = dir.path().join("sw.js");
        std::fs::write(&sw, "").unwrap();
        let w = locate(sw.to_str().unwrap(), None).unwrap();
        assert_eq!(w.scope, "http://localhost/");
        assert_eq!(w.script_url, "http://localhost/sw.js");
        assert_eq!(
            w.root.as_deref(),
            Some(dir.path().canonicalize().unwrap().as_path())
        );

        let w = locate("/app/sw.js", Some("http://127.0.0.1:8080")).unwrap();
        assert_eq!(w.script_url, "http://127.0.0.1:8080/app/sw.js");
        assert_eq!(w.root, None);

        let e = locate(
            "https://elsewhere.test/sw.js",
            Some("http://127.0.0.1:8080"),
        )
        .unwrap_err();
        assert!(e.message.contains("same-origin"), "{e}");
        let e = locate("/nope/sw.js", None).unwrap_err();
        assert!(e.message.contains("no service worker script"), "{e}");
    }
}
