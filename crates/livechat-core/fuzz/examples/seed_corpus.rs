//! Writes the seed corpora: `corpus/frame/` gets every frame the server sent in the recordings,
//! `corpus/session/` a few scripts (the recordings replayed with the commands the user gave, and
//! variations). Run from the fuzz directory: `cargo run --example seed_corpus`.

use std::fs;
use std::path::Path;

use livechat_core_fuzz::encode::encode;
use livechat_core_fuzz::{received, Edit, FrameSource, MessageTarget, Reply, Script, Setup, Step, Target, MODERATOR_SESSION, VIEWER_SESSION};

/// The PeerTube plugin's room features, as its Prosody modules send them to the recorded viewer.
const PLUGIN_FRAMES: &[(&str, &str)] = &[
    (
        "poll-start",
        "<message xmlns='jabber:client' from='live@room.localhost/Alice' type='groupchat' id='p1'>\
         <body>Which map?\n1: Desert\n2: Snow\n</body><occupant-id xmlns='urn:xmpp:occupant-id:0' id='KF5+jABQyR7IknJrdO+1sse/iXOoSOR+OWr98pdioHY='/>\
         <x-poll xmlns='http://jabber.org/protocol/muc#x-poll-message' id='Ab12' votes='0' end='1900000600'>\
         <x-poll-question>Which map?</x-poll-question><x-poll-choice choice='1' votes='0'>Desert</x-poll-choice>\
         <x-poll-choice choice='2' votes='0'>Snow</x-poll-choice></x-poll></message>",
    ),
    (
        "poll-update",
        "<message xmlns='jabber:client' from='live@room.localhost/Alice' type='groupchat' id='p2'>\
         <no-store xmlns='urn:xmpp:hints'/><x-poll xmlns='http://jabber.org/protocol/muc#x-poll-message' id='Ab12' votes='3' end='1900000600'>\
         <x-poll-question>Which map?</x-poll-question><x-poll-choice choice='1' votes='1'>Desert</x-poll-choice>\
         <x-poll-choice choice='2' votes='2'>Snow</x-poll-choice></x-poll></message>",
    ),
    (
        "poll-end",
        "<message xmlns='jabber:client' from='live@room.localhost/Alice' type='groupchat' id='p3'>\
         <body>Which map?\nThis poll is now over.\n</body><x-poll xmlns='http://jabber.org/protocol/muc#x-poll-message' id='Ab12' votes='3' end='1900000600' over=''>\
         <x-poll-question>Which map?</x-poll-question><x-poll-choice choice='1' votes='1'>Desert</x-poll-choice>\
         <x-poll-choice choice='2' votes='2'>Snow</x-poll-choice></x-poll></message>",
    ),
    (
        "vote-bounce",
        "<message xmlns='jabber:client' from='live@room.localhost' type='error' id='v1-1'><error type='continue'>\
         <undefined-condition xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/><text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Your vote counts.</text></error></message>",
    ),
    (
        "terms",
        "<message xmlns='jabber:client' from='live@room.localhost/Peertube' type='groupchat' id='t1'>\
         <body>Be kind.\nNo spam.</body><x-livechat-terms type='global'/>\
         <delay xmlns='urn:xmpp:delay' stamp='2030-03-17T17:46:40Z'/><no-store xmlns='urn:xmpp:hints'/></message>",
    ),
    (
        "announcement",
        "<message xmlns='jabber:client' from='live@room.localhost/Alice' type='groupchat' id='a1'>\
         <body x-livechat-announcement-type='warning'>* Warning *\nBe nice</body>\
         <stanza-id xmlns='urn:xmpp:sid:0' by='live@room.localhost' id='sa1'/></message>",
    ),
    (
        "held-mention",
        "<message xmlns='jabber:client' from='live@room.localhost/Alice' type='groupchat' id='h1'>\
         <body>@Anonymous 939842 hi</body><moderation-delay delay='10' waiting='1900000010'/>\
         <reference xmlns='urn:xmpp:reference:0' begin='1' end='17' type='mention' uri='xmpp:live@room.localhost/Anonymous%20939842'/></message>",
    ),
    (
        "room-info",
        "<iq xmlns='jabber:client' type='result' id='info2-7c7173abd97be16f' from='live@room.localhost'>\
         <query xmlns='http://jabber.org/protocol/disco#info'><feature var='http://jabber.org/protocol/muc#x-poll'/>\
         <feature var='x_peertubelivechat_emoji_only_mode'/><feature var='x_peertubelivechat_mute_anonymous'/>\
         <x xmlns='jabber:x:data' type='result'><field var='muc#roominfo_moderation_delay'><value>10</value></field>\
         <field var='muc#roominfo_slow_mode_duration'><value>5</value></field></x></query></iq>",
    ),
];

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    fs::create_dir_all(dir).unwrap();
    fs::write(dir.join(name), bytes).unwrap();
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");

    // frame: one file per received frame (duplicates once).
    let mut seen = std::collections::HashSet::new();
    for (fixture, name) in [(VIEWER_SESSION, "viewer"), (MODERATOR_SESSION, "moderator")] {
        for (i, frame) in received(fixture).enumerate() {
            if seen.insert(frame) {
                write(&root.join("frame"), &format!("seed-{name}-{i:02}"), frame.as_bytes());
            }
        }
    }

    // frame: what the PeerTube plugin's room features send, one file each.
    for (name, frame) in PLUGIN_FRAMES {
        write(&root.join("frame"), &format!("seed-plugin-{name}"), frame.as_bytes());
    }

    // session: indexes into livechat_core_fuzz::recorded_frames() (viewer frames first).
    let viewer_count = received(VIEWER_SESSION).count() as u8;
    let rec = |i: u8| Step::Frame(FrameSource::Recorded(i));
    let viewer = Setup { moderator: false, log_capacity: None, room_info_interval_s: None, show_presence_lines: false };
    let moderator = Setup { moderator: true, ..viewer.clone() };
    let viewer_frames: Vec<u8> = (0..viewer_count).collect();
    let moderator_frames: Vec<u8> = (viewer_count..viewer_count + received(MODERATOR_SESSION).count() as u8).collect();

    let find = |frames: &[u8], needle: &str| {
        let all = livechat_core_fuzz::recorded_frames();
        frames.iter().position(|&i| all[i as usize].contains(needle)).unwrap()
    };
    let subject = find(&viewer_frames, "<subject>Live");
    let camille = viewer_frames
        .iter()
        .position(|&i| {
            let f = livechat_core_fuzz::recorded_frames()[i as usize];
            f.starts_with("<presence") && f.contains("live@room.localhost/Camille'") && !f.contains("unavailable")
        })
        .unwrap();

    // The recordings as they happened: every received frame in order, and in between the user's
    // commands, read back from what the session sent (live_prosody.rs gave them).
    let steps = from_fixture(VIEWER_SESSION, 0);
    let viewer_full = Script { setup: viewer.clone(), steps: steps.clone() };
    let msteps = from_fixture(MODERATOR_SESSION, viewer_count);
    let moderator_full = Script { setup: moderator.clone(), steps: msteps.clone() };
    let joined = msteps
        .iter()
        .position(|s| matches!(s, Step::SetSubject(_)))
        .expect("the moderator sets the subject once joined")
        - 1;
    // Indexes into `steps` (the viewer's commands shift the frames).
    let subject = steps.iter().position(|s| *s == rec(viewer_frames[subject])).unwrap();

    let mut scripts = vec![
        ("viewer-full", viewer_full.clone()),
        ("moderator-full", moderator_full.clone()),
        // Timers: keep-alive ping unanswered, then a restart and the whole join again.
        ("viewer-timeout-restart", Script {
            setup: viewer.clone(),
            steps: steps[..subject + 2]
                .iter()
                .cloned()
                .chain([Step::FireDeadline, Step::FireDeadline, Step::Restart { advance_ms: 500 }])
                .chain(steps[..subject + 2].iter().cloned())
                .collect(),
        }),
        // Typed while offline: queued, then sent once joined.
        ("viewer-offline-message", Script {
            setup: Setup { log_capacity: Some(3), room_info_interval_s: Some(30), ..viewer.clone() },
            steps: [Step::SendMessage("typed early".into())]
                .into_iter()
                .chain(steps[..subject + 2].iter().cloned())
                .chain([Step::Timeout { advance_ms: 30_000 }, Step::Closed, Step::Restart { advance_ms: 1000 }])
                .collect(),
        }),
        // Moderator commands against the recorded occupants, then a lost socket and a resumption.
        ("moderator-commands", Script {
            setup: Setup { show_presence_lines: true, ..moderator.clone() },
            steps: msteps[..joined + 6]
                .iter()
                .cloned()
                .chain([
                    Step::Kick { target: Target::Occupant(0), reason: Some("bye".into()) },
                    Step::Mute { target: Target::Nick("Camille".into()), reason: None },
                    Step::Ban { target: Target::Own, reason: None },
                    Step::Retract { target: MessageTarget::Log(0), reason: Some("spam".into()) },
                    Step::Closed,
                    Step::Restart { advance_ms: 100 },
                ])
                .chain(moderator_frames[..4].iter().map(|&i| rec(i)))
                .collect(),
        }),
        // Edited frames: another nickname, a truncated stanza, the fuzzer's own frame.
        ("viewer-edits", Script {
            setup: viewer.clone(),
            steps: steps[..subject + 2]
                .iter()
                .cloned()
                .chain([
                    Step::Frame(FrameSource::Mutated { index: camille as u8, edit: Edit::Attr { nth: 2, value: "live@room.localhost/Bob".into() } }),
                    Step::Frame(FrameSource::Mutated { index: subject as u8, edit: Edit::Text { nth: 1, text: "new subject".into() } }),
                    Step::Frame(FrameSource::Mutated { index: camille as u8, edit: Edit::Truncate { at: 120 } }),
                    Step::Frame(FrameSource::Raw("<iq xmlns='jabber:client' type='get' id='p' from='live@room.localhost'><ping xmlns='urn:xmpp:ping'/></iq>".into())),
                ])
                .collect(),
        }),
        // The server model: echoes, refusals, answers to pings, commands and disco#info, a
        // XEP-0410 rejoin, and our own presence with status codes.
        ("viewer-server-model", Script {
            setup: Setup { room_info_interval_s: Some(60), ..viewer.clone() },
            steps: steps[..subject + 2]
                .iter()
                .cloned()
                .chain([
                    Step::SendMessage("hello".into()),
                    Step::Frame(FrameSource::Echo { nth: 0, error: None }),
                    Step::SendMessage("too fast".into()),
                    Step::Frame(FrameSource::Echo { nth: 0, error: Some(8) }),
                    Step::Retry(0),
                    Step::Frame(FrameSource::Echo { nth: 0, error: None }),
                    Step::Timeout { advance_ms: 25_000 },
                    Step::Frame(FrameSource::Answer { nth: 0, reply: Reply::Empty }),
                    Step::Timeout { advance_ms: 60_000 },
                    Step::Frame(FrameSource::Answer { nth: 0, reply: Reply::Recorded(1) }),
                    Step::Frame(FrameSource::Answer { nth: 1, reply: Reply::Empty }),
                    Step::FireDeadline,
                    Step::Frame(FrameSource::Answer { nth: 0, reply: Reply::Error { condition: 0, text: None } }),
                    Step::Frame(FrameSource::SelfPresence { unavailable: false, statuses: 0, role: 0, nick: None }),
                    Step::Frame(FrameSource::SelfPresence { unavailable: true, statuses: 4, role: 3, nick: Some("Zoé".into()) }),
                    Step::Frame(FrameSource::SelfPresence { unavailable: true, statuses: 8, role: 3, nick: None }),
                ])
                .collect(),
        }),
        ("moderator-server-model", Script {
            setup: Setup { show_presence_lines: true, ..moderator.clone() },
            steps: msteps[..joined + 6]
                .iter()
                .cloned()
                .chain([
                    Step::Kick { target: Target::Occupant(1), reason: None },
                    Step::Frame(FrameSource::Answer { nth: 0, reply: Reply::Empty }),
                    Step::Mute { target: Target::Occupant(0), reason: Some("calm down".into()) },
                    Step::Frame(FrameSource::Answer { nth: 0, reply: Reply::Error { condition: 2, text: Some("no".into()) } }),
                    Step::Retract { target: MessageTarget::Log(1), reason: None },
                    Step::Frame(FrameSource::Answer { nth: 0, reply: Reply::Empty }),
                    Step::Frame(FrameSource::Recorded(msteps.len() as u8)),
                    Step::Closed,
                    Step::Restart { advance_ms: 2_000 },
                ])
                .chain(moderator_frames[..5].iter().map(|&i| rec(i)))
                .chain([Step::Frame(FrameSource::Raw("<resumed xmlns='urn:xmpp:sm:3' h='3' previd='0N4iYk9IKzUg'/>".into()))])
                .collect(),
        }),
    ];
    for (name, script) in scripts.drain(..) {
        let bytes = encode(&script);
        println!("{name}: {} steps, {} bytes", script.steps.len(), bytes.len());
        write(&root.join("session"), &format!("seed-{name}"), &bytes);
    }

    // Reproducers of what the fuzzer found (README.md, "Findings"): each one fails under
    // `cargo fuzz run session fuzz/regressions/session/NAME` until the core is fixed.
    let regressions = Path::new(env!("CARGO_MANIFEST_DIR")).join("regressions/session");
    let self_presence = find(&viewer_frames, "<status code='110'/>");
    let until_joined: Vec<Step> = viewer_frames[..=self_presence].iter().map(|&i| rec(i)).collect();
    let found = [
        // A message typed between our own presence and the subject goes out twice.
        ("dup-send", Script {
            setup: viewer.clone(),
            steps: until_joined
                .iter()
                .cloned()
                .chain([Step::SendMessage("hi".into()), rec(viewer_frames[subject])])
                .collect(),
        }),
        // A character XML cannot carry, typed by the user: the session panics.
        ("control-char-message", Script {
            setup: viewer.clone(),
            steps: steps[..subject + 1].iter().cloned().chain([Step::SendMessage("a\u{1b}b".into())]).collect(),
        }),
        // The same typed while binding: queued, then the panic comes with the subject.
        ("control-char-queued", Script {
            setup: viewer.clone(),
            steps: steps[..5]
                .iter()
                .cloned()
                .chain([Step::SendMessage("x\u{1}".into())])
                .chain(steps[5..subject + 1].iter().cloned())
                .collect(),
        }),
        // The socket is gone, yet a late self-presence puts the session back in the room.
        ("closed-joined", Script {
            setup: viewer.clone(),
            steps: vec![Step::Closed, rec(viewer_frames[self_presence])],
        }),
        // After a ping timeout (Closed, <close/> sent) the frames still coming in are handled.
        ("closed-joined-after-timeout", Script {
            setup: viewer.clone(),
            steps: until_joined
                .iter()
                .cloned()
                .chain([Step::FireDeadline, Step::FireDeadline, rec(viewer_frames[self_presence])])
                .collect(),
        }),
        // room_info_interval_ms = Some(0): every timer fires a disco#info and asks to be woken now.
        ("zero-interval", Script {
            setup: Setup { room_info_interval_s: Some(0), ..viewer.clone() },
            steps: until_joined.iter().cloned().chain([Step::FireDeadline, Step::FireDeadline]).collect(),
        }),
    ];
    for (name, script) in found {
        write(&regressions, name, &encode(&script));
    }
}

