//! The command surface's own argument and result types. Engine types (tags, events, settings) cross unchanged;
//! these wrap them where a command needs more. All of them have generated TypeScript twins (`--features ts`).

use serde::{Deserialize, Serialize};
use syncscope_engine::{
    ClockMode, ClockStatus, Engagement, EngineEvent, EngineSettings, EventCursor, PermissionName,
    PermissionState, RecordedEvent, RecordingStatus, Service, ServiceWorkerRegistration,
    SwRegistrationId,
};
#[cfg(feature = "ts")]
use syncscope_engine::{EventQuery, Outcome, SyncParameters, TagInfo};
use syncscope_worker::ConsoleLine;

/// A command that failed: what went wrong, in words meant for the user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[error("{message}")]
pub struct CommandError {
    /// `input` (the arguments were wrong), `engine`, `worker` or `io`.
    pub kind: String,
    /// The message, e.g. "unknown service \"x\"; expected one of …".
    pub message: String,
}

impl CommandError {
    /// An error of a kind.
    pub fn new(kind: &str, message: impl Into<String>) -> Self {
        CommandError {
            kind: kind.to_string(),
            message: message.into(),
        }
    }

    /// Bad arguments.
    pub fn input(message: impl Into<String>) -> Self {
        Self::new("input", message)
    }
}

impl From<syncscope_engine::EngineError> for CommandError {
    fn from(e: syncscope_engine::EngineError) -> Self {
        CommandError::new("engine", e.to_string())
    }
}

impl From<syncscope_engine::ParseError> for CommandError {
    fn from(e: syncscope_engine::ParseError) -> Self {
        syncscope_engine::EngineError::from(e).into()
    }
}

impl From<syncscope_worker::WorkerError> for CommandError {
    fn from(e: syncscope_worker::WorkerError) -> Self {
        CommandError::new("worker", e.to_string())
    }
}

impl From<syncscope_engine::ClockError> for CommandError {
    fn from(e: syncscope_engine::ClockError) -> Self {
        CommandError::input(e.to_string())
    }
}

impl From<std::io::Error> for CommandError {
    fn from(e: std::io::Error) -> Self {
        CommandError::new("io", e.to_string())
    }
}

impl From<syncscope_demo::DemoError> for CommandError {
    fn from(e: syncscope_demo::DemoError) -> Self {
        match e {
            syncscope_demo::DemoError::Input(m) => CommandError::input(m),
            other => CommandError::new("demo", other.to_string()),
        }
    }
}

/// What a command returns.
pub type CommandResult<T> = Result<T, CommandError>;

/// Where the app keeps its data, and how it runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct AppInfo {
    /// The app's version.
    pub version: String,
    /// The per-user data folder.
    pub data_dir: String,
    /// The engine database in it.
    pub db_path: String,
    /// The names the engine parameters have in Chromium's field trial, in order.
    pub parameter_names: Vec<String>,
}

/// A page of the event log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct EventPage {
    /// The events, in the order asked for.
    pub events: Vec<RecordedEvent>,
    /// The cursor for the next page (`EventQuery.before`), or `null` when this page was the last.
    pub next: Option<EventCursor>,
}

/// One service's recording state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct RecordingInfo {
    /// When it started and stops.
    pub status: RecordingStatus,
    /// Whether it is recording now (started less than three days ago, on the engine's clock).
    pub recording: bool,
}

/// `set_recording`: switch recording of a service on (for three days) or off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SetRecordingArgs {
    /// The service.
    pub service: Service,
    /// On or off.
    pub on: bool,
}

/// `clear_events`: which service's events to delete.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ClearEventsArgs {
    /// The service (all services when `null`).
    pub service: Option<Service>,
}

/// `export_events` / `save_events`: a service's events as DevTools' "Save events" JSON.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ExportArgs {
    /// The service.
    pub service: Service,
    /// Only this origin (all origins when `null`, as with "Show events from other origins").
    pub origin: Option<String>,
}

/// `import_events`: a DevTools "Save events" file's text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ImportArgs {
    /// The file's name, for error messages.
    pub name: String,
    /// Its contents.
    pub text: String,
}

/// `set_allow_hosts`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SetAllowHostsArgs {
    /// Host patterns as the CLI's `--allow-host` takes them: `api.example.com`, `*.example.com`, `10.0.0.5`,
    /// `[::1]`, `*`. Blank entries are ignored, repeats kept once.
    pub hosts: Vec<String>,
}

/// Where workers may connect besides their origin and loopback.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct AllowHosts {
    /// Named in Settings (remembered in `app-settings.json`).
    pub saved: Vec<String>,
    /// From `SYNCSCOPE_ALLOW_HOSTS` when the app started (not editable in the window).
    pub from_env: Vec<String>,
}

