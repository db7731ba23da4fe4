//! Syncscope's Chromium target: a real Chrome, Chromium or Edge attached over the DevTools Protocol.
//! Chrome is authoritative there; Syncscope records its background-service events into the engine's store
//! and stream, fires sync and periodicsync by hand, takes service workers offline, lists tags, grants the
//! periodic-sync permission and captures the workers' console.
//!
//! - [`client`]: a thin CDP client on `tokio-tungstenite` + `serde_json` (replies matched by id, events
//!   broadcast, flat sessions, a deadline on every command, typed errors).
//! - [`protocol`]: typed commands and events of the domains used.
//! - [`launch`]: finding and launching a browser with the flags of cdp-notes.md.
//! - [`chromium`]: [`ChromiumSession`] (the session) and [`ChromiumTarget`] (the engine's [`Target`](syncscope_engine::Target)).
//! - [`attach`]: [`ChromiumConnection`], attaching as the desktop app's target picker does (launch or address,
//!   recording into the engine, connection state, detach).
//! - [`cli_support`]: the `syncscope chrome …` subcommands, ready to be wired into the CLI.
//!
//! ```no_run
//! # async fn demo(engine: syncscope_engine::EngineHandle) -> Result<(), syncscope_cdp::CdpError> {
//! use syncscope_cdp::*;
//!
//! let browser = BrowserProcess::launch(LaunchOptions::default()).await?;
//! let session = ChromiumSession::connect(&browser.endpoint(), SessionOptions::default()).await?;
//! session.record_into(engine);
//! session.start_recording(&RECORDED_SERVICES).await?;
//! for tags in session.tags().await? {
//!     println!("{}: sync {:?}, periodic {:?}", tags.scope_url, tags.sync, tags.periodic);
//! }
//! # Ok(()) }
//! ```

#![warn(missing_docs)]

pub mod attach;
pub mod chromium;
pub mod cli_support;
pub mod client;
pub mod error;
pub mod launch;
pub mod protocol;

pub use crate::attach::{AttachTo, ChromiumConnection, ConnectionState};
pub use crate::chromium::{
    ChromiumSession, ChromiumTarget, ConsoleMessage, DEFAULT_SOURCE, OfflineReport, PageHandle,
    RECORDED_SERVICES, RecordingProgress, Registration, RegistrationTags, SessionOptions,
    WorkerTarget,
};
pub use crate::client::{
    CdpClient, CdpEvent, CdpSession, DEFAULT_COMMAND_TIMEOUT, Endpoint, VersionInfo, fetch_version,
};
pub use crate::error::{CdpError, METHOD_NOT_FOUND, Result};
pub use crate::launch::{
    BROWSER_NAMES, BrowserProcess, LaunchOptions, Sandbox, browser_args, field_trial_args,
    find_browser,
};
