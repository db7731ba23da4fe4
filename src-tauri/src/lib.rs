//! Syncscope's desktop app: a thin Tauri v2 adapter over the engine and the embedded worker. The commands
//! ([`commands`]) forward to [`state::AppState`]; live events go to the window through one channel ([`live`]);
//! closing the window keeps the engine (and recording) running in the tray.
//!
//! [`build_app`] is generic over the Tauri runtime so tests drive the real command surface with
//! `tauri::test::mock_builder()`.

#![warn(missing_docs)]

pub mod commands;
pub mod dto;
pub mod instance;
pub mod live;
pub mod settings;
pub mod state;
pub mod target;

use tauri::{Manager, Runtime};

pub use crate::state::{AppConfig, AppState};

/// The names of every command, as `build.rs` grants them to the window.
pub const COMMAND_NAMES: &[&str] = &include!("command_names.in");

/// The app's Tauri context (config, capabilities, embedded UI).
pub fn context<R: Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}

/// The builder with the state managed and every command registered: what both the real app and the tests run.
pub fn build_app<R: Runtime>(builder: tauri::Builder<R>, state: AppState) -> tauri::Builder<R> {
    builder
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::list_tags,
            commands::query_events,
            commands::recording,
            commands::set_recording,
            commands::clear_events,
            commands::export_events,
            commands::save_events,
            commands::import_events,
            commands::set_offline,
            commands::settings,
            commands::set_params,
            commands::reset_params,
            commands::set_engagement,
            commands::set_permission,
            commands::clock_status,
            commands::clock_pause,
            commands::clock_resume,
            commands::clock_advance,
            commands::clock_advance_to_next,
            commands::clock_set_speed,
            commands::clock_set_mode,
            commands::dispatch_sync,
            commands::dispatch_periodic_sync,
            commands::register_sync,
            commands::list_service_workers,
            commands::add_service_worker,
            commands::update_service_worker,
            commands::unregister_service_worker,
            commands::start_service_worker,
            commands::stop_service_worker,
            commands::console_history,
            commands::load_demo,
            commands::demo_status,
            commands::demo_send,
            commands::demo_set_fail_next,
            commands::set_sw_options,
            commands::set_allow_hosts,
            commands::target_status,
            commands::attach_chromium,
            commands::detach_chromium,
            commands::chromium_dispatch_sync,
            commands::chromium_dispatch_periodic_sync,
            commands::chromium_set_offline,
            commands::chromium_open_page,
            commands::subscribe,
        ])
}

/// The command line: `syncscope-app [--demo]`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Start on the built-in demo (and, unless `SYNCSCOPE_CLOCK` says otherwise, on a paused virtual clock).
    pub demo: bool,
}

/// What the command line asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Invocation {
    /// Run the app.
    Run(Options),
    /// Print the usage.
    Help,
}

/// The usage text.
pub const USAGE: &str = "usage: syncscope-app [--demo]

  --demo    start on the built-in demo: a chat PWA (page + sw.js) served on 127.0.0.1, on a paused virtual clock
            (set SYNCSCOPE_CLOCK=real for the real one)

Environment: SYNCSCOPE_DATA_DIR (the data folder; default the per-user one), SYNCSCOPE_CLOCK (real or virtual).";

/// Reads the command line (without the program name).
pub fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Invocation, String> {
    let mut options = Options::default();
    for a in args {
        match a.as_str() {
            "--demo" => options.demo = true,
            "-h" | "--help" => return Ok(Invocation::Help),
            other => return Err(format!("unknown argument {other:?}\n\n{USAGE}")),
        }
    }
    Ok(Invocation::Run(options))
}

/// Logs to stderr and to `<data dir>/logs/syncscope.log.<date>` (rotated daily, the last 7 kept), at `RUST_LOG`
/// or `info`. Keep the returned guard alive: it flushes the file when dropped.
pub fn init_logging(
    data_dir: &std::path::Path,
) -> Option<tracing_appender::non_blocking::WorkerGuard> {
    use tracing_subscriber::Layer as _;
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    let filter = || {
        tracing_subscriber::EnvFilter::try_from_default_env()
            .unwrap_or_else(|_| "info,syncscope=info".into())
    };
    let stderr = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_filter(filter());
    // The appender lists the folder to prune old files: it must exist first.
    let _ = std::fs::create_dir_all(data_dir.join("logs"));
    let appender = tracing_appender::rolling::Builder::new()
        .rotation(tracing_appender::rolling::Rotation::DAILY)
        .max_log_files(7)
        .filename_prefix("syncscope")
        .filename_suffix("log")
        .build(data_dir.join("logs"));
    match appender {
        Ok(appender) => {
            let (writer, guard) = tracing_appender::non_blocking(appender);
            let file = tracing_subscriber::fmt::layer()
                .with_ansi(false)
                .with_writer(writer)
                .with_filter(filter());
            let _ = tracing_subscriber::registry()
                .with(stderr)
                .with(file)
                .try_init();
            Some(guard)
        }
        Err(e) => {
            let _ = tracing_subscriber::registry().with(stderr).try_init();
            tracing::warn!(error = %e, "no log file: cannot create {}", data_dir.join("logs").display());
            None
        }
    }
}

