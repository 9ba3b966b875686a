//! Debian's nginx in front of the real Prosody, configured as PeerTube's nginx is for the plugin.

use std::path::Path;
use std::time::{Duration, Instant};

use livechat_backend::nginx::PEERTUBE_WS_PATH;
use livechat_backend::{Nginx, NginxOptions, Prosody, ProsodyOptions, ANON_DOMAIN};

#[allow(dead_code)] // the login helpers are for the servers' own tests
mod common;
use common::Xmpp;

fn process_exists(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}

#[test]
fn the_plugin_path_reaches_prosody_and_an_idle_websocket_is_closed_at_the_read_timeout() {
    let prosody = Prosody::start(ProsodyOptions::default()).unwrap();
    let read_timeout = Duration::from_secs(2);
    let nginx = Nginx::start(
        &prosody.ws_url(),
        NginxOptions {
            read_timeout,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        nginx.ws_url(),
        format!("ws://127.0.0.1:{}{PEERTUBE_WS_PATH}", nginx.port())
    );

    // The upgrade and the `xmpp` subprotocol pass: Prosody answers the stream through nginx.
    let mut xmpp = Xmpp::connect(&nginx.ws_url(), nginx.port());
    let features = xmpp.open(ANON_DOMAIN);
    assert!(features.contains("ANONYMOUS"), "{features}");
    assert_eq!(nginx.access_log().unwrap(), vec![], "open: not logged yet");

    // Then silence: nginx drops the connection once nothing went through for the read timeout.
    let quiet_since = Instant::now();
    let end = xmpp.0.read();
    let quiet = quiet_since.elapsed();
    assert!(end.is_err(), "the connection ends, got {end:?}");
    assert!(
        quiet >= read_timeout - Duration::from_millis(100) && quiet < read_timeout * 3,
        "closed after {quiet:?} of silence, the timeout is {read_timeout:?}"
    );

    // The access log has the one WebSocket, with its life; the error log says why it ended.
    let entries = nginx.access_log().unwrap();
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(
        (entries[0].status, entries[0].uri.as_str()),
        (101, PEERTUBE_WS_PATH)
    );
    assert!(entries[0].duration >= read_timeout, "{entries:?}");
    let errors = std::fs::read_to_string(nginx.run_dir().join("error.log")).unwrap();
    assert!(errors.contains("upstream timed out"), "{errors}");
}

#[test]
fn only_the_plugin_path_is_proxied_and_only_to_a_websocket() {
    let prosody = Prosody::start(ProsodyOptions::default()).unwrap();
    let nginx = Nginx::start(&prosody.ws_url(), NginxOptions::default()).unwrap();
    let elsewhere = format!("ws://127.0.0.1:{}/xmpp-websocket", nginx.port());
    let refused = tungstenite::connect(elsewhere.as_str());
    assert!(
        matches!(&refused, Err(tungstenite::Error::Http(r)) if r.status() == 404),
        "{refused:?}"
    );
    let err = Nginx::start("http://127.0.0.1:9/", NginxOptions::default()).unwrap_err();
    assert!(
        err.to_string().contains("not a ws:// or wss:// URL"),
        "{err}"
    );
}

#[test]
fn drop_stop_and_panic_leave_no_nginx_behind() {
    let nginx = Nginx::start("ws://127.0.0.1:9/xmpp-websocket", NginxOptions::default()).unwrap();
    let (pid, run_dir) = (nginx.pid(), nginx.run_dir().to_owned());
    assert!(process_exists(pid));
    drop(nginx);
    assert!(!process_exists(pid), "nginx {pid} still runs after drop");
    assert!(!run_dir.exists(), "the run directory is removed");

    let nginx = Nginx::start("ws://127.0.0.1:9/xmpp-websocket", NginxOptions::default()).unwrap();
    let pid = nginx.pid();
    let started = Instant::now();
    nginx.stop().unwrap();
    assert!(!process_exists(pid));
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "SIGTERM is enough"
    );

    let (tx, rx) = std::sync::mpsc::channel();
    let result = std::thread::spawn(move || {
        let nginx =
            Nginx::start("ws://127.0.0.1:9/xmpp-websocket", NginxOptions::default()).unwrap();
        tx.send((nginx.pid(), nginx.run_dir().to_owned())).unwrap();
        panic!("a failing test");
    })
    .join();
    assert!(result.is_err());
    let (pid, run_dir) = rx.recv().unwrap();
    assert!(!process_exists(pid), "nginx {pid} survived a panic");
    assert!(
        run_dir.join("nginx.conf").is_file(),
        "a panic keeps the run directory"
    );
    std::fs::remove_dir_all(run_dir).unwrap();
}

#[test]
fn a_busy_fixed_port_is_reported_with_the_log() {
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port();
    let base_dir =
        livechat_backend::target_dir().join(format!("nginx-busy-port-{}", std::process::id()));
    let opts = NginxOptions {
        port: Some(port),
        base_dir: base_dir.clone(),
        start_timeout: Duration::from_secs(10),
        ..Default::default()
    };
    let err = Nginx::start("ws://127.0.0.1:9/xmpp-websocket", opts).unwrap_err();
    std::fs::remove_dir_all(base_dir).unwrap();
    let message = err.to_string();
    assert!(message.contains("Address already in use"), "{message}");
}
