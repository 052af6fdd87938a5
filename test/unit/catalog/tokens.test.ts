import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lines, scan } from '../../helpers/entry-cases';

// One describe per entry of src/catalog/entries/tokens.ts: signing writes state into a token,
// verifying and decoding read it. A use as the library's docs show it, and a look-alike.

describe('jsonwebtoken', () => {
  test('sign writes, verify and decode read', () => {
    const { locations } = scan(
      lines(
        "import jwt from 'jsonwebtoken';",
        "export const issue = (sub: string) => jwt.sign({ sub }, process.env.JWT_SECRET!, { expiresIn: '1h' });",
        'export const check = (token: string) => jwt.verify(token, process.env.JWT_SECRET!);',
        'export const peek = (token: string) => jwt.decode(token, { complete: true });',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:2 jwt write jsonwebtoken', 'src/app.ts:3 jwt read jsonwebtoken', 'src/app.ts:4 jwt read jsonwebtoken']);
  });

  test('look-alike: crypto.sign and crypto.verify', () => {
    const { locations } = scan(
      lines("import crypto from 'node:crypto';", "export const sig = (data: Buffer, key: crypto.KeyObject) => crypto.sign('sha256', data, key);", "export const ok = (d: Buffer, k: crypto.KeyObject, s: Buffer) => crypto.verify('sha256', d, k, s);"),
    );
    assert.deepEqual(locations, []);
  });
});

describe('jose', () => {
  test('new SignJWT(…)….sign writes, jwtVerify reads', () => {
    const { locations } = scan(
      lines(
        "import * as jose from 'jose';",
        'const secret = new TextEncoder().encode(process.env.JWT_SECRET);',
        'export async function issue() {',
        "  return new jose.SignJWT({ 'urn:example:claim': true })",
        "    .setProtectedHeader({ alg: 'HS256' })",
        "    .setIssuedAt()",
        "    .setExpirationTime('2h')",
        '    .sign(secret);',
        '}',
        "export const check = (jwt: string) => jose.jwtVerify(jwt, secret, { issuer: 'urn:example:issuer' });",
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:10 jwt read jose', 'src/app.ts:4 jwt write jose']);
  });

  test('named imports: decodeJwt reads', () => {
    const { locations } = scan(lines("import { decodeJwt } from 'jose';", 'export const claims = (t: string) => decodeJwt(t);'));
    assert.deepEqual(locations, ['src/app.ts:2 jwt read jose']);
  });

  test('look-alike: key sets and TextEncoder.encode are not tokens', () => {
    const { locations } = scan(
      lines(
        "import { createRemoteJWKSet, importSPKI } from 'jose';",
        "export const JWKS = createRemoteJWKSet(new URL('https://www.googleapis.com/oauth2/v3/certs'));",
        "export const key = () => importSPKI(process.env.PUBLIC_KEY!, 'RS256');",
        "export const bytes = new TextEncoder().encode('secret');",
      ),
    );
    assert.deepEqual(locations, []);
  });
});

describe('@nestjs/jwt', () => {
  test('an injected JwtService: signAsync writes, verifyAsync reads', () => {
    const { locations } = scan(
      lines(
        "import { Injectable } from '@nestjs/common';",
        "import { JwtService } from '@nestjs/jwt';",
        '@Injectable()',
        'export class AuthService {',
        '  constructor(private jwtService: JwtService) {}',
        '  async signIn(userId: number, username: string) {',
        '    return { access_token: await this.jwtService.signAsync({ sub: userId, username }) };',
        '  }',
        '  check(token: string) { return this.jwtService.verifyAsync(token); }',
        '}',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:7 jwt write @nestjs/jwt', 'src/app.ts:9 jwt read @nestjs/jwt']);
  });

  test('look-alike: a sign method of another injected service', () => {
    const { locations } = scan(
      lines(
        "import { Signer } from './signer';",
        'export class Uploads {',
        '  constructor(private signer: Signer) {}',
        "  url() { return this.signer.sign('/file'); }",
        '}',
      ),
      { 'src/signer.ts': lines('export class Signer { sign(p: string) { return p; } }') },
    );
    assert.deepEqual(locations, []);
  });
});

describe('passport-jwt', () => {
  test('new JwtStrategy(…) verifies tokens: a read', () => {
    const { locations } = scan(
      lines(
        "import passport from 'passport';",
        "const JwtStrategy = require('passport-jwt').Strategy;",
        "const ExtractJwt = require('passport-jwt').ExtractJwt;",
        'const opts = { jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: process.env.JWT_SECRET };',
        'passport.use(new JwtStrategy(opts, (payload: any, done: any) => done(null, payload.sub)));',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:5 jwt read passport-jwt']);
  });

  test('a NestJS strategy built on it (`extends PassportStrategy(Strategy)`, its `super(…)` makes one) verifies tokens (onghub, set 26)', () => {
    const { locations } = scan(
      lines(
        "import { Injectable } from '@nestjs/common';",
        "import { PassportStrategy } from '@nestjs/passport';",
        "import { ExtractJwt, Strategy } from 'passport-jwt';",
        '@Injectable()',
        'export class JwtStrategy extends PassportStrategy(Strategy) {',
        '  constructor() {',
        '    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: process.env.JWT_SECRET });',
        '  }',
        '  validate(payload: { sub: string }) {',
        '    return { id: payload.sub };',
        '  }',
        '}',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:5 jwt read passport-jwt']);
  });

  test('look-alike: a passport-local strategy built the same way', () => {
    const { locations } = scan(
      lines("import { PassportStrategy } from '@nestjs/passport';", "import { Strategy } from 'passport-local';", 'export class LocalStrategy extends PassportStrategy(Strategy) {}'),
    );
    assert.deepEqual(locations, []);
  });

  test('look-alike: a passport-local strategy', () => {
    const { locations } = scan(
      lines("import passport from 'passport';", "import { Strategy as LocalStrategy } from 'passport-local';", 'passport.use(new LocalStrategy((u: string, p: string, done: any) => done(null, u)));'),
    );
    assert.deepEqual(locations, []);
  });
});

describe('jwt-simple', () => {
  test('encode writes, decode reads', () => {
    const { locations } = scan(
      lines("const jwt = require('jwt-simple');", "const secret = 'xxx';", "export const token = jwt.encode({ foo: 'bar' }, secret);", 'export const payload = () => jwt.decode(token, secret);'),
    );
    assert.deepEqual(locations, ['src/app.ts:3 jwt write jwt-simple', 'src/app.ts:4 jwt read jwt-simple']);
  });

  test('look-alike: Buffer base64 encoding', () => {
    const { locations } = scan(lines("export const b64 = (s: string) => Buffer.from(s).toString('base64');", "export const enc = encodeURIComponent('a b');"));
    assert.deepEqual(locations, []);
  });
});

describe('express-jwt', () => {
  test('expressjwt({ secret }) middleware verifies tokens; koa-jwt too', () => {
    const { locations } = scan(
      lines(
        "import express from 'express';",
        "import { expressjwt } from 'express-jwt';",
        "import koaJwt from 'koa-jwt';",
        'const app = express();',
        "app.get('/protected', expressjwt({ secret: 'shhhhhhared-secret', algorithms: ['HS256'] }), (req, res) => res.sendStatus(200));",
        "export const koaAuth = koaJwt({ secret: 'shared-secret' });",
        'app.listen(3000);',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:5 jwt read express-jwt', 'src/app.ts:6 jwt read express-jwt']);
  });

  test('express-oauth2-jwt-bearer: auth()', () => {
    const { locations } = scan(lines("const { auth } = require('express-oauth2-jwt-bearer');", "export const checkJwt = auth({ audience: 'https://api', issuerBaseURL: 'https://tenant.auth0.com/' });"));
    assert.deepEqual(locations, ['src/app.ts:2 jwt read express-jwt']);
  });

  test('look-alike: the UnauthorizedError class is not a verifier', () => {
    const { locations } = scan(lines("import { UnauthorizedError } from 'express-jwt';", 'export const isAuthError = (e: unknown) => e instanceof UnauthorizedError;'));
    assert.deepEqual(locations, []);
  });
});

describe('jwt-decode', () => {
  test('jwtDecode (v4) and the default function (v3) read the token', () => {
    const { locations } = scan(
      lines("import { jwtDecode } from 'jwt-decode';", "import jwt_decode from 'jwt-decode';", 'export const a = (t: string) => jwtDecode(t);', 'export const b = (t: string) => jwt_decode(t, { header: true });'),
    );
    assert.deepEqual(locations, ['src/app.ts:3 jwt read jwt-decode', 'src/app.ts:4 jwt read jwt-decode']);
  });

  test('look-alike: InvalidTokenError is not a decode', () => {
    const { locations } = scan(lines("import { InvalidTokenError } from 'jwt-decode';", 'export const bad = (e: unknown) => e instanceof InvalidTokenError;'));
    assert.deepEqual(locations, []);
  });
});

describe('@fastify/jwt', () => {
  test('registering the plugin (by require or by import) sets up verification', () => {
    const { locations } = scan(
      lines(
        "import Fastify from 'fastify';",
        "import fastifyJwt from '@fastify/jwt';",
        'const fastify = Fastify();',
        "fastify.register(require('@fastify/jwt'), { secret: 'supersecret' });",
        "fastify.register(fastifyJwt, { secret: 'supersecret' });",
        'fastify.listen({ port: 3000 });',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:4 jwt read @fastify/jwt', 'src/app.ts:5 jwt read @fastify/jwt']);
  });

  test('request.jwtVerify() in a hook reads the token', () => {
    const { locations } = scan(
      lines(
        "import Fastify from 'fastify';",
        'const fastify = Fastify();',
        "fastify.addHook('onRequest', async (request, reply) => {",
        '  try { await request.jwtVerify(); } catch (err) { reply.send(err); }',
        '});',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:4 jwt read @fastify/jwt']);
  });

  test('look-alike: registering another plugin', () => {
    const { locations } = scan(lines("import Fastify from 'fastify';", "import cors from '@fastify/cors';", 'const fastify = Fastify();', 'fastify.register(cors, { origin: true });'));
    assert.deepEqual(locations, []);
  });
});

describe('@fastify/jwt decorations', () => {
  test('fastify.jwt.sign (a decoration of the instance the plugin was registered on) writes a token', () => {
    const { locations } = scan(
      lines(
        "import Fastify from 'fastify';",
        "import fastifyJwt from '@fastify/jwt';",
        'const fastify = Fastify();',
        "fastify.register(fastifyJwt, { secret: 'supersecret' });",
        "fastify.post('/signup', async () => ({ token: fastify.jwt.sign({ sub: 'u1' }) }));",
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:4 jwt read @fastify/jwt', 'src/app.ts:5 jwt write @fastify/jwt decorations']);
  });

  test('look-alike: a `jwt` member of some other object', () => {
    const { locations } = scan(lines('const settings = { jwt: { sign: (x: string) => x } };', "settings.jwt.sign('a');"));
    assert.deepEqual(locations, []);
  });
});

describe('@elysiajs/jwt', () => {
  test("the plugin's `jwt` in an Elysia handler's context: sign writes a token, verify reads one", () => {
    const { locations } = scan(
      lines(
        "import { Elysia } from 'elysia';",
        "import { jwt } from '@elysiajs/jwt';",
        "const app = new Elysia().use(jwt({ name: 'jwt', secret: process.env.JWT_SECRET!, exp: '7d' }));",
        "app.post('/login', async ({ jwt, body }: any) => ({ token: await jwt.sign({ id: String(body.id) }) }));",
        "app.get('/me', async ({ jwt, headers }: any) => jwt.verify(headers.authorization));",
        'app.listen(3000);',
      ),
    );
    assert.deepEqual(locations.filter((l) => l.includes(' jwt ')), ['src/app.ts:4 jwt write @elysiajs/jwt', 'src/app.ts:5 jwt read @elysiajs/jwt']);
  });

  test('look-alike: a `jwt` string parameter', () => {
    const { locations } = scan(lines("export const parts = (jwt: string) => jwt.split('.');"));
    assert.deepEqual(locations, []);
  });
});

describe('next-auth/jwt', () => {
  test("getToken reads the session's JWT from its cookie; encode and decode make and read it", () => {
    const { locations } = scan(
      lines(
        "import { decode, encode, getToken } from 'next-auth/jwt';",
        'export async function middleware(req: any) {',
        '  const token = await getToken({ req, secret: process.env.NEXTAUTH_SECRET });',
        '  return token?.sub;',
        '}',
        'export const jwt = {',
        '  encode: async (params: any) => encode(params),',
        '  decode: async (params: any) => decode(params),',
        '};',
      ),
    );
    assert.deepEqual(locations, [
      'src/app.ts:3 cookie read next-auth/jwt', 'src/app.ts:3 jwt read next-auth/jwt', 'src/app.ts:7 jwt write next-auth/jwt', 'src/app.ts:8 jwt read next-auth/jwt',
    ]);
  });

  test('look-alike: a callback named jwt in the options is no token operation', () => {
    const { locations } = scan(lines('export const callbacks = {', '  async jwt({ token }: { token: Record<string, unknown> }) { return token; },', '};'));
    assert.deepEqual(locations, []);
  });
});

describe('@clerk/nextjs', () => {
  test('the middleware and auth() verify the session token the cookie carries', () => {
    const { locations } = scan(
      lines(
        "import { auth, clerkMiddleware, createRouteMatcher } from '@clerk/nextjs/server';",
        "const isProtected = createRouteMatcher(['/dashboard(.*)']);",
        'export default clerkMiddleware(async (authorize, req) => {',
        '  if (isProtected(req)) await authorize.protect();',
        '});',
        'export async function ownStores() {',
        '  const { userId } = await auth();',
        '  return userId;',
        '}',
      ),
    );
    assert.deepEqual(locations, [
      'src/app.ts:3 cookie read @clerk/nextjs', 'src/app.ts:3 jwt read @clerk/nextjs', 'src/app.ts:7 cookie read @clerk/nextjs', 'src/app.ts:7 jwt read @clerk/nextjs',
    ]);
  });

  test("look-alike: the browser's components and hooks", () => {
    const { locations } = scan(lines("import { SignedIn, UserButton, useAuth } from '@clerk/nextjs';", 'export function Nav() {', '  const { isSignedIn } = useAuth();', '  return isSignedIn ? UserButton : SignedIn;', '}'));
    assert.deepEqual(locations, []);
  });
});

describe('hono/jwt', () => {
  test('sign writes, verify reads, also as Jwt.sign of hono/utils/jwt; the jwt() middleware reads', () => {
    const { locations } = scan(
      lines(
        "import { sign, verify, jwt } from 'hono/jwt';",
        "import { Jwt } from 'hono/utils/jwt';",
        "export const issue = (sub: string) => sign({ sub }, 'secret');",
        "export const check = (token: string) => verify(token, 'secret');",
        "export const issueAdmin = (sub: string) => Jwt.sign({ sub, admin: true }, 'secret');",
        "export const guard = jwt({ secret: 'secret' });",
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:3 jwt write hono/jwt', 'src/app.ts:4 jwt read hono/jwt', 'src/app.ts:5 jwt write hono/jwt', 'src/app.ts:6 jwt read hono/jwt']);
  });
});

describe('lib0/crypto/jwt', () => {
  test('encodeJwt writes, verifyJwt reads (y-redis, set 19)', () => {
    const { locations } = scan(
      lines(
        "import * as jwt from 'lib0/crypto/jwt';",
        'export const issue = (key: CryptoKey, room: string) => jwt.encodeJwt(key, { iss: "demo", yroom: room });',
        'export const check = async (key: CryptoKey, token: string) => (await jwt.verifyJwt(key, token)).payload;',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:2 jwt write lib0/crypto/jwt', 'src/app.ts:3 jwt read lib0/crypto/jwt']);
  });
});

describe('@tsndr/cloudflare-worker-jwt', () => {
  test('sign writes, verify reads', () => {
    const { locations } = scan(
      lines(
        "import jwt from '@tsndr/cloudflare-worker-jwt';",
        "export const issue = (sub: string) => jwt.sign({ sub }, 'secret');",
        "export const check = (token: string) => jwt.verify(token, 'secret');",
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:2 jwt write @tsndr/cloudflare-worker-jwt', 'src/app.ts:3 jwt read @tsndr/cloudflare-worker-jwt']);
  });
});

describe('fast-jwt', () => {
  test('a signer made once writes tokens, a verifier reads them', () => {
    const { locations } = scan(
      lines(
        "import { createSigner, createVerifier } from 'fast-jwt';",
        "const signer = createSigner({ key: 'secret' });",
        "const verifier = createVerifier({ key: 'secret' });",
        'export const issue = (sub: string) => signer({ sub });',
        'export const check = (token: string) => verifier(token);',
      ),
    );
    assert.ok(locations.includes('src/app.ts:2 jwt write fast-jwt'), locations.join('\n'));
    assert.ok(locations.includes('src/app.ts:3 jwt read fast-jwt'), locations.join('\n'));
  });
});

describe('hapi-auth-jwt2', () => {
  test('registering the scheme, as the plugin or in hapi\'s object forms, sets up verification', () => {
    const { locations } = scan(
      lines(
        "import Hapi from '@hapi/hapi';",
        "import hapiAuthJwt2 from 'hapi-auth-jwt2';",
        'const server = Hapi.server({ port: 3000 });',
        'await server.register(hapiAuthJwt2);',
        'await server.register({ plugin: hapiAuthJwt2, options: {} });',
        'server.register({ register: hapiAuthJwt2 }, (err) => { if (err) throw err; });',
        "server.auth.strategy('jwt', 'jwt', { key: 'k', validate: async () => ({ isValid: true }) });",
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:4 jwt read hapi-auth-jwt2', 'src/app.ts:5 jwt read hapi-auth-jwt2', 'src/app.ts:6 jwt read hapi-auth-jwt2']);
  });

  test('look-alike: an object with a `plugin` that is the workspace\'s own module', () => {
    const { locations } = scan(lines("import auth from './auth';", "export const setup = (server: any) => server.register({ plugin: auth });"), { 'src/auth.ts': 'export default { name: "auth", register: () => {} };' });
    assert.deepEqual(locations, []);
  });
});
