//! The `syncscope-app` binary: Syncscope's desktop window.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // Logging (stderr and a file in the data folder) starts in `run`, once the data folder is known.
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
