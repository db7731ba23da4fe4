//! Any text as a duration (`--for 3d`, `clock.advance('90m')`) and as an engine parameter assignment
//! (`--param initial_retry_delay_sec=3`): a value or an error naming the input, never a panic; a parameter that
//! is accepted keeps every other parameter as it was.
#![no_main]

use libfuzzer_sys::fuzz_target;
use syncscope_engine::{SyncParameters, parse_duration};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = parse_duration(&text);
    let (name, value) = text.split_once('=').unwrap_or((&text, ""));
    let mut params = SyncParameters::default();
    if let Err(e) = params.set(name, value) {
        assert_eq!(
            params,
            SyncParameters::default(),
            "a refused value changes nothing"
        );
        assert!(!e.to_string().is_empty());
    }
});
