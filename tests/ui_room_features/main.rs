//! The PeerTube livechat plugin's room features in the chat, in real Chromium against Prosody
//! with the project's own modules (docs/servers.md, "Room features on the test server"). One
//! module per feature (each listed here with what it covers).
//! - [`polls`]: the streamer's poll form (keyboard only), the banner live, votes by button and by
//!   `!N` (no slow-mode countdown), `livechat-poll-vote`, a newcomer, the overlay, the result;
//! - [`terms`]: the instance's and the room's terms on joining, hidden for good, shown again when
//!   they change;
//! - [`announcements`]: the streamer's announcement sender, a warning as viewers see it;
//! - [`emojis`]: the channel's custom emojis fetched once and drawn as images, hostile ones left
//!   out; the emoji picker from the keyboard, its list fetched when it opens; emoji-only mode
//!   with custom emojis;
//! - [`mentions`]: nicknames completed from the keyboard, a mention of the viewer marked and
//!   announced;
//! - [`own_messages`]: the last message corrected with ↑ (everyone sees it), one's own deleted,
//!   another's quoted, all from the keyboard; slow mode after a message, not after a vote;
//! - [`long_messages`]: line breaks kept, 5,000 characters and 60 lines folded with a toggle in
//!   the chat, folded in the overlay, cut for screen readers;
//! - [`emoji_only`]: the composer's notice, a refusal explained;
//! - [`moderation_delay`]: a moderator sees how long a message is held, a viewer gets it later.
//!
//! One test binary: the modules share the helpers below and link once.

mod announcements;
mod emoji_only;
mod emojis;
mod long_messages;
mod mentions;
mod moderation_delay;
mod own_messages;
mod polls;
mod terms;

use std::time::Duration;

use livechat_backend::{FeatureSettings, RoomFeatures};
use livechat_e2e::{Chromium, World, WorldOptions};

/// A world (Prosody, a room with its moderator, Chromium) whose polls run fast (a poll's
/// "minute" lasts a second, counts go out every 200 ms) and whose room has `features`.
pub fn start(features: RoomFeatures, options: WorldOptions) -> World {
    let world = World::start(WorldOptions {
        room_features: FeatureSettings {
            poll_minute: Duration::from_secs(1),
            poll_update_interval: Duration::from_millis(200),
            ..options.room_features.clone()
        },
        ..options
    });
    if !features.is_empty() {
        world
            .prosody
            .configure_room(&world.room.to_string(), &features)
            .unwrap_or_else(|e| panic!("cannot configure {}: {e}", world.room));
    }
    world
}

/// Opens `url` (the standalone chat, or a host page) as an anonymous viewer who chooses `nick`,
/// and waits until the room took it and the input is usable.
pub fn open_as(world: &mut World, url: &str, nick: &str) {
    world
        .page()
        .open(url)
        .wait_joined()
        .choose_nick(nick)
        .wait_present(livechat_e2e::hooks::ENABLED_INPUT);
}

/// The viewer `viewer` in the world's browser (as [`open_as`]), and the streamer `streamer` (the
/// room's owner, by the OBS dock's token) in a second browser, which is returned.
pub fn viewer_and_streamer(world: &mut World, viewer: &str, streamer: &str) -> Chromium {
    let dock =
        Chromium::launch().unwrap_or_else(|e| panic!("cannot launch a second Chromium: {e}"));
    let url = world.chat_url().build();
    open_as(world, &url, viewer);
    let owner_url = world.owner_url(streamer);
    world
        .page_in(&dock)
        .open(&owner_url)
        .wait_joined_as(streamer);
    dock
}
