//! Typed messages for the few DevTools Protocol domains Syncscope uses: `Target`, `BackgroundService`,
//! `ServiceWorker`, `Network`, `Runtime` and `Browser`.
//!
//! Each command is a struct that serializes to the command's `params` and names its method and reply type
//! through [`Command`]; each event is a struct that deserializes from the event's `params` and names its
//! method through [`Event`]. Field names follow the protocol (camelCase). Unknown fields are ignored, so newer
//! browsers keep working.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A CDP command: its params are `Self`, its result is [`Command::Response`].
pub trait Command: Serialize {
    /// The method name, e.g. `Target.attachToTarget`.
    const METHOD: &'static str;
    /// The result type.
    type Response: DeserializeOwned;
}

/// A CDP event: its params deserialize into `Self`.
pub trait Event: DeserializeOwned {
    /// The method name, e.g. `Target.attachedToTarget`.
    const METHOD: &'static str;
}

/// The empty result `{}` most commands return (any extra fields are ignored).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct Empty {}

macro_rules! command {
    ($ty:ty, $method:literal, $resp:ty) => {
        impl Command for $ty {
            const METHOD: &'static str = $method;
            type Response = $resp;
        }
    };
}

macro_rules! event {
    ($ty:ty, $method:literal) => {
        impl Event for $ty {
            const METHOD: &'static str = $method;
        }
    };
}

/// The `Target` domain: finding, creating and attaching to targets (pages, service workers).
pub mod target {
    use super::*;

    /// `Target.TargetInfo`.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct TargetInfo {
        /// Its id.
        pub target_id: String,
        /// `page`, `service_worker`, `browser`, `iframe`, `worker`, …
        #[serde(rename = "type")]
        pub kind: String,
        /// Its title.
        #[serde(default)]
        pub title: String,
        /// Its URL (for a service worker, the script URL).
        #[serde(default)]
        pub url: String,
        /// Whether some client is attached to it.
        #[serde(default)]
        pub attached: bool,
        /// Its browser context.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub browser_context_id: Option<String>,
    }

    /// `Target.getTargets`.
    #[derive(Clone, Debug, Default, Serialize)]
    pub struct GetTargets {}
    /// The result of `Target.getTargets`.
    #[derive(Clone, Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct GetTargetsResult {
        /// Every target.
        pub target_infos: Vec<TargetInfo>,
    }
    command!(GetTargets, "Target.getTargets", GetTargetsResult);

    /// `Target.createTarget`: opens a new page.
    #[derive(Clone, Debug, Serialize)]
    pub struct CreateTarget {
        /// The page's URL (`about:blank` for an empty one).
        pub url: String,
    }
    /// The result of `Target.createTarget`.
    #[derive(Clone, Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct CreateTargetResult {
        /// The new page's target id.
        pub target_id: String,
    }
    command!(CreateTarget, "Target.createTarget", CreateTargetResult);

    /// `Target.closeTarget`.
    #[derive(Clone, Debug, Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct CloseTarget {
        /// The target to close.
        pub target_id: String,
    }
    command!(CloseTarget, "Target.closeTarget", Empty);

    /// `Target.attachToTarget`; always sent with `flatten: true` by this crate.
    #[derive(Clone, Debug, Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct AttachToTarget {
        /// The target.
        pub target_id: String,
        /// Flat mode: the session's messages carry `sessionId` on the same connection.
        pub flatten: bool,
    }
    /// The result of `Target.attachToTarget`.
    #[derive(Clone, Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct AttachToTargetResult {
        /// The new session.
        pub session_id: String,
    }
    command!(
        AttachToTarget,
        "Target.attachToTarget",
        AttachToTargetResult
    );

    /// `Target.detachFromTarget`.
    #[derive(Clone, Debug, Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct DetachFromTarget {
        /// The session to end.
        pub session_id: String,
    }
    command!(DetachFromTarget, "Target.detachFromTarget", Empty);

    /// `Target.setAutoAttach`: attach to related targets (on a page session: its in-scope service worker).
    #[derive(Clone, Debug, Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct SetAutoAttach {
        /// Attach automatically.
        pub auto_attach: bool,
        /// Pause new targets until `Runtime.runIfWaitingForDebugger`.
        pub wait_for_debugger_on_start: bool,
        /// Flat mode.
        pub flatten: bool,
    }
    command!(SetAutoAttach, "Target.setAutoAttach", Empty);

    /// `Target.setDiscoverTargets`: `targetCreated` / `targetDestroyed` / `targetInfoChanged` for every target.
    #[derive(Clone, Debug, Serialize)]
    pub struct SetDiscoverTargets {
        /// Discover or stop discovering.
        pub discover: bool,
    }
    command!(SetDiscoverTargets, "Target.setDiscoverTargets", Empty);

    /// `Target.attachedToTarget`.
    #[derive(Clone, Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct AttachedToTarget {
        /// The new session.
        pub session_id: String,
        /// The target.
        pub target_info: TargetInfo,
        /// Whether it waits for `Runtime.runIfWaitingForDebugger`.
        #[serde(default)]
        pub waiting_for_debugger: bool,
    }
    event!(AttachedToTarget, "Target.attachedToTarget");

    /// `Target.detachedFromTarget`.
    #[derive(Clone, Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct DetachedFromTarget {
        /// The session that ended.
        pub session_id: String,
        /// Its target, when given.
        #[serde(default)]
        pub target_id: Option<String>,
    }
    event!(DetachedFromTarget, "Target.detachedFromTarget");

    /// `Target.targetCreated`.
    #[derive(Clone, Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct TargetCreated {
        /// The target.
        pub target_info: TargetInfo,
    }
    event!(TargetCreated, "Target.targetCreated");

    /// `Target.targetInfoChanged`.
    #[derive(Clone, Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct TargetInfoChanged {
        /// The target.
        pub target_info: TargetInfo,
    }
    event!(TargetInfoChanged, "Target.targetInfoChanged");

    /// `Target.targetDestroyed`.
    #[derive(Clone, Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct TargetDestroyed {
        /// The target.
        pub target_id: String,
    }
    event!(TargetDestroyed, "Target.targetDestroyed");
}

