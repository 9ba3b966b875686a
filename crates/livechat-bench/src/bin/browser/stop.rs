//! Ctrl-C (SIGINT, SIGTERM, SIGHUP) ends the bench through its guards (browser, Prosody), not in
//! the middle of them: the handler sets a flag that every loop of the bench looks at.

use std::sync::atomic::{AtomicBool, Ordering};

static STOP: AtomicBool = AtomicBool::new(false);

extern "C" fn on_stop_signal(_: libc::c_int) {
    STOP.store(true, Ordering::SeqCst);
}

/// Installs the handler for the three signals.
pub fn stop_on_signals() {
    for signal in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
        // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
        unsafe {
            libc::signal(
                signal,
                on_stop_signal as extern "C" fn(libc::c_int) as libc::sighandler_t,
            )
        };
    }
}

/// Asks every loop to end (an error on one thread stops the others).
pub fn request_stop() {
    STOP.store(true, Ordering::SeqCst);
}

pub fn stopping() -> bool {
    STOP.load(Ordering::SeqCst)
}

/// `Err("interrupted")` once a stop was asked.
pub fn check_stop() -> Result<(), String> {
    if stopping() {
        Err("interrupted".into())
    } else {
        Ok(())
    }
}

/// Asks for a stop if its owner panics (the flood sender must not outlive the harness).
pub struct StopOnPanic;

impl Drop for StopOnPanic {
    fn drop(&mut self) {
        if std::thread::panicking() {
            request_stop();
        }
    }
}
