// Runs the fast tests (no VS Code, no browser) with Node's own test runner: every *.test.ts under
// test/unit and test/cli. `npm run test:unit -- <filter>` runs only files whose path contains the filter.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const roots = ['test/unit', 'test/cli'];
const filter = process.argv[2];
const files = [];
const walk = (dir) => {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith('.test.ts') && (!filter || p.includes(filter))) files.push(p);
  }
};
for (const r of roots) if (fs.existsSync(r)) walk(r);
if (files.length === 0) {
  console.error(`no test files${filter ? ` match "${filter}"` : ''}`);
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files.sort()], { stdio: 'inherit' });
process.exit(r.status ?? 1);
