//! Starting a context: its tokio runtime, the QuickJS runtime with its memory and stack limits and the
//! interrupt that enforces the task-time limit, the host functions, the prelude, then the worker's script (or,
//! for a page, the page overlay).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::time::Instant;

use rquickjs::{Context, Runtime};
use tokio::sync::mpsc;
use url::Url;

use crate::console::ConsoleSink;
use crate::error::{ScriptError, WorkerError};
use crate::inbox::Inbox;
use crate::init::{Role, WorkerInit};
use crate::ops::OpContext;
use crate::shared::Shared;
use crate::thread::Worker;
use crate::timers::Timers;

impl Worker {
    pub(crate) fn start(
        init: WorkerInit,
        tx: mpsc::UnboundedSender<Inbox>,
    ) -> Result<Worker, WorkerError> {
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
}
