//! Bytes a server sent on its clients' sockets, from the kernel's TCP counters (`tcp_info`'s
//! `bytes_sent`, read with iproute2's `ss`): the WebSocket payload, its framing and the HTTP
//! upgrades, whatever the server or its logs say. Only connections still open are counted: read it
//! before the clients leave.

use std::process::{Command, Stdio};

/// Bytes sent so far on the established TCP connections whose local port is one of `ports`
/// (a server's listening ports on loopback); `None` when `ss` cannot be run.
pub fn sent_from_ports(ports: &[u16]) -> Option<u64> {
    let mut total = 0;
    for port in ports {
        let output = Command::new("ss")
            .args(["-tinH", "state", "established", "sport", "="])
            .arg(format!(":{port}"))
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output()
            .ok()?;
        if !output.status.success() {
            return None;
        }
        total += bytes_sent(&String::from_utf8_lossy(&output.stdout));
    }
    Some(total)
}

/// The sum of the `bytes_sent:N` fields of `ss -i`'s output.
fn bytes_sent(ss_output: &str) -> u64 {
    ss_output
        .split_whitespace()
        .filter_map(|field| field.strip_prefix("bytes_sent:"))
        .filter_map(|n| n.parse::<u64>().ok())
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::net::{TcpListener, TcpStream};

    #[test]
    fn ss_output_is_summed_over_connections() {
        let output = "0 0 127.0.0.1:5280 127.0.0.1:40000\n\t cubic rto:204 bytes_sent:1200 \
                      bytes_acked:1201 bytes_received:300\n0 0 127.0.0.1:5280 127.0.0.1:40002\n\t \
                      cubic bytes_sent:34 bytes_retrans:0\n0 0 127.0.0.1:5280 127.0.0.1:40004\n\t \
                      cubic rto:204\n";
        assert_eq!(bytes_sent(output), 1234);
        assert_eq!(bytes_sent(""), 0);
    }

    #[test]
    fn a_listeners_connections_are_counted_on_its_side_only() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let mut client = TcpStream::connect(("127.0.0.1", port)).unwrap();
        let (mut served, _) = listener.accept().unwrap();
        served.write_all(&[7; 5000]).unwrap();
        client.write_all(&[1; 10]).unwrap();
        let mut received = vec![0; 5000];
        client.read_exact(&mut received).unwrap();
        let Some(sent) = sent_from_ports(&[port]) else {
            eprintln!("no `ss` on this machine: nothing to check");
            return;
        };
        assert_eq!(sent, 5000);
    }
}
