// What an edge says beyond read and write: a JWT's lifetime and revocation, idempotency and
// processed-message records, an event log and its projection. Fixture workspaces through the built CLI
// (JSON and Markdown) and the hover text the language server builds from the same map.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import type { Edge, StateMap } from '../../src/core/model/types';
import { hoverAt } from '../../src/server/hover';
import { analyzeJson, copyFixture, fixture, hazards, runCli } from './run-cli';

const cache = new Map<string, StateMap>();
/** The map of a fixture; `experimental`: with --experimental-hazards, which also judges JWT revocation. */
function mapOf(name: string, experimental = false): StateMap {
  const key = `${name}${experimental ? ' x' : ''}`;
  if (!cache.has(key)) cache.set(key, analyzeJson(fixture(name), experimental ? ['--experimental-hazards'] : []));
  return cache.get(key)!;
}
const edgeTo = (map: StateMap, store: string, service = '.'): Edge => {
  const e = map.edges.find((x) => x.service === service && x.store === store);
  assert.ok(e, `an edge ${service} -> ${store}`);
  return e;
};
const markdown = (name: string, extra: string[] = []) => {
  const r = runCli(['analyze', fixture(name), '--format', 'markdown', ...extra]);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
};
const hover = (map: StateMap, file: string, line: number, column: number) =>
  hoverAt({ folder: 'file:///ws', map, extras: { sites: [] }, file, line, column })?.markdown ?? '';

describe('jwt-configured-lifetime: tokens as long as the configuration says, beside a presigned URL of 180 s', () => {
  const name = 'jwt-configured-lifetime';

  test('the lifetime is the sign call\'s, set from the configuration: no seconds, and not the URL\'s 180', () => {
    assert.deepEqual(edgeTo(mapOf(name, true), 'jwt').jwt?.lifetime, { file: 'src/auth.js', line: 10 });
  });

  test('the report says so', () => {
    assert.match(markdown(name, ['--experimental-hazards']), /JWT · lifetime from configuration/);
  });
});

describe('jwt-auth-revocation: access tokens of 15 minutes, revoked ids in Redis', () => {
  const name = 'jwt-auth-revocation';

  test('by default the JWT edge carries no note (lifetimes and revocation are not yet precise on real code), and the output says how many were not shown', () => {
    const map = mapOf(name);
    assert.equal(edgeTo(map, 'jwt').jwt, undefined);
    assert.deepEqual(map.notShown, { jwtLifetimes: 1 });
    assert.equal(mapOf(name, true).notShown, undefined);
    const md = markdown(name);
    assert.doesNotMatch(md, /JWT · 15 minutes/);
    assert.match(md, /\n_1 JWT lifetime found is not shown: not yet precise enough on real repositories; /);
    assert.match(md, /svc0 -->\|"read\/write ×2"\| st0/);
    assert.doesNotMatch(hover(map, 'src/tokens.ts', 18, 12), /15 minutes/);
  });

  test('the JWT edge carries the lifetime (15 * 60 seconds) and the deny list read next to verification', () => {
    assert.deepEqual(edgeTo(mapOf(name, true), 'jwt').jwt, {
      lifetime: { seconds: 900, file: 'src/tokens.ts', line: 14 },
      revocation: { mechanism: 'deny-list', store: 'redis', target: 'revoked:*', file: 'src/revocation.ts', line: 10 },
    });
  });

  test('Markdown, the diagram and the hover say it in words', () => {
    const md = markdown(name, ['--experimental-hazards']);
    assert.match(md, /\n- JWT · 15 minutes · revocation: deny list in Redis `revoked:\*`\n/);
    assert.match(md, /svc0 -->\|"read\/write ×2 · 15 minutes, revocable"\| st0/);
    assert.match(hover(mapOf(name, true), 'src/tokens.ts', 18, 12), /\n\nJWT · 15 minutes · revocation: deny list in Redis `revoked:\*`\n\n/);
  });

  test('the README says tokens are revoked and they are: no hazard, even with --experimental-hazards', () => {
    assert.deepEqual(hazards(analyzeJson(fixture(name), ['--experimental-hazards'])), []);
  });
});