/// The `BackgroundService` domain (page sessions only).
pub mod background_service {
    use super::*;
    pub use syncscope_engine::{BackgroundServiceEvent, EventMetadata, Service};

    /// `BackgroundService.startObserving`: live events, after a replay of the stored ones.
    #[derive(Clone, Debug, Serialize)]
    pub struct StartObserving {
        /// The service.
        pub service: Service,
    }
    command!(StartObserving, "BackgroundService.startObserving", Empty);

    /// `BackgroundService.stopObserving`.
    #[derive(Clone, Debug, Serialize)]
    pub struct StopObserving {
        /// The service.
        pub service: Service,
    }
    command!(StopObserving, "BackgroundService.stopObserving", Empty);

    /// `BackgroundService.setRecording`: the browser-wide recording switch of one service.
    #[derive(Clone, Debug, Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct SetRecording {
        /// On or off.
        pub should_record: bool,
        /// The service.
        pub service: Service,
    }
    command!(SetRecording, "BackgroundService.setRecording", Empty);

    /// `BackgroundService.clearEvents`: empties the browser's store for one service.
    #[derive(Clone, Debug, Serialize)]
    pub struct ClearEvents {
        /// The service.
        pub service: Service,
    }
    command!(ClearEvents, "BackgroundService.clearEvents", Empty);

    /// `BackgroundService.recordingStateChanged`.
    #[derive(Clone, Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct RecordingStateChanged {
        /// Whether it records now.
        pub is_recording: bool,
        /// The service.
        pub service: Service,
    }
    event!(
        RecordingStateChanged,
        "BackgroundService.recordingStateChanged"
    );

    /// `BackgroundService.backgroundServiceEventReceived`.
    #[derive(Clone, Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct BackgroundServiceEventReceived {
        /// The event, exactly as DevTools stores it.
        pub background_service_event: BackgroundServiceEvent,
    }
    event!(
        BackgroundServiceEventReceived,
        "BackgroundService.backgroundServiceEventReceived"
    );
}

/// The `ServiceWorker` domain (page sessions only).
pub mod service_worker {
    use super::*;

