//! What a hostile or broken server or user cannot do to a joined session: malformed frames, huge
//! sizes, text XML cannot carry.

use livechat_core::{Event, SessionError, SessionState};

mod common;
use common::recorded::{drain, joined_viewer, T0};

#[test]
fn a_malformed_frame_is_reported_and_the_session_goes_on() {
    let mut session = joined_viewer();
    drain(&mut session);
    session.handle_frame("<message xmlns='jabber:client'><body>unclosed", T0);
    session.handle_frame("\u{0}\u{1}not xml", T0);
    let (_, events) = drain(&mut session);
    assert_eq!(events.len(), 2);
    assert!(events
        .iter()
        .all(|e| matches!(e, Event::Error(SessionError::MalformedFrame { .. }))));
    assert_eq!(session.state(), SessionState::Joined);
    let live =
        "<message xmlns='jabber:client' from='live@room.localhost/Alice' type='groupchat' id='x1'>\
                <body>still here</body></message>";
    session.handle_frame(live, T0 + 5);
    let last = session.room().log().messages().last().unwrap();
    assert_eq!(
        (last.body.as_str(), last.sent_at_ms, last.delayed),
        ("still here", (T0 + 5) as i64, false)
    );
}

#[test]
fn hostile_sizes_stay_bounded() {
    let mut session = joined_viewer();
    drain(&mut session);
    // A 1 MB body: kept cut, the session goes on.
    let huge = "x".repeat(1 << 20);
    session.handle_frame(
        &format!("<message xmlns='jabber:client' from='live@room.localhost/Bob' type='groupchat' id='big'><body>{huge}</body></message>"),
        T0,
    );
    let last = session.room().log().messages().last().unwrap();
    assert!(last.body.len() <= livechat_core::text::MAX_BODY_BYTES + 3);
    drain(&mut session);
    let presence = |nick: &str| {
        format!(
            "<presence xmlns='jabber:client' from='live@room.localhost/{}'><x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='none' role='participant'/></x></presence>",
            nick.replace('<', "&lt;").replace('>', "&gt;")
        )
    };
    // A 10,000-character nickname cannot be a JID resource (1,023 bytes at most): reported, ignored.
    session.handle_frame(&presence(&"N".repeat(10_000)), T0);
    let (_, events) = drain(&mut session);
    assert!(
        matches!(
            events[..],
            [Event::Error(SessionError::MalformedFrame { .. })]
        ),
        "{events:?}"
    );
    // The longest that can be, with markup in it: an occupant like any other, the markup kept as text.
    let nick = format!("<img src=x onerror=alert(1)>{}", "N".repeat(990));
    session.handle_frame(&presence(&nick), T0);
    assert!(session.room().occupant(&nick).is_some());
    assert_eq!(
        livechat_core::text::display_nick(&nick).chars().count(),
        livechat_core::text::MAX_NICK_CHARS + 1
    );
    assert_eq!(session.state(), SessionState::Joined);
    // Unknown stanza kinds and elements are ignored without a word.
    session.handle_frame("<unknown xmlns='urn:example:future'/>", T0);
    session.handle_frame("<iq xmlns='jabber:client' type='get' id='q1' from='live@room.localhost/Bob'><query xmlns='jabber:iq:version'/></iq>", T0);
    let (sent, events) = drain(&mut session);
    assert!(
        events.iter().all(|e| !matches!(e, Event::Error(_))),
        "{events:?}"
    );
    // An iq we do not serve gets an error back, as RFC 6120 wants.
    assert_eq!(sent.len(), 1);
    assert!(
        sent[0].contains("type='error'") && sent[0].contains("service-unavailable"),
        "{sent:?}"
    );
}

#[test]
fn text_xml_cannot_carry_never_stops_the_session() {
    let mut session = joined_viewer();
    drain(&mut session);
    assert_eq!(session.send_message("\u{0}"), None, "nothing left to send");
    session.send_message("red \u{1b}[31malert\u{FFFF}").unwrap();
    session.kick("Alice", Some("bye\u{0}"));
    session.retract("sid\u{7}", Some("\u{1}"));
    let (sent, _) = drain(&mut session);
    assert_eq!(sent.len(), 3, "{sent:?}");
    assert!(sent[0].contains("<body>red [31malert</body>"), "{sent:?}");
    // A nickname the room could not have is refused as a command result, not sent.
    session.mute("bad\u{0}nick", None);
    let (sent, events) = drain(&mut session);
    assert!(sent.is_empty());
    assert!(
        matches!(events[..], [Event::CommandResult { error: Some(_), .. }]),
        "{events:?}"
    );
}
