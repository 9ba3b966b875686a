//! XEP-0352 client state indication on recorded sessions: nothing said to a server that does not
//! offer it; once per change to one that does; said again on every new stream while nobody looks;
//! and, under stream management, never counted as a stanza.

use livechat_core::{Session, SessionState};

mod common;
use common::recorded::{drain, frames, moderator, viewer, MODERATOR_SESSION, T0, VIEWER_SESSION};

const INACTIVE: &str = "<inactive xmlns='urn:xmpp:csi:0'/>";
const ACTIVE: &str = "<active xmlns='urn:xmpp:csi:0'/>";
/// The moderator's stream, as the recorded `<enabled/>` named it.
const PREVID: &str = "4EXinxABeAa9";

/// The recorded server, had it offered XEP-0352: `<csi/>` in the features after login (the
/// recordings come from a Prosody without `mod_csi_simple`).
fn offering_csi(frame: &str) -> String {
    if frame.starts_with("<stream:features") && frame.contains("urn:ietf:params:xml:ns:xmpp-bind") {
        frame.replace(
            "</stream:features>",
            "<csi xmlns='urn:xmpp:csi:0'/></stream:features>",
        )
    } else {
        frame.to_owned()
    }
}

/// Replays what the server sent in `fixture` (offering XEP-0352 if `csi`) until the session is
/// in the room and the subject ended its history, or, with `until_sent`, until the session sends
/// a frame that starts so. Returns everything it sent on the way.
fn replay(
    session: &mut Session,
    fixture: &str,
    csi: bool,
    until_sent: Option<&str>,
) -> Vec<String> {
    let mut sent = drain(session).0;
    for frame in frames(fixture).filter(|f| !f.sent) {
        let frame = if csi {
            offering_csi(frame.text)
        } else {
            frame.text.to_owned()
        };
        session.handle_frame(&frame, T0);
        sent.extend(drain(session).0);
        let done = match until_sent {
            Some(start) => sent.iter().any(|f| f.starts_with(start)),
            None => session.room().subject().is_some(),
        };
        if done {
            return sent;
        }
    }
    panic!("the replay ended first; sent: {sent:#?}");
}

fn said(sent: &[String]) -> Vec<&str> {
    sent.iter()
        .map(String::as_str)
        .filter(|f| f.contains("urn:xmpp:csi:0"))
        .collect()
}

#[test]
fn nothing_is_said_to_a_server_that_does_not_offer_it() {
    let mut session = viewer();
    session.set_active(false);
    let sent = replay(&mut session, VIEWER_SESSION, false, None);
    assert_eq!(said(&sent), Vec::<&str>::new());
    assert_eq!(session.state(), SessionState::Joined);

    session.set_active(true);
    session.set_active(false);
    assert_eq!(drain(&mut session).0, Vec::<String>::new());
    assert!(!session.is_active() && !session.server_told_inactive());
}

/// A page that loads hidden says so once logged in, then once per change and never twice the
/// same: the stream starts active, so a visible page says nothing at all.
#[test]
fn each_change_is_said_once_where_the_server_offers_it() {
    let mut visible = viewer();
    let sent = replay(&mut visible, VIEWER_SESSION, true, None);
    assert_eq!(said(&sent), Vec::<&str>::new(), "a stream starts active");
    visible.set_active(true);
    assert_eq!(drain(&mut visible).0, Vec::<String>::new());

    let mut hidden = viewer();
    hidden.set_active(false);
    assert_eq!(
        said(&drain(&mut hidden).0),
        Vec::<&str>::new(),
        "not logged in yet"
    );
    let sent = replay(&mut hidden, VIEWER_SESSION, true, None);
    assert_eq!(said(&sent), [INACTIVE]);
    // After the pipelined login (the join went out before the features that offer it came).
    let join = sent
        .iter()
        .position(|f| f.starts_with("<presence"))
        .unwrap();
    let inactive = sent.iter().position(|f| f == INACTIVE).unwrap();
    assert!(join < inactive, "{sent:#?}");
    assert!(hidden.server_told_inactive());
    assert_eq!(hidden.state(), SessionState::Joined);

    for (active, expected) in [
        (false, vec![]),
        (true, vec![ACTIVE]),
        (true, vec![]),
        (false, vec![INACTIVE]),
        (false, vec![]),
    ] {
        hidden.set_active(active);
        assert_eq!(drain(&mut hidden).0, expected, "set_active({active})");
        assert_eq!(hidden.server_told_inactive(), !active);
    }
}

/// The state belongs to the stream: after the connection is lost, a page still hidden says so on
/// the new one; a page shown again meanwhile says nothing (a new stream starts active); a new
/// session for a new login takes the wish over.
#[test]
fn a_new_stream_hears_it_again() {
    let mut session = viewer();
    replay(&mut session, VIEWER_SESSION, true, None);
    session.set_active(false);
    assert_eq!(drain(&mut session).0, [INACTIVE]);

    session.handle_closed();
    assert!(!session.server_told_inactive());
    session.restart(T0 + 1_000);
    assert_eq!(said(&drain(&mut session).0), Vec::<&str>::new());
    let sent = replay(&mut session, VIEWER_SESSION, true, Some(INACTIVE));
    assert_eq!(said(&sent), [INACTIVE]);

    session.handle_closed();
    session.set_active(true);
    assert_eq!(drain(&mut session).0, Vec::<String>::new(), "no stream");
    session.restart(T0 + 2_000);
    let sent = replay(&mut session, VIEWER_SESSION, true, None);
    assert_eq!(said(&sent), Vec::<&str>::new());

    session.set_active(false);
    drain(&mut session);
    session.handle_closed();
    let mut next = session.successor(session.config().clone(), 43);
    assert!(!next.is_active());
    next.start(T0 + 3_000);
    let sent = replay(&mut next, VIEWER_SESSION, true, Some(INACTIVE));
    assert_eq!(said(&sent), [INACTIVE]);
}

