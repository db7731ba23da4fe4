//! Module workers (`navigator.serviceWorker.register(url, { type: 'module' })`): `import` specifiers resolve
//! against the importing module's URL, as in a browser, and load from the worker's [`ScriptSource`]. Bare
//! specifiers (`import 'idb'`) fail as they do in browsers without an import map.

use rquickjs::loader::{ImportAttributes, Loader, Resolver};
use rquickjs::module::Declared;
use rquickjs::{Ctx, Error, Module};
use url::Url;

use crate::source::ScriptSource;

/// Resolves and loads a module worker's imports.
pub(crate) struct ModuleLoader {
    pub origin: String,
    pub source: ScriptSource,
    pub runtime: tokio::runtime::Handle,
    pub http: reqwest::Client,
    /// The deadline of each module's load.
    pub timeout: std::time::Duration,
    /// Bytes of the scripts this worker loaded (its service worker registration's share of the origin's usage).
    pub script_bytes: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

/// Resolves specifiers relative to the importing module (the `Resolver` half).
pub(crate) struct ModuleResolver;

impl Resolver for ModuleResolver {
    fn resolve<'js>(
        &mut self,
        _ctx: &Ctx<'js>,
        base: &str,
        name: &str,
        _attributes: Option<ImportAttributes<'js>>,
    ) -> rquickjs::Result<String> {
        let relative = name.starts_with("./") || name.starts_with("../") || name.starts_with('/');
        let absolute = Url::parse(name).is_ok();
        if !relative && !absolute {
            return Err(Error::new_resolving_message(
                base,
                name,
                "bare module specifiers need an import map, which service workers do not have; use a relative URL",
            ));
        }
        let base = Url::parse(base).map_err(|_| {
            Error::new_resolving_message(base, name, "the importing module has no URL")
        })?;
        base.join(name)
            .map(|u| u.to_string())
            .map_err(|e| Error::new_resolving_message(base.as_str(), name, e.to_string()))
    }
}

impl Loader for ModuleLoader {
    fn load<'js>(
        &mut self,
        ctx: &Ctx<'js>,
        name: &str,
        _attributes: Option<ImportAttributes<'js>>,
    ) -> rquickjs::Result<Module<'js, Declared>> {
        let url = Url::parse(name).map_err(|e| Error::new_loading_message(name, e.to_string()))?;
        let source = self
            .source
            .load(&self.origin, &url, &self.runtime, &self.http, self.timeout)
            .map_err(|e| Error::new_loading_message(name, e.to_string()))?;
        self.script_bytes
            .fetch_add(source.len() as u64, std::sync::atomic::Ordering::Relaxed);
        Module::declare(ctx.clone(), name, source)
    }
}
