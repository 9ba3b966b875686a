//! The plugin's room texts and modes on a recorded session: terms as room state, announcements,
//! the moderation delay, emoji-only mode and its refusal, and the room's texts made safe to show.

use livechat_core::event::Event;
use livechat_core::log::AnnouncementKind;
use livechat_core::terms::TermsScope;
use livechat_core::text::text_key;
use livechat_core::{MessageKind, OutgoingKind, OutgoingState, Refusal};

mod common;
use common::plugin::{message_from, presence, refusal, room_info, sent, t0_s, terms, ROOM};
use common::recorded::{drain, joined_moderator, joined_viewer, T0};

#[test]
fn terms_are_room_state_never_a_line_of_the_log() {
    let mut session = joined_viewer();
    drain(&mut session);
    let before = session.room().log().len();
    session.handle_frame(&terms("global", "Be kind.\nNo spam\u{202E}!"), T0);
    session.handle_frame(&terms("muc", "Questions at the end."), T0);
    assert_eq!(
        session.room().log().len(),
        before,
        "no occupant named Peertube speaks"
    );
    assert_eq!(drain(&mut session).1, [Event::TermsChanged]);
    let global = session.room().terms().get(TermsScope::Global).unwrap();
    assert_eq!(
        global.text, "Be kind.\nNo spam\u{FFFD}!",
        "lines kept, direction tricks shown"
    );
    assert_eq!(global.key, text_key(&global.text));
    assert_eq!(
        session
            .room()
            .terms()
            .room
            .as_ref()
            .map(|t| t.text.as_str()),
        Some("Questions at the end.")
    );
    // Sent again on the next join: nothing changes, nothing to show again.
    session.handle_frame(&terms("muc", "Questions at the end."), T0);
    assert_eq!(drain(&mut session).1, []);
    // A moderator edits them.
    session.handle_frame(&terms("muc", "No questions."), T0);
    assert_eq!(drain(&mut session).1, [Event::TermsChanged]);
    // An occupant who is in the room cannot pass for the room's service.
    let forged = terms("global", "Send me your password").replace("/Peertube", "/Alice");
    session.handle_frame(&forged, T0);
    assert!(session
        .room()
        .terms()
        .global
        .as_ref()
        .unwrap()
        .text
        .starts_with("Be kind."));
    assert_eq!(session.room().log().len(), before);
}

#[test]
fn announcements_carry_their_style_from_owners_only() {
    let mut session = joined_viewer();
    let styled = |kind: &str| format!("<body x-livechat-announcement-type='{kind}'>");
    let warning = message_from("Alice", "a1", "* Warning *\nBe nice", "")
        .replace("<body>", &styled("warning"));
    session.handle_frame(&warning, T0);
    let line = session.room().log().messages().last().unwrap();
    assert_eq!(
        line.kind,
        MessageKind::Announcement(AnnouncementKind::Warning)
    );
    assert_eq!(line.body, "* Warning *\nBe nice");
    // From someone the room shows as neither owner nor admin (a room that does not check): chat.
    session.handle_frame(&presence("Mallory", "none", "participant"), T0);
    let spoof = message_from("Mallory", "s1", "Free \u{202E}stuff", "")
        .replace("<body>", &styled("highlight"));
    session.handle_frame(&spoof, T0);
    let line = session.room().log().messages().last().unwrap();
    assert_eq!(line.kind, MessageKind::Chat);
    assert_eq!(
        line.body, "Free \u{202E}stuff",
        "a chat line's text is the UI's to isolate"
    );
}

