//! `syncscope tags`: every sync and periodic sync registration in the database, as the Tags inspector shows
//! them (state, attempts, next fire time, lastChance, intervals).

use syncscope_engine::TagInfo;

use crate::cli::TagsArgs;
use crate::db::DbLocation;
use crate::error::CliResult;
use crate::output::{self, NONE, Out, Table};

/// Runs `syncscope tags`.
pub fn run(args: TagsArgs, db: &DbLocation) -> CliResult {
    let store = db.open_for_reading()?;
    let mut tags = syncscope_engine::tags_from_store(&store)?;
    sort(&mut tags);
    let mut out = Out::stdout();
    if args.json {
        return out.json_pretty(&tags);
    }
    let online = store.load()?.online.unwrap_or(true);
    out.write_str(&render(&tags, online))
}

/// Orders registrations by scope, then one-shot before periodic, then tag.
pub fn sort(tags: &mut [TagInfo]) {
    tags.sort_by(|a, b| {
        (&a.scope, a.registration.kind, &a.registration.tag).cmp(&(
            &b.scope,
            b.registration.kind,
            &b.registration.tag,
        ))
    });
}

/// The Tags table, preceded by a note when the network is offline (pending registrations wait for it).
pub fn render(tags: &[TagInfo], online: bool) -> String {
    let mut text = String::new();
    if !online {
        text.push_str(
            "Network: offline — pending registrations are held until it is back online.\n",
        );
    }
    if tags.is_empty() {
        text.push_str("No sync or periodic sync registrations.\n");
        return text;
    }
    let mut table = Table::new(&[
        "Scope",
        "Type",
        "Tag",
        "State",
        "Attempts",
        "Next fire",
        "Last chance next",
        "minInterval",
        "Effective interval",
    ]);
    for t in tags {
        let r = &t.registration;
        table.row(vec![
            t.scope.clone(),
            r.kind.event_name().to_string(),
            r.tag.clone(),
            t.display_state.clone(),
            format!("{} of {}", r.num_attempts, r.max_attempts),
            t.next_fire
                .map(|f| f.to_rfc3339())
                .unwrap_or_else(|| NONE.to_string()),
            output::yes_no(t.last_chance_next).to_string(),
            r.min_interval_ms
                .map(output::humanize_ms)
                .unwrap_or_else(|| NONE.to_string()),
            t.effective_interval_ms
                .map(output::humanize_ms)
                .unwrap_or_else(|| NONE.to_string()),
        ]);
    }
    text.push_str(&table.render());
    text
}
