//! One worker: a dedicated OS thread that owns a QuickJS runtime and runs its event loop in Rust.
//!
//! The loop follows HTML's model: take one task (a message from the engine, a host operation's completion,
//! or a due timer), run it, then drain the microtask queue; repeat. Timers are due on the engine's clock, so
//! under a virtual clock a `setTimeout` inside a handler waits for virtual time. Before the thread blocks it
//! registers its next timer with the clock and reports itself idle, which is what lets the engine's
//! "advance" step through virtual time without skipping the worker's timers.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;
use std::time::Instant;

use rquickjs::function::This;
use rquickjs::promise::PromiseState;
use rquickjs::{Context, Ctx, Function, Object, Persistent, Promise, Runtime, Value};
use serde_json::Value as Json;
use syncscope_engine::{Clock, Outcome};
use tokio::sync::{mpsc, oneshot, watch};

use crate::console::{ConsoleLevel, ConsoleSink};
pub(crate) use crate::dispatch::DispatchResult;
use crate::error::{ScriptError, WorkerError};
pub(crate) use crate::idle::IdleState;
pub(crate) use crate::inbox::Inbox;
use crate::init::{Role, WorkerInit};
use crate::js_results::{result_from_js, value_to_error};
pub use crate::limits::WorkerLimits;
use crate::shared::{NetOp, Shared};

/// The JavaScript that builds the service-worker global scope on the host functions.
pub(crate) const PRELUDE: &str = include_str!("../js/dist/prelude.js");

pub(crate) struct PendingDispatch {
    id: u64,
    promise: Persistent<Promise<'static>>,
    reply: oneshot::Sender<DispatchResult>,
    /// An event (result `{status, …}`) or a plain call (any result).
    is_event: bool,
}

/// Why the loop must end.
pub(crate) enum Fatal {
    Interrupted,
    OutOfMemory,
    Abandoned,
    /// Replaced by a newer version, with no event left running.
    Retired,
    Shutdown,
}

/// Starts a worker thread. `ready` receives the outcome of evaluating the script.
pub(crate) fn spawn(
    init: WorkerInit,
    rx: mpsc::UnboundedReceiver<Inbox>,
    tx: mpsc::UnboundedSender<Inbox>,
    ready: oneshot::Sender<Result<(), WorkerError>>,
) -> std::io::Result<std::thread::JoinHandle<()>> {
    let name = format!("sw-{}", init.sw.id);
    std::thread::Builder::new()
        .name(name)
        .spawn(move || run(init, rx, tx, ready))
}

fn run(
    mut init: WorkerInit,
    mut rx: mpsc::UnboundedReceiver<Inbox>,
    tx: mpsc::UnboundedSender<Inbox>,
    ready: oneshot::Sender<Result<(), WorkerError>>,
) {
    let idle = init.idle.clone();
    let scope = init.sw.scope.clone();
    let requeue = std::mem::replace(&mut init.requeue, Box::new(|_| {}));
    let is_worker = matches!(init.role, Role::Worker);
    match Worker::start(init, tx) {
        Ok(mut worker) => {
            let _ = ready.send(Ok(()));
            worker.event_loop(&mut rx);
            let restartable = is_worker && !matches!(worker.fatal, Some(Fatal::Shutdown));
            worker.stop();
            // Events that arrived while the worker was stopping were never run: a recycled worker hands them
            // back to the host, which starts a fresh worker for them; a shut-down one fails them.
            rx.close();
            let mut leftovers = Vec::new();
            while let Ok(msg) = rx.try_recv() {
                match msg {
                    Inbox::Dispatch { .. } if restartable => leftovers.push(msg),
                    Inbox::Dispatch { reply, .. } | Inbox::Call { reply, .. } => {
                        let _ = reply.send(
                            Outcome::Failed {
                                reason: "the worker was shut down".into(),
                            }
                            .into(),
                        );
                    }
                    _ => {}
                }
            }
            if !leftovers.is_empty() {
                requeue(leftovers);
            }
        }
        Err(e) => {
            tracing::warn!(%scope, error = %e, "worker failed to start");
            let reason = e.to_string();
            let _ = ready.send(Err(e));
            // Answer whatever was queued for it, so nothing waits forever.
            rx.close();
            while let Ok(msg) = rx.try_recv() {
                match msg {
                    Inbox::Dispatch { reply, .. } | Inbox::Call { reply, .. } => {
                        let _ = reply.send(
                            Outcome::Failed {
                                reason: reason.clone(),
                            }
                            .into(),
                        );
                    }
                    Inbox::Eval { reply, .. } => {
                        let _ = reply.send(Err(ScriptError::new(reason.clone(), String::new())));
                    }
                    _ => {}
                }
            }
        }
    }
    idle.send_replace(IdleState {
        idle: true,
        next_timer: None,
        network: None,
    });
}

