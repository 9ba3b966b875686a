//! A small HTTP/1.1 server on loopback for the web build and the pages around it (the demo, the
//! tests' file server and their PeerTube host): one thread per connection, one request per
//! connection (`Connection: close`), and for WebSocket upgrades a byte relay to another server,
//! the way PeerTube passes the plugin's WebSocket through to Prosody.
//!
//! Small on purpose, and ours: a handler sees every header (the `Authorization` a page sends),
//! and no connection waits for another. (A pooled server that keeps connections alive can leave a
//! new connection unread while its threads wait on idle ones: a browser fetching a dozen wasm
//! modules at once then waits forever for one of them.)

use std::io::{self, BufRead, BufReader, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

/// The longest request head the server reads.
const MAX_HEAD: usize = 64 * 1024;

/// A request as a handler sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    /// The path, without the query.
    pub path: String,
    /// The query without its `?` (empty when there is none).
    pub query: String,
    /// Header names in lower case, values as sent.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    /// The first value of header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The first value of query parameter `name`, decoded.
    pub fn query_param(&self, name: &str) -> Option<String> {
        form_urlencoded::parse(self.query.as_bytes())
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.into_owned())
    }

    /// Every query parameter, decoded, in order.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        form_urlencoded::parse(self.query.as_bytes())
            .into_owned()
            .collect()
    }

    /// The request asks to switch to the WebSocket protocol.
    pub fn is_websocket_upgrade(&self) -> bool {
        self.header("upgrade")
            .is_some_and(|u| u.eq_ignore_ascii_case("websocket"))
    }
}

/// An answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub content_type: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Response {
            status,
            content_type: content_type.to_owned(),
            headers: Vec::new(),
            body: body.into(),
        }
    }

    pub fn html(body: impl Into<String>) -> Self {
        Self::new(200, "text/html; charset=utf-8", body.into())
    }

    /// `value` written as JSON (a `serde_json::Value`, for one).
    pub fn json(value: impl std::fmt::Display) -> Self {
        Self::new(200, "application/json; charset=utf-8", value.to_string())
    }

    pub fn text(status: u16, body: impl Into<String>) -> Self {
        Self::new(status, "text/plain; charset=utf-8", body.into())
    }

    pub fn not_found(path: &str) -> Self {
        Self::text(404, format!("not found: {path}\n"))
    }

    /// The file at `path`, with the content type its extension says.
    pub fn file(path: &Path) -> io::Result<Self> {
        Ok(Self::new(200, content_type(path), std::fs::read(path)?))
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }
}

/// What the server does with a request: an answer, or a WebSocket relayed to `to`.
pub enum Outcome {
    Respond(Response),
    /// Relay the connection to this address, the request's path replaced by `path`.
    Relay {
        to: SocketAddr,
        path: String,
    },
}

/// The listening server; stops accepting when dropped (relays end with their sockets).
pub struct HttpServer {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl HttpServer {
    /// Listens on a free loopback port and hands every request to `handle`.
    pub fn start<F>(handle: F) -> io::Result<Self>
    where
        F: Fn(&Request) -> Outcome + Send + Sync + 'static,
    {
        Self::start_on(crate::web_listener(0)?, handle)
    }

    /// The same on a listener of the caller's (a fixed port).
    pub fn start_on<F>(listener: TcpListener, handle: F) -> io::Result<Self>
    where
        F: Fn(&Request) -> Outcome + Send + Sync + 'static,
    {
        let addr = listener.local_addr()?;
        let stop = Arc::new(AtomicBool::new(false));
        let handle = Arc::new(handle);
        let thread = {
            let stop = Arc::clone(&stop);
            std::thread::Builder::new()
                .name(format!("http-{}", addr.port()))
                .spawn(move || {
                    for stream in listener.incoming() {
                        if stop.load(Ordering::SeqCst) {
                            break;
                        }
                        let Ok(stream) = stream else { continue };
                        let handle = Arc::clone(&handle);
                        let _ = std::thread::Builder::new()
                            .name("http-conn".into())
                            .spawn(move || serve(stream, &*handle));
                    }
                })?
        };
        Ok(HttpServer {
            addr,
            stop,
            thread: Some(thread),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
}

impl Drop for HttpServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so that it sees the flag.
        let _ = TcpStream::connect(self.addr);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve(stream: TcpStream, handle: &dyn Fn(&Request) -> Outcome) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let Ok(Some((request, head))) = read_request(&mut reader) else {
        return;
    };
    match handle(&request) {
        Outcome::Respond(response) => {
            let _ = write_response(&stream, &response);
            let _ = stream.shutdown(Shutdown::Write);
        }
        Outcome::Relay { to, path } => {
            let _ = stream.set_read_timeout(None);
            let _ = relay(stream, reader, &head, &request, to, &path);
        }
    }
}

/// Reads one request head (and a `Content-Length` body). Also returns the head's lines as read.
fn read_request(reader: &mut impl BufRead) -> io::Result<Option<(Request, Vec<String>)>> {
    let mut lines = Vec::new();
    let mut size = 0;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        size += line.len();
        if size > MAX_HEAD {
            return Err(io::Error::other("request head too large"));
        }
        let line = line.trim_end_matches(['\r', '\n']).to_owned();
        if line.is_empty() {
            break;
        }
        lines.push(line);
    }
    let Some(first) = lines.first() else {
        return Ok(None);
    };
    let mut parts = first.split(' ');
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
        return Ok(None);
    };
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let headers: Vec<(String, String)> = lines[1..]
        .iter()
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = vec![0; length.min(MAX_HEAD)];
    reader.read_exact(&mut body)?;
    let request = Request {
        method: method.to_owned(),
        path: decode_path(path),
        query: query.to_owned(),
        headers,
        body,
    };
    Ok(Some((request, lines)))
}

fn write_response(mut stream: &TcpStream, response: &Response) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n",
        response.status,
        reason(response.status),
        response.content_type,
        response.body.len()
    );
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(&response.body)?;
    stream.flush()
}

