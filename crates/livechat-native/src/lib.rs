//! A native client: livechat-core's [`Session`] over a real, blocking WebSocket (RFC 7395, subprotocol
//! `xmpp`). The end-to-end tests use it as a second chatter, the load generator as its viewers, and
//! the fixture recorder to capture real frames.

use std::io;
use std::net::TcpStream;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use livechat_core::{Config, Event, Session};
use tungstenite::client::IntoClientRequest;
use tungstenite::http::HeaderValue;
use tungstenite::{Message, WebSocket};

/// Which way a frame went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Sent,
    Received,
}

/// Traffic counters, for the load generator.
#[derive(Clone, Copy, Debug, Default)]
pub struct Traffic {
    pub frames_sent: u64,
    pub bytes_sent: u64,
    pub frames_received: u64,
    pub bytes_received: u64,
}

#[derive(Debug)]
pub enum Error {
    Io(io::Error),
    WebSocket(tungstenite::Error),
    /// The condition waited for did not happen in time; the events seen meanwhile help to tell why.
    TimedOut {
        waited_for: String,
        seen: Vec<Event>,
    },
    /// The session ended while waiting.
    Closed {
        seen: Vec<Event>,
    },
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Io(e) => write!(f, "i/o: {e}"),
            Error::WebSocket(e) => write!(f, "websocket: {e}"),
            Error::TimedOut { waited_for, seen } => {
                write!(f, "timed out waiting for {waited_for}; events: {seen:?}")
            }
            Error::Closed { seen } => write!(f, "session closed; events: {seen:?}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Io(e)
    }
}

impl From<tungstenite::Error> for Error {
    fn from(e: tungstenite::Error) -> Self {
        Error::WebSocket(e)
    }
}

fn open_socket(ws_url: &str) -> Result<WebSocket<TcpStream>, Error> {
    let mut request = ws_url.into_client_request()?;
    request
        .headers_mut()
        .insert("Sec-WebSocket-Protocol", HeaderValue::from_static("xmpp"));
    let authority = request
        .uri()
        .authority()
        .map(|a| a.as_str().to_owned())
        .unwrap_or_default();
    let stream = TcpStream::connect(authority)?;
    stream.set_nodelay(true)?;
    let (socket, _response) = tungstenite::client(request, stream).map_err(|e| match e {
        tungstenite::HandshakeError::Failure(e) => Error::WebSocket(e),
        tungstenite::HandshakeError::Interrupted(_) => Error::Io(io::ErrorKind::WouldBlock.into()),
    })?;
    Ok(socket)
}

pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

/// A session and its socket. Every call pumps the socket: it sends what the session queued, feeds
/// it what arrived, and fires its timer.
pub struct NativeClient {
    socket: WebSocket<TcpStream>,
    session: Session,
    events: Vec<Event>,
    record: Option<Vec<(Direction, String)>>,
    traffic: Traffic,
    closed: bool,
}

impl NativeClient {
    /// Connects to `ws_url` (`ws://127.0.0.1:PORT/xmpp-websocket`) and opens the stream.
    pub fn connect(ws_url: &str, config: Config, seed: u64) -> Result<Self, Error> {
        Self::open(ws_url, config, seed, false)
    }

    /// Like `connect`, keeping every frame from the first `<open/>` on, for fixtures and for
    /// asserting what was sent.
    pub fn connect_recording(ws_url: &str, config: Config, seed: u64) -> Result<Self, Error> {
        Self::open(ws_url, config, seed, true)
    }

    fn open(ws_url: &str, config: Config, seed: u64, record: bool) -> Result<Self, Error> {
        let socket = open_socket(ws_url)?;
        let mut session = Session::new(config, seed);
        session.start(now_ms());
        let mut client = NativeClient {
            socket,
            session,
            events: Vec::new(),
            record: record.then(Vec::new),
            traffic: Traffic::default(),
            closed: false,
        };
        client.flush()?;
        Ok(client)
    }

    pub fn recorded(&self) -> &[(Direction, String)] {
        self.record.as_deref().unwrap_or_default()
    }

    /// The frames recorded since the last call, handed over: a long run that only counts them
    /// does not keep them all.
    pub fn take_recorded(&mut self) -> Vec<(Direction, String)> {
        self.record.as_mut().map(std::mem::take).unwrap_or_default()
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    /// Runs a command on the session, then sends what it queued.
    pub fn command<T>(&mut self, f: impl FnOnce(&mut Session) -> T) -> Result<T, Error> {
        let out = f(&mut self.session);
        self.flush()?;
        Ok(out)
    }

    pub fn traffic(&self) -> Traffic {
        self.traffic
    }

    /// Every event seen so far, oldest first (drained by `take_events`).
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    pub fn take_events(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.events)
    }

