//! One module per subcommand; [`run`] dispatches to them.

mod demo;
mod demo_pwa;
mod events;
mod export;
mod import;
mod params;
mod record;
mod run;
mod tags;
mod test;

use crate::cli::Command;
use crate::db::DbLocation;
use crate::error::CliResult;

/// Runs a subcommand against the database at `db`.
pub async fn run(command: Command, db: DbLocation) -> CliResult {
    match command {
        Command::Events(args) => events::run(args, &db).await,
        Command::Tags(args) => tags::run(args, &db),
        Command::Export(args) => export::run(args, &db),
        Command::Import(args) => import::run(args, &db),
        Command::Params(args) => params::run(args, &db),
        Command::Record(args) => record::run(args, &db),
        Command::Demo(args) if args.engine_only => demo::run(args, &db).await,
        Command::Demo(args) => demo_pwa::run(args, &db).await,
        Command::Run(args) => run::run(args, &db).await,
        Command::Test(args) => test::run(args, &db).await,
        Command::Chrome(args) => {
            let mut stdout = std::io::stdout();
            syncscope_cdp::cli_support::run(args, &db.path, &mut stdout)
                .await
                .map_err(|e| crate::error::CliError::msg(e.to_string()))
        }
    }
}
