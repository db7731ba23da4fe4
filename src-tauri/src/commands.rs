//! The app's one command surface. Each command is a few lines forwarding to the engine, the worker host or the
//! app state; logic belongs in those crates. Every command takes a single `args` argument (or none) and returns
//! `Result<T, CommandError>`; the UI's typed wrapper is generated from `dto::Commands`.
//!
//! The commands are generic over the runtime where they touch it, so `tauri::test::mock_builder()` drives them in
//! `cargo test` exactly as the window does.

use syncscope_engine::{
    ClockMode, ClockStatus, EventCursor, EventQuery, Outcome, PARAMETER_NAMES, SyncParameters,
    TagInfo, parse_duration,
};
use syncscope_worker::ConsoleLine;
use tauri::ipc::Channel;
use tauri::{Runtime, State};

use crate::dto::*;
use crate::state::AppState;

/// Largest page the event table asks for.
const MAX_PAGE: u32 = 10_000;

/// Version, data folder and database.
#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> CommandResult<AppInfo> {
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        data_dir: state.config().data_dir.display().to_string(),
        db_path: state.config().db_path().display().to_string(),
        parameter_names: PARAMETER_NAMES.iter().map(|s| s.to_string()).collect(),
    })
}

/// Every sync and periodic sync registration (the Tags view).
#[tauri::command]
pub async fn list_tags(state: State<'_, AppState>) -> CommandResult<Vec<TagInfo>> {
    Ok(state.engine.tags().await?)
}

/// A page of the event log; pass the result's `next` as `before` for the following page.
#[tauri::command]
pub async fn query_events(
    state: State<'_, AppState>,
    args: EventQuery,
) -> CommandResult<EventPage> {
    let limit = args.limit.unwrap_or(100).clamp(1, MAX_PAGE);
    let events = state
        .engine
        .events(EventQuery {
            limit: Some(limit),
            ..args
        })
        .await?;
    let next = (events.len() as u32 == limit)
        .then(|| events.last())
        .flatten()
        .map(|e| EventCursor {
            timestamp: e.event.timestamp,
            id: e.id,
        });
    Ok(EventPage { events, next })
}

/// Recording state of every service.
#[tauri::command]
pub async fn recording(state: State<'_, AppState>) -> CommandResult<Vec<RecordingInfo>> {
    Ok(state
        .engine
        .recording()
        .await?
        .into_iter()
        .map(|(status, recording)| RecordingInfo { status, recording })
        .collect())
}

/// Switches recording of a service on (for three days) or off.
#[tauri::command]
pub async fn set_recording(
    state: State<'_, AppState>,
    args: SetRecordingArgs,
) -> CommandResult<RecordingInfo> {
    let status = state.engine.set_recording(args.service, args.on).await?;
    // An attached Chromium records (or stops) too.
    state.chromium.set_recording(args.service, args.on).await?;
    Ok(RecordingInfo {
        status,
        recording: status.is_recording_at(state.engine.clock().now()),
    })
}

/// Deletes a service's recorded events (DevTools' Clear). Returns how many.
#[tauri::command]
pub async fn clear_events(state: State<'_, AppState>, args: ClearEventsArgs) -> CommandResult<u32> {
    Ok(state.engine.clear_events(args.service).await? as u32)
}

/// A service's events as DevTools' "Save events" JSON text.
#[tauri::command]
pub async fn export_events(state: State<'_, AppState>, args: ExportArgs) -> CommandResult<String> {
    Ok(state.engine.export(args.service, args.origin).await?)
}

/// DevTools' Save events: writes the JSON to `<Downloads>/<service>-<time>.json` and says where.
#[tauri::command]
pub async fn save_events(state: State<'_, AppState>, args: ExportArgs) -> CommandResult<SavedFile> {
    let text = state.engine.export(args.service, args.origin).await?;
    let events = serde_json::from_str::<Vec<serde_json::Value>>(&text)
        .map(|v| v.len() as u32)
        .unwrap_or(0);
    let dir = state.config().exports_dir.clone();
    std::fs::create_dir_all(&dir)?;
    let stamp = chrono_stamp(state.engine.clock().now());
    let path = dir.join(format!("{}-{stamp}.json", args.service.as_str()));
    std::fs::write(&path, text)?;
    Ok(SavedFile {
        path: path.display().to_string(),
        events,
    })
}

