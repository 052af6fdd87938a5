// One scenario per fixture workspace under test/fixtures, run through the built CLI as users run it:
// `state-map analyze <fixture> --format json`. Each test states what the map must say about the scenario.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { StateMap } from '../../src/core/model/types';
import { analyzeJson, copyFixture, edges, fixture, hazards, locations, runCli, service, services, verdictLine } from './run-cli';

const cache = new Map<string, StateMap>();
/** The JSON map of a committed fixture (analyzed once per test file). */
function mapOf(name: string): StateMap {
  if (!cache.has(name)) cache.set(name, analyzeJson(fixture(name)));
  return cache.get(name)!;
}

describe('stateless-health: an express service with only /health', () => {
  const name = 'stateless-health';

  test('one http-server service at the workspace root', () => {
    assert.deepEqual(services(mapOf(name)), ['. http-server']);
    assert.equal(service(mapOf(name), '.').name, 'status-api');
  });

  test('touches no store: its only edge is reading the environment', () => {
    const map = mapOf(name);
    assert.deepEqual(edges(map, { env: true }), ['. -> env read']);
    assert.deepEqual(locations(map, '.', 'env'), ['src/health.ts:4 read APP_VERSION', 'src/server.ts:8 read PORT']);
  });

  test('its README claim is honest and the verdict is stateless', () => {
    assert.equal(verdictLine(mapOf(name), '.'), 'stateless=true README.md:3 readme · stateless · honest=true');
  });

  test('no hazards (a constant computed at load is not state) and no problems', () => {
    assert.deepEqual(hazards(mapOf(name)), []);
    assert.deepEqual(mapOf(name).problems, []);
  });
});

describe('jwt-auth-revocation: "stateless because it uses JWTs", with a revocation list in Redis', () => {
  const name = 'jwt-auth-revocation';

  test('one http-server', () => {
    assert.deepEqual(services(mapOf(name)), ['. http-server']);
  });

  test('JWT and Redis edges, both read and write', () => {
    const map = mapOf(name);
    assert.deepEqual(edges(map), ['. -> jwt readwrite', '. -> redis readwrite']);
    assert.deepEqual(locations(map, '.', 'jwt'), ['src/tokens.ts:14 write sign', 'src/tokens.ts:18 read verify']);
    assert.deepEqual(locations(map, '.', 'redis'), ['src/revocation.ts:6 write set', 'src/revocation.ts:10 read exists']);
  });

  test('the revocation list is keyed by revoked:*', () => {
    const redis = mapOf(name).edges.find((e) => e.store === 'redis');
    assert.deepEqual(redis?.locations.map((l) => l.target), ['revoked:*', 'revoked:*']);
  });

  test('the README claim holds: the state moved to Redis (state-elsewhere), it did not disappear', () => {
    const map = mapOf(name);
    assert.equal(verdictLine(map, '.'), 'stateless=true README.md:5 readme · state-elsewhere · honest=true');
    assert.match(service(map, '.').claim.sources[0].text, /stateless because it uses JWTs/);
  });

  test('no hazards, no problems; the JWT lifetime is found and not shown by default', () => {
    assert.deepEqual(hazards(mapOf(name)), []);
    assert.deepEqual(mapOf(name).problems, []);
    assert.deepEqual(mapOf(name).notShown, { jwtLifetimes: 1 });
  });
});

describe('cart-three-places: a cart in Redis, in a module-level Map and in the browser', () => {
  const name = 'cart-three-places';
  const api = 'services/cart-api';
  const web = 'apps/storefront';

  test('two workspace packages: the API and the storefront', () => {
    const map = mapOf(name);
    assert.deepEqual(services(map), [`${web} frontend`, `${api} http-server`]);
    assert.equal(service(map, api).name, '@acme/cart-api');
    assert.equal(service(map, web).name, '@acme/storefront');
  });

  test('the cart lives in Redis and process memory (API) and localStorage (browser)', () => {
    const map = mapOf(name);
    // the Redis URL comes from the Secret cart-redis: manifests' secrets are drawn only with --experimental-hazards
    assert.deepEqual(edges(map), [`${web} -> localStorage readwrite`, `${api} -> memory readwrite`, `${api} -> redis readwrite`]);
    assert.deepEqual(locations(map, api, 'redis'), [
      `${api}/src/carts.ts:9 read hgetall`, `${api}/src/carts.ts:14 write hincrby`, `${api}/src/carts.ts:15 write expire`,
    ]);
    assert.deepEqual(locations(map, web, 'localStorage'), [
      `${web}/src/cartStorage.ts:11 read getItem`, `${web}/src/cartStorage.ts:18 write setItem`, `${web}/src/cartStorage.ts:22 write removeItem`,
    ]);
  });

  test('the module-level Map of guest carts is a hazard', () => {
    assert.deepEqual(hazards(mapOf(name)), [`module-mutable-state ${api}/src/carts.ts:19`]);
    assert.match(mapOf(name).hazards[0].message, /guestCarts/);
  });

  test('the API claims stateless through its Deployment (replicas 3) and breaks the claim', () => {
    const map = mapOf(name);
    assert.equal(verdictLine(map, api), 'stateless=true k8s/cart-api.yaml:8 kubernetes · in-process-state · honest=false');
    assert.match(service(map, api).claim.sources[0].text, /replicas 3/);
  });

  test('the storefront makes no claim; browser storage is state kept elsewhere, not a scaling hazard', () => {
    assert.equal(verdictLine(mapOf(name), web), 'stateless=null · state-elsewhere · honest=null');
    assert.deepEqual(hazards(mapOf(name), web), []);
  });

  test('no problems; the Secret is found and not shown by default', () => {
    assert.deepEqual(mapOf(name).problems, []);
    assert.deepEqual(mapOf(name).notShown, { config: 1 });
  });
});

