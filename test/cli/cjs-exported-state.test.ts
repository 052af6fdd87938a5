// A CommonJS module that exports its state whole, made by a function called where it is written
// (`module.exports = (function () { return { pids: {}, reboots: {} } }())`), changed by the routes that import it:
// its containers are module state, one report for the one object.
// Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, fixture } from './run-cli';

describe('containers of an object a module exports whole', () => {
  const map = analyzeJson(fixture('cjs-exported-state'));

  test('what the routes change is one report at the object, its other member as another place', () => {
    assert.deepEqual(map.hazards.map((h) => `${h.file}:${h.line} ${h.confidence}`), ['lib/state.js:3 high']);
    assert.deepEqual(map.hazards[0].also, [{ file: 'lib/state.js', line: 4, column: 5 }]);
    assert.match(map.hazards[0].message, /The same object the module exports keeps another member that requests change: `reboots` \(line 4\)\./);
    assert.equal(map.services[0].verdict, 'in-process-state');
  });
});
