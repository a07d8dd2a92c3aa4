// Runs a built bundle and prints the stack of the error it throws, as V8 reports it (1-based lines
// and columns): the positions an SDK would send.
"use strict";
try {
  require(require("path").resolve(process.argv[2]));
  console.error("the bundle did not throw");
  process.exit(1);
} catch (e) {
  console.log(e.stack);
}