describe('orders-idempotency-kafka: idempotency keys in Redis, events on Kafka', () => {
  const name = 'orders-idempotency-kafka';
  const routes = 'src/routes/orders.ts';

  test('one http-server', () => {
    assert.deepEqual(services(mapOf(name)), ['. http-server']);
  });

  test('Kafka is written, Redis read and written', () => {
    const map = mapOf(name);
    assert.deepEqual(edges(map), ['. -> kafka write', '. -> redis readwrite']);
    assert.deepEqual(locations(map, '.', 'kafka'), [`${routes}:18 write producer.send`, `${routes}:29 write producer.send`]);
    assert.deepEqual(locations(map, '.', 'redis'), [`${routes}:14 read get`, `${routes}:19 write set`, `${routes}:26 write set`]);
    const kafka = map.edges.find((e) => e.store === 'kafka');
    assert.deepEqual(kafka?.locations.map((l) => l.target), ['orders.created', 'orders.cancelled']);
  });

  test('get-then-set of the idempotency key is a check-then-act race; SET … NX is not flagged', () => {
    const map = mapOf(name);
    assert.deepEqual(hazards(map), [`check-then-act ${routes}:19`]);
    assert.match(map.hazards[0].message, /`previous` is read at line 14/);
  });

  test('each environment variable read is one location', () => {
    assert.deepEqual(locations(mapOf(name), '.', 'env'), ['src/kafka.ts:5 read KAFKA_BROKERS', 'src/redis.ts:3 read REDIS_URL', 'src/server.ts:13 read PORT']);
  });

  test('the HPA claims stateless (line of scaleTargetRef); a race is not in-process state, so the claim holds', () => {
    assert.equal(verdictLine(mapOf(name), '.'), 'stateless=true deploy/orders-api.yaml:25 kubernetes · state-elsewhere · honest=true');
  });

  test('no problems', () => {
    assert.deepEqual(mapOf(name).problems, []);
  });
});

describe('flight-seat-prisma: two customers race for one seat', () => {
  const name = 'flight-seat-prisma';
  const booking = 'src/booking.ts';

  test('one http-server reaching PostgreSQL (from schema.prisma) and nothing else', () => {
    const map = mapOf(name);
    assert.deepEqual(services(map), ['. http-server']);
    assert.deepEqual(edges(map), ['. -> postgres readwrite']);
  });

  test('every seat query is evidence, including those inside $transaction', () => {
    assert.deepEqual(locations(mapOf(name), '.', 'postgres'), [
      `${booking}:11 read seat.findUnique`,
      `${booking}:14 write seat.update`,
      `${booking}:21 read seat.findUnique`,
      `${booking}:24 write seat.update`,
      `${booking}:32 write seat.updateMany`,
      `${booking}:37 read seat.findUniqueOrThrow`,
      `${booking}:41 read seat.findMany`,
    ]);
  });

  test('findUnique, if (seat.bookedBy), update is check-then-act; the transaction and the conditional updateMany are not', () => {
    const map = mapOf(name);
    assert.deepEqual(hazards(map), [`check-then-act ${booking}:14`]);
    assert.match(map.hazards[0].message, /`seat` is read at line 11/);
  });

  test('no claim; state elsewhere (a race is not in-process state); no problems', () => {
    assert.equal(verdictLine(mapOf(name), '.'), 'stateless=null · state-elsewhere · honest=null');
    assert.deepEqual(mapOf(name).problems, []);
  });
});

describe('event-sourced-ledger: a Kafka consumer appending to Postgres with an in-memory projection', () => {
  const name = 'event-sourced-ledger';

  test('a worker (no HTTP server)', () => {
    assert.deepEqual(services(mapOf(name)), ['. worker']);
  });

  test('reads Kafka, only inserts into Postgres, and keeps memory', () => {
    const map = mapOf(name);
    assert.deepEqual(edges(map), ['. -> kafka read', '. -> memory readwrite', '. -> postgres write']);
    assert.deepEqual(locations(map, '.', 'kafka'), ['src/main.ts:13 read consumer.subscribe', 'src/main.ts:14 read consumer.run']);
    assert.deepEqual(locations(map, '.', 'postgres'), ['src/ledger.ts:7 write query']);
    assert.equal(map.edges.find((e) => e.store === 'postgres')?.locations[0].target, 'ledger_entries');
  });

  test('the projection Map updated per event is module-mutable-state', () => {
    const map = mapOf(name);
    assert.deepEqual(hazards(map), ['module-mutable-state src/projection.ts:4']);
    assert.match(map.hazards[0].message, /balances/);
  });

  test('each environment variable read is one location', () => {
    assert.deepEqual(locations(mapOf(name), '.', 'env'), ['src/db.ts:3 read DATABASE_URL', 'src/main.ts:8 read KAFKA_BROKERS']);
  });

  test('no claim (the README describes the design without claiming), in-process-state, no problems', () => {
    assert.equal(verdictLine(mapOf(name), '.'), 'stateless=null · in-process-state · honest=null');
    assert.deepEqual(mapOf(name).problems, []);
  });
});

describe('spa-browser-storage: a React SPA using every kind of browser storage', () => {
  const name = 'spa-browser-storage';
  const s = 'src/storage';

  test('a frontend', () => {
    assert.deepEqual(services(mapOf(name)), ['. frontend']);
  });

  test('four browser store kinds, each read and written', () => {
    const map = mapOf(name);
    assert.deepEqual(edges(map, { env: true }), ['. -> cookie readwrite', '. -> indexedDB readwrite', '. -> localStorage readwrite', '. -> sessionStorage readwrite']);
    assert.deepEqual(locations(map, '.', 'localStorage'), [`${s}/preferences.ts:7 read getItem`, `${s}/preferences.ts:11 write setItem`]);
    assert.deepEqual(locations(map, '.', 'sessionStorage'), [`${s}/draft.ts:5 read getItem`, `${s}/draft.ts:9 write setItem`, `${s}/draft.ts:10 write removeItem`]);
    assert.deepEqual(locations(map, '.', 'indexedDB'), [`${s}/notes.ts:20 read getAllFromIndex`, `${s}/notes.ts:24 write put`, `${s}/notes.ts:28 write delete`]);
  });

  test('cookies through js-cookie and document.cookie', () => {
    const cookie = mapOf(name).edges.find((e) => e.store === 'cookie');
    assert.deepEqual(cookie?.locations.map((l) => `${l.file}:${l.line} ${l.access} ${l.library}`), [
      `${s}/consent.ts:6 read js-cookie`, `${s}/consent.ts:10 write js-cookie`, `${s}/consent.ts:15 read document.cookie`, `${s}/consent.ts:19 write document.cookie`,
    ]);
  });

  test('module state in a browser (a Set of listeners) is not a scaling hazard', () => {
    const map = mapOf(name);
    assert.ok(fs.readFileSync(path.join(fixture(name), s, 'preferences.ts'), 'utf8').includes('const listeners = new Set'));
    assert.deepEqual(hazards(map), []);
    assert.equal(map.stores.some((st) => st.kind === 'memory'), false);
  });

  test('no claim, state elsewhere (in the browser), no problems', () => {
    assert.equal(verdictLine(mapOf(name), '.'), 'stateless=null · state-elsewhere · honest=null');
    assert.deepEqual(mapOf(name).problems, []);
  });
});

