//! The large-audience mode's server module (`large_audience`): in a room that broadcasts only
//! moderators' and participants' presences, a newcomer receives exactly what it receives without
//! the module, and its join builds no presence for the viewers already in the room.

use livechat_backend::{Prosody, ProsodyOptions, Role, RoomOptions, ANON_DOMAIN, USER_DOMAIN};

#[allow(dead_code)] // the federation test's helpers
mod common;
use common::Xmpp;

const ROOM: &str = "stage@room.localhost";
/// The admin shell's counter of the presences the MUC component builds (one
/// `muc-build-occupant-presence` event each).
const BUILT: &str = "hosts['room.localhost'].livechat_presences_built";

/// A room as the large-audience mode sets it up: moderated (anonymous viewers are visitors),
/// presences of moderators and participants only; the streamer (owner, moderator) and Camille
/// (member, participant) in it.
fn room_with_streamer_and_camille(prosody: &Prosody) -> Vec<Xmpp> {
    prosody.register("streamer", "pass word").unwrap();
    prosody.register("camille", "pass word").unwrap();
    prosody
        .create_room(
            "stage",
            &RoomOptions {
                owners: vec![prosody.user_jid("streamer")],
                presence_broadcast: Some(vec![Role::Moderator, Role::Participant]),
                extra_lua: Some(
                    "room:set_moderated(true); \
                     room:set_affiliation(true, 'camille@localhost', 'member')"
                        .into(),
                ),
                ..RoomOptions::default()
            },
        )
        .unwrap();
    [("streamer", "Streamer"), ("camille", "Camille")]
        .into_iter()
        .map(|(user, nick)| {
            let mut xmpp = Xmpp::connect(&prosody.ws_url(), prosody.http_port());
            xmpp.log_in(USER_DOMAIN, Some((user, "pass word")));
            join(&mut xmpp, nick);
            xmpp
        })
        .collect()
}

/// Joins the room as `nick`; returns the occupants whose presence came before the newcomer's own
/// (status 110), sorted, and the newcomer's own role.
fn join(xmpp: &mut Xmpp, nick: &str) -> (Vec<String>, String) {
    xmpp.send(&format!(
        "<presence to='{ROOM}/{nick}' xmlns='jabber:client'>\
         <x xmlns='http://jabber.org/protocol/muc'><history maxstanzas='0'/></x></presence>"
    ));
    let mut others = Vec::new();
    loop {
        let frame = xmpp.recv();
        if !frame.starts_with("<presence") {
            continue;
        }
        if frame.contains("status code='110'") {
            others.sort();
            return (others, attribute(&frame, "role"));
        }
        others.push(attribute(&frame, "from"));
    }
}

/// The value of the first attribute `name` in `frame` (empty if none).
fn attribute(frame: &str, name: &str) -> String {
    frame
        .split(&format!(" {name}='"))
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .unwrap_or_default()
        .to_owned()
}

fn anonymous_viewer(prosody: &Prosody, nick: &str) -> (Xmpp, Vec<String>) {
    let mut xmpp = Xmpp::connect(&prosody.ws_url(), prosody.http_port());
    xmpp.log_in(ANON_DOMAIN, None);
    let (seen, role) = join(&mut xmpp, nick);
    assert_eq!(role, "visitor", "{nick} joins as a visitor");
    (xmpp, seen)
}

fn presences_built(prosody: &Prosody) -> u64 {
    let answer = prosody.admin_shell(&format!(">{BUILT}")).unwrap();
    answer
        .split(|c: char| !c.is_ascii_digit())
        .find(|part| !part.is_empty())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in {answer:?}"))
}

/// What a newcomer receives, and how many presences its join builds, with the room holding two
/// viewers and then six.
fn newcomers(large_audience: bool) -> Vec<(Vec<String>, u64)> {
    let prosody = Prosody::start(ProsodyOptions {
        large_audience,
        ..ProsodyOptions::default()
    })
    .unwrap();
    let _members = room_with_streamer_and_camille(&prosody);
    prosody
        .admin_shell(&format!(
            ">{BUILT} = 0; hosts['room.localhost'].events.add_handler(\
             'muc-build-occupant-presence', function() {BUILT} = {BUILT} + 1 end)"
        ))
        .unwrap();
    let mut viewers = Vec::new();
    let mut newcomers = Vec::new();
    for (crowd, newcomer) in [(2, "First newcomer"), (6, "Second newcomer")] {
        while viewers.len() < crowd {
            let nick = format!("Viewer {}", viewers.len() + 1);
            viewers.push(anonymous_viewer(&prosody, &nick).0);
        }
        let before = presences_built(&prosody);
        let (xmpp, seen) = anonymous_viewer(&prosody, newcomer);
        newcomers.push((seen, presences_built(&prosody) - before));
        viewers.push(xmpp);
    }
    newcomers
}

#[test]
fn a_join_builds_only_the_presences_it_sends_and_receives_the_same() {
    let with = newcomers(true);
    let without = newcomers(false);
    let expected = vec![format!("{ROOM}/Camille"), format!("{ROOM}/Streamer")];
    for (seen, _) in with.iter().chain(&without) {
        assert_eq!(
            seen, &expected,
            "a newcomer sees the streamer and Camille only"
        );
    }
    // Without the module the join builds one more presence per viewer already in the room (six
    // viewers, the first newcomer among them, against two); with it, none.
    let (first, second) = (without[0].1, without[1].1);
    assert_eq!(second - first, 4, "without the module: {without:?}");
    assert_eq!(with[0].1, with[1].1, "with the module: {with:?}");
    assert!(with[1].1 < second, "with {with:?}, without {without:?}");
}
