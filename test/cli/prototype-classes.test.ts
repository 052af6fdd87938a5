// Classes written before `class`: a constructor function with methods on its prototype
// (`Backchannel.prototype.wait = function …`, `UserSockets.prototype = { add: function … }`) and
// `util.inherits` for a base. Made once per process, their fields are process state, as a `class`'s are;
// made per request (`new Formatter()` in a handler), they are not. Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, fixture, verdictLine } from './run-cli';

describe('constructor functions with methods on their prototype are classes', () => {
  const map = analyzeJson(fixture('prototype-classes'));
  const reports = map.hazards.map((h) => `${h.kind} ${h.file}:${h.line} ${h.confidence ?? 'high'}`).sort();

  test('the instance a module keeps, changed by its prototype methods, is reported once at its binding', () => {
    assert.ok(reports.includes('module-mutable-state app.js:7 high'), reports.join('\n'));
    const h = map.hazards.find((x) => x.file === 'app.js' && x.line === 7)!;
    assert.match(h.message, /^`backchannel` \(the one Backchannel of the process, made at module level; its `waiting` is an object\) is changed by `Backchannel\.wait` \(lib\/backchannel\.js:13\)/);
  });

  test('an instance exported once (`module.exports = new UserSockets()`) with methods in a prototype object', () => {
    assert.ok(reports.includes('module-mutable-state lib/sockets.js:2 high'), reports.join('\n'));
    const h = map.hazards.find((x) => x.file === 'lib/sockets.js')!;
    assert.match(h.message, /^`sockets` \(an object in the one instance of its class\) is changed by `UserSockets\.add` \(line 8\)/);
  });

  test('an instance made per request is not state, and nothing else is reported', () => {
    assert.equal(reports.length, 2, reports.join('\n'));
    assert.ok(!map.hazards.some((x) => x.file === 'lib/format.js'));
  });

  test('the claim of statelessness is contradicted', () => {
    assert.match(verdictLine(map, '.'), /^stateless=true README\.md:3 readme · in-process-state · honest=false$/);
  });
});
