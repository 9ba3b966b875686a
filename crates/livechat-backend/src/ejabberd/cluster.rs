//! ejabberd nodes clustered on this machine: what carries a chat past one server. Each node is an
//! [`Ejabberd`] of its own (its run directory, its WebSocket port, its Erlang node
//! `livechat-<dist port>@localhost`); they share a cookie and find each other through an epmd of
//! the cluster's own on 127.0.0.1 (a free port, so no other Erlang node of the machine is seen).
//! Every node after the first joins the first (`ejabberdctl join_cluster`): its Mnesia takes
//! copies of the first's tables, accounts, rooms, sessions and the table of live rooms included.
//!
//! A room's process lives on one node, the one where it was created; occupants connect to any:
//! a node routes their stanzas to the room's process, and the room's to their sessions, over
//! Erlang distribution.

use std::net::{Ipv4Addr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use super::config::new_cookie;
use super::options::{ClusterMember, EjabberdOptions};
use super::Ejabberd;
use crate::error::{io_err, other_err, Error};
use crate::ports::free_port;
use crate::process::{spawn_tied_to_process, stop_tied};

/// Erlang's port mapper, from Debian's `erlang-base`.
const EPMD: &str = "/usr/bin/epmd";

/// How long a node may take to leave its own Mnesia, join the first's and serve again.
const JOIN_TIMEOUT: Duration = Duration::from_secs(60);

/// Nodes clustered on loopback. Dropping it stops every node, then the cluster's epmd.
#[derive(Debug)]
pub struct EjabberdCluster {
    /// The first node is the one the others joined.
    pub nodes: Vec<Ejabberd>,
    // Declared after the nodes: dropped after them.
    epmd: Epmd,
}

impl EjabberdCluster {
    /// Starts `size` nodes (at least one) with `opts` (their ports picked for each), and has every
    /// node after the first join it. Returns once each node's WebSocket endpoint answers and the
    /// first node counts them all in its cluster.
    pub fn start(size: usize, opts: EjabberdOptions) -> Result<EjabberdCluster, Error> {
        let epmd = Epmd::start()?;
        let member = ClusterMember {
            epmd_port: epmd.port,
            cookie: new_cookie(),
        };
        let mut nodes = Vec::new();
        for _ in 0..size.max(1) {
            nodes.push(Ejabberd::start(EjabberdOptions {
                cluster: Some(member.clone()),
                http_port: None,
                dist_port: None,
                run_dir: None,
                ..opts.clone()
            })?);
        }
        let cluster = EjabberdCluster { nodes, epmd };
        let first = cluster.nodes[0].node().to_owned();
        for node in &cluster.nodes[1..] {
            node.ctl(&["join_cluster", &first])?;
            node.wait_serving(JOIN_TIMEOUT)?;
        }
        let listed = cluster.nodes[0].ctl(&["list_cluster"])?;
        if let Some(missing) = cluster.nodes.iter().find(|n| !listed.contains(n.node())) {
            return Err(other_err(
                format!("clustering ejabberd node {}", missing.node()),
                format!("`ejabberdctl list_cluster` on {first} lists only: {listed}"),
            ));
        }
        Ok(cluster)
    }

    /// The WebSocket endpoint of each node, the first node's first.
    pub fn ws_urls(&self) -> Vec<String> {
        self.nodes.iter().map(Ejabberd::ws_url).collect()
    }

    /// The Erlang VM (`beam.smp`) of each node, for CPU and memory measurements.
    pub fn pids(&self) -> Vec<u32> {
        self.nodes.iter().map(Ejabberd::pid).collect()
    }

    /// The port of the cluster's epmd on 127.0.0.1.
    pub fn epmd_port(&self) -> u16 {
        self.epmd.port
    }
}

/// The cluster's own `epmd`, in the foreground on 127.0.0.1, tied to this process.
#[derive(Debug)]
struct Epmd {
    port: u16,
    child: Option<Child>,
    guard: Option<mpsc::Sender<()>>,
}

impl Epmd {
    fn start() -> Result<Epmd, Error> {
        if !std::path::Path::new(EPMD).is_file() {
            return Err(Error::NotInstalled {
                what: "epmd (Erlang's port mapper)".into(),
                hint: "`apt-get install ejabberd` brings it (erlang-base)".into(),
            });
        }
        let port = free_port()?;
        let mut cmd = Command::new(EPMD);
        cmd.args(["-port", &port.to_string(), "-address", "127.0.0.1"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let (child, guard) = spawn_tied_to_process(cmd).map_err(io_err("starting epmd"))?;
        let mut epmd = Epmd {
            port,
            child: Some(child),
            guard: Some(guard),
        };
        let deadline = Instant::now() + Duration::from_secs(5);
        while TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_err() {
            let exited = epmd
                .child
                .as_mut()
                .and_then(|c| c.try_wait().ok().flatten());
            if exited.is_some() || Instant::now() >= deadline {
                let _ = epmd.stop();
                return Err(other_err(
                    "starting epmd",
                    format!("it did not listen on 127.0.0.1:{port} ({exited:?})"),
                ));
            }
            thread::sleep(Duration::from_millis(10));
        }
        Ok(epmd)
    }

    fn stop(&mut self) -> Result<(), Error> {
        let what = format!("epmd on port {}", self.port);
        stop_tied(
            &mut self.child,
            &mut self.guard,
            Duration::from_secs(2),
            &what,
        )
        .map(drop)
    }
}

impl Drop for Epmd {
    fn drop(&mut self) {
        if let Err(e) = self.stop() {
            eprintln!("livechat-backend: {e}");
        }
    }
}

impl Ejabberd {
    /// Waits until the node serves its WebSocket endpoint again (after `join_cluster`, which
    /// restarts ejabberd's applications inside the same VM).
    fn wait_serving(&self, timeout: Duration) -> Result<(), Error> {
        let deadline = Instant::now() + timeout;
        while !crate::ports::websocket_endpoint_answers(self.http_port(), "ejabberd_http_ws") {
            if Instant::now() >= deadline {
                return Err(Error::Start {
                    reason: format!(
                        "ejabberd node {} did not serve {} again within {:.0} s of joining the cluster",
                        self.node(),
                        self.ws_url(),
                        timeout.as_secs_f64()
                    ),
                    log_tail: self.log_tail(),
                });
            }
            thread::sleep(Duration::from_millis(100));
        }
        Ok(())
    }
}
