//! Everything the session has to say after an input, handed out in the core's fixed order:
//! 1. `poll_transmit()` to the socket,
//! 2. `poll_timeout()`, for the caller's one timer,
//! 3. `poll_event()` to the reconnection policy and the presenter,
//!
//! and again from 1. while showing the events asked something of the session: a frame it queued
//! then (the rejoin after a taken nickname) leaves now, not with the next input, which may be
//! seconds away.
//!
//! The socket is any `Sink` of WebSocket messages, so that the order can be tested on a real
//! `Session` without one.

use futures::{Sink, SinkExt};
use gloo_net::websocket::Message;
use livechat_core::Session;

use crate::transport::presenter::{FollowUp, Presenter};
use crate::transport::reconnect::Reconnect;

/// Drains `session` after an input at `now_ms`: its frames to `socket` (kept queued without one),
/// its events to `reconnect` and `presenter`, until it has nothing more to say. Returns the
/// session's next deadline.
pub async fn drain<S>(
    session: &mut Session,
    presenter: &mut Presenter,
    reconnect: &mut Reconnect,
    mut socket: Option<&mut S>,
    now_ms: u64,
) -> Option<u64>
where
    S: Sink<Message> + Unpin,
{
    loop {
        // 1. Frames to send.
        if let Some(socket) = socket.as_deref_mut() {
            while let Some(frame) = session.poll_transmit() {
                if socket.send(Message::Text(frame)).await.is_err() {
                    session.handle_closed();
                    break;
                }
            }
        }
        // 3. Events for the UI.
        let mut followed_up = false;
        while let Some(event) = session.poll_event() {
            reconnect.observe(&event);
            if let Some(follow_up) = presenter.show(session, event) {
                follow(session, follow_up, now_ms);
                followed_up = true;
            }
        }
        // Only a follow-up can have queued more (a lost socket empties the queue).
        if !followed_up {
            break;
        }
    }
    presenter.draw_log(session);
    // 2. The next deadline, once the session has settled.
    session.poll_timeout()
}

/// Applies what showing an event asked of the session.
fn follow(session: &mut Session, follow_up: FollowUp, now_ms: u64) {
    match follow_up {
        FollowUp::JoinAs(nick) => {
            // An automatic nickname is always valid.
            let _ = session.change_nick(&nick, now_ms);
        }
    }
}
