//! A view's wasm module that does not arrive (a proxy's error page in its place, or nothing at
//! all for 20 s): the chat says that part could not be loaded, and the rest of it goes on.

use std::time::{Duration, Instant};

use livechat_e2e::{hooks, js, Fixed, ServeOptions, StaticServer, World, WorldOptions};

use crate::crashes;

/// The file name of the build's writing module (the message form).
fn writing_module(world: &World) -> String {
    std::fs::read_dir(&world.dist)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|name| name.starts_with("lazy-writing-") && name.ends_with(".wasm"))
        .expect("the build has a writing module (`cargo xtask build` splits the wasm)")
}

#[test]
fn a_view_whose_module_does_not_load_says_so_and_the_chat_goes_on() {
    let mut world = World::start(WorldOptions::default());
    // The writing module (the message form), answered with an error page, as itself and as its
    // gzipped twin.
    let writing = writing_module(&world);
    let broken = |path: String| Fixed {
        path,
        content_type: "text/html".into(),
        body: b"<html><body>502 Bad Gateway</body></html>".to_vec(),
    };
    let site = StaticServer::start_with(
        &world.dist,
        ServeOptions {
            fixed: vec![
                broken(format!("/{writing}")),
                broken(format!("/{writing}.gz")),
            ],
            ..ServeOptions::default()
        },
    )
    .unwrap_or_else(|e| panic!("cannot serve the build: {e}"));

    // A viewer with a nickname writes: the message form is drawn once in the room.
    let url = world
        .chat_url_on(&site.url())
        .with("nick", "Writer")
        .build();
    let mut page = world.page();
    page.open(&url).wait_joined();
    page.wait(
        "no notice that the message form could not be loaded",
        &js::element(".lc-not-loaded[role=alert]"),
    );
    let notice = page.text_of(".lc-not-loaded");
    assert!(
        notice
            .as_str()
            .is_some_and(|t| t.contains("could not be loaded")),
        "{notice}"
    );
    assert!(
        !page.has(hooks::INPUT),
        "no message form without its module"
    );

    // The chat goes on: what the room says still shows.
    world.moderator_says("still here");
    let mut page = world.page();
    page.wait_message("still here");
    let asked = || {
        site.served()
            .iter()
            .filter(|s| s.path == format!("/{writing}.gz"))
            .count()
    };
    assert_eq!(asked(), 1, "the page asked for the writing module once");

    // "Try again" asks for it again (a failed load is not kept), and says so again.
    page.click(".lc-not-loaded-retry");
    let deadline = Instant::now() + Duration::from_secs(10);
    while asked() < 2 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(asked(), 2, "trying again did not ask for the module again");
    page.wait(
        "no notice after trying again",
        &js::element(".lc-not-loaded[role=alert]"),
    );
    let console = page.console();
    let crashed = crashes(&console);
    assert!(crashed.is_empty(), "the module crashed: {crashed:#?}");
    page.screenshot("missing-module");
}

#[test]
fn a_view_whose_module_download_stalls_says_so_and_loads_when_tried_again() {
    let mut world = World::start(WorldOptions::default());
    let writing = writing_module(&world);
    // The writing module's gzipped twin, asked for but never answered (a proxy that hangs).
    let site = StaticServer::start_with(
        &world.dist,
        ServeOptions {
            stalled: vec![format!("/{writing}.gz")],
            ..ServeOptions::default()
        },
    )
    .unwrap_or_else(|e| panic!("cannot serve the build: {e}"));
    let url = world
        .chat_url_on(&site.url())
        .with("nick", "Writer")
        .build();
    let mut page = world.page();
    let asked_at = Instant::now();
    page.open(&url).wait_joined();

    // Nothing arrives for 20 s: the download is given up and the chat says so, with its button.
    page.try_wait(
        &js::element(".lc-not-loaded[role=alert]"),
        Duration::from_secs(45),
    )
    .unwrap_or_else(|e| panic!("no notice that the message form could not be loaded: {e}"));
    let waited = asked_at.elapsed();
    assert!(
        waited >= Duration::from_secs(19),
        "given up after {waited:?}, before the 20 s without a byte"
    );
    assert!(
        !page.has(hooks::INPUT),
        "no message form without its module"
    );
    let asked = |path: String| site.served().iter().filter(|s| s.path == path).count();
    assert_eq!(
        asked(format!("/{writing}")),
        0,
        "a stalled twin is not followed by the plain file, which would wait as long again"
    );

    // The chat goes on, and once the server answers again, "Try again" brings the form.
    world.moderator_says("still here");
    let mut page = world.page();
    page.wait_message("still here");
    site.release_stalled();
    page.click(".lc-not-loaded-retry");
    page.wait_present(hooks::INPUT)
        .wait_absent(".lc-not-loaded");
    assert!(asked(format!("/{writing}.gz")) >= 2, "{:?}", site.served());
    let console = page.console();
    let crashed = crashes(&console);
    assert!(crashed.is_empty(), "the module crashed: {crashed:#?}");
    page.screenshot("stalled-module-tried-again");
}
