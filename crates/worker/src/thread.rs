//! One worker: a dedicated OS thread that owns a QuickJS runtime and runs its event loop in Rust.
//!
//! The loop follows HTML's model: take one task (a message from the engine, a host operation's completion,
//! or a due timer), run it, then drain the microtask queue; repeat. Timers are due on the engine's clock, so
//! under a virtual clock a `setTimeout` inside a handler waits for virtual time. Before the thread blocks it
//! registers its next timer with the clock and reports itself idle, which is what lets the engine's
//! "advance" step through virtual time without skipping the worker's timers.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rquickjs::function::{Opt, This};
use rquickjs::promise::PromiseState;
use rquickjs::{
    CatchResultExt, CaughtError, Context, Ctx, Exception, Function, Object, Persistent, Promise,
    Runtime, Value,
};
use serde_json::Value as Json;
use syncscope_engine::{Clock, Outcome};
use tokio::sync::{broadcast, mpsc, oneshot, watch};
use url::Url;

use crate::console::{ConsoleLevel, ConsoleLine};
pub(crate) use crate::dispatch::DispatchResult;
use crate::error::{ScriptError, WorkerError};
use crate::fetch::FetchRequest;
pub(crate) use crate::idle::{IdleState, NetworkWait};
pub(crate) use crate::inbox::Inbox;
use crate::init::{Role, WorkerInit};
use crate::js_values;
pub use crate::limits::WorkerLimits;
use crate::ops::{self, OpContext};
use crate::timers::Timers;

/// The JavaScript that builds the service-worker global scope on the host functions.
pub(crate) const PRELUDE: &str = include_str!("../js/dist/prelude.js");

/// The prelude compiled to QuickJS bytecode (as a module), once per process.
fn prelude_bytecode() -> Result<&'static [u8], WorkerError> {
    static BYTECODE: std::sync::OnceLock<Result<Vec<u8>, String>> = std::sync::OnceLock::new();
    BYTECODE
        .get_or_init(|| {
            let rt = Runtime::new().map_err(|e| e.to_string())?;
            let ctx = Context::full(&rt).map_err(|e| e.to_string())?;
            ctx.with(|ctx| {
                rquickjs::Module::declare(ctx.clone(), "syncscope:prelude", PRELUDE)
                    .and_then(|m| m.write(rquickjs::module::WriteOptions::default()))
                    .catch(&ctx)
                    .map_err(|e| caught_to_error(&e).to_string())
            })
        })
        .as_ref()
        .map(Vec::as_slice)
        .map_err(|e| WorkerError::Runtime(format!("cannot compile the prelude: {e}")))
}

/// State shared between the loop and the host functions (same thread; no JavaScript values inside).
struct Shared {
    timers: Timers,
    /// HTML's timer nesting level of each pending timer, and of the one running now.
    nesting: HashMap<u32, u32>,
    current_nesting: u32,
    pending_ops: usize,
    fetches: HashMap<NetOp, InFlightFetch>,
    /// Bodies of responses still being read, by their fetch's id.
    bodies: HashMap<u32, crate::body_stream::BodyHandle>,
}

/// A network wait: a `fetch` until its head, or a read of its body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum NetOp {
    Fetch(u32),
    Body(u32),
}

/// A `fetch` or a body read in flight.
struct InFlightFetch {
    /// Set for fetches (a body read is ended by dropping its body).
    handle: Option<tokio::task::AbortHandle>,
    started: Instant,
    /// `GET https://…`, for reports of what a worker waits for.
    request: String,
}

impl Shared {
    /// Set when every pending operation is a network request.
    fn network_wait(&self) -> Option<NetworkWait> {
        if self.pending_ops == 0 || self.pending_ops != self.fetches.len() {
            return None;
        }
        let newest = self.fetches.values().map(|f| f.started).max()?;
        let oldest = self.fetches.values().min_by_key(|f| f.started)?;
        Some(NetworkWait {
            newest,
            oldest: oldest.started,
            oldest_request: oldest.request.clone(),
            count: self.fetches.len(),
        })
    }
}