/// `set_offline`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SetOfflineArgs {
    /// Offline (true) or online (false).
    pub offline: bool,
}

/// `set_engagement`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SetEngagementArgs {
    /// The origin (or any URL of it).
    pub origin: String,
    /// The level.
    pub engagement: Engagement,
}

/// `set_permission`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SetPermissionArgs {
    /// The origin (or any URL of it).
    pub origin: String,
    /// Which permission.
    pub permission: PermissionName,
    /// Its new state.
    pub state: PermissionState,
}

/// `clock_advance`: how far to move the virtual clock.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct AdvanceArgs {
    /// A duration as users type it: `"5m"`, `"3d"`, `"90s"`, or milliseconds (`"1500"`).
    pub by: String,
}

/// `clock_set_speed`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SetSpeedArgs {
    /// Virtual milliseconds per real millisecond (above 0, at most 1,000,000).
    pub speed: f64,
}

/// `clock_set_mode`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SetClockModeArgs {
    /// Real or virtual (a new virtual clock starts paused at the current time).
    pub mode: ClockMode,
}

/// `dispatch_sync`: DevTools' Sync button, with the `lastChance` DevTools does not let you choose.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DispatchSyncArgs {
    /// The service-worker registration.
    pub sw: SwRegistrationId,
    /// The tag (DevTools' default: `test-tag-from-devtools`).
    pub tag: String,
    /// `event.lastChance`.
    pub last_chance: bool,
}

/// `dispatch_periodic_sync`: DevTools' Periodic sync button.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DispatchPeriodicSyncArgs {
    /// The service-worker registration.
    pub sw: SwRegistrationId,
    /// The tag.
    pub tag: String,
}

/// `register_sync`: what a page's `registration.sync.register(tag)` does (the scheduler then fires it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct RegisterSyncArgs {
    /// The service-worker registration.
    pub sw: SwRegistrationId,
    /// The tag.
    pub tag: String,
}

/// A service-worker registration and where its script comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct WorkerInfo {
    /// The engine's registration.
    pub registration: ServiceWorkerRegistration,
    /// The script's source as the user gave it: a file path, or the URL on a dev server; `null` for a registration
    /// this app did not add (e.g. by the CLI), whose worker the app cannot run.
    pub source: Option<String>,
    /// Whether its worker thread was stopped by hand (it starts again on its next event or with Start).
    pub stopped: bool,
}

/// `add_service_worker`: run a `sw.js` from a file or a dev server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct AddWorkerArgs {
    /// A file path (its folder stands for the origin's root), or a URL or path on `origin`'s server.
    pub script: String,
    /// The origin, e.g. `http://127.0.0.1:8080`: scripts are fetched from it. `null` (with a file) serves the
    /// file's folder as `http://localhost`.
    pub origin: Option<String>,
}

/// Commands on one service-worker registration: update, unregister, start, stop.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct WorkerArgs {
    /// The registration.
    pub sw: SwRegistrationId,
}

/// Where `save_events` wrote the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SavedFile {
    /// The file.
    pub path: String,
    /// How many events it holds.
    pub events: u32,
}

/// The built-in demo: the chat PWA's server and what it received.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DemoInfo {
    /// The chat server's URL, the demo's origin (e.g. `http://127.0.0.1:47613`).
    pub url: String,
    /// The registration of the demo's `sw.js`.
    pub sw: SwRegistrationId,
    /// The messages the server accepted, oldest first.
    pub received: Vec<DemoMessage>,
    /// How many of the next POSTs the server will answer with a 503.
    pub fail_next: u32,
    /// How many POSTs it answered with a 503 so far.
    pub failed: u32,
}

/// A message the demo's chat server accepted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DemoMessage {
    /// Its text.
    pub text: String,
    /// When the page wrote it to the outbox (the engine's clock, ms since the epoch), if it said.
    pub sent_at: Option<f64>,
}

/// `demo_send`: the demo's compose box.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DemoSendArgs {
    /// The message (not empty, at most 2000 characters).
    pub text: String,
}

/// `demo_set_fail_next`: the chat server's failure switch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DemoFailArgs {
    /// How many of the next POSTs to answer with a 503 (0: accept everything).
    pub count: u32,
}

/// Network, parameters, origins, recording and the clock: everything the settings views show.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SettingsSnapshot {
    /// The engine's settings.
    pub engine: EngineSettings,
    /// The clock.
    pub clock: ClockStatus,
    /// The Service workers toolbar's Update on reload and Bypass for network.
    pub service_workers: SwOptions,
    /// Where workers may connect besides their origin and loopback.
    pub allow_hosts: AllowHosts,
}

