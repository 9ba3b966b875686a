//! One viewer of the storm, on a thread of its own: connects, joins with its profile's wire
//! behaviour, notes when it joined and when the fan-out message reached it, and leaves when the
//! storm is over.
//!
//! The thread sleeps in the socket's read: a frame wakes it at once, and otherwise only its
//! session's timer (the keep-alive ping: every 20 s for the lean profile, as the web client; 25 s
//! for the others) or the bound of [`IDLE_WAIT`]. So 5,000 idle viewers cost the load generator
//! a few hundred wake-ups a second, not the server's CPU the storm measures; the moderator's last
//! message wakes them all when the storm ends.

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use livechat_core::{Event, SessionState};
use livechat_native::{Direction, NativeClient, Traffic};

use super::{Shared, StormOptions};
use crate::profile::{is_vcard_answer, LegacyExtras, Profile};

/// Longest sleep in the socket's read: how late a viewer that never joined sees the end.
const IDLE_WAIT: Duration = Duration::from_secs(5);

pub(super) struct ViewerResult {
    pub join_ms: Option<f64>,
    pub fanout_ms: Option<f64>,
    pub inactive: bool,
    /// The server was told (it offered XEP-0352) and still holds the viewer inactive at the end.
    pub told_inactive: bool,
    pub traffic: Traffic,
    pub failure: Option<String>,
}

/// Whether viewer `index` is one of the `percent` % that say they are inactive once joined:
/// spread evenly over the storm, so the inactive join all along it; of the first N viewers,
/// exactly N × percent / 100 rounded down.
pub fn is_inactive(index: usize, percent: u8) -> bool {
    let percent = usize::from(percent.min(100));
    (index + 1) * percent / 100 > index * percent / 100
}

pub(super) fn run(index: usize, options: &StormOptions, shared: &Shared) -> ViewerResult {
    let mut result = ViewerResult {
        join_ms: None,
        fanout_ms: None,
        inactive: is_inactive(index, options.inactive_percent),
        told_inactive: false,
        traffic: Traffic::default(),
        failure: None,
    };
    let started = Instant::now();
    let endpoint = &options.endpoints[index % options.endpoints.len()];
    let config = match endpoint.login.credentials(index) {
        Ok(credentials) => options.profile.config(credentials, &options.room),
        Err(e) => {
            result.failure = Some(format!("client {index}: {e}"));
            return result;
        }
    };
    let ws_url = &endpoint.ws_url;
    // The old client's vCard answers are counted from its frames, which the core does not read.
    let connect = if options.profile == Profile::Legacy {
        NativeClient::connect_recording
    } else {
        NativeClient::connect
    };
    let mut client = match connect(ws_url, config, 0x5eed_0000 + index as u64) {
        Ok(c) => c,
        Err(e) => {
            result.failure = Some(format!("client {index}: connect: {e}"));
            return result;
        }
    };
    let mut legacy = (options.profile == Profile::Legacy)
        .then(|| LegacyExtras::new(options.room.clone(), index));
    let mut last_frames = 0;
    let deadline = started + options.timeout * 8;
    while !shared.stop.load(Ordering::SeqCst) && Instant::now() < deadline {
        if let Err(e) = client.pump(IDLE_WAIT) {
            result.failure = Some(format!("client {index}: {e}"));
            break;
        }
        let traffic = client.traffic();
        if traffic.frames_received != last_frames {
            shared
                .frames
                .fetch_add(traffic.frames_received - last_frames, Ordering::SeqCst);
            last_frames = traffic.frames_received;
        }
        if legacy.is_some() {
            let answers = client
                .take_recorded()
                .iter()
                .filter(|(direction, frame)| {
                    *direction == Direction::Received && is_vcard_answer(frame)
                })
                .count();
            shared
                .vcard_answers
                .fetch_add(answers as u64, Ordering::SeqCst);
        }
        let events = client.take_events();
        if let Some(error) = events.iter().find_map(|e| match e {
            Event::Error(e) if !matches!(e, livechat_core::SessionError::MalformedFrame { .. }) => {
                Some(e.to_string())
            }
            _ => None,
        }) {
            result.failure = Some(format!("client {index}: {error}"));
            break;
        }
        if result.join_ms.is_none() && client.session().state() == SessionState::Joined {
            result.join_ms = Some(started.elapsed().as_secs_f64() * 1000.0);
            shared.joined.fetch_add(1, Ordering::SeqCst);
            if result.inactive {
                // The page goes to the background once the room shows. Not earlier: Prosody's
                // csi_simple also holds what it had queued before `<inactive/>` came, so an
                // `<inactive/>` sent right after login can hold the answers to the pipelined
                // bind and join until the next keep-alive (about one join in ten, on loopback).
                let _ = client.command(|s| s.set_active(false));
            }
            if let Some(legacy) = &mut legacy {
                for frame in legacy.on_joined() {
                    let _ = client.send_raw(frame);
                }
            }
        }
        if let Some(legacy) = &mut legacy {
            if result.join_ms.is_some() && events.contains(&Event::OccupantsChanged) {
                let nicks: Vec<String> = client
                    .session()
                    .room()
                    .occupants()
                    .map(|o| o.nick.clone())
                    .collect();
                for frame in legacy.on_occupants(nicks.iter().map(String::as_str)) {
                    shared.vcard_requests.fetch_add(1, Ordering::SeqCst);
                    let _ = client.send_raw(frame);
                }
            }
        }
        if result.fanout_ms.is_none() && events.contains(&Event::LogChanged) {
            if let Some((sent_at, body)) = shared.fanout.lock().unwrap().clone() {
                if client
                    .session()
                    .room()
                    .log()
                    .messages()
                    .any(|m| m.body == body)
                {
                    result.fanout_ms = Some(sent_at.elapsed().as_secs_f64() * 1000.0);
                    shared.fanned_out.fetch_add(1, Ordering::SeqCst);
                }
            }
        }
    }
    result.traffic = client.traffic();
    result.told_inactive = client.session().server_told_inactive();
    if result.join_ms.is_none() && result.failure.is_none() {
        let session = client.session();
        result.failure = Some(format!(
            "client {index}: not joined in time ({:?}, {} occupants seen, {} messages)",
            session.state(),
            session.room().occupants().count(),
            session.room().log().messages().count()
        ));
    }
    let _ = client.close();
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_inactive_share_is_spread_evenly_and_exact() {
        let inactive: Vec<bool> = (0..10).map(|i| is_inactive(i, 80)).collect();
        assert_eq!(
            inactive,
            [false, true, true, true, true, false, true, true, true, true]
        );
        assert_eq!((0..450).filter(|&i| is_inactive(i, 80)).count(), 360);
        assert!((0..50).all(|i| !is_inactive(i, 0)));
        assert!((0..50).all(|i| is_inactive(i, 100)));
    }
}
