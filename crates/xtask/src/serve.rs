//! A small static file server for the demo: `dist/` at `/`, `www/` at `/www/`.

use std::io;
use std::net::TcpListener;
use std::path::PathBuf;

use livechat_backend::http::{file_under, HttpServer, Outcome, Response};

pub struct Site {
    pub dist: PathBuf,
    pub www: PathBuf,
}

impl Site {
    /// The file a (decoded) URL path names, if it is inside the site.
    pub fn resolve(&self, path: &str) -> Option<PathBuf> {
        let (base, rest) = match path.strip_prefix("/www/") {
            Some(rest) => (&self.www, rest),
            None if path == "/www" => (&self.www, ""),
            None => (&self.dist, path),
        };
        file_under(base, rest).filter(|file| file.is_file())
    }
}

/// Serves the site on `listener` until the server is dropped.
pub fn serve(listener: TcpListener, site: Site) -> io::Result<HttpServer> {
    HttpServer::start_on(listener, move |request| {
        let response = site
            .resolve(&request.path)
            .and_then(|file| Response::file(&file).ok())
            .unwrap_or_else(|| Response::not_found(&request.path));
        Outcome::Respond(response)
    })
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

        assert_eq!(site.resolve("/"), Some(dir.join("dist/index.html")));
        assert_eq!(
            site.resolve("/app_bg.wasm"),
            Some(dir.join("dist/app_bg.wasm"))
        );
        assert_eq!(
            site.resolve("/www/watch.html"),
            Some(dir.join("www/watch.html"))
        );
        assert_eq!(site.resolve("/../secret"), None);
        assert_eq!(site.resolve("/www/../../secret"), None);
        assert_eq!(site.resolve("/missing.js"), None);

        // Served over HTTP: the build at `/` with its content types, the host pages at `/www/`.
        let server = serve(livechat_backend::web_listener(0).unwrap(), site).unwrap();
        let get = |target: &str| {
            use std::io::{Read, Write};
            let mut stream = std::net::TcpStream::connect(server.addr()).unwrap();
            write!(stream, "GET {target} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
            let mut answer = String::new();
            stream.read_to_string(&mut answer).unwrap();
            answer
        };
        let wasm = get("/app_bg.wasm");
        assert!(wasm.starts_with("HTTP/1.1 200 OK\r\n"), "{wasm}");
        assert!(
            wasm.contains("Content-Type: application/wasm\r\n"),
            "{wasm}"
        );
        assert!(get("/www/watch.html?room=a%40b").starts_with("HTTP/1.1 200 OK\r\n"));
        assert!(get("/www/../secret").starts_with("HTTP/1.1 404 "));
        drop(server);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
