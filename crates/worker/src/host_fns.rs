//! The host functions a context's prelude builds the web platform on: `__syncscopeHost` (clock, timers,
//! console, fetch and body reads, engine calls, storage, IndexedDB locks, URL and text helpers) and, in page
//! contexts, `__syncscopePageHost`.

use std::rc::Rc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rquickjs::function::Opt;
use rquickjs::{Ctx, Function, Object, Value};
use serde_json::Value as Json;

use crate::console::ConsoleLevel;
use crate::error::WorkerError;
use crate::fetch::FetchRequest;
use crate::inbox::Inbox;
use crate::js_values;
use crate::ops::{self, OpContext};
use crate::shared::{InFlightFetch, NetOp};
use crate::thread::Worker;

impl Worker {
    /// Installs `__syncscopePageHost.call(id, op, args)`: the page overlay's asynchronous operations
    /// (`navigator.serviceWorker`, `reg.sync`, the `syncscope` test controls), settled with [`Inbox::PageDone`].
    pub(crate) fn install_page_host(
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

    /// Installs `__syncscopeHost`: the functions the prelude builds the global scope on.
    pub(crate) fn install_host(&mut self, ops: Rc<OpContext>) -> Result<(), WorkerError> {
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
