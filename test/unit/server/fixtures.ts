// A small StateMap in the shape of examples/shop, built by hand: server logic is tested without analysis.
import type { StateMap } from '../../../src/core/model/types';

export function shopMap(): StateMap {
  return {
    schemaVersion: 1,
    root: '/ws',
    services: [
      {
        id: 'services/cart-api', name: '@shop/cart-api', root: 'services/cart-api', kind: 'http-server',
        claim: {
          stateless: true,
          sources: [
            { kind: 'readme', file: 'services/cart-api/README.md', line: 3, text: 'Our service is stateless.', stateless: true },
            { kind: 'kubernetes', file: 'k8s/cart-api.yaml', line: 6, text: 'Deployment cart-api: replicas 3', stateless: true },
            { kind: 'comment', file: 'services/cart-api/src/legacy.ts', line: 1, text: 'state-map: stateful', stateless: false },
          ],
        },
        verdict: 'in-process-state', honest: false,
      },
      {
        id: 'services/orders-api', name: '@shop/orders-api', root: 'services/orders-api', kind: 'http-server',
        claim: { stateless: true, sources: [{ kind: 'kubernetes', file: 'k8s/orders-api.yaml', line: 22, text: 'HPA', stateless: true }] },
        verdict: 'state-elsewhere', honest: true,
      },
      { id: 'apps/web', name: '@shop/web', root: 'apps/web', kind: 'frontend', claim: { stateless: null, sources: [] }, verdict: 'state-elsewhere', honest: null },
    ],
    stores: [
      { id: 'redis', kind: 'redis', label: 'Redis' },
      { id: 'postgres', kind: 'postgres', label: 'PostgreSQL' },
      { id: 'memory', kind: 'memory', label: 'Process memory' },
      { id: 'env', kind: 'env', label: 'Environment' },
      { id: 'localStorage', kind: 'localStorage', label: 'localStorage' },
    ],
    edges: [
      {
        service: 'services/cart-api', store: 'redis', access: 'readwrite',
        locations: [
          { file: 'services/cart-api/src/routes.ts', line: 10, column: 23, endLine: 10, endColumn: 65, operation: 'hgetall', access: 'read', library: 'ioredis', target: 'cart:*' },
          { file: 'services/cart-api/src/routes.ts', line: 15, column: 9, endLine: 15, endColumn: 81, operation: 'hset', access: 'write', library: 'ioredis', target: 'cart:*' },
        ],
      },
      {
        service: 'services/cart-api', store: 'memory', access: 'readwrite',
        locations: [
          { file: 'services/cart-api/src/routes.ts', line: 5, column: 7, operation: 'module-mutable-state', access: 'readwrite', library: 'in-process' },
          { file: 'services/cart-api/src/server.ts', line: 8, column: 9, endLine: 8, endColumn: 106, operation: 'new express-session', access: 'readwrite', library: 'express-session' },
        ],
      },
      {
        service: 'services/cart-api', store: 'env', access: 'read',
        locations: [{ file: 'services/cart-api/src/redis.ts', line: 3, column: 32, endLine: 3, endColumn: 53, operation: 'REDIS_URL', access: 'read', library: 'env', target: 'REDIS_URL' }],
      },
      {
        service: 'services/orders-api', store: 'redis', access: 'read',
        locations: [{ file: 'services/orders-api/src/server.ts', line: 14, column: 22, endLine: 14, endColumn: 46, operation: 'get', access: 'read', library: 'ioredis', target: 'idem:*' }],
      },
      {
        service: 'services/orders-api', store: 'postgres', access: 'read',
        locations: [{ file: 'services/orders-api/src/server.ts', line: 22, column: 39, endLine: 22, endColumn: 116, operation: 'order.findUnique', access: 'read', library: '@prisma/client', target: 'order' }],
      },
      {
        service: 'apps/web', store: 'localStorage', access: 'write',
        locations: [{ file: 'apps/web/src/cart.ts', line: 8, column: 3, endLine: 8, endColumn: 56, operation: 'setItem', access: 'write', library: 'localStorage' }],
      },
    ],
    hazards: [
      { service: 'services/cart-api', kind: 'module-mutable-state', file: 'services/cart-api/src/routes.ts', line: 5, column: 7, message: '`recentlyViewed` (a Map at module level) is changed by the callback given to `post` (line 17).' },
      { service: 'services/cart-api', kind: 'memory-session-store', file: 'services/cart-api/src/server.ts', line: 8, column: 9, message: "Sessions live in this process's MemoryStore." },
      { service: 'services/orders-api', kind: 'check-then-act', file: 'services/orders-api/src/server.ts', line: 18, column: 9, message: '`seen` is read at line 14, checked, then written here.' },
    ],
    problems: [],
  };
}