struct PendingDispatch {
    id: u64,
    promise: Persistent<Promise<'static>>,
    reply: oneshot::Sender<DispatchResult>,
    /// An event (result `{status, …}`) or a plain call (any result).
    is_event: bool,
}

/// Why the loop must end.
enum Fatal {
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

struct Worker {
    // Field order is drop order: JavaScript handles before the context, the context before the runtime.
    pending: Vec<PendingDispatch>,
    ctx: Context,
    rt: Runtime,
    shared: Rc<RefCell<Shared>>,
    deadline: Rc<Cell<Option<Instant>>>,
    interrupted: Rc<Cell<bool>>,
    local: tokio::runtime::Runtime,
    clock: Clock,
    limits: WorkerLimits,
    idle: Arc<watch::Sender<IdleState>>,
    console: ConsoleSink,
    scope: String,
    fatal: Option<Fatal>,
    /// A newer version took over; stop once no event is running.
    retiring: bool,
    code_cache: Arc<crate::code_cache::CodeCache>,
    /// Gives this context's IndexedDB locks back when it ends.
    idb_owner: Rc<crate::idb_locks::LockOwner>,
}

/// Writes console lines to the host's stream and to tracing.
#[derive(Clone)]
pub(crate) struct ConsoleSink {
    pub clock: Clock,
    pub sw: syncscope_engine::SwRegistrationId,
    pub context: String,
    pub tx: broadcast::Sender<ConsoleLine>,
}

impl ConsoleSink {
    pub fn write(&self, level: ConsoleLevel, text: String) {
        tracing::debug!(sw = %self.sw, level = level.as_str(), "{text}");
        let _ = self.tx.send(ConsoleLine {
            at: self.clock.now(),
            sw_registration_id: self.sw,
            context: self.context.clone(),
            level,
            text,
        });
    }
}

impl Worker {
    fn start(init: WorkerInit, tx: mpsc::UnboundedSender<Inbox>) -> Result<Worker, WorkerError> {
        let local = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .map_err(|e| WorkerError::Runtime(e.to_string()))?;
        let rt = Runtime::new().map_err(|e| WorkerError::Runtime(e.to_string()))?;
        rt.set_memory_limit(init.limits.memory_limit);
        rt.set_max_stack_size(init.limits.max_stack_size);
        let deadline: Rc<Cell<Option<Instant>>> = Rc::new(Cell::new(None));
        let interrupted = Rc::new(Cell::new(false));
        {
            let deadline = deadline.clone();
            let interrupted = interrupted.clone();
            rt.set_interrupt_handler(Some(Box::new(move || {
                let over = matches!(deadline.get(), Some(t) if Instant::now() >= t);
                if over {
                    interrupted.set(true);
                }
                over
            })));
        }
        let script_bytes = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
        if init.module {
            rt.set_loader(
                crate::modules::ModuleResolver,
                crate::modules::ModuleLoader {
                    origin: init.sw.origin.as_str().to_string(),
                    source: init.source.clone(),
                    runtime: init.runtime.clone(),
                    http: init.http.clone(),
                    timeout: init.limits.script_timeout,
                    script_bytes: script_bytes.clone(),
                },
            );
        }
        let ctx = Context::full(&rt).map_err(|e| WorkerError::Runtime(e.to_string()))?;
        let shared = Rc::new(RefCell::new(Shared {
            timers: Timers::default(),
            nesting: HashMap::new(),
            current_nesting: 0,
            pending_ops: 0,
            fetches: HashMap::new(),
            bodies: HashMap::new(),
        }));
        let console = ConsoleSink {
            clock: init.clock.clone(),
            sw: init.sw.id,
            context: match init.role {
                Role::Worker => "worker".into(),
                Role::Page(ref p) => p.client_id.clone(),
            },
            tx: init.console.clone(),
        };
        let script_url = Url::parse(&init.sw.script_url).map_err(|e| WorkerError::Load {
            url: init.sw.script_url.clone(),
            reason: e.to_string(),
        })?;
        let op_ctx = Rc::new(OpContext {
            sw: init.sw.clone(),
            source: init.source.clone(),
            runtime: init.runtime.clone(),
            http: init.http.clone(),
            script_timeout: init.limits.script_timeout,
            max_body: init.limits.memory_limit,
            engine: init.engine.clone(),
            tx,
            services: init.services.clone(),
            clients: init.clients.clone(),
            page: match &init.role {
                Role::Worker => None,
                Role::Page(p) => Some(p.clone()),
            },
            script_bytes,
        });
        let mut worker = Worker {
            pending: Vec::new(),
            ctx,
            rt,
            shared,
            deadline,
            interrupted,
            local,
            clock: init.clock.clone(),
            limits: init.limits.clone(),
            idle: init.idle.clone(),
            console,
            scope: init.sw.scope.clone(),
            fatal: None,
            retiring: false,
            code_cache: init.code_cache.clone(),
            idb_owner: Rc::new(crate::idb_locks::LockOwner {
                locks: init.idb_locks.clone(),
                owner: crate::idb_locks::IdbLocks::new_owner(),
            }),
        };
        worker.install_host(op_ctx.clone())?;
        worker.eval_prelude()?;
        let init_arg = serde_json::json!({
            "scriptURL": init.sw.script_url,
            "scope": init.sw.scope,
            "origin": init.sw.origin.as_str(),
            "online": init.online,
        });
        worker.call_syncscope("init", vec![init_arg])?;
        match &init.role {
            Role::Worker => {
                let source = op_ctx.source.load(
                    init.sw.origin.as_str(),
                    &script_url,
                    &init.runtime,
                    &init.http,
                    init.limits.script_timeout,
                )?;
                op_ctx
                    .script_bytes
                    .fetch_add(source.len() as u64, std::sync::atomic::Ordering::Relaxed);
                if init.module {
                    worker.eval_module(&source, script_url.as_str())?;
                } else {
                    worker.eval_script(&source, script_url.as_str(), true)?;
                }
            }
            Role::Page(page) => {
                worker.install_page_host(page.clone(), op_ctx.clone())?;
                worker.eval_script(crate::page::OVERLAY, "syncscope:page", true)?;
                worker.call_page_init(page)?;
            }
        }
        worker.drain_jobs();
        if let Some(f) = &worker.fatal {
            return Err(WorkerError::Script(ScriptError::new(
                worker.fatal_reason(f),
                String::new(),
            )));
        }
        Ok(worker)
    }

