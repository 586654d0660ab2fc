// Lets Azurite's table store find entities by key through its own indexes instead of scanning whole tables.
//
// Why: Azurite keeps each table in a LokiJS collection indexed on PartitionKey and on RowKey, but
//  - a point read or write (findOne({ RowKey, PartitionKey })) narrows by the RowKey index first. The durable
//    engine's tables share their row keys across instances (every instance row has RowKey "", history rows
//    count from "0000000000000000"), so each read of an instance or write of a history row walked every
//    instance of the task hub;
//  - a query (the engine's history load "PartitionKey eq '<instance>'", every turn) ran its filter over every
//    entity of the table.
// Measured in a 1,000-case load run: 50 s of Azurite's 270 s in findOne and 47 s in query filters, growing with
// the task hub, so a round's cost grew with the square of its cases (bench/README.md, "Azurite's indexes").
//
// What changes: only which rows are looked at first. A point lookup narrows by whichever of the two indexes
// holds fewer rows and compares both keys exactly; a query whose filter requires one partition key (a pure
// conjunction with "PartitionKey eq '…'", or a row key range such as one case's scores) starts from those rows of
// the index (`narrowest`, used by azurite-paging.js, which pages every entity query), then applies Azurite's own
// filter to them as before.
"use strict";

const path = require("path");

const azuriteRoot = path.dirname(require.resolve("azurite/package.json"));
const fromAzurite = (id) => require(require.resolve(id, { paths: [azuriteRoot] }));
const Loki = fromAzurite("lokijs");
const queryGenerator = require("azurite/dist/src/table/persistence/LokiTableStoreQueryGenerator.js").default;
const parseQuery = require("azurite/dist/src/table/persistence/QueryInterpreter/QueryParser.js").default;
const AndNode = require("azurite/dist/src/table/persistence/QueryInterpreter/QueryNodes/AndNode.js").default;
const EqualsNode = require("azurite/dist/src/table/persistence/QueryInterpreter/QueryNodes/EqualsNode.js").default;
const IdentifierNode = require("azurite/dist/src/table/persistence/QueryInterpreter/QueryNodes/IdentifierNode.js").default;
const ConstantNode = require("azurite/dist/src/table/persistence/QueryInterpreter/QueryNodes/ConstantNode.js").default;
const node = (name) => require(`azurite/dist/src/table/persistence/QueryInterpreter/QueryNodes/${name}.js`).default;
const [GreaterThanNode, GreaterThanEqualNode, LessThanNode, LessThanEqualNode] =
  ["GreaterThanNode", "GreaterThanEqualNode", "LessThanNode", "LessThanEqualNode"].map(node);

/** The rows of `property`'s index equal to `value`, as [first, last] positions in the index (LokiJS's own search). */
function indexRange(collection, property, value, operator = "$eq") {
  if (collection.adaptiveBinaryIndices !== true) collection.ensureIndex(property); // rebuilds only if dirty
  return collection.calculateRange(operator, property, value);
}

const indexed = (collection, property) => Object.prototype.hasOwnProperty.call(collection.binaryIndices, property);

// Point lookups by both keys.
const SMALL_PARTITION = 32;
const findOne = Loki.Collection.prototype.findOne;
Loki.Collection.prototype.findOne = function (query) {
  const keys = query ? Object.keys(query) : [];
  if (keys.length !== 2 || typeof query.PartitionKey !== "string" || typeof query.RowKey !== "string"
    || this.cloneObjects || this.data.length === 0 || !indexed(this, "PartitionKey") || !indexed(this, "RowKey")) {
    return findOne.call(this, query);
  }

  // A partition of a few rows (an instance's, a round's rubric) is walked at once: the row index's binary search
  // would cost more than the walk.
  const byPartition = indexRange(this, "PartitionKey", query.PartitionKey);
  const byRow = byPartition[1] - byPartition[0] < SMALL_PARTITION ? undefined : indexRange(this, "RowKey", query.RowKey);
  const [property, [first, last]] = !byRow || byPartition[1] - byPartition[0] <= byRow[1] - byRow[0]
    ? ["PartitionKey", byPartition] : ["RowKey", byRow];
  const positions = this.binaryIndices[property].values;
  for (let i = first; i <= last && i >= 0; i++) {
    const entity = this.data[positions[i]];
    if (entity.PartitionKey === query.PartitionKey && entity.RowKey === query.RowKey) return entity;
  }
  return null;
};

/** What a filter requires of the keys, if it is a pure conjunction: for PartitionKey and RowKey, a value it must
 * equal ("eq") and bounds it must lie within ("ge"/"gt", "le"/"lt"), all string constants. */
function keyConstraints(node, found = { PartitionKey: {}, RowKey: {} }) {
  if (node instanceof AndNode) {
    keyConstraints(node.left, found);
    keyConstraints(node.right, found);
    return found;
  }
  const bound = node instanceof EqualsNode ? "eq"
    : node instanceof GreaterThanEqualNode || node instanceof GreaterThanNode ? "low"
    : node instanceof LessThanEqualNode || node instanceof LessThanNode ? "high" : undefined;
  if (bound && node.left instanceof IdentifierNode && node.right instanceof ConstantNode
    && typeof node.right.value === "string" && found[node.left.identifier]) {
    found[node.left.identifier][bound] = node.right.value;
  }
  return found;
}

// LokiJS orders its indexes with number-like strings ("12", " 1e5", "0x1f", "Infinity") apart from the others, so a
// range of the index matches a range of strings only when no number-like string can fall in it. Every string
// between two bounds starts with their common prefix; no number-like string starts with a prefix that begins with
// a letter other than "I", or that holds a character no number has ("|", "~", "g"…).
const numberStart = /^[\s+\-.0-9I]/;
const notInNumbers = /[^\s+\-.0-9a-fA-FxXoObBInfinity]/;
function safeRange(low, high) {
  let common = 0;
  while (common < low.length && common < high.length && low[common] === high[common]) common++;
  const prefix = low.slice(0, common);
  return low <= high && prefix.length > 0 && (!numberStart.test(prefix) || notInNumbers.test(prefix));
}

/** The smallest stretch of one index that holds every entity the filter can match, as [property, first, last]. */
function narrowest(collection, constraints) {
  let best;
  for (const property of ["PartitionKey", "RowKey"]) {
    if (!indexed(collection, property)) continue;
    const { eq, low, high } = constraints[property];
    const range = eq !== undefined ? indexRange(collection, property, eq)
      : low !== undefined && high !== undefined && safeRange(low, high) ? indexRange(collection, property, [low, high], "$between")
      : undefined;
    if (range && (!best || range[1] - range[0] < best[2] - best[1])) best = [property, range[0], range[1]];
  }
  return best;
}

// Queries: the filter function Azurite builds carries what it requires of the keys, for azurite-paging.js to start
// from the narrowest stretch of an index.
const whereFunction = queryGenerator.generateQueryEntityWhereFunction;
queryGenerator.generateQueryEntityWhereFunction = function (query) {
  const where = whereFunction.call(this, query);
  if (typeof query === "string" && query.length > 0 && query !== "true" && query !== "false") {
    where.keyConstraints = keyConstraints(parseQuery(query));
  }
  return where;
};

module.exports = { narrowest };
