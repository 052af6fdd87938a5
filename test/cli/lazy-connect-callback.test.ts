// A connection opened by the first request that needs it and kept for the next (`MongoClient.connect(url, (err,
// database) => { db = database })` in a factory's local): a handle of the process, as `db = await connect()` is, not
// state two replicas disagree on (jembi/hearth, truth set 26, reported once factory members were followed). What a
// promise's `.then` hands over is data: the headlines a refresh keeps stay state. Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, fixture } from './run-cli';

describe('a connection kept from a connect callback, beside data kept from a promise', () => {
  const map = analyzeJson(fixture('lazy-connect-callback'));

  test('only the kept headlines are state; the connection is not', () => {
    assert.deepEqual(map.hazards.map((h) => `${h.kind} ${h.file}:${h.line}`), ['module-mutable-state src/news.js:2']);
  });
});
