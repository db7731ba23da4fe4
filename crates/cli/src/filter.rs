//! Filters over the event log, as the commands that read it take them.

use syncscope_engine::Origin;

/// An origin filter as the event log stores origins: a URL or origin is reduced to its serialized origin
/// (`https://Example.com/app/` → `https://example.com`); text that is no web origin is used as given, since
/// imported files may carry any origin string.
pub fn normalize_origin(input: &str) -> String {
    Origin::parse(input)
        .map(String::from)
        .unwrap_or_else(|_| input.to_string())
}
