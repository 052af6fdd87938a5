// Prints (or, with --write, updates in README.md) the table of store kinds and the libraries the
// catalog models for each. A unit test checks that README.md is current.
import fs from 'node:fs';
import path from 'node:path';
import { CATALOG, STORE_KINDS } from '../src/catalog';

export function catalogTable(): string {
  const byKind = new Map<string, Set<string>>();
  for (const m of CATALOG) {
    const kinds = new Set([m.kind, ...Object.values(m.factoryKinds ?? {}), ...Object.values(m.kindFrom?.modules ?? {})]);
    const names = m.modules?.length ? m.modules : [m.id];
    for (const k of kinds) {
      const set = byKind.get(k) ?? new Set<string>();
      for (const n of names) set.add(n.replace(/\/\*$/, '/*'));
      byKind.set(k, set);
    }
  }
  const rows = Object.entries(STORE_KINDS).map(([kind, info]) => {
    const libs = [...(byKind.get(kind) ?? [])].sort().map((l) => `\`${l}\``).join(', ');
    return `| \`${kind}\` | ${info.label} | ${info.family} | ${libs || '—'} |`;
  });
  return ['| Kind | Label | Family | Libraries and globals |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

const START = '<!-- catalog:start -->';
const END = '<!-- catalog:end -->';

export function readmeWithTable(readme: string): string {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < 0) throw new Error('README.md has no catalog markers');
  return readme.slice(0, a + START.length) + '\n' + catalogTable() + '\n' + readme.slice(b);
}

if (require.main === module) {
  const file = path.join(__dirname, '..', 'README.md');
  if (process.argv.includes('--write')) fs.writeFileSync(file, readmeWithTable(fs.readFileSync(file, 'utf8')));
  else console.log(catalogTable());
}
