// A service is what runs: the import closure of what starts it. Code in no closure (release scripts,
// bundler configs, seeds) is tooling: kept in the JSON with scope 'tooling', out of the map and verdicts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderMarkdown } from '../../../src/render/markdown';
import { renderMermaid } from '../../../src/render/fit';
import { checkMap } from '../../../src/cli/check';
import { analyzeFiles } from '../../helpers/workspace';

const pkg = (scripts: Record<string, string>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ name: 'api', version: '1.0.0', dependencies: { express: '^4' }, scripts, ...extra });

const SERVER = `import express from 'express';
import { handler } from './routes';
const app = express();
app.get('/', handler);
app.listen(3000);
`;
const ROUTES = `export function handler(req: any, res: any) { res.send('ok'); }\n`;
// a release script: writes the changelog to disk and keeps a module-level cache, each time a message asks
// (what only runs while the module loads is start-up, not a hazard wherever it runs)
const RELEASE = `import fs from 'node:fs';
const seen = new Map<string, number>();
export function note(v: string) { seen.set(v, Date.now()); fs.writeFileSync('CHANGELOG.md', v); }
process.on('message', (m: string) => note(m));
`;
// a bundler config with module state changed by a plugin hook
const VITE = `const built: string[] = [];
export default { plugins: [{ name: 'x', transform(code: string, id: string) { built.push(id); return code; } }] };
`;

/** Hazards and low-confidence notes of a file: scope is what is tested here, not how sure a report is. */
// module state a route changes: a hazard wherever it runs in a service
const STATE = `import express from 'express';
const hits = new Set<string>();
export const router = express.Router();
router.get('/hit', (req: any, res: any) => { hits.add(req.path); res.end(String(hits.size)); });
`;

function hazardsAt(map: ReturnType<typeof analyzeFiles>, file: string) {
  return [...map.hazards, ...(map.lowConfidenceHazards ?? [])].filter((h) => h.file === file);
}