    /// Pumps until `done` holds for the session, or `timeout` passes.
    pub fn run_until(
        &mut self,
        what: &str,
        timeout: Duration,
        mut done: impl FnMut(&Session, &[Event]) -> bool,
    ) -> Result<(), Error> {
        let deadline = Instant::now() + timeout;
        loop {
            if done(&self.session, &self.events) {
                return Ok(());
            }
            if self.closed {
                return Err(Error::Closed {
                    seen: self.events.clone(),
                });
            }
            let now = Instant::now();
            if now >= deadline {
                return Err(Error::TimedOut {
                    waited_for: what.to_owned(),
                    seen: self.events.clone(),
                });
            }
            self.pump(deadline - now)?;
        }
    }

    /// Pumps for `duration`, whatever happens.
    pub fn run_for(&mut self, duration: Duration) -> Result<(), Error> {
        let deadline = Instant::now() + duration;
        while !self.closed {
            let now = Instant::now();
            if now >= deadline {
                break;
            }
            self.pump(deadline - now)?;
        }
        Ok(())
    }

    /// Waits up to `max_wait` for one frame (less if the session's timer is due sooner).
    pub fn pump(&mut self, max_wait: Duration) -> Result<(), Error> {
        let now = now_ms();
        let timer_in = self
            .session
            .poll_timeout()
            .map(|t| Duration::from_millis(t.saturating_sub(now)))
            .unwrap_or(max_wait);
        let wait = max_wait.min(timer_in).max(Duration::from_millis(1));
        self.socket.get_mut().set_read_timeout(Some(wait))?;
        match self.socket.read() {
            Ok(Message::Text(text)) => {
                self.traffic.frames_received += 1;
                self.traffic.bytes_received += text.len() as u64;
                if let Some(r) = &mut self.record {
                    r.push((Direction::Received, text.to_string()));
                }
                self.session.handle_frame(text.as_str(), now_ms());
            }
            Ok(Message::Close(_))
            | Err(tungstenite::Error::ConnectionClosed)
            | Err(tungstenite::Error::AlreadyClosed) => {
                self.closed = true;
                self.session.handle_closed();
            }
            Ok(_) => {}
            Err(tungstenite::Error::Io(e))
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) => {}
            Err(tungstenite::Error::Io(e)) if e.kind() == io::ErrorKind::ConnectionReset => {
                self.closed = true;
                self.session.handle_closed();
            }
            Err(e) => return Err(e.into()),
        }
        if self.session.poll_timeout().is_some_and(|t| t <= now_ms()) {
            self.session.handle_timeout(now_ms());
        }
        self.flush()
    }

    /// Sends every queued frame and collects the events.
    pub fn flush(&mut self) -> Result<(), Error> {
        while let Some(frame) = self.session.poll_transmit() {
            self.traffic.frames_sent += 1;
            self.traffic.bytes_sent += frame.len() as u64;
            if let Some(r) = &mut self.record {
                r.push((Direction::Sent, frame.clone()));
            }
            if !self.closed {
                self.socket.send(Message::text(frame))?;
            }
        }
        while let Some(event) = self.session.poll_event() {
            self.events.push(event);
        }
        Ok(())
    }

    /// Sends a frame the session did not make: the load generator uses it to replay what other
    /// clients put on the wire.
    pub fn send_raw(&mut self, frame: String) -> Result<(), Error> {
        self.traffic.frames_sent += 1;
        self.traffic.bytes_sent += frame.len() as u64;
        if let Some(r) = &mut self.record {
            r.push((Direction::Sent, frame.clone()));
        }
        self.socket.send(Message::text(frame))?;
        Ok(())
    }

    /// Cuts the connection without a goodbye, as a network failure would.
    pub fn drop_connection(&mut self) {
        let _ = self.socket.get_mut().shutdown(std::net::Shutdown::Both);
        self.closed = true;
        self.session.handle_closed();
        let _ = self.flush();
    }

    /// Opens a new socket and lets the session log in and rejoin on it, keeping its log and outbox.
    pub fn reconnect(&mut self, ws_url: &str) -> Result<(), Error> {
        self.socket = open_socket(ws_url)?;
        self.closed = false;
        self.session.restart(now_ms());
        self.flush()
    }

    /// Leaves politely and waits (briefly) for the server's `<close/>`.
    pub fn close(mut self) -> Result<(), Error> {
        self.session.close();
        self.flush()?;
        let _ = self.run_until("close", Duration::from_secs(2), |s, _| {
            s.state() == livechat_core::SessionState::Closed
        });
        let _ = self.socket.close(None);
        Ok(())
    }
}
