//! One WebSocket frame from the server, as the fuzzer made it: see
//! `livechat_core_fuzz::frame_target`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    livechat_core_fuzz::run_frame(data);
});
