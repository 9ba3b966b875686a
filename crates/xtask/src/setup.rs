//! `cargo xtask setup`: installs what the build, the demo and the tests need, only when missing.
//! A second run only checks versions.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{cargo, fail, files, root, run, tools_dir, Result};

pub const TRUNK_VERSION: &str = "0.21.14";
/// binaryen from npm: Debian's binaryen (108) builds a wasm that does not start.
pub const BINARYEN_VERSION: &str = "132";
/// axe-core from npm: the accessibility checker the end-to-end tests run inside Chromium.
pub const AXE_CORE_VERSION: &str = "4.14.1";
/// terser from npm: minifies the build's JS (crates/xtask/post-build-js.cjs, Trunk's post-build hook).
pub const TERSER_VERSION: &str = "5.51.4";
/// wasm-split-cli, of the crate `wasm_split_cli_support`: splits the release build's wasm (see
/// `wasm_split`); its version goes with leptos' `wasm_split_helpers` in Cargo.lock.
pub const WASM_SPLIT_VERSION: &str = "0.2.4";
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Debian packages, each with what tells it is installed.
const APT_PACKAGES: &[(&str, Check)] = &[
    ("prosody", Check::Programs(&["prosody", "prosodyctl"])),
    ("prosody-modules", Check::ProsodyModules),
    ("chromium", Check::Programs(&["chromium"])),
    ("chromium-driver", Check::Programs(&["chromedriver"])),
    ("npm", Check::Programs(&["npm", "node"])),
    // The second XMPP server the client is tested against (in /usr/sbin, often not on PATH).
    ("ejabberd", Check::Files(&["/usr/sbin/ejabberdctl"])),
    // PeerTube's reverse proxy, in front of Prosody for the test of the deployment's timeouts.
    ("nginx", Check::Files(&["/usr/sbin/nginx"])),
    // Debian's Chromium has no colour emoji font of its own: without it emojis are empty boxes
    // in the tests' screenshots.
    (
        "fonts-noto-color-emoji",
        Check::Files(&["/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"]),
    ),
    // Nor any Japanese or Chinese font: the chat in those languages would be empty boxes.
    (
        "fonts-noto-cjk",
        Check::Files(&["/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"]),
    ),
];

enum Check {
    Programs(&'static [&'static str]),
    Files(&'static [&'static str]),
    ProsodyModules,
}

/// Puts the project-local wasm-opt and cargo's bin directory first on PATH, and points
/// wasm-bindgen-test-runner at ChromeDriver. Every child process inherits this.
/// Call it before any thread starts.
pub fn prepare_env() {
    let mut dirs = vec![binaryen_bin_dir()];
    if let Some(cargo_bin) = cargo_home().map(|h| h.join("bin")) {
        dirs.push(cargo_bin);
    }
    let current = std::env::var_os("PATH").unwrap_or_default();
    dirs.extend(
        std::env::split_paths(&current)
            .filter(|d| !dirs.contains(d))
            .collect::<Vec<_>>(),
    );
    let path: OsString = std::env::join_paths(dirs).expect("PATH entries without ':'");
    std::env::set_var("PATH", path);
    if std::env::var_os("CHROMEDRIVER").is_none() {
        if let Some(driver) = which("chromedriver") {
            std::env::set_var("CHROMEDRIVER", driver);
        }
    }
}

pub fn setup() -> Result<()> {
    apt_packages()?;
    rust_target()?;
    trunk()?;
    wasm_bindgen()?;
    wasm_split()?;
    binaryen()?;
    npm_package(
        "axe-core",
        AXE_CORE_VERSION,
        "npm, for the accessibility tests",
    )?;
    npm_package("terser", TERSER_VERSION, "npm, minifies the build's JS")?;
    prepare_env(); // ChromeDriver may have just been installed
    Ok(())
}