/// DevTools' Service workers toolbar switches, remembered per user (`app-settings.json`). They apply to every
/// origin of the embedded engine and, while one is attached, to Chromium.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(default)]
pub struct SwOptions {
    /// Update on reload: opening a page of the origin loads its worker's script again and installs it (changed
    /// or not). Chromium: `ServiceWorker.setForceUpdateOnPageLoad`.
    pub update_on_reload: bool,
    /// Bypass for network: pages' fetches go to the network, not through the worker's `fetch` event. Chromium:
    /// `Network.setBypassServiceWorker` on the pages Syncscope opened.
    pub bypass_for_network: bool,
}

/// Which target the Service workers view works on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "kebab-case")]
pub enum TargetState {
    /// The embedded engine (the default).
    Embedded,
    /// Attaching to (or launching) a Chromium.
    Connecting,
    /// A Chromium is attached.
    Connected,
    /// The attached Chromium went away (quit, crashed, killed); detach to return to the embedded engine.
    Disconnected,
}

/// The target picker's state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct TargetStatus {
    /// Embedded, connecting, connected or disconnected.
    pub state: TargetState,
    /// The browser's DevTools address, or the executable launched.
    pub endpoint: Option<String>,
    /// Its product and version, e.g. `HeadlessChrome/156.0.8078.79`.
    pub browser: Option<String>,
    /// Whether Syncscope launched it (and stops it on detach).
    pub launched: bool,
    /// Why the connection ended, when it did.
    pub error: Option<String>,
    /// Whether the browser's workers were last taken offline.
    pub offline: bool,
    /// Chromium's live service-worker registrations.
    pub workers: Vec<ChromiumWorker>,
}

impl TargetStatus {
    /// The embedded engine.
    pub fn embedded() -> TargetStatus {
        TargetStatus {
            state: TargetState::Embedded,
            endpoint: None,
            browser: None,
            launched: false,
            error: None,
            offline: false,
            workers: Vec::new(),
        }
    }
}

/// A service-worker registration of the attached Chromium.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ChromiumWorker {
    /// Chromium's registration id.
    pub registration_id: String,
    /// The scope URL.
    pub scope_url: String,
    /// Its origin, e.g. `http://127.0.0.1:8080`.
    pub origin: String,
    /// The active (or newest) version's script URL.
    pub script_url: String,
    /// That version's status: `activated`, `installing`, …
    pub status: String,
    /// Whether it runs: `running`, `stopped`, …
    pub running_status: String,
}

/// `attach_chromium`: launch a Chromium, or reach a running one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct AttachChromiumArgs {
    /// Launch Debian's `chromium` (or the first Chrome/Chromium/Edge on PATH) with a fresh profile.
    pub launch: bool,
    /// Without `launch`: the DevTools port (`9222`), `host:port`, `http://host:port` or `ws://…` URL of a
    /// browser started with `--remote-debugging-port`.
    pub address: Option<String>,
    /// With `launch`: no window.
    pub headless: bool,
}

/// `chromium_dispatch_sync`: DevTools' Sync button on a Chromium registration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ChromiumSyncArgs {
    /// Chromium's registration id.
    pub registration_id: String,
    /// The tag.
    pub tag: String,
    /// `event.lastChance`.
    pub last_chance: bool,
}

/// `chromium_dispatch_periodic_sync`: DevTools' Periodic sync button on a Chromium registration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ChromiumPeriodicSyncArgs {
    /// Chromium's registration id.
    pub registration_id: String,
    /// The tag.
    pub tag: String,
}

/// `chromium_open_page`: open a page of your app in the attached Chromium.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct OpenPageArgs {
    /// An http(s) URL.
    pub url: String,
}

/// Something the UI shows live, pushed through the `subscribe` channel.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum LiveEvent {
    /// Something happened in the engine.
    Engine {
        /// What.
        event: EngineEvent,
    },
    /// A worker wrote to its console.
    Console {
        /// The line.
        line: ConsoleLine,
    },
    /// The clock's mode, pause or speed changed, or it jumped.
    Clock {
        /// Its status now.
        status: ClockStatus,
    },
    /// The target picker changed: attached, detached, disconnected, or Chromium's registrations changed.
    Target {
        /// The target now.
        status: TargetStatus,
    },
    /// The UI fell behind and missed this many engine events: it should reload what it shows.
    Lagged {
        /// How many.
        skipped: u64,
    },
}

