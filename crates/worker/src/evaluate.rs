//! Running JavaScript in a context: the prelude (from bytecode compiled once per process), a classic script
//! or an ES module (through the host's code cache), and calls into the prelude's `__syncscope` and the page
//! overlay's `__syncscopePage`.

use rquickjs::function::This;
use rquickjs::promise::PromiseState;
use rquickjs::{CatchResultExt, Context, Function, Object, Persistent, Promise, Runtime, Value};
use serde_json::Value as Json;

use crate::error::{ScriptError, WorkerError};
use crate::js_results::{caught_to_error, value_to_error};
use crate::thread::{Fatal, PRELUDE, Worker};

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

impl Worker {
    /// Runs the prelude from bytecode compiled once per process (parsing its ~150 KB for every worker
    /// would dominate a worker's cold start).
    pub(crate) fn eval_prelude(&mut self) -> Result<(), WorkerError> {
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
    pub(crate) fn eval_module(&mut self, source: &str, url: &str) -> Result<(), WorkerError> {
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
    pub(crate) fn eval_script(
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
    pub(crate) fn call_syncscope(
        &mut self,
        name: &str,
        args: Vec<Json>,
    ) -> Result<(), WorkerError> {
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

    pub(crate) fn call_page_init(
        &mut self,
        page: &crate::init::PageInit,
    ) -> Result<(), WorkerError> {
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
}
