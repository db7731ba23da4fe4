//! Any bytes given as a DevTools "Save events" file: `import` returns events or an error naming the file, never
//! panics; whatever it accepts exports and imports back to the same events.
#![no_main]

use libfuzzer_sys::fuzz_target;
use syncscope_engine::devtools;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match devtools::import("fuzz.json", &text) {
        Ok(events) => {
            let again = devtools::import("again.json", &devtools::export(&events))
                .expect("an export of imported events imports");
            assert_eq!(again, events, "export then import is the identity");
        }
        Err(e) => assert!(
            e.to_string().contains("fuzz.json"),
            "the error names the file: {e}"
        ),
    }
});
