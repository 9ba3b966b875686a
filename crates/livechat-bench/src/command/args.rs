//! The storm command's options, and its help.

use std::time::Duration;

use super::setup::{Mode, ServerKind, Setup};
use crate::storm::MAX_CLIENTS;
use crate::Profile;

pub const USAGE: &str = "usage: livechat-bench storm --clients N [--profiles floor,lean,legacy] \
[--burst-ms MS] [--repeat R] [--server prosody,ejabberd,ejabberd-cluster,prosody-federation] \
[--archive 0,1000] \
[--vcards] [--inactive 0,80] [--large-audience [--reference]] [--timeout S] (--help: every option)";

pub const HELP: &str = "\
livechat-bench storm: N viewers join one room within seconds, then one message fans out to all.

  --clients N          viewers per run, 1 to 5000 (default 450)
  --profiles LIST      floor (a bare join), lean (this client), legacy (the old client: roster,
                       carbons, a MAM query of 50, a vCard request to every occupant, chat states)
                       (default floor,lean,legacy)
  --burst-ms MS        joins spread evenly over this window (default 5000)
  --repeat R           runs of each kind, interleaved; tables give medians and min-max (default 1)
  --server LIST        prosody (the plugin's server), ejabberd (Debian's, one node),
                       ejabberd-cluster (two ejabberd nodes clustered on loopback, viewers on
                       both, the moderator on the first), prosody-federation (two Prosody
                       instances federated on loopback, the room on the first: every other
                       viewer is a user logged in on the second, reaching the room
                       server-to-server; the others join the first anonymously) (default prosody)
  --archive LIST       messages archived in the room before each run, one kind of run per value:
                       a bot sends them over XMPP, so the server writes its archive itself
                       (Prosody: internal file storage, as the plugin's) (default 0)
  --vcards             Prosody answers a vCard request to an anonymous viewer with a photo of
                       about 6 KB in base64, as the plugin's server does (the legacy profile asks
                       one for every occupant)
  --inactive LIST      percent of the viewers that say they are inactive (XEP-0352) once
                       joined, one kind of run per value (default 0)
  --large-audience     the large-audience room and server settings (Prosody only)
  --reference          with --large-audience: also a bare join in the default mode and one with
                       the room settings alone, and the ratios to the default mode's floor
  --timeout S          longest wait for the joins, then for the fan-out (default 120; the old
                       client's vCard backlog may take five times as long)

Every run starts a fresh server on 127.0.0.1. The bench raises its open-files limit to what the
viewers need (the servers it starts inherit it). Figures: server CPU (from /proc), peak memory
(VmHWM), bytes the server sent on its clients' sockets (the kernel's tcp_info, from `ss`), bytes
the viewers received, join and fan-out latencies, and the load generator's own CPU.";

/// The storm command's options.
#[derive(Clone, Debug, PartialEq)]
pub struct Args {
    pub clients: usize,
    pub profiles: Vec<Profile>,
    pub burst: Duration,
    pub repeat: usize,
    pub servers: Vec<ServerKind>,
    pub archives: Vec<u32>,
    pub vcards: bool,
    pub inactive: Vec<u8>,
    pub large_audience: bool,
    pub reference: bool,
    pub timeout: Duration,
}

/// What the command line asked for: a storm, or its help.
#[derive(Debug, PartialEq)]
pub enum Request {
    Storm(Args),
    Help,
}

impl Default for Args {
    fn default() -> Self {
        Args {
            clients: 450,
            profiles: Profile::all().to_vec(),
            burst: Duration::from_secs(5),
            repeat: 1,
            servers: vec![ServerKind::Prosody],
            archives: vec![0],
            vcards: false,
            inactive: vec![0],
            large_audience: false,
            reference: false,
            timeout: Duration::from_secs(120),
        }
    }
}

impl Args {
    /// The mode of the measured runs.
    pub fn mode(&self) -> Mode {
        if self.large_audience {
            Mode::LargeAudience
        } else {
            Mode::Default
        }
    }

    /// Every setup measured, with its profiles, in the order they run within one repeat: the
    /// references first, then for each server, archive and inactive share, every profile.
    pub fn runs(&self) -> Vec<(Setup, Profile)> {
        let mut runs = Vec::new();
        if self.reference {
            for mode in [Mode::Default, Mode::LargeAudienceRoom] {
                let setup = Setup {
                    server: ServerKind::Prosody,
                    mode,
                    archive: 0,
                    inactive_percent: 0,
                };
                runs.push((setup, Profile::Floor));
            }
        }
        for &server in &self.servers {
            for &archive in &self.archives {
                for &inactive_percent in &self.inactive {
                    let setup = Setup {
                        server,
                        mode: self.mode(),
                        archive,
                        inactive_percent,
                    };
                    runs.extend(self.profiles.iter().map(|&p| (setup, p)));
                }
            }
        }
        runs
    }
}

