// Reading a token's payload without checking it (`jwtDecode(token)` in a browser app) neither signs nor
// verifies: the JWT edge is kept, but no lifetime or revocation is told of it; the server that signs and
// verifies gets its note (JWT notes are drawn only with experimental hazards).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeFiles } from '../../helpers/workspace';

test('a front-end that only decodes tokens gets no JWT note; the server that signs them does', () => {
  const map = analyzeFiles({
    'package.json': JSON.stringify({ name: 'shop', private: true, workspaces: ['api', 'web'] }),
    'api/package.json': JSON.stringify({ name: 'api', scripts: { start: 'node dist/server.js' }, dependencies: { express: '4', jsonwebtoken: '9' } }),
    'api/src/server.ts': [
      "import express from 'express';",
      "import jwt from 'jsonwebtoken';",
      'const app = express();',
      "app.post('/login', (req, res) => res.json({ token: jwt.sign({ sub: req.body.id }, process.env.SECRET!, { expiresIn: '6h' }) }));",
      "app.get('/me', (req, res) => res.json(jwt.verify(String(req.headers.authorization), process.env.SECRET!)));",
      'app.listen(3000);',
    ].join('\n') + '\n',
    'web/package.json': JSON.stringify({ name: 'web', dependencies: { react: '18', 'jwt-decode': '4' } }),
    'web/src/guard.ts': "import { jwtDecode } from 'jwt-decode';\nexport function userOf(): { sub: string } | null {\n  const t = localStorage.getItem('token');\n  return t ? jwtDecode(t) : null;\n}\n",
  }, { experimentalHazards: true });
  const jwtEdge = (service: string) => map.edges.find((e) => e.service === service && e.store === 'jwt');
  assert.ok(jwtEdge('web'), 'the browser app still reads tokens');
  assert.equal(jwtEdge('web')?.jwt, undefined);
  assert.equal(jwtEdge('api')?.jwt?.lifetime?.seconds, 21600);
});
