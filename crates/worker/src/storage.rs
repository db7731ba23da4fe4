//! The storage host functions (`kvGet`, `kvRange`, `kvCount`, `kvCommit`, `kvNamespaces`, `kvGeneration`)
//! that the prelude builds IndexedDB and Cache Storage on: synchronous calls into the origin's
//! [`KvStore`](syncscope_engine::KvStore), a connection of this context's own, opened on first use.

use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;

use rquickjs::{Array, Ctx, Exception, Object, TypedArray, Value};
use syncscope_engine::{KeyRange, KvOp, KvStore, Origin};

use crate::js_values::bytes_of;

/// The context's storage connection, opened lazily.
#[derive(Clone)]
pub(crate) struct Storage {
    path: PathBuf,
    origin: Origin,
    store: Rc<RefCell<Option<KvStore>>>,
    /// The origin's quota in bytes; Chromium's default when `None`.
    quota: Option<u64>,
    /// Bytes of the worker's scripts: counted in the origin's usage as `serviceWorkerRegistrations`, as
    /// Chromium's quota system does (its service worker storage is a quota client of the origin).
    scripts: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

/// Chromium's per-origin quota: 60% of the disk (`storage/browser/quota`: an origin may use up to 60% of the
/// total disk size). Without a readable disk size, 10 GiB.
pub(crate) fn default_quota(path: &std::path::Path) -> u64 {
    disk_size(path).map_or(10 << 30, |total| total / 10 * 6)
}

fn disk_size(path: &std::path::Path) -> Option<u64> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let dir = path.parent().filter(|p| !p.as_os_str().is_empty())?;
        let c = std::ffi::CString::new(dir.as_os_str().as_bytes()).ok()?;
        // SAFETY: `c` is a valid NUL-terminated path and `st` a properly sized out-parameter.
        let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
        if unsafe { libc::statvfs(c.as_ptr(), &mut st) } != 0 {
            return None;
        }
        Some(st.f_blocks as u64 * st.f_frsize as u64)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

impl Storage {
    pub fn new(
        path: PathBuf,
        origin: Origin,
        quota: Option<u64>,
        scripts: std::sync::Arc<std::sync::atomic::AtomicU64>,
    ) -> Self {
        Storage {
            path,
            origin,
            store: Rc::new(RefCell::new(None)),
            quota,
            scripts,
        }
    }

