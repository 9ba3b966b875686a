//! Mentions (XEP-0372): `@` and two letters offer the participants' nicknames in a list used with
//! the keyboard alone, the chosen one goes out as a reference the others' clients read; a message
//! that mentions the viewer is marked (a bar, the name in bold, "mentions you" for screen
//! readers) and said by the screen-reader announcer as "X mentioned you: …".

use std::time::Duration;

use livechat_backend::RoomFeatures;
use livechat_e2e::axe::assert_no_axe_violations;
use livechat_e2e::bots::BOT_WAIT;
use livechat_e2e::{js, keys, WorldOptions};
use serde_json::json;

#[test]
fn a_nickname_is_completed_and_a_mention_of_the_viewer_is_marked_and_announced() {
    let mut world = crate::start(RoomFeatures::default(), WorldOptions::default());
    let url = world.chat_url().build();
    crate::open_as(&mut world, &url, "Camille");
    let mut dominique = world.anonymous_chatter(Some("Dominique"), 41);
    let mut page = world.page();
    page.wait(
        "Dominique is not in the participants list",
        &js::element(r#".lc-participants li.lc-occupant[data-nick="Dominique"]"#),
    );

    // Completion with the keyboard alone: "@Do" offers Dominique, Tab puts "@Dominique ".
    page.run("document.querySelector('.lc-input').focus()", vec![]);
    page.type_keys("hi @Do");
    page.wait_present(".lc-completions [role=option][aria-selected=true]");
    assert_eq!(
        page.eval(
            "document.getElementById(document.querySelector('.lc-input')\
             .getAttribute('aria-activedescendant')).textContent"
        ),
        json!("Dominique")
    );
    page.screenshot("room-features-completion");
    assert_no_axe_violations(page.driver(), "the nickname completion list");
    page.press(&[keys::TAB]);
    assert_eq!(page.input_value(), "hi @Dominique ");
    assert!(!page.has(".lc-completions"), "the list closes");
    page.type_keys("welcome").press(&[keys::ENTER]);
    page.wait_message("hi @Dominique welcome");

    // Dominique's client reads the reference: the message mentions them.
    dominique
        .run_until("the mention", BOT_WAIT, |s, _| {
            s.room()
                .log()
                .messages()
                .any(|m| m.body == "hi @Dominique welcome" && m.mentions_me)
        })
        .unwrap_or_else(|e| panic!("Dominique was not mentioned: {e}"));

    // Dominique mentions Camille: the row is marked, the name in bold, and it is announced.
    dominique
        .command(|s| s.send_message("@Camille look at the chat"))
        .unwrap_or_else(|e| panic!("{e}"));
    let _ = dominique.run_for(Duration::from_millis(200));
    let row = ".lc-log li.lc-msg.lc-mentions-me";
    let mut page = world.page();
    page.wait_present(row);
    assert_eq!(
        page.text_of(&format!("{row} .lc-body")),
        json!("@Camille look at the chat")
    );
    assert_eq!(
        page.text_of(&format!("{row} .lc-mention")),
        json!("Camille")
    );
    let weight = page.eval(&format!(
        "getComputedStyle({}).fontWeight",
        js::element(&format!("{row} .lc-mention"))
    ));
    assert_eq!(weight, json!("600"));
    let bar = page.eval(&format!(
        "getComputedStyle({}).borderInlineStartStyle",
        js::element(row)
    ));
    assert_eq!(bar, json!("solid"), "a bar, not only a colour");
    page.wait(
        "the mention is not announced",
        &format!(
            "Array.from(document.querySelectorAll('.lc-announce-messages p'))\
             .some(p => p.textContent === {})",
            json!("Dominique mentioned you: @Camille look at the chat")
        ),
    );
    page.screenshot("room-features-mention");
    assert_no_axe_violations(page.driver(), "a message that mentions the viewer");
}