describe('runtime scope: entries and their import closure', () => {
  // invalid: code a service runs (imported by its start script's file) is reported
  // valid: the same code where nothing the service runs imports it is tooling
  const cases: Array<{ name: string; files: Record<string, string>; runtime: string[]; tooling: string[] }> = [
    {
      name: 'a release script and a vite config next to a server started by `node dist/server.js`',
      files: { 'package.json': pkg({ start: 'node dist/server.js', release: 'node scripts/release.js' }), 'src/server.ts': SERVER, 'src/routes.ts': ROUTES, 'scripts/release.ts': RELEASE, 'vite.config.ts': VITE },
      runtime: [], tooling: ['scripts/release.ts', 'vite.config.ts'],
    },
    {
      name: 'the same script imported from the server entry',
      files: { 'package.json': pkg({ start: 'tsx src/server.ts' }), 'src/server.ts': `import './release-notes';\n${SERVER}`, 'src/routes.ts': ROUTES, 'src/release-notes.ts': RELEASE },
      runtime: ['src/release-notes.ts'], tooling: [],
    },
    {
      name: 'module state in a file the Dockerfile CMD starts',
      files: { 'package.json': pkg({}), Dockerfile: 'FROM node:20\nCOPY . .\nCMD ["node", "build/index.js"]\n', 'src/index.ts': `${SERVER}import './cfg';\n`, 'src/routes.ts': ROUTES, 'src/cfg.ts': STATE, 'tools/gen.ts': RELEASE },
      runtime: ['src/cfg.ts'], tooling: ['tools/gen.ts'],
    },
    {
      name: 'a Procfile web process, through `npm run serve`',
      files: { 'package.json': pkg({ serve: 'cross-env NODE_ENV=production ts-node --transpile-only app/main.ts' }), Procfile: 'web: npm run serve\n', 'app/main.ts': `import './state';\n${SERVER}`, 'app/routes.ts': ROUTES, 'app/state.ts': STATE, 'bin/gen.ts': RELEASE },
      runtime: ['app/state.ts'], tooling: ['bin/gen.ts'],
    },
    {
      name: 'a server in a sub-folder started by `cd backend && node server.js`, beside a browser app the package names as main',
      files: {
        'package.json': pkg({ start: 'cd backend && node server.js', build: 'vite build' }, { main: 'src/index.jsx' }),
        'src/index.jsx': 'import React from "react";\nexport const App = () => null;\n',
        'backend/server.js': "const express = require('express');\nrequire('./state');\nconst app = express();\napp.listen(3000);\n",
        'backend/state.js': "const express = require('express');\nconst hits = new Set();\nconst router = express.Router();\nrouter.get('/hit', (req, res) => { hits.add(req.path); res.end(String(hits.size)); });\nmodule.exports = router;\n",
        'scripts/release.js': "const fs = require('fs');\nconst seen = new Map();\nfunction note(v) { seen.set(v, Date.now()); fs.writeFileSync('CHANGELOG.md', v); }\nprocess.on('message', (m) => note(m));\n",
      },
      runtime: ['backend/state.js'], tooling: ['scripts/release.js'],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const map = analyzeFiles(c.files);
      for (const file of c.runtime) {
        const hz = hazardsAt(map, file);
        assert.ok(hz.length > 0, `${file}: a hazard is reported`);
        assert.ok(hz.every((h) => h.scope === 'runtime'), `${file}: runtime`);
        assert.ok(renderMarkdown(map).split('## Tooling')[0].includes(file), `${file} is in the service's section`);
      }
      for (const file of c.tooling) {
        const hz = hazardsAt(map, file);
        assert.ok(hz.length > 0, `${file}: its hazards stay in the JSON`);
        assert.ok(hz.every((h) => h.scope === 'tooling'), `${file}: tooling`);
        for (const e of map.edges) for (const l of e.locations) if (l.file === file) assert.equal(l.scope, 'tooling');
        const md = renderMarkdown(map);
        assert.ok(md.includes('## Tooling') && !md.split('## Tooling')[0].includes(file), `${file} is listed under Tooling only`);
        assert.ok(!renderMermaid(map).includes('Local disk') || c.runtime.length > 0, 'no disk edge drawn for tooling');
      }
      if (c.runtime.length === 0) {
        assert.equal(map.services[0].verdict, 'stateless', 'tooling does not make the service stateful');
        assert.equal(checkMap(map, ['hazard']).failed, false, 'check ignores tooling');
        assert.ok(map.edges.every((e) => e.store !== 'filesystem' || e.scope === 'tooling'));
      }
      assert.ok((map.services[0].entries ?? []).length > 0, 'the entry is listed');
      assert.ok(!map.problems.some((p) => /no runtime entry/.test(p.message)));
    });
  }

  test('the entry names the source of a built start file and what named it', () => {
    const map = analyzeFiles({ 'package.json': pkg({ start: 'node dist/server.js' }), 'src/server.ts': SERVER, 'src/routes.ts': ROUTES });
    assert.deepEqual(map.services[0].entries, [{ path: 'src/server.ts', from: 'package.json scripts.start: node dist/server.js' }]);
  });

  test('Next.js: routes and what they import run; next.config does not', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'web', dependencies: { next: '15' }, scripts: { start: 'next start' } }),
      'app/api/hit/route.ts': `import { bump } from '../../../lib/counter';\nexport async function GET() { bump(); return new Response('ok'); }\n`,
      'lib/counter.ts': `const hits = new Map<string, number>();\nexport function bump() { hits.set('a', (hits.get('a') ?? 0) + 1); }\n`,
      'next.config.ts': `const seen: string[] = [];\nexport default { webpack(config: any, ctx: any) { seen.push(ctx.buildId); return config; } };\n`,
    });
    assert.ok(hazardsAt(map, 'lib/counter.ts').some((h) => h.scope === 'runtime'));
    assert.ok(hazardsAt(map, 'next.config.ts').every((h) => h.scope === 'tooling'));
  });

  test('a worker forked by file name and a plugin loaded by a computed path stay runtime', () => {
    const map = analyzeFiles({
      'package.json': pkg({ start: 'tsx index.ts' }),
      'index.ts': `import { fork } from 'node:child_process';\nimport './server/app';\nfork('worker.ts');\n`,
      'worker.ts': RELEASE,
      'server/app.ts': `import './core';\n${SERVER.replace("'./routes'", "'./routes'")}`,
      'server/core.ts': `const name = process.env.STORE ?? 'disk';\nrequire('./modules/' + name);\n`,
      'server/routes.ts': ROUTES,
      'server/modules/disk.ts': RELEASE,
    });
    assert.ok(hazardsAt(map, 'worker.ts').length > 0 && hazardsAt(map, 'worker.ts').every((h) => h.scope === 'runtime'));
    assert.ok(hazardsAt(map, 'server/modules/disk.ts').length > 0 && hazardsAt(map, 'server/modules/disk.ts').every((h) => h.scope === 'runtime'));
  });

  test('a file a tool script of the package runs (`"generate": "tsx ./src/openapi/generate.ts"`) is tooling, in a folder beside runtime code too (llmgateway, set 26)', () => {
    const map = analyzeFiles({
      'package.json': pkg({ start: 'node dist/server.js', generate: 'tsx ./src/openapi/generate.ts' }),
      'src/server.ts': SERVER,
      'src/routes.ts': ROUTES,
      'src/openapi/generate.ts': RELEASE,
      'src/openapi/reindex.ts': RELEASE,
    });
    assert.ok(hazardsAt(map, 'src/openapi/generate.ts').length > 0 && hazardsAt(map, 'src/openapi/generate.ts').every((h) => h.scope === 'tooling'));
    // a module no script names still counts where runtime code sits (it may be loaded by a computed path)
    assert.ok(hazardsAt(map, 'src/openapi/reindex.ts').length > 0 && hazardsAt(map, 'src/openapi/reindex.ts').every((h) => h.scope === 'runtime'));
  });

  test('a workspace root with no entry of its own: its scripts are tooling, its packages run', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*'], scripts: { start: 'cd packages/api && node dist/server.js', 'build:geo': 'tsx scripts/build-geo.ts' } }),
      'scripts/build-geo.ts': RELEASE,
      'packages/api/package.json': pkg({ start: 'node dist/server.js' }),
      'packages/api/src/server.ts': `import './state';\n${SERVER}`,
      'packages/api/src/routes.ts': ROUTES,
      'packages/api/src/state.ts': STATE,
    });
    assert.ok(hazardsAt(map, 'scripts/build-geo.ts').length > 0 && hazardsAt(map, 'scripts/build-geo.ts').every((h) => h.scope === 'tooling'));
    assert.ok(hazardsAt(map, 'packages/api/src/state.ts').some((h) => h.scope === 'runtime'));
    assert.ok(!map.problems.some((p) => /no runtime entry found for service mono/.test(p.message)));
  });

  test('no entry found: every file counts, and problems say so once', () => {
    const map = analyzeFiles({ 'package.json': JSON.stringify({ name: 'api', dependencies: { express: '4' }, scripts: { start: './run.sh' } }), 'src/a.ts': SERVER, 'src/routes.ts': ROUTES, 'scripts-x/gen.ts': RELEASE });
    assert.ok(hazardsAt(map, 'scripts-x/gen.ts').every((h) => h.scope === 'runtime') && hazardsAt(map, 'scripts-x/gen.ts').length > 0);
    assert.deepEqual(map.problems.filter((p) => /no runtime entry/.test(p.message)), [{ file: '.', message: 'no runtime entry found for service api: all its files count' }]);
  });
});

