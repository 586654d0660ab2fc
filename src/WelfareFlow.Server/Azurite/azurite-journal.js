// Saves Azurite's table database as a journal of what changed instead of rewriting all of it every 5 s.
//
// Why: Azurite keeps every table in one LokiJS database and, with its data on disk, autosaves it every 5 s
// whenever anything changed by serialising the whole database into one JSON string, synchronously, answering
// nothing meanwhile. A durable task hub never stays unchanged for 5 s, so each save cost more as the data grew:
// the file held 56 MB halfway through a 3,500-case round, one save blocked for seconds, and at 2,000 cases saving
// took 11 % of Azurite's time and the garbage collector 8 % more (bench/README.md, "Evening runs").
//
// What changes: LokiJS records the id of every entity inserted, updated or removed when a collection is marked
// incremental (its own mechanism for incremental adapters). Each save appends just those entities, as they are
// now, to `<database>.journal`: one JSON line each, then a commit line. When the table database is loaded the
// snapshot is read as before, every complete save in the journal is replayed onto it, a new snapshot is written
// and the journal emptied; the same compaction runs while Azurite runs once the journal has grown to several
// times the snapshot. The snapshot keeps LokiJS's own format, so an existing data folder loads unchanged, and a
// crash loses at most the last 5 s, as before, never half a save.
//
// Replaying is idempotent (a line sets an entity to its saved state or removes it), so a crash between writing
// a new snapshot and emptying the journal only replays changes the snapshot already holds.
"use strict";

const fs = require("fs");
const path = require("path");

const azuriteRoot = path.dirname(require.resolve("azurite/package.json"));
const Loki = require(require.resolve("lokijs", { paths: [azuriteRoot] }));
const { DEFAULT_TABLE_LOKI_DB_PATH } = require("azurite/dist/src/table/utils/constants.js");

const COMMIT = '{"t":"commit"}';
// Compact once the journal is this many times the snapshot and at least this big: the full serialisation this
// module avoids then runs once per several database sizes written, never every 5 s.
const COMPACT_RATIO = 4;
const COMPACT_MIN_BYTES = 256 * 1024 * 1024;

const journaled = (db) => db.persistenceMethod === "fs" && path.basename(db.filename || "") === DEFAULT_TABLE_LOKI_DB_PATH;
const named = (db, name) => db.collections.find((c) => c.name === name) || null;
const fail = (callback) => callback || ((err) => { if (err) throw err; });

/** Position of `id` in the collection's sorted id index, or where it would go. */
function positionOf(collection, id) {
  collection.ensureId();
  const ids = collection.idIndex;
  let low = 0;
  let high = ids.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (ids[middle] < id) low = middle + 1;
    else high = middle;
  }
  return low;
}

function put(collection, doc) {
  const at = positionOf(collection, doc.$loki);
  if (collection.idIndex[at] === doc.$loki) {
    collection.data[at] = doc;
  } else {
    collection.data.splice(at, 0, doc);
    collection.idIndex.splice(at, 0, doc.$loki);
  }
  if (doc.$loki > collection.maxId) collection.maxId = doc.$loki;
}

function remove(collection, id) {
  const at = positionOf(collection, id);
  if (collection.idIndex[at] === id) {
    collection.data.splice(at, 1);
    collection.idIndex.splice(at, 1);
  }
}

function apply(db, op, touched) {
  switch (op.t) {
    case "add":
      if (!named(db, op.c)) db.addCollection(op.c, op.o);
      return;
    case "drop":
      db.removeCollection(op.c);
      return;
    case "put":
    case "del": {
      const collection = named(db, op.c);
      if (!collection) throw new Error(`journal names a missing collection ${op.c}`);
      if (op.t === "put") put(collection, op.d);
      else remove(collection, op.id);
      touched.add(collection);
      return;
    }
    default:
      throw new Error(`unknown journal entry ${op.t}`);
  }
}

/** Applies every complete save in the journal; returns whether the file existed. */
function replay(db, journalPath) {
  let buffer;
  try {
    buffer = fs.readFileSync(journalPath);
  } catch (err) {
    if (err.code === "ENOENT") return false;
    throw err;
  }

  const touched = new Set();
  let batch = [];
  for (let start = 0; start < buffer.length;) {
    const end = buffer.indexOf(0x0a, start);
    if (end < 0) break; // the last save was cut off mid-write: it never completed, so it is not applied
    const line = buffer.toString("utf8", start, end);
    start = end + 1;
    if (line === COMMIT) {
      for (const op of batch) apply(db, op, touched);
      batch = [];
      continue;
    }
    try {
      batch.push(JSON.parse(line));
    } catch {
      console.error(`azurite-journal: ${journalPath} is damaged after ${start - line.length - 1} bytes; the saves before it were restored`);
      break;
    }
  }

  // Entities went into the data arrays directly: rebuild the indexes of what changed.
  for (const collection of touched) {
    if (!db.collections.includes(collection)) continue;
    collection.ensureAllIndexes(true);
    for (const field of collection.uniqueNames) collection.ensureUniqueIndex(field);
  }
  return true;
}

/** Every change since the last save as journal lines (empty when nothing changed); clears LokiJS's dirty marks. */
function takeChanges(db) {
  const lines = db.journal.structure;
  db.journal.structure = [];
  for (const collection of db.collections) {
    collection.dirty = false;
    if (collection.dirtyIds.length === 0) continue;
    const ids = Array.from(new Set(collection.dirtyIds)).sort((a, b) => a - b);
    collection.dirtyIds = [];
    for (const id of ids) {
      const doc = collection.get(id);
      lines.push(JSON.stringify(doc ? { t: "put", c: collection.name, d: doc } : { t: "del", c: collection.name, id }));
    }
  }
  if (lines.length === 0) return null;
  lines.push(COMMIT);
  return Buffer.from(lines.join("\n") + "\n", "utf8");
}

