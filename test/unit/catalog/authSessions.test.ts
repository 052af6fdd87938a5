import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lines, scan } from '../../helpers/entry-cases';

// One describe per entry of src/catalog/entries/auth-sessions.ts: authentication libraries that keep the
// session in a cookie. A use as the docs show it, and a look-alike.

describe('better-auth', () => {
  test('betterAuth({ … }) keeps sessions in a cookie (made: read and write); auth.api.getSession reads', () => {
    const { locations } = scan(
      lines(
        "import { betterAuth } from 'better-auth';",
        "import { headers } from 'next/headers';",
        'export const auth = betterAuth({ emailAndPassword: { enabled: true } });',
        'export async function currentUser() {',
        '  const session = await auth.api.getSession({ headers: await headers() });',
        '  return session?.user;',
        '}',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:3 cookie readwrite better-auth', 'src/app.ts:5 cookie read better-auth']);
  });

  test("look-alike: the browser client of better-auth/react, and a getSession of the app's own", () => {
    const { locations } = scan(
      lines(
        "import { createAuthClient } from 'better-auth/react';",
        'export const authClient = createAuthClient();',
        'const sessions = { api: { getSession: async (_: unknown) => null } };',
        'export const me = async () => [await authClient.getSession(), await sessions.api.getSession({})];',
      ),
    );
    assert.deepEqual(locations, []);
  });
});

describe('next-auth', () => {
  test('NextAuth({ … }) (v5): made, it reads and writes; auth() reads, signIn writes', () => {
    const { locations } = scan(
      lines(
        "import NextAuth from 'next-auth';",
        "import GitHub from 'next-auth/providers/github';",
        'export const { handlers, signIn, signOut, auth } = NextAuth({ providers: [GitHub] });',
        'export async function profile() {',
        '  const session = await auth();',
        '  return session?.user;',
        '}',
        "export async function login() { await signIn('github'); }",
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:3 cookie readwrite next-auth', 'src/app.ts:5 cookie read next-auth', 'src/app.ts:8 cookie write next-auth']);
  });

  test("v4: the API route's NextAuth(authOptions); getServerSession and next-auth/jwt's getToken read", () => {
    const { locations } = scan(
      lines(
        "import NextAuth, { getServerSession, type NextAuthOptions } from 'next-auth';",
        "import { getToken } from 'next-auth/jwt';",
        'export const authOptions: NextAuthOptions = { providers: [] };',
        'export default NextAuth(authOptions);',
        'export async function me(req: any) {',
        '  const session = await getServerSession(authOptions);',
        '  const token = await getToken({ req, secret: process.env.NEXTAUTH_SECRET });',
        '  return { session, token };',
        '}',
      ),
    );
    // getToken reads the session cookie and the JWT in it (next-auth/jwt's entry, see tokens.test.ts)
    assert.deepEqual(locations, [
      'src/app.ts:4 cookie readwrite next-auth', 'src/app.ts:6 cookie read next-auth', 'src/app.ts:7 cookie read next-auth/jwt', 'src/app.ts:7 jwt read next-auth/jwt',
    ]);
  });

  test("look-alike: next-auth/react runs in the browser (useSession, signIn, getSession), and a provider's import", () => {
    const { locations } = scan(
      lines(
        "import { useSession, signIn, getSession } from 'next-auth/react';",
        "import GitHub from 'next-auth/providers/github';",
        'export const providers = [GitHub];',
        "export async function client() { await signIn('github'); return [useSession(), await getSession()]; }",
      ),
    );
    assert.deepEqual(locations, []);
  });
});

describe('lucia', () => {
  test('new Lucia(adapter, …) keeps the session id in a cookie; validateSession reads, createSession writes', () => {
    const { locations } = scan(
      lines(
        "import { Lucia } from 'lucia';",
        "import { adapter } from './db';",
        'export const lucia = new Lucia(adapter, { sessionCookie: { attributes: { secure: true } } });',
        'export async function check(sessionId: string) {',
        '  const { session } = await lucia.validateSession(sessionId);',
        "  return session ?? (await lucia.createSession('user-1', {}));",
        '}',
      ),
      { 'src/db.ts': 'export const adapter = {};\n' },
    );
    assert.deepEqual(locations, ['src/app.ts:3 cookie readwrite lucia', 'src/app.ts:5 cookie read lucia', 'src/app.ts:6 cookie write lucia']);
  });

  test("look-alike: lucia's id helper makes no session", () => {
    const { locations } = scan(lines("import { generateIdFromEntropySize } from 'lucia';", 'export const newUserId = () => generateIdFromEntropySize(10);'));
    assert.deepEqual(locations, []);
  });
});

describe('iron-session', () => {
  test('getIronSession(req, res, …) reads and writes the sealed cookie, save writes; sealData writes, unsealData reads', () => {
    const { locations } = scan(
      lines(
        "import { getIronSession, sealData, unsealData } from 'iron-session';",
        'export async function login(req: any, res: any) {',
        "  const session = await getIronSession<{ user?: string }>(req, res, { password: process.env.SECRET!, cookieName: 'app' });",
        "  session.user = 'ada';",
        '  await session.save();',
        '}',
        "export const seal = (user: string) => sealData({ user }, { password: process.env.SECRET! });",
        'export const unseal = (seal: string) => unsealData(seal, { password: process.env.SECRET! });',
      ),
    );
    assert.deepEqual(locations, [
      'src/app.ts:3 cookie readwrite iron-session',
      'src/app.ts:5 cookie write iron-session',
      'src/app.ts:7 cookie write iron-session',
      'src/app.ts:8 cookie read iron-session',
    ]);
  });

  test("look-alike: a sealData of the app's own and a session object's save", () => {
    const { locations } = scan(
      lines(
        'export function sealData(x: unknown) { return JSON.stringify(x); }',
        'export async function keep(session: { save(): Promise<void> }) { await session.save(); return sealData({}); }',
      ),
    );
    assert.deepEqual(locations, []);
  });
});
