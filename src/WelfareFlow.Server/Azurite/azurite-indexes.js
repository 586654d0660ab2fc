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
// conjunction with "PartitionKey eq '…'") starts from that partition's rows, then applies Azurite's own filter
// to them as before. Anything else takes Azurite's unchanged path.
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

/** The rows of `property`'s index equal to `value`, as [first, last] positions in the index (LokiJS's own search). */
function indexRange(collection, property, value) {
  if (collection.adaptiveBinaryIndices !== true) collection.ensureIndex(property); // rebuilds only if dirty
  return collection.calculateRange("$eq", property, value);
}

const indexed = (collection, property) => Object.prototype.hasOwnProperty.call(collection.binaryIndices, property);

// Point lookups by both keys.
const findOne = Loki.Collection.prototype.findOne;
Loki.Collection.prototype.findOne = function (query) {
  const keys = query ? Object.keys(query) : [];
  if (keys.length !== 2 || typeof query.PartitionKey !== "string" || typeof query.RowKey !== "string"
    || this.cloneObjects || this.data.length === 0 || !indexed(this, "PartitionKey") || !indexed(this, "RowKey")) {
    return findOne.call(this, query);
  }

  const byPartition = indexRange(this, "PartitionKey", query.PartitionKey);
  const byRow = indexRange(this, "RowKey", query.RowKey);
  const [property, [first, last]] = byPartition[1] - byPartition[0] <= byRow[1] - byRow[0]
    ? ["PartitionKey", byPartition] : ["RowKey", byRow];
  const positions = this.binaryIndices[property].values;
  for (let i = first; i <= last && i >= 0; i++) {
    const entity = this.data[positions[i]];
    if (entity.PartitionKey === query.PartitionKey && entity.RowKey === query.RowKey) return entity;
  }
  return null;
};

/** The partition key a filter requires, if it is a conjunction with "PartitionKey eq '<string>'" in it. */
function requiredPartitionKey(node) {
  if (node instanceof AndNode) return requiredPartitionKey(node.left) ?? requiredPartitionKey(node.right);
  if (!(node instanceof EqualsNode)) return undefined;
  const [id, constant] = node.left instanceof IdentifierNode ? [node.left, node.right] : [node.right, node.left];
  return id instanceof IdentifierNode && id.identifier === "PartitionKey"
    && constant instanceof ConstantNode && typeof constant.value === "string" ? constant.value : undefined;
}

// Queries: the filter function Azurite builds carries the partition it requires…
const whereFunction = queryGenerator.generateQueryEntityWhereFunction;
queryGenerator.generateQueryEntityWhereFunction = function (query) {
  const where = whereFunction.call(this, query);
  if (typeof query === "string" && query.length > 0 && query !== "true" && query !== "false") {
    const partitionKey = requiredPartitionKey(parseQuery(query));
    if (partitionKey !== undefined) where.partitionKey = partitionKey;
  }
  return where;
};

// …and a result set filtered by it starts from that partition's rows (an indexed find), then filters as before.
const where = Loki.Resultset.prototype.where;
Loki.Resultset.prototype.where = function (fun) {
  if (typeof fun === "function" && typeof fun.partitionKey === "string" && !this.filterInitialized
    && this.collection.data.length > 0 && indexed(this.collection, "PartitionKey")) {
    this.find({ PartitionKey: fun.partitionKey });
  }
  return where.call(this, fun);
};
