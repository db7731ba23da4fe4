//! The code cache: classic scripts compiled to QuickJS bytecode once per process and reused when a worker with
//! the same script starts again (after a stop, a recycle, or for another registration of the same script).
//! Chromium does the same with V8's code cache for installed service-worker scripts. Parsing dominates a
//! worker's cold start (a 100 KB script takes ~3.5 ms to compile and well under 1 ms to load from bytecode).
//!
//! An entry is keyed by the script's URL and holds its exact source: a changed script is compiled afresh.
//! Bytecode never leaves the process, so it is always read by the QuickJS build that wrote it.

use std::collections::{HashMap, VecDeque};
use std::ffi::CString;
use std::sync::{Arc, Mutex};

use rquickjs::{Ctx, qjs};

/// Upper bound of the bytecode kept, all scripts together. Oldest entries go first.
const MAX_BYTES: usize = 64 * 1024 * 1024;

/// A compiled script: the source it was compiled from and its bytecode (with debug info, so errors keep their
/// file:line:column).
struct Compiled {
    source: String,
    bytecode: Vec<u8>,
}

/// Compiled scripts by URL, shared by every worker of a host.
#[derive(Default)]
pub(crate) struct CodeCache {
    inner: Mutex<Entries>,
}

#[derive(Default)]
struct Entries {
    by_url: HashMap<String, Arc<Compiled>>,
    order: VecDeque<String>,
    bytes: usize,
}

impl CodeCache {
    fn lookup(&self, url: &str, source: &str) -> Option<Arc<Compiled>> {
        let entries = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        entries
            .by_url
            .get(url)
            .filter(|c| c.source == source)
            .cloned()
    }

    fn store(&self, url: &str, compiled: Compiled) {
        let size = compiled.bytecode.len() + compiled.source.len();
        if size > MAX_BYTES {
            return;
        }
        let mut entries = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(old) = entries.by_url.insert(url.to_string(), Arc::new(compiled)) {
            entries.bytes -= old.bytecode.len() + old.source.len();
            entries.order.retain(|u| u != url);
        }
        entries.order.push_back(url.to_string());
        entries.bytes += size;
        while entries.bytes > MAX_BYTES {
            let Some(oldest) = entries.order.pop_front() else {
                break;
            };
            if let Some(old) = entries.by_url.remove(&oldest) {
                entries.bytes -= old.bytecode.len() + old.source.len();
            }
        }
    }

    /// How many scripts are cached (for tests).
    #[cfg(test)]
    fn len(&self) -> usize {
        self.inner.lock().unwrap().by_url.len()
    }

