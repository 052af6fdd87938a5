// A git copy of examples/shop with the change a reviewer looks at, for the review tests.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const SHOP = path.join(__dirname, '..', '..', '..', 'examples', 'shop');

export interface Repo {
  /** The repository root; the shop is its `shop/` folder (so SARIF URIs must start with `shop/`). */
  top: string;
  shop: string;
  git(...args: string[]): string;
  edit(rel: string, from: string, to: string): void;
  cleanup(): void;
}

export function shopRepo(): Repo {
  const top = fs.mkdtempSync(path.join(os.tmpdir(), 'state-map-review-'));
  const shop = path.join(top, 'shop');
  fs.cpSync(SHOP, shop, { recursive: true });
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=State Map Tests', '-c', 'user.email=tests@example.com', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd: top, stdio: 'pipe', encoding: 'utf8' });
  const edit = (rel: string, from: string, to: string) => {
    const file = path.join(shop, rel);
    const text = fs.readFileSync(file, 'utf8');
    if (!text.includes(from)) throw new Error(`examples/shop changed: ${rel} no longer has ${JSON.stringify(from)}`);
    fs.writeFileSync(file, text.replace(from, to));
  };
  git('init', '-q');
  return { top, shop, git, edit, cleanup: () => fs.rmSync(top, { recursive: true, force: true }) };
}

export const ORDERS = 'services/orders-api/src/server.ts';
export const CART_SERVER = 'services/cart-api/src/server.ts';
export const CART_ROUTES = 'services/cart-api/src/routes.ts';

/**
 * The scenario. Base (main): the shop plus a timer in cart-api that writes Redis. Then main moves
 * on (a Redis delete in cart-api) after the branch left it. The branch: a Redis write, a module-level Map,
 * an S3 upload and one Postgres read fewer in orders-api (which claims to be stateless); the timer's
 * interval changed and lines inserted above cart-api's existing hazards (re-worded, moved: not new).
 */
export function scenario(): Repo {
  const r = shopRepo();
  r.edit(CART_SERVER, "app.listen(Number(process.env.PORT ?? 3000));", "app.listen(Number(process.env.PORT ?? 3000));\n\nsetInterval(async () => {\n  await redis.incr('cart:ticks');\n}, 60_000);");
  r.edit(CART_SERVER, "import { cartRoutes } from './routes';", "import { cartRoutes } from './routes';\nimport { redis } from './redis';");
  r.git('add', '-A');
  r.git('commit', '-q', '-m', 'base');
  r.git('checkout', '-q', '-b', 'feature');
  r.edit(ORDERS, "import { prisma } from '@shop/db';", "import { prisma } from '@shop/db';\nimport { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';");
  r.edit(ORDERS, 'const producer = kafka.producer();', 'const producer = kafka.producer();\nconst s3 = new S3Client({});\nconst recent = new Map<string, unknown>();');
  r.edit(ORDERS, "  await redis.set(`idem:${key}`, JSON.stringify(order), 'EX', 86400);",
    "  await redis.set(`idem:${key}`, JSON.stringify(order), 'EX', 86400);\n  await redis.incr('orders:count');\n  recent.set(order.id, order); if (recent.size > 100) recent.delete(recent.keys().next().value!);\n  await s3.send(new PutObjectCommand({ Bucket: 'order-receipts', Key: `${order.id}.json`, Body: JSON.stringify(order) }));");
  r.edit(ORDERS, "app.get('/orders/:id', async (req) => prisma.order.findUnique({ where: { id: (req.params as { id: string }).id } }));\n", '');
  r.edit(CART_SERVER, '}, 60_000);', '}, 30_000);');
  r.edit(CART_ROUTES, "import { redis } from './redis';", "import { redis } from './redis';\n\n// Two lines that move everything below.\n");
  r.git('commit', '-q', '-a', '-m', 'feature');
  // main moves on after the branch left it: not part of this change
  r.git('checkout', '-q', 'main');
  r.edit(CART_ROUTES, "  res.status(204).end();", "  res.status(204).end();\n  await redis.del(`cart:stale:${req.params.userId}`);");
  r.git('commit', '-q', '-a', '-m', 'main moves on');
  r.git('checkout', '-q', 'feature');
  return r;
}
