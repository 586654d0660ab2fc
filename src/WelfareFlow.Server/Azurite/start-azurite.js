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

// Ctrl+C in a terminal signals the whole process group, this process included, while the Server may
// still need storage to shut down (e.g. to release its partition leases). So Azurite does not react to
// SIGINT here; the Server closes our stdin once it is done.
const once = process.once.bind(process);
process.once = (event, listener) => (event === "SIGINT" ? process : once(event, listener));
process.on("SIGINT", () => {});

process.stdin.on("end", shutdown);
process.stdin.on("error", shutdown);
process.stdin.resume();

// Point reads and partition queries through Azurite's own indexes, pages of a query found in one pass, and saves
// of the table database that write only what changed (see each file for why).
require("./azurite-indexes.js");
require("./azurite-paging.js");
require("./azurite-journal.js");
require("azurite/dist/src/azurite.js");