/// Sends the request head on to `to` with its path replaced, then copies bytes both ways until
/// either side closes.
fn relay(
    client: TcpStream,
    mut client_reader: BufReader<TcpStream>,
    head: &[String],
    request: &Request,
    to: SocketAddr,
    path: &str,
) -> io::Result<()> {
    let mut upstream = TcpStream::connect(to)?;
    upstream.set_nodelay(true)?;
    let mut out = format!("{} {path} HTTP/1.1\r\n", request.method);
    for line in &head[1..] {
        // The upstream server checks the Host (and nothing else here depends on it).
        if line.to_ascii_lowercase().starts_with("host:") {
            out.push_str(&format!("Host: {to}\r\n"));
        } else {
            out.push_str(line);
            out.push_str("\r\n");
        }
    }
    out.push_str("\r\n");
    upstream.write_all(out.as_bytes())?;
    // Whatever the client sent after the head (nothing, before the upgrade is answered) is in
    // the reader's buffer: it goes first.
    let buffered = client_reader.buffer().to_vec();
    upstream.write_all(&buffered)?;

    let mut upstream_read = upstream.try_clone()?;
    let mut client_write = client.try_clone()?;
    let down = std::thread::Builder::new()
        .name("http-relay".into())
        .spawn(move || {
            let _ = io::copy(&mut upstream_read, &mut client_write);
            let _ = client_write.shutdown(Shutdown::Both);
        })?;
    let _ = io::copy(client_reader.get_mut(), &mut upstream);
    let _ = upstream.shutdown(Shutdown::Both);
    let _ = client.shutdown(Shutdown::Both);
    let _ = down.join();
    Ok(())
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        204 => "No Content",
        302 => "Found",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        500 => "Internal Server Error",
        _ => "Status",
    }
}

/// A path, percent-decoded (invalid UTF-8 becomes U+FFFD).
fn decode_path(path: &str) -> String {
    percent_encoding::percent_decode_str(path)
        .decode_utf8_lossy()
        .into_owned()
}

/// The file a request path (already decoded) names under `root` (`index.html` for a folder), or
/// `None` when the path would leave `root`.
pub fn file_under(root: &Path, path: &str) -> Option<PathBuf> {
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

/// The content type of a file, by extension (browsers insist on `application/wasm` for
/// `WebAssembly.instantiateStreaming` and on a JavaScript type for modules).
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
        Some("txt" | "ftl") => "text/plain; charset=utf-8",
        // No Content-Encoding: the build's gzipped twins travel as they are and the loaders unpack them.
        Some("gz") => "application/gzip",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn paths_stay_inside_the_root() {
        let root = Path::new("/srv/dist");
        assert_eq!(file_under(root, "/app.wasm"), Some(root.join("app.wasm")));
        assert_eq!(file_under(root, "/a b.js"), Some(root.join("a b.js")));
        assert_eq!(file_under(root, "/../etc/passwd"), None);
        assert_eq!(file_under(root, "/a/../../etc/passwd"), None);
    }

    #[test]
    fn content_types_by_extension() {
        assert_eq!(content_type(Path::new("x_bg.wasm")), "application/wasm");
        assert_eq!(
            content_type(Path::new("x.JS")),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("x.wasm.gz")), "application/gzip");
    }

    fn get(addr: SocketAddr, target: &str) -> String {
        let mut stream = TcpStream::connect(addr).unwrap();
        write!(stream, "GET {target} HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        answer
    }

    #[test]
    fn answers_each_connection_without_waiting_for_idle_ones_and_stops_on_drop() {
        let server = HttpServer::start(|request| {
            Outcome::Respond(Response::text(
                200,
                format!("{}?{}", request.path, request.query),
            ))
        })
        .unwrap();
        let addr = server.addr();
        // Connections that never send a request do not hold back the others.
        let idle: Vec<_> = (0..16).map(|_| TcpStream::connect(addr).unwrap()).collect();
        let answer = get(addr, "/a%20b?x=1");
        assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
        assert!(answer.contains("\r\nConnection: close\r\n"), "{answer}");
        assert!(answer.ends_with("\r\n\r\n/a b?x=1"), "{answer}");
        drop(idle);
        drop(server);
        assert!(
            TcpStream::connect(addr).is_err(),
            "still listening after drop"
        );
    }
}
