// A fresh copy of a fixture workspace per run: tests edit files, and the repository must stay clean.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURES } from './paths';

/** A temporary folder for one run (workspaces, VS Code data); removed by `cleanup`. */
export function runDir(): { dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'state-map-e2e-'));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Copies `test/e2e/fixtures/<name>` to `<into>/<name>` and returns its path. */
export function copyFixture(name: string, into: string): string {
  const to = path.join(into, name);
  fs.cpSync(path.join(FIXTURES, name), to, { recursive: true });
  return to;
}
