// Writes a synthetic monorepo of about `n` source files: services with handlers over shared clients,
// repositories, React components and plain utilities, in the proportions of a real product codebase.
import fs from 'node:fs';
import path from 'node:path';

const write = (root, rel, text) => {
  const abs = path.join(root, rel);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, text);
};

const util = (i) => `import { z } from 'zod';

export interface Item${i} { id: string; name: string; price: number; tags: string[] }

export const schema${i} = z.object({ id: z.string(), name: z.string().min(1), price: z.number(), tags: z.array(z.string()) });

/** Formats a price for display; pure. */
export function format${i}(item: Item${i}, locale = 'en-US'): string {
  const fmt = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' });
  const parts: string[] = [];
  for (const tag of item.tags) {
    if (tag.startsWith('_')) continue;
    parts.push(tag.toUpperCase());
  }
  return \`\${item.name} (\${parts.join(', ')}): \${fmt.format(item.price / 100)}\`;
}

export function groupBy${i}<T>(items: T[], key: (t: T) => string): Record<string, T[]> {
  const out: Record<string, T[]> = {};
  for (const it of items) {
    const k = key(it);
    (out[k] ??= []).push(it);
  }
  return out;
}

export class Paginator${i}<T> {
  constructor(private readonly items: T[], private readonly size = 20) {}
  page(n: number): T[] {
    return this.items.slice(n * this.size, (n + 1) * this.size);
  }
  get pages(): number {
    return Math.ceil(this.items.length / this.size);
  }
}
`.repeat(2).replace(/export interface Item(\d+) \{/g, (m, d, off) => (off > 200 ? `export interface Item${d}b {` : m))
  .replace(/(export (const|function|class) )(\w+?)(\d+)(b?)\b/g, (m) => m);

const repo = (i, svc) => `import { db } from '../db';
import { redis } from '../redis';
import type { Item${i} } from '../util/u${i}';

const TTL = 60;

export class Repo${i} {
  async find(id: string): Promise<Item${i} | undefined> {
    const cached = await redis.get(\`${svc}:item:\${id}\`);
    if (cached) return JSON.parse(cached);
    const row = await db.query('SELECT id, name, price, tags FROM items_${i} WHERE id = $1', [id]);
    const item = row.rows[0];
    if (item) await redis.set(\`${svc}:item:\${id}\`, JSON.stringify(item), 'EX', TTL);
    return item;
  }

  async list(limit = 50): Promise<Item${i}[]> {
    const rows = await db.query('SELECT id, name, price, tags FROM items_${i} ORDER BY name LIMIT $1', [limit]);
    return rows.rows.map((r: Item${i}) => ({ ...r, tags: r.tags ?? [] }));
  }

  async save(item: Item${i}): Promise<void> {
    await db.query('INSERT INTO items_${i} (id, name, price, tags) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO UPDATE SET name = $2', [item.id, item.name, item.price, item.tags]);
    await redis.del(\`${svc}:item:\${item.id}\`);
  }
}
`;

const handler = (i) => `import type { Request, Response } from 'express';
import { Repo${i} } from '../repos/r${i}';
import { format${i}, groupBy${i} } from '../util/u${i}';

const repo = new Repo${i}();

export async function get${i}(req: Request, res: Response) {
  const item = await repo.find(req.params.id);
  if (!item) return res.status(404).json({ error: 'not found' });
  res.json({ ...item, label: format${i}(item) });
}

export async function list${i}(req: Request, res: Response) {
  const items = await repo.list(Number(req.query.limit ?? 50));
  const grouped = groupBy${i}(items, (it) => it.tags[0] ?? 'none');
  res.json(Object.entries(grouped).map(([tag, list]) => ({ tag, count: list.length, items: list.map((x) => format${i}(x)) })));
}

export async function put${i}(req: Request, res: Response) {
  await repo.save({ id: req.params.id, ...req.body });
  res.status(204).end();
}
`;

const component = (i) => `import React, { useEffect, useState } from 'react';
import { format${i}, type Item${i} } from '../util/u${i}';

export function ItemList${i}({ endpoint }: { endpoint: string }) {
  const [items, setItems] = useState<Item${i}[]>([]);
  const [filter, setFilter] = useState(() => localStorage.getItem('filter.${i}') ?? '');
  useEffect(() => {
    let cancelled = false;
    fetch(endpoint).then((r) => r.json()).then((data) => { if (!cancelled) setItems(data); });
    return () => { cancelled = true; };
  }, [endpoint]);
  useEffect(() => localStorage.setItem('filter.${i}', filter), [filter]);
  const shown = items.filter((it) => it.name.toLowerCase().includes(filter.toLowerCase()));
  return (
    <section>
      <input value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Filter" />
      <ul>{shown.map((it) => <li key={it.id}>{format${i}(it)}</li>)}</ul>
    </section>
  );
}
`;

/** Writes the workspace and returns the number of source files. */
export function generateWorkspace(root, n) {
  const perService = 200;
  const services = Math.max(1, Math.round(n / perService));
  let count = 0;
  write(root, 'package.json', JSON.stringify({ name: 'bench', private: true, workspaces: ['services/*', 'apps/*'] }, null, 2));
  for (let s = 0; s < services && count < n; s++) {
    const svc = `svc${s}`;
    const base = `services/${svc}`;
    write(root, `${base}/package.json`, JSON.stringify({ name: `@bench/${svc}`, dependencies: { express: '4', ioredis: '5', pg: '8', zod: '3' } }, null, 2));
    write(root, `${base}/src/db.ts`, `import { Pool } from 'pg';\nexport const db = new Pool({ connectionString: process.env.DATABASE_URL });\n`);
    write(root, `${base}/src/redis.ts`, `import Redis from 'ioredis';\nexport const redis = new Redis(process.env.REDIS_URL!);\n`);
    const routes = [];
    count += 2;
    for (let i = 0; count < n && i < (perService - 3) / 3; i++) {
      write(root, `${base}/src/util/u${i}.ts`, util(i));
      write(root, `${base}/src/repos/r${i}.ts`, repo(i, svc));
      write(root, `${base}/src/handlers/h${i}.ts`, handler(i));
      routes.push(`import { get${i}, list${i}, put${i} } from './handlers/h${i}';\napp.get('/i${i}/:id', get${i});\napp.get('/i${i}', list${i});\napp.put('/i${i}/:id', put${i});`);
      count += 3;
    }
    write(root, `${base}/src/server.ts`, `import express from 'express';\nconst app = express();\napp.use(express.json());\n${routes.join('\n')}\napp.listen(3000);\n`);
    count++;
  }
  for (let i = 0; count < n; i++) {
    write(root, `apps/web/src/components/C${i}.tsx`, component(i));
    write(root, `apps/web/src/util/u${i}.ts`, util(i));
    count += 2;
  }
  write(root, 'apps/web/package.json', JSON.stringify({ name: '@bench/web', dependencies: { react: '18', 'react-dom': '18', zod: '3' } }, null, 2));
  return count;
}