/// `YYYYMMDDTHHMMSS`, DevTools' file-name stamp.
fn chrono_stamp(t: syncscope_engine::Timestamp) -> String {
    t.to_rfc3339()
        .chars()
        .take(19)
        .filter(|c| *c != '-' && *c != ':')
        .collect()
}

/// DevTools' Load events: imports a "Save events" file's text. Returns how many events were new.
#[tauri::command]
pub async fn import_events(state: State<'_, AppState>, args: ImportArgs) -> CommandResult<u32> {
    Ok(state.engine.import(&args.name, &args.text).await? as u32)
}

async fn snapshot(state: &AppState) -> CommandResult<SettingsSnapshot> {
    Ok(SettingsSnapshot {
        engine: state.engine.settings().await?,
        clock: state.engine.clock().status(),
        service_workers: state.sw_options(),
        allow_hosts: state.allow_hosts(),
    })
}

/// Takes the network offline (pending syncs wait) or online (they fire at once).
#[tauri::command]
pub async fn set_offline(
    state: State<'_, AppState>,
    args: SetOfflineArgs,
) -> CommandResult<SettingsSnapshot> {
    state.engine.set_online(!args.offline).await?;
    snapshot(&state).await
}

/// Network, parameters, origins, recording and clock.
#[tauri::command]
pub async fn settings(state: State<'_, AppState>) -> CommandResult<SettingsSnapshot> {
    snapshot(&state).await
}

/// Replaces the engine parameters (checked first).
#[tauri::command]
pub async fn set_params(
    state: State<'_, AppState>,
    args: SyncParameters,
) -> CommandResult<SettingsSnapshot> {
    state.engine.set_params(args).await?;
    snapshot(&state).await
}

/// Chromium's default parameters.
#[tauri::command]
pub async fn reset_params(state: State<'_, AppState>) -> CommandResult<SettingsSnapshot> {
    state.engine.set_params(SyncParameters::default()).await?;
    snapshot(&state).await
}

/// Sets an origin's site engagement.
#[tauri::command]
pub async fn set_engagement(
    state: State<'_, AppState>,
    args: SetEngagementArgs,
) -> CommandResult<SettingsSnapshot> {
    let origin = syncscope_engine::Origin::parse(&args.origin)?;
    state.engine.set_engagement(origin, args.engagement).await?;
    snapshot(&state).await
}

/// Sets one of an origin's permissions.
#[tauri::command]
pub async fn set_permission(
    state: State<'_, AppState>,
    args: SetPermissionArgs,
) -> CommandResult<SettingsSnapshot> {
    let origin = syncscope_engine::Origin::parse(&args.origin)?;
    state
        .engine
        .set_permission(origin, args.permission, args.state)
        .await?;
    snapshot(&state).await
}

/// The clock's mode, time, pause and speed.
#[tauri::command]
pub fn clock_status(state: State<'_, AppState>) -> ClockStatus {
    state.engine.clock().status()
}

/// Pauses the virtual clock.
#[tauri::command]
pub fn clock_pause(state: State<'_, AppState>) -> CommandResult<ClockStatus> {
    state.engine.clock().pause()?;
    state.remember_clock()?;
    Ok(state.engine.clock().status())
}

/// Lets the virtual clock run (at its speed).
#[tauri::command]
pub fn clock_resume(state: State<'_, AppState>) -> CommandResult<ClockStatus> {
    state.engine.clock().resume()?;
    state.remember_clock()?;
    Ok(state.engine.clock().status())
}

/// Advances the virtual clock by a duration, running everything due on the way.
#[tauri::command]
pub async fn clock_advance(
    state: State<'_, AppState>,
    args: AdvanceArgs,
) -> CommandResult<ClockStatus> {
    let by = parse_duration(&args.by).map_err(|e| CommandError::input(e.to_string()))?;
    state.engine.advance_by(by).await?;
    Ok(state.engine.clock().status())
}

/// Advances the virtual clock to the next thing due and runs it.
#[tauri::command]
pub async fn clock_advance_to_next(state: State<'_, AppState>) -> CommandResult<ClockStatus> {
    state.engine.advance_to_next().await?;
    Ok(state.engine.clock().status())
}