pub fn parse(args: &[String]) -> Result<Request, String> {
    let mut parsed = Args::default();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--help" | "-h" => return Ok(Request::Help),
            "--clients" => parsed.clients = number(arg, value()?)?,
            "--burst-ms" => parsed.burst = Duration::from_millis(number(arg, value()?)?),
            "--repeat" => parsed.repeat = number::<usize>(arg, value()?)?.max(1),
            "--timeout" => parsed.timeout = Duration::from_secs(number(arg, value()?)?),
            "--large-audience" => parsed.large_audience = true,
            "--reference" => parsed.reference = true,
            "--vcards" => parsed.vcards = true,
            "--profiles" => parsed.profiles = list(value()?, Profile::parse)?,
            "--server" => parsed.servers = list(value()?, ServerKind::parse)?,
            "--archive" => parsed.archives = list(value()?, |v| number(arg, v))?,
            "--inactive" => {
                parsed.inactive = list(value()?, |v| match number::<u8>(arg, v)? {
                    p @ 0..=100 => Ok(p),
                    p => Err(format!("--inactive: {p} is not a percentage")),
                })?
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if parsed.reference && !parsed.large_audience {
        return Err("--reference goes with --large-audience".into());
    }
    if parsed.large_audience && parsed.servers.iter().any(|&s| s != ServerKind::Prosody) {
        return Err("--large-audience is the plugin's Prosody set-up: --server prosody".into());
    }
    if parsed.clients == 0 || parsed.clients > MAX_CLIENTS {
        return Err(format!("--clients must be 1..={MAX_CLIENTS}"));
    }
    Ok(Request::Storm(parsed))
}

fn number<T: std::str::FromStr>(option: &str, value: &str) -> Result<T, String>
where
    T::Err: std::fmt::Display,
{
    value.parse().map_err(|e| format!("{option} {value}: {e}"))
}

/// A comma-separated list, each item read by `item`, without repeats.
fn list<T: PartialEq>(
    value: &str,
    item: impl Fn(&str) -> Result<T, String>,
) -> Result<Vec<T>, String> {
    let mut items = Vec::new();
    for part in value.split(',') {
        let parsed = item(part.trim())?;
        if !items.contains(&parsed) {
            items.push(parsed);
        }
    }
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn storm(line: &str) -> Result<Args, String> {
        let argv: Vec<String> = line.split_whitespace().map(String::from).collect();
        match parse(&argv)? {
            Request::Storm(args) => Ok(args),
            Request::Help => Err("help".into()),
        }
    }

    #[test]
    fn the_defaults_are_the_incidents_storm_on_prosody() {
        let args = storm("").unwrap();
        assert_eq!(args, Args::default());
        assert_eq!(args.clients, 450);
        assert_eq!(args.runs().len(), 3);
        assert!(args
            .runs()
            .iter()
            .all(|(s, _)| s.server == ServerKind::Prosody && s.archive == 0));
    }

    #[test]
    fn every_option_is_read() {
        let args = storm(
            "--clients 50 --profiles lean,legacy --burst-ms 2000 --repeat 3 \
             --server prosody,ejabberd-cluster --archive 0,1000 --vcards --inactive 0,80 \
             --timeout 300",
        )
        .unwrap();
        assert_eq!(args.clients, 50);
        assert_eq!(args.profiles, [Profile::Lean, Profile::Legacy]);
        assert_eq!(args.burst, Duration::from_secs(2));
        assert_eq!(args.repeat, 3);
        assert_eq!(
            args.servers,
            [ServerKind::Prosody, ServerKind::EjabberdCluster]
        );
        assert_eq!(args.archives, [0, 1000]);
        assert!(args.vcards);
        assert_eq!(args.inactive, [0, 80]);
        assert_eq!(args.timeout, Duration::from_secs(300));
        // 2 servers × 2 archives × 2 shares × 2 profiles.
        assert_eq!(args.runs().len(), 16);
    }

    #[test]
    fn the_references_run_first() {
        let args = storm("--clients 10 --large-audience --reference --profiles lean").unwrap();
        let modes: Vec<(Mode, Profile)> = args.runs().iter().map(|(s, p)| (s.mode, *p)).collect();
        assert_eq!(
            modes,
            [
                (Mode::Default, Profile::Floor),
                (Mode::LargeAudienceRoom, Profile::Floor),
                (Mode::LargeAudience, Profile::Lean)
            ]
        );
    }

    #[test]
    fn bad_input_is_refused_with_why() {
        for (line, why) in [
            ("--clients 0", "--clients must be"),
            ("--clients 5001", "--clients must be"),
            ("--clients many", "--clients many"),
            ("--profiles lean,fancy", "fancy"),
            ("--server prosody,openfire", "openfire"),
            ("--inactive 120", "not a percentage"),
            ("--archive", "needs a value"),
            ("--reference", "goes with --large-audience"),
            ("--large-audience --server ejabberd", "--server prosody"),
            ("--fast", "unknown argument --fast"),
        ] {
            let error = storm(line).unwrap_err();
            assert!(error.contains(why), "{line}: {error}");
        }
        assert_eq!(storm("--clients 5 --help"), Err("help".into()));
    }
}
