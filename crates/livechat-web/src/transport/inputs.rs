//! What the transport task waits for: the link to the server, the commands, its timers and a
//! new login; and the first of them that has something, as an [`Input`].

use std::future::poll_fn;
use std::task::Poll;

use futures::channel::{mpsc::UnboundedReceiver, oneshot};
use futures::{FutureExt, SinkExt, StreamExt};
use gloo_net::websocket::futures::WebSocket;
use gloo_net::websocket::Message;
use gloo_timers::future::TimeoutFuture;

use crate::early_socket;
use crate::i18n::Msg;
use crate::platform;
use crate::route::Route;
use crate::transport::Command;

/// RFC 7395's WebSocket subprotocol.
pub const XMPP_SUBPROTOCOL: &str = "xmpp";

/// What woke the task up.
pub(super) enum Input {
    Frame(String),
    /// The socket ended (closed, or failed).
    SocketEnded,
    /// The socket being opened is open, or failed to open.
    Opened,
    Command(Option<Command>),
    Timeout,
    Retry,
    /// A new login (and where it connects), after the server refused the old password or after
    /// the viewer logged in or out.
    Relogin(Result<Route, Msg>),
}

/// The link to the server.
pub(super) enum Link {
    /// No socket; a reconnection may be scheduled.
    Down,
    Opening(WebSocket),
    Up(WebSocket),
}

impl Link {
    /// The socket frames can be sent on.
    pub fn socket(&mut self) -> Option<&mut WebSocket> {
        match self {
            Link::Up(socket) => Some(socket),
            _ => None,
        }
    }
}

/// A timer for a deadline in wall-clock milliseconds.
pub(super) struct Timer {
    pub deadline_ms: u64,
    sleep: TimeoutFuture,
}

impl Timer {
    pub fn at(deadline_ms: u64) -> Self {
        let delay = deadline_ms
            .saturating_sub(platform::now_ms())
            .min(i32::MAX as u64) as u32;
        Timer {
            deadline_ms,
            sleep: TimeoutFuture::new(delay),
        }
    }
}

/// What the loop waits for besides the socket and the commands.
#[derive(Default)]
pub(super) struct Waits {
    /// The session's next deadline.
    pub timer: Option<Timer>,
    /// The next connection attempt.
    pub retry: Option<Timer>,
    /// The account's new login, being fetched.
    pub relogin: Option<oneshot::Receiver<Result<Route, Msg>>>,
}

/// Waits for the next input.
pub(super) async fn next_input(
    link: &mut Link,
    commands: &mut UnboundedReceiver<Command>,
    waits: &mut Waits,
) -> Input {
    poll_fn(|cx| {
        match link {
            Link::Up(socket) => match socket.poll_next_unpin(cx) {
                Poll::Ready(Some(Ok(Message::Text(frame)))) => {
                    return Poll::Ready(Input::Frame(frame))
                }
                // RFC 7395 frames are text; be lenient with a server that sends them as binary.
                Poll::Ready(Some(Ok(Message::Bytes(bytes)))) => {
                    return Poll::Ready(Input::Frame(String::from_utf8_lossy(&bytes).into_owned()))
                }
                // An `error` event: the end of the stream follows.
                Poll::Ready(Some(Err(_))) => cx.waker().wake_by_ref(),
                Poll::Ready(None) => return Poll::Ready(Input::SocketEnded),
                Poll::Pending => {}
            },
            // gloo-net's sink becomes ready when the socket leaves CONNECTING: open, or failed.
            Link::Opening(socket) => {
                if socket.poll_ready_unpin(cx).is_ready() {
                    return Poll::Ready(Input::Opened);
                }
            }
            Link::Down => {}
        }
        if let Poll::Ready(command) = commands.poll_next_unpin(cx) {
            return Poll::Ready(Input::Command(command));
        }
        if let Some(t) = waits.timer.as_mut() {
            if t.sleep.poll_unpin(cx).is_ready() {
                return Poll::Ready(Input::Timeout);
            }
        }
        if let Some(t) = waits.retry.as_mut() {
            if t.sleep.poll_unpin(cx).is_ready() {
                return Poll::Ready(Input::Retry);
            }
        }
        if let Some(pending) = waits.relogin.as_mut() {
            if let Poll::Ready(answer) = pending.poll_unpin(cx) {
                return Poll::Ready(Input::Relogin(
                    answer.unwrap_or_else(|_| Err(Msg::new("login-bad-request"))),
                ));
            }
        }
        Poll::Pending
    })
    .await
}

pub(super) fn open(url: &str) -> Result<WebSocket, Msg> {
    if let Some(socket) = early_socket::take(url).and_then(|s| WebSocket::try_from(s).ok()) {
        return Ok(socket);
    }
    WebSocket::open_with_protocol(url, XMPP_SUBPROTOCOL).map_err(|e| {
        Msg::new("connect-failed-why")
            .arg("url", url)
            .arg("error", e.to_string())
    })
}