describe('lambda-warm-state: a lambda keeping a cache between invocations', () => {
  const name = 'lambda-warm-state';

  test('a lambda', () => {
    assert.deepEqual(services(mapOf(name)), ['. lambda']);
  });

  test('reads an external API and keeps memory', () => {
    const map = mapOf(name);
    assert.deepEqual(edges(map), ['. -> http-api read', '. -> memory readwrite']);
    assert.deepEqual(locations(map, '.', 'http-api'), ['src/rates.ts:15 read fetch']);
  });

  test('the module-level cache is warm-instance-state', () => {
    const map = mapOf(name);
    assert.deepEqual(hazards(map), ['warm-instance-state src/rates.ts:10']);
    assert.match(map.hazards[0].message, /rateCache/);
  });

  test('serverless.yml implies a stateless claim (at the function), which the cache breaks', () => {
    const map = mapOf(name);
    assert.equal(verdictLine(map, '.'), 'stateless=true serverless.yml:17 serverless · in-process-state · honest=false');
    assert.match(service(map, '.').claim.sources[0].text, /quote/);
  });

  test('no problems', () => {
    assert.deepEqual(mapOf(name).problems, []);
  });
});

describe('monorepo-shared-db: two services using the @acme/db workspace package', () => {
  const name = 'monorepo-shared-db';

  test('the shared package is a library; both services are http-servers', () => {
    assert.deepEqual(services(mapOf(name)), ['packages/db library', 'services/accounts-api http-server', 'services/billing-api http-server']);
    assert.equal(service(mapOf(name), 'packages/db').name, '@acme/db');
  });

  test('each service has its own PostgreSQL edge, with its own call sites', () => {
    const map = mapOf(name);
    assert.deepEqual(edges(map), ['services/accounts-api -> postgres readwrite', 'services/billing-api -> postgres readwrite']);
    assert.deepEqual(locations(map, 'services/accounts-api', 'postgres'), [
      'services/accounts-api/src/server.ts:10 write insert', 'services/accounts-api/src/server.ts:15 read select.from',
    ]);
    assert.deepEqual(locations(map, 'services/billing-api', 'postgres'), [
      'services/billing-api/src/invoices.ts:5 read select.from', 'services/billing-api/src/invoices.ts:9 write insert',
    ]);
  });

  test('verdicts: services keep state elsewhere, the library touches nothing itself; no claims, hazards or problems', () => {
    const map = mapOf(name);
    assert.equal(verdictLine(map, 'services/accounts-api'), 'stateless=null · state-elsewhere · honest=null');
    assert.equal(verdictLine(map, 'services/billing-api'), 'stateless=null · state-elsewhere · honest=null');
    assert.equal(verdictLine(map, 'packages/db'), 'stateless=null · stateless · honest=null');
    assert.deepEqual(hazards(map), []);
    assert.deepEqual(map.problems, []);
  });
});

describe('workers-shared-oauth: two Workers run one shared package, one of them its OAuth flow', () => {
  const name = 'workers-shared-oauth';
  const edgesOf = (id: string) => edges(mapOf(name)).filter((e) => e.startsWith(`${id} -> `));

  test('each Worker starts at the main its Wrangler configuration names', () => {
    const map = mapOf(name);
    assert.deepEqual(service(map, 'apps/auth-worker').entries, [{ path: 'apps/auth-worker/src/worker.ts', from: 'Wrangler configuration main' }]);
    assert.deepEqual(service(map, 'apps/public-worker').entries, [{ path: 'apps/public-worker/src/worker.ts', from: 'Wrangler configuration main' }]);
  });

  test('the Worker that mounts the OAuth routes keeps their state in KV and a cookie, at the shared code', () => {
    const map = mapOf(name);
    assert.deepEqual(edgesOf('apps/auth-worker'), ['apps/auth-worker -> cloudflare-kv readwrite', 'apps/auth-worker -> cookie readwrite', 'apps/auth-worker -> http-api read']);
    // a parameter typed `KVNamespace` (state.ts), and `c.env.OAUTH_KV` in a package no Wrangler configuration governs (oauth.ts)
    assert.deepEqual(locations(map, 'apps/auth-worker', 'cloudflare-kv').sort(), [
      'packages/common/src/oauth.ts:18 write put', 'packages/common/src/state.ts:10 write delete',
      'packages/common/src/state.ts:4 write put', 'packages/common/src/state.ts:9 read get',
    ]);
    assert.deepEqual(locations(map, 'apps/auth-worker', 'cookie').sort(), ['packages/common/src/oauth.ts:11 write setCookie', 'packages/common/src/oauth.ts:15 read getCookie']);
  });

  test('the public Worker runs only what createPublicApp reaches: not the OAuth flow, not the audit stream, not a type\'s module', () => {
    assert.deepEqual(edgesOf('apps/public-worker'), ['apps/public-worker -> http-api read']);
    assert.deepEqual(locations(mapOf(name), 'apps/public-worker', 'http-api'), ['packages/common/src/api.ts:4 read fetch']);
  });

  test('the shared package keeps its own edges; no problems', () => {
    const map = mapOf(name);
    assert.deepEqual(edgesOf('packages/common'), [
      'packages/common -> cloudflare-kv readwrite', 'packages/common -> cookie readwrite', 'packages/common -> http-api read',
      'packages/common -> postgres read', 'packages/common -> redis write',
    ]);
    assert.deepEqual(map.problems, []);
  });
});

