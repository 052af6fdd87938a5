import type { StoreKind } from '../kinds';
import type { OpTable, StoreModel } from '../types';

const VERBS = ['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options', 'request'];
const HTTP_CLIENT: OpTable = {
  call: 'http', http: VERBS, ignore: ['interceptors', 'defaults', 'isCancel', 'isAxiosError', 'all', 'spread', 'CancelToken'], fallback: 'ignore',
};

function httpClient(id: string, modules: string[], docs: string, extra: Partial<StoreModel> = {}): StoreModel {
  return { id, docs, modules, kind: 'http-api', direct: true, ops: HTTP_CLIENT, ...extra };
}

/** Vendor SDKs: their state is another company's database, reached over HTTP. */
const VENDOR_SDKS: Array<[string, string[]]> = [
  ['stripe', ['', 'Stripe', 'default']], ['openai', ['', 'OpenAI', 'default']], ['@anthropic-ai/sdk', ['', 'Anthropic', 'default']],
  ['twilio', ['', 'Twilio', 'default']], ['@sendgrid/mail', []], ['@slack/web-api', ['WebClient']], ['@octokit/rest', ['Octokit']],
  ['octokit', ['Octokit', 'App']], ['@mailchimp/mailchimp_marketing', []], ['resend', ['Resend']], ['postmark', ['ServerClient', 'Client']],
  ['algoliasearch', ['', 'default', 'algoliasearch']], ['@pinecone-database/pinecone', ['Pinecone']],
];

/**
 * A Supabase client: `from(table)` and `rpc` reach its Postgres database (through PostgREST), `storage` its
 * S3-compatible object storage, `auth` and `functions` its HTTP APIs.
 */
export const SUPABASE_OPS: OpTable = {
  navigate: ['from', 'schema', 'storage', 'auth', 'admin', 'functions', 'mfa', 'eq', 'neq', 'in', 'match', 'order', 'limit', 'range', 'filter', 'is', 'gt', 'lt', 'gte', 'lte', 'like', 'ilike'],
  read: ['select', 'single', 'maybeSingle', 'download', 'list', 'createSignedUrl', 'createSignedUrls', 'getPublicUrl', 'getUser', 'getSession', 'getUserById', 'listUsers', 'exists', 'info'],
  write: ['insert', 'update', 'upsert', 'delete', 'upload', 'remove', 'move', 'copy', 'invoke', 'signUp', 'signInWithPassword', 'signInWithOtp', 'signInWithOAuth', 'signOut', 'updateUser', 'createUser', 'deleteUser', 'inviteUserByEmail', 'resetPasswordForEmail', 'exchangeCodeForSession', 'verifyOtp', 'setSession', 'refreshSession'],
  readwrite: ['rpc'],
  ignore: ['channel', 'removeChannel', 'removeAllChannels', 'getChannels', 'onAuthStateChange', 'startAutoRefresh', 'stopAutoRefresh'],
  targetArgs: ['from'], fallback: 'ignore',
};
export const SUPABASE_PARTS: Readonly<Record<string, StoreKind>> = { storage: 's3', auth: 'http-api', functions: 'http-api' };

