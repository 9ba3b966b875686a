//! Loopback ports: a free one for a server, a listener for the web pages beside it, and the probe
//! that says whether a server's WebSocket endpoint answers on its port.

use std::io::{self, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::time::Duration;

use crate::domains::{USER_DOMAIN, WS_PATH};
use crate::error::{io_err, Error};

/// A port on 127.0.0.1 that was free a moment ago.
pub fn free_port() -> Result<u16, Error> {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(io_err("picking a free port on 127.0.0.1"))
}

/// `port` if given, else a free one that is none of `taken`.
pub(crate) fn given_or_free(port: Option<u16>, taken: &[u16]) -> Result<u16, Error> {
    if let Some(port) = port {
        return Ok(port);
    }
    loop {
        let port = free_port()?;
        if !taken.contains(&port) {
            return Ok(port);
        }
    }
}

/// A listener on 127.0.0.1:`port` (0: any free port) for a web server of the demo or the tests,
/// with Nagle's algorithm off on every connection it accepts (Linux copies the option from the
/// listener). With it on, a server that writes a response's head and body separately has the body
/// wait for the browser's delayed acknowledgement of the head, about 40 ms per file on loopback.
pub fn web_listener(port: u16) -> io::Result<TcpListener> {
    use std::os::fd::AsRawFd;
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port))?;
    let on: libc::c_int = 1;
    // SAFETY: a valid socket descriptor, and a pointer to an int that outlives the call.
    let set = unsafe {
        libc::setsockopt(
            listener.as_raw_fd(),
            libc::IPPROTO_TCP,
            libc::TCP_NODELAY,
            (&on as *const libc::c_int).cast(),
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        )
    };
    if set != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(listener)
}

/// Whether `GET /xmpp-websocket` answers with the server's WebSocket page, recognised by `marker`.
pub(crate) fn websocket_endpoint_answers(port: u16, marker: &str) -> bool {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let Ok(mut stream) = TcpStream::connect_timeout(&addr, Duration::from_millis(200)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(2)));
    let request =
        format!("GET {WS_PATH} HTTP/1.1\r\nHost: {USER_DOMAIN}\r\nConnection: close\r\n\r\n");
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut response = Vec::new();
    let _ = stream.take(64 * 1024).read_to_end(&mut response);
    let response = String::from_utf8_lossy(&response);
    response.starts_with("HTTP/1.1 200") && response.contains(marker)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_web_listener_accepts_connections_without_nagle() {
        let listener = web_listener(0).unwrap();
        let _client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (accepted, _) = listener.accept().unwrap();
        assert!(accepted.nodelay().unwrap());
        assert_eq!(accepted.local_addr().unwrap().ip(), Ipv4Addr::LOCALHOST);
    }

    #[test]
    fn a_given_port_is_kept_even_if_taken() {
        assert_eq!(given_or_free(Some(5280), &[5280]).unwrap(), 5280);
    }
}
