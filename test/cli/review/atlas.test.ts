// state-map atlas: the JSON maps of two repositories (as their CI artifacts) merged into one, where a
// producer in one and a consumer in the other meet at the same Kafka topic.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { runCli, tempDir } from '../run-cli';

const ORDERS = {
  'package.json': JSON.stringify({ name: 'orders', version: '1.0.0', scripts: { start: 'node src/server.js' }, dependencies: { kafkajs: '^2.2.4', express: '^4' } }),
  'src/server.js': [
    "const express = require('express');",
    "const { Kafka } = require('kafkajs');",
    "const producer = new Kafka({ clientId: 'orders', brokers: [process.env.KAFKA_BROKER] }).producer();",
    'const app = express();',
    "app.post('/orders', async (req, res) => {",
    "  await producer.send({ topic: 'order-created', messages: [{ value: JSON.stringify(req.body) }] });",
    '  res.sendStatus(201);',
    '});',
    'app.listen(3000);',
  ].join('\n'),
};
const BILLING = {
  'package.json': JSON.stringify({ name: 'billing', version: '1.0.0', scripts: { start: 'node src/worker.js' }, dependencies: { kafkajs: '^2.2.4' } }),
  'src/worker.js': [
    "const { Kafka } = require('kafkajs');",
    "const consumer = new Kafka({ clientId: 'billing', brokers: [process.env.KAFKA_BROKER] }).consumer({ groupId: 'billing' });",
    'async function main() {',
    '  await consumer.connect();',
    "  await consumer.subscribe({ topic: 'order-created' });",
    '  await consumer.run({ eachMessage: async ({ message }) => console.log(message.value) });',
    '}',
    'main();',
  ].join('\n'),
};

function write(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
}

describe('atlas', () => {
  test('two repositories meet at the Kafka topic one writes and the other reads; a broken input is a problem', (t) => {
    const tmp = tempDir();
    t.after(() => tmp.cleanup());
    write(path.join(tmp.dir, 'orders'), ORDERS);
    write(path.join(tmp.dir, 'billing'), BILLING);
    for (const repo of ['orders', 'billing']) assert.equal(runCli(['analyze', path.join(tmp.dir, repo), '-f', 'json', '-o', path.join(tmp.dir, `${repo}.json`)]).code, 0);
    fs.writeFileSync(path.join(tmp.dir, 'broken.json'), '{ "schemaVersion": 1, "services": ');
    const r = runCli(['atlas', path.join(tmp.dir, 'orders.json'), path.join(tmp.dir, 'billing.json'), path.join(tmp.dir, 'broken.json'), '-f', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const atlas = JSON.parse(r.stdout);
    assert.deepEqual(atlas.services.map((s: { id: string }) => s.id), ['billing/.', 'orders/.']);
    const kafka = atlas.stores.filter((s: { kind: string }) => s.kind === 'kafka');
    assert.equal(kafka.length, 1, 'one topic, one store');
    assert.deepEqual(atlas.edges.filter((e: { store: string }) => e.store === kafka[0].id).map((e: { service: string; access: string }) => `${e.service} ${e.access}`), ['billing/. read', 'orders/. write']);
    assert.ok(atlas.problems.some((p: { file: string; message: string }) => p.file.endsWith('broken.json') && /skipped: /.test(p.message)));
    const md = runCli(['atlas', path.join(tmp.dir, 'orders.json'), path.join(tmp.dir, 'billing.json')]).stdout;
    assert.match(md, /## Shared stores\n\n\| Store \| Repositories \|\n\| --- \| --- \|\n\| Kafka · order-created \| billing, orders \|/);
  });

  test('no readable map: exit 3 with the reasons', (t) => {
    const tmp = tempDir();
    t.after(() => tmp.cleanup());
    fs.writeFileSync(path.join(tmp.dir, 'x.json'), '[]');
    const r = runCli(['atlas', path.join(tmp.dir, 'x.json')]);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /no map could be read: .*x\.json: skipped: not a State Map JSON/);
  });
});
