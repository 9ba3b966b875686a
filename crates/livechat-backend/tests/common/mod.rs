//! A bare XMPP-over-WebSocket client (RFC 7395) for the tests of both servers: frames out and in,
//! as text, with nothing of the chat's own session in between.

use std::net::TcpStream;
use std::time::{Duration, Instant};

use base64::Engine;
use tungstenite::client::IntoClientRequest;
use tungstenite::http::HeaderValue;
use tungstenite::{Message, WebSocket};

/// The socket is open to the tests, to watch it fail when the server goes away.
pub struct Xmpp(pub WebSocket<TcpStream>);

impl Xmpp {
    /// Connects to `ws_url` (on loopback, `port`), asking for the `xmpp` subprotocol.
    pub fn connect(ws_url: &str, port: u16) -> Xmpp {
        let mut request = ws_url.into_client_request().unwrap();
        request
            .headers_mut()
            .insert("Sec-WebSocket-Protocol", HeaderValue::from_static("xmpp"));
        let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let (socket, response) = tungstenite::client(request, stream).unwrap();
        assert_eq!(response.headers()["Sec-WebSocket-Protocol"], "xmpp");
        Xmpp(socket)
    }

    pub fn send(&mut self, frame: &str) {
        self.0.send(Message::text(frame)).unwrap();
    }

    pub fn recv(&mut self) -> String {
        loop {
            match self.0.read().expect("a frame from the server") {
                Message::Text(text) => return text.as_str().to_owned(),
                Message::Ping(_) | Message::Pong(_) => continue,
                other => panic!("unexpected frame {other:?}"),
            }
        }
    }

    /// Reads frames until one contains `needle`, returning it.
    pub fn recv_until(&mut self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            let frame = self.recv();
            if frame.contains(needle) {
                return frame;
            }
        }
        panic!("no frame containing {needle:?}");
    }

    /// `<open/>` to `domain`: the server must answer from that domain. Returns the stream features.
    pub fn open(&mut self, domain: &str) -> String {
        self.send(&format!(
            "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='{domain}' version='1.0'/>"
        ));
        let open = self.recv();
        assert!(open.starts_with("<open"), "{open}");
        assert!(
            open.contains(&format!("from='{domain}'"))
                || open.contains(&format!("from=\"{domain}\"")),
            "{open}"
        );
        self.recv_until("stream:features")
    }

    /// SASL PLAIN; returns the server's verdict frame.
    pub fn auth_plain(&mut self, user: &str, password: &str) -> String {
        let token = base64::engine::general_purpose::STANDARD
            .encode(format!("\0{user}\0{password}").as_bytes());
        self.send(&format!(
            "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>{token}</auth>"
        ));
        self.recv()
    }

    /// SASL ANONYMOUS; returns the server's verdict frame.
    pub fn auth_anonymous(&mut self) -> String {
        self.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='ANONYMOUS'/>");
        self.recv()
    }

    /// A whole login on `domain`: anonymous, or with `account` (user, password); the stream
    /// opened again and a resource bound. Returns the bound full JID.
    pub fn log_in(&mut self, domain: &str, account: Option<(&str, &str)>) -> String {
        self.open(domain);
        let verdict = match account {
            Some((user, password)) => self.auth_plain(user, password),
            None => self.auth_anonymous(),
        };
        assert!(verdict.contains("<success"), "{verdict}");
        self.open(domain);
        self.send(
            "<iq type='set' id='bind' xmlns='jabber:client'>\
             <bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>",
        );
        let bound = self.recv_until("id='bind'");
        let jid = bound
            .split("<jid>")
            .nth(1)
            .and_then(|rest| rest.split("</jid>").next())
            .unwrap_or_else(|| panic!("no bound JID in {bound}"));
        jid.to_owned()
    }
}
