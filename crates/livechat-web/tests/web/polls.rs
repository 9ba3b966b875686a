//! The poll banner's arithmetic: shares of the votes and the time left as a clock.

use livechat_web::components::{clock, percent};
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
fn shares_are_whole_percent_rounded_and_bounded() {
    assert_eq!(percent(0, 0), 0, "nobody voted yet");
    assert_eq!(percent(1, 3), 33);
    assert_eq!(percent(2, 3), 67);
    assert_eq!(percent(3, 3), 100);
    assert_eq!(percent(1, 8), 13, "12.5 rounds up");
    assert_eq!(
        percent(5, 3),
        100,
        "a room that counts oddly never draws past the end"
    );
    assert_eq!(percent(u32::MAX, u32::MAX), 100);
}

#[wasm_bindgen_test]
fn time_left_is_a_clock_of_whole_seconds_rounded_up() {
    assert_eq!(clock(0), "0:00");
    assert_eq!(
        clock(-5_000),
        "0:00",
        "past the end, while the room ends it"
    );
    assert_eq!(clock(1), "0:01", "a part of a second still counts");
    assert_eq!(clock(59_001), "1:00");
    assert_eq!(clock(65_000), "1:05");
    assert_eq!(clock(3_600_000), "1:00:00");
    assert_eq!(clock(3_725_000), "1:02:05");
}
