// Lets Azurite answer each page of a table query by looking at the rows once, instead of filtering and sorting
// every row the query could match on every page.
//
// Why: for each page Azurite ran the query's filter over every candidate row, dropped the rows before the
// continuation, sorted all that remained by (PartitionKey, RowKey) and kept the first 1,001. Reading a partition of
// N rows page by page therefore filtered N rows and sorted up to N on each of its N/1,000 pages: at 3,500 cases the
// dashboard's round page (25,000 audit keys, 14,000 score points) took 4.9 s (bench/README.md, "Evening runs").
//
// What changes: only the work, never the answer. Rows before the continuation are skipped by a key comparison;
// a row that cannot be among the page's first 1,001 by key is skipped before the filter runs; the page is kept in
// a bounded heap and sorted at the end. Rows are visited in whichever direction their keys mostly ascend (tables
// are mostly written in key order or in reverse, e.g. newest-first logs), so once a page is full nearly every
// later row costs one comparison. Key order, the continuation rule and the page size are Azurite's own.
"use strict";

const { narrowest } = require("./azurite-indexes.js");

const Store = require("azurite/dist/src/table/persistence/LokiTableMetadataStore.js").default;
const queryGenerator = require("azurite/dist/src/table/persistence/LokiTableStoreQueryGenerator.js").default;

/** Azurite's sort order of entities: PartitionKey, then RowKey, as JavaScript compares strings. */
function compareKeys(a, b) {
  if (a.PartitionKey !== b.PartitionKey) return a.PartitionKey > b.PartitionKey ? 1 : -1;
  if (a.RowKey !== b.RowKey) return a.RowKey > b.RowKey ? 1 : -1;
  return 0;
}

/** Azurite's continuation rule: whether a row belongs at or after the page that starts at (partition, row). */
function continuationTest(partition, row) {
  return (data) => {
    if (partition !== undefined && data.PartitionKey > partition) return true;
    if (row !== undefined) return data.RowKey >= row && (data.PartitionKey === partition || data.PartitionKey === undefined);
    if (partition !== undefined && data.PartitionKey < partition) return false;
    return true;
  };
}

/** A max-heap of at most `size` entities by key: holds the `size` smallest entities offered. */
class SmallestKeys {
  constructor(size) {
    this.size = size;
    this.items = [];
  }

  /** Whether `entity` would be kept if offered (cheaper than the filter that decides whether to offer it). */
  wouldKeep(entity) {
    return this.items.length < this.size || compareKeys(entity, this.items[0]) < 0;
  }

  offer(entity) {
    const items = this.items;
    if (items.length < this.size) {
      items.push(entity);
      for (let i = items.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (compareKeys(items[i], items[parent]) <= 0) break;
        [items[i], items[parent]] = [items[parent], items[i]];
        i = parent;
      }
      return;
    }
    items[0] = entity;
    for (let i = 0; ;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let largest = i;
      if (left < items.length && compareKeys(items[left], items[largest]) > 0) largest = left;
      if (right < items.length && compareKeys(items[right], items[largest]) > 0) largest = right;
      if (largest === i) break;
      [items[i], items[largest]] = [items[largest], items[i]];
      i = largest;
    }
  }

  sorted() {
    return this.items.sort(compareKeys);
  }
}

const original = Store.prototype.queryTableEntities;
Store.prototype.queryTableEntities = async function (context, account, table, queryOptions, nextPartitionKey, nextRowKey) {
  const collection = this.getEntityCollection(account, table, context);
  if (collection.cloneObjects) return original.apply(this, arguments);

  const where = queryGenerator.generateQueryForPersistenceLayer(queryOptions, context);
  const maxResults = this.getMaxResultsOption(queryOptions);
  const after = continuationTest(this.decodeContinuationHeader(nextPartitionKey), this.decodeContinuationHeader(nextRowKey));

  // The rows the filter can match: one stretch of a key index where the filter pins a key, else every row.
  const data = collection.data;
  const best = where.keyConstraints && data.length > 0 ? narrowest(collection, where.keyConstraints) : undefined;
  const positions = best ? collection.binaryIndices[best[0]].values : undefined;
  const [first, last] = best ? [best[1], best[2]] : [0, data.length - 1];
  const at = positions ? (i) => data[positions[i]] : (i) => data[i];

  const page = new SmallestKeys(maxResults + 1);
  if (first >= 0 && last >= first) {
    const descending = compareKeys(at(first), at(last)) > 0;
    for (let n = 0; n <= last - first; n++) {
      const entity = at(descending ? last - n : first + n);
      if (after(entity) && page.wouldKeep(entity) && where(entity)) page.offer(entity);
    }
  }

  const result = page.sorted();
  const response = this.adjustQueryResultforTop(result, maxResults);
  return [result, response.nextPartitionKeyResponse, response.nextRowKeyResponse];
};
