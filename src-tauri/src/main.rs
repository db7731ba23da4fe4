//! The `syncscope-app` binary: Syncscope's desktop window.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,syncscope=info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let options = match syncscope_app::parse_args(std::env::args().skip(1)) {
        Ok(syncscope_app::Invocation::Run(options)) => options,
        Ok(syncscope_app::Invocation::Help) => {
            println!("{}", syncscope_app::USAGE);
            return;
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    if let Err(e) = syncscope_app::run(options) {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