/// Alice (a registered account: stream management on), replayed into the room by a server that
/// offers XEP-0352, and what she sent.
fn joined_alice() -> (Session, Vec<String>) {
    let mut session = moderator(false);
    let sent = replay(&mut session, MODERATOR_SESSION, true, None);
    assert!(session.can_resume());
    (session, sent)
}

/// Loses the connection, logs in again and asks to resume; returns the `<resume/>` sent.
fn drop_and_ask_to_resume(session: &mut Session) -> String {
    session.handle_closed();
    session.restart(T0 + 5_000);
    let sent = replay(session, MODERATOR_SESSION, true, Some("<resume "));
    assert_eq!(
        said(&sent),
        Vec::<&str>::new(),
        "said before the stream is back"
    );
    sent.last().unwrap().clone()
}

fn resumed(session: &mut Session, h: u32) -> Vec<String> {
    session.handle_frame(
        &format!("<resumed xmlns='urn:xmpp:sm:3' h='{h}' previd='{PREVID}'/>"),
        T0 + 5_000,
    );
    drain(session).0
}

/// The stanzas among `sent` after `<enable/>`: those the server's `h` counts.
fn stanzas_since_enable(sent: &[String]) -> u32 {
    let enable = sent.iter().position(|f| f.starts_with("<enable ")).unwrap();
    let stanzas = sent[enable..]
        .iter()
        .filter(|f| {
            ["<iq ", "<presence ", "<message "]
                .iter()
                .any(|s| f.starts_with(s))
        })
        .count();
    u32::try_from(stanzas).unwrap()
}

/// The nonzas are not stanzas: our `h` for the server's stanzas is a twin's that never said
/// anything, a resumption that acknowledges everything before our message replays the message
/// alone, and the inactive state is said again once on the resumed stream (XEP-0352: a resumed
/// stream starts active).
#[test]
fn stream_management_does_not_count_it() {
    let (mut alice, login) = joined_alice();
    let (mut twin, _) = joined_alice();
    alice.set_active(false);
    assert_eq!(drain(&mut alice).0, [INACTIVE]);

    for session in [&mut alice, &mut twin] {
        session.send_message("typed while hidden").unwrap();
        session.handle_frame("<r xmlns='urn:xmpp:sm:3'/>", T0);
    }
    let (alice_sent, twin_sent) = (drain(&mut alice).0, drain(&mut twin).0);
    assert!(alice_sent[0].starts_with("<message ") && alice_sent[1].starts_with("<a "));
    assert_eq!(alice_sent, twin_sent, "the same h for the server's stanzas");

    let resume = drop_and_ask_to_resume(&mut alice);
    assert_eq!(
        resume,
        drop_and_ask_to_resume(&mut twin),
        "the same h to resume with"
    );
    let handled = stanzas_since_enable(&login);
    let after = resumed(&mut alice, handled);
    assert_eq!(after[0], alice_sent[0], "the message, replayed: {after:#?}");
    assert!(
        after[1].starts_with("<r "),
        "nothing else replayed: {after:#?}"
    );
    assert_eq!(said(&after), [INACTIVE]);
    let after_twin = resumed(&mut twin, handled);
    assert_eq!(said(&after_twin), Vec::<&str>::new());
    assert_eq!(after.len(), after_twin.len() + 1);
    assert!(alice.server_told_inactive() && alice.state() == SessionState::Joined);
}

/// After a resumption the server's state is unknown if it heard `<inactive/>` (Prosody keeps it
/// across the resumption): a page shown again while away says `<active/>`. A stream that never
/// heard otherwise is active by both accounts: nothing to say.
#[test]
fn a_resumed_stream_hears_a_page_shown_while_away() {
    let (mut alice, _) = joined_alice();
    alice.set_active(false);
    drain(&mut alice);
    drop_and_ask_to_resume(&mut alice);
    alice.set_active(true);
    assert_eq!(
        said(&drain(&mut alice).0),
        Vec::<&str>::new(),
        "still resuming"
    );
    assert_eq!(said(&resumed(&mut alice, 0)), [ACTIVE]);

    let (mut bob, _) = joined_alice();
    drop_and_ask_to_resume(&mut bob);
    assert_eq!(said(&resumed(&mut bob, 0)), Vec::<&str>::new());
}

/// Too late to resume: a fresh stream, which hears the inactive state again after the new bind.
#[test]
fn a_failed_resumption_starts_a_fresh_stream() {
    let (mut alice, _) = joined_alice();
    alice.set_active(false);
    drain(&mut alice);
    drop_and_ask_to_resume(&mut alice);
    alice.handle_frame("<failed xmlns='urn:xmpp:sm:3'/>", T0 + 5_000);
    let sent = drain(&mut alice).0;
    assert!(
        sent[0].contains("urn:ietf:params:xml:ns:xmpp-bind"),
        "{sent:#?}"
    );
    assert_eq!(said(&sent), [INACTIVE]);
}