    /// `ServiceWorker.ServiceWorkerRegistration`.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct ServiceWorkerRegistration {
        /// Its id (a decimal string).
        pub registration_id: String,
        /// Its scope URL.
        #[serde(rename = "scopeURL")]
        pub scope_url: String,
        /// Whether it was unregistered.
        #[serde(default)]
        pub is_deleted: bool,
    }

    /// `ServiceWorker.ServiceWorkerVersion`.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct ServiceWorkerVersion {
        /// Its id.
        pub version_id: String,
        /// Its registration.
        pub registration_id: String,
        /// Its script.
        #[serde(rename = "scriptURL")]
        pub script_url: String,
        /// `stopped`, `starting`, `running`, `stopping`.
        pub running_status: String,
        /// `new`, `installing`, `installed`, `activating`, `activated`, `redundant`.
        pub status: String,
        /// Pages it controls (target ids).
        #[serde(default)]
        pub controlled_clients: Vec<String>,
        /// Its DevTools target while it runs.
        #[serde(default)]
        pub target_id: Option<String>,
    }

    /// `ServiceWorker.enable`.
    #[derive(Clone, Debug, Default, Serialize)]
    pub struct Enable {}
    command!(Enable, "ServiceWorker.enable", Empty);

    /// `ServiceWorker.dispatchSyncEvent`: runs the worker's `sync` handler (starting the worker if needed);
    /// the tag need not be registered and the registration is untouched.
    #[derive(Clone, Debug, Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct DispatchSyncEvent {
        /// The registration's origin, e.g. `http://127.0.0.1:8080`.
        pub origin: String,
        /// The registration id.
        pub registration_id: String,
        /// `event.tag`.
        pub tag: String,
        /// `event.lastChance`.
        pub last_chance: bool,
    }
    command!(DispatchSyncEvent, "ServiceWorker.dispatchSyncEvent", Empty);

    /// `ServiceWorker.dispatchPeriodicSyncEvent`.
    #[derive(Clone, Debug, Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct DispatchPeriodicSyncEvent {
        /// The registration's origin.
        pub origin: String,
        /// The registration id.
        pub registration_id: String,
        /// `event.tag`.
        pub tag: String,
    }
    command!(
        DispatchPeriodicSyncEvent,
        "ServiceWorker.dispatchPeriodicSyncEvent",
        Empty
    );

    /// `ServiceWorker.startWorker`.
    #[derive(Clone, Debug, Serialize)]
    pub struct StartWorker {
        /// The registration's scope.
        #[serde(rename = "scopeURL")]
        pub scope_url: String,
    }
    command!(StartWorker, "ServiceWorker.startWorker", Empty);

    /// `ServiceWorker.setForceUpdateOnPageLoad`: every page load updates (re-fetches and installs) its
    /// service worker, even when the script is unchanged (DevTools' "Update on reload"). Browser-wide.
    #[derive(Clone, Debug, Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct SetForceUpdateOnPageLoad {
        /// On or off.
        pub force_update_on_page_load: bool,
    }
    command!(
        SetForceUpdateOnPageLoad,
        "ServiceWorker.setForceUpdateOnPageLoad",
        Empty
    );

    /// `ServiceWorker.stopWorker`.
    #[derive(Clone, Debug, Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct StopWorker {
        /// The version to stop.
        pub version_id: String,
    }
    command!(StopWorker, "ServiceWorker.stopWorker", Empty);

    /// `ServiceWorker.workerRegistrationUpdated`.
    #[derive(Clone, Debug, Deserialize)]
    pub struct WorkerRegistrationUpdated {
        /// The registrations that changed.
        pub registrations: Vec<ServiceWorkerRegistration>,
    }
    event!(
        WorkerRegistrationUpdated,
        "ServiceWorker.workerRegistrationUpdated"
    );

    /// `ServiceWorker.workerVersionUpdated`.
    #[derive(Clone, Debug, Deserialize)]
    pub struct WorkerVersionUpdated {
        /// The versions that changed.
        pub versions: Vec<ServiceWorkerVersion>,
    }
    event!(WorkerVersionUpdated, "ServiceWorker.workerVersionUpdated");

    /// `ServiceWorker.ServiceWorkerErrorMessage`.
    #[derive(Clone, Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct ServiceWorkerErrorMessage {
        /// The message.
        pub error_message: String,
        /// The registration.
        pub registration_id: String,
        /// The version.
        pub version_id: String,
        /// The script.
        #[serde(rename = "sourceURL")]
        pub source_url: String,
        /// The line.
        pub line_number: i64,
        /// The column.
        pub column_number: i64,
    }

    /// `ServiceWorker.workerErrorReported`.
    #[derive(Clone, Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct WorkerErrorReported {
        /// The error.
        pub error_message: ServiceWorkerErrorMessage,
    }
    event!(WorkerErrorReported, "ServiceWorker.workerErrorReported");
}

