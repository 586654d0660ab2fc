// Runs Azurite as a child of the .NET Server and ties its life to the parent's.
//
// Why not start azurite.js directly: stopping it with a kill signal skips the flush of its
// LokiJS databases (they autosave only every 5 s), so the last writes would be lost on restart,
// and a .NET process cannot send SIGTERM portably. Instead the parent closes our stdin; we then
// run Azurite's own SIGTERM handler, which closes the servers and saves the databases. The same
// happens when the parent dies without cleaning up, so no Azurite is left orphaned on its ports.
"use strict";

function shutdown() {
  if (process.listenerCount("SIGTERM") > 0) {
    process.emit("SIGTERM", "SIGTERM");
  } else {
    // Azurite has not finished starting; nothing is persisted yet.
    process.exit(0);
  }
  // Azurite's close normally empties the event loop; do not linger if something keeps it alive.
  setTimeout(() => process.exit(0), 10000).unref();
}

process.stdin.on("end", shutdown);
process.stdin.on("error", shutdown);
process.stdin.resume();

require("azurite/dist/src/azurite.js");
