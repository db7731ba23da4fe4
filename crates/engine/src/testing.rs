//! A scripted [`Target`] for tests and benchmarks: it answers each event from a per-tag script instead of
//! running JavaScript, and keeps a log of what it was asked to run. The embedded worker and the Chromium
//! target are the real targets; this one isolates the engine's own rules.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::future::BoxFuture;

use crate::clock::Clock;
use crate::target::{DispatchRequest, Outcome, Target};
use crate::time::Timestamp;

/// What a scripted handler does with one event.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// Settle with this outcome at once.
    Now(Outcome),
    /// Settle with this outcome after this much engine-clock time.
    After(Duration, Outcome),
    /// Never settle (the engine's deadline cuts it off).
    Never,
}

/// One event the scripted target ran.
#[derive(Clone, Debug, PartialEq)]
pub struct Delivery {
    /// When it started, on the engine clock.
    pub at: Timestamp,
    /// What was asked.
    pub request: DispatchRequest,
}

#[derive(Default)]
struct Script {
    per_tag: HashMap<String, Vec<Step>>,
    default: Option<Step>,
    log: Vec<Delivery>,
}

/// A target whose handlers follow a script: per tag, a queue of steps (the last one repeats), else a default.
#[derive(Clone)]
pub struct ScriptedTarget {
    clock: Clock,
    script: Arc<Mutex<Script>>,
    /// Whether it can run events now (see [`Target::can_dispatch`]).
    runnable: Arc<std::sync::atomic::AtomicBool>,
}

impl ScriptedTarget {
    /// A target on `clock` whose handlers succeed at once unless scripted otherwise.
    pub fn new(clock: Clock) -> Self {
        ScriptedTarget {
            clock,
            script: Arc::new(Mutex::new(Script::default())),
            runnable: Arc::new(std::sync::atomic::AtomicBool::new(true)),
        }
    }

    /// Makes it able or unable to run events, as a worker host is before and after it loaded the worker;
    /// tell the engine with [`EngineHandle::target_changed`](crate::EngineHandle::target_changed).
    pub fn set_runnable(&self, on: bool) {
        self.runnable.store(on, std::sync::atomic::Ordering::SeqCst);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Script> {
        self.script.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Scripts the handler for `tag`: one step per event; the last step repeats.
    pub fn script(&self, tag: &str, steps: Vec<Step>) {
        self.lock().per_tag.insert(tag.to_string(), steps);
    }

    /// What every unscripted tag does.
    pub fn set_default(&self, step: Step) {
        self.lock().default = Some(step);
    }

    /// Every event delivered so far, in order.
    pub fn deliveries(&self) -> Vec<Delivery> {
        self.lock().log.clone()
    }
}

impl Target for ScriptedTarget {
    fn name(&self) -> String {
        "embedded".into()
    }

    fn can_dispatch(&self, _registration: &crate::ServiceWorkerRegistration) -> bool {
        self.runnable.load(std::sync::atomic::Ordering::SeqCst)
    }

    fn dispatch(&self, request: DispatchRequest) -> BoxFuture<'static, Outcome> {
        let step = {
            let mut s = self.lock();
            let tag = request.event.tag().to_string();
            s.log.push(Delivery {
                at: self.clock.now(),
                request,
            });
            match s.per_tag.get_mut(&tag) {
                Some(steps) if steps.len() > 1 => steps.remove(0),
                Some(steps) if steps.len() == 1 => steps[0].clone(),
                _ => s.default.clone().unwrap_or(Step::Now(Outcome::Succeeded)),
            }
        };
        let clock = self.clock.clone();
        Box::pin(async move {
            match step {
                Step::Now(o) => o,
                Step::After(d, o) => {
                    clock.sleep(d).await;
                    o
                }
                Step::Never => futures::future::pending().await,
            }
        })
    }
}