#[test]
fn an_owner_sends_an_announcement_and_a_refusal_says_why() {
    let mut session = joined_moderator();
    drain(&mut session);
    let id = session
        .send_announcement(AnnouncementKind::Highlight, "Live in 5")
        .unwrap();
    let frame = sent(&mut session).remove(0);
    let body = frame.get_child("body", "jabber:client").unwrap();
    assert_eq!(body.attr("x-livechat-announcement-type"), Some("highlight"));
    assert_eq!(body.text(), "Live in 5");
    let refused = refusal(
        &id,
        "modify",
        "policy-violation",
        "Only owner and admin can send announcements.",
    );
    session.handle_frame(&refused, T0);
    let item = session.outbox().iter().next().unwrap();
    assert!(matches!(item.state, OutgoingState::Failed { .. }));
    assert_eq!(
        item.kind,
        OutgoingKind::Announcement(AnnouncementKind::Highlight)
    );
    assert_eq!(item.refusal, Some(Refusal::AnnouncementNotAllowed));
    assert!(drain(&mut session).1.iter().any(|e| matches!(
        e,
        Event::SendFailed {
            refusal: Refusal::AnnouncementNotAllowed,
            ..
        }
    )));
    // Tried again, it goes out as an announcement still.
    session.retry(&id);
    let again = sent(&mut session).remove(0);
    assert!(again
        .get_child("body", "jabber:client")
        .unwrap()
        .attr("x-livechat-announcement-type")
        .is_some());
    assert_eq!(session.outbox().iter().next().unwrap().refusal, None);
}

#[test]
fn moderators_see_how_long_a_message_is_held() {
    let mut session = joined_moderator();
    let now = room_info(
        &mut session,
        T0,
        &[],
        &[("muc#roominfo_moderation_delay", "15")],
    );
    assert_eq!(session.room().info().moderation_delay_seconds, Some(15));
    let waiting = t0_s() + 15;
    let held = format!("<moderation-delay delay='15' waiting='{waiting}'/>");
    session.handle_frame(&message_from("Camille", "h1", "hello", &held), now);
    let line = session.room().log().messages().last().unwrap();
    assert_eq!(line.held_until_ms, Some(waiting * 1000));
    // A viewer never gets the mark from the room: from anyone else it means nothing.
    let mut viewer = joined_viewer();
    viewer.handle_frame(&message_from("Camille", "h2", "hello", &held), T0);
    assert_eq!(
        viewer.room().log().messages().last().unwrap().held_until_ms,
        None
    );
}

#[test]
fn emoji_only_mode_is_read_and_its_refusal_explained() {
    let mut session = joined_viewer();
    let now = room_info(
        &mut session,
        T0,
        &[
            "x_peertubelivechat_emoji_only_mode",
            "x_peertubelivechat_mute_anonymous",
        ],
        &[("muc#roominfo_slow_mode_duration", "20")],
    );
    let info = session.room().info();
    assert!(info.emoji_only && info.mute_anonymous);
    assert_eq!(info.slow_mode_seconds, Some(20));
    drain(&mut session);
    let words = session.send_message("words").unwrap();
    session.handle_frame(
        &refusal(
            &words,
            "modify",
            "policy-violation",
            "Emoji only mode enabled",
        ),
        now,
    );
    let too_soon = session.send_message("🎉").unwrap();
    session.handle_frame(
        &refusal(&too_soon, "wait", "policy-violation", "slow down"),
        now,
    );
    let refusals: Vec<_> = session.outbox().iter().map(|o| o.refusal).collect();
    assert_eq!(
        refusals,
        [Some(Refusal::EmojiOnly), Some(Refusal::SlowMode)]
    );
}

#[test]
fn the_subject_is_shown_as_safely_as_a_nickname_and_bodies_keep_their_lines() {
    let mut session = joined_viewer();
    let subject = format!(
        "<message xmlns='jabber:client' from='{ROOM}/Alice' type='groupchat'><subject>Live \u{202E}A&amp;Q\u{2066}</subject></message>"
    );
    session.handle_frame(&subject, T0);
    assert_eq!(session.room().subject(), Some("Live \u{FFFD}A&Q\u{FFFD}"));
    session.handle_frame(&message_from("Alice", "l1", "one\ntwo\n\nthree", ""), T0);
    assert_eq!(
        session.room().log().messages().last().unwrap().body,
        "one\ntwo\n\nthree"
    );
}
