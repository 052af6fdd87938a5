// The places (a JWT's lifetime, the revocation check next to verification) come from the facts the
// extractor made of the text it was given: an editor's unsaved buffer changes them, the disk does not.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../src/core/analyze';
import type { StateMap } from '../../src/core/model/types';
import { AnalysisSession } from '../../src/core/session';
import { FIXTURES } from '../helpers/workspace';

const jwtOf = (map: StateMap) => map.edges.find((e) => map.stores.find((s) => s.id === e.store)?.kind === 'jwt')?.jwt;

/** auth.ts with 1-hour tokens and a check of banned token ids in Redis before the request goes on. */
const EDITED = `import type { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';
import Redis from 'ioredis';

const SECRET = process.env.JWT_SECRET!;
const redis = new Redis();

export function issueToken(customerId: string): string {
  return jwt.sign({ sub: customerId }, SECRET, { expiresIn: '1h' });
}

export async function requireCustomer(req: Request, res: Response, next: NextFunction): Promise<void> {
  const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
  try {
    const claims = jwt.verify(token, SECRET) as { sub: string; jti: string };
    // tokens of banned customers are listed until they expire
    if (await redis.exists(\`bl:\${claims.jti}\`)) throw new Error('banned');
    res.locals.customerId = claims.sub;
    next();
  } catch {
    res.status(401).json({ error: 'invalid token' });
  }
}
`;

test('an unsaved edit of the signing and verifying file changes the JWT edge; closing it goes back to the disk', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'state-map-places-'));
  const dir = path.join(tmp, 'jwt-no-revocation');
  try {
    fs.cpSync(path.join(FIXTURES, 'jwt-no-revocation'), dir, { recursive: true });
    const pkgFile = path.join(dir, 'package.json');
    const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as { dependencies: Record<string, string> };
    pkg.dependencies.ioredis = '^5.4.1';
    fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2));
    const onDisk = { lifetime: { seconds: 604800, file: 'src/auth.ts', line: 7 }, revocation: null };

    // revocation is judged only with experimental hazards (see docs/accuracy.md, set 8)
    const session = new AnalysisSession(dir, { experimentalHazards: true });
    assert.deepEqual(jwtOf(session.refresh()), onDisk);
    session.setOverlay('src/auth.ts', EDITED);
    const edited = {
      lifetime: { seconds: 3600, file: 'src/auth.ts', line: 9 },
      revocation: { mechanism: 'deny-list', store: 'redis', target: 'bl:*', file: 'src/auth.ts', line: 17 },
    };
    assert.deepEqual(jwtOf(session.refresh()), edited);
    // a cold run over the same text (the CLI's path, no session) says the same
    assert.deepEqual(jwtOf(analyze(dir, { overlay: new Map([['src/auth.ts', EDITED]]), experimentalHazards: true })), edited);
    session.setOverlay('src/auth.ts', undefined);
    assert.deepEqual(jwtOf(session.refresh()), onDisk);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