/// The `Network` domain (sent to a service worker's session to take the worker offline).
pub mod network {
    use super::*;

    /// `Network.emulateNetworkConditions`. On a worker session, `offline: true` fails the worker's fetches and
    /// holds pending syncs; `offline: false` releases them.
    #[derive(Clone, Debug, Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct EmulateNetworkConditions {
        /// Offline or not.
        pub offline: bool,
        /// Added latency (ms).
        pub latency: f64,
        /// Bytes per second; -1 disables throttling.
        pub download_throughput: f64,
        /// Bytes per second; -1 disables throttling.
        pub upload_throughput: f64,
    }

    /// `Network.enable`. On a worker session it makes emulated offline fail the worker's own fetches.
    #[derive(Clone, Debug, Default, Serialize)]
    pub struct Enable {}
    command!(Enable, "Network.enable", Empty);

    impl EmulateNetworkConditions {
        /// Offline (or back online) with no throttling, as cdp-notes.md prescribes.
        pub fn offline(offline: bool) -> Self {
            EmulateNetworkConditions {
                offline,
                latency: 0.0,
                download_throughput: -1.0,
                upload_throughput: -1.0,
            }
        }
    }
    command!(
        EmulateNetworkConditions,
        "Network.emulateNetworkConditions",
        Empty
    );

    /// `Network.setBypassServiceWorker`: the session's page sends its requests to the network, not through its
    /// service worker's `fetch` event (DevTools' "Bypass for network"). Needs `Network.enable` first.
    #[derive(Clone, Debug, Serialize)]
    pub struct SetBypassServiceWorker {
        /// Bypass or not.
        pub bypass: bool,
    }
    command!(
        SetBypassServiceWorker,
        "Network.setBypassServiceWorker",
        Empty
    );
}

/// The `Runtime` domain: evaluating script and the console.
pub mod runtime {
    use super::*;

    /// `Runtime.RemoteObject` (the fields used here).
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct RemoteObject {
        /// `object`, `string`, `number`, `undefined`, …
        #[serde(rename = "type", default)]
        pub kind: String,
        /// `array`, `error`, `null`, …
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub subtype: Option<String>,
        /// The value, for primitives and `returnByValue`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub value: Option<Value>,
        /// For values JSON cannot carry: `NaN`, `-0`, `Infinity`, bigints.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub unserializable_value: Option<String>,
        /// A description (objects, errors).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub description: Option<String>,
    }

    impl RemoteObject {
        /// The object as console text: strings bare, other values as JSON or their description.
        pub fn to_text(&self) -> String {
            match (&self.value, &self.unserializable_value, &self.description) {
                (Some(Value::String(s)), _, _) => s.clone(),
                (Some(v), _, _) => v.to_string(),
                (None, Some(u), _) => u.clone(),
                (None, None, Some(d)) => d.clone(),
                (None, None, None) => self.kind.clone(),
            }
        }
    }