describe('samples beside the project', () => {
  const DEMO_SERVER = [
    "import express from 'express';",
    'const streams: Record<string, string> = {};',
    'const app = express();',
    "app.post('/streams/:id', (req, res) => { streams[req.params.id] = req.body.url; res.json(Object.keys(streams)); });",
    'app.listen(9000);',
  ].join('\n') + '\n';

  test('a package under demo/ or examples/ is a sample: its code is tooling, out of the map and verdicts', () => {
    const map = analyzeFiles({
      'package.json': pkg({ start: 'node src/server.js' }),
      'src/server.ts': SERVER,
      'src/routes.ts': ROUTES,
      'rtmp/demo/server/package.json': JSON.stringify({ name: 'rtmp-demo-server', main: 'server.ts', dependencies: { express: '^4' } }),
      'rtmp/demo/server/server.ts': DEMO_SERVER,
      'examples/next/package.json': JSON.stringify({ name: 'example-next', scripts: { start: 'node server.js' }, dependencies: { express: '^4' } }),
      'examples/next/server.ts': DEMO_SERVER,
    });
    const demo = map.hazards.filter((h) => h.file.startsWith('rtmp/demo/') || h.file.startsWith('examples/'));
    assert.equal(demo.length, 2, JSON.stringify(map.hazards));
    assert.ok(demo.every((h) => h.scope === 'tooling'), JSON.stringify(demo));
    for (const id of ['rtmp/demo/server', 'examples/next']) {
      const s = map.services.find((x) => x.id === id);
      assert.equal(s?.verdict, 'stateless', id);
      assert.deepEqual(s?.entries, []);
    }
    assert.ok(!map.problems.some((p) => /no runtime entry/.test(p.message)), JSON.stringify(map.problems));
  });

  /** A package named `name` that starts a server. */
  const api = (name: string) => JSON.stringify({ name, scripts: { start: 'node server.js' }, dependencies: { express: '^4' } });

  test('side-by-side copies of a package (same name) are samples; the copy alone in its folder is the service', () => {
    const map = analyzeFiles({
      'saas/api/package.json': api('saas-api'),
      'saas/api/server.ts': DEMO_SERVER,
      'book/3-end/api/package.json': api('saas-api'),
      'book/3-end/api/server.ts': DEMO_SERVER,
      'book/4-end/api/package.json': api('saas-api'),
      'book/4-end/api/server.ts': DEMO_SERVER,
    });
    assert.deepEqual(map.hazards.map((h) => `${h.file} ${h.kind} ${h.scope}`).sort(), [
      'book/3-end/api/server.ts module-mutable-state tooling', 'book/4-end/api/server.ts module-mutable-state tooling', 'saas/api/server.ts module-mutable-state runtime',
    ]);
    assert.equal(map.services.find((x) => x.id === 'saas/api')?.verdict, 'in-process-state');
    assert.equal(map.services.find((x) => x.id === 'book/3-end/api')?.verdict, 'stateless');
    assert.deepEqual(map.problems.map((p) => `${p.file}: ${p.message}`), [
      'saas/api: package "saas-api" has 2 copies side by side (book/3-end/api, book/4-end/api): counted as samples, not as services',
    ]);
  });

  test('chapter snapshots named per chapter are copies by their files: same folder name, most files the same', () => {
    const routes = "import { Router } from 'express';\nexport const router = Router();\nrouter.get('/health', (_req, res) => res.send('ok'));\n";
    const map = analyzeFiles({
      'saas/api/package.json': api('saas-api'),
      'saas/api/server.ts': DEMO_SERVER,
      'saas/api/routes.ts': routes,
      'saas/api/billing.ts': "export const plans = ['free', 'team'];\n",
      'book/4-end/api/package.json': api('4-end-api'),
      'book/4-end/api/server.ts': DEMO_SERVER,
      'book/4-end/api/routes.ts': routes,
      'book/5-begin/api/package.json': api('5-begin-api'),
      'book/5-begin/api/server.ts': DEMO_SERVER,
      'book/5-begin/api/routes.ts': routes,
    });
    assert.deepEqual(map.hazards.map((h) => `${h.file} ${h.scope}`).sort(), [
      'book/4-end/api/server.ts tooling', 'book/5-begin/api/server.ts tooling', 'saas/api/server.ts runtime',
    ]);
    assert.deepEqual(map.problems.map((p) => `${p.file}: ${p.message}`), [
      'saas/api: package saas/api has 2 copies side by side (book/4-end/api, book/5-begin/api): counted as samples, not as services',
    ]);
  });

  test('services in folders of one name with their own files are not copies', () => {
    // one boilerplate server each, and the files that make each service what it is
    const server = (port: number, role: string) => DEMO_SERVER.replace('9000', String(port)) + `export const role = '${role}';\n`;
    const map = analyzeFiles({
      'gateway/api/package.json': api('gateway'),
      'gateway/api/server.ts': server(8080, 'gateway'),
      'gateway/api/proxy.ts': "export const upstreams = { users: 'http://users', orders: 'http://orders' };\n",
      'gateway/api/auth.ts': "export const header = 'authorization';\n",
      'services/users/api/package.json': api('users'),
      'services/users/api/server.ts': server(9001, 'users'),
      'services/users/api/users.ts': "export const fields = ['id', 'email', 'name'];\n",
      'services/users/api/passwords.ts': "export const rounds = 12;\n",
      'services/orders/api/package.json': api('orders'),
      'services/orders/api/server.ts': server(9002, 'orders'),
      'services/orders/api/orders.ts': "export const states = ['new', 'paid', 'shipped'];\n",
      'services/orders/api/refunds.ts': "export const windowDays = 30;\n",
    });
    assert.deepEqual(map.hazards.map((h) => `${h.file} ${h.scope}`).sort(), [
      'gateway/api/server.ts runtime', 'services/orders/api/server.ts runtime', 'services/users/api/server.ts runtime',
    ]);
    assert.deepEqual(map.problems, []);
  });

  test('two packages of one name with no copy standing alone are both services', () => {
    const map = analyzeFiles({
      'apps/api/package.json': api('api'),
      'apps/api/server.ts': DEMO_SERVER,
      'legacy/api/package.json': api('api'),
      'legacy/api/server.ts': DEMO_SERVER,
    });
    assert.deepEqual(map.hazards.map((h) => `${h.file} ${h.scope}`).sort(), ['apps/api/server.ts runtime', 'legacy/api/server.ts runtime']);
    assert.deepEqual(map.problems, []);
  });

  test('the same server outside a sample folder is a service with its hazard', () => {
    const map = analyzeFiles({
      'package.json': pkg({ start: 'node src/server.js' }),
      'src/server.ts': SERVER,
      'src/routes.ts': ROUTES,
      'rtmp/relay/package.json': JSON.stringify({ name: 'rtmp-relay', main: 'server.ts', dependencies: { express: '^4' } }),
      'rtmp/relay/server.ts': DEMO_SERVER,
    });
    const relay = map.hazards.filter((h) => h.file.startsWith('rtmp/relay/'));
    assert.deepEqual(relay.map((h) => `${h.kind} ${h.scope}`), ['module-mutable-state runtime']);
    assert.equal(map.services.find((x) => x.id === 'rtmp/relay')?.verdict, 'in-process-state');
  });
});