/// Sets the virtual clock's speed factor.
#[tauri::command]
pub fn clock_set_speed(
    state: State<'_, AppState>,
    args: SetSpeedArgs,
) -> CommandResult<ClockStatus> {
    state.engine.clock().set_speed(args.speed)?;
    state.remember_clock()?;
    Ok(state.engine.clock().status())
}

/// Switches between the real clock and a (paused) virtual one.
#[tauri::command]
pub async fn clock_set_mode(
    state: State<'_, AppState>,
    args: SetClockModeArgs,
) -> CommandResult<ClockStatus> {
    match args.mode {
        ClockMode::Real => state.engine.clock().set_real(),
        ClockMode::Virtual => state.engine.clock().set_virtual(),
    }
    state.remember_clock()?;
    // Whatever became due under the new time runs now.
    state.engine.settle().await?;
    Ok(state.engine.clock().status())
}

/// DevTools' Sync button: fires `sync` with the tag and the `lastChance` chosen; logs only "Dispatched sync event".
#[tauri::command]
pub async fn dispatch_sync(
    state: State<'_, AppState>,
    args: DispatchSyncArgs,
) -> CommandResult<Outcome> {
    Ok(state
        .engine
        .dispatch_sync(args.sw, &args.tag, args.last_chance)
        .await?)
}

/// DevTools' Periodic sync button: fires `periodicsync` with the tag.
#[tauri::command]
pub async fn dispatch_periodic_sync(
    state: State<'_, AppState>,
    args: DispatchPeriodicSyncArgs,
) -> CommandResult<Outcome> {
    Ok(state
        .engine
        .dispatch_periodic_sync(args.sw, &args.tag)
        .await?)
}

/// Registers a one-shot sync as a page's `registration.sync.register(tag)` would; the scheduler fires it.
#[tauri::command]
pub async fn register_sync(
    state: State<'_, AppState>,
    args: RegisterSyncArgs,
) -> CommandResult<Vec<TagInfo>> {
    state.engine.sync_register(args.sw, &args.tag).await?;
    Ok(state.engine.tags().await?)
}

/// Every service-worker registration with its source.
#[tauri::command]
pub async fn list_service_workers(state: State<'_, AppState>) -> CommandResult<Vec<WorkerInfo>> {
    state.workers().await
}

/// Runs a `sw.js` from a file or a dev server (install, then activate) and remembers it.
#[tauri::command]
pub async fn add_service_worker(
    state: State<'_, AppState>,
    args: AddWorkerArgs,
) -> CommandResult<WorkerInfo> {
    state.add_worker(&args.script, args.origin.as_deref()).await
}

/// DevTools' Update: loads the script again and runs install and activate.
#[tauri::command]
pub async fn update_service_worker(
    state: State<'_, AppState>,
    args: WorkerArgs,
) -> CommandResult<WorkerInfo> {
    state.update_worker(args.sw).await
}

/// DevTools' Unregister: removes the registration and its syncs.
#[tauri::command]
pub async fn unregister_service_worker(
    state: State<'_, AppState>,
    args: WorkerArgs,
) -> CommandResult<()> {
    state.unregister_worker(args.sw).await
}

/// DevTools' Start: starts the worker again (loading its script and running install and activate).
#[tauri::command]
pub async fn start_service_worker(
    state: State<'_, AppState>,
    args: WorkerArgs,
) -> CommandResult<WorkerInfo> {
    state.update_worker(args.sw).await
}

/// DevTools' Stop: stops the worker's thread; it starts again on its next event.
#[tauri::command]
pub async fn stop_service_worker(
    state: State<'_, AppState>,
    args: WorkerArgs,
) -> CommandResult<WorkerInfo> {
    state.stop_worker(args.sw).await
}

/// The workers' recent console output, oldest first.
#[tauri::command]
pub fn console_history(state: State<'_, AppState>) -> Vec<ConsoleLine> {
    state.console_history()
}

/// Loads the built-in demo (a chat PWA and its server on 127.0.0.1) once; returns its state.
#[tauri::command]
pub async fn load_demo(state: State<'_, AppState>) -> CommandResult<DemoInfo> {
    state.load_demo().await
}

