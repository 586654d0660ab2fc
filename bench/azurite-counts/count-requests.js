// Counts the requests Azurite answers, by kind, for bench/README.md's request counts per case. Not used by the
// product or the tests. Preload it into Azurite through a `node` wrapper first on PATH:
//
//   mkdir -p /tmp/nodeprof /tmp/prof
//   printf '#!/bin/sh\nexec /usr/bin/node -r %s "$@"\n' "$PWD/bench/azurite-counts/count-requests.js" > /tmp/nodeprof/node
//   chmod +x /tmp/nodeprof/node
//   PATH=/tmp/nodeprof:$PATH dotnet run -c Release --project bench/WelfareFlow.Load -- --cases 1000 --rate 0 --out /tmp/profrun
//   (cd /tmp/prof && node "$OLDPWD/bench/azurite-counts/per-case.js" 1000 30 /tmp/profrun/load-1000cases-*.json)
//
// With `--cpu-prof --cpu-prof-dir=/tmp/prof --cpu-prof-interval 2000` before `-r` in the wrapper, Azurite also writes
// a CPU profile on exit; `node .../profile-split.js "" <report JSON>` (in /tmp/prof) then shows where its time went in each window.
//
// Every 0.5 s it appends the running counts to /tmp/prof/counts-<pid>.jsonl. A kind is the method and the resource with
// the task hub's name (the baseline's "bare…", the product's "load…") replaced by BARE or PRODHUB and keys elided.
"use strict";
const http = require("http");
const fs = require("fs");

const counts = new Map();
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, request) {
  if (event === "request") {
    const [path, query] = request.url.split("?");
    const resource = decodeURIComponent(path).replace(/^\/devstoreaccount1\//, "");
    const parts = resource.match(/^([^/(]+)(\(.*\))?(\/.*)?$/);
    let name = parts ? parts[1] : resource;
    const rest = parts ? (parts[2] ? (parts[2] === "()" ? "()" : "(key)") : "") + (parts[3] ? parts[3].replace(/\/[0-9a-f-]{36}/g, "/{id}") : "") : "";
    let hub = "-";
    const named = name.match(/^(bare[0-9a-f]{8}|load[0-9a-f]{12})(.*)$/i);
    if (named) {
      hub = named[1].toLowerCase().startsWith("bare") ? "BARE" : "PRODHUB";
      name = named[2];
    }
    const kind = `${hub} ${request.method} ${name}${rest}${query && /filter/.test(query) ? " ?filter" : ""}`;
    counts.set(kind, (counts.get(kind) || 0) + 1);
  }
  return emit.apply(this, arguments);
};

setInterval(() => {
  fs.appendFileSync(`/tmp/prof/counts-${process.pid}.jsonl`, JSON.stringify({ t: Date.now(), h: Number(process.hrtime.bigint() / 1000n), c: Object.fromEntries(counts) }) + "\n");
}, 500).unref();
