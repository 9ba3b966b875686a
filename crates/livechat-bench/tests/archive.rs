//! The room's archive seeded before a storm: what a joiner then reads back is the server's own
//! archive, the last messages first in, in order.

use std::time::Duration;

use livechat_bench::command::setup::{Mode, ServerKind, Setup};
use livechat_bench::command::{archive, servers};
use livechat_bench::Profile;
use livechat_core::SessionState;
use livechat_native::NativeClient;

const WAIT: Duration = Duration::from_secs(30);

#[test]
fn a_joiner_reads_the_seeded_archive_back_as_its_history() {
    let setup = Setup {
        server: ServerKind::Prosody,
        mode: Mode::Default,
        archive: 120,
        inactive_percent: 0,
    };
    let server = servers::start(&setup, false, 1).unwrap();
    archive::seed(
        &server.endpoints[0].ws_url,
        server.moderator.clone(),
        120,
        WAIT,
    )
    .unwrap();

    let room = server.moderator.room.clone();
    let login = server.endpoints[0].login.credentials(0).unwrap();
    let config = Profile::Lean.config(login, &room);
    let mut viewer = NativeClient::connect(&server.endpoints[0].ws_url, config, 3).unwrap();
    viewer
        .run_until("joined with 20 messages of history", WAIT, |s, _| {
            s.state() == SessionState::Joined && s.room().log().messages().count() == 20
        })
        .unwrap();
    let bodies: Vec<String> = viewer
        .session()
        .room()
        .log()
        .messages()
        .map(|m| m.body.clone())
        .collect();
    assert!(
        bodies[0].starts_with("Archived message 101: "),
        "{bodies:?}"
    );
    assert!(
        bodies[19].starts_with("Archived message 120: "),
        "{bodies:?}"
    );
    assert!(viewer.session().room().log().messages().all(|m| m.delayed));
    viewer.close().unwrap();
}
