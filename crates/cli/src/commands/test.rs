//! `syncscope test`: JavaScript scenario tests on the virtual clock. Each file runs in a fresh engine (a
//! temporary database unless `--db` is given) and a page of the origin, with the `syncscope` control object
//! and `test` / `expect` / `assert`. Prints each result and a final `N passed, N failed` line; exits 1 when
//! any test failed.

use std::path::Path;
use std::time::Instant;

use serde::Deserialize;
use syncscope_engine::{Clock, EngineHandle, Origin, Service, SyncParameters, Timestamp};
use syncscope_worker::{
    DEFAULT_ORIGIN, Embedded, EmbeddedConfig, ScriptSource, WorkerHost, WorkerLimits,
};

use crate::cli::TestArgs;
use crate::db::DbLocation;
use crate::error::{CliError, CliResult};
use crate::output::Out;

/// One test's result, as the page's harness reports it.
#[derive(Debug, Deserialize)]
struct TestResult {
    name: String,
    ok: bool,
    #[serde(default)]
    error: Option<String>,
    #[serde(default, rename = "virtualMs")]
    virtual_ms: Option<i64>,
}

/// Runs `syncscope test`.
pub async fn run(args: TestArgs, db: &DbLocation) -> CliResult {
    let params = SyncParameters::default()
        .with_assignments(args.params.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .map_err(|e| CliError::msg(e.to_string()))?;
    let origin = match &args.origin {
        Some(o) => Some(Origin::parse(o)?),
        None => None,
    };
    let limits = args.worker.limits().map_err(CliError::msg)?;
    let mut out = Out::stdout();
    let (mut passed, mut failed) = (0usize, 0usize);
    for file in &args.files {
        out.line(&file.display().to_string())?;
        let temp = tempdir()?;
        let db_path = if db.explicit {
            db.path.clone()
        } else {
            temp.path().join("syncscope.db")
        };
        let started = Instant::now();
        let how = FileRun {
            origin: origin.as_ref(),
            params: params.clone(),
            limits: limits.clone(),
            timeout: args.timeout,
            show_console: args.console,
        };
        let outcome = run_file(file, &db_path, how, &mut out).await;
        match outcome {
            Ok(results) => {
                if results.is_empty() {
                    out.line("  (no tests: declare them with test(name, async () => { … }))")?;
                }
                for r in results {
                    if r.ok {
                        passed += 1;
                        let took = r
                            .virtual_ms
                            .filter(|ms| *ms > 0)
                            .map(|ms| {
                                format!(" ({} virtual)", crate::output::humanize_ms(ms as u64))
                            })
                            .unwrap_or_default();
                        out.line(&format!("  ✓ {}{took}", r.name))?;
                    } else {
                        failed += 1;
                        out.line(&format!("  ✗ {}", r.name))?;
                        out.line(&format!("      {}", r.error.unwrap_or_default()))?;
                    }
                }
            }
            Err(FileFailure::Error(message)) => {
                failed += 1;
                out.line(&format!("  ✗ {}: {message}", file.display()))?;
            }
            Err(FileFailure::TimedOut) => {
                failed += 1;
                out.line(&format!(
                    "  ✗ {}: did not finish within {:?} (real time); raise --timeout or look for an await that never resolves",
                    file.display(),
                    started.elapsed()
                ))?;
            }
        }
    }
    out.line(&format!("{passed} passed, {failed} failed"))?;
    if failed > 0 {
        Err(CliError::TestsFailed)
    } else {
        Ok(())
    }
}

fn tempdir() -> CliResult<tempfile::TempDir> {
    tempfile::TempDir::new()
        .map_err(|e| CliError::msg(format!("cannot create a temporary folder: {e}")))
}

/// How to run each file.
struct FileRun<'a> {
    origin: Option<&'a Origin>,
    params: SyncParameters,
    limits: WorkerLimits,
    timeout: std::time::Duration,
    show_console: bool,
}

/// Why a file's tests did not run to the end.
enum FileFailure {
    /// It could not run (unreadable, the engine did not start, the harness failed).
    Error(String),
    /// It ran past `--timeout` (real time).
    TimedOut,
}

/// Runs one file: a fresh engine and page; returns the harness's results, or why the file could not run. The
/// engine and its workers are stopped in every case, also when the file runs past `timeout`, so the next file
/// (on the same `--db`, too) starts clean.
async fn run_file(
    file: &Path,
    db_path: &Path,
    how: FileRun<'_>,
    out: &mut Out,
) -> Result<Vec<TestResult>, FileFailure> {
    let FileRun {
        origin,
        params,
        limits,
        timeout,
        show_console,
    } = how;
    let source_text = std::fs::read_to_string(file)
        .map_err(|e| FileFailure::Error(format!("cannot read {}: {e}", file.display())))?;
    let clock = Clock::virtual_at(Timestamp::wall_clock());
    let Embedded { engine, host } = Embedded::start(EmbeddedConfig {
        db_path: db_path.to_path_buf(),
        clock,
        params: Some(params),
        limits,
    })
    .await
    .map_err(|e| FileFailure::Error(e.to_string()))?;
    let mut console = host.console();
    let result = match tokio::time::timeout(
        timeout,
        run_in_page(&engine, &host, file, origin, &source_text),
    )
    .await
    {
        Ok(r) => r.map_err(FileFailure::Error),
        Err(_) => Err(FileFailure::TimedOut),
    };
    if show_console {
        while let Ok(l) = console.try_recv() {
            let _ = out.line(&format!(
                "    [{} {}] {}",
                l.context,
                l.level.as_str(),
                l.text
            ));
        }
    }
    // The engine first: events it abandons stay pending with their attempts unchanged.
    let _ = engine.shutdown().await;
    host.shutdown();
    result
}

async fn run_in_page(
    engine: &EngineHandle,
    host: &WorkerHost,
    file: &Path,
    origin: Option<&Origin>,
    source_text: &str,
) -> Result<Vec<TestResult>, String> {
    for s in Service::ALL {
        engine
            .set_recording(s, true)
            .await
            .map_err(|e| e.to_string())?;
    }
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| format!("{} has no usable file name", file.display()))?;
    let (page_url, source) = match origin {
        Some(o) => (format!("{o}/"), ScriptSource::Http),
        None => {
            let root = file
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .canonicalize()
                .map_err(|e| format!("{}: {e}", file.display()))?;
            (
                format!("{DEFAULT_ORIGIN}/{name}"),
                ScriptSource::Folder { root },
            )
        }
    };
    let page = host
        .open_page(&page_url, source)
        .await
        .map_err(|e| e.to_string())?;
    let script_name = match origin {
        Some(_) => file.display().to_string(),
        None => page_url.clone(),
    };
    page.eval(source_text, &script_name)
        .await
        .map_err(|e| e.to_string())?;
    let value = page.call("runTests", vec![]).await?;
    page.close();
    serde_json::from_value(value).map_err(|e| format!("unexpected results from the page: {e}"))
}
