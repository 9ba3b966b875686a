//! A room that already holds its archived history before the storm, as a live chat has after a
//! while: a bot joins and sends the messages over XMPP, in batches, each batch waited for, then
//! leaves. The server writes its archive itself (Prosody's `muc_mam` on its `internal` file
//! storage, as the plugin's; ejabberd's `mod_mam` on Mnesia), so what joiners read back is what
//! the server keeps, in the server's own format.

use std::time::{Duration, Instant};

use livechat_core::{Config, SessionState};
use livechat_native::NativeClient;

/// Messages sent before the bot waits for the last one to come back.
const BATCH: u32 = 50;

/// Joins `room` at `ws_url` with `config`, sends `count` messages and waits until the server has
/// handled them all (each batch's last message echoed: the room archives a message before it
/// sends it out). Returns how long it took.
pub fn seed(
    ws_url: &str,
    config: Config,
    count: u32,
    timeout: Duration,
) -> Result<Duration, String> {
    let started = Instant::now();
    let room = config.room.to_string();
    let mut bot =
        NativeClient::connect(ws_url, config, 7).map_err(|e| format!("archive bot: {e}"))?;
    bot.run_until("archive bot joined", timeout, |s, _| {
        s.state() == SessionState::Joined
    })
    .map_err(|e| format!("archive bot: {e}"))?;
    let mut sent = 0;
    while sent < count {
        let batch_end = (sent + BATCH).min(count);
        for n in sent + 1..=batch_end {
            bot.send_raw(message(&room, n))
                .map_err(|e| format!("archive bot: {e}"))?;
        }
        sent = batch_end;
        let last = body(sent);
        bot.run_until(
            &format!("archived message {sent} echoed"),
            timeout,
            |s, _| s.room().log().messages().any(|m| m.body == last),
        )
        .map_err(|e| format!("archive bot: {e}"))?;
    }
    bot.close().map_err(|e| format!("archive bot: {e}"))?;
    Ok(started.elapsed())
}

/// A chat line of a usual length, numbered.
fn body(n: u32) -> String {
    format!("Archived message {n}: what a great stream, thanks for the explanations!")
}

fn message(room: &str, n: u32) -> String {
    format!(
        "<message xmlns='jabber:client' type='groupchat' to='{room}' id='archive-{n}'>\
         <body>{}</body></message>",
        body(n)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_numbered_groupchat_lines() {
        let frame = message("storm@room.localhost", 42);
        assert!(frame.starts_with("<message xmlns='jabber:client' type='groupchat'"));
        assert!(frame.contains("to='storm@room.localhost' id='archive-42'"));
        assert!(frame.contains("<body>Archived message 42: "));
        assert_ne!(body(1), body(2));
    }
}