describe('entries named by their build output', () => {
  test('a build that adds a module-format folder (dist/cjs/src/…) still names its source', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'scheduler', version: '1.0.0', bin: { scheduler: 'cli.js' }, scripts: { start: 'node dist/cjs/src/cli/index.js' }, dependencies: { express: '^4' } }),
      'Procfile': 'web: node dist/cjs/src/api/main.js\n',
      'cli.js': "#!/usr/bin/env node\nrequire('./dist/cjs/src/cli/index');\n",
      'src/cli/index.ts': "import { run } from '../api/server';\nrun();\n",
      'src/api/main.ts': "import { run } from './server';\nrun();\n",
      'src/api/server.ts': "import express from 'express';\nconst seen = new Set<string>();\nexport function run() {\n  const app = express();\n  app.get('/hit/:id', (req, res) => { seen.add(req.params.id); res.json({ n: seen.size }); });\n  app.listen(3000);\n}\n",
    });
    const root = map.services.find((s) => s.id === '.');
    assert.deepEqual(root?.entries?.map((e) => `${e.path} ← ${e.from}`), [
      'cli.js ← package.json bin',
      'src/api/main.ts ← Procfile web: node dist/cjs/src/api/main.js',
      'src/cli/index.ts ← package.json scripts.start: node dist/cjs/src/cli/index.js',
    ]);
    assert.deepEqual(map.hazards.map((h) => `${h.file}:${h.line} ${h.scope}`), ['src/api/server.ts:2 runtime']);
  });
});

