//! Prosody's configuration file, rendered from `prosody.cfg.lua.in` and the [`ProsodyOptions`]
//! into the run directory, and the admin socket path it names.

use std::path::{Path, PathBuf};

use super::federation::S2s;
use super::lua::{lua_escape, lua_role_set, lua_string, lua_string_items};
use super::options::ProsodyOptions;
use crate::template;

const TEMPLATE: &str = include_str!("prosody.cfg.lua.in");
/// The configuration's file name in the run directory.
pub(crate) const CONFIG_FILE: &str = "prosody.cfg.lua";
/// The project's module that gives anonymous viewers' vCards a photo, as the plugin's server does.
const VCARD_PHOTOS_MODULE: &str = "livechat_vcard_photos";
/// The project's module that spares joins the presences a large-audience room never sends.
const LARGE_AUDIENCE_MODULE: &str = "livechat_large_audience";
/// Longest unix socket path the kernel accepts, minus the terminating NUL.
const MAX_SOCKET_PATH: usize = 107;

/// The configuration of one server in `run_dir`, loading modules from `plugin_paths` and serving
/// HTTP and WebSocket on `http_port`.
pub(crate) fn render(
    opts: &ProsodyOptions,
    run_dir: &Path,
    plugin_paths: &[PathBuf],
    http_port: u16,
) -> String {
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    let presence = match &opts.presence_broadcast {
        Some(roles) => format!(
            "  muc_room_default_presence_broadcast = {}",
            lua_role_set(roles)
        ),
        None => String::new(),
    };
    let plugin_paths: Vec<_> = plugin_paths.iter().map(|p| p.to_string_lossy()).collect();
    let s2s = opts.s2s.as_ref();
    let domains = &opts.domains;
    let values: [(&str, String); 23] = [
        ("run_as_root", root.to_string()),
        ("run_dir", lua_escape(&run_dir.to_string_lossy())),
        (
            "admin_socket",
            lua_escape(&admin_socket_path(run_dir).to_string_lossy()),
        ),
        ("plugin_paths", lua_string_items(&plugin_paths)),
        ("log_level", lua_escape(&opts.log_level)),
        ("http_port", http_port.to_string()),
        ("user_domain", lua_escape(&domains.user)),
        ("anon_domain", lua_escape(&domains.anonymous)),
        ("muc_domain", lua_escape(&domains.muc)),
        (
            "modules_disabled",
            if s2s.is_some() { "" } else { "\"s2s\"" }.to_owned(),
        ),
        (
            "s2s_ports",
            s2s.map(|s| s.port.to_string()).unwrap_or_default(),
        ),
        (
            "s2s_settings",
            s2s.map(S2s::global_settings).unwrap_or_default(),
        ),
        (
            "s2s_global_modules",
            s2s.map(|_| S2s::global_modules()).unwrap_or_default(),
        ),
        (
            "s2s_host_modules",
            s2s.map(|_| S2s::host_modules())
                .unwrap_or_default()
                .to_owned(),
        ),
        ("history_length", opts.history_length.to_string()),
        ("presence_broadcast", presence),
        ("log_presences", opts.log_presences.to_string()),
        (
            "anonymous_vcard_photos",
            if opts.anonymous_vcard_photos {
                format!("; {}", lua_string(VCARD_PHOTOS_MODULE))
            } else {
                String::new()
            },
        ),
        (
            "large_audience",
            if opts.large_audience {
                format!("; {}", lua_string(LARGE_AUDIENCE_MODULE))
            } else {
                String::new()
            },
        ),
        (
            "anonymous_modules_disabled",
            lua_string_items(&opts.anonymous_modules_disabled),
        ),
        ("extra_global", opts.extra_global_config.clone()),
        ("room_features", opts.room_features.lua()),
        ("extra_muc", opts.extra_muc_config.clone()),
    ];
    template::fill(TEMPLATE, &values, "prosody.cfg.lua.in")
}

/// The unix socket of the admin shell (`prosodyctl shell`): in the run directory, unless its path
/// is too long for a socket.
pub(crate) fn admin_socket_path(run_dir: &Path) -> PathBuf {
    let path = run_dir.join("data/prosody.sock");
    if path.as_os_str().len() <= MAX_SOCKET_PATH {
        return path;
    }
    // Too long for a unix socket: fall back to a short name in the temp dir, unique to the run dir.
    let name = run_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    std::env::temp_dir().join(format!("livechat-{name}.sock"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Role;

    #[test]
    fn config_has_no_placeholder_left() {
        let opts = ProsodyOptions {
            presence_broadcast: Some(vec![Role::Moderator]),
            ..Default::default()
        };
        let config = render(
            &opts,
            Path::new("/tmp/run"),
            &[PathBuf::from("/usr/lib/prosody/modules")],
            5280,
        );
        assert!(!config.contains("{{"));
        assert!(config.contains("http_ports = { 5280 }"));
        assert!(config.contains("data_path = \"/tmp/run/data\""));
        assert!(config.contains("plugin_paths = { \"/usr/lib/prosody/modules\" }"));
        assert!(config.contains("modules_disabled = { \"carbons\" }"));
        assert!(config.contains("muc_room_default_presence_broadcast = { moderator = true }"));
        assert!(config.contains("\"csi_simple\";"));
        assert!(config.contains("modules_enabled = { \"ping\"; \"http\"; \"bosh\"; \"websocket\" }\n  modules_disabled = { \"carbons\" }"));
    }

    #[test]
    fn vcard_photos_are_answered_on_the_anonymous_host_only_when_asked() {
        let opts = ProsodyOptions {
            anonymous_vcard_photos: true,
            ..Default::default()
        };
        let config = render(&opts, Path::new("/tmp/run"), &[], 5280);
        let anonymous = config
            .split("VirtualHost \"anon.localhost\"")
            .nth(1)
            .and_then(|host| host.split("Component").next())
            .unwrap();
        assert!(
            anonymous.contains("\"websocket\"; \"livechat_vcard_photos\" }"),
            "{anonymous}"
        );
        assert_eq!(config.matches("livechat_vcard_photos").count(), 1);
    }

    #[test]
    fn the_large_audience_module_is_loaded_on_the_muc_component_only_when_asked() {
        let plain = render(&ProsodyOptions::default(), Path::new("/tmp/run"), &[], 5280);
        assert!(!plain.contains("livechat_large_audience"));
        let opts = ProsodyOptions {
            large_audience: true,
            ..Default::default()
        };
        let config = render(&opts, Path::new("/tmp/run"), &[], 5280);
        let muc = config.split("Component \"room.localhost\"").nth(1).unwrap();
        assert!(
            muc.contains("\"livechat_slow_mode\"; \"livechat_large_audience\" }"),
            "{muc}"
        );
        assert_eq!(config.matches("livechat_large_audience").count(), 1);
    }

    #[test]
    fn an_admin_socket_path_too_long_for_the_kernel_moves_to_the_temp_dir() {
        let short = Path::new("/tmp/run");
        assert_eq!(admin_socket_path(short), short.join("data/prosody.sock"));
        let long = PathBuf::from(format!("/tmp/{}/prosody-1-0-42", "d".repeat(120)));
        let socket = admin_socket_path(&long);
        assert_eq!(
            socket,
            std::env::temp_dir().join("livechat-prosody-1-0-42.sock")
        );
        assert!(socket.as_os_str().len() <= MAX_SOCKET_PATH);
    }
}
