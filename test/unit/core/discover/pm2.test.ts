import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PM2_CONFIG, pm2Scripts } from '../../../../src/core/discover/entries';

test("a pm2 process file's scripts, with each app's cwd, in JavaScript and JSON", () => {
  const js = "module.exports = { apps: [{ name: 'api', script: './dist/server.js', instances: 2 }, { name: 'worker', cwd: 'jobs', script: 'index.js' }] };";
  assert.deepEqual(pm2Scripts(js), ['dist/server.js', 'jobs/index.js']);
  assert.deepEqual(pm2Scripts('{ "apps": [{ "name": "web", "script": "bin/www" }] }'), ['bin/www']);
});

test('look-alikes: a package manager as the script, and an absolute path outside the workspace', () => {
  assert.deepEqual(pm2Scripts("module.exports = { apps: [{ script: 'npm', args: 'start' }, { script: '/usr/local/bin/app.js' }] };"), []);
});

test('the file names taken for pm2 process files', () => {
  for (const yes of ['ecosystem.config.js', 'ecosystem.config.cjs', 'pm2.config.js', 'ecosystem.json', 'pm2.prod.config.js', 'process.json']) assert.ok(PM2_CONFIG.test(yes), yes);
  for (const no of ['ecosystems.js', 'config.js', 'process.js', 'package.json']) assert.ok(!PM2_CONFIG.test(no), no);
});
