//! Bytes that are not UTF-8 from the server, from a raw WebSocket server of the test's own: they
//! cost a reconnection at most, never the page.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use livechat_e2e::{hooks, paths, ChatPage, ChatUrl, Chromium, StaticServer, PAGE_WAIT};
use serde_json::{json, Value};

use crate::{before_every_page, crashes, RECORDER_JS};

/// The raw WebSocket server of the invalid-UTF-8 test: what it saw, per connection.
#[derive(Debug, Default)]
struct RawLog {
    /// Connection number and the first frame the page sent on it.
    opened: Vec<(usize, String)>,
    /// Connection number and when the page closed it.
    closed: Vec<(usize, Instant)>,
}

/// A WebSocket server that speaks `xmpp` just enough to be connected to, and answers the page's
/// `<open/>` on its first connection with a text frame that is not UTF-8, on the second with a
/// binary frame that is not either, and on later ones with nothing.
struct RawServer {
    port: u16,
    log: Arc<Mutex<RawLog>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

/// A stream header with bytes that are not UTF-8 in its attributes: sent as a text frame.
const NOT_UTF8_TEXT: &[u8] =
    b"<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' from='\xff\xfe\xc3' id='\xed\xa0\x80' version='1.0'/>";
/// Not UTF-8 and not XML either: sent as a binary frame.
const NOT_UTF8_BINARY: &[u8] = b"\xc0\xaf<\xff\xfe lc-garbage \xed\xa0\x80";

impl RawServer {
    fn start() -> RawServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        listener.set_nonblocking(true).expect("non-blocking");
        let port = listener.local_addr().expect("an address").port();
        let log = Arc::new(Mutex::new(RawLog::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (log, stop) = (log.clone(), stop.clone());
            std::thread::spawn(move || {
                let mut handlers = Vec::new();
                let mut n = 0;
                while !stop.load(Ordering::Relaxed) {
                    match listener.accept() {
                        Ok((stream, _)) => {
                            n += 1;
                            let (log, stop) = (log.clone(), stop.clone());
                            handlers.push(std::thread::spawn(move || {
                                serve_raw(stream, n, &log, &stop)
                            }));
                        }
                        Err(_) => std::thread::sleep(Duration::from_millis(20)),
                    }
                }
                for h in handlers {
                    let _ = h.join();
                }
            })
        };
        RawServer {
            port,
            log,
            stop,
            thread: Some(thread),
        }
    }

    fn log(&self) -> std::sync::MutexGuard<'_, RawLog> {
        self.log.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Drop for RawServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve_raw(stream: TcpStream, n: usize, log: &Mutex<RawLog>, stop: &AtomicBool) {
    use tungstenite::handshake::server::{Request, Response};
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
    // The callback's error type is tungstenite's, large or not.
    #[allow(clippy::result_large_err)]
    let with_protocol = |_: &Request, mut response: Response| {
        response.headers_mut().insert(
            "Sec-WebSocket-Protocol",
            tungstenite::http::HeaderValue::from_static("xmpp"),
        );
        Ok(response)
    };
    let Ok(mut socket) = tungstenite::accept_hdr(stream, with_protocol) else {
        return;
    };
    // The page's `<open/>`.
    let first = loop {
        if stop.load(Ordering::Relaxed) {
            return;
        }
        match socket.read() {
            Ok(tungstenite::Message::Text(text)) => break text.as_str().to_owned(),
            Ok(_) => continue,
            Err(tungstenite::Error::Io(e))
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                continue
            }
            Err(_) => return,
        }
    };
    log.lock()
        .unwrap_or_else(|e| e.into_inner())
        .opened
        .push((n, first));
    // Written by hand: tungstenite only sends valid UTF-8 as text. A server frame is unmasked;
    // both payloads are shorter than 126 bytes, so the length fits in the second byte.
    let frame = match n {
        1 => Some((0x81u8, NOT_UTF8_TEXT)),   // FIN + text
        2 => Some((0x82u8, NOT_UTF8_BINARY)), // FIN + binary
        _ => None,
    };
    if let Some((opcode, payload)) = frame {
        let mut frame = vec![opcode, payload.len() as u8];
        frame.extend_from_slice(payload);
        let raw = socket.get_mut();
        if raw.write_all(&frame).and_then(|()| raw.flush()).is_err() {
            return;
        }
    }
    // Hold the connection until the page closes it (or the test ends).
    let raw = socket.get_mut();
    let mut buf = [0u8; 4096];
    while !stop.load(Ordering::Relaxed) {
        match raw.read(&mut buf) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => break,
        }
    }
    if !stop.load(Ordering::Relaxed) {
        log.lock()
            .unwrap_or_else(|e| e.into_inner())
            .closed
            .push((n, Instant::now()));
    }
}

