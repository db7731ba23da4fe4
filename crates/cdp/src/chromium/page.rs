//! [`PageHandle`]: a page the session opened, and evaluating in a target.

use std::time::Duration;

use serde_json::Value;

use crate::client::CdpSession;
use crate::error::{CdpError, Result};
use crate::protocol::runtime::Evaluate;
use crate::protocol::target::CloseTarget;

/// A page opened by [`ChromiumSession::open_page`].
#[derive(Clone, Debug)]
pub struct PageHandle {
    /// Its target id.
    pub target_id: String,
    /// Its flat session.
    pub session: CdpSession,
    pub(super) timeout: Duration,
}

impl PageHandle {
    /// Evaluates an expression in the page; a promise is awaited and the value returned as JSON.
    pub async fn evaluate(&self, expression: &str) -> Result<Value> {
        evaluate(&self.session, expression, self.timeout).await
    }

    /// Evaluates an expression with its own deadline.
    pub async fn evaluate_with_timeout(
        &self,
        expression: &str,
        timeout: Duration,
    ) -> Result<Value> {
        evaluate(&self.session, expression, timeout).await
    }

    /// Closes the page.
    pub async fn close(&self) -> Result<()> {
        self.session
            .client()
            .browser()
            .send(CloseTarget {
                target_id: self.target_id.clone(),
            })
            .await?;
        Ok(())
    }
}

pub(super) async fn set_bypass(session: &CdpSession, bypass: bool) -> Result<()> {
    session.send(crate::protocol::network::Enable {}).await?;
    session
        .send(crate::protocol::network::SetBypassServiceWorker { bypass })
        .await?;
    Ok(())
}

pub(super) async fn evaluate(
    session: &CdpSession,
    expression: &str,
    timeout: Duration,
) -> Result<Value> {
    let r = session
        .send_with_timeout(Evaluate::value_of(expression), timeout)
        .await?;
    if let Some(ex) = r.exception_details {
        return Err(CdpError::Script(ex.to_text()));
    }
    Ok(r.result.value.unwrap_or(Value::Null))
}
