// The layering rules (.dependency-cruiser.cjs) hold on this tree, each says why, and they bite: a probe
// file that breaks one is reported. `npm run lint:deps` runs the same check in `npm test`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const root = path.join(__dirname, '..', '..', '..');
const config = require(path.join(root, '.dependency-cruiser.cjs')) as { forbidden: Array<{ name: string; comment?: string }> };

function cruise(...paths: string[]): Array<{ rule: { name: string }; from: string; to: string }> {
  const bin = path.join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
  const r = spawnSync(process.execPath, [bin, ...paths, '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.ok(r.stdout, r.stderr);
  return JSON.parse(r.stdout).summary.violations;
}

test('every layering rule says why', () => {
  for (const rule of config.forbidden) assert.ok((rule.comment ?? '').length > 20, `${rule.name} has a comment`);
});

test('the tree keeps its layers, and a type import of vscode or of a renderer from core is caught', () => {
  assert.deepEqual(cruise('src', 'media/src').map((v) => `${v.rule.name}: ${v.from} → ${v.to}`), []);
  const probe = path.join(root, 'src/core/link/zz-layering-probe.ts');
  fs.writeFileSync(probe, "import type { ExtensionContext } from 'vscode';\nimport type { MermaidOptions } from '../../render/mermaid';\nexport type Probe = ExtensionContext | MermaidOptions;\n");
  try {
    const found = cruise('src/core/link/zz-layering-probe.ts').map((v) => v.rule.name).sort();
    assert.deepEqual(found, ['analysis-has-no-editor', 'core-imports-only-catalog']);
  } finally {
    fs.rmSync(probe, { force: true });
  }
});
