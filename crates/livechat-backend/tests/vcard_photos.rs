//! Anonymous viewers' vCards as the plugin's server answers them (`anonymous_vcard_photos`): an
//! occupant asks another's vCard through the room, as the old client did for every occupant, and
//! gets a photo of about 6 KB in base64, the same one every time.

use base64::Engine;
use livechat_backend::{Prosody, ProsodyOptions, RoomOptions, ANON_DOMAIN};

#[allow(dead_code)] // the federation test's helpers
mod common;
use common::Xmpp;

/// An anonymous viewer in `room` under `nick`.
fn viewer(prosody: &Prosody, room: &str, nick: &str) -> Xmpp {
    let mut xmpp = Xmpp::connect(&prosody.ws_url(), prosody.http_port());
    xmpp.log_in(ANON_DOMAIN, None);
    xmpp.send(&format!(
        "<presence to='{room}/{nick}' xmlns='jabber:client'>\
         <x xmlns='http://jabber.org/protocol/muc'><history maxstanzas='0'/></x></presence>"
    ));
    xmpp.recv_until("status code='110'");
    xmpp
}

/// The answer to a vCard request to `occupant`, sent through the room.
fn vcard_of(xmpp: &mut Xmpp, occupant: &str, id: &str) -> String {
    xmpp.send(&format!(
        "<iq type='get' to='{occupant}' id='{id}' xmlns='jabber:client'>\
         <vCard xmlns='vcard-temp'/></iq>"
    ));
    xmpp.recv_until(&format!("id='{id}'"))
}

/// The photo's bytes in a vCard answer, if it has one.
fn photo(answer: &str) -> Option<Vec<u8>> {
    let binval = answer.split("<BINVAL>").nth(1)?.split("</BINVAL>").next()?;
    Some(
        base64::engine::general_purpose::STANDARD
            .decode(binval)
            .expect("the photo is base64"),
    )
}

#[test]
fn an_occupants_vcard_holds_a_photo_of_about_six_kilobytes_in_base64() {
    let prosody = Prosody::start(ProsodyOptions {
        anonymous_vcard_photos: true,
        ..ProsodyOptions::default()
    })
    .unwrap();
    let room = prosody
        .create_room("video", &RoomOptions::default())
        .unwrap();
    let mut asker = viewer(&prosody, &room, "Asker");
    let _asked = viewer(&prosody, &room, "Asked");

    let answer = vcard_of(&mut asker, &format!("{room}/Asked"), "v1");
    assert!(answer.contains("type='result'"), "{answer}");
    assert!(answer.contains(&format!("from='{room}/Asked'")), "{answer}");
    assert!(answer.contains("<TYPE>image/png</TYPE>"), "{answer}");
    let binval = answer.split("<BINVAL>").nth(1).unwrap().split('<').next();
    assert_eq!(binval.map(str::len), Some(6000), "4,500 bytes in base64");
    let first = photo(&answer).unwrap();
    assert_eq!(first.len(), 4500);
    assert!(first.starts_with(b"\x89PNG\r\n\x1a\n"));

    // The same viewer has the same photo the next time.
    let again = photo(&vcard_of(&mut asker, &format!("{room}/Asked"), "v2")).unwrap();
    assert_eq!(again, first);
}

#[test]
fn without_the_option_an_anonymous_occupant_has_no_photo() {
    let prosody = Prosody::start(ProsodyOptions::default()).unwrap();
    let room = prosody
        .create_room("video", &RoomOptions::default())
        .unwrap();
    let mut asker = viewer(&prosody, &room, "Asker");
    let _asked = viewer(&prosody, &room, "Asked");
    let answer = vcard_of(&mut asker, &format!("{room}/Asked"), "v1");
    assert_eq!(photo(&answer), None, "{answer}");
}