/// The built-in demo's state, `null` when it is not loaded.
#[tauri::command]
pub fn demo_status(state: State<'_, AppState>) -> Option<DemoInfo> {
    state.demo()
}

/// The demo's compose box: the chat page's `chat.send(text)` (outbox in IndexedDB, then sync `outbox`).
#[tauri::command]
pub async fn demo_send(state: State<'_, AppState>, args: DemoSendArgs) -> CommandResult<DemoInfo> {
    state.demo_send(&args.text).await
}

/// Makes the demo's chat server answer its next `count` POSTs with a 503.
#[tauri::command]
pub fn demo_set_fail_next(
    state: State<'_, AppState>,
    args: DemoFailArgs,
) -> CommandResult<DemoInfo> {
    state.demo_set_fail_next(args.count)
}

/// DevTools' Update on reload and Bypass for network (remembered; the embedded engine and an attached Chromium).
#[tauri::command]
pub async fn set_sw_options(
    state: State<'_, AppState>,
    args: SwOptions,
) -> CommandResult<SettingsSnapshot> {
    state.set_sw_options(args).await?;
    snapshot(&state).await
}

/// Settings' "Hosts workers may connect to" (remembered): running workers' next requests follow it.
#[tauri::command]
pub async fn set_allow_hosts(
    state: State<'_, AppState>,
    args: SetAllowHostsArgs,
) -> CommandResult<SettingsSnapshot> {
    state.set_allow_hosts(args.hosts)?;
    snapshot(&state).await
}

/// The target picker: the embedded engine, or the attached Chromium with its registrations.
#[tauri::command]
pub fn target_status(state: State<'_, AppState>) -> TargetStatus {
    state.chromium.status()
}

/// Launches Chromium, or attaches to one by DevTools port or ws:// URL; its events are recorded from now on.
#[tauri::command]
pub async fn attach_chromium(
    state: State<'_, AppState>,
    args: AttachChromiumArgs,
) -> CommandResult<TargetStatus> {
    state
        .chromium
        .attach(&args, state.engine.clone(), state.sw_options())
        .await
}

/// Detaches from Chromium (stopping it if Syncscope launched it) and returns to the embedded engine.
#[tauri::command]
pub async fn detach_chromium(state: State<'_, AppState>) -> CommandResult<TargetStatus> {
    Ok(state.chromium.detach().await)
}

/// DevTools' Sync button on a Chromium registration, with a lastChance choice.
#[tauri::command]
pub async fn chromium_dispatch_sync(
    state: State<'_, AppState>,
    args: ChromiumSyncArgs,
) -> CommandResult<TargetStatus> {
    state
        .chromium
        .dispatch_sync(&args.registration_id, &args.tag, args.last_chance)
        .await?;
    Ok(state.chromium.status())
}

/// DevTools' Periodic sync button on a Chromium registration.
#[tauri::command]
pub async fn chromium_dispatch_periodic_sync(
    state: State<'_, AppState>,
    args: ChromiumPeriodicSyncArgs,
) -> CommandResult<TargetStatus> {
    state
        .chromium
        .dispatch_periodic_sync(&args.registration_id, &args.tag)
        .await?;
    Ok(state.chromium.status())
}

/// Offline on the attached Chromium's workers (pending syncs wait; online releases them).
#[tauri::command]
pub async fn chromium_set_offline(
    state: State<'_, AppState>,
    args: SetOfflineArgs,
) -> CommandResult<TargetStatus> {
    state.chromium.set_offline(args.offline).await
}

/// Opens a page of your app in the attached Chromium.
#[tauri::command]
pub async fn chromium_open_page(
    state: State<'_, AppState>,
    args: OpenPageArgs,
) -> CommandResult<TargetStatus> {
    state.chromium.open_page(&args.url).await
}

/// Streams engine events, console lines and clock changes to the window until it goes away. A new subscription
/// (the page reloaded) replaces the old one.
#[tauri::command]
pub fn subscribe<R: Runtime>(
    _app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    on_event: Channel<LiveEvent>,
) {
    crate::live::start(&state, move |e| on_event.send(e).is_ok());
}
