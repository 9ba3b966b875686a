// Writes `<name>.wasm.gz` (gzip -9) next to every .wasm of a build directory: the loaders
// (assets/boot.js, assets/livechat.js) fetch that file and unpack it in the browser, so the wasm
// travels compressed whatever the server does. PeerTube's nginx configuration compresses JS and
// CSS but not application/wasm, and PeerTube itself compresses nothing: served as is, the wasm
// would cross the network at its full size.
//
// As Trunk's post-build hook (Trunk.toml) it works on $TRUNK_STAGING_DIR, release builds only
// (a debug build's loaders fall back to the plain file); tools may pass the directory instead.
"use strict";

const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("gzip-wasm: no directory (argument or TRUNK_STAGING_DIR)");
  process.exit(2);
}
if (process.argv[2] || process.env.TRUNK_PROFILE === "release") {
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith(".wasm")).sort()) {
    const wasm = fs.readFileSync(path.join(dir, name));
    const packed = zlib.gzipSync(wasm, { level: 9, memLevel: 9 });
    fs.writeFileSync(path.join(dir, `${name}.gz`), packed);
    console.log(`gzip-wasm: ${name} ${wasm.length} -> ${name}.gz ${packed.length} bytes`);
  }
}