    /// `Runtime.ExceptionDetails` (the fields used here).
    #[derive(Clone, Debug, Default, PartialEq, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct ExceptionDetails {
        /// A short text, e.g. `Uncaught (in promise)`.
        #[serde(default)]
        pub text: String,
        /// The line (0-based).
        #[serde(default)]
        pub line_number: i64,
        /// The column (0-based).
        #[serde(default)]
        pub column_number: i64,
        /// The script URL.
        #[serde(default)]
        pub url: Option<String>,
        /// The thrown value.
        #[serde(default)]
        pub exception: Option<RemoteObject>,
    }

    impl ExceptionDetails {
        /// One line: the text and the exception's description.
        pub fn to_text(&self) -> String {
            match self.exception.as_ref().and_then(|e| e.description.clone()) {
                Some(d) => format!("{} {d}", self.text),
                None => match self.exception.as_ref() {
                    Some(e) => format!("{} {}", self.text, e.to_text()),
                    None => self.text.clone(),
                },
            }
        }
    }

    /// `Runtime.enable`: console messages (buffered ones first) and execution contexts.
    #[derive(Clone, Debug, Default, Serialize)]
    pub struct Enable {}
    command!(Enable, "Runtime.enable", Empty);

    /// `Runtime.runIfWaitingForDebugger`.
    #[derive(Clone, Debug, Default, Serialize)]
    pub struct RunIfWaitingForDebugger {}
    command!(
        RunIfWaitingForDebugger,
        "Runtime.runIfWaitingForDebugger",
        Empty
    );

    /// `Runtime.evaluate`.
    #[derive(Clone, Debug, Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Evaluate {
        /// The expression.
        pub expression: String,
        /// Wait for a returned promise to settle.
        pub await_promise: bool,
        /// Return the value as JSON rather than a handle.
        pub return_by_value: bool,
    }

    impl Evaluate {
        /// Evaluates `expression`, awaits a promise and returns the value as JSON.
        pub fn value_of(expression: impl Into<String>) -> Self {
            Evaluate {
                expression: expression.into(),
                await_promise: true,
                return_by_value: true,
            }
        }
    }

    /// The result of `Runtime.evaluate`.
    #[derive(Clone, Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct EvaluateResult {
        /// The value.
        pub result: RemoteObject,
        /// Set when the expression threw or its promise rejected.
        #[serde(default)]
        pub exception_details: Option<ExceptionDetails>,
    }
    command!(Evaluate, "Runtime.evaluate", EvaluateResult);

    /// `Runtime.consoleAPICalled`.
    #[derive(Clone, Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct ConsoleApiCalled {
        /// `log`, `info`, `warning`, `error`, `debug`, …
        #[serde(rename = "type")]
        pub kind: String,
        /// The arguments.
        #[serde(default)]
        pub args: Vec<RemoteObject>,
        /// When (ms since the epoch).
        #[serde(default)]
        pub timestamp: f64,
    }
    event!(ConsoleApiCalled, "Runtime.consoleAPICalled");

    /// `Runtime.exceptionThrown`.
    #[derive(Clone, Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct ExceptionThrown {
        /// When (ms since the epoch).
        #[serde(default)]
        pub timestamp: f64,
        /// What was thrown.
        pub exception_details: ExceptionDetails,
    }
    event!(ExceptionThrown, "Runtime.exceptionThrown");
}

/// The `Browser` domain (browser session).
pub mod browser {
    use super::*;

    /// `Browser.getVersion`.
    #[derive(Clone, Debug, Default, Serialize)]
    pub struct GetVersion {}
    /// The result of `Browser.getVersion`.
    #[derive(Clone, Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct GetVersionResult {
        /// The protocol version, e.g. `1.3`.
        pub protocol_version: String,
        /// The product, e.g. `HeadlessChrome/156.0.8078.79`.
        pub product: String,
        /// The user agent.
        #[serde(default)]
        pub user_agent: String,
    }
    command!(GetVersion, "Browser.getVersion", GetVersionResult);

    /// `Browser.PermissionDescriptor`.
    #[derive(Clone, Debug, Serialize)]
    pub struct PermissionDescriptor {
        /// The permission's name, e.g. `periodic-background-sync`.
        pub name: String,
    }

    /// `Browser.setPermission`. (`Browser.grantPermissions` with only `periodicBackgroundSync` *denies*
    /// background sync, so this crate never uses it.)
    #[derive(Clone, Debug, Serialize)]
    pub struct SetPermission {
        /// The permission.
        pub permission: PermissionDescriptor,
        /// `granted`, `denied` or `prompt`.
        pub setting: String,
        /// The origin; all origins when absent.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub origin: Option<String>,
    }
    command!(SetPermission, "Browser.setPermission", Empty);

    /// `Browser.close`.
    #[derive(Clone, Debug, Default, Serialize)]
    pub struct Close {}
    command!(Close, "Browser.close", Empty);
}

/// `Inspector.detached` (a session's target went away or was taken over).
#[derive(Clone, Debug, Deserialize)]
pub struct InspectorDetached {
    /// Why.
    #[serde(default)]
    pub reason: String,
}
event!(InspectorDetached, "Inspector.detached");