describe('entries a compose command names', () => {
  test('`command: ["npm", "run", "start-api-prod"]` in `working_dir: /app/backend` names the backend script\'s file; a database image\'s flags name none', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'bot', private: true, workspaces: ['backend'] }),
      'docker-compose.yml': [
        'services:',
        '  mysql:',
        '    image: mysql:8.0',
        '    command: --authentication-policy=mysql_native_password',
        '  api:',
        '    build: .',
        '    working_dir: /app/backend',
        '    command: ["npm", "run", "start-api-prod"]',
        '  bot:',
        '    build: .',
        '    working_dir: /app/backend',
        '    command: npm run start-bot-prod',
      ].join('\n') + '\n',
      'backend/package.json': JSON.stringify({ name: 'backend', scripts: { 'start-api-prod': 'node --enable-source-maps dist/api/index.js', 'start-bot-prod': 'node dist/index.js' }, dependencies: { express: '^4' } }),
      'backend/src/api/index.ts': "import express from 'express';\nconst hits = new Map<string, number>();\nconst app = express();\napp.get('/h/:k', (req, res) => { hits.set(req.params.k, (hits.get(req.params.k) ?? 0) + 1); res.json(hits.get(req.params.k)); });\napp.listen(3001);\n",
      'backend/src/index.ts': "console.log('bot');\n",
      'backend/src/scripts/dump.ts': "const seen = new Set<string>();\nexport function note(v: string) { seen.add(v); return seen.size; }\n",
    });
    const backend = map.services.find((s) => s.id === 'backend');
    assert.deepEqual(backend?.entries?.map((e) => `${e.path} ← ${e.from}`), [
      'backend/src/api/index.ts ← docker-compose.yml api: npm run start-api-prod',
      'backend/src/index.ts ← docker-compose.yml bot: npm run start-bot-prod',
    ]);
    assert.ok(!map.problems.some((p) => /no runtime entry/.test(p.message)), JSON.stringify(map.problems));
  });
});

