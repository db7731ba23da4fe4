//! Response bodies read on demand. A `fetch` resolves once the response's head is in (as in a browser); what
//! of the body has not arrived by then stays with the network, and the context's `ReadableStream` pulls it a
//! chunk at a time (one host call per read, so a reader that stops reading stops the download: the server is
//! held back by TCP's flow control). Reading a body whole (`text()`, `arrayBuffer()`, `cache.put`, …) is one
//! call too, bounded by the context's heap limit; reading it in chunks has no bound.
//!
//! A body being read counts as a network request in flight for the worker's idle report (a virtual clock
//! waits for it up to the network stall limit, as for the request itself). Cancelling the stream, aborting
//! the request's signal or stopping the context drops the response, which closes its connection.

use futures::FutureExt as _;
use tokio::io::AsyncReadExt as _;
use tokio::sync::mpsc;

use crate::source::describe;

/// Bytes a `fetch` takes along when it resolves, of what has already arrived: small bodies then need no
/// further call, and a chunked read hands over at most this much at once.
pub(crate) const CHUNK: usize = 256 * 1024;

/// Bodies announced at this size or less are read whole before the `fetch` resolves (one hand-over instead
/// of two). Larger or unannounced ones resolve at their head.
pub(crate) const SMALL_BODY: u64 = 64 * 1024;

/// Where the rest of a body comes from.
pub(crate) enum BodySource {
    Network(reqwest::Response),
    File(tokio::fs::File),
}

/// The part of a response body not yet handed to the context.
pub(crate) struct PendingBody {
    pub source: BodySource,
    /// The response's URL, for errors.
    pub url: String,
    /// Bytes already handed over.
    pub delivered: u64,
    /// The most a context may read whole (its heap limit).
    pub max_whole: usize,
    /// What a read that did not wait ran into (the end, or an error), for the next read to report after the
    /// bytes before it.
    pub held: Option<Result<(), String>>,
}

/// What a context asks of a pending body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Pull {
    /// The next bytes (at least one, at most [`CHUNK`]), or the end.
    Next,
    /// Everything that is left, at once, within the heap limit.
    Rest,
}

/// A read's outcome: bytes, the end (`None`), or why the body failed.
pub(crate) type ReadResult = Result<Option<Vec<u8>>, String>;

impl PendingBody {
    /// The next piece off the source, waiting for it; `None` at the end.
    async fn piece(&mut self) -> Result<Option<Vec<u8>>, String> {
        if let Some(held) = &self.held {
            return held.clone().map(|()| None);
        }
        match &mut self.source {
            BodySource::Network(resp) => resp
                .chunk()
                .await
                .map(|c| c.map(|b| b.to_vec()))
                .map_err(|e| format!("reading the body of {}: {}", self.url, describe(e))),
            BodySource::File(file) => {
                let mut buf = vec![0; 64 * 1024];
                let n = file
                    .read(&mut buf)
                    .await
                    .map_err(|e| format!("reading {}: {e}", self.url))?;
                buf.truncate(n);
                Ok((n > 0).then_some(buf))
            }
        }
    }

    /// A piece that has already arrived, without waiting; `Some(None)` at the end, `None` if nothing is there.
    fn ready_piece(&mut self) -> Option<Result<Option<Vec<u8>>, String>> {
        if self.held.is_some() {
            return None;
        }
        let got = match &mut self.source {
            BodySource::Network(_) => self.piece().now_or_never(),
            // A file is always "ready", but a read may block: leave it for the next pull.
            BodySource::File(_) => None,
        };
        match got {
            // Keep the end or the error for the next read.
            Some(Ok(None)) => {
                self.held = Some(Ok(()));
                None
            }
            Some(Err(e)) => {
                self.held = Some(Err(e));
                None
            }
            other => other,
        }
    }

    /// The next bytes: one piece, waited for, then what else has already arrived, up to [`CHUNK`].
    pub async fn next(&mut self) -> ReadResult {
        let Some(mut out) = self.piece().await? else {
            return Ok(None);
        };
        // The end or an error shows on the next read, after these bytes.
        while out.len() < CHUNK
            && let Some(Ok(Some(more))) = self.ready_piece()
        {
            out.extend_from_slice(&more);
        }
        self.delivered += out.len() as u64;
        Ok(Some(out))
    }

    /// What has arrived so far without waiting, up to [`CHUNK`], and whether that was the whole body (an
    /// error after it is kept for the first read: the response itself arrived).
    pub fn ready(&mut self) -> (Vec<u8>, bool) {
        let mut out = Vec::new();
        while out.len() < CHUNK
            && let Some(Ok(Some(more))) = self.ready_piece()
        {
            out.extend_from_slice(&more);
        }
        self.delivered += out.len() as u64;
        (out, matches!(self.held, Some(Ok(()))))
    }

    fn too_big(&self) -> String {
        format!(
            "the response body of {} is larger than {} MiB, the most a worker can hold (its heap limit); read it in chunks from response.body",
            self.url,
            self.max_whole / (1024 * 1024)
        )
    }

    /// The rest of the body at once; an error, without reading on, once the body passes the heap limit.
    pub async fn rest(&mut self) -> Result<Vec<u8>, String> {
        let announced = match &self.source {
            BodySource::Network(resp) => resp.content_length(),
            BodySource::File(file) => file.metadata().await.ok().map(|m| m.len()),
        };
        if announced.is_some_and(|n| n > self.max_whole as u64) {
            return Err(self.too_big());
        }
        let mut out = Vec::new();
        while let Some(piece) = self.piece().await? {
            if self.delivered as usize + out.len() + piece.len() > self.max_whole {
                return Err(self.too_big());
            }
            out.extend_from_slice(&piece);
        }
        self.delivered += out.len() as u64;
        Ok(out)
    }
}

/// A body being read for a context: the task that owns it, and the way to ask it for more. Dropping the
/// handle ends the task, which drops the response and closes its connection.
pub(crate) struct BodyHandle {
    pulls: mpsc::UnboundedSender<Pull>,
    task: tokio::task::AbortHandle,
    /// `GET https://…`, for reports of what a worker waits for.
    pub request: String,
}

impl BodyHandle {
    /// Starts the task that serves `body`'s reads: each result goes to `deliver`, which says whether the
    /// context is still there to take it.
    pub fn spawn(
        runtime: &tokio::runtime::Handle,
        mut body: Box<PendingBody>,
        request: String,
        deliver: impl Fn(ReadResult) -> bool + Send + 'static,
    ) -> BodyHandle {
        let (pulls, mut rx) = mpsc::unbounded_channel::<Pull>();
        let task = runtime
            .spawn(async move {
                while let Some(pull) = rx.recv().await {
                    let result = match pull {
                        Pull::Next => body.next().await,
                        Pull::Rest => body.rest().await.map(Some),
                    };
                    let last = pull == Pull::Rest || !matches!(result, Ok(Some(_)));
                    if !deliver(result) || last {
                        break;
                    }
                }
            })
            .abort_handle();
        BodyHandle {
            pulls,
            task,
            request,
        }
    }

    /// Asks for more; the answer goes to the `deliver` it was started with. False if the body is finished.
    pub fn pull(&self, pull: Pull) -> bool {
        self.pulls.send(pull).is_ok()
    }
}

impl Drop for BodyHandle {
    fn drop(&mut self) {
        self.task.abort();
    }
}
