// Builds <dir>/src (written by the test) into <dir>/dist/app.min.js with a source map, with the tool
// named: esbuild (bundle, minify, external map), esbuild-inline (the map as a data: URL), terser
// (plain scripts util.js, middle.js, index.js concatenated and mangled), webpack (production, devtool
// source-map, namespace "acme"). Prints nothing on success; exits 1 with the error otherwise.
"use strict";
const fs = require("fs");
const path = require("path");

async function main() {
  const [tool, dir] = process.argv.slice(2);
  const src = path.join(dir, "src");
  const dist = path.join(dir, "dist");
  fs.mkdirSync(dist, { recursive: true });
  const outfile = path.join(dist, "app.min.js");
  if (tool === "esbuild" || tool === "esbuild-inline") {
    require("esbuild").buildSync({
      entryPoints: [path.join(src, "index.js")],
      bundle: true,
      minify: true,
      sourcemap: tool === "esbuild" ? true : "inline",
      platform: "node",
      outfile,
      logLevel: "error",
    });
  } else if (tool === "terser") {
    const files = {};
    for (const name of ["util.js", "middle.js", "index.js"]) {
      files[name] = fs.readFileSync(path.join(src, name), "utf8");
    }
    // compress off: it would inline the small functions and leave no three-deep stack to resolve.
    const result = await require("terser").minify(files, {
      compress: false,
      mangle: { toplevel: true },
      sourceMap: { filename: "app.min.js", url: "app.min.js.map", includeSources: true },
    });
    fs.writeFileSync(outfile, result.code);
    fs.writeFileSync(outfile + ".map", result.map);
  } else if (tool === "webpack") {
    const webpack = require("webpack");
    await new Promise((resolve, reject) => {
      webpack({
        mode: "production",
        target: "node",
        context: dir,
        entry: "./src/index.js",
        devtool: "source-map",
        output: { path: dist, filename: "app.min.js", devtoolNamespace: "acme" },
        // compress off, as for terser: the small functions would be inlined otherwise.
        optimization: { minimizeOptions: { javascript: { compress: false, mangle: true } } },
      }, (err, stats) => {
        if (err || stats.hasErrors()) {
          reject(err || new Error(stats.toString("errors-only")));
        } else {
          resolve();
        }
      });
    });
  } else {
    throw new Error("unknown tool " + tool);
  }
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
});
