//! A message keeps its line breaks, and one message cannot take over the chat: 5,000 characters
//! or 60 lines show folded to a few lines, with a "Show more" toggle worked from the keyboard
//! (`aria-expanded`); the OBS overlay shows them folded with nothing to click; the screen-reader
//! announcer says them cut short.

use livechat_backend::RoomFeatures;
use livechat_e2e::axe::assert_no_axe_violations;
use livechat_e2e::{hooks, js, keys, ChatPage, WorldOptions};
use serde_json::json;

const THREE_LINES: &str = "one\ntwo\nthree";

fn long_text() -> String {
    "All work and no play makes a dull stream. "
        .repeat(120)
        .chars()
        .take(5_000)
        .collect()
}

fn sixty_lines() -> String {
    (1..=60)
        .map(|n| format!("line {n}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The row whose body starts with `start`, as a JS expression.
fn row(start: &str) -> String {
    format!(
        "Array.from(document.querySelectorAll('.lc-log li.lc-msg'))\
         .find(li => li.querySelector('.lc-body').textContent.startsWith({}))",
        json!(start)
    )
}

fn height(page: &ChatPage, start: &str) -> f64 {
    page.eval(&format!("{}.getBoundingClientRect().height", row(start)))
        .as_f64()
        .expect("a height")
}

fn body_length(page: &ChatPage, start: &str) -> u64 {
    page.eval(&format!(
        "{}.querySelector('.lc-body').textContent.length",
        row(start)
    ))
    .as_u64()
    .expect("a length")
}

#[test]
fn long_messages_fold_in_the_chat_and_the_overlay_and_line_breaks_stay() {
    let mut world = crate::start(RoomFeatures::default(), WorldOptions::default());
    let url = world.chat_url().build();
    let mut page = world.page();
    page.open(&url).wait_joined();

    world.moderator_says(THREE_LINES);
    world.moderator_says(&long_text());
    world.moderator_says(&sixty_lines());
    let mut page = world.page();
    page.wait_messages(3);

    // Three lines: whole, on three lines, no toggle.
    page.wait_message(THREE_LINES);
    let line = page
        .eval(&format!(
            "parseFloat(getComputedStyle({}).lineHeight)",
            js::element(hooks::LOG)
        ))
        .as_f64()
        .expect("a line height");
    assert!(height(&page, "one") >= 2.5 * line, "drawn on three lines");
    assert!(!page
        .eval(&format!(
            "!!{}.querySelector('button.lc-fold-toggle')",
            row("one")
        ))
        .as_bool()
        .unwrap());

    // 5,000 characters and 60 lines: a few lines each, with a toggle.
    for start in ["All work", "line 1\n"] {
        assert!(
            height(&page, start) <= 9.0 * line,
            "{start:?} folded: {} px",
            height(&page, start)
        );
        assert!(body_length(&page, start) < 300);
        assert_eq!(
            page.eval(&format!(
                "{}.querySelector('.lc-fold-toggle').getAttribute('aria-expanded')",
                row(start)
            )),
            json!("false")
        );
    }
    assert_eq!(
        page.eval(&format!(
            "{}.querySelector('.lc-body').textContent",
            row("line 1\n")
        )),
        json!("line 1\nline 2\nline 3\nline 4…")
    );
    page.screenshot("room-features-long-folded");
    assert_no_axe_violations(page.driver(), "folded messages");

    // The keyboard unfolds and folds them again.
    page.run(
        &format!(
            "{}.querySelector('.lc-fold-toggle').focus()",
            row("All work")
        ),
        vec![],
    );
    page.press(&[keys::ENTER]);
    page.wait(
        "Enter does not unfold",
        &format!(
            "{}.querySelector('.lc-fold-toggle').getAttribute('aria-expanded') === 'true'",
            row("All work")
        ),
    );
    assert_eq!(body_length(&page, "All work"), 5_000);
    assert_eq!(
        page.eval("document.activeElement.textContent"),
        json!("Show less"),
        "the toggle keeps the focus"
    );
    page.screenshot("room-features-long-unfolded");
    page.press(&[" "]);
    page.wait(
        "Space does not fold",
        &format!(
            "{}.querySelector('.lc-fold-toggle').getAttribute('aria-expanded') === 'false'",
            row("All work")
        ),
    );
    assert!(body_length(&page, "All work") < 300);

    // Said cut short to a screen reader: a live message, after the viewer joined.
    page.wait(
        "the long message is not announced cut",
        "Array.from(document.querySelectorAll('.lc-announce-messages p'))\
         .some(p => p.textContent.startsWith('Streamer: All work') \
                 && p.textContent.endsWith('…') && p.textContent.length < 260)",
    );

    // The OBS overlay: folded, nothing to click.
    let overlay = world
        .chat_url()
        .with("_readonly", "true")
        .with("_transparent", "true")
        .build();
    let mut page = world.page();
    page.open(&overlay).wait(
        "the overlay did not join",
        &js::element(&format!(".lc-chat.lc-overlay {}", hooks::JOINED)),
    );
    page.wait_messages(3);
    for start in ["All work", "line 1\n"] {
        assert!(
            body_length(&page, start) < 300,
            "{start:?} folded in the overlay"
        );
    }
    assert!(
        !page.has(".lc-log button"),
        "nothing to click in the overlay"
    );
    page.screenshot("room-features-long-overlay");
}
