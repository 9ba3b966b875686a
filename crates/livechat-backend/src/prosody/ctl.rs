//! `prosodyctl` against a running server: accounts and the admin shell (and what it shows of the
//! client streams).

use std::process::{Command, Stdio};

use super::Prosody;
use crate::error::{io_err, Error};
use crate::process::command_result;

impl Prosody {
    /// Registers `user@<user domain>` (`prosodyctl register`). An existing account gets the new
    /// password.
    pub fn register(&self, user: &str, password: &str) -> Result<(), Error> {
        let domain = self.user_domain();
        self.prosodyctl(
            &["register", user, domain, password],
            &format!("prosodyctl register {user} {domain} ***"),
        )
        .map(drop)
    }

    /// Runs one line in Prosody's admin shell (`prosodyctl shell LINE`) and returns what it printed.
    /// A line that returns `nil, "message"` or raises an error makes this fail.
    pub fn admin_shell(&self, line: &str) -> Result<String, Error> {
        self.prosodyctl(&["shell", line], &format!("prosodyctl shell {line}"))
    }

    /// The XEP-0352 state Prosody holds for the client stream bound to `full_jid`, as its admin
    /// shell shows it: `inactive`, `active`, `flushing` (csi_simple sending what it held before
    /// it holds again), empty before the client said anything; `None` without such a stream.
    pub fn client_state(&self, full_jid: &str) -> Result<Option<String>, Error> {
        let table = self.admin_shell(
            "c2s:show(nil, {{ title = 'JID', key = 'full_jid', width = 100 }, \
             { title = 'CSI', key = 'state', width = 10 }})",
        )?;
        Ok(table.lines().find_map(|row| {
            let (jid, state) = row.split_once('|')?;
            (jid.trim() == full_jid).then(|| state.trim_matches([' ', '|']).to_owned())
        }))
    }

    /// Runs `prosodyctl --config CONFIG ARGS…`; `shown` is how an error names the command (with
    /// passwords masked).
    fn prosodyctl(&self, args: &[&str], shown: &str) -> Result<String, Error> {
        let output = Command::new("prosodyctl")
            .arg("--config")
            .arg(self.config_path())
            .args(args)
            .current_dir(self.run_dir())
            .stdin(Stdio::null())
            .output()
            .map_err(io_err("running prosodyctl"))?;
        command_result(&output, shown)
    }
}