/// d) A server that sends bytes that are not UTF-8. As a text frame: the browser fails the
/// socket before the module sees anything, the page says it is reconnecting and tries again. As
/// a binary frame (which the transport accepts leniently): the replacement characters make no
/// XML, the session reports a malformed frame in the console and goes on on the same socket.
/// Nothing runs, nothing crashes.
#[test]
fn invalid_utf8_from_the_server_costs_a_reconnection_not_the_page() {
    let dist = paths::dist_dir();
    let site = StaticServer::start(&dist).unwrap_or_else(|e| panic!("cannot serve the build: {e}"));
    let raw = RawServer::start();
    let browser = Chromium::launch().unwrap_or_else(|e| panic!("cannot launch Chromium: {e}"));
    before_every_page(&browser, RECORDER_JS);
    let url = ChatUrl::new(site.url())
        .with("room", "live@room.localhost")
        .with("ws", format!("ws://127.0.0.1:{}/xmpp-websocket", raw.port))
        .with("anon", "anon.localhost")
        .build();
    let mut page = ChatPage::new(&browser);
    page.open(&url);

    // The first socket fails on the text frame: the page retries.
    page.wait_present(&format!(
        r#"{}[data-attempt="1"]"#,
        hooks::status("reconnecting")
    ));
    browser
        .wait_until("a second connection", PAGE_WAIT, || {
            Ok((raw.log().opened.len() >= 2, Value::Null))
        })
        .unwrap_or_else(|e| panic!("the page did not try again: {e}"));
    // The binary frame on the second socket: reported, and the session stays on that socket.
    let warned = browser
        .wait_until("the malformed frame reported", PAGE_WAIT, || {
            let mut console = browser.console_log()?;
            console.retain(|l| !l.contains("/favicon.ico"));
            let seen = console.iter().any(|l| l.contains("livechat:"));
            Ok((seen, json!(console)))
        })
        .unwrap_or_else(|e| panic!("{e}"));
    std::thread::sleep(Duration::from_secs(2));
    let (opened, closed) = {
        let log = raw.log();
        (log.opened.clone(), log.closed.clone())
    };
    eprintln!("raw server: opened {opened:?}, closed {closed:?}; console: {warned:#}");
    assert!(
        opened
            .iter()
            .all(|(_, first)| first.starts_with("<open") && first.contains("xmpp-framing")),
        "each connection started with the page's <open/>: {opened:?}"
    );
    assert!(
        closed.iter().any(|(n, _)| *n == 1),
        "the page closed the socket that sent invalid UTF-8 as text: {closed:?}"
    );
    assert!(
        !closed.iter().any(|(n, _)| *n == 2) && opened.len() == 2,
        "the binary frame cost no reconnection: opened {opened:?}, closed {closed:?}"
    );

    let state = page.eval(
        "({ status: document.querySelector('.lc-status').getAttribute('data-status'), \
         statuses: window.__lc.status.map(s => s.status), chat: !!document.querySelector('.lc-chat'), \
         alert: (document.querySelector('.lc-alert') || {}).textContent || null, \
         dialogs: window.__lc.dialogs, hits: window.__lc.hits })",
    );
    eprintln!("page: {state}");
    assert_eq!(state["chat"], true, "the chat is still on the page");
    assert!(
        !state["statuses"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|s| s == "disconnected"),
        "the page never gave up: {state}"
    );
    assert_eq!(state["dialogs"], json!([]));
    assert_eq!(state["hits"], json!([]));
    let console: Vec<String> = serde_json::from_value(warned).unwrap_or_default();
    assert!(crashes(&console).is_empty(), "console: {console:#?}");
    // Nothing of the bad frames made it into the page.
    let html = page.eval("document.documentElement.outerHTML");
    let html = html.as_str().unwrap_or_default();
    assert!(
        !html.contains("xmpp-framing")
            && !html.contains("lc-garbage")
            && !html.contains('\u{FFFD}'),
        "the frames are not shown"
    );
}