/// A command as the UI calls it: its argument (`null` for none) and its result.
#[cfg(feature = "ts")]
#[derive(ts_rs::TS)]
pub struct Cmd<A, R> {
    /// The `args` argument.
    pub args: A,
    /// What it resolves with.
    pub result: R,
}

/// The whole command surface, by name, for the UI's typed `invoke` (generated into Commands.ts).
/// Every command takes one argument named `args` (or none), except `subscribe`, which takes a channel.
#[cfg(feature = "ts")]
#[derive(ts_rs::TS)]
#[ts(export)]
#[allow(dead_code)]
pub struct Commands {
    app_info: Cmd<(), AppInfo>,
    list_tags: Cmd<(), Vec<TagInfo>>,
    query_events: Cmd<EventQuery, EventPage>,
    recording: Cmd<(), Vec<RecordingInfo>>,
    set_recording: Cmd<SetRecordingArgs, RecordingInfo>,
    clear_events: Cmd<ClearEventsArgs, u32>,
    export_events: Cmd<ExportArgs, String>,
    save_events: Cmd<ExportArgs, SavedFile>,
    import_events: Cmd<ImportArgs, u32>,
    set_offline: Cmd<SetOfflineArgs, SettingsSnapshot>,
    settings: Cmd<(), SettingsSnapshot>,
    set_params: Cmd<SyncParameters, SettingsSnapshot>,
    reset_params: Cmd<(), SettingsSnapshot>,
    set_engagement: Cmd<SetEngagementArgs, SettingsSnapshot>,
    set_permission: Cmd<SetPermissionArgs, SettingsSnapshot>,
    clock_status: Cmd<(), ClockStatus>,
    clock_pause: Cmd<(), ClockStatus>,
    clock_resume: Cmd<(), ClockStatus>,
    clock_advance: Cmd<AdvanceArgs, ClockStatus>,
    clock_advance_to_next: Cmd<(), ClockStatus>,
    clock_set_speed: Cmd<SetSpeedArgs, ClockStatus>,
    clock_set_mode: Cmd<SetClockModeArgs, ClockStatus>,
    dispatch_sync: Cmd<DispatchSyncArgs, Outcome>,
    dispatch_periodic_sync: Cmd<DispatchPeriodicSyncArgs, Outcome>,
    register_sync: Cmd<RegisterSyncArgs, Vec<TagInfo>>,
    list_service_workers: Cmd<(), Vec<WorkerInfo>>,
    add_service_worker: Cmd<AddWorkerArgs, WorkerInfo>,
    update_service_worker: Cmd<WorkerArgs, WorkerInfo>,
    unregister_service_worker: Cmd<WorkerArgs, ()>,
    start_service_worker: Cmd<WorkerArgs, WorkerInfo>,
    stop_service_worker: Cmd<WorkerArgs, WorkerInfo>,
    console_history: Cmd<(), Vec<ConsoleLine>>,
    load_demo: Cmd<(), DemoInfo>,
    demo_status: Cmd<(), Option<DemoInfo>>,
    demo_send: Cmd<DemoSendArgs, DemoInfo>,
    demo_set_fail_next: Cmd<DemoFailArgs, DemoInfo>,
    set_sw_options: Cmd<SwOptions, SettingsSnapshot>,
    set_allow_hosts: Cmd<SetAllowHostsArgs, SettingsSnapshot>,
    target_status: Cmd<(), TargetStatus>,
    attach_chromium: Cmd<AttachChromiumArgs, TargetStatus>,
    detach_chromium: Cmd<(), TargetStatus>,
    chromium_dispatch_sync: Cmd<ChromiumSyncArgs, TargetStatus>,
    chromium_dispatch_periodic_sync: Cmd<ChromiumPeriodicSyncArgs, TargetStatus>,
    chromium_set_offline: Cmd<SetOfflineArgs, TargetStatus>,
    chromium_open_page: Cmd<OpenPageArgs, TargetStatus>,
    subscribe: Cmd<(), ()>,
}

#[cfg(all(test, feature = "ts"))]
mod tests {
    use ts_rs::TS;

    /// Named `export_bindings_*` so scripts/gen-bindings.sh runs it: the generated map and the handlers agree.
    #[test]
    fn export_bindings_command_map_names_every_command() {
        let decl = super::Commands::decl(&ts_rs::Config::default());
        let in_map = decl.matches(": Cmd<").count();
        assert_eq!(in_map, crate::COMMAND_NAMES.len(), "{decl}");
        for name in crate::COMMAND_NAMES {
            assert!(
                decl.contains(&format!(" {name}: Cmd<")),
                "{name} is missing from Commands: {decl}"
            );
        }
    }
}
