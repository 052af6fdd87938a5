// A client reached through what a method's type says it returns: `getDB(): Promise<Db>` builds the database in a
// `new Promise(…)` from a client kept per tier, and `find` calls `(await this.getDB()).collection(c).find(q)`. The type
// of the `mongodb` package says what the body hides (FIRSTTeam102/scoutradioz's utilities package, truth set 28, where
// four units had lost MongoDB). Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, edges, fixture, locations } from './run-cli';

describe('typed-return-client: a database wrapper whose getDB() is typed Promise<Db>', () => {
  const map = analyzeJson(fixture('typed-return-client'));

  test('the API reads MongoDB, at the find the wrapper makes', () => {
    assert.deepEqual(edges(map), ['. -> mongodb read']);
    assert.deepEqual(locations(map, '.', 'mongodb'), ['src/db.ts:26 read collection.find']);
  });
});
