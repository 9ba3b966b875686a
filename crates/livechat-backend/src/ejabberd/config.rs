//! ejabberd's run directory and configuration: `ejabberd.yml` and `ejabberdctl.cfg` rendered from
//! their templates and the [`EjabberdOptions`], the resolver file the Erlang VM reads, and the
//! Erlang cookie of the run.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use super::options::{ClusterMember, EjabberdOptions};
use super::run_as::{give_to, RunAs};
use crate::error::{io_err, other_err, Error};
use crate::{run_dir, template};

const TEMPLATE: &str = include_str!("ejabberd.yml.in");
const CTL_TEMPLATE: &str = include_str!("ejabberdctl.cfg.in");
/// The server's configuration's file name in the run directory.
pub(crate) const CONFIG_FILE: &str = "ejabberd.yml";
const CTL_CONFIG_FILE: &str = "ejabberdctl.cfg";
const INETRC: &str = "/etc/ejabberd/inetrc";
/// What `/etc/ejabberd/inetrc` says, for when it is missing.
const DEFAULT_INETRC: &str = "{lookup,[\"file\",\"native\"]}.\n\
                              {host,{127,0,0,1}, [\"localhost\",\"hostalias\"]}.\n\
                              {file, resolv, \"/etc/resolv.conf\"}.\n";
/// The run directory's folders the server writes to: cleared before each start.
const SERVER_DIRS: &[&str] = &["spool", "logs", "run"];

/// The run directory: fresh (or the one asked for, cleared), readable by the ejabberd user, and
/// with a path `ejabberdctl` can handle.
pub(crate) fn prepare_run_dir(opts: &EjabberdOptions) -> Result<PathBuf, Error> {
    let dir = run_dir::prepare(
        opts.run_dir.as_deref(),
        &opts.base_dir,
        "ejabberd",
        CONFIG_FILE,
    )?;
    // The ejabberd user reads the configuration from it.
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o755))
        .map_err(io_err(format!("setting the mode of {}", dir.display())))?;
    check_shell_safe(&dir)?;
    Ok(dir)
}

/// Clears what a previous attempt left (its Mnesia spool and logs) and writes the configuration
/// and the cookie for a server on `http_port`, with Erlang node `node` on `dist_port`.
pub(crate) fn write(
    opts: &EjabberdOptions,
    run_as: Option<RunAs>,
    run_dir: &Path,
    node: &str,
    http_port: u16,
    dist_port: u16,
) -> Result<(), Error> {
    for sub in SERVER_DIRS {
        let dir = run_dir.join(sub);
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(io_err(format!("clearing {}", dir.display())))?;
        }
        fs::create_dir_all(&dir).map_err(io_err(format!("creating {}", dir.display())))?;
        give_to(run_as, &dir)?;
    }
    let inetrc = fs::read_to_string(INETRC).unwrap_or_else(|_| DEFAULT_INETRC.to_owned());
    let files = [
        (CONFIG_FILE, render(opts, http_port)),
        (CTL_CONFIG_FILE, render_ctl(opts, run_dir, node, dist_port)),
        ("inetrc", inetrc),
    ];
    for (name, text) in files {
        let path = run_dir.join(name);
        fs::write(&path, text).map_err(io_err(format!("writing {}", path.display())))?;
        // Read by the ejabberd user; nothing secret in them.
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644))
            .map_err(io_err(format!("setting the mode of {}", path.display())))?;
    }
    let cookie = match &opts.cluster {
        Some(member) => member.cookie.clone(),
        None => new_cookie(),
    };
    write_cookie(run_as, &run_dir.join("spool"), &cookie)
}

/// An Erlang cookie of 20 capital letters, private to a run or a cluster.
pub(crate) fn new_cookie() -> String {
    let mut seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0)
        ^ ((std::process::id() as u64) << 32);
    let mut cookie = String::new();
    for _ in 0..20 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        cookie.push((b'A' + (seed >> 59) as u8 % 26) as char);
    }
    cookie
}

/// The Erlang cookie of the run: `ejabberdctl` and the server find it in `$HOME`, which is the
/// spool, so `/var/lib/ejabberd/.erlang.cookie` is neither read nor created.
fn write_cookie(run_as: Option<RunAs>, spool: &Path, cookie: &str) -> Result<(), Error> {
    let path = spool.join(".erlang.cookie");
    fs::write(&path, cookie).map_err(io_err(format!("writing {}", path.display())))?;
    fs::set_permissions(&path, fs::Permissions::from_mode(0o400))
        .map_err(io_err(format!("setting the mode of {}", path.display())))?;
    give_to(run_as, &path)
}

/// `ejabberdctl` splits its paths on blanks and its config file is sourced by the shell.
fn check_shell_safe(dir: &Path) -> Result<(), Error> {
    let text = dir.to_string_lossy();
    let safe = text.chars().all(|c| {
        c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '_' | '-' | '+' | ',' | ':' | '@')
    });
    if safe {
        Ok(())
    } else {
        Err(other_err(
            format!("using {text} as ejabberd's run directory"),
            "ejabberdctl cannot handle blanks or shell characters in paths",
        ))
    }
}