fn apt_packages() -> Result<()> {
    let missing: Vec<&str> = APT_PACKAGES
        .iter()
        .filter(|(_, check)| match check {
            Check::Programs(programs) => !programs.iter().all(|p| livechat_backend::on_path(p)),
            Check::Files(files) => !files.iter().all(|f| std::path::Path::new(f).exists()),
            Check::ProsodyModules => livechat_backend::find_prosody_modules_dir().is_none(),
        })
        .map(|(package, _)| *package)
        .collect();
    let all: Vec<&str> = APT_PACKAGES.iter().map(|(p, _)| *p).collect();
    if missing.is_empty() {
        println!(
            "setup: Debian packages {}: installed, skipped",
            all.join(" ")
        );
        return Ok(());
    }
    let install = format!("apt-get install -y {}", missing.join(" "));
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return Err(fail(format!(
            "setup: Debian packages missing: {}. Run as root:\n  apt-get update && DEBIAN_FRONTEND=noninteractive {install}",
            missing.join(" ")
        )));
    }
    println!(
        "setup: Debian packages: installing {} (apt-get update, {install})",
        missing.join(" ")
    );
    run(Command::new("apt-get")
        .arg("update")
        .env("DEBIAN_FRONTEND", "noninteractive"))?;
    run(Command::new("apt-get")
        .args(["install", "-y"])
        .args(&missing)
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

fn rust_target() -> Result<()> {
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"]))
        .ok_or_else(|| {
            fail(format!(
                "setup: `rustup` not found: add the {WASM_TARGET} target to your Rust toolchain"
            ))
        })?;
    if installed.lines().any(|l| l.trim() == WASM_TARGET) {
        println!("setup: Rust target {WASM_TARGET}: installed, skipped");
        return Ok(());
    }
    println!("setup: Rust target {WASM_TARGET}: installing (rustup target add {WASM_TARGET})");
    run(Command::new("rustup").args(["target", "add", WASM_TARGET]))
}

fn trunk() -> Result<()> {
    let wanted = format!("trunk {TRUNK_VERSION}");
    let found = version_of("trunk");
    if found.as_deref() == Some(wanted.as_str()) {
        println!("setup: {wanted}: installed, skipped");
        return Ok(());
    }
    println!(
        "setup: {wanted}: installing (found {}; cargo install trunk --locked --version {TRUNK_VERSION}, about 9 minutes)",
        found.as_deref().unwrap_or("none")
    );
    run(cargo().args(["install", "trunk", "--locked", "--version", TRUNK_VERSION]))
}

fn wasm_bindgen() -> Result<()> {
    let version = locked_version("wasm-bindgen")?;
    let wanted = [
        format!("wasm-bindgen {version}"),
        format!("wasm-bindgen-test-runner {version}"),
    ];
    let found = [
        version_of("wasm-bindgen"),
        version_of("wasm-bindgen-test-runner"),
    ];
    if wanted
        .iter()
        .zip(&found)
        .all(|(w, f)| f.as_deref() == Some(w.as_str()))
    {
        println!("setup: wasm-bindgen-cli {version} (version of wasm-bindgen in Cargo.lock): installed, skipped");
        return Ok(());
    }
    println!(
        "setup: wasm-bindgen-cli {version}: installing (found {}; cargo install wasm-bindgen-cli --version {version}, about 4 minutes)",
        found[0].as_deref().unwrap_or("none")
    );
    // Not --locked: its lock file names a dependency version the registry no longer serves.
    run(cargo().args(["install", "wasm-bindgen-cli", "--version", &version]))
}

fn wasm_split() -> Result<()> {
    let wanted = format!("wasm_split_cli_support v{WASM_SPLIT_VERSION}:");
    // The tool prints no version: cargo's list of what it installed says which one is there.
    let installed = output(cargo().args(["install", "--list"])).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == wanted) && livechat_backend::on_path("wasm-split-cli")
    {
        println!("setup: wasm-split-cli {WASM_SPLIT_VERSION}: installed, skipped");
        return Ok(());
    }
    println!(
        "setup: wasm-split-cli {WASM_SPLIT_VERSION}: installing (cargo install wasm_split_cli_support --locked --features build-binary, about 2 minutes)"
    );
    run(cargo().args([
        "install",
        "wasm_split_cli_support",
        "--locked",
        "--version",
        WASM_SPLIT_VERSION,
        "--features",
        "build-binary",
    ]))
}