describe('jwt-no-revocation: 7-day tokens and nothing that can revoke one', () => {
  const name = 'jwt-no-revocation';

  test('the JWT edge says 7 days and no revocation; a note, not a hazard', () => {
    const map = mapOf(name, true);
    assert.deepEqual(edgeTo(map, 'jwt').jwt, { lifetime: { seconds: 604800, file: 'src/auth.ts', line: 7 }, revocation: null });
    assert.deepEqual(hazards(map), []);
    assert.equal(map.services[0].verdict, 'state-elsewhere');
  });

  test('Markdown and hover: "no revocation found: a banned user keeps access until expiry"', () => {
    assert.match(markdown(name, ['--experimental-hazards']), /\n- JWT · 7 days · no revocation found: a banned user keeps access until expiry\n/);
    assert.match(hover(mapOf(name, true), 'src/auth.ts', 13, 20), /JWT · 7 days · no revocation found: a banned user keeps access until expiry/);
  });

  test('a README that promises revocation makes it a hazard, only with --experimental-hazards', () => {
    const copy = copyFixture(name);
    try {
      fs.appendFileSync(path.join(copy.dir, 'README.md'), '\nSigning out revokes the token at once.\n');
      assert.deepEqual(hazards(analyzeJson(copy.dir)), []);
      const map = analyzeJson(copy.dir, ['--experimental-hazards']);
      assert.deepEqual(hazards(map), ['jwt-no-revocation README.md:7']);
      assert.match(map.hazards[0].message, /no deny list, token version or session is checked next to verification/);
    } finally {
      copy.cleanup();
    }
  });
});

describe('idempotency records: keys from a request header, kept in Redis', () => {
  test('idempotency-middleware: the middleware\'s get and set are idempotency-key records on the Redis edge', () => {
    const map = mapOf('idempotency-middleware');
    assert.deepEqual(edgeTo(map, 'redis').records, [
      { kind: 'idempotency-key', file: 'src/middleware/idempotency.ts', line: 11, target: 'idempotency:*' },
      { kind: 'idempotency-key', file: 'src/middleware/idempotency.ts', line: 18, target: 'idempotency:*' },
    ]);
    assert.equal(edgeTo(map, 'postgres').records, undefined);
    const md = markdown('idempotency-middleware');
    assert.match(md, /\n- records idempotency keys `idempotency:\*`: a retry or a redelivery does nothing twice\n/);
    assert.match(md, /-->\|"read\/write ×2 · idempotency keys"\|/);
  });

  test('orders-idempotency-kafka: the keys of both routes, the SET … NX one included', () => {
    const records = edgeTo(mapOf('orders-idempotency-kafka'), 'redis').records?.map((r) => `${r.kind} ${r.target} ${r.file}:${r.line}`);
    assert.deepEqual(records, [
      'idempotency-key idem:orders:* src/routes/orders.ts:14', 'idempotency-key idem:orders:* src/routes/orders.ts:19', 'idempotency-key idem:cancel:* src/routes/orders.ts:26',
    ]);
    assert.equal(edgeTo(mapOf('orders-idempotency-kafka'), 'kafka').records, undefined);
  });
});

describe('event-sourced-ledger: a Kafka consumer replays payments.events into an in-memory projection', () => {
  const name = 'event-sourced-ledger';

  test('the topic read from the beginning is the event log; the balances Map is its projection', () => {
    const map = mapOf(name);
    assert.deepEqual(edgeTo(map, 'kafka').eventLog, {
      target: 'payments.events', role: 'log', replay: { file: 'src/main.ts', line: 13, what: 'a consumer that reads it from the beginning' },
    });
    assert.deepEqual(edgeTo(map, 'memory').eventLog, { target: 'Process memory', role: 'projection', from: { store: 'kafka', target: 'payments.events' } });
  });

  test('the ledger insert that ignores a known event id is a processed-message record', () => {
    assert.deepEqual(edgeTo(mapOf(name), 'postgres').records, [{ kind: 'processed-message', file: 'src/ledger.ts', line: 7, target: 'ledger_entries' }]);
    assert.equal(mapOf(name).lowConfidenceHazards, undefined);
  });

  test('Markdown says which edge is the log and which the projection', () => {
    const md = markdown(name);
    assert.match(md, /\n- event log `payments.events`: appended to, the source of truth; replayed at src\/main.ts:13 \(a consumer that reads it from the beginning\)\n/);
    assert.match(md, /\n- projection rebuilt from the event log `payments.events` \(Kafka\)\n/);
    assert.match(md, /\n- records processed messages `ledger_entries`: a retry or a redelivery does nothing twice\n/);
  });
});

