//! A stream runs for hours: whatever arrives, the session's memory must stay the size of its
//! bounded log. A counting allocator measures the bytes alive after message 500 and after message
//! 10,000 of a flood from many authors, with joins, leaves, corrections and retractions mixed in.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};

mod common;
use common::recorded::{drain, joined_viewer, T0};

struct Counting;

static LIVE_BYTES: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE_BYTES.fetch_add(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE_BYTES.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const ME: &str = "nqhjarxeo-ecx4i_pzxyjtp1@anon.localhost/zdwY4WfD4mwa";
const AUTHORS: usize = 300;

/// Message `n` of the flood, and every so often the room traffic that comes with a live chat.
fn traffic(n: usize) -> Vec<String> {
    let nick = format!("viewer{}", n % AUTHORS);
    let mut frames = vec![format!(
        "<message xmlns='jabber:client' to='{ME}' type='groupchat' from='live@room.localhost/{nick}' id='m{n}'>\
         <body>flood message number {n} with some text to make it look like chat</body>\
         <origin-id xmlns='urn:xmpp:sid:0' id='o{n}'/>\
         <occupant-id xmlns='urn:xmpp:occupant-id:0' id='occ{}'/>\
         <stanza-id xmlns='urn:xmpp:sid:0' by='live@room.localhost' id='s{n}'/></message>",
        n % AUTHORS
    )];
    if n % 7 == 0 {
        // The author corrects the message before.
        frames.push(format!(
            "<message xmlns='jabber:client' to='{ME}' type='groupchat' from='live@room.localhost/{nick}' id='c{n}'>\
             <body>corrected</body><replace xmlns='urn:xmpp:message-correct:0' id='m{}'/>\
             <stanza-id xmlns='urn:xmpp:sid:0' by='live@room.localhost' id='sc{n}'/></message>",
            n.saturating_sub(AUTHORS)
        ));
    }
    if n % 11 == 0 {
        // A newcomer joins, and one leaves: the occupant list turns over all the time.
        frames.push(format!(
            "<presence xmlns='jabber:client' to='{ME}' from='live@room.localhost/guest{n}'>\
             <x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='none' role='participant'/></x>\
             <occupant-id xmlns='urn:xmpp:occupant-id:0' id='g{n}'/></presence>"
        ));
        frames.push(format!(
            "<presence xmlns='jabber:client' to='{ME}' type='unavailable' from='live@room.localhost/guest{}'>\
             <x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='none' role='none'/></x></presence>",
            n.saturating_sub(110)
        ));
    }
    frames
}

fn live_bytes() -> isize {
    LIVE_BYTES.load(Ordering::Relaxed)
}

#[test]
fn a_long_flood_leaves_memory_the_size_of_the_bounded_log() {
    let mut session = joined_viewer();
    drain(&mut session);
    let mut now = T0;
    let mut at_500 = 0;
    for n in 1..=10_000 {
        now += 20;
        for frame in traffic(n) {
            session.handle_frame(&frame, now);
        }
        if let Some(deadline) = session.poll_timeout() {
            if deadline <= now {
                session.handle_timeout(now);
            }
        }
        drain(&mut session);
        if n == 500 {
            at_500 = live_bytes();
        }
    }
    let at_10_000 = live_bytes();
    let log = session.room().log();
    let occupants = session.room().occupants().count();
    println!(
        "live bytes: {at_500} after 500 messages, {at_10_000} after 10,000 ({:+}); log {} entries, {occupants} occupants",
        at_10_000 - at_500,
        log.len()
    );
    assert_eq!(log.len(), log.capacity(), "the log is full and bounded");
    // Same log size, same number of occupants give or take: anything more is a leak.
    assert!(
        at_10_000 - at_500 < 16 * 1024,
        "memory grew by {} bytes between message 500 and message 10,000",
        at_10_000 - at_500
    );
}