fn binaryen() -> Result<()> {
    let wasm_opt = binaryen_bin_dir().join("wasm-opt");
    let found = output(Command::new(&wasm_opt).arg("--version"));
    let found = found.as_deref().map(str::trim);
    if found.is_some_and(|v| v.starts_with(&format!("wasm-opt version {BINARYEN_VERSION}"))) {
        println!(
            "setup: wasm-opt {BINARYEN_VERSION} (npm binaryen, {}): installed, skipped",
            wasm_opt.display()
        );
        return Ok(());
    }
    npm_install(
        &format!("wasm-opt {BINARYEN_VERSION}"),
        &format!("binaryen@{BINARYEN_VERSION}"),
    )
}

/// `npm install <spec>` into `target/tools/`, announced as `what`.
fn npm_install(what: &str, spec: &str) -> Result<()> {
    let prefix = tools_dir();
    std::fs::create_dir_all(&prefix)
        .map_err(|e| fail(format!("creating {}: {e}", prefix.display())))?;
    println!(
        "setup: {what}: installing (npm install --prefix {} {spec})",
        prefix.display()
    );
    run(Command::new("npm")
        .arg("install")
        .arg("--prefix")
        .arg(&prefix)
        .args(["--no-audit", "--no-fund", "--loglevel=error", spec]))
}

/// An npm package at `version` in `target/tools/node_modules`, installed unless it is there.
fn npm_package(name: &str, version: &str, purpose: &str) -> Result<()> {
    let manifest = tools_dir()
        .join("node_modules")
        .join(name)
        .join("package.json");
    let found = std::fs::read_to_string(&manifest).ok();
    let wanted = format!("\"version\": \"{version}\"");
    if found.as_deref().is_some_and(|m| m.contains(&wanted)) {
        println!("setup: {name} {version} ({purpose}): installed, skipped");
        return Ok(());
    }
    npm_install(&format!("{name} {version}"), &format!("{name}@{version}"))
}

/// The version of `package` in Cargo.lock (the first one, if several).
pub fn locked_version(package: &str) -> Result<String> {
    let lock_path = root().join("Cargo.lock");
    let lock = files::read_text(&lock_path)?;
    parse_locked_version(&lock, package)
        .ok_or_else(|| fail(format!("{package} is not in {}", lock_path.display())))
}

fn parse_locked_version(lock: &str, package: &str) -> Option<String> {
    let name_line = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == name_line {
            let version = lines
                .next()?
                .trim()
                .strip_prefix("version = \"")?
                .strip_suffix('"')?;
            return Some(version.to_owned());
        }
    }
    None
}

fn binaryen_bin_dir() -> PathBuf {
    tools_dir().join("node_modules/.bin")
}

fn cargo_home() -> Option<PathBuf> {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))
}

/// The first line of `program --version`, if it runs.
fn version_of(program: &str) -> Option<String> {
    output(Command::new(program).arg("--version"))
        .and_then(|o| o.lines().next().map(|l| l.trim().to_owned()))
}

/// Stdout of a command that succeeded.
fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

pub fn which(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(program))
        .find(|p| livechat_backend::on_path(&p.to_string_lossy()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_versions_from_cargo_lock() {
        let lock = "[[package]]\nname = \"wasm-bindgen-macro\"\nversion = \"9.9.9\"\n\n\
                    [[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\nsource = \"registry\"\n";
        assert_eq!(
            parse_locked_version(lock, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(parse_locked_version(lock, "trunk"), None);
    }

    #[test]
    fn workspace_lock_pins_wasm_bindgen() {
        assert!(locked_version("wasm-bindgen").unwrap().starts_with("0.2."));
    }
}
