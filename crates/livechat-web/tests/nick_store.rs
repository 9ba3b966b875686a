//! The chosen nickname: checked before asking the room, remembered for 12 hours.

use livechat_web::components::check_nick;
use livechat_web::prefs::{self, NICKNAME_KEY, NICKNAME_TTL_MS};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn remembered_for_twelve_hours_then_forgotten() {
    let storage = prefs::local_storage().expect("localStorage");
    prefs::forget_nick(&storage);
    let now = 1_700_000_000_000.0;
    assert_eq!(prefs::recall_nick(&storage, now), None);

    prefs::remember_nick(&storage, "Camille 🎮", now);
    assert_eq!(NICKNAME_TTL_MS, 12.0 * 3600.0 * 1000.0);
    assert_eq!(
        prefs::recall_nick(&storage, now + 1.0).as_deref(),
        Some("Camille 🎮")
    );
    assert_eq!(
        prefs::recall_nick(&storage, now + NICKNAME_TTL_MS - 1.0).as_deref(),
        Some("Camille 🎮")
    );
    // What is stored: the nickname and when it expires, nothing else.
    let raw = storage.get_item(NICKNAME_KEY).unwrap().unwrap();
    assert!(raw.contains("\"nickname\":\"Camille 🎮\""), "{raw}");
    assert!(
        raw.contains(&format!("\"expires\":{}", now + NICKNAME_TTL_MS)),
        "{raw}"
    );

    assert_eq!(
        prefs::recall_nick(&storage, now + NICKNAME_TTL_MS),
        None,
        "expired"
    );
    assert_eq!(storage.get_item(NICKNAME_KEY).unwrap(), None, "and removed");
}

#[wasm_bindgen_test]
fn unreadable_records_are_dropped() {
    let storage = prefs::local_storage().expect("localStorage");
    for junk in [
        "not json",
        "{}",
        "{\"nickname\":\"x\"}",
        "{\"nickname\":\"  \",\"expires\":9e15}",
        "[1,2]",
    ] {
        storage.set_item(NICKNAME_KEY, junk).unwrap();
        assert_eq!(prefs::recall_nick(&storage, 0.0), None, "{junk}");
        assert_eq!(storage.get_item(NICKNAME_KEY).unwrap(), None, "{junk}");
    }
}

#[wasm_bindgen_test]
fn nicknames_are_checked_before_asking_the_room() {
    assert_eq!(check_nick("  Camille  ").as_deref(), Ok("Camille"));
    assert_eq!(check_nick("Zoé 🎮").as_deref(), Ok("Zoé 🎮"));
    assert!(check_nick("   ").is_err());
    assert!(check_nick(&"x".repeat(49)).is_err());
    assert!(check_nick("Ali\u{200B}ce").is_err(), "invisible characters");
    assert!(
        check_nick("Anonymous 123456").is_err(),
        "reserved for automatic nicknames"
    );
    assert!(check_nick("Anonymous 12345").is_ok());
}