/// The steps that replay a recording: `Recorded(first + n)` for its n-th received frame, and the
/// UI command behind each frame it sent that a command makes (the protocol's own are skipped).
fn from_fixture(fixture: &str, first: u8) -> Vec<Step> {
    use xmpp_parsers::minidom::Element;
    let mut steps = Vec::new();
    let mut n = first;
    for line in fixture.lines() {
        if let Some(_frame) = line.strip_prefix("<< ") {
            steps.push(Step::Frame(FrameSource::Recorded(n)));
            n += 1;
            continue;
        }
        let Some(frame) = line.strip_prefix(">> ") else { continue };
        let Ok(e) = frame.parse::<Element>() else { continue };
        let text = |name: &str, ns: &str| e.get_child(name, ns).map(Element::text);
        let reason_of = |item: &Element| item.children().find(|c| c.name() == "reason").map(Element::text);
        match e.name() {
            "message" => {
                if let Some(subject) = text("subject", "jabber:client") {
                    steps.push(Step::SetSubject(subject));
                } else if let Some(body) = text("body", "jabber:client") {
                    steps.push(Step::SendMessage(body));
                }
            }
            // A nickname change: a presence to the room without the join's <x/>.
            "presence" if e.children().next().is_none() => {
                if let Some((_, nick)) = e.attr("to").and_then(|t| t.split_once('/')) {
                    steps.push(Step::ChangeNick(nick.to_owned()));
                }
            }
            "iq" if e.attr("type") == Some("set") => {
                if let Some(apply) = e.get_child("apply-to", "urn:xmpp:fasten:0") {
                    let reason = apply.children().flat_map(|m| m.children()).find(|c| c.name() == "reason").map(Element::text);
                    let id = apply.attr("id").unwrap_or_default().to_owned();
                    steps.push(Step::Retract { target: MessageTarget::Id(id), reason });
                } else if let Some(item) = e.get_child("query", "http://jabber.org/protocol/muc#admin").and_then(|q| q.children().next()) {
                    let nick = Target::Nick(item.attr("nick").unwrap_or_default().to_owned());
                    let reason = reason_of(item);
                    steps.push(match (item.attr("role"), item.attr("affiliation")) {
                        (Some("visitor"), _) => Step::Mute { target: nick, reason },
                        (Some("participant"), _) => Step::Voice { target: nick, reason },
                        (Some("none"), _) => Step::Kick { target: nick, reason },
                        // A ban names the real JID; live_prosody.rs banned Dominique by nickname.
                        (_, Some("outcast")) => Step::Ban { target: Target::Nick("Dominique".into()), reason },
                        _ => continue,
                    });
                }
            }
            _ => {}
        }
    }
    steps
}
