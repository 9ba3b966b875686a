// The build's JS, finished in place in a build directory:
// 1. the embedding loader (livechat.js) gets the build's file names (the glue, the wasm, each
//    language's catalog, the stylesheets), so that a host page asks for the chat's files at once
//    instead of reading index.html first (every build);
// 2. every .js file is minified with terser: the wasm-bindgen glue, the boot module and the loader.
//    Trunk's own JS minifier gives up on them (`export default`), which left the glue at 58 KB raw
//    (release builds).
//
// As Trunk's post-build hook (Trunk.toml) it works on $TRUNK_STAGING_DIR; the size benchmark runs
// it on its own builds with the directory as argument (and minifies them). terser is installed by
// `cargo xtask setup` into target/tools (pinned there).
"use strict";

const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

function loadTerser() {
  const installed = path.join(__dirname, "..", "..", "target", "tools", "node_modules", "terser");
  // The pinned copy first; another one only for a build outside this checkout's layout.
  for (const where of [installed, "terser"]) {
    try {
      return require(where);
    } catch (_) {
      // try the next place
    }
  }
  console.error("post-build-js: terser is not installed: run `cargo xtask setup`");
  process.exit(1);
}

async function main() {
  const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
  if (!dir) {
    console.error("post-build-js: no directory (argument or TRUNK_STAGING_DIR)");
    process.exit(2);
  }
  const index = path.join(dir, "index.html");
  let html = fs.existsSync(index) ? fs.readFileSync(index, "utf8") : null;
  const loader = path.join(dir, "livechat.js");
  if (html !== null && fs.existsSync(loader)) {
    fs.writeFileSync(loader, withBuildNames(fs.readFileSync(loader, "utf8"), html, dir));
  }
  if (!process.argv[2] && process.env.TRUNK_PROFILE !== "release") {
    return; // debug builds stay readable
  }
  const { minify } = loadTerser();
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith(".js")).sort()) {
    const file = path.join(dir, name);
    const code = fs.readFileSync(file, "utf8");
    // ES modules: top-level names are private and may be renamed; exports keep theirs.
    const out = await minify(code, { module: true, compress: { passes: 2 }, mangle: true });
    fs.writeFileSync(file, out.code);
    console.log(`post-build-js: ${name} ${Buffer.byteLength(code)} -> ${Buffer.byteLength(out.code)} bytes`);
    // The page names some files with their Subresource Integrity digest: give it the new one.
    if (html !== null) {
      html = html.split(sri(code)).join(sri(out.code));
    }
  }
  if (html !== null) {
    fs.writeFileSync(index, html);
  }
}

// The loader's `const BUILD = null;` becomes the build's names: the glue, the wasm and the catalog
// files from the JSON block Trunk writes into index.html (Trunk.toml, pattern_script; the build
// adds the catalogs, crates/xtask/src/catalog_files.rs; boot.js reads the same), and each
// stylesheet of the build with its Subresource Integrity digest.
function withBuildNames(code, html, dir) {
  const placeholder = "const BUILD = null;";
  if (!code.includes(placeholder)) {
    throw new Error(`livechat.js has no \`${placeholder}\` to fill in`);
  }
  const block = /<script[^>]*\bid=["']?livechat-boot\b["']?[^>]*>([^<]*)<\/script>/.exec(html);
  if (!block) {
    throw new Error("index.html has no livechat-boot block");
  }
  const { js, wasm, lang = {} } = JSON.parse(block[1]);
  const css = fs
    .readdirSync(dir)
    .filter((n) => n.endsWith(".css"))
    .sort()
    .map((name) => ({ href: `./${name}`, integrity: sri(fs.readFileSync(path.join(dir, name), "utf8")) }));
  const names = JSON.stringify({ js, wasm, lang, css });
  console.log(`post-build-js: livechat.js names ${names}`);
  return code.replace(placeholder, `const BUILD = ${names};`);
}

function sri(text) {
  return "sha384-" + crypto.createHash("sha384").update(text, "utf8").digest("base64");
}

main().catch((e) => {
  console.error(`post-build-js: ${e.message || e}`);
  process.exit(1);
});
