//! The engine's database: one SQLite file (WAL) holding registrations, settings, recording state and the
//! event log, with versioned migrations. It never deletes or replaces a file it cannot read: it says why.

mod error;
mod events;
mod open;
mod schema;
mod tx;

pub use error::StoreError;
pub(crate) use error::classify;
pub use open::{OpenMode, PersistedState, Store};
pub use schema::SCHEMA_VERSION;
pub use tx::StoreTx;

#[cfg(test)]
mod tests;
