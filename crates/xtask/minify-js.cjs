// Minifies every .js file of a build directory in place with terser: the wasm-bindgen glue, the
// boot module and the embedding loader. Trunk's own JS minifier gives up on them (`export
// default`), which left the glue at 58 KB raw.
//
// As Trunk's post-build hook (Trunk.toml) it works on $TRUNK_STAGING_DIR, release builds only; the
// size benchmark runs it on its own builds with the directory as argument. terser is installed by
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
  console.error("minify-js: terser is not installed: run `cargo xtask setup`");
  process.exit(1);
}

async function main() {
  const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
  if (!dir) {
    console.error("minify-js: no directory (argument or TRUNK_STAGING_DIR)");
    process.exit(2);
  }
  if (!process.argv[2] && process.env.TRUNK_PROFILE !== "release") {
    return; // debug builds stay readable
  }
  const { minify } = loadTerser();
  const index = path.join(dir, "index.html");
  let html = fs.existsSync(index) ? fs.readFileSync(index, "utf8") : null;
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith(".js")).sort()) {
    const file = path.join(dir, name);
    const code = fs.readFileSync(file, "utf8");
    // ES modules: top-level names are private and may be renamed; exports keep theirs.
    const out = await minify(code, { module: true, compress: { passes: 2 }, mangle: true });
    fs.writeFileSync(file, out.code);
    console.log(`minify-js: ${name} ${Buffer.byteLength(code)} -> ${Buffer.byteLength(out.code)} bytes`);
    // The page names some files with their Subresource Integrity digest: give it the new one.
    if (html !== null) {
      html = html.split(sri(code)).join(sri(out.code));
    }
  }
  if (html !== null) {
    fs.writeFileSync(index, html);
  }
}

function sri(text) {
  return "sha384-" + crypto.createHash("sha384").update(text, "utf8").digest("base64");
}

main().catch((e) => {
  console.error(`minify-js: ${e.message || e}`);
  process.exit(1);
});
