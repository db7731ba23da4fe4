//! Any text as a message from the browser: `decode_frame` gives a reply, an event or an error, never panics; an
//! event's params decode (or are skipped) as every event type the bridge listens to. Any bytes as the answer to
//! `/json/version`: `parse_http_response` gives a body, "need more" or an error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use syncscope_cdp::client::{Frame, decode_frame, parse_http_response};
use syncscope_cdp::protocol::{
    InspectorDetached, background_service, runtime, service_worker, target,
};

fuzz_target!(|data: &[u8]| {
    if let Ok(Some(body)) = parse_http_response(data) {
        assert!(body.len() <= data.len());
    }
    let text = String::from_utf8_lossy(data);
    if let Ok(Frame::Event(event)) = decode_frame(&text) {
        let _ = event.parse::<target::AttachedToTarget>();
        let _ = event.parse::<target::DetachedFromTarget>();
        let _ = event.parse::<target::TargetCreated>();
        let _ = event.parse::<target::TargetInfoChanged>();
        let _ = event.parse::<target::TargetDestroyed>();
        let _ = event.parse::<background_service::RecordingStateChanged>();
        let _ = event.parse::<background_service::BackgroundServiceEventReceived>();
        let _ = event.parse::<service_worker::WorkerRegistrationUpdated>();
        let _ = event.parse::<service_worker::WorkerVersionUpdated>();
        let _ = event.parse::<service_worker::WorkerErrorReported>();
        let _ = event.parse::<runtime::ConsoleApiCalled>();
        let _ = event.parse::<runtime::ExceptionThrown>();
        let _ = event.parse::<InspectorDetached>();
    }
});
