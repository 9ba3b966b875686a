//! The native chatters of the tests: livechat-core over a real WebSocket ([`NativeClient`]) in the
//! room the browser is in. Each helper returns once its chatter is joined, or panics with why not.

use std::time::Duration;

use livechat_backend::Prosody;
use livechat_core::jid::BareJid;
use livechat_core::{Config, Credentials, Event, SessionState};
use livechat_native::NativeClient;

/// How long a bot may take to join, and the room to echo what a bot says.
pub const BOT_WAIT: Duration = Duration::from_secs(10);

/// The account of the room's owner: the moderator bot registers it, a test's browser may log in
/// with it (the streamer's token in the page's hash).
pub const OWNER: (&str, &str) = ("streamer", "streamer-password");

/// Connects with `config` and waits until the room has us.
fn join(ws_url: &str, config: Config, seed: u64, who: &str) -> NativeClient {
    let mut client = NativeClient::connect(ws_url, config, seed)
        .unwrap_or_else(|e| panic!("{who} cannot connect to {ws_url}: {e}"));
    client
        .run_until(&format!("{who} joined"), BOT_WAIT, |s, _| {
            s.state() == SessionState::Joined && s.room().me().is_some()
        })
        .unwrap_or_else(|e| panic!("{who} did not join: {e}"));
    client
}

/// Registers the [`OWNER`] account, joins (which creates the room: anonymous users may not) and
/// posts `history`, each message echoed before the next.
pub fn moderator_bot(
    prosody: &Prosody,
    room: &BareJid,
    nick: &str,
    history: &[String],
) -> NativeClient {
    let (user, password) = OWNER;
    prosody
        .register(user, password)
        .unwrap_or_else(|e| panic!("cannot register {user}: {e}"));
    let mut config = Config::new(
        Credentials::Plain {
            jid: prosody.user_jid(user).parse().expect("a valid JID"),
            password: password.into(),
        },
        room.clone(),
    );
    config.nickname = Some(nick.to_owned());
    let mut bot = join(&prosody.ws_url(), config, 1, "the moderator bot");
    let created = bot
        .events()
        .iter()
        .any(|e| matches!(e, Event::Joined { created: true, .. }));
    assert!(
        created && bot.session().room().am_moderator(),
        "the bot should have created {room} and moderate it; events: {:?}",
        bot.events()
    );
    for body in history {
        say(&mut bot, body);
    }
    bot
}

/// A registered user `user` (password `<user>-password`), in the room under `nick`.
pub fn registered_chatter(
    prosody: &Prosody,
    room: &BareJid,
    user: &str,
    nick: &str,
) -> NativeClient {
    let password = format!("{user}-password");
    prosody
        .register(user, &password)
        .unwrap_or_else(|e| panic!("cannot register {user}: {e}"));
    let mut config = Config::new(
        Credentials::Plain {
            jid: prosody.user_jid(user).parse().expect("a valid JID"),
            password,
        },
        room.clone(),
    );
    config.nickname = Some(nick.to_owned());
    join(&prosody.ws_url(), config, 7, user)
}

/// An anonymous viewer through `anonymous_domain`: under `nick`, or under an automatic
/// "Anonymous NNNNNN" without one. `seed` makes the automatic nickname differ between viewers.
pub fn anonymous_chatter(
    ws_url: &str,
    anonymous_domain: &str,
    room: &BareJid,
    nick: Option<&str>,
    seed: u64,
) -> NativeClient {
    let mut config = Config::anonymous(anonymous_domain, room.clone());
    config.nickname = nick.map(str::to_owned);
    join(ws_url, config, seed, nick.unwrap_or("an anonymous viewer"))
}

/// `bot` posts `body` and waits until the room echoes it back (a body said before counts once).
pub fn say(bot: &mut NativeClient, body: &str) {
    let said = |bot: &NativeClient| {
        bot.session()
            .room()
            .log()
            .messages()
            .filter(|m| m.body == body)
            .count()
    };
    let before = said(bot);
    bot.command(|s| s.send_message(body))
        .unwrap_or_else(|e| panic!("cannot send {body:?}: {e}"));
    bot.run_until("the echo", BOT_WAIT, |s, _| {
        s.outbox().is_empty()
            && s.room().log().messages().filter(|m| m.body == body).count() > before
    })
    .unwrap_or_else(|e| panic!("{body:?} was not echoed: {e}"));
}
