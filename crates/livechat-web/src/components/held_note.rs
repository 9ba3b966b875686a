//! Moderators only: how long the room still holds a message back from the others (the plugin's
//! moderation delay), counting down each second, so a moderator knows whether removing it now
//! spares the viewers. Gone once the others have it.

use std::time::Duration;

use leptos::prelude::*;

use crate::i18n::use_lang;
use crate::platform;

#[component]
pub fn HeldNote(
    /// When the others get the message (Unix milliseconds, the server's clock).
    until_ms: i64,
) -> impl IntoView {
    let lang = use_lang();
    let remaining = RwSignal::new(seconds_left(until_ms));
    tick(until_ms, remaining);
    move || {
        let seconds = remaining.get();
        (seconds > 0).then(|| {
            view! {
                <span class="lc-held" data-remaining=seconds>
                    {lang.t_args("held-for", &[("seconds", seconds.into())])}
                </span>
            }
        })
    }
}

/// Whole seconds until `until_ms`, rounded up.
fn seconds_left(until_ms: i64) -> u32 {
    let left = until_ms - platform::now_ms() as i64;
    if left <= 0 {
        0
    } else {
        (left as u64).div_ceil(1000) as u32
    }
}

/// Updates `remaining` on each second boundary until none is left, or the row is gone.
fn tick(until_ms: i64, remaining: RwSignal<u32>) {
    let left = until_ms - platform::now_ms() as i64;
    if left <= 0 {
        return;
    }
    let next = match left % 1000 {
        0 => 1000,
        ms => ms,
    };
    set_timeout(
        move || {
            if remaining.try_set(seconds_left(until_ms)).is_none() {
                tick(until_ms, remaining);
            }
        },
        Duration::from_millis(next as u64),
    );
}