describe('a browser bundle Vite builds from a folder of the server\'s package', () => {
  const files = (build: string) => analyzeFiles({
    'package.json': JSON.stringify({ name: 'bridge', version: '1.0.0', dependencies: { express: '^4', ioredis: '^5', react: '^18' }, scripts: { start: 'node app.js', 'build:widget': build } }),
    'app.js': "const express = require('express');\nconst Redis = require('ioredis');\nconst redis = new Redis();\nconst app = express();\napp.post('/unlink', async (req, res) => { await redis.unlink(req.body.key); res.end(); });\napp.listen(3000);\n",
    'widget/vite.config.ts': "import { defineConfig } from 'vite';\nexport default defineConfig({ build: { outDir: '../public' } });\n",
    'widget/src/App.tsx': [
      "import { ProvisioningClient } from './ProvisioningClient';",
      'export function App({ client }: { client: ProvisioningClient }) {',
      "  const unlink = async () => { await client.unlink('#room'); };",
      '  return <button onClick={unlink}>Unlink</button>;',
      '}',
    ].join('\n') + '\n',
    'widget/src/ProvisioningClient.ts': [
      'export class ProvisioningClient {',
      "  token = localStorage.getItem('token');",
      "  async unlink(room: string) { await fetch('/unlink', { method: 'POST', body: room }); }",
      '}',
    ].join('\n') + '\n',
  });

  test('`vite build --config widget/vite.config.ts` makes the folder a browser unit of its own (appservice-irc, set 26)', () => {
    const map = files('vite build --config widget/vite.config.ts');
    assert.deepEqual(map.services.map((s) => `${s.id} ${s.kind}`).sort(), ['. http-server', 'widget frontend']);
    assert.deepEqual(map.edges.filter((e) => e.service === 'widget').map((e) => e.store).sort(), ['http-api', 'localStorage']);
  });

  test('a component\'s `client.unlink(…)` is no Redis command, though the server\'s package uses ioredis', () => {
    const map = files('vite build --config widget/vite.config.ts');
    assert.ok(!map.edges.some((e) => e.store === 'redis' && e.locations.some((l) => l.file.startsWith('widget/'))));
  });

  test('a plain `vite build` of the package itself makes no unit', () => {
    assert.deepEqual(files('vite build').services.map((s) => s.id), ['.']);
  });
});

describe('a second process started from a file the server\'s folder holds', () => {
  const files = (scripts: Record<string, string>) => analyzeFiles({
    'package.json': JSON.stringify({ name: 'bridge', version: '1.0.0', dependencies: { express: '^4', ioredis: '^5', pg: '^8' }, scripts }),
    'src/server.ts': "import express from 'express';\nimport { Pool } from 'pg';\nconst db = new Pool();\nconst app = express();\napp.get('/rooms', async (req, res) => res.json((await db.query('SELECT * FROM rooms')).rows));\napp.listen(3000);\n",
    'src/pool.ts': "import Redis from 'ioredis';\nconst redis = new Redis();\nsetInterval(() => { void redis.set('pool:alive', Date.now()); }, 5000);\n",
  });

  test('`start:pool: node lib/pool.js` makes a unit of that one file, named after its role (appservice-irc, set 26)', () => {
    const map = files({ start: 'node lib/server.js', 'start:pool': 'node lib/pool.js' });
    assert.deepEqual(map.services.map((s) => `${s.id} ${s.name}`).sort(), ['. bridge', 'src/pool.ts bridge/pool']);
    assert.deepEqual(map.edges.filter((e) => e.service === 'src/pool.ts').map((e) => e.store), ['redis']);
    assert.deepEqual(map.edges.filter((e) => e.service === '.').map((e) => e.store), ['postgres']);
  });

  test('a variant of the server\'s own start (`start:prod`) makes none', () => {
    assert.deepEqual(files({ start: 'node lib/server.js', 'start:prod': 'NODE_ENV=production node lib/server.js' }).services.map((s) => s.id), ['.']);
  });
});