    /// Runs `f` inside the context with the task-time deadline armed.
    fn enter<R>(&self, f: impl FnOnce(Ctx<'_>) -> R) -> R {
        self.deadline
            .set(Some(Instant::now() + self.limits.max_task_time));
        let r = self.ctx.with(f);
        self.deadline.set(None);
        r
    }

    /// Runs the prelude from bytecode compiled once per process (parsing its ~150 KB for every worker
    /// would dominate a worker's cold start).
    fn eval_prelude(&mut self) -> Result<(), WorkerError> {
        let bytecode = prelude_bytecode()?;
        let result = self.enter(|ctx| -> Result<(), ScriptError> {
            let run = || -> rquickjs::Result<()> {
                // SAFETY: the bytes were written by `Module::write` of this same QuickJS build, in this process.
                let module = unsafe { rquickjs::Module::load(ctx.clone(), bytecode) }?;
                let (_module, promise) = module.eval()?;
                promise.finish::<()>()
            };
            run().catch(&ctx).map_err(|e| caught_to_error(&e))
        });
        self.after_entry();
        result.map_err(WorkerError::Script)
    }

    /// Evaluates a module worker's script (its imports load through the runtime's module loader).
    fn eval_module(&mut self, source: &str, url: &str) -> Result<(), WorkerError> {
        let result = self.enter(|ctx| -> Result<Persistent<Promise<'static>>, ScriptError> {
            let run = || -> rquickjs::Result<Promise<'_>> {
                let (_module, promise) =
                    rquickjs::Module::declare(ctx.clone(), url, source)?.eval()?;
                Ok(promise)
            };
            run()
                .map(|p| Persistent::save(&ctx, p))
                .catch(&ctx)
                .map_err(|e| caught_to_error(&e))
        });
        self.after_entry();
        let promise = result.map_err(WorkerError::Script)?;
        // Top-level await and the imports' evaluation settle through jobs.
        self.drain_jobs();
        let outcome = self.ctx.with(|ctx| -> Result<(), ScriptError> {
            let p = promise
                .restore(&ctx)
                .map_err(|e| ScriptError::new(e.to_string(), String::new()))?;
            match p.state() {
                PromiseState::Rejected => {
                    let _ = p.result::<Value>();
                    Err(value_to_error(&ctx, ctx.catch()))
                }
                _ => Ok(()),
            }
        });
        outcome.map_err(WorkerError::Script)
    }