/** HTTP clients and GraphQL clients: state kept by other services. */
export const httpModels: StoreModel[] = [
  {
    id: 'fetch', docs: 'https://developer.mozilla.org/en-US/docs/Web/API/Fetch_API', globals: [['fetch']],
    modules: ['node-fetch', 'cross-fetch', 'isomorphic-fetch', 'isomorphic-unfetch', 'unfetch', '@whatwg-node/fetch', 'undici-fetch'],
    kind: 'http-api', direct: true, ops: { call: 'http', http: ['fetch', 'default'], fallback: 'ignore' },
  },
  httpClient('axios', ['axios'], 'https://axios-http.com/docs/api_intro', { factories: ['create'], types: ['AxiosInstance'] }),
  httpClient('got', ['got'], 'https://github.com/sindresorhus/got#readme', { factories: ['extend', 'create'], types: ['Got'] }),
  httpClient('ky', ['ky', 'ky-universal'], 'https://github.com/sindresorhus/ky#readme', { factories: ['create', 'extend'] }),
  httpClient('superagent', ['superagent', 'supertest'], 'https://ladjs.github.io/superagent/', {}),
  httpClient('request', ['request', 'request-promise', 'request-promise-native', 'postman-request'], 'https://github.com/request/request#readme', { factories: ['defaults'] }),
  httpClient('needle', ['needle'], 'https://github.com/tomas/needle#readme'),
  httpClient('ofetch', ['ofetch', 'ohmyfetch'], 'https://github.com/unjs/ofetch#readme', { ops: { ...HTTP_CLIENT, http: [...VERBS, 'ofetch', '$fetch', 'raw'] }, factories: ['create'] }),
  {
    id: 'undici', docs: 'https://undici.nodejs.org/#/', modules: ['undici'], kind: 'http-api', direct: true, factories: ['Pool', 'Client', 'Agent', 'ProxyAgent'],
    ops: { http: ['request', 'fetch', 'stream', 'pipeline'], ignore: ['setGlobalDispatcher', 'getGlobalDispatcher', 'close', 'destroy'], fallback: 'ignore' },
  },
  {
    id: 'http', docs: 'https://nodejs.org/api/http.html#httprequestoptions-callback', modules: ['http', 'https', 'http2'], kind: 'http-api', direct: true,
    ops: { http: ['request', 'get'], fallback: 'ignore' },
    note: 'Only outgoing requests: createServer and friends are not state.',
  },
  {
    id: 'XMLHttpRequest', docs: 'https://developer.mozilla.org/en-US/docs/Web/API/XMLHttpRequest', globals: [['XMLHttpRequest']], kind: 'http-api',
    factories: [''], ops: { http: ['open'], fallback: 'ignore' },
  },
  {
    id: '@angular/common/http', docs: 'https://angular.dev/api/common/http/HttpClient', modules: ['@angular/common/http'], kind: 'http-api',
    factories: ['HttpClient'], types: ['HttpClient'], ops: { http: [...VERBS, 'jsonp'], fallback: 'ignore' },
  },
  {
    id: '@apollo/client', docs: 'https://www.apollographql.com/docs/react/api/core/ApolloClient', modules: ['@apollo/client', '@apollo/client/core', '@apollo/client/react', 'apollo-boost', 'apollo-client'],
    kind: 'http-api', direct: true, factories: ['ApolloClient'], types: ['ApolloClient'],
    ops: {
      read: ['query', 'watchQuery', 'subscribe', 'useQuery', 'useLazyQuery', 'useSuspenseQuery', 'useBackgroundQuery', 'useSubscription', 'refetchQueries'],
      write: ['mutate', 'useMutation'], ignore: ['gql', 'readQuery', 'writeQuery', 'readFragment', 'writeFragment', 'resetStore', 'clearStore', 'cache', 'useApolloClient', 'ApolloProvider', 'InMemoryCache', 'HttpLink', 'createHttpLink', 'from'],
      fallback: 'ignore',
    },
  },
  {
    id: 'graphql-request', docs: 'https://github.com/graffle-js/graffle#readme', modules: ['graphql-request', 'graffle'], kind: 'http-api', direct: true,
    factories: ['GraphQLClient'], types: ['GraphQLClient'], ops: { graphql: ['request', 'rawRequest', 'default'], ignore: ['gql', 'setHeader', 'setHeaders'], fallback: 'ignore' },
  },
  {
    id: 'urql', docs: 'https://commerce.nearform.com/open-source/urql/docs/api/core/', modules: ['urql', '@urql/core', '@urql/vue', '@urql/svelte'], kind: 'http-api', direct: true,
    factories: ['createClient', 'Client'], ops: { read: ['query', 'useQuery', 'subscription', 'useSubscription', 'queryStore'], write: ['mutation', 'useMutation'], ignore: ['gql', 'Provider', 'cacheExchange', 'fetchExchange'], fallback: 'ignore' },
  },
  {
    id: '@tanstack/react-query', docs: 'https://tanstack.com/query/latest/docs/framework/react/reference/useQuery', modules: ['@tanstack/react-query', '@tanstack/vue-query', 'react-query'],
    kind: 'http-api', direct: true, ops: { read: ['useQuery', 'useSuspenseQuery', 'useInfiniteQuery', 'useQueries'], write: ['useMutation'], fallback: 'ignore' },
    note: 'Hooks over a fetcher: the fetcher itself is usually found too; these add the intent (query vs mutation).',
  },
  {
    id: 'swr', docs: 'https://swr.vercel.app/docs/api', modules: ['swr', 'swr/infinite', 'swr/immutable'], kind: 'http-api', direct: true,
    ops: { call: 'read', read: ['useSWR', 'useSWRInfinite', 'useSWRImmutable', 'default', 'preload'], ignore: ['SWRConfig', 'useSWRConfig', 'mutate', 'unstable_serialize'], fallback: 'ignore' },
    note: 'The default export is the hook: `useSWR(key, fetcher)`. `mutate` revalidates the local cache, it sends nothing itself.',
  },
  {
    id: 'swr/mutation', docs: 'https://swr.vercel.app/docs/mutation#useswrmutation', modules: ['swr/mutation'], kind: 'http-api', direct: true,
    ops: { call: 'write', write: ['useSWRMutation', 'default'], fallback: 'ignore' },
  },
  {
    id: '@supabase/supabase-js', docs: 'https://supabase.com/docs/reference/javascript/introduction', modules: ['@supabase/supabase-js'], kind: 'postgres',
    factories: ['createClient'], types: ['SupabaseClient'], ops: SUPABASE_OPS, memberKinds: SUPABASE_PARTS,
    note: 'Tables and `rpc` are its Postgres database; `storage` its S3-compatible object storage; `auth` and `functions` its HTTP APIs.',
  },
  {
    // mail goes to another service (an SMTP relay or a provider's API); the transport is its client
    id: 'nodemailer', docs: 'https://nodemailer.com/usage/', modules: ['nodemailer'], kind: 'http-api', factories: ['createTransport'],
    ops: { write: ['sendMail'], ignore: ['verify', 'close', 'use', 'on', 'isIdle', 'set'], fallback: 'ignore' },
  },
  ...VENDOR_SDKS.map(([id, factories]): StoreModel => ({
    id, docs: `https://www.npmjs.com/package/${id}`, modules: [id], kind: 'http-api', factories, direct: factories.length === 0,
    // configuration named with a data verb (`setConfig`, `addAlgoliaAgent`) is not a call to the API
    ops: {
      fallback: 'verb',
      ignore: ['setApiKey', 'setConfig', 'setTimeout', 'setClient', 'setDefaultRequest', 'setSubstitutionWrappers', 'setTwilioEmailAuth', 'addAlgoliaAgent', 'on', 'close'],
    },
  })),
];
