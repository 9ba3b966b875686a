//! Runs a script on a fresh session, step by step, checking the invariants after each.

use livechat_core::{Event, Session};

use crate::invariants::{allowed, Checker};
use crate::recorded::T0;
use crate::script::{MessageTarget, Script, Step, Target};

/// Runs a script on a fresh session, checking the invariants after every step.
pub fn run(script: &Script) {
    run_with(script, |_, _, _| {});
}

/// [`run`], telling `observe` each step with what the session sent and said (`None` for `start`).
pub fn run_with(script: &Script, mut observe: impl FnMut(Option<&Step>, &[String], &[Event])) {
    let (config, seed) = script.setup.config();
    let mut session = Session::new(config, seed);
    let mut now = T0;
    let mut checker = Checker::new(&session);
    checker.check(&mut session, None);
    checker.restarting();
    session.start(now);
    let (sent, events) = checker.check(&mut session, None);
    observe(None, &sent, &events);

    for step in &script.steps {
        let mut fired = None;
        match step {
            Step::Frame(source) => session.handle_frame(&source.build(&mut checker.sent), now),
            Step::Timeout { advance_ms } => {
                now += *advance_ms as u64;
                session.handle_timeout(now);
                fired = Some(now);
            }
            Step::FireDeadline => {
                if let Some(deadline) = session.poll_timeout() {
                    now = now.max(deadline);
                }
                session.handle_timeout(now);
                fired = Some(now);
            }
            Step::Closed => session.handle_closed(),
            Step::Restart { advance_ms } => {
                now += *advance_ms as u64;
                checker.restarting();
                session.restart(now);
            }
            Step::Close => session.close(),
            Step::SendMessage(body) => {
                let body = command_text(body);
                let vote = session.room().vote_in(&body).is_some();
                if let Some(id) = session.send_message(&body) {
                    // A vote goes out alone; any other message waits in the outbox for its echo.
                    let waiting = session.outbox().iter().any(|o| o.origin_id == id);
                    assert_eq!(waiting, !vote, "a message (vote: {vote}) and the outbox disagree");
                }
            }
            Step::Retry(n) => {
                if let Some(id) = nth_outbox(&session, *n) {
                    checker.retrying(&id);
                    session.retry(&id);
                }
            }
            Step::Discard(n) => {
                if let Some(id) = nth_outbox(&session, *n) {
                    session.discard(&id);
                    assert!(session.outbox().iter().all(|o| o.origin_id != id), "discarded but still there");
                }
            }
            Step::ChangeNick(nick) => {
                let _ = session.change_nick(&command_text(nick), now);
            }
            Step::Kick { target, reason } => {
                let nick = target_nick(&session, target);
                session.kick(&nick, reason.as_deref().map(command_text).as_deref());
            }
            Step::Mute { target, reason } => {
                let nick = target_nick(&session, target);
                session.mute(&nick, reason.as_deref().map(command_text).as_deref());
            }
            Step::Voice { target, reason } => {
                let nick = target_nick(&session, target);
                session.give_voice(&nick, reason.as_deref().map(command_text).as_deref());
            }
            Step::Ban { target, reason } => {
                let nick = target_nick(&session, target);
                session.ban(&nick, reason.as_deref().map(command_text).as_deref());
            }
            Step::Retract { target, reason } => {
                let id = match target {
                    MessageTarget::Id(id) => command_text(id),
                    MessageTarget::Log(n) => {
                        let ids: Vec<String> = session
                            .room()
                            .log()
                            .messages()
                            .filter_map(|m| m.stanza_id.clone().or(m.origin_id.clone()).or(m.id.clone()))
                            .collect();
                        if ids.is_empty() {
                            String::new()
                        } else {
                            ids[*n as usize % ids.len()].clone()
                        }
                    }
                };
                session.retract(&id, reason.as_deref().map(command_text).as_deref());
            }
            Step::SetSubject(subject) => session.set_subject(&command_text(subject)),
        }
        let (sent, events) = checker.check(&mut session, fired);
        observe(Some(step), &sent, &events);
    }
}

/// Text the UI hands to a command. With `LIVECHAT_FUZZ_ALLOW=control-chars` the characters XML
/// cannot carry are dropped first (what a caller would have to do while the core does not), so a
/// run can go on past that known crash.
pub fn command_text(s: &str) -> String {
    if allowed("control-chars") {
        s.chars().filter(|&c| xml_char(c)).collect()
    } else {
        s.to_owned()
    }
}

/// XML 1.0 `Char`.
pub fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

fn nth_outbox(session: &Session, n: u8) -> Option<String> {
    let items: Vec<_> = session.outbox().iter().map(|o| o.origin_id.clone()).collect();
    (!items.is_empty()).then(|| items[n as usize % items.len()].clone())
}

fn target_nick(session: &Session, target: &Target) -> String {
    match target {
        Target::Own => session.nick().to_owned(),
        Target::Nick(nick) => command_text(nick),
        Target::Occupant(n) => {
            // Sorted: the room's map has no stable order from one process to the next.
            let mut nicks: Vec<_> = session.room().occupants().map(|o| o.nick.clone()).collect();
            nicks.sort();
            if nicks.is_empty() {
                String::new()
            } else {
                nicks[*n as usize % nicks.len()].clone()
            }
        }
    }
}
