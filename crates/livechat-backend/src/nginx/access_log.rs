//! nginx's access log, read back: one entry per request once it has ended (a WebSocket's once its
//! connection is closed), in the `livechat` format of `nginx.conf.in`: `$status $request_time
//! $request_uri`.

use std::time::Duration;

/// One finished request. A WebSocket's status is `101`, its duration the life of its connection.
#[derive(Clone, Debug, PartialEq)]
pub struct AccessLogEntry {
    pub status: u16,
    pub duration: Duration,
    pub uri: String,
}

/// Every entry of `text`, or the first line that is not one.
pub(crate) fn parse(text: &str) -> Result<Vec<AccessLogEntry>, String> {
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| entry(line).ok_or_else(|| format!("not an access log entry: {line:?}")))
        .collect()
}

fn entry(line: &str) -> Option<AccessLogEntry> {
    let mut fields = line.split(' ');
    let status = fields.next()?.parse().ok()?;
    let seconds: f64 = fields.next()?.parse().ok()?;
    let uri = fields.next()?.to_owned();
    if fields.next().is_some() || !seconds.is_finite() || seconds < 0.0 {
        return None;
    }
    Some(AccessLogEntry {
        status,
        duration: Duration::from_secs_f64(seconds),
        uri,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_read_and_a_stranger_line_is_an_error() {
        let entries = parse("101 185.013 /ws/xmpp-websocket\n404 0.000 /\n").unwrap();
        assert_eq!(
            entries,
            vec![
                AccessLogEntry {
                    status: 101,
                    duration: Duration::from_millis(185_013),
                    uri: "/ws/xmpp-websocket".into(),
                },
                AccessLogEntry {
                    status: 404,
                    duration: Duration::ZERO,
                    uri: "/".into(),
                },
            ]
        );
        assert_eq!(parse("").unwrap(), vec![]);
        let err = parse("101 1.000 /a\n- 1.000 /b\n").unwrap_err();
        assert!(err.contains("\"- 1.000 /b\""), "{err}");
    }
}
