import type { StoreModel } from '../types';

/**
 * Tokens: state moved into the client's hands. Signing writes it; verifying and decoding read it (and a
 * revocation list, where there is one, is a store of its own).
 */
export const tokenModels: StoreModel[] = [
  {
    id: 'jsonwebtoken', docs: 'https://github.com/auth0/node-jsonwebtoken#readme', modules: ['jsonwebtoken'], kind: 'jwt', direct: true,
    ops: { write: ['sign'], read: ['verify', 'decode'], fallback: 'ignore' },
  },
  {
    id: 'jose', docs: 'https://github.com/panva/jose#readme', modules: ['jose', 'jose/jwt/sign', 'jose/jwt/verify'], kind: 'jwt', direct: true,
    factories: ['SignJWT', 'EncryptJWT', 'UnsecuredJWT', 'CompactSign', 'CompactEncrypt'],
    ops: {
      write: ['sign', 'encrypt', 'encode'], read: ['jwtVerify', 'jwtDecrypt', 'decodeJwt', 'decodeProtectedHeader', 'compactVerify', 'compactDecrypt', 'decode'],
      ignore: ['createRemoteJWKSet', 'createLocalJWKSet', 'importJWK', 'importSPKI', 'importPKCS8', 'importX509', 'exportJWK', 'generateKeyPair', 'generateSecret', 'calculateJwkThumbprint'],
      fallback: 'ignore',
    },
  },
  {
    id: '@nestjs/jwt', docs: 'https://github.com/nestjs/jwt#readme', modules: ['@nestjs/jwt'], kind: 'jwt', factories: ['JwtService'], types: ['JwtService'],
    ops: { write: ['sign', 'signAsync'], read: ['verify', 'verifyAsync', 'decode'], fallback: 'ignore' },
  },
  {
    id: 'passport-jwt', docs: 'https://github.com/mikenicholson/passport-jwt#readme', modules: ['passport-jwt'], kind: 'jwt', factories: ['Strategy', 'JwtStrategy'],
    // a class built on the strategy verifies tokens as a strategy made with `new` does (NestJS: `extends PassportStrategy(Strategy)`)
    bases: { Strategy: 'read' },
    ops: { construct: 'read', fallback: 'ignore' },
  },
  {
    id: 'jwt-simple', docs: 'https://github.com/hokaccha/node-jwt-simple#readme', modules: ['jwt-simple'], kind: 'jwt', direct: true,
    ops: { write: ['encode'], read: ['decode'], fallback: 'ignore' },
  },
  {
    id: 'express-jwt', docs: 'https://github.com/auth0/express-jwt#readme', modules: ['express-jwt', 'koa-jwt', '@koa/jwt', 'express-oauth2-jwt-bearer'],
    kind: 'jwt', factories: ['', 'expressjwt', 'default', 'jwt', 'auth'], ops: { construct: 'read', fallback: 'ignore' },
  },
  {
    // Hono's JWT helper: `sign`, `verify`, `decode`, also as `Jwt.sign` of `hono/utils/jwt`; `jwt({ secret })` is its middleware
    id: 'hono/jwt', docs: 'https://hono.dev/docs/helpers/jwt', modules: ['hono/jwt', 'hono/utils/jwt', 'hono/utils/jwt/jwt'], kind: 'jwt', direct: true,
    factories: ['jwt'], ops: { construct: 'read', write: ['sign'], read: ['verify', 'decode'], fallback: 'ignore' },
  },
  {
    // Yjs' lib0: `encodeJwt(privateKey, payload)`, `verifyJwt(publicKey, token)`, `unsafeDecode(token)`
    id: 'lib0/crypto/jwt', docs: 'https://github.com/dmonad/lib0/blob/main/crypto/jwt.js', modules: ['lib0/crypto/jwt'], kind: 'jwt', direct: true,
    ops: { write: ['encodeJwt'], read: ['verifyJwt', 'unsafeDecode'], fallback: 'ignore' },
  },
  {
    // a JWT library for Workers and other runtimes without Node's crypto
    id: '@tsndr/cloudflare-worker-jwt', docs: 'https://github.com/tsndr/cloudflare-worker-jwt#readme', modules: ['@tsndr/cloudflare-worker-jwt'], kind: 'jwt', direct: true,
    ops: { write: ['sign'], read: ['verify', 'decode'], fallback: 'ignore' },
  },
  {
    // fast-jwt makes a signer, verifier or decoder once; calling it signs, verifies or decodes
    id: 'fast-jwt', docs: 'https://github.com/nearform/fast-jwt#readme', modules: ['fast-jwt'], kind: 'jwt',
    factories: ['createSigner', 'createVerifier', 'createDecoder'],
    ops: { construct: { createSigner: 'write', createVerifier: 'read', createDecoder: 'read' }, fallback: 'ignore' },
  },
  {
    id: 'jwt-decode', docs: 'https://github.com/auth0/jwt-decode#readme', modules: ['jwt-decode'], kind: 'jwt', direct: true,
    ops: { call: 'read', read: ['jwtDecode', 'default'], fallback: 'ignore' },
  },
  {
    id: '@fastify/jwt', docs: 'https://github.com/fastify/fastify-jwt#readme', modules: ['@fastify/jwt', 'fastify-jwt'], kind: 'jwt', factories: ['', 'default'],
    // the plugin decorates the request: `await request.jwtVerify()` in a hook or handler
    receivers: [['request', 'jwtVerify'], ['req', 'jwtVerify'], ['request', 'jwtDecode'], ['req', 'jwtDecode']],
    ops: { construct: 'read', call: 'read', fallback: 'ignore' },
  },
  {
    // hapi's JWT scheme, registered as a plugin (`server.register(hapiAuthJwt2)`, `{ plugin: … }`): routes under its
    // strategy verify a token per request
    id: 'hapi-auth-jwt2', docs: 'https://github.com/dwyl/hapi-auth-jwt2#readme', modules: ['hapi-auth-jwt2', '@hapi/jwt', 'hapi-auth-jwt'], kind: 'jwt', factories: ['', 'default'],
    ops: { construct: 'read', call: 'read', fallback: 'ignore' },
  },
  {
    id: '@fastify/jwt decorations', docs: 'https://github.com/fastify/fastify-jwt#decorators', kind: 'jwt',
    // `fastify.register(fastifyJwt, …)` decorates the instance: `fastify.jwt.sign(…)`, `reply.jwtSign(…)`
    receivers: [['fastify', 'jwt'], ['app', 'jwt'], ['server', 'jwt'], ['instance', 'jwt']], direct: true,
    ops: { write: ['sign'], read: ['verify', 'decode'], fallback: 'ignore' },
  },
  {
    // Elysia's JWT plugin decorates the context under the name it is given (`jwt` by default): `({ jwt }) => jwt.sign(…)`
    id: '@elysiajs/jwt', docs: 'https://elysiajs.com/plugins/jwt', modules: ['@elysiajs/jwt'], kind: 'jwt', factories: ['jwt'],
    receivers: [['jwt']], direct: true,
    ops: { write: ['sign'], read: ['verify'], fallback: 'ignore' },
  },
  {
    // the session token of Auth.js: `getToken({ req })` reads and decrypts the JWT in the session cookie
    id: 'next-auth/jwt', docs: 'https://next-auth.js.org/configuration/options#jwt', modules: ['next-auth/jwt', '@auth/core/jwt'], kind: 'jwt', direct: true,
    factories: ['getToken'], cookie: { getToken: 'read' },
    ops: { construct: { getToken: 'read' }, write: ['encode'], read: ['decode'], fallback: 'ignore' },
    note: 'The session is a JWT kept in a cookie (Auth.js\'s default strategy); encode and decode are what Auth.js calls to make and read it.',
  },
  {
    // Clerk's Next.js SDK verifies the short-lived session token (a JWT in the `__session` cookie) of each request
    id: '@clerk/nextjs', docs: 'https://clerk.com/docs/references/nextjs/clerk-middleware', modules: ['@clerk/nextjs/server', '@clerk/nextjs'], kind: 'jwt',
    factories: ['clerkMiddleware', 'authMiddleware', 'auth', 'getAuth'], cookie: 'read',
    ops: { construct: 'read', read: ['protect'], fallback: 'ignore' },
    note: 'Clerk signs the session token; the server verifies it per request. Users and sessions are kept by Clerk.',
  },
];