    /// Runs a classic script in the global scope; `cached`: through the host's code cache (a worker's main
    /// script, the page overlay), else compiled each time (one-off snippets).
    fn eval_script(
        &mut self,
        source: &str,
        filename: &str,
        cached: bool,
    ) -> Result<(), WorkerError> {
        let cache = self.code_cache.clone();
        let result = self.enter(|ctx| {
            let ran = if cached {
                cache.run_script(&ctx, source, filename)
            } else {
                let mut opts = rquickjs::context::EvalOptions::default();
                opts.global = true;
                opts.strict = false;
                opts.filename = Some(filename.to_string());
                ctx.eval_with_options::<(), _>(source, opts)
            };
            ran.catch(&ctx).map_err(|e| caught_to_error(&e))
        });
        if self.interrupted.get() {
            self.fatal = Some(Fatal::Interrupted);
        }
        result.map_err(|e| {
            if e.message.contains("out of memory") {
                self.fatal = Some(Fatal::OutOfMemory);
            }
            WorkerError::Script(e)
        })
    }

    /// Calls `__syncscope[name](...args)` with JSON arguments.
    fn call_syncscope(&mut self, name: &str, args: Vec<Json>) -> Result<(), WorkerError> {
        let result = self.enter(|ctx| -> Result<(), ScriptError> {
            let run = || -> rquickjs::Result<()> {
                let sc: Object = ctx.globals().get("__syncscope")?;
                let f: Function = sc.get(name)?;
                let mut js_args = rquickjs::function::Args::new(ctx.clone(), args.len());
                js_args.this(sc)?;
                for a in &args {
                    js_args.push_arg(ctx.json_parse(a.to_string())?)?;
                }
                f.call_arg::<()>(js_args)
            };
            run().catch(&ctx).map_err(|e| caught_to_error(&e))
        });
        self.after_entry();
        result.map_err(WorkerError::Script)
    }

    fn after_entry(&mut self) {
        if self.interrupted.get() && self.fatal.is_none() {
            self.fatal = Some(Fatal::Interrupted);
        }
    }

