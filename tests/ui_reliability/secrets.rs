//! Secrets: the streamer's token in the address and a PeerTube account's password never stay in
//! storage, the address bar, the history, the DOM or the console.

use livechat_e2e::bots::BOT_WAIT;
use livechat_e2e::{ChatUrl, Fixed, ServeOptions, StaticServer, WebDriver, World, WorldOptions};
use serde_json::{json, Value};

/// Every place a secret must not be after the page read it: storage, address bar, session
/// history (the page's and the browser's), cookies, the DOM. The test's passwords have no
/// character that an encoding would change, so their plain text finds them in every form.
fn assert_secret_nowhere(browser: &WebDriver, secret: &str, what: &str) {
    let places = browser
        .eval(
            "(() => {
                const dump = s => Array.from({ length: s.length }, (_, i) => s.key(i) + '=' + s.getItem(s.key(i))).join('\\n');
                return {
                    localStorage: dump(localStorage),
                    sessionStorage: dump(sessionStorage),
                    href: location.href,
                    historyState: JSON.stringify(history.state),
                    navigation: window.navigation ? navigation.entries().map(e => e.url).join('\\n') : '',
                    cookies: document.cookie,
                    html: document.documentElement.outerHTML,
                    title: document.title,
                };
            })()",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    // The tab's history as the browser keeps it (back, forward, reload, session restore). Each
    // entry also remembers the address as typed or pasted (`userTypedURL`, token included): the
    // browser's own record, which no page can change, so it is not checked.
    let history = browser
        .cdp("Page.getNavigationHistory", json!({}))
        .unwrap_or_else(|e| panic!("{e}"));
    let entries: Vec<Value> = history["entries"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| json!([e["url"], e["title"]]))
        .collect();
    for (place, value) in places
        .as_object()
        .expect("an object")
        .iter()
        .map(|(k, v)| (k.as_str(), v.to_string()))
        .chain([("the browser's session history", json!(entries).to_string())])
    {
        assert!(
            !value.contains(secret),
            "{what}: the password is in {place}: {}",
            value.chars().take(2000).collect::<String>()
        );
    }
}

/// e) The streamer's token in the address (`#?j=&p=&n=`) and a PeerTube account's password from
/// `authenticationUrl`: after the join, neither password is in storage, the address bar, the
/// session history, the console or the DOM.
#[test]
fn passwords_stay_out_of_storage_the_address_bar_history_and_the_log() {
    let mut world = World::start(WorldOptions::default());
    let (token_user, token_password) = ("obsdock", "Tok3n-S3cret-in-the-hash");
    let (account_user, account_password) = ("peertubeuser", "Acc0unt-S3cret-from-auth-url");
    world
        .prosody
        .register(token_user, token_password)
        .unwrap_or_else(|e| panic!("{e}"));
    world
        .prosody
        .register(account_user, account_password)
        .unwrap_or_else(|e| panic!("{e}"));
    let auth_path = "/plugins/livechat/router/api/auth";
    let site = StaticServer::start_with(
        &world.dist,
        ServeOptions {
            fixed: vec![Fixed {
                path: auth_path.into(),
                content_type: "application/json".into(),
                body: json!({
                    "jid": world.prosody.user_jid(account_user),
                    "password": account_password,
                    "nickname": "Peertube User",
                })
                .to_string()
                .into_bytes(),
            }],
            ..ServeOptions::default()
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));
    // The console is read at every level (see `Chromium`'s logging preferences).
    let base = ChatUrl::new(site.url())
        .with("room", world.room.to_string())
        .with("ws", world.ws_url());
    let mut console = Vec::new();

    // The OBS dock's address: the token in the hash.
    let token_url = format!(
        "{}#?j={}&p={}&n=Dock",
        base.build(),
        world.prosody.user_jid(token_user).replace('@', "%40"),
        token_password
    );
    world.page().open(&token_url).wait_joined_as("Dock");
    world.moderator_says("hello dock");
    world.page().wait_message("hello dock");
    let href = world
        .browser
        .current_url()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        !href.contains('#') && href == base.build(),
        "the token is out of the address bar: {href}"
    );
    assert_secret_nowhere(&world.browser, token_password, "token");
    console.extend(world.browser.console_log().unwrap_or_default());

    // A PeerTube user: the password comes from authenticationUrl.
    let account_url = base
        .clone()
        .with(
            "authenticationUrl",
            format!("{}{}", site.url().trim_end_matches('/'), auth_path),
        )
        .build();
    world
        .page()
        .open(&account_url)
        .wait_joined_as("Peertube User")
        .send("hello from an account");
    world
        .moderator
        .run_until("the account's message", BOT_WAIT, |s, _| {
            s.room()
                .log()
                .messages()
                .any(|m| m.body == "hello from an account")
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        site.served().iter().any(|s| s.path.starts_with(auth_path)),
        "the page asked authenticationUrl"
    );
    assert_secret_nowhere(&world.browser, account_password, "account");
    assert_secret_nowhere(&world.browser, token_password, "token, after another page");
    console.extend(world.browser.console_log().unwrap_or_default());

    eprintln!("console ({} lines): {console:#?}", console.len());
    for secret in [token_password, account_password] {
        let leaks: Vec<&String> = console.iter().filter(|l| l.contains(secret)).collect();
        assert!(leaks.is_empty(), "the console shows a password: {leaks:#?}");
    }
}