/** The journal's state beside the database: where it is, what is waiting to be appended, how big both files are. */
const openJournal = (db, snapshotBytes) =>
  ({ path: db.filename + ".journal", structure: [], bytes: 0, snapshotBytes, unsaved: null });

/** Writes the whole database as the new snapshot and empties the journal (synchronously: used while loading). */
function compactSync(db, snapshot) {
  const temporary = db.filename + "~";
  fs.writeFileSync(temporary, snapshot);
  fs.renameSync(temporary, db.filename);
  fs.writeFileSync(db.journal.path, "");
  db.journal.bytes = 0;
  db.journal.snapshotBytes = Buffer.byteLength(snapshot);
}

const originalLoad = Loki.prototype.loadDatabaseInternal;
Loki.prototype.loadDatabaseInternal = function (options, callback) {
  if (!journaled(this)) return originalLoad.call(this, options, callback);
  const done = fail(callback);
  this.journal = null; // nothing is journaled while loading
  this.isIncremental = true; // collections created from now on record the ids they change
  originalLoad.call(this, options, (err) => {
    if (err) return done(err);
    try {
      for (const collection of this.collections) collection.isIncremental = true;
      const journal = openJournal(this, fs.existsSync(this.filename) ? fs.statSync(this.filename).size : 0);
      const hadJournal = replay(this, journal.path);
      for (const collection of this.collections) {
        collection.dirty = false;
        collection.dirtyIds = [];
      }
      this.journal = journal;
      if (hadJournal) compactSync(this, this.serialize());
    } catch (e) {
      return done(e);
    }
    done(null);
  });
};

/**
 * Starts journaling a database that was created empty rather than loaded (Azurite loads only an existing file):
 * from this save on, which writes the first snapshot, changes go to the journal.
 */
function startJournal(db, callback) {
  const done = fail(callback);
  // The snapshot is serialised synchronously inside this call: every change after it is recorded from here on.
  originalSave.call(db, (err) => {
    if (err) {
      // Without a snapshot the journal would have nothing to replay onto: the next save writes a full one again.
      db.journal = undefined;
      if (db.collections.length > 0) db.collections[0].dirty = true;
      return done(err);
    }
    db.journal.snapshotBytes = fs.statSync(db.filename).size;
    // LokiJS clears the dirty flags when the write ends, also for changes made while it was written: their ids
    // are recorded, so flag them again for the next save.
    for (const collection of db.collections) if (collection.dirtyIds.length > 0) collection.dirty = true;
    done(null);
  });
  db.isIncremental = true;
  for (const collection of db.collections) {
    collection.isIncremental = true;
    collection.dirtyIds = [];
  }
  db.journal = openJournal(db, 0);
  fs.writeFileSync(db.journal.path, ""); // a journal from an earlier, deleted snapshot must not be replayed onto this one
}

const originalSave = Loki.prototype.saveDatabaseInternal;
Loki.prototype.saveDatabaseInternal = function (callback) {
  const journal = this.journal;
  // undefined: never loaded (a new data folder); null: being loaded.
  if (journal === undefined && journaled(this)) return startJournal(this, callback);
  if (!journal) return originalSave.call(this, callback);
  const done = fail(callback);

  let changes;
  let snapshot = null;
  try {
    changes = takeChanges(this);
    if (journal.unsaved) changes = changes ? Buffer.concat([journal.unsaved, changes]) : journal.unsaved;
    journal.unsaved = null;
    if (!changes) return done(null);
    const grown = journal.bytes + changes.length;
    // Taken in the same turn as the changes, so the snapshot holds exactly what the journal will hold.
    if (grown > COMPACT_MIN_BYTES && grown > COMPACT_RATIO * journal.snapshotBytes) snapshot = this.serialize();
  } catch (e) {
    return done(e);
  }

  fs.appendFile(journal.path, changes, (err) => {
    if (err) {
      // Keep the lines for the next save, and make sure there is one.
      journal.unsaved = changes;
      if (this.collections.length > 0) this.collections[0].dirty = true;
      return done(err);
    }
    journal.bytes += changes.length;
    if (!snapshot) return done(null);

    const temporary = this.filename + "~";
    fs.writeFile(temporary, snapshot, (writeErr) => {
      // A failed compaction loses nothing: the journal still holds every save.
      if (writeErr) return done(writeErr);
      fs.rename(temporary, this.filename, (renameErr) => {
        if (renameErr) return done(renameErr);
        fs.truncate(journal.path, 0, (truncateErr) => {
          if (!truncateErr) journal.bytes = 0;
          journal.snapshotBytes = Buffer.byteLength(snapshot);
          done(truncateErr || null);
        });
      });
    });
  });
};

const originalAddCollection = Loki.prototype.addCollection;
Loki.prototype.addCollection = function (name, options) {
  const added = this.journal && !named(this, name);
  const collection = originalAddCollection.call(this, name, options);
  if (added) this.journal.structure.push(JSON.stringify({ t: "add", c: name, o: options || {} }));
  return collection;
};

const originalRemoveCollection = Loki.prototype.removeCollection;
Loki.prototype.removeCollection = function (name) {
  const removed = this.journal && named(this, name);
  originalRemoveCollection.call(this, name);
  if (removed) this.journal.structure.push(JSON.stringify({ t: "drop", c: name }));
};
