//! A static file server for the web build, on `127.0.0.1:0`, stopped when dropped.
//!
//! It serves files under one root with the content types browsers insist on (`application/wasm`
//! for `WebAssembly.instantiateStreaming`, `text/javascript` for modules), answers `/` with
//! `index.html`, refuses paths that leave the root, and counts what it served. [`ServeOptions`]
//! adds headers to every answer (a Content-Security-Policy), fixed answers for given paths
//! (an `authenticationUrl` endpoint), and paths that get no answer until
//! [`StaticServer::release_stalled`] (a download that hangs). The server underneath is
//! [`livechat_backend::http`].

use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use livechat_backend::http::{file_under, HttpServer, Outcome, Request, Response};

/// One request as served: path, status and body bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Served {
    pub path: String,
    pub status: u16,
    pub bytes: u64,
}

/// A fixed answer for one path (the query is ignored), served instead of a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fixed {
    /// The path, starting with `/`.
    pub path: String,
    pub content_type: String,
    pub body: Vec<u8>,
}

/// What to serve besides the files.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ServeOptions {
    /// Headers added to every response (name, value).
    pub headers: Vec<(String, String)>,
    pub fixed: Vec<Fixed>,
    /// Paths (the query ignored) asked for but not answered, not even with a status line, until
    /// [`StaticServer::release_stalled`] or the server's end (at most [`MAX_STALL`]).
    pub stalled: Vec<String>,
}

/// The longest a stalled request is held.
pub const MAX_STALL: Duration = Duration::from_secs(120);

pub struct StaticServer {
    server: HttpServer,
    served: Arc<Mutex<Vec<Served>>>,
    released: Arc<AtomicBool>,
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.release_stalled();
    }
}

impl StaticServer {
    /// Serves `root` on a free loopback port.
    pub fn start(root: impl Into<PathBuf>) -> io::Result<Self> {
        Self::start_with(root, ServeOptions::default())
    }

    /// Serves `root` with `headers` added to every response.
    pub fn start_with_headers(
        root: impl Into<PathBuf>,
        headers: &[(&str, &str)],
    ) -> io::Result<Self> {
        let headers = headers
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        Self::start_with(
            root,
            ServeOptions {
                headers,
                ..ServeOptions::default()
            },
        )
    }

    /// Serves `root` and what `options` adds.
    pub fn start_with(root: impl Into<PathBuf>, options: ServeOptions) -> io::Result<Self> {
        let root = root.into();
        for (name, value) in &options.headers {
            let valid = !name.is_empty()
                && name.bytes().all(|b| b.is_ascii_graphic() && b != b':')
                && value.bytes().all(|b| b == b' ' || b.is_ascii_graphic());
            if !valid {
                return Err(io::Error::other(format!("invalid header {name}: {value}")));
            }
        }
        let served = Arc::new(Mutex::new(Vec::new()));
        let released = Arc::new(AtomicBool::new(false));
        let server = {
            let (served, released) = (Arc::clone(&served), Arc::clone(&released));
            HttpServer::start(move |request| {
                if options.stalled.contains(&request.path) {
                    let until = Instant::now() + MAX_STALL;
                    while !released.load(Ordering::SeqCst) && Instant::now() < until {
                        std::thread::sleep(Duration::from_millis(50));
                    }
                }
                let response = respond(&root, &options.fixed, request);
                served
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(Served {
                        path: request_target(request),
                        status: response.status,
                        bytes: if response.status == 200 {
                            response.body.len() as u64
                        } else {
                            0
                        },
                    });
                let response = options
                    .headers
                    .iter()
                    .fold(response, |r, (name, value)| r.with_header(name, value));
                Outcome::Respond(response)
            })?
        };
        Ok(StaticServer {
            server,
            served,
            released,
        })
    }

    /// From now on the stalled paths are answered, those held included.
    pub fn release_stalled(&self) {
        self.released.store(true, Ordering::SeqCst);
    }

    pub fn addr(&self) -> SocketAddr {
        self.server.addr()
    }

    /// `http://127.0.0.1:PORT/`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr())
    }

    /// Every request served so far, in order.
    pub fn served(&self) -> Vec<Served> {
        self.served
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Body bytes of every successful response so far.
    pub fn bytes_served(&self) -> u64 {
        self.served()
            .iter()
            .filter(|s| s.status == 200)
            .map(|s| s.bytes)
            .sum()
    }
}