    /// Runs every queued microtask (HTML's microtask checkpoint).
    fn drain_jobs(&mut self) {
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

    fn fatal_reason(&self, f: &Fatal) -> String {
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

    /// Installs `__syncscopePageHost.call(id, op, args)`: the page overlay's asynchronous operations
    /// (`navigator.serviceWorker`, `reg.sync`, the `syncscope` test controls), settled with [`Inbox::PageDone`].
    fn install_page_host(
        &mut self,
        page: crate::init::PageInit,
        ops: Rc<OpContext>,
    ) -> Result<(), WorkerError> {
        let shared = self.shared.clone();
        let r = self.ctx.with(|ctx| -> rquickjs::Result<()> {
            let host = Object::new(ctx.clone())?;
            host.set(
                "call",
                Function::new(
                    ctx.clone(),
                    move |id: u32, op: String, args: Opt<Value<'_>>| -> rquickjs::Result<()> {
                        let args = match args.0 {
                            Some(v) if !v.is_undefined() => js_values::json_of(&v)?,
                            _ => Json::Array(vec![]),
                        };
                        page.spawn_call(&ops, id, op, args);
                        shared.borrow_mut().pending_ops += 1;
                        Ok(())
                    },
                )?,
            )?;
            ctx.globals().set("__syncscopePageHost", host)?;
            Ok(())
        });
        r.map_err(|e| WorkerError::Runtime(e.to_string()))
    }

    fn call_page_init(&mut self, page: &crate::init::PageInit) -> Result<(), WorkerError> {
        let arg = serde_json::json!({ "url": page.url, "clientId": page.client_id });
        let result = self.enter(|ctx| -> Result<(), ScriptError> {
            let run = || -> rquickjs::Result<()> {
                let p: Object = ctx.globals().get("__syncscopePage")?;
                let f: Function = p.get("init")?;
                f.call::<_, ()>((This(p), ctx.json_parse(arg.to_string())?))
            };
            run().catch(&ctx).map_err(|e| caught_to_error(&e))
        });
        self.after_entry();
        result.map_err(WorkerError::Script)
    }

    /// Installs `__syncscopeHost`: the functions the prelude builds the global scope on.
    fn install_host(&mut self, ops: Rc<OpContext>) -> Result<(), WorkerError> {
        let storage = crate::storage::Storage::new(
            ops.engine.db_path().to_path_buf(),
            ops.sw.origin.clone(),
            self.limits.storage_quota,
            ops.script_bytes.clone(),
        );
        let shared = self.shared.clone();
        let clock = self.clock.clone();
        let console = self.console.clone();
        let idb_owner = self.idb_owner.clone();
        let r = self.ctx.with(|ctx| -> rquickjs::Result<()> {
            let host = Object::new(ctx.clone())?;
            {
                let clock = clock.clone();
                host.set(
                    "now",
                    Function::new(ctx.clone(), move || clock.now().as_millis() as f64)?,
                )?;
            }
            {
                let shared = shared.clone();
                let clock = clock.clone();
                host.set(
                    "setTimer",
                    Function::new(ctx.clone(), move |id: u32, delay: f64, task: Opt<bool>| {
                        let mut delay = if delay.is_finite() && delay > 0.0 {
                            delay.min(2_147_483_647.0) as u64
                        } else {
                            0
                        };
                        let mut s = shared.borrow_mut();
                        // HTML: timers nested more than 5 deep wait at least 4 ms. This is also what keeps
                        // `setInterval(f, 0)` from spinning forever on a paused virtual clock. A `task` (another
                        // task source, e.g. IndexedDB's steps) is never clamped and starts no nesting: level 0, so
                        // timers its callback sets start at level 1.
                        let level = if task.0 == Some(true) {
                            0
                        } else {
                            s.current_nesting + 1
                        };
                        if level > 5 && delay < 4 {
                            delay = 4;
                        }
                        s.nesting.insert(id, level);
                        let due = clock.now() + Duration::from_millis(delay);
                        s.timers.set(id, due);
                    })?,
                )?;
            }
            {
                let shared = shared.clone();
                host.set(
                    "clearTimer",
                    Function::new(ctx.clone(), move |id: u32| {
                        let mut s = shared.borrow_mut();
                        s.timers.clear(id);
                        s.nesting.remove(&id);
                    })?,
                )?;
            }
            {
                let console = console.clone();
                host.set(
                    "console",
                    Function::new(ctx.clone(), move |level: String, text: String| {
                        console.write(ConsoleLevel::parse(&level), text);
                    })?,
                )?;
            }
            host.set(
                "urlParse",
                Function::new(ctx.clone(), js_values::url_parse)?,
            )?;
            host.set(
                "utf8Encode",
                Function::new(ctx.clone(), js_values::utf8_encode)?,
            )?;
            host.set(
                "utf8Decode",
                Function::new(ctx.clone(), js_values::utf8_decode)?,
            )?;
            host.set(
                "randomBytes",
                Function::new(ctx.clone(), js_values::random_bytes)?,
            )?;
            {
                let ops = ops.clone();
                host.set(
                    "importScripts",
                    Function::new(ctx.clone(), move |ctx: Ctx<'_>, url: String| {
                        ops::import_script(&ctx, &ops, &url)
                    })?,
                )?;
            }
            {
                let ops = ops.clone();
                let shared = shared.clone();
                host.set(
                    "fetch",
                    Function::new(
                        ctx.clone(),
                        move |id: u32, req: Object<'_>| -> rquickjs::Result<()> {
                            let request = FetchRequest::from_js(&req)?;
                            let what = format!("{} {}", request.method, request.url);
                            let handle = ops.spawn_fetch(id, request, what.clone());
                            let mut s = shared.borrow_mut();
                            s.pending_ops += 1;
                            s.fetches.insert(
                                NetOp::Fetch(id),
                                InFlightFetch {
                                    handle: Some(handle),
                                    started: Instant::now(),
                                    request: what,
                                },
                            );
                            Ok(())
                        },
                    )?,
                )?;
            }
            {
                let shared = shared.clone();
                host.set(
                    "abortFetch",
                    Function::new(ctx.clone(), move |id: u32| {
                        // The prelude has already rejected the fetch with the signal's reason; a completion
                        // that was on its way is ignored (its entry is gone).
                        let mut s = shared.borrow_mut();
                        if let Some(f) = s.fetches.remove(&NetOp::Fetch(id)) {
                            if let Some(h) = f.handle {
                                h.abort();
                            }
                            s.pending_ops = s.pending_ops.saturating_sub(1);
                        }
                    })?,
                )?;
            }
            {
                let shared = shared.clone();
                host.set(
                    "readBody",
                    Function::new(ctx.clone(), move |id: u32, rest: bool| -> bool {
                        let mut s = shared.borrow_mut();
                        let pull = if rest {
                            crate::body_stream::Pull::Rest
                        } else {
                            crate::body_stream::Pull::Next
                        };
                        let Some(body) = s.bodies.get(&id) else {
                            return false;
                        };
                        if !body.pull(pull) {
                            return false;
                        }
                        let request = format!("{} (reading its body)", body.request);
                        s.pending_ops += 1;
                        s.fetches.insert(
                            NetOp::Body(id),
                            InFlightFetch {
                                handle: None,
                                started: Instant::now(),
                                request,
                            },
                        );
                        true
                    })?,
                )?;
            }
            {
                let shared = shared.clone();
                host.set(
                    "cancelBody",
                    Function::new(ctx.clone(), move |id: u32| {
                        let mut s = shared.borrow_mut();
                        s.bodies.remove(&id);
                        // A read in flight will not report back.
                        if s.fetches.remove(&NetOp::Body(id)).is_some() {
                            s.pending_ops = s.pending_ops.saturating_sub(1);
                        }
                    })?,
                )?;
            }
            {
                let ops = ops.clone();
                let shared = shared.clone();
                host.set(
                    "engine",
                    Function::new(
                        ctx.clone(),
                        move |id: u32, op: String, args: Opt<Value<'_>>| -> rquickjs::Result<()> {
                            let args = match args.0 {
                                Some(v) if !v.is_undefined() => js_values::json_of(&v)?,
                                _ => Json::Array(vec![]),
                            };
                            ops.spawn_engine_call(id, op, args);
                            shared.borrow_mut().pending_ops += 1;
                            Ok(())
                        },
                    )?,
                )?;
            }
            storage.install(&ctx, &host)?;
            {
                // IndexedDB transactions take a lock shared with the origin's other contexts before they start
                // (idb.js): [id, granted]; a lock not granted at once arrives later as Inbox::IdbGranted.
                let owner = idb_owner.clone();
                let waiting = shared.clone();
                let tx = ops.tx.clone();
                let notify: crate::idb_locks::Notify =
                    Arc::new(move |id| tx.send(Inbox::IdbGranted { id }).is_ok());
                let origin = ops.sw.origin.as_str().to_string();
                host.set(
                    "idbLock",
                    Function::new(
                        ctx.clone(),
                        move |db: String,
                              scope: Option<Vec<String>>,
                              exclusive: bool|
                              -> rquickjs::Result<Vec<f64>> {
                            let ticket = owner.locks.acquire(
                                owner.owner,
                                &origin,
                                &db,
                                scope.map(|s| s.into_iter().collect()),
                                exclusive,
                                notify.clone(),
                            );
                            if !ticket.granted {
                                // Waiting for another context is not idle: the grant is work to come.
                                waiting.borrow_mut().pending_ops += 1;
                            }
                            Ok(vec![ticket.id as f64, f64::from(u8::from(ticket.granted))])
                        },
                    )?,
                )?;
                let owner = idb_owner.clone();
                let shared = shared.clone();
                host.set(
                    "idbUnlock",
                    Function::new(ctx.clone(), move |id: f64| {
                        if owner.locks.release(id as u64) {
                            // Given up while waiting (an aborted transaction): no grant will come.
                            let mut s = shared.borrow_mut();
                            s.pending_ops = s.pending_ops.saturating_sub(1);
                        }
                    })?,
                )?;
            }
            ctx.globals().set("__syncscopeHost", host)?;
            Ok(())
        });
        r.map_err(|e| WorkerError::Runtime(e.to_string()))
    }
}