pub(crate) struct Worker {
    // Field order is drop order: JavaScript handles before the context, the context before the runtime.
    pub(crate) pending: Vec<PendingDispatch>,
    pub(crate) ctx: Context,
    pub(crate) rt: Runtime,
    pub(crate) shared: Rc<RefCell<Shared>>,
    pub(crate) deadline: Rc<Cell<Option<Instant>>>,
    pub(crate) interrupted: Rc<Cell<bool>>,
    pub(crate) local: tokio::runtime::Runtime,
    pub(crate) clock: Clock,
    pub(crate) limits: WorkerLimits,
    pub(crate) idle: Arc<watch::Sender<IdleState>>,
    pub(crate) console: ConsoleSink,
    pub(crate) scope: String,
    pub(crate) fatal: Option<Fatal>,
    /// A newer version took over; stop once no event is running.
    pub(crate) retiring: bool,
    pub(crate) code_cache: Arc<crate::code_cache::CodeCache>,
    /// Gives this context's IndexedDB locks back when it ends.
    pub(crate) idb_owner: Rc<crate::idb_locks::LockOwner>,
}

impl Worker {
    /// Runs `f` inside the context with the task-time deadline armed.
    pub(crate) fn enter<R>(&self, f: impl FnOnce(Ctx<'_>) -> R) -> R {
        self.deadline
            .set(Some(Instant::now() + self.limits.max_task_time));
        let r = self.ctx.with(f);
        self.deadline.set(None);
        r
    }

    pub(crate) fn after_entry(&mut self) {
        if self.interrupted.get() && self.fatal.is_none() {
            self.fatal = Some(Fatal::Interrupted);
        }
    }

    /// Runs every queued microtask (HTML's microtask checkpoint).
    pub(crate) fn drain_jobs(&mut self) {
        self.deadline
            .set(Some(Instant::now() + self.limits.max_task_time));
        loop {
            match self.rt.execute_pending_job() {
                Ok(true) => continue,
                Ok(false) => break,
                Err(job) => {
                    let err = job.0.with(|ctx| {
                        let v = ctx.catch();
                        value_to_error(&ctx, v)
                    });
                    if self.interrupted.get() {
                        break;
                    }
                    if err.message.contains("out of memory") {
                        self.fatal = Some(Fatal::OutOfMemory);
                        break;
                    }
                    self.console
                        .write(ConsoleLevel::Error, format!("Uncaught (in promise) {err}"));
                }
            }
        }
        self.deadline.set(None);
        self.after_entry();
    }

    pub(crate) fn fatal_reason(&self, f: &Fatal) -> String {
        match f {
            Fatal::Interrupted => format!(
                "the worker ran JavaScript for more than {:?} without yielding and was stopped",
                self.limits.max_task_time
            ),
            Fatal::OutOfMemory => format!(
                "the worker ran out of memory (limit {} MiB) and was stopped",
                self.limits.memory_limit / (1024 * 1024)
            ),
            Fatal::Abandoned => {
                "the worker was stopped because an event ran past max_sync_event_duration".into()
            }
            Fatal::Retired => "the worker was replaced by a newer version".into(),
            Fatal::Shutdown => "the worker was shut down".into(),
        }
    }

    fn event_loop(&mut self, rx: &mut mpsc::UnboundedReceiver<Inbox>) {
        loop {
            self.drain_jobs();
            self.settle_dispatches();
            if self.retiring && self.fatal.is_none() && self.pending.is_empty() {
                self.fatal = Some(Fatal::Retired);
            }
            if self.fatal.is_some() {
                return;
            }
            let next_timer = self.shared.borrow().timers.next_due();
            // Queued work first, without the cost of blocking: timers that are due, then messages.
            if next_timer.is_some_and(|t| t <= self.clock.now()) {
                self.fire_due_timers();
                continue;
            }
            match rx.try_recv() {
                Ok(Inbox::Shutdown) => {
                    self.fatal = Some(Fatal::Shutdown);
                    return;
                }
                Ok(msg) => {
                    self.handle(msg);
                    continue;
                }
                Err(mpsc::error::TryRecvError::Disconnected) => {
                    self.fatal = Some(Fatal::Shutdown);
                    return;
                }
                Err(mpsc::error::TryRecvError::Empty) => {}
            }
            let pending_ops = self.shared.borrow().pending_ops;
            let network = self.shared.borrow().network_wait();
            let clock = self.clock.clone();
            let idle = self.idle.clone();
            let wake = self.local.block_on(async {
                let sleep = async {
                    match next_timer {
                        Some(t) => clock.sleep_until(t).await,
                        None => futures::future::pending().await,
                    }
                };
                tokio::pin!(sleep);
                // Register the next timer with the clock before saying we are idle, so a virtual-time driver
                // that sees us idle also sees the timer.
                if futures::poll!(&mut sleep).is_ready() {
                    return None;
                }
                if rx.is_empty() {
                    if pending_ops == 0 {
                        idle.send_replace(IdleState {
                            idle: true,
                            next_timer,
                            network: None,
                        });
                    } else if network.is_some() {
                        idle.send_replace(IdleState {
                            idle: false,
                            next_timer,
                            network,
                        });
                    }
                }
                tokio::select! {
                    biased;
                    m = rx.recv() => Some(m),
                    _ = &mut sleep => None,
                }
            });
            self.idle.send_modify(|s| {
                s.idle = false;
                s.network = None;
            });
            match wake {
                None => self.fire_due_timers(),
                Some(None) | Some(Some(Inbox::Shutdown)) => {
                    self.fatal = Some(Fatal::Shutdown);
                    return;
                }
                Some(Some(msg)) => self.handle(msg),
            }
        }
    }

    fn fire_due_timers(&mut self) {
        loop {
            let now = self.clock.now();
            let Some(id) = self.shared.borrow_mut().timers.pop_due(now) else {
                return;
            };
            {
                let mut s = self.shared.borrow_mut();
                s.current_nesting = s.nesting.remove(&id).unwrap_or(0);
            }
            let r = self.call_syncscope("fireTimer", vec![Json::from(id)]);
            self.shared.borrow_mut().current_nesting = 0;
            if let Err(e) = r {
                self.console
                    .write(ConsoleLevel::Error, format!("Uncaught {e}"));
            }
            self.drain_jobs();
            if self.fatal.is_some() {
                return;
            }
        }
    }

    fn handle(&mut self, msg: Inbox) {
        match msg {
            Inbox::Dispatch {
                id,
                event,
                init,
                reply,
            } => self.start_promise(
                id,
                "__syncscope",
                "dispatch",
                vec![Json::from(event), init],
                true,
                reply,
            ),
            Inbox::Call {
                id,
                name,
                args,
                reply,
            } => self.start_promise(id, "__syncscopePage", &name, args, false, reply),
            Inbox::Eval {
                source,
                filename,
                reply,
            } => {
                let r = self.eval_script(&source, &filename, false);
                let _ = reply.send(r.map_err(|e| match e {
                    WorkerError::Script(s) => s,
                    other => ScriptError::new(other.to_string(), String::new()),
                }));
            }
            Inbox::PageDone { id, result } => {
                self.settle_call("__syncscopePage", "settle", id, result)
            }
            Inbox::Message { data, source } => {
                let r = self.enter(|ctx| -> rquickjs::Result<()> {
                    let page: Object = ctx.globals().get("__syncscopePage")?;
                    let f: Function = page.get("deliverMessage")?;
                    let data = ctx.json_parse(data.to_string())?;
                    let source = ctx.json_parse(source.to_string())?;
                    f.call::<_, ()>((This(page), data, source))
                });
                self.after_entry();
                self.report(r);
            }
            Inbox::IdbGranted { id } => {
                {
                    let mut s = self.shared.borrow_mut();
                    s.pending_ops = s.pending_ops.saturating_sub(1);
                }
                if let Err(e) = self.call_syncscope("idbGranted", vec![Json::from(id)]) {
                    self.console
                        .write(ConsoleLevel::Error, format!("Uncaught {e}"));
                }
            }
            Inbox::Abandon { id } => {
                if self.pending.iter().any(|p| p.id == id) {
                    tracing::info!(scope = %self.scope, "event cut off by the engine; stopping the worker");
                    self.pending.retain(|p| p.id != id);
                    self.fatal = Some(Fatal::Abandoned);
                }
            }
            Inbox::FetchDone { id, result, body } => {
                {
                    let mut s = self.shared.borrow_mut();
                    if s.fetches.remove(&NetOp::Fetch(id)).is_none() {
                        // Aborted: the script has its answer; a body that came along is dropped.
                        return;
                    }
                    s.pending_ops = s.pending_ops.saturating_sub(1);
                    if let Some(body) = body {
                        s.bodies.insert(id, body);
                    }
                }
                // As in Chromium, a request refused by CORS (or here by the connection policy) is also said on
                // the console, where a developer looks first; the script sees only `TypeError: Failed to fetch`.
                if let Err(msg) = &result
                    && (msg.starts_with("Access to fetch at ")
                        || msg.contains("blocked by Syncscope's connection policy"))
                {
                    self.console.write(ConsoleLevel::Error, msg.clone());
                }
                let r = self.enter(|ctx| -> rquickjs::Result<()> {
                    let sc: Object = ctx.globals().get("__syncscope")?;
                    let f: Function = sc.get("settleFetch")?;
                    match result {
                        Ok(resp) => {
                            let obj = crate::fetch::response_to_js(&ctx, resp)?;
                            f.call::<_, ()>((This(sc), id, Value::new_null(ctx.clone()), obj))
                        }
                        Err(msg) => f.call::<_, ()>((This(sc), id, msg)),
                    }
                });
                self.after_entry();
                self.report(r);
            }
            Inbox::BodyRead { id, result } => {
                {
                    let mut s = self.shared.borrow_mut();
                    if s.fetches.remove(&NetOp::Body(id)).is_none() {
                        // Cancelled while the read was under way.
                        return;
                    }
                    s.pending_ops = s.pending_ops.saturating_sub(1);
                    if !matches!(result, Ok(Some(_))) {
                        s.bodies.remove(&id);
                    }
                }
                let r = self.enter(|ctx| -> rquickjs::Result<()> {
                    let sc: Object = ctx.globals().get("__syncscope")?;
                    let f: Function = sc.get("settleBody")?;
                    let null = Value::new_null(ctx.clone());
                    match result {
                        Ok(Some(bytes)) => {
                            let chunk = rquickjs::TypedArray::<u8>::new(ctx.clone(), bytes)?;
                            f.call::<_, ()>((This(sc), id, null, chunk))
                        }
                        Ok(None) => f.call::<_, ()>((This(sc), id, null.clone(), null)),
                        Err(msg) => f.call::<_, ()>((This(sc), id, msg)),
                    }
                });
                self.after_entry();
                self.report(r);
            }
            Inbox::EngineDone { id, result } => {
                self.settle_call("__syncscope", "settleEngine", id, result)
            }
            Inbox::SetOnline(online) => {
                if let Err(e) = self.call_syncscope("setOnline", vec![Json::from(online)]) {
                    self.console.write(ConsoleLevel::Error, e.to_string());
                }
            }
            Inbox::Retire => self.retiring = true,
            Inbox::Shutdown => self.fatal = Some(Fatal::Shutdown),
        }
    }

    /// Settles a host call (an engine or page operation) with `globalThis[target][function](id, error, result)`:
    /// the result as JSON, or the error as `{name, message}` (a DOMException for the prelude to build).
    fn settle_call(
        &mut self,
        target: &str,
        function: &str,
        id: u32,
        result: Result<Json, (String, String)>,
    ) {
        {
            let mut s = self.shared.borrow_mut();
            s.pending_ops = s.pending_ops.saturating_sub(1);
        }
        let r = self.enter(|ctx| -> rquickjs::Result<()> {
            let obj: Object = ctx.globals().get(target)?;
            let f: Function = obj.get(function)?;
            match result {
                Ok(v) => {
                    let v = ctx.json_parse(v.to_string())?;
                    f.call::<_, ()>((This(obj), id, Value::new_null(ctx.clone()), v))
                }
                Err((name, message)) => {
                    let e = Object::new(ctx.clone())?;
                    e.set("name", name)?;
                    e.set("message", message)?;
                    f.call::<_, ()>((This(obj), id, e))
                }
            }
        });
        self.after_entry();
        self.report(r);
    }

    fn report(&mut self, r: rquickjs::Result<()>) {
        if let Err(e) = r {
            let err = self.ctx.with(|ctx| {
                let v = ctx.catch();
                if v.is_undefined() {
                    ScriptError::new(e.to_string(), String::new())
                } else {
                    value_to_error(&ctx, v)
                }
            });
            if err.message.contains("out of memory") {
                self.fatal = Some(Fatal::OutOfMemory);
            } else if !self.interrupted.get() {
                self.console
                    .write(ConsoleLevel::Error, format!("Uncaught {err}"));
            }
        }
    }

    /// Starts `__syncscope.dispatch(event, init)` (an event) or `__syncscopePage[name](...args)` (a call) and
    /// keeps its promise until it settles.
    fn start_promise(
        &mut self,
        id: u64,
        target: &str,
        name: &str,
        args: Vec<Json>,
        is_event: bool,
        reply: oneshot::Sender<DispatchResult>,
    ) {
        let r = self.enter(|ctx| -> rquickjs::Result<Persistent<Promise<'static>>> {
            let obj: Object = ctx.globals().get(target)?;
            let f: Function = obj.get(name)?;
            let mut js_args = rquickjs::function::Args::new(ctx.clone(), args.len());
            js_args.this(obj)?;
            for a in &args {
                js_args.push_arg(ctx.json_parse(a.to_string())?)?;
            }
            let v: Value = f.call_arg(js_args)?;
            let p = match v.into_promise() {
                Some(p) => p,
                None => {
                    // A plain value: wrap it so it settles like a promise.
                    let (p, resolve, _) = ctx.promise()?;
                    resolve.call::<_, ()>((Value::new_undefined(ctx.clone()),))?;
                    p
                }
            };
            Ok(Persistent::save(&ctx, p))
        });
        self.after_entry();
        match r {
            Ok(promise) => self.pending.push(PendingDispatch {
                id,
                promise,
                reply,
                is_event,
            }),
            Err(_) if self.fatal.is_some() => {
                // Interrupted (or out of memory) inside the listeners.
                self.ctx.with(|ctx| {
                    ctx.catch();
                });
                let outcome = self.fatal_outcome();
                let _ = reply.send(outcome.into());
            }
            Err(e) => {
                let reason = self.ctx.with(|ctx| value_to_error(&ctx, ctx.catch()));
                let _ = reply.send(
                    Outcome::Failed {
                        reason: if reason.message.is_empty() {
                            e.to_string()
                        } else {
                            reason.to_string()
                        },
                    }
                    .into(),
                );
            }
        }
    }

