//! `ejabberdctl`: the command that runs the server in the foreground, and the short-lived calls
//! against a running one (accounts, any command).

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::run_as::RunAs;
use super::Ejabberd;
use crate::domains::USER_DOMAIN;
use crate::error::{io_err, Error};
use crate::host::on_path;
use crate::process::command_result;

/// Where Debian installs it; `/usr/sbin` is not on a normal user's `PATH`.
const EJABBERDCTL: &str = "/usr/sbin/ejabberdctl";

/// The installed `ejabberdctl`, or what to install to have it.
pub(crate) fn ejabberdctl() -> Result<PathBuf, Error> {
    if Path::new(EJABBERDCTL).is_file() {
        return Ok(PathBuf::from(EJABBERDCTL));
    }
    if on_path("ejabberdctl") {
        return Ok(PathBuf::from("ejabberdctl"));
    }
    Err(Error::NotInstalled {
        what: "ejabberd".into(),
        hint: "`apt-get install ejabberd` (Debian bookworm: 23.01)".into(),
    })
}

/// `ejabberdctl --config-dir RUN --spool RUN/spool --logs RUN/logs`, as the ejabberd user.
pub(crate) fn ctl_command(ctl: &Path, run_as: Option<RunAs>, run_dir: &Path) -> Command {
    let spool = run_dir.join("spool");
    let mut cmd = Command::new(ctl);
    cmd.arg("--config-dir")
        .arg(run_dir)
        .arg("--spool")
        .arg(&spool)
        .arg("--logs")
        .arg(run_dir.join("logs"))
        .current_dir(&spool)
        .env("HOME", &spool)
        .stdin(Stdio::null());
    if let Some(RunAs { uid, gid }) = run_as {
        cmd.uid(uid).gid(gid);
    }
    cmd
}

impl Ejabberd {
    /// Registers `user@localhost` (`ejabberdctl register`). An existing account gets the new
    /// password (`ejabberdctl change_password`), as with [`crate::Prosody::register`].
    pub fn register(&self, user: &str, password: &str) -> Result<(), Error> {
        let shown = format!("ejabberdctl register {user} {USER_DOMAIN} ***");
        match self.run_ctl(&["register", user, USER_DOMAIN, password], &shown) {
            Ok(_) => Ok(()),
            Err(Error::Command { output, .. }) if output.contains("already registered") => self
                .run_ctl(
                    &["change_password", user, USER_DOMAIN, password],
                    &format!("ejabberdctl change_password {user} {USER_DOMAIN} ***"),
                )
                .map(drop),
            Err(e) => Err(e),
        }
    }

    /// Runs one `ejabberdctl` command against this server (each call starts a short-lived Erlang VM,
    /// about half a second) and returns what it printed.
    pub fn ctl(&self, args: &[&str]) -> Result<String, Error> {
        self.run_ctl(args, &format!("ejabberdctl {}", args.join(" ")))
    }

    /// Runs `ejabberdctl … ARGS…`; `shown` is how an error names the command (with passwords masked).
    fn run_ctl(&self, args: &[&str], shown: &str) -> Result<String, Error> {
        let ctl = ejabberdctl()?;
        let output = ctl_command(&ctl, self.run_as, &self.run_dir)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .output()
            .map_err(io_err("running ejabberdctl"))?;
        command_result(&output, shown)
    }
}