fn render(opts: &EjabberdOptions, http_port: u16) -> String {
    let indent = |text: &str, by: &str| -> String {
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| format!("{by}{l}\n"))
            .collect()
    };
    let values: [(&str, String); 7] = [
        ("http_port", http_port.to_string()),
        ("log_level", opts.log_level.clone()),
        ("history_length", opts.history_length.to_string()),
        ("max_users", opts.max_users.to_string()),
        ("room_mam", opts.room_archive.to_string()),
        (
            "extra_localhost_modules",
            indent(&opts.extra_localhost_modules, "      "),
        ),
        ("extra_config", opts.extra_config.clone()),
    ];
    template::fill(TEMPLATE, &values, "ejabberd.yml.in")
}

fn render_ctl(opts: &EjabberdOptions, run_dir: &Path, node: &str, dist_port: u16) -> String {
    let mut erl_options = opts.erl_options.replace('"', "");
    let distribution = match &opts.cluster {
        // ejabberdctl passes `-erl_epmd_port`: the node listens on this port and takes it for
        // every other node's, which only a node alone on its machine can do.
        None => format!(
            "# A fixed distribution port: no epmd is started or asked.\nERL_DIST_PORT={dist_port}"
        ),
        Some(ClusterMember { epmd_port, .. }) => {
            // The cluster's epmd is started before its nodes and stopped after them.
            erl_options.push_str(" -start_epmd false");
            // No fixed listening port: `ejabberdctl`'s own short-lived nodes read this file too.
            format!(
                "# A node of a cluster on this machine: the nodes (and ejabberdctl's) find each\n\
                 # other through the cluster's own epmd on 127.0.0.1:{epmd_port}.\n\
                 export ERL_EPMD_PORT={epmd_port}\n\
                 ERL_EPMD_ADDRESS=127.0.0.1"
            )
        }
    };
    let values: [(&str, String); 4] = [
        ("node", node.to_owned()),
        ("distribution", distribution),
        ("erl_options", erl_options),
        ("run_dir", run_dir.to_string_lossy().into_owned()),
    ];
    template::fill(CTL_TEMPLATE, &values, "ejabberdctl.cfg.in")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configs_have_absolute_paths_and_no_placeholder_left() {
        let opts = EjabberdOptions {
            extra_localhost_modules: "mod_vcard: {}\n".into(),
            room_archive: false,
            ..Default::default()
        };
        let config = render(&opts, 5380);
        assert!(!config.contains("{{"));
        assert!(config.contains("    port: 5380\n"));
        assert!(config.contains("          mam: false\n"));
        assert!(config.contains("\n      mod_vcard: {}\n"));
        let ctl = render_ctl(
            &opts,
            Path::new("/tmp/run"),
            "livechat-5210@localhost",
            5210,
        );
        assert!(!ctl.contains("{{"));
        assert!(ctl.contains("\nERL_DIST_PORT=5210\n"));
        assert!(ctl.contains("\nEJABBERD_CONFIG_PATH=/tmp/run/ejabberd.yml\n"));
        assert!(ctl.contains("\nEJABBERD_PID_PATH=/tmp/run/run/ejabberd.pid\n"));
        assert!(ctl.contains("+sbwt none"));
        assert!(!ctl.contains("ERL_EPMD_PORT"));
    }

    #[test]
    fn a_cluster_node_finds_the_others_through_the_clusters_epmd() {
        let opts = EjabberdOptions {
            cluster: Some(ClusterMember {
                epmd_port: 4400,
                cookie: "COOKIE".into(),
            }),
            ..Default::default()
        };
        let ctl = render_ctl(
            &opts,
            Path::new("/tmp/run"),
            "livechat-5211@localhost",
            5211,
        );
        assert!(!ctl.contains("{{"));
        assert!(!ctl.contains("ERL_DIST_PORT"), "{ctl}");
        assert!(ctl.contains("\nexport ERL_EPMD_PORT=4400\n"), "{ctl}");
        assert!(ctl.contains("\nERL_EPMD_ADDRESS=127.0.0.1\n"), "{ctl}");
        assert!(!ctl.contains("FIREWALL_WINDOW"), "{ctl}");
        assert!(ctl.contains(" -start_epmd false\""), "{ctl}");
        assert_eq!(new_cookie().len(), 20);
    }

    #[test]
    fn run_directories_with_shell_characters_are_refused() {
        assert!(check_shell_safe(Path::new("/work/main/target/ejabberd/ejabberd-1-0-42")).is_ok());
        assert!(check_shell_safe(Path::new("/tmp/my dir")).is_err());
        assert!(check_shell_safe(Path::new("/tmp/$(x)")).is_err());
    }
}
