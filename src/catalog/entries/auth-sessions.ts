import type { Access, StoreModel } from '../types';

/** Auth.js's makers: `NextAuth(config)` (the default export), `Auth(request, config)`, the framework adapters. */
const AUTH_JS_MAKERS = ['', 'default', 'NextAuth', 'Auth', 'ExpressAuth', 'SvelteKitAuth'];
/** Auth.js's functions that read the session of a request from its cookie (`getToken` is in next-auth/jwt's entry). */
const AUTH_JS_READS = ['getServerSession', 'unstable_getServerSession', 'getSession'];

const each = (names: readonly string[], access: Access): Record<string, Access> => Object.fromEntries(names.map((n) => [n, access]));

/**
 * Authentication libraries that keep the session in a cookie: the session (or its id) travels with each
 * request, so any replica can serve it. Where they also keep sessions in a database, that database is
 * found by its own entry (the adapter or client they are given).
 */
export const authSessionModels: StoreModel[] = [
  {
    id: 'better-auth', docs: 'https://www.better-auth.com/docs/concepts/session-management', modules: ['better-auth'], kind: 'cookie',
    factories: ['betterAuth'],
    ops: {
      construct: 'readwrite', navigate: ['api'], read: ['getSession', 'listSessions'],
      write: ['signInEmail', 'signUpEmail', 'signInSocial', 'signOut', 'revokeSession', 'revokeSessions', 'revokeOtherSessions'],
      ignore: ['handler'], fallback: 'ignore',
    },
    note: 'The session token is a signed cookie; the sessions themselves are rows of the database it is given.',
  },
  {
    id: 'next-auth', docs: 'https://authjs.dev/getting-started/session-management/get-session',
    modules: ['next-auth', 'next-auth/next', '@auth/core', '@auth/nextjs', '@auth/express', '@auth/sveltekit'],
    kind: 'cookie', factories: [...AUTH_JS_MAKERS, ...AUTH_JS_READS],
    ops: {
      construct: { ...each(AUTH_JS_MAKERS, 'readwrite'), ...each(AUTH_JS_READS, 'read') },
      // what `NextAuth(config)` hands back: `const { auth, signIn, signOut, handlers } = NextAuth(…)`
      read: ['auth'], write: ['signIn', 'signOut'], readwrite: ['unstable_update'], ignore: ['handlers'], fallback: 'ignore',
    },
    note: 'Sessions are a JWT in a cookie by default, or a cookie naming a database session when an adapter is given. '
      + 'next-auth/react runs in the browser and is not this entry.',
  },
  {
    id: 'lucia', docs: 'https://v3.lucia-auth.com/basics/sessions', modules: ['lucia'], kind: 'cookie', factories: ['Lucia'],
    ops: {
      construct: 'readwrite', read: ['validateSession', 'getUserSessions', 'readSessionCookie', 'readBearerToken'],
      write: ['createSession', 'invalidateSession', 'invalidateUserSessions', 'deleteExpiredSessions', 'createSessionCookie', 'createBlankSessionCookie'],
      fallback: 'ignore',
    },
    note: 'The session id travels in a cookie; the sessions themselves are kept by the database adapter it is given.',
  },
  {
    id: 'iron-session', docs: 'https://github.com/vvo/iron-session#readme', modules: ['iron-session', 'iron-session/next', 'iron-session/edge'], kind: 'cookie',
    factories: ['getIronSession', 'sealData', 'unsealData', 'withIronSessionApiRoute', 'withIronSessionSsr'],
    ops: {
      construct: { getIronSession: 'readwrite', sealData: 'write', unsealData: 'read', withIronSessionApiRoute: 'readwrite', withIronSessionSsr: 'readwrite' },
      write: ['save', 'destroy'], fallback: 'ignore',
    },
    note: 'A stateless session: the data is sealed into the cookie.',
  },
];
