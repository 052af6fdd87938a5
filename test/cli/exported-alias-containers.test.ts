// A module that builds one object of containers at its top and exports it whole (`const Context = { sessions: new Map()
// }; module.exports = Context`): another module's request handler fills `Context.sessions`, so the map is state of the
// process, as it is when the literal is written in `module.exports = { … }` itself (illuspas/Node-Media-Server, truth set
// 29). The start-up code that sets `Context.config` changes no container. Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, fixture } from './run-cli';

describe('containers of an object a module builds and then exports whole', () => {
  const map = analyzeJson(fixture('exported-alias-containers'));

  test('the sessions map the server fills per request is reported at its member', () => {
    assert.deepEqual(map.hazards.map((h) => `${h.kind} ${h.file}:${h.line}`), ['memory-session-store src/core/context.js:4']);
    assert.match(map.hazards[0]?.message ?? '', /`sessions` \(a Map at module level\) is changed by the callback given to `createServer`/);
  });
});
