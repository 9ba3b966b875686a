//! A small static file server for the demo: `dist/` at `/`, `www/` at `/www/`.

use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use tiny_http::{Header, Request, Response, Server};

const WORKERS: usize = 4;

pub struct Site {
    pub dist: PathBuf,
    pub www: PathBuf,
}

impl Site {
    /// The file a URL path names, if it is inside the site.
    pub fn resolve(&self, url: &str) -> Option<PathBuf> {
        let path = url.split(['?', '#']).next().unwrap_or("");
        let (base, rest) = match path.strip_prefix("/www/") {
            Some(rest) => (&self.www, rest),
            None if path == "/www" => (&self.www, ""),
            None => (&self.dist, path.trim_start_matches('/')),
        };
        let relative = Path::new(rest);
        if !relative
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
        {
            return None; // no "..", no absolute path
        }
        let mut file = base.join(relative);
        if file.is_dir() {
            file = file.join("index.html");
        }
        file.is_file().then_some(file)
    }
}

pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "json" | "map" => "application/json",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "txt" | "ftl" => "text/plain; charset=utf-8",
        // No Content-Encoding: the build's gzipped twins travel as they are and the loaders unpack them.
        "gz" => "application/gzip",
        _ => "application/octet-stream",
    }
}

/// Answers requests on worker threads until `stop` is set.
pub fn serve(
    server: Arc<Server>,
    site: Arc<Site>,
    stop: &'static AtomicBool,
) -> Vec<thread::JoinHandle<()>> {
    (0..WORKERS)
        .map(|_| {
            let (server, site) = (server.clone(), site.clone());
            thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    if let Ok(Some(request)) = server.recv_timeout(Duration::from_millis(200)) {
                        respond(&site, request);
                    }
                }
            })
        })
        .collect()
}

fn respond(site: &Site, request: Request) {
    let header = |name: &str, value: &str| Header::from_bytes(name, value).expect("valid header");
    let no_cache = header("Cache-Control", "no-cache");
    let result = match site
        .resolve(request.url())
        .map(|p| std::fs::File::open(&p).map(|f| (p, f)))
    {
        Some(Ok((path, file))) => request.respond(
            Response::from_file(file)
                .with_header(header("Content-Type", content_type(&path)))
                .with_header(no_cache),
        ),
        _ => {
            let body = format!("not found: {}\n", request.url());
            request.respond(
                Response::from_string(body)
                    .with_status_code(404)
                    .with_header(header("Content-Type", "text/plain; charset=utf-8")),
            )
        }
    };
    let _ = result; // the browser went away
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_urls_to_files_inside_the_site_only() {
        let dir =
            livechat_backend::target_dir().join(format!("xtask-serve-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("dist")).unwrap();
        std::fs::create_dir_all(dir.join("www")).unwrap();
        std::fs::write(dir.join("dist/index.html"), "").unwrap();
        std::fs::write(dir.join("dist/app_bg.wasm"), "").unwrap();
        std::fs::write(dir.join("www/watch.html"), "").unwrap();
        std::fs::write(dir.join("secret"), "").unwrap();
        let site = Site {
            dist: dir.join("dist"),
            www: dir.join("www"),
        };

        assert_eq!(
            site.resolve("/?room=a@b&ws=ws://x"),
            Some(dir.join("dist/index.html"))
        );
        assert_eq!(
            site.resolve("/app_bg.wasm"),
            Some(dir.join("dist/app_bg.wasm"))
        );
        assert_eq!(
            site.resolve("/www/watch.html?x=1"),
            Some(dir.join("www/watch.html"))
        );
        assert_eq!(site.resolve("/../secret"), None);
        assert_eq!(site.resolve("/www/../../secret"), None);
        assert_eq!(site.resolve("/missing.js"), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type(Path::new("a_bg.wasm")), "application/wasm");
        assert_eq!(
            content_type(Path::new("a.js")),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("a.mjs")),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("a.css")), "text/css; charset=utf-8");
        assert_eq!(content_type(Path::new("a.svg")), "image/svg+xml");
    }
}