/// Runs the desktop app: engine on the per-user database, window, tray. Returns when the user quits, or at
/// once when an app already runs on the same data folder (whose window it brings to the front).
pub fn run(options: Options) -> Result<(), Box<dyn std::error::Error>> {
    let mut config = AppConfig::from_env()?;
    if options.demo {
        config = config.for_demo();
    }
    std::fs::create_dir_all(&config.data_dir)?;
    let _log = init_logging(&config.data_dir);
    let first = match instance::claim(&config.data_dir)? {
        instance::Claim::First(first) => first,
        instance::Claim::Second => {
            println!(
                "Syncscope is already running on {}; its window was brought to the front.",
                config.data_dir.display()
            );
            return Ok(());
        }
    };
    tracing::info!(data = %config.data_dir.display(), "Syncscope starting");
    let state = tauri::async_runtime::block_on(async {
        let state = AppState::start(config).await?;
        if options.demo {
            match state.load_demo().await {
                Ok(demo) => tracing::info!(url = %demo.url, "the built-in demo is loaded"),
                // The window still opens: its Demo view shows the error when the user tries again.
                Err(e) => tracing::error!(error = %e, "could not load the built-in demo"),
            }
        }
        Ok::<AppState, dto::CommandError>(state)
    })?;
    let app = build_app(tauri::Builder::default(), state)
        .setup(move |app| {
            quit_on_signals(app.handle());
            tray(app.handle())?;
            window_menu(app.handle())?;
            let handle = app.handle().clone();
            first.serve(move || show_window(&handle));
            // After the window exists: saved workers load in the background, each within its deadlines.
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                if let Err(e) = handle.state::<AppState>().restore_saved_workers().await {
                    tracing::error!(error = %e, "could not restore the saved workers");
                }
            });
            Ok(())
        })
        .on_window_event(|window, event| {
            // Closing the window hides it: the engine keeps running and recording in the tray.
            if let tauri::WindowEvent::CloseRequested { api, .. } = event {
                api.prevent_close();
                let _ = window.hide();
            }
        })
        .build(context())?;
    app.run(|handle, event| {
        if let tauri::RunEvent::Exit = event {
            let state = handle.state::<AppState>();
            tauri::async_runtime::block_on(state.shutdown());
            tracing::info!("Syncscope stopped");
        }
    });
    Ok(())
}

/// SIGTERM (`kill`, the session ending, a service manager) and SIGINT (Ctrl-C in the terminal that started it)
/// quit like the menu's Quit: the engine stops first, so an event it abandons stays pending with its attempt
/// not counted, then the workers; the exit status is 0.
fn quit_on_signals<R: Runtime>(app: &tauri::AppHandle<R>) {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let handle = app.clone();
        tauri::async_runtime::spawn(async move {
            let (mut term, mut int) = match (
                signal(SignalKind::terminate()),
                signal(SignalKind::interrupt()),
            ) {
                (Ok(term), Ok(int)) => (term, int),
                (Err(e), _) | (_, Err(e)) => {
                    tracing::warn!(error = %e, "SIGTERM and SIGINT will end the app without a clean quit");
                    return;
                }
            };
            let name = tokio::select! {
                _ = term.recv() => "SIGTERM",
                _ = int.recv() => "SIGINT",
            };
            tracing::info!(signal = name, "quitting on a signal");
            handle.exit(0);
        });
    }
    #[cfg(not(unix))]
    let _ = app;
}

/// Shows and focuses the main window (it may be hidden in the tray).
fn show_window<R: Runtime>(app: &tauri::AppHandle<R>) {
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.show();
        let _ = w.unminimize();
        let _ = w.set_focus();
    }
}

/// The window's menu: Quit (Ctrl+Q) there too, since GNOME shows no tray icons.
fn window_menu<R: Runtime>(app: &tauri::AppHandle<R>) -> tauri::Result<()> {
    use tauri::menu::{Menu, MenuItem, Submenu};
    let quit = MenuItem::with_id(app, "quit", "Quit Syncscope", true, Some("CmdOrCtrl+Q"))?;
    let file = Submenu::with_items(app, "Syncscope", true, &[&quit])?;
    app.set_menu(Menu::with_items(app, &[&file])?)?;
    app.on_menu_event(|app, event| {
        if event.id().as_ref() == "quit" {
            app.exit(0);
        }
    });
    Ok(())
}

/// The tray icon: Show Syncscope, and Quit (the only way to stop the engine besides the OS).
fn tray<R: Runtime>(app: &tauri::AppHandle<R>) -> tauri::Result<()> {
    use tauri::menu::{Menu, MenuItem};
    use tauri::tray::TrayIconBuilder;
    let show = MenuItem::with_id(app, "show", "Show Syncscope", true, None::<&str>)?;
    let quit = MenuItem::with_id(app, "quit", "Quit Syncscope", true, None::<&str>)?;
    let menu = Menu::with_items(app, &[&show, &quit])?;
    let mut tray = TrayIconBuilder::with_id("syncscope")
        .tooltip("Syncscope: recording background sync activity")
        .menu(&menu)
        .on_menu_event(|app, event| match event.id.as_ref() {
            "show" => show_window(app),
            "quit" => app.exit(0),
            _ => {}
        });
    if let Some(icon) = app.default_window_icon() {
        tray = tray.icon(icon.clone());
    }
    tray.build(app)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Invocation, String> {
        parse_args(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn the_command_line_takes_demo_and_help_and_refuses_anything_else() {
        assert_eq!(parse(&[]), Ok(Invocation::Run(Options { demo: false })));
        assert_eq!(
            parse(&["--demo"]),
            Ok(Invocation::Run(Options { demo: true }))
        );
        assert_eq!(parse(&["--help"]), Ok(Invocation::Help));
        let e = parse(&["--dmeo"]).unwrap_err();
        assert!(e.contains("unknown argument \"--dmeo\""), "{e}");
        assert!(e.contains("usage: syncscope-app [--demo]"), "{e}");
    }
}