/// The path and query as the page asked for them (decoded path).
fn request_target(request: &Request) -> String {
    if request.query.is_empty() {
        request.path.clone()
    } else {
        format!("{}?{}", request.path, request.query)
    }
}

fn respond(root: &std::path::Path, fixed: &[Fixed], request: &Request) -> Response {
    if let Some(fixed) = fixed.iter().find(|f| f.path == request.path) {
        return Response::new(200, &fixed.content_type, fixed.body.clone());
    }
    file_under(root, &request.path)
        .and_then(|file| Response::file(&file).ok())
        .unwrap_or_else(|| Response::not_found(&request.path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_headers_and_serves_fixed_answers() {
        let root = std::env::temp_dir().join(format!(
            "livechat-chromium-static-hdr-{}",
            std::process::id()
        ));
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(root.join("index.html"), "<p>hi</p>").unwrap();
        let server = StaticServer::start_with(
            &root,
            ServeOptions {
                headers: vec![(
                    "Content-Security-Policy".into(),
                    "default-src 'self'".into(),
                )],
                fixed: vec![Fixed {
                    path: "/auth".into(),
                    content_type: "application/json".into(),
                    body: b"{}".to_vec(),
                }],
                ..ServeOptions::default()
            },
        )
        .unwrap();
        let agent = ureq::Agent::new_with_defaults();
        let index = agent.get(server.url()).call().unwrap();
        assert_eq!(
            index.headers()["content-security-policy"],
            "default-src 'self'"
        );
        let mut auth = agent
            .get(format!("{}auth?x=1", server.url()))
            .call()
            .unwrap();
        assert_eq!(auth.headers()["content-type"], "application/json");
        assert_eq!(
            auth.headers()["content-security-policy"],
            "default-src 'self'"
        );
        assert_eq!(auth.body_mut().read_to_string().unwrap(), "{}");
        assert!(StaticServer::start_with_headers(
            &root,
            &[("Content-Security-Policy", "caf\u{e9}")]
        )
        .is_err());
        drop(server);
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_stalled_path_gets_no_answer_until_released() {
        let root = std::env::temp_dir().join(format!(
            "livechat-chromium-static-stall-{}",
            std::process::id()
        ));
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(root.join("slow.wasm"), b"\0asm\x01\0\0\0").unwrap();
        let server = StaticServer::start_with(
            &root,
            ServeOptions {
                stalled: vec!["/slow.wasm".into()],
                ..ServeOptions::default()
            },
        )
        .unwrap();
        let url = format!("{}slow.wasm", server.url());
        let impatient = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_millis(500)))
            .build()
            .new_agent();
        assert!(
            impatient.get(&url).call().is_err(),
            "answered while stalled"
        );
        server.release_stalled();
        let answer = ureq::Agent::new_with_defaults().get(&url).call().unwrap();
        assert_eq!(answer.headers()["content-type"], "application/wasm");
        drop(server);
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn serves_files_with_types_and_stops_on_drop() {
        let root =
            std::env::temp_dir().join(format!("livechat-chromium-static-{}", std::process::id()));
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(root.join("index.html"), "<p>hi</p>").unwrap();
        std::fs::write(root.join("app_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
        let server = StaticServer::start(&root).unwrap();
        let agent = ureq::Agent::new_with_defaults();
        let mut index = agent.get(server.url()).call().unwrap();
        assert_eq!(index.headers()["content-type"], "text/html; charset=utf-8");
        assert_eq!(index.body_mut().read_to_string().unwrap(), "<p>hi</p>");
        let wasm = agent
            .get(format!("{}app_bg.wasm", server.url()))
            .call()
            .unwrap();
        assert_eq!(wasm.headers()["content-type"], "application/wasm");
        let missing = agent.get(format!("{}nope.js", server.url())).call();
        assert!(
            matches!(missing, Err(ureq::Error::StatusCode(404))),
            "{missing:?}"
        );
        assert_eq!(server.bytes_served(), 9 + 8);
        let addr = server.addr();
        drop(server);
        assert!(
            std::net::TcpStream::connect(addr).is_err(),
            "still listening after drop"
        );
        std::fs::remove_dir_all(&root).unwrap();
    }
}