    fn script_bytes(&self) -> u64 {
        self.scripts.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The origin's quota in bytes.
    fn quota(&self) -> u64 {
        self.quota.unwrap_or_else(|| default_quota(&self.path))
    }

    /// Runs `f` on the connection (opened on first use), leaving its store errors to the caller.
    fn with_raw<R>(&self, ctx: &Ctx<'_>, f: impl FnOnce(&mut KvStore) -> R) -> rquickjs::Result<R> {
        let mut slot = self.store.borrow_mut();
        if slot.is_none() {
            let store = KvStore::open(&self.path, &self.origin)
                .map_err(|e| Exception::throw_message(ctx, &format!("storage unavailable: {e}")))?;
            *slot = Some(store);
        }
        Ok(f(slot.as_mut().expect("opened above")))
    }

    fn with<R>(
        &self,
        ctx: &Ctx<'_>,
        f: impl FnOnce(&mut KvStore) -> Result<R, syncscope_engine::StoreError>,
    ) -> rquickjs::Result<R> {
        self.with_raw(ctx, f)?
            .map_err(|e| Exception::throw_message(ctx, &format!("storage error: {e}")))
    }

    /// Adds the functions to the host object.
    pub fn install<'js>(&self, ctx: &Ctx<'js>, host: &Object<'js>) -> rquickjs::Result<()> {
        let s = self.clone();
        host.set(
            "kvGet",
            rquickjs::Function::new(
                ctx.clone(),
                move |ctx: Ctx<'js>, ns: String, key: Value<'js>| {
                    let key = bytes_of(&key)?;
                    match s.with(&ctx, |kv| kv.get(&ns, &key))? {
                        Some(v) => TypedArray::<u8>::new(ctx.clone(), v).map(|a| a.into_value()),
                        None => Ok(Value::new_null(ctx.clone())),
                    }
                },
            )?,
        )?;
        let s = self.clone();
        host.set(
            "kvRange",
            rquickjs::Function::new(
                ctx.clone(),
                move |ns: String,
                      lower: Value<'js>,
                      upper: Value<'js>,
                      lower_open: bool,
                      upper_open: bool,
                      reverse: bool,
                      limit: f64| {
                    let ctx = lower.ctx().clone();
                    let range = range_of(&lower, &upper, lower_open, upper_open)?;
                    let limit = if limit.is_finite() && limit > 0.0 {
                        limit as usize
                    } else {
                        0
                    };
                    let rows = s.with(&ctx, |kv| kv.range(&ns, &range, reverse, limit))?;
                    let out = Array::new(ctx.clone())?;
                    for (i, (k, v)) in rows.into_iter().enumerate() {
                        let pair = Array::new(ctx.clone())?;
                        pair.set(0, TypedArray::<u8>::new(ctx.clone(), k)?)?;
                        pair.set(1, TypedArray::<u8>::new(ctx.clone(), v)?)?;
                        out.set(i, pair)?;
                    }
                    Ok::<_, rquickjs::Error>(out)
                },
            )?,
        )?;
        let s = self.clone();
        host.set(
            "kvCount",
            rquickjs::Function::new(
                ctx.clone(),
                move |ctx: Ctx<'js>,
                      ns: String,
                      lower: Value<'js>,
                      upper: Value<'js>,
                      lower_open: bool,
                      upper_open: bool| {
                    let range = range_of(&lower, &upper, lower_open, upper_open)?;
                    s.with(&ctx, |kv| kv.count(&ns, &range)).map(|n| n as f64)
                },
            )?,
        )?;
        let s = self.clone();
        host.set(
            "kvCommit",
            rquickjs::Function::new(ctx.clone(), move |ctx: Ctx<'js>, ops: Array<'js>| {
                let mut batch = Vec::with_capacity(ops.len());
                for op in ops.iter::<Object>() {
                    batch.push(op_of(&ctx, &op?)?);
                }
                // The scripts take their share of the quota, as in Chromium.
                let quota = s.quota().saturating_sub(s.script_bytes());
                match s.with_raw(&ctx, |kv| kv.commit(&batch, Some(quota)))? {
                    Ok(g) => Ok(g as f64),
                    Err(syncscope_engine::StoreError::QuotaExceeded { .. }) => {
                        // A `QuotaExceededError` the prelude passes on as the DOMException.
                        let e =
                            Exception::from_message(ctx.clone(), "The quota has been exceeded.")?;
                        e.as_object().set("name", "QuotaExceededError")?;
                        Err(ctx.throw(e.into_value()))
                    }
                    Err(e) => Err(Exception::throw_message(
                        &ctx,
                        &format!("storage error: {e}"),
                    )),
                }
            })?,
        )?;
        let s = self.clone();
        host.set(
            "kvUsage",
            rquickjs::Function::new(ctx.clone(), move |ctx: Ctx<'js>| {
                let (total, parts) = s.with(&ctx, |kv| kv.usage(&["idb", "cache"]))?;
                let scripts = s.script_bytes();
                let out = Array::new(ctx.clone())?;
                out.set(0, (total + scripts) as f64)?;
                out.set(1, s.quota() as f64)?;
                out.set(2, parts[0] as f64)?;
                out.set(3, parts[1] as f64)?;
                out.set(4, scripts as f64)?;
                Ok::<_, rquickjs::Error>(out)
            })?,
        )?;
        let s = self.clone();
        host.set(
            "kvNamespaces",
            rquickjs::Function::new(ctx.clone(), move |ctx: Ctx<'js>, prefix: String| {
                s.with(&ctx, |kv| kv.namespaces(&prefix))
            })?,
        )?;
        let s = self.clone();
        host.set(
            "kvGeneration",
            rquickjs::Function::new(ctx.clone(), move |ctx: Ctx<'js>| {
                s.with(&ctx, |kv| kv.generation()).map(|g| g as f64)
            })?,
        )?;
        Ok(())
    }
}

fn optional_bytes(v: &Value<'_>) -> rquickjs::Result<Option<Vec<u8>>> {
    if v.is_null() || v.is_undefined() {
        Ok(None)
    } else {
        bytes_of(v).map(Some)
    }
}

fn range_of(
    lower: &Value<'_>,
    upper: &Value<'_>,
    lower_open: bool,
    upper_open: bool,
) -> rquickjs::Result<KeyRange> {
    Ok(KeyRange {
        lower: optional_bytes(lower)?,
        upper: optional_bytes(upper)?,
        lower_open,
        upper_open,
    })
}

fn op_of<'js>(ctx: &Ctx<'js>, op: &Object<'js>) -> rquickjs::Result<KvOp> {
    let kind: String = op.get("op")?;
    let ns: String = op.get("ns")?;
    let bytes = |name: &str| -> rquickjs::Result<Vec<u8>> { bytes_of(&op.get::<_, Value>(name)?) };
    Ok(match kind.as_str() {
        "put" => KvOp::Put {
            ns,
            key: bytes("key")?,
            value: bytes("value")?,
        },
        "delete" => KvOp::Delete {
            ns,
            key: bytes("key")?,
        },
        "deleteRange" => KvOp::DeleteRange {
            ns,
            range: range_of(
                &op.get("lower")?,
                &op.get("upper")?,
                op.get::<_, Option<bool>>("lowerOpen")?.unwrap_or(false),
                op.get::<_, Option<bool>>("upperOpen")?.unwrap_or(false),
            )?,
        },
        "dropNamespace" => KvOp::DropNamespace { ns },
        other => {
            return Err(Exception::throw_type(
                ctx,
                &format!("kvCommit: unknown op {other:?}"),
            ));
        }
    })
}