describe('bad-input: broken files are problems, the rest is still analyzed', () => {
  const name = 'bad-input';
  const big = 'packages/api/src/generated/catalog-data.ts';
  const loop = 'packages/api/src/self';
  let map: StateMap;
  let run: ReturnType<typeof runCli>;
  let copy: ReturnType<typeof copyFixture>;

  before(() => {
    copy = copyFixture(name);
    const row = `  { sku: 'SKU-000000', name: 'placeholder item for the generated catalog', price: 1999 },\n`;
    fs.mkdirSync(path.join(copy.dir, path.dirname(big)), { recursive: true });
    fs.writeFileSync(path.join(copy.dir, big), `export const catalog = [\n${row.repeat(Math.ceil((1.2 * 1024 * 1024) / row.length))}];\n`);
    fs.symlinkSync('..', path.join(copy.dir, loop), 'dir');
    run = runCli(['analyze', copy.dir, '--format', 'json']);
    if (run.code === 0) map = JSON.parse(run.stdout) as StateMap;
  });
  after(() => copy?.cleanup());

  test('analyze exits 0 on a copy with a 1.2 MB file and a symlink loop added, and prints nothing on stderr', () => {
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
  });

  test('each bad input is one problem, on its own file, with a clear message', () => {
    assert.ok(map, 'analysis did not run');
    const byFile = new Map(map.problems.map((p) => [p.file, p.message]));
    assert.deepEqual([...byFile.keys()].sort(), [
      'k8s/api.yaml',
      'packages/api/prisma/schema.prisma',
      'packages/api/src/assets/logo.ts',
      big,
      'packages/api/src/restock.ts',
      loop,
      'packages/legacy-reports/package.json',
    ].sort());
    assert.equal(map.problems.length, 7);
    assert.match(byFile.get('k8s/api.yaml')!, /^invalid YAML at line (8|9)\b/);
    assert.match(byFile.get('packages/api/prisma/schema.prisma')!, /^invalid schema\.prisma at line 9\b/);
    assert.match(byFile.get('packages/api/prisma/schema.prisma')!, /Expecting .*'\)'/);
    assert.equal(byFile.get('packages/api/src/assets/logo.ts'), 'skipped: binary file');
    assert.match(byFile.get(big)!, /^skipped: 1\.2 MB is over maxFileSize \(1\.0 MB\)$/);
    assert.match(byFile.get('packages/api/src/restock.ts')!, /^syntax error at 5:1\b/);
    assert.match(byFile.get(loop)!, /symlink loop/);
    assert.match(byFile.get('packages/legacy-reports/package.json')!, /^invalid package\.json\b/);
  });

  test('the good files are still analyzed: the API reads PostgreSQL, the package with a broken package.json reads MySQL', () => {
    assert.ok(map, 'analysis did not run');
    assert.deepEqual(services(map), ['packages/api http-server', 'packages/legacy-reports unknown']);
    assert.equal(service(map, 'packages/legacy-reports').name, 'legacy-reports', 'a package.json that cannot be read names no package: the folder does');
    // (whether facts from the unparseable restock.ts are kept is the engine's choice: only the kinds are asserted here)
    assert.deepEqual(edges(map).map((e) => e.replace(/ \w+$/, '')), ['packages/api -> postgres', 'packages/legacy-reports -> mysql']);
    assert.ok(locations(map, 'packages/api', 'postgres').includes('packages/api/src/server.ts:7 read query'), locations(map, 'packages/api', 'postgres').join('\n'));
    assert.deepEqual(locations(map, 'packages/legacy-reports', 'mysql'), ['packages/legacy-reports/src/report.ts:6 read query']);
  });

  test('nothing is analyzed twice through the loop, and nothing from the skipped files', () => {
    assert.ok(map, 'analysis did not run');
    const files = map.edges.flatMap((e) => e.locations.map((l) => l.file));
    assert.equal(files.some((f) => f.startsWith(`${loop}/`)), false);
    assert.equal(files.some((f) => f === big || f.endsWith('logo.ts')), false);
  });
});