    /// Runs a classic script in the global scope (sloppy mode, as a worker's script and `eval` run): from its
    /// cached bytecode when this exact source was compiled before, else compiled now and cached. Errors are
    /// thrown into `ctx` as usual (`rquickjs::Error::Exception`; `.catch(&ctx)` takes them).
    pub(crate) fn run_script(
        &self,
        ctx: &Ctx<'_>,
        source: &str,
        filename: &str,
    ) -> rquickjs::Result<()> {
        let raw = ctx.as_raw().as_ptr();
        let function = match self.lookup(filename, source) {
            // SAFETY: the bytecode was written by `JS_WriteObject` of this QuickJS build in this process, and
            // is copied by `JS_ReadObject` (no ROM-data flag), so it need not outlive the call.
            Some(compiled) => unsafe {
                qjs::JS_ReadObject(
                    raw,
                    compiled.bytecode.as_ptr(),
                    compiled.bytecode.len() as _,
                    qjs::JS_READ_OBJ_BYTECODE as i32,
                )
            },
            None => {
                let src = CString::new(source)?;
                let name = CString::new(filename)?;
                // SAFETY: `raw` is this context; the strings outlive the call; the flags ask for a global
                // (non-module) script compiled but not run.
                let function = unsafe {
                    qjs::JS_Eval(
                        raw,
                        src.as_ptr(),
                        source.len() as _,
                        name.as_ptr(),
                        (qjs::JS_EVAL_TYPE_GLOBAL | qjs::JS_EVAL_FLAG_COMPILE_ONLY) as i32,
                    )
                };
                // SAFETY: checking the tag of a value we own.
                if !unsafe { qjs::JS_IsException(function) } {
                    let mut len = 0;
                    // SAFETY: `function` is a live compiled script; the buffer is freed below after copying.
                    let buf = unsafe {
                        qjs::JS_WriteObject(
                            raw,
                            &mut len,
                            function,
                            qjs::JS_WRITE_OBJ_BYTECODE as i32,
                        )
                    };
                    if !buf.is_null() {
                        // SAFETY: QuickJS wrote `len` bytes at `buf`, allocated with its allocator.
                        let bytecode =
                            unsafe { std::slice::from_raw_parts(buf, len as _) }.to_vec();
                        unsafe { qjs::js_free(raw, buf as _) };
                        self.store(
                            filename,
                            Compiled {
                                source: source.to_string(),
                                bytecode,
                            },
                        );
                    } else {
                        // Not cacheable (an exception is pending): clear it, the script still runs.
                        // SAFETY: takes and frees the pending exception.
                        unsafe { qjs::JS_FreeValue(raw, qjs::JS_GetException(raw)) };
                    }
                }
                function
            }
        };
        // SAFETY: checking the tag of a value we own.
        if unsafe { qjs::JS_IsException(function) } {
            return Err(rquickjs::Error::Exception);
        }
        // SAFETY: `JS_EvalFunction` takes ownership of `function`; we own and free its result.
        let result = unsafe { qjs::JS_EvalFunction(raw, function) };
        if unsafe { qjs::JS_IsException(result) } {
            return Err(rquickjs::Error::Exception);
        }
        unsafe { qjs::JS_FreeValue(raw, result) };
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rquickjs::{CatchResultExt, Context, Runtime};

    fn with_ctx(f: impl FnOnce(Ctx<'_>)) {
        let rt = Runtime::new().unwrap();
        let ctx = Context::full(&rt).unwrap();
        ctx.with(f);
    }

    #[test]
    fn a_script_runs_the_same_from_source_and_from_bytecode() {
        let cache = CodeCache::default();
        let src = "var ran = (globalThis.ran || 0) + 1; function f() { return 'hi'; }";
        with_ctx(|ctx| {
            cache.run_script(&ctx, src, "http://a/sw.js").unwrap();
            assert_eq!(ctx.eval::<i32, _>("ran").unwrap(), 1);
        });
        assert_eq!(cache.len(), 1);
        // A fresh runtime (a restarted worker) runs it from bytecode: globals, functions, their source text.
        with_ctx(|ctx| {
            cache.run_script(&ctx, src, "http://a/sw.js").unwrap();
            assert_eq!(ctx.eval::<i32, _>("ran").unwrap(), 1);
            assert_eq!(ctx.eval::<String, _>("f()").unwrap(), "hi");
            assert!(
                ctx.eval::<String, _>("f.toString()")
                    .unwrap()
                    .contains("return 'hi'")
            );
        });
    }

    #[test]
    fn errors_keep_their_location_from_bytecode() {
        let cache = CodeCache::default();
        let src = "\nfunction boom() {\n  null.x;\n}\nboom();";
        for _ in 0..2 {
            with_ctx(|ctx| {
                let err = cache
                    .run_script(&ctx, src, "http://a/sw.js")
                    .catch(&ctx)
                    .unwrap_err();
                let text = err.to_string();
                assert!(text.contains("http://a/sw.js:3:"), "{text}");
            });
        }
    }

    #[test]
    fn syntax_errors_are_thrown_and_not_cached() {
        let cache = CodeCache::default();
        with_ctx(|ctx| {
            let err = cache
                .run_script(&ctx, "let x = ;", "http://a/sw.js")
                .catch(&ctx)
                .unwrap_err();
            let text = err.to_string();
            assert!(
                text.contains("unexpected token") && text.contains("http://a/sw.js:1:9"),
                "{text}"
            );
        });
        assert_eq!(cache.len(), 0);
    }

    #[test]
    fn a_changed_source_is_compiled_again() {
        let cache = CodeCache::default();
        with_ctx(|ctx| {
            cache
                .run_script(&ctx, "globalThis.v = 1;", "http://a/sw.js")
                .unwrap();
        });
        with_ctx(|ctx| {
            cache
                .run_script(&ctx, "globalThis.v = 2;", "http://a/sw.js")
                .unwrap();
            assert_eq!(ctx.eval::<i32, _>("v").unwrap(), 2);
        });
        assert_eq!(cache.len(), 1);
    }

    #[test]
    fn a_source_with_a_nul_byte_is_an_error_not_a_panic() {
        let cache = CodeCache::default();
        with_ctx(|ctx| {
            assert!(cache.run_script(&ctx, "1;\0", "http://a/sw.js").is_err());
        });
    }
}
