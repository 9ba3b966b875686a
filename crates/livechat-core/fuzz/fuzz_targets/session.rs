//! A whole session driven by a script of frames (the fuzzer's own, recorded ones, or recorded ones
//! edited), timers, socket closes, restarts and UI commands, with invariants checked after every
//! step (see `livechat_core_fuzz::Checker`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use livechat_core_fuzz::{run, Script};

fuzz_target!(|script: Script| {
    run(&script);
});
