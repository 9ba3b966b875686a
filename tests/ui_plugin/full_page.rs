//! PeerTube's page of the chat (`/p/livechat/room?room=…`, `peertube-fullpage`), for a user logged
//! in to PeerTube: the plugin passes PeerTube's header, which goes to `authenticationUrl`, and the
//! chat joins under the account, takes the focus and opens its participants.

use livechat_e2e::plugin_host::ROUTER;
use livechat_e2e::{hooks, js};
use serde_json::json;

use crate::{fits_inside, host_chat, Stage, ACCOUNT, HISTORY, PEERTUBE_TOKEN, VIDEO};

#[test]
fn the_full_page_joins_a_logged_in_user_under_their_account() {
    let mut stage = Stage::start();
    stage.serve_accounts();
    let full_page = stage.host.url(&format!("/p/livechat/room?room={VIDEO}"));
    // Logged in to PeerTube on this host: its token in localStorage, as PeerTube keeps it.
    let empty_page = stage.host.url("/p/livechat/room");
    stage.page().open(&empty_page);
    stage.peertube_login(true);

    let (_, _, nickname) = ACCOUNT;
    let mut page = stage.page();
    page.open(&full_page).wait(
        "the full page did not join under the account",
        &js::element(&format!(
            ".livechat-embed-fullpage converse-root {}",
            hooks::joined_as(nickname)
        )),
    );
    page.wait_message(HISTORY);
    assert_eq!(host_chat(&page)["outcome"], json!("resolved"));
    // The full page: the input has the focus, the participants are open (the page is wide).
    page.wait(
        "the input does not have the focus",
        &format!(
            "document.activeElement === document.querySelector({:?})",
            hooks::INPUT
        ),
    );
    assert!(page.has(hooks::PARTICIPANTS), "the participants are open");
    assert!(!page.has(".lc-chat.lc-embedded"));
    assert!(fits_inside(
        &page,
        ".lc-chat",
        ".livechat-embed-fullpage converse-root"
    ));
    page.send("Hello from the full page");
    page.screenshot("plugin-fullpage");

    // PeerTube's header went with the parameters and to the account's route.
    let header = Some(format!("{} {}", PEERTUBE_TOKEN.0, PEERTUBE_TOKEN.1));
    let configuration = stage
        .host
        .requests_to(&format!("{ROUTER}/api/configuration/room/{VIDEO}"));
    assert_eq!(
        configuration.last().map(|r| &r.authorization),
        Some(&header)
    );
    let auth = stage
        .host
        .requests_to("/plugins/livechat/14.0.4/router/api/auth");
    assert_eq!(auth.len(), 1, "{auth:?}");
    assert_eq!(auth[0].authorization, header);
    stage.peertube_login(false);
}