/// Reads a settled promise's value: for events the prelude's `{status, reason, response?}`, for calls any value.
fn result_from_js(v: Value<'_>, is_event: bool) -> DispatchResult {
    let body = v
        .as_object()
        .and_then(|o| o.get::<_, Object>("response").ok())
        .and_then(|r| r.get::<_, Value>("body").ok())
        .filter(|b| b.is_object())
        .and_then(|b| js_values::bytes_of(&b).ok());
    let json = js_values::json_of(&v).unwrap_or(Json::Null);
    if !is_event {
        return DispatchResult {
            outcome: Outcome::Succeeded,
            value: json,
            body,
        };
    }
    let reason = json["reason"].as_str().unwrap_or("").to_string();
    let outcome = match json["status"].as_str() {
        Some("succeeded") => Outcome::Succeeded,
        Some("rejected") => Outcome::WaitUntilRejected { reason },
        _ => Outcome::Failed {
            reason: if reason.is_empty() {
                format!("unexpected dispatch result {json}")
            } else {
                reason
            },
        },
    };
    DispatchResult {
        outcome,
        value: json,
        body,
    }
}

fn caught_to_error(e: &CaughtError<'_>) -> ScriptError {
    match e {
        CaughtError::Exception(ex) => {
            let name: String = ex
                .as_object()
                .get::<_, String>("name")
                .unwrap_or_else(|_| "Error".into());
            let message = ex.message().unwrap_or_default();
            ScriptError::new(format!("{name}: {message}"), ex.stack().unwrap_or_default())
        }
        CaughtError::Value(v) => {
            ScriptError::new(format!("Uncaught {}", describe_value(v)), String::new())
        }
        CaughtError::Error(e) => ScriptError::new(e.to_string(), String::new()),
    }
}

fn value_to_error(ctx: &Ctx<'_>, v: Value<'_>) -> ScriptError {
    match v
        .as_object()
        .and_then(|o| Exception::from_object(o.clone()))
    {
        Some(ex) => caught_to_error(&CaughtError::Exception(ex)),
        None => {
            if v.is_null() {
                // QuickJS throws null when it cannot even allocate the error.
                return ScriptError::new("InternalError: out of memory".into(), String::new());
            }
            let _ = ctx;
            ScriptError::new(describe_value(&v), String::new())
        }
    }
}

fn describe_value(v: &Value<'_>) -> String {
    if let Some(s) = v.as_string().and_then(|s| s.to_string().ok()) {
        return s;
    }
    if let Some(n) = v.as_number() {
        return n.to_string();
    }
    format!("{:?}", v.type_of())
}
