// One package, several programs: what its scripts, its compose file and its role dispatcher start are runtime units of
// their own (Corsace/corsace, retracedhq/retraced and odota/core, truth set 28). Fixture workspaces through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, edges, fixture, hazards, service, services } from './run-cli';

describe('script-role-units: scripts named for the programs a package runs (`"api": "cd Server && node dist/Server/index.js"`)', () => {
  const map = analyzeJson(fixture('script-role-units'));

  test('each program script is a unit: a folder whose index it runs, a file in a folder another unit has, a framework server in a folder', () => {
    assert.deepEqual(services(map), ['. frontend', 'Bot worker', 'Server http-server', 'Server/cron-runner.ts http-server', 'Web frontend']);
    assert.equal(service(map, 'Server').name, 'league-hub/api');
    assert.deepEqual(service(map, 'Server/cron-runner.ts').entries, [{ path: 'Server/cron-runner.ts', from: 'package.json scripts.cron-runner: cd Server && node dist/Server/cron-runner.js' }]);
    assert.deepEqual(service(map, 'Web').entries?.map((e) => e.path), ['Web/{server,pages,plugins,middleware,composables,layouts,components,store}/**']);
  });

  test('the bot is a worker though its package lists Vue: a program node runs', () => {
    assert.equal(service(map, 'Bot').kind, 'worker');
    assert.deepEqual(edges(map).filter((e) => e.startsWith('Bot ')), ['Bot -> mysql read']);
  });

  test('the timer the cron runner starts through `initialize()` is the cron runner\'s, not the API\'s whose folder holds it', () => {
    assert.deepEqual(map.hazards.map((h) => `${h.service} ${h.kind} ${h.file}:${h.line}`), ['Server/cron-runner.ts per-replica-timer Server/cron/index.ts:5']);
  });

  test('development variants, tools, a TypeScript runner\'s task, a build step before another command and what postinstall runs are no units; the package root keeps only tooling', () => {
    assert.ok(!map.services.some((s) => /api-dev|web-dev|backup|updateRanks|lint|mobile|extract/.test(s.name)), map.services.map((s) => s.name).join(', '));
    assert.ok(map.edges.filter((e) => e.service === '.').every((e) => e.scope === 'tooling'), JSON.stringify(map.edges.filter((e) => e.service === '.')));
    assert.equal(service(map, '.').verdict, 'stateless');
  });
});

describe('compose-container-units: one build, three containers with their own commands', () => {
  const map = analyzeJson(fixture('compose-container-units'));

  test('the processor and the migration runner are units of their own (the migration a one-shot command); the API keeps the package', () => {
    assert.deepEqual(services(map), ['. http-server', 'src/_db cli', 'src/_processor worker']);
    assert.equal(service(map, 'src/_processor').name, 'audit-trail/processor');
    assert.deepEqual(service(map, '.').entries?.map((e) => e.path), ['src/index.ts']);
  });

  test('the processor\'s module state is its own hazard; the API stays state-elsewhere', () => {
    assert.deepEqual(hazards(map, 'src/_processor'), ['module-mutable-state src/_processor/index.ts:4']);
    assert.equal(service(map, '.').verdict, 'state-elsewhere');
  });
});

describe('role-dispatch-import: `import(\'./svc/\' + role + \'.ts\')` runs any program of the folder', () => {
  const map = analyzeJson(fixture('role-dispatch-import'));

  test('every module of the folder is in the runtime code: the web app\'s PostgreSQL and the parser\'s Redis', () => {
    assert.deepEqual(edges(map), ['. -> postgres read', '. -> redis readwrite']);
    assert.ok(map.edges.every((e) => e.scope === 'runtime'));
  });
});

describe('unresolved-start-browser-unit: a browser app of its own, and a start whose built file is not found', () => {
  const map = analyzeJson(fixture('unresolved-start-browser-unit'));

  test('the browser unit does not make the package a launcher of units: its code still counts, with its hazard', () => {
    assert.deepEqual(services(map), ['. http-server', 'src frontend']);
    assert.deepEqual(hazards(map, '.'), ['in-memory-cache api/bin/www.ts:3']);
    assert.ok(map.problems.some((p) => p.message === 'no runtime entry found for service hub-ui: all its files count'), JSON.stringify(map.problems));
  });
});
