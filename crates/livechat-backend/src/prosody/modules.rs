//! Where Prosody finds the modules it loads besides its own: the project's modules for the
//! plugin's room features (`prosody-modules/` beside this crate's sources) and Debian's
//! `prosody-modules` (for XEP-0425 moderation, `mod_muc_moderation`). Every directory listed
//! here goes into the configuration's `plugin_paths`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::error::Error;

/// Where Debian and Prosody's own installer put core modules and `prosody-modules`.
const MODULE_DIRS: &[&str] = &[
    "/usr/lib/prosody/modules",
    "/usr/local/lib/prosody/modules",
    "/usr/share/prosody-modules",
    "/usr/local/share/prosody-modules",
];

/// The project's own modules: polls, terms, announcements, moderation delay, emoji-only mode,
/// mute anonymous, slow mode, the static server-to-server routes of two federated test servers,
/// the viewers' vCard photos and the large-audience mode's joins (see docs/servers.md).
const OWN_MODULES_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/prosody-modules");

/// The directories of the configuration's `plugin_paths`, or what to install to have them.
pub(crate) fn plugin_paths() -> Result<Vec<PathBuf>, Error> {
    let own = PathBuf::from(OWN_MODULES_DIR);
    if !own.join("mod_livechat_poll.lua").is_file() {
        return Err(Error::NotInstalled {
            what: format!("the project's Prosody modules ({})", own.display()),
            hint: "run from the project's source tree".into(),
        });
    }
    let community = find_prosody_modules_dir().ok_or_else(|| Error::NotInstalled {
        what: "prosody-modules (mod_muc_moderation)".into(),
        hint: "run `cargo xtask setup`, or `apt-get install prosody-modules`".into(),
    })?;
    Ok(vec![own, community])
}

/// The directory holding `mod_muc_moderation` from Debian's `prosody-modules`, if installed.
pub fn find_prosody_modules_dir() -> Option<PathBuf> {
    let has_moderation = |dir: &Path| {
        dir.join("mod_muc_moderation/mod_muc_moderation.lua")
            .is_file()
            || dir.join("mod_muc_moderation.lua").is_file()
    };
    if let Some(dir) = MODULE_DIRS
        .iter()
        .map(Path::new)
        .find(|d| has_moderation(d))
    {
        return Some(dir.to_path_buf());
    }
    let listing = Command::new("dpkg")
        .args(["-L", "prosody-modules"])
        .stderr(Stdio::null())
        .output()
        .ok()?;
    String::from_utf8_lossy(&listing.stdout)
        .lines()
        .find(|l| l.ends_with("/mod_muc_moderation.lua"))
        .and_then(|l| {
            let file = Path::new(l);
            let dir = file.parent()?;
            Some(
                if dir.ends_with("mod_muc_moderation") {
                    dir.parent()?
                } else {
                    dir
                }
                .to_path_buf(),
            )
        })
}
