// A limiter, cache or session store made inside a factory (`export default (config) => rateLimit(config)`)
// is made anew at each call: the hazard is at each call, in the file that keeps the instance, not once
// inside the factory.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeFiles } from '../../helpers/workspace';

const pkg = JSON.stringify({ name: 'api', version: '1.0.0', main: 'src/server.ts', dependencies: { express: '^4', 'express-rate-limit': '^7' } });
const FACTORY = `import rateLimit, { Options } from 'express-rate-limit';

export default (config?: Partial<Options>) => {
  return rateLimit({
    ...config,
  });
};
`;
const server = (extra = '') => `import express from 'express';
import v2 from './routes/v2';
import mcp from './mcp';
${extra}
const app = express();
app.use('/api/v2', v2);
app.use('/mcp', mcp);
app.listen(8000);
`;
const V2 = `import express from 'express';
import rateLimiter from '../utils/rateLimiter';

const router = express.Router();
const defaultRateLimiter = rateLimiter({ windowMs: 60 * 1000, max: 100 });
router.get('/sources', defaultRateLimiter, (req, res) => res.json([]));
export default router;
`;
const MCP = `import express from 'express';
import rateLimiter from './utils/rateLimiter';

const app = express.Router();
const mcpRateLimiter = rateLimiter({ windowMs: 60 * 1000, max: 600 });
app.post('/', mcpRateLimiter, (req, res) => res.end());
export default app;
`;

const limits = (m: ReturnType<typeof analyzeFiles>) => m.hazards.filter((h) => h.kind === 'memory-rate-limit').map((h) => `${h.file}:${h.line}`);

test('invalid: a rate limiter made by a factory is one limiter per call, each a hazard where it is made', () => {
  const m = analyzeFiles({ 'package.json': pkg, 'src/server.ts': server(), 'src/utils/rateLimiter.ts': FACTORY, 'src/routes/v2.ts': V2, 'src/mcp.ts': MCP });
  assert.deepEqual(limits(m).sort(), ['src/mcp.ts:5', 'src/routes/v2.ts:5']);
  const h = m.hazards.find((x) => x.file === 'src/mcp.ts');
  assert.deepEqual(h?.evidence?.map((e) => `${e.file}:${e.line}`).slice(0, 2), ['src/mcp.ts:5', 'src/utils/rateLimiter.ts:4']);
  // where the factory makes it is a place of each one: what a reader of the factory finds
  for (const x of m.hazards.filter((y) => y.kind === 'memory-rate-limit')) assert.deepEqual(x.also?.map((a) => `${a.file}:${a.line}`), ['src/utils/rateLimiter.ts:4']);
});

test('valid: a limiter made once in a module and exported stays where it is made', () => {
  const once = "import rateLimit from 'express-rate-limit';\n\nexport const limiter = rateLimit({ windowMs: 60000, max: 100 });\n";
  const use = "import express from 'express';\nimport { limiter } from '../utils/rateLimiter';\nconst router = express.Router();\nrouter.get('/sources', limiter, (req, res) => res.json([]));\nexport default router;\n";
  const m = analyzeFiles({ 'package.json': pkg, 'src/server.ts': server(), 'src/utils/rateLimiter.ts': once, 'src/routes/v2.ts': use, 'src/mcp.ts': "import express from 'express';\nexport default express.Router();\n" });
  assert.deepEqual(limits(m), ['src/utils/rateLimiter.ts:3']);
});
