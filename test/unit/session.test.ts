import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { AnalysisSession } from '../../src/core/session';
import { edgeSummary } from '../helpers/workspace';

test('an edit re-extracts one file and the map follows it', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'state-map-session-'));
  try {
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'svc', dependencies: { express: '4' } }));
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'src/redis.ts'), `import Redis from 'ioredis';\nexport const redis = new Redis();\n`);
    fs.writeFileSync(path.join(dir, 'src/app.ts'), `import { redis } from './redis';\nexport const get = (k: string) => redis.get(k);\n`);
    const session = new AnalysisSession(dir);
    assert.deepEqual(edgeSummary(session.refresh()), ['. -> redis read']);
    assert.equal(session.refresh(), session.map, 'nothing changed: the same map');
    session.setOverlay('src/app.ts', `import { redis } from './redis';\nexport const get = (k: string) => redis.get(k);\nexport const put = (k: string) => redis.set(k, '1');\nexport const save = (s: string) => localStorage.setItem('k', s);\n`);
    assert.deepEqual(edgeSummary(session.refresh()), ['. -> localStorage write', '. -> redis readwrite']);
    session.setOverlay('src/app.ts', undefined);
    assert.deepEqual(edgeSummary(session.refresh()), ['. -> redis read']);
    fs.writeFileSync(path.join(dir, 'src/queue.ts'), `import { Kafka } from 'kafkajs';\nconst p = new Kafka({ brokers: [] }).producer();\nexport const emit = () => p.send({ topic: 't', messages: [] });\n`);
    session.fileChanged('src/queue.ts', 'created');
    assert.deepEqual(edgeSummary(session.refresh()), ['. -> kafka write', '. -> redis read']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a change to a file the analysis skips does not redo the map; include narrows the analyzed files', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'state-map-session-'));
  try {
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'svc' }));
    fs.mkdirSync(path.join(dir, 'src'));
    fs.mkdirSync(path.join(dir, 'tools'));
    fs.writeFileSync(path.join(dir, 'src/app.ts'), `export const save = (s: string) => localStorage.setItem('k', s);\n`);
    fs.writeFileSync(path.join(dir, 'src/app.test.ts'), `localStorage.clear();\n`);
    fs.writeFileSync(path.join(dir, 'tools/seed.ts'), `localStorage.setItem('seed', '1');\n`);
    const session = new AnalysisSession(dir);
    const first = session.refresh();
    assert.deepEqual([...session.sourceFiles].sort(), ['src/app.ts', 'tools/seed.ts']);
    assert.equal(session.isTracked('src/app.test.ts'), false);
    session.fileChanged('src/app.test.ts', 'changed');
    session.fileChanged('src/new.test.ts', 'created');
    assert.equal(session.refresh(), first, 'tests are skipped: the map is the same object');
    session.fileChanged('src/app.ts', 'changed');
    assert.notEqual(session.refresh(), first);

    const narrow = new AnalysisSession(dir, { include: ['src/**'] });
    narrow.refresh();
    assert.deepEqual([...narrow.sourceFiles], ['src/app.ts']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an Nx project.json added or changed is read again: the folder becomes a service of its own', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'state-map-session-'));
  try {
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'mono', dependencies: { ioredis: '5' } }));
    fs.mkdirSync(path.join(dir, 'apps/api/src'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'apps/api/src/main.ts'), `import Redis from 'ioredis';\nconst redis = new Redis();\nexport const get = (k: string) => redis.get(k);\n`);
    const session = new AnalysisSession(dir);
    assert.deepEqual(session.refresh().services.map((s) => s.id), ['.']);
    fs.writeFileSync(path.join(dir, 'apps/api/project.json'), JSON.stringify({ name: 'api', projectType: 'application', sourceRoot: 'apps/api/src' }));
    session.fileChanged('apps/api/project.json', 'created');
    assert.deepEqual(session.refresh().services.map((s) => s.id), ['apps/api']);
    assert.deepEqual(new AnalysisSession(dir).refresh().services.map((s) => s.id), ['apps/api'], 'what a fresh analysis finds');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