describe('a queue consumer that writes with no dedupe record', () => {
  test('is a low-confidence note: in lowConfidenceHazards only, not in hazards, the verdict or Markdown', () => {
    const copy = copyFixture('event-sourced-ledger');
    try {
      // the same consumer, inserting without ON CONFLICT: a redelivered event is a second row
      const ledger = path.join(copy.dir, 'src/ledger.ts');
      fs.writeFileSync(ledger, fs.readFileSync(ledger, 'utf8').replace(/\n\s*ON CONFLICT \(event_id\) DO NOTHING/, ''));
      const map = analyzeJson(copy.dir);
      assert.deepEqual(map.lowConfidenceHazards?.map((h) => `${h.kind} ${h.file}:${h.line} ${h.confidence}`), ['consumer-no-dedupe src/main.ts:13 low']);
      assert.match(map.lowConfidenceHazards![0].message, /Consumes `payments.events` \(delivered at least once\) and writes with no idempotency or processed-message record/);
      assert.deepEqual(hazards(map), ['module-mutable-state src/projection.ts:4']);
      const md = runCli(['analyze', copy.dir, '--format', 'markdown']).stdout;
      assert.doesNotMatch(md, /consumer-no-dedupe/);
    } finally {
      copy.cleanup();
    }
  });
});

describe('bullmq-email-worker: a BullMQ worker is a consumer, whatever store keeps the queue', () => {
  test('a worker that inserts with no record of handled jobs gets the low-confidence note at `new Worker`', () => {
    const map = mapOf('bullmq-email-worker');
    assert.deepEqual(map.lowConfidenceHazards?.map((h) => `${h.kind} ${h.file}:${h.line} ${h.confidence}`), ['consumer-no-dedupe src/worker.ts:15 low']);
    assert.match(map.lowConfidenceHazards![0].message, /^Consumes queued jobs \(delivered at least once\) .* a retried job is applied twice\.$/);
    assert.deepEqual(hazards(map), []);
  });

  test('adding the next job is the queue\'s own traffic: a worker that only enqueues gets no note', () => {
    const copy = copyFixture('bullmq-email-worker');
    try {
      const worker = path.join(copy.dir, 'src/worker.ts');
      fs.writeFileSync(worker, fs.readFileSync(worker, 'utf8').replace(/\n\s*await pool\.query\([^\n]*\);/, ''));
      assert.equal(analyzeJson(copy.dir).lowConfidenceHazards, undefined);
    } finally {
      copy.cleanup();
    }
  });

  test('a worker that records each handled job id keeps it as a processed-message record, with no note', () => {
    const copy = copyFixture('bullmq-email-worker');
    try {
      const worker = path.join(copy.dir, 'src/worker.ts');
      fs.writeFileSync(worker, fs.readFileSync(worker, 'utf8').replace(
        "INSERT INTO sent_emails (user_id, kind) VALUES ($1, $2)', [job.data.userId, 'welcome']",
        "INSERT INTO processed_jobs (job_id) VALUES ($1)', [job.id]",
      ));
      const map = analyzeJson(copy.dir);
      assert.deepEqual(edgeTo(map, 'postgres').records?.map((r) => `${r.kind} ${r.target}`), ['processed-message processed_jobs']);
      assert.equal(map.lowConfidenceHazards, undefined);
    } finally {
      copy.cleanup();
    }
  });
});

describe('kafka-consumer-base-class: a consumer whose delivery runs in a shared package', () => {
  const name = 'kafka-consumer-base-class';

  test('the service that extends the shared ConsumerService is a worker; the package that holds it is a library', () => {
    const map = mapOf(name);
    assert.deepEqual(map.services.map((s) => `${s.id} ${s.kind}`), ['apps/tracker worker', 'libs/queue library']);
  });

  test('its inserts with no record of handled messages get the low-confidence note, for the tracker', () => {
    const map = mapOf(name);
    assert.deepEqual(map.lowConfidenceHazards?.map((h) => `${h.service} ${h.kind} ${h.file}:${h.line} ${h.confidence}`), ['apps/tracker consumer-no-dedupe apps/tracker/src/main.ts:3 low']);
    assert.match(map.lowConfidenceHazards![0].message, /^Consumes messages \(delivered at least once\) .* a redelivered message is applied twice\.$/);
    assert.deepEqual(hazards(map), []);
  });
});
