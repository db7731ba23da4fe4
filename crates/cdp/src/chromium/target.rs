//! [`ChromiumTarget`]: a session as the engine's [`Target`](syncscope_engine::Target).

use std::sync::{Arc, RwLock};

use futures::future::BoxFuture;
use syncscope_engine::{DispatchRequest, Outcome, SyncEvent, Target};

use crate::error::{CdpError, Result};

use super::session::ChromiumSession;

// ---- the engine target ----

/// The engine's [`Target`] for a Chromium: a dispatch becomes `ServiceWorker.dispatchSyncEvent` or
/// `dispatchPeriodicSyncEvent` on the registration with the same scope.
///
/// CDP reports no handler outcome (Chromium logs how the event ended in its own background-service events,
/// which the session records), so a dispatch resolves [`Outcome::Succeeded`] once Chromium accepted the
/// command, and [`Outcome::Failed`] when it could not be sent (no such registration, browser gone, timeout).
/// The session can be swapped after a reconnect; clones share it.
#[derive(Clone)]
pub struct ChromiumTarget {
    name: String,
    session: Arc<RwLock<Option<ChromiumSession>>>,
}

impl ChromiumTarget {
    /// A target over a session, named by the session's source.
    pub fn new(session: ChromiumSession) -> ChromiumTarget {
        ChromiumTarget {
            name: session.shared.options.source.clone(),
            session: Arc::new(RwLock::new(Some(session))),
        }
    }

    /// A target with no session yet (every dispatch fails until [`ChromiumTarget::set_session`]).
    pub fn detached(name: impl Into<String>) -> ChromiumTarget {
        ChromiumTarget {
            name: name.into(),
            session: Arc::new(RwLock::new(None)),
        }
    }

    /// Replaces the session (after a reconnect).
    pub fn set_session(&self, session: Option<ChromiumSession>) {
        *self.session.write().unwrap_or_else(|e| e.into_inner()) = session;
    }

    /// The current session.
    pub fn session(&self) -> Option<ChromiumSession> {
        self.session
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Sends one request to Chromium.
    pub async fn send(&self, request: &DispatchRequest) -> Result<()> {
        let session = self.session().ok_or_else(|| CdpError::Disconnected {
            reason: "no Chromium session".into(),
        })?;
        let reg = session
            .registration_for_scope(&request.registration.scope)
            .ok_or_else(|| {
                CdpError::InvalidInput(format!(
                    "Chromium has no service worker with scope {}",
                    request.registration.scope
                ))
            })?;
        let origin = request.registration.origin.as_str();
        match &request.event {
            SyncEvent::Sync { tag, last_chance } => {
                session
                    .dispatch_sync(origin, &reg.registration_id, tag, *last_chance)
                    .await
            }
            SyncEvent::PeriodicSync { tag } => {
                session
                    .dispatch_periodic_sync(origin, &reg.registration_id, tag)
                    .await
            }
        }
    }
}

impl Target for ChromiumTarget {
    fn name(&self) -> String {
        self.name.clone()
    }

    fn dispatch(&self, request: DispatchRequest) -> BoxFuture<'static, Outcome> {
        let target = self.clone();
        Box::pin(async move {
            match target.send(&request).await {
                Ok(()) => Outcome::Succeeded,
                Err(e) => Outcome::Failed {
                    reason: e.to_string(),
                },
            }
        })
    }
}