    fn fatal_outcome(&self) -> Outcome {
        match &self.fatal {
            Some(Fatal::Interrupted) => Outcome::TimedOut,
            Some(f) => Outcome::Failed {
                reason: self.fatal_reason(f),
            },
            None => Outcome::Failed {
                reason: "the worker stopped".into(),
            },
        }
    }

    /// Replies for every dispatch or call whose promise has settled.
    fn settle_dispatches(&mut self) {
        if self.fatal.is_some() {
            let outcome = self.fatal_outcome();
            for p in self.pending.drain(..) {
                let _ = p.reply.send(outcome.clone().into());
            }
            return;
        }
        let mut i = 0;
        while i < self.pending.len() {
            let is_event = self.pending[i].is_event;
            let settled = self.ctx.with(|ctx| -> Option<DispatchResult> {
                let p = self.pending[i].promise.clone().restore(&ctx).ok()?;
                match p.state() {
                    PromiseState::Pending => None,
                    PromiseState::Resolved => {
                        let v: Value = p.result::<Value>()?.ok()?;
                        Some(result_from_js(v, is_event))
                    }
                    PromiseState::Rejected => {
                        let _ = p.result::<Value>();
                        let err = value_to_error(&ctx, ctx.catch());
                        Some(
                            Outcome::Failed {
                                reason: err.to_string(),
                            }
                            .into(),
                        )
                    }
                }
            });
            match settled {
                // QuickJS lets scripts catch its out-of-memory error; the heap is still exhausted, so the worker
                // is recycled as if the exception had escaped.
                Some(DispatchResult {
                    outcome: Outcome::WaitUntilRejected { reason } | Outcome::Failed { reason },
                    ..
                }) if reason.contains("InternalError: out of memory") => {
                    self.fatal = Some(Fatal::OutOfMemory);
                    let p = self.pending.remove(i);
                    let _ = p.reply.send(
                        Outcome::Failed {
                            reason: self.fatal_reason(&Fatal::OutOfMemory),
                        }
                        .into(),
                    );
                }
                Some(result) => {
                    let p = self.pending.remove(i);
                    let _ = p.reply.send(result);
                }
                None => i += 1,
            }
        }
    }

    fn stop(mut self) {
        let reason = self.fatal.as_ref().map(|f| self.fatal_reason(f));
        if let Some(reason) = &reason {
            if !matches!(self.fatal, Some(Fatal::Shutdown | Fatal::Retired)) {
                self.console.write(ConsoleLevel::Error, reason.clone());
            }
            tracing::info!(scope = %self.scope, "{reason}");
        }
        let outcome = match self.fatal {
            Some(Fatal::Interrupted) => Outcome::TimedOut,
            _ => Outcome::Failed {
                reason: reason.unwrap_or_default(),
            },
        };
        for p in self.pending.drain(..) {
            let _ = p.reply.send(outcome.clone().into());
        }
        let mut shared = self.shared.borrow_mut();
        for (_, f) in shared.fetches.drain() {
            if let Some(h) = f.handle {
                h.abort();
            }
        }
        // Dropping a body ends its read and closes its connection.
        shared.bodies.clear();
        // Persistents are gone; the context and runtime drop in field order.
    }
}
