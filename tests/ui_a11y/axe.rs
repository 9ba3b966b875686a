//! axe-core on every page a viewer or a moderator can see: nothing may fail its WCAG A/AA rules.

use livechat_e2e::axe::{self, Violation};
use livechat_e2e::{hooks, WebDriver, World, WorldOptions};
use serde_json::Value;

use crate::{emulate_media, history, open_chat, HostSite};

/// Runs axe and keeps the report for the end of the test (every page is checked even when one
/// fails).
fn check(results: &mut Vec<(String, Vec<Violation>)>, driver: &WebDriver, page: &str) {
    let violations =
        axe::run(driver).unwrap_or_else(|e| panic!("axe could not run on {page}: {e}"));
    eprint!("{}", axe::report(page, &violations));
    results.push((page.to_owned(), violations));
}

fn assert_all_clean(results: &[(String, Vec<Violation>)]) {
    let failing: Vec<String> = results
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(page, v)| axe::report(page, v))
        .collect();
    let summary: Vec<String> = results
        .iter()
        .map(|(page, v)| format!("{page}: {}", v.len()))
        .collect();
    eprintln!("axe summary: {}", summary.join("; "));
    assert!(failing.is_empty(), "{}", failing.join("\n"));
}

#[test]
fn axe_finds_nothing_on_the_three_uses_the_prompt_and_the_moderator_menus() {
    let mut world = World::start(WorldOptions {
        history: history(3),
        ..WorldOptions::default()
    });
    let site = HostSite::start(&world.dist);
    let mut results = Vec::new();

    // The standalone page, as an anonymous viewer: messages, participants panel open.
    open_chat(&mut world, 3);
    world.moderator_says("A live message with a link: https://example.org/schedule");
    world.page().wait_messages(4);
    check(&mut results, &world.browser, "chat page (light)");

    // The nickname prompt, and its error.
    let mut page = world.page();
    page.click(hooks::CHOOSE_NICK);
    let field = page.element(hooks::NICK_INPUT);
    check(&mut results, &world.browser, "nickname prompt");
    world
        .browser
        .send_keys(
            &field,
            &format!("Anonymous 123456{}", livechat_e2e::keys::ENTER),
        )
        .unwrap();
    world.page().wait_present(hooks::NICK_ERROR);
    check(
        &mut results,
        &world.browser,
        "nickname prompt with an error",
    );

    // Dark scheme, and the cyberpunk theme.
    emulate_media(&world.browser, &[("prefers-color-scheme", "dark")]);
    let url = world.chat_url().build();
    world.page().open(&url).wait_joined().wait_messages(4);
    check(&mut results, &world.browser, "chat page (dark)");
    emulate_media(&world.browser, &[]);
    let cyberpunk = world.chat_url().with("theme", "cyberpunk").build();
    world.page().open(&cyberpunk).wait_joined().wait_messages(4);
    check(&mut results, &world.browser, "chat page (cyberpunk)");

    // The moderator: the menu of a message, and the menu of an occupant.
    let _viewer = world.anonymous_chatter(Some("Camille"), 7);
    let camille_menu = format!(
        "{} {}",
        hooks::occupant("Camille"),
        hooks::OCCUPANT_MENU_TOGGLE
    );
    let owner = world.owner_url("StreamerDock");
    let mut page = world.page();
    page.open(&owner)
        .wait_joined_as("StreamerDock")
        .wait_present(&camille_menu);
    page.click(&format!("{} {}", hooks::MESSAGE, hooks::NICK_BUTTON));
    page.wait_present(&format!("{} {}", hooks::LOG, hooks::MOD_MENU));
    check(&mut results, &world.browser, "moderator: message menu");
    world.page().click(&camille_menu).wait_present(&format!(
        "{} {}",
        hooks::PARTICIPANTS,
        hooks::MOD_MENU
    ));
    check(&mut results, &world.browser, "moderator: occupant menu");

    // The PeerTube-like watch page (mount()).
    let watch = site.page(&world, "watch.html").build();
    world.page().open(&watch).wait_joined().wait_messages(4);
    check(&mut results, &world.browser, "www/watch.html");
    // The embedding loader (livechat.js) asked for the build's files by the names the build wrote
    // into it, not after reading index.html, and for the wasm's gzipped twin alone.
    let fetched = world
        .page()
        .eval("performance.getEntriesByType('resource').map((r) => r.name)");
    let fetched: Vec<&str> = fetched
        .as_array()
        .map(|names| names.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let wasm: Vec<&str> = fetched
        .iter()
        .copied()
        .filter(|n| n.contains(".wasm"))
        .collect();
    assert!(
        matches!(wasm.as_slice(), [name] if name.ends_with("_bg.wasm.gz")),
        "the watch page fetched {wasm:?}, not the wasm's gzipped twin alone"
    );
    assert!(
        fetched.iter().any(|n| n.contains("/livechat.js"))
            && !fetched.iter().any(|n| n.ends_with("/index.html")),
        "livechat.js read index.html (or was not loaded): {fetched:?}"
    );

    // The same in the host's dark theme, with the participants panel open over the messages.
    let watch_dark = site.page(&world, "watch.html").with("dark", "1").build();
    let mut page = world.page();
    page.open(&watch_dark).wait_joined();
    page.click(hooks::PARTICIPANTS_TOGGLE);
    page.wait_present(hooks::OCCUPANT).wait_messages(4);
    check(
        &mut results,
        &world.browser,
        "www/watch.html?dark=1, participants open",
    );

    // The third-party page with the chat in an iframe: axe checks inside the frame too.
    let embed = site.page(&world, "embed.html").build();
    let mut page = world.page();
    page.open(&embed);
    let frame = page.element("#chat-frame");
    world.browser.switch_to_frame(&frame).unwrap();
    world.page().wait_joined().wait_messages(4);
    world.browser.switch_to_top().unwrap();
    axe::inject_into_frame(&world.browser, &frame).unwrap_or_else(|e| panic!("{e}"));
    check(
        &mut results,
        &world.browser,
        "www/embed.html (with its iframe)",
    );

    // The OBS overlay.
    let obs = site.page(&world, "obs.html").build();
    world.page().open(&obs).wait_joined();
    world.moderator_says("Hello OBS");
    world.page().wait_messages(1);
    check(&mut results, &world.browser, "www/obs.html (overlay)");

    // The page given unusable parameters: the error instead of the chat.
    let no_room = world.chat_url().without("room").build();
    world.page().open(&no_room).element(hooks::PARAMS_ERROR);
    check(
        &mut results,
        &world.browser,
        "chat page, parameters missing",
    );

    assert_all_clean(&results);
}
