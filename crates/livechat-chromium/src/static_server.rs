//! A static file server for the web build, on `127.0.0.1:0`, stopped when dropped.
//!
//! It serves files under one root with the content types browsers insist on (`application/wasm`
//! for `WebAssembly.instantiateStreaming`, `text/javascript` for modules), answers `/` with
//! `index.html`, refuses paths that leave the root, and counts what it served. [`ServeOptions`]
//! adds headers to every answer (a Content-Security-Policy) and fixed answers for given paths
//! (an `authenticationUrl` endpoint).

use std::fs::File;
use std::io;
use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use tiny_http::{Header, Request, Response, Server};

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
}

pub struct StaticServer {
    server: Arc<Server>,
    addr: SocketAddr,
    served: Arc<Mutex<Vec<Served>>>,
    thread: Option<JoinHandle<()>>,
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
            Header::from_bytes(name.as_bytes(), value.as_bytes())
                .map_err(|()| io::Error::other(format!("invalid header {name}: {value}")))?;
        }
        let listener = livechat_backend::web_listener(0)?;
        let server = Server::from_listener(listener, None).map_err(io::Error::other)?;
        let addr = server
            .server_addr()
            .to_ip()
            .ok_or_else(|| io::Error::other("the server is not listening on TCP"))?;
        let server = Arc::new(server);
        let served = Arc::new(Mutex::new(Vec::new()));
        let thread = {
            let server = Arc::clone(&server);
            let served = Arc::clone(&served);
            std::thread::Builder::new()
                .name(format!("static-server-{}", addr.port()))
                .spawn(move || {
                    // Ends when `unblock` is called on drop.
                    for request in server.incoming_requests() {
                        respond(&root, &options, request, &served);
                    }
                })?
        };
        Ok(StaticServer {
            server,
            addr,
            served,
            thread: Some(thread),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT/`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
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

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The content type of a file, by extension.
pub fn content_type(path: &Path) -> &'static str {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        Some("json" | "map") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        Some("ttf") => "font/ttf",
        Some("txt") => "text/plain; charset=utf-8",
        // No Content-Encoding: the build's gzipped twins travel as they are and the loaders unpack them.
        Some("gz") => "application/gzip",
        _ => "application/octet-stream",
    }
}

/// Maps a request path (`/a/b.js?x=1`) to a file under `root`, or `None` if it would leave it.
fn resolve(root: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let path = percent_decode(path)?;
    let mut file = root.to_path_buf();
    for component in Path::new(path.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) => file.push(part),
            Component::CurDir => {}
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    Some(file)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .expect("static header names and values are valid")
}

fn with_headers<R: io::Read>(
    mut response: Response<R>,
    headers: &[(String, String)],
) -> Response<R> {
    for (name, value) in headers {
        response.add_header(header(name, value));
    }
    response
}

/// Answers one request; the record is kept before the response goes out, so a client that has
/// read a response always finds it counted.
fn respond(root: &Path, options: &ServeOptions, request: Request, served: &Mutex<Vec<Served>>) {
    let path = request.url().to_owned();
    let record = |status, bytes| {
        served
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(Served {
                path: path.clone(),
                status,
                bytes,
            })
    };
    let bare = path.split(['?', '#']).next().unwrap_or("");
    if let Some(fixed) = options.fixed.iter().find(|f| f.path == bare) {
        record(200, fixed.body.len() as u64);
        let response = Response::from_data(fixed.body.clone())
            .with_header(header("Content-Type", &fixed.content_type))
            .with_header(header("Cache-Control", "no-store"));
        let _ = request.respond(with_headers(response, &options.headers));
        return;
    }
    let file = resolve(root, &path).and_then(|f| File::open(&f).ok().map(|h| (f, h)));
    // A browser that went away mid-response is not the server's problem: results are ignored.
    match file {
        Some((name, handle)) if handle.metadata().is_ok_and(|m| m.is_file()) => {
            record(200, handle.metadata().map(|m| m.len()).unwrap_or(0));
            let response = Response::from_file(handle)
                .with_header(header("Content-Type", content_type(&name)))
                .with_header(header("Cache-Control", "no-store"));
            let _ = request.respond(with_headers(response, &options.headers));
        }
        _ => {
            record(404, 0);
            let response = Response::from_string(format!("not found: {path}\n"))
                .with_status_code(404)
                .with_header(header("Content-Type", "text/plain; charset=utf-8"));
            let _ = request.respond(with_headers(response, &options.headers));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_root() {
        let root = Path::new("/srv/dist");
        assert_eq!(resolve(root, "/app.wasm?v=1"), Some(root.join("app.wasm")));
        assert_eq!(resolve(root, "/a%20b.js"), Some(root.join("a b.js")));
        assert_eq!(resolve(root, "/../etc/passwd"), None);
        assert_eq!(resolve(root, "/%2e%2e/etc/passwd"), None);
        assert_eq!(resolve(root, "/bad%zz"), None);
    }

    #[test]
    fn wasm_has_its_content_type() {
        assert_eq!(content_type(Path::new("x_bg.wasm")), "application/wasm");
        assert_eq!(
            content_type(Path::new("x.JS")),
            "text/javascript; charset=utf-8"
        );
    }

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
        // tiny_http's accept thread lets go of the socket just after the drop returns.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
        while std::net::TcpStream::connect(addr).is_ok() {
            assert!(
                std::time::Instant::now() < deadline,
                "still listening after drop"
            );
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        std::fs::remove_dir_all(&root).unwrap();
    }
}