describe('hostile-names: names with quotes, brackets, arrows, HTML, pipes, backticks and unicode', () => {
  const name = 'hostile-names';
  const quoted = 'packages/say "hi" [now]';
  const arrow = 'packages/a-->b %% click';
  const html = 'packages/<script>x';
  const pipe = 'packages/pipe|and`tick`';
  const uni = 'packages/ünïcødé-サービス-🚀';

  test('every package is a service, under its folder and its name, verbatim', () => {
    const map = mapOf(name);
    assert.deepEqual(services(map), [`${html} http-server`, `${arrow} http-server`, `${pipe} http-server`, `${quoted} http-server`, `${uni} frontend`].sort());
    assert.deepEqual(Object.fromEntries(map.services.map((s) => [s.id, s.name])), {
      [quoted]: '@evil/say "hi" [now] {x} (y)',
      [arrow]: 'a --> b %% click callback end',
      [html]: "<script>alert('x')</script><img src=x onerror=alert(1)>",
      [pipe]: 'pipe | and `tick` ; subgraph end',
      [uni]: 'ünïcødé サービス 🚀',
    });
  });

  test('their stores, hazards and claims are found as for any name', () => {
    const map = mapOf(name);
    assert.deepEqual(edges(map), [
      `${html} -> memory readwrite`, `${arrow} -> postgres write`, `${pipe} -> kafka write`, `${quoted} -> redis read`, `${uni} -> localStorage readwrite`,
    ].sort());
    assert.deepEqual(locations(map, pipe, 'kafka'), [`${pipe}/src/weird "file" [1].ts:6 write producer.send`]);
    assert.deepEqual(locations(map, uni, 'localStorage'), [`${uni}/src/設定.ts:4 read getItem`, `${uni}/src/設定.ts:8 write setItem`]);
    assert.deepEqual(hazards(map), [`module-mutable-state ${html}/src/index.ts:4`]);
    assert.equal(verdictLine(map, html), `stateless=true ${html}/README.md:3 readme · in-process-state · honest=false`);
    assert.equal(verdictLine(map, quoted), `stateless=true ${quoted}/README.md:3 readme · state-elsewhere · honest=true`);
    assert.deepEqual(map.problems, []);
  });

  test('Markdown: every table row has as many cells as its header (pipes escaped, even in code spans)', () => {
    const r = runCli(['analyze', fixture(name)]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    const cells = (line: string) => line.replace(/\\\|/g, '').split('|').length;
    let header = 0;
    const bad: string[] = [];
    for (const line of lines) {
      if (!line.startsWith('|')) {
        header = 0;
        continue;
      }
      if (header === 0) header = cells(line);
      else if (cells(line) !== header) bad.push(line);
    }
    assert.deepEqual(bad, []);
  });

  test('Markdown: no raw HTML outside code spans and the Mermaid block', () => {
    const r = runCli(['analyze', fixture(name)]);
    const prose = r.stdout.replace(/```mermaid[\s\S]*?```/g, '').replace(/(`+)[\s\S]*?\1/g, '');
    assert.doesNotMatch(prose, /(^|[^\\])<(script|img)\b/i);
    assert.ok(prose.includes("\\<script\\>alert('x')"), 'the name is shown, escaped');
  });
});

describe('nextjs-drizzle-actions: server actions check, then insert, through Drizzle', () => {
  const name = 'nextjs-drizzle-actions';

  test('every query names its table: `db.query.products`, `.from(invitations)`, `insert(users)`', () => {
    const map = mapOf(name);
    assert.deepEqual(edges(map), ['. -> cookie read', '. -> postgres readwrite']);
    const postgres = map.edges.find((e) => e.service === '.' && e.store.startsWith('postgres'));
    assert.deepEqual(postgres?.locations.map((l) => `${l.file}:${l.line} ${l.access} ${l.operation} ${l.target}`).sort(), [
      'src/app/api/products/route.ts:5 read select.from products',
      'src/lib/actions/checkout.ts:11 read query.carts.findFirst carts', 'src/lib/actions/checkout.ts:15 write insert orders',
      'src/lib/actions/checkout.ts:17 read query.products.findFirst products', 'src/lib/actions/checkout.ts:25 write update products',
      'src/lib/actions/checkout.ts:28 write update carts',
      'src/lib/actions/products.ts:15 write insert products', 'src/lib/actions/products.ts:19 read query.products.findFirst products',
      'src/lib/actions/products.ts:24 write insert products', 'src/lib/actions/products.ts:31 read query.products.findFirst products',
      'src/lib/actions/products.ts:38 write update products', 'src/lib/actions/products.ts:8 read query.products.findFirst products',
      'src/lib/actions/team.ts:10 read select.from invitations', 'src/lib/actions/team.ts:18 write insert invitations',
      'src/lib/actions/team.ts:23 read select.from users', 'src/lib/actions/team.ts:28 write insert users',
      'src/lib/actions/team.ts:33 read select.from favourites', 'src/lib/actions/team.ts:38 write insert favourites',
      'src/lib/actions/team.ts:42 read select.from followers', 'src/lib/actions/team.ts:45 write insert followers',
    ]);
  });

  test('a lookup, then an insert of what was looked for, races where the schema keeps nothing unique', () => {
    const races = mapOf(name).hazards.filter((h) => h.kind === 'check-then-act');
    // a plain server action, a rename checked against other products (the id it excludes is no lookup of the primary
    // key), and one a wrapper made in the 'use server' module; not the unique slug or email, the unique index of a
    // pair, or a composite primary key (of a table with row-level security)
    assert.deepEqual(races.filter((h) => !h.file.endsWith('checkout.ts')).map((h) => `${h.file}:${h.line} ${h.confidence}`), [
      'src/lib/actions/products.ts:15 high', 'src/lib/actions/products.ts:38 high', 'src/lib/actions/team.ts:18 high',
    ]);
    assert.match(races.find((h) => h.file.endsWith('team.ts'))?.evidence?.[0]?.what ?? '', /callback given to `validatedAction` in a 'use server' module/);
  });

  test('a checkout that places an order for an open cart, then closes it, races; so does stock computed, tested and written back', () => {
    const races = mapOf(name).hazards.filter((h) => h.file.endsWith('checkout.ts'));
    // the stock left is computed from the product and the item, and tested; the cart is closed where its payment
    // matches, which tests nothing about it being open
    assert.deepEqual(races.map((h) => `${h.kind} ${h.line} ${h.confidence}`), ['check-then-act 25 high', 'check-then-act 28 high']);
    assert.match(races[0].message, /`product` is read at line 17/);
    assert.match(races[1].message, /`cart` is read at line 11/);
  });
});

describe('kysely-signup-unique: lookups then inserts, against what the migrations keep unique', () => {
  const name = 'kysely-signup-unique';

  test('races only where the schema keeps the looked-up key unique nowhere', () => {
    const races = mapOf(name).hazards.filter((h) => h.kind === 'check-then-act');
    // not /register (accounts.email unique()), /workspaces (a raw SQL unique index on slug) or /join (a unique
    // constraint on the pair); the invite and the rename (another workspace than this one by name) race
    assert.deepEqual(races.map((h) => `${h.file}:${h.line} ${h.confidence}`), ['src/routes/workspaces.ts:37 high', 'src/routes/workspaces.ts:49 high']);
    assert.match(races[0].message, /`pending` is read at line 33/);
    assert.match(races[1].message, /`clash` is read at line 45/);
  });

  test('the migrations are tooling, the API one service on Postgres; no problems', () => {
    const map = mapOf(name);
    assert.deepEqual(edges(map), ['. -> postgres readwrite']);
    assert.deepEqual(map.problems, []);
  });
});

describe('knex-status-pages: lookups through helpers of the same file, against a knex table that keeps a camelCase column unique', () => {
  const name = 'knex-status-pages';

  test('the incident lookup, then its insert through a helper, races; the page whose URL the table keeps unique does not', () => {
    const races = mapOf(name).hazards.filter((h) => h.kind === 'check-then-act');
    // `statusUrl` is `.unique()` in src/tables/status_page.js; `incidentTitle` is unique nowhere
    assert.deepEqual(races.map((h) => `${h.file}:${h.line} ${h.confidence}`), ['src/pages.js:22 high']);
    assert.match(races[0].message, /`open` is read at line 20/);
  });
});

describe('cjs-self-exports: a controller object whose functions are hung on it after it is made, then exported whole', () => {
  const name = 'cjs-self-exports';

  test("the route's calls reach the functions hung on the object: a lookup by name, then an insert, race", () => {
    const map = mapOf(name);
    const races = map.hazards.filter((h) => h.kind === 'check-then-act');
    assert.deepEqual(races.map((h) => `${h.file}:${h.line} ${h.confidence}`), ['server.js:11 high']);
    assert.match(races[0].message, /`existing` is read at line 9/);
    assert.deepEqual(edges(map), ['. -> postgres readwrite']);
  });
});

describe("sveltekit-lib-alias: a SvelteKit app whose routes import its database through `$lib`", () => {
  const name = 'sveltekit-lib-alias';

  test('`$lib/server/db` is src/lib/server/db.ts without the generated .svelte-kit/tsconfig.json: the routes read and write PostgreSQL', () => {
    const map = mapOf(name);
    assert.deepEqual(edges(map), ['. -> postgres readwrite']);
    assert.deepEqual(locations(map, '.', 'postgres'), ['src/routes/api/links/+server.ts:6 read select.from', 'src/routes/api/links/+server.ts:10 write insert']);
    assert.deepEqual(map.problems, []);
  });
});

describe('typeorm-env-helper: the dialect read through an env helper (`getOsEnv(key)`), merged into the loaded options', () => {
  const name = 'typeorm-env-helper';

  test("`type: env.db.type`, with `db: { type: getOsEnv('TYPEORM_CONNECTION') }` and the example env file's `postgres`, is PostgreSQL", () => {
    // the package lists pg, mysql and sqlite3: only the example env file's value, followed through the helper, decides
    const map = mapOf(name);
    assert.deepEqual(edges(map), ['. -> postgres read']);
    assert.deepEqual(map.problems, []);
  });
});

describe('fastify-registered-plugins: clients a Fastify plugin hangs on the instance, the plugins gathered in one module', () => {
  const name = 'fastify-registered-plugins';

  test('`fastify.redis` and `fastify.mongo.db` of the registered @fastify/redis and @fastify/mongodb reach Redis and MongoDB', () => {
    const map = mapOf(name);
    assert.deepEqual(edges(map), ['. -> cookie readwrite', '. -> memory readwrite', '. -> mongodb readwrite', '. -> redis readwrite']);
    assert.deepEqual(locations(map, '.', 'redis'), ['routes/listings.js:8 read get', 'routes/listings.js:11 write set']);
    assert.deepEqual(locations(map, '.', 'mongodb'), ['routes/listings.js:10 read db.collection.findOne', 'routes/listings.js:16 write db.collection.insertOne']);
    assert.deepEqual(map.problems, []);
  });

  test('@fastify/session registered with no store, through `const { fastifySession } = plugins`, keeps sessions in the process', () => {
    const map = mapOf(name);
    assert.deepEqual(map.hazards.map((h) => `${h.kind} ${h.file}:${h.line}`), ['memory-session-store server.js:14']);
  });
});

describe('shared-kysely-two-databases: one package of queries, run on SQLite by the desktop and web apps and on Postgres by the server', () => {
  const name = 'shared-kysely-two-databases';

  test("each app's calls into the shared queries touch the database that app opens", () => {
    const map = mapOf(name);
    assert.deepEqual(edges(map), [
      'apps/desktop -> sqlite readwrite', 'apps/server -> postgres readwrite', 'apps/web -> sqlite readwrite', 'packages/notes -> sql readwrite',
    ]);
    assert.deepEqual(locations(map, 'apps/desktop', 'sqlite'), [
      'apps/desktop/src/main.ts:9 write saveNote() → insertInto', 'apps/desktop/src/main.ts:10 read listNotes() → selectFrom',
    ]);
    assert.deepEqual(locations(map, 'apps/server', 'postgres'), [
      'apps/server/src/server.ts:10 write saveNote() → insertInto', 'apps/server/src/server.ts:11 read listNotes() → selectFrom',
    ]);
    // the web app's dialect is a class of its own, named for what it opens (`new SqliteWasmDialect(…)`)
    // and its own query typed only by the schema (`db: Kysely<NotesDb>`) runs on that database too
    assert.deepEqual(locations(map, 'apps/web', 'sqlite'), [
      'apps/web/src/main.ts:10 write saveNote() → insertInto', 'apps/web/src/main.ts:11 read listNotes() → selectFrom', 'apps/web/src/stats.ts:6 read selectFrom',
    ]);
    assert.deepEqual(map.problems, []);
  });
});

describe('spa-vite-build-config: a React SPA whose Vite config writes a file when the app is built', () => {
  const name = 'spa-vite-build-config';

  test("the config's file writes are build time (tooling); the app keeps its state in the browser", () => {
    const map = mapOf(name);
    assert.deepEqual(services(map), ['. frontend']);
    const fsEdge = map.edges.find((e) => e.store === 'filesystem');
    assert.equal(fsEdge?.scope, 'tooling');
    assert.deepEqual(fsEdge?.locations.map((l) => `${l.file}:${l.line} ${l.scope}`), ['vite.config.ts:7 tooling', 'vite.config.ts:8 tooling']);
    assert.deepEqual(locations(map, '.', 'localStorage'), ['src/main.tsx:4 read getItem', 'src/main.tsx:5 write setItem']);
    assert.equal(verdictLine(map, '.'), 'stateless=null · state-elsewhere · honest=null');
  });
});

describe('sails-kanban-server: a Sails.js API whose controllers, helpers and models the framework loads by folder', () => {
  const name = 'sails-kanban-server';

  test('what starts it: app.js, and api/ and config/ by convention', () => {
    assert.deepEqual(service(mapOf(name), '.').entries, [
      { path: 'app.js', from: 'package.json main/exports' }, { path: '{api,config}/**', from: 'Sails.js api/ and config/' },
    ]);
  });

  test("the models' globals reach Postgres (the adapter it installs), the helper signs a JWT; the seed script is tooling", () => {
    const map = mapOf(name);
    assert.deepEqual(edges(map), ['. -> filesystem write', '. -> jwt write', '. -> postgres readwrite']);
    assert.deepEqual(locations(map, '.', 'postgres'), [
      'api/controllers/cards/create.js:8 read Card.count', 'api/controllers/cards/create.js:9 write Card.create',
      'api/helpers/utils/create-token.js:9 read User.findOne', 'api/helpers/utils/create-token.js:10 read sendNativeQuery',
    ]);
    assert.equal(map.edges.find((e) => e.store === 'filesystem')?.scope, 'tooling');
    assert.equal(verdictLine(map, '.'), 'stateless=null · state-elsewhere · honest=null');
    assert.deepEqual(map.problems, []);
  });
});

describe('nest-cli-monorepo: two Nest applications and a library in one package, as nest-cli.json lists them', () => {
  const name = 'nest-cli-monorepo';

  test('each application is a service started from its entryFile; the library is a library', () => {
    const map = mapOf(name);
    assert.deepEqual(services(map), ['apps/gateway http-server', 'apps/orders http-server', 'libs/shared library']);
    assert.deepEqual(service(map, 'apps/orders').entries, [{ path: 'apps/orders/src/bootstrap.ts', from: 'nest-cli.json projects' }]);
  });

  test("only the gateway mounts the library's Redis sessions; both reach its MongoDB orders", () => {
    const map = mapOf(name);
    const of = (root: string) => edges(map).filter((e) => e.startsWith(`${root} `));
    assert.deepEqual(of('apps/gateway'), ['apps/gateway -> cookie readwrite', 'apps/gateway -> mongodb readwrite', 'apps/gateway -> redis readwrite']);
    assert.deepEqual(of('apps/orders'), ['apps/orders -> mongodb readwrite'], "a barrel's other `export *` files load, but their functions are not what was imported");
  });

  test("a client the catalog does not model is said once, at the package.json that lists it (the applications have none of their own)", () => {
    assert.deepEqual(mapOf(name).problems, [{ file: 'package.json', message: 'uses etcd3 (1 place), not modelled: the map may miss its state' }]);
  });
});

describe('typeorm-sql-migrations: TypeORM entities whose unique columns only a `.sql` migration declares', () => {
  const name = 'typeorm-sql-migrations';

  test("a lookup by e-mail, then `save(create({ … }))`, is refused by the migration's UNIQUE (\"email\") on the entity's default table", () => {
    // `@Entity()` class MemberAccount is TypeORM's table member_account, which db/migrations/001_init.sql keeps unique by email
    const races = mapOf(name).hazards.filter((h) => h.kind === 'check-then-act');
    assert.ok(!races.some((h) => h.line === 13), races.map((h) => `${h.file}:${h.line}`).join(', '));
  });

  test('a referral code looked up, then made with `create` and saved, races: the migration only indexes the code', () => {
    const map = mapOf(name);
    const races = map.hazards.filter((h) => h.kind === 'check-then-act');
    assert.deepEqual(races.map((h) => `${h.file}:${h.line} ${h.confidence}`), ['src/server.ts:22 high']);
    assert.match(races[0].message, /`taken` is read at line 19/);
    assert.deepEqual(edges(map), ['. -> postgres readwrite']);
    assert.deepEqual(map.problems, []);
  });
});

describe('webpack-client-package: a server beside a package whose only script bundles page scripts with webpack', () => {
  const name = 'webpack-client-package';

  test('the client package, which nothing starts and webpack bundles for the pages, is the browser app (frontend)', () => {
    const map = mapOf(name);
    assert.deepEqual(services(map), ['. http-server', 'client frontend']);
    assert.equal(verdictLine(map, 'client'), 'stateless=null · stateless · honest=null');
    // what the page scripts keep (the open lightbox, the last forecast) is each user's page state, not a replica's
    assert.deepEqual(hazards(map), []);
    assert.deepEqual(edges(map), ['. -> postgres read', 'client -> http-api read']);
  });
});

describe('script-built-units: a package whose scripts start its web server and its jobs from the tsc output folder `built/`', () => {
  const name = 'script-built-units';

  test('`node ./built/web/index.js` and `node ./built/jobs/index.js` are units of web/ and jobs/ (tsconfig outDir, no rootDir)', () => {
    const map = mapOf(name);
    assert.deepEqual(services(map), ['. library', 'jobs worker', 'web http-server']);
    assert.deepEqual(service(map, 'web').entries?.map((e) => e.path), ['web/index.ts']);
    assert.deepEqual(service(map, 'jobs').entries?.map((e) => e.path), ['jobs/index.ts']);
  });

  test("the course cache in the package's shared code is the web unit's hazard, the one unit that fills it; not the package's, nor the jobs'", () => {
    const map = mapOf(name);
    assert.deepEqual(map.hazards.map((h) => `${h.service} ${h.kind} ${h.file}:${h.line}`), ['web in-memory-cache common/courses.ts:4']);
    assert.equal(verdictLine(map, 'web'), 'stateless=null · in-process-state · honest=null');
    assert.equal(verdictLine(map, 'jobs'), 'stateless=null · state-elsewhere · honest=null');
    assert.deepEqual(map.problems, []);
  });
});

describe('trpc-carpool-requests: tRPC procedures built on an imported builder (`protectedRouter = procedure.use(isProtected)`)', () => {
  const name = 'trpc-carpool-requests';

  test("a resolver given to `.mutation` of the imported builder runs per request: the seat check, then the decrement, races at high confidence", () => {
    const races = mapOf(name).hazards.filter((h) => h.kind === 'check-then-act');
    const seat = races.find((h) => h.file === 'src/server/router/groups.ts');
    assert.equal(`${seat?.line} ${seat?.confidence}`, '13 high');
    assert.match(seat!.message, /`driver` is read at line 9/);
  });

  test('a `findMany` whose emptiness is tested, then a create of the pair it looked for, races (the pair is unique nowhere); a list only returned does not', () => {
    const map = mapOf(name);
    const races = map.hazards.filter((h) => h.kind === 'check-then-act').map((h) => `${h.file}:${h.line} ${h.confidence}`);
    assert.deepEqual(races, ['src/server/router/groups.ts:13 high', 'src/server/router/requests.ts:15 high']);
    assert.deepEqual(services(map), ['. http-server']);
    assert.deepEqual(map.problems, []);
  });
});

describe('timer-saves-given-records: an hourly job that hands each user it read to a service that changes and saves it', () => {
  const name = 'timer-saves-given-records';

  test("the timer reaches `expireLevel` through the service's default-exported object, which saves the user it is given: every replica does it", () => {
    const map = mapOf(name);
    assert.deepEqual(map.hazards.map((h) => `${h.kind} ${h.file}:${h.line}`), ['per-replica-timer src/tasks/levelTask.js:5']);
    assert.deepEqual(map.hazards[0].evidence?.map((e) => `${e.file}:${e.line} ${e.what}`), [
      'src/tasks/levelTask.js:5 the timer: every replica runs it',
      'src/services/customerService.js:14 calls `expireLevel` (src/services/customerService.js)',
      'src/services/customerService.js:18 saves the record it is given (`user.save()`)',
    ]);
    assert.deepEqual(map.problems, []);
  });
});

describe('router-factory-locals: a routes module that builds its router in the function it exports, called once by the server', () => {
  const name = 'router-factory-locals';

  test("a local of that function the route handlers change (`driverLocations[id] = …`) lives as long as the process: each replica keeps its own", () => {
    const map = mapOf(name);
    const h = map.hazards.find((x) => x.file === 'routes/drivers.js');
    assert.equal(`${h?.kind} ${h?.line} ${h?.confidence}`, 'in-memory-cache 12 high');
    assert.match(h!.message, /^`driverLocations` \(an object made in a function, which runs once at start-up, and kept by the functions made in it\) is changed by the callback given to `post` \(line 17\)/);
    assert.equal(verdictLine(map, '.'), 'stateless=null · in-process-state · honest=null');
  });
});

describe('in-flight-fetches: a map of photo downloads running now, each removed when its promise settles', () => {
  const name = 'in-flight-fetches';

  test('it shares a running fetch with concurrent callers and keeps nothing: a low-confidence note, not a hazard of the map', () => {
    const map = mapOf(name);
    assert.deepEqual(hazards(map), []);
    const note = map.lowConfidenceHazards?.find((h) => h.file === 'src/photos.js' && h.line === 2);
    assert.ok(note, JSON.stringify(map.lowConfidenceHazards));
    assert.equal(note.evidence?.at(-1)?.what, '`inFlight` holds work in flight: each entry is removed when its promise settles');
  });
});

describe('compiled-in-place: a TypeScript project built in place, its .js output committed beside each .ts', () => {
  const name = 'compiled-in-place';

  test("the .ts is the code: the start command's `bin/www.js` is `bin/www.ts`, and the bylaw list requests replace is one report, in the .ts", () => {
    const map = mapOf(name);
    assert.deepEqual(service(map, '.').entries?.map((e) => e.path), ['bin/www.ts']);
    assert.deepEqual([...map.hazards, ...(map.lowConfidenceHazards ?? [])].map((h) => `${h.kind} ${h.file}:${h.line}`), ['module-mutable-state helpers/bylawCache.ts:1']);
    assert.deepEqual(map.problems, []);
  });
});

describe('passport-lockout: a login lockout counted on the user record, in a passport strategy made while the app starts', () => {
  const name = 'passport-lockout';

  test("the strategy's verify callback runs per login, not at start-up: the lockout check, then the counter saved, races", () => {
    const map = mapOf(name);
    assert.deepEqual(map.hazards.map((h) => `${h.kind} ${h.file}:${h.line} ${h.confidence}`), ['check-then-act src/config/passport.js:17 high']);
    assert.match(map.hazards[0].message, /`user` is read at line 8/);
    assert.deepEqual(map.problems, []);
  });
});

describe('token-deny-list: revoked tokens kept in a prototype-less object of the module', () => {
  const name = 'token-deny-list';

  test('`Object.create(null)` is a dictionary the sign-out handler adds to: each replica keeps its own deny list', () => {
    const map = mapOf(name);
    assert.deepEqual(map.hazards.map((h) => `${h.kind} ${h.file}:${h.line} ${h.confidence}`), ['in-memory-cache src/denyList.js:2 high']);
    assert.match(map.hazards[0].message, /`revoked` \(an object at module level\)/);
    assert.deepEqual(map.problems, []);
  });
});

describe('croner-with-options: a croner job given options before its callback', () => {
  const name = 'croner-with-options';

  test('`new Cron(pattern, { protect: true }, fn)` runs its callback on every replica: a per-replica timer whose writes race', () => {
    const map = mapOf(name);
    assert.deepEqual(map.hazards.map((h) => `${h.kind} ${h.file}:${h.line}`), ['per-replica-timer src/jobs/refresh.ts:5']);
    assert.deepEqual(map.problems, []);
  });
});

describe('sveltekit-hooks-limiter: a rate limiter chained into SvelteKit\'s `handle` with `sequence`', () => {
  const name = 'sveltekit-hooks-limiter';

  test('the handlers given to `sequence` run per request: the module-level Map of counters is a per-replica rate limit', () => {
    const map = mapOf(name);
    assert.deepEqual(map.hazards.map((h) => `${h.kind} ${h.file}:${h.line} ${h.confidence}`), ['memory-rate-limit src/hooks.server.ts:4 high']);
    assert.deepEqual(map.problems, []);
  });
});

describe('lambda-bundle-functions: Lambda functions in folders of their own, bundled by a build script that calls esbuild', () => {
  const name = 'lambda-bundle-functions';

  test("each folder of the build script's entry points is a function of its own, with only the stores its code reaches", () => {
    const map = mapOf(name);
    assert.deepEqual(services(map).filter((s) => s !== '. library'), ['src/orders lambda', 'src/reports lambda']);
    assert.deepEqual(service(map, 'src/reports').entries?.map((e) => e.path), ['src/reports/handlers/daily.ts', 'src/reports/handlers/monthly.ts']);
    assert.match(service(map, 'src/orders').entries?.[0]?.from ?? '', /^build\.js: esbuild entryPoints$/);
    assert.deepEqual(edges(map).filter((e) => e.startsWith('src/')), ['src/orders -> dynamodb write', 'src/reports -> s3 read']);
    // the package starts nothing of its own: a script beside the functions that none of them loads is tooling
    assert.deepEqual([...map.hazards, ...(map.lowConfidenceHazards ?? [])].map((h) => `${h.kind} ${h.file}:${h.line} ${h.scope}`), ['local-file-write scripts/export-orders.js:7 tooling']);
    assert.deepEqual(map.problems, []);
  });
});

describe('timer-instance-method: a timer that saves through a method of a service instance made at module level', () => {
  const name = 'timer-instance-method';

  test('`contractService.saveContractDetails()` of `new ContractService()`, a class its module exports whole: the timer reaches the write, so every replica runs it', () => {
    const map = mapOf(name);
    const timer = map.hazards.find((h) => h.kind === 'per-replica-timer');
    assert.equal(timer && `${timer.file}:${timer.line}`, 'src/helpers.js:4');
    assert.deepEqual(timer?.evidence?.map((e) => `${e.file}:${e.line}`), ['src/helpers.js:4', 'src/contract.service.js:3', 'src/config.repository.js:2', 'src/config.repository.js:4']);
    assert.equal(timer?.evidence?.[1]?.what, 'calls `saveContractDetails` (src/contract.service.js)');
    assert.deepEqual(map.problems, []);
  });
});

describe('this-of-wrapper-object: clients made on first use and kept on a module-level object, reached through `this`', () => {
  const name = 'this-of-wrapper-object';

  test('`this` in a function assigned to (or bound to) an object, and in a method of an object literal, is that object: its clients are found', () => {
    const map = mapOf(name);
    assert.deepEqual(edges(map), ['. -> elasticsearch read', '. -> redis write']);
    assert.deepEqual(locations(map, '.', 'elasticsearch'), ['lib/search.js:14 read search']);
    assert.deepEqual(locations(map, '.', 'redis'), ['lib/holds.js:10 write set']);
    assert.deepEqual(map.problems, []);
  });
});

describe('pm2-ecosystem: a service started by pm2 from its process file', () => {
  const name = 'pm2-ecosystem';

  test('`pm2-runtime start ecosystem.config.js` runs the `script` the file names: that is the entry, and its closure the runtime code', () => {
    const map = mapOf(name);
    assert.deepEqual(service(map, '.').entries?.map((e) => e.path), ['src/server.js']);
    assert.match(service(map, '.').entries?.[0]?.from ?? '', /ecosystem\.config\.js: script src\/server\.js$/);
    assert.deepEqual(map.hazards.map((h) => `${h.kind} ${h.file}:${h.line} ${h.scope}`), ['memory-session-store src/sessions.js:2 runtime']);
    assert.deepEqual(map.problems, []);
  });
});

describe('cache-chosen-at-load: a module that exports one of two cache factories, chosen while it loads', () => {
  const name = 'cache-chosen-at-load';

  test('`module.exports = redis ? redisCache : memoryCache`: a call of the module calls either, so the in-memory cache a route fills is state', () => {
    const map = mapOf(name);
    assert.deepEqual(map.hazards.map((h) => `${h.kind} ${h.file}:${h.line} ${h.confidence ?? ''}`), ['in-memory-cache services/cache.js:4 high']);
    assert.ok(map.hazards[0].evidence?.some((e) => e.file === 'server.js'), JSON.stringify(map.hazards[0].evidence));
    assert.deepEqual(map.problems, []);
  });
});

describe('instance-fields-places: the one instance of a class, made at module level, whose fields requests change', () => {
  const name = 'instance-fields-places';

  test('one report where the instance is kept, with each field that messages change as a place of it', () => {
    const map = mapOf(name);
    const state = map.hazards.filter((h) => h.kind === 'module-mutable-state');
    assert.deepEqual(state.map((h) => `${h.file}:${h.line}`), ['src/index.ts:5']);
    assert.deepEqual(state[0].also?.map((a) => `${a.file}:${a.line}`), ['src/ClientManager.ts:10', 'src/ClientManager.ts:11']);
    assert.deepEqual(map.problems, []);
  });
});
