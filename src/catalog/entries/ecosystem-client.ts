import type { OpTable, StoreModel } from '../types';
import { SUPABASE_OPS, SUPABASE_PARTS } from './http';

// Device and browser storage, and SDKs whose state lives in another company's service (feature flags,
// analytics, search, blobs, auth), added from the npm download survey (README: "Catalog"). Each has its
// case in test/unit/catalog/ecosystem-client.test.ts.

const KEY_VALUE: OpTable = {
  read: ['get', 'getItem', 'getString', 'getNumber', 'getBoolean', 'getBuffer', 'getAllKeys', 'multiGet', 'getItemAsync', 'keys', 'has', 'contains', 'each', 'getAll', 'size'],
  write: ['set', 'setItem', 'remove', 'removeItem', 'delete', 'clear', 'clearAll', 'multiSet', 'multiRemove', 'mergeItem', 'setItemAsync', 'deleteItemAsync', 'clearStore', 'migrate'],
  fallback: 'ignore', targetArgs: 'all',
};

/** A hook or helper that binds a value to a storage key: making it reads and writes that storage. */
function persisted(id: string, modules: string[], docs: string, factories: string[], extra: Partial<StoreModel> = {}): StoreModel {
  return { id, docs, modules, kind: 'localStorage', factories, ops: { construct: 'readwrite', fallback: 'ignore' }, ...extra };
}

/** An SDK whose calls read or write state kept by a remote service. */
function remote(id: string, modules: string[], docs: string, factories: string[], ops: OpTable, extra: Partial<StoreModel> = {}): StoreModel {
  return { id, docs, modules, kind: 'http-api', factories, ops: { fallback: 'ignore', ...ops }, ...extra };
}

const FLAGS: OpTable = {
  read: ['variation', 'variationDetail', 'boolVariation', 'stringVariation', 'allFlagsState', 'isEnabled', 'getVariant', 'isOn', 'isOff', 'getFeatureValue', 'evalFeature', 'hasFeature', 'getValue', 'getFlags', 'getAllFlags', 'getFeatureFlag', 'isFeatureEnabled', 'getEnvironmentFlags', 'getIdentityFlags', 'getFeatureFlagPayload'],
  write: ['identify', 'track', 'capture', 'alias', 'group', 'setTrait', 'setTraits'],
  ignore: ['close', 'flush', 'on', 'waitForInitialization', 'init', 'start', 'shutdown', 'loadFeatures', 'destroy', 'ready'],
};
const ANALYTICS: OpTable = { write: ['capture', 'track', 'identify', 'alias', 'group', 'page', 'screen', 'groupIdentify', 'set', 'set_once', 'increment', 'append', 'logEvent', 'people'], read: ['getFeatureFlag', 'isFeatureEnabled', 'getAllFlags'], navigate: ['people', 'groups'], ignore: ['init', 'shutdown', 'flush', 'close', 'reset', 'register', 'opt_out_capturing'] };

/**
 * AWS services other than the stores with entries of their own (S3, DynamoDB, SQS, SNS, Kinesis, RDS Data,
 * Athena): SDK v3 clients whose calls ask another service to act (invoke a function, start a workflow, a
 * transcoding job, an e-mail), as a call to another company's API is.
 */
const AWS_SERVICES: Record<string, readonly string[]> = {
  lambda: ['Lambda'], sfn: ['SFN'], mediaconvert: ['MediaConvert'], 'mediapackage-vod': ['MediaPackageVod'], mediapackage: ['MediaPackage'],
  cloudfront: ['CloudFront'], ses: ['SES'], sesv2: ['SESv2'], eventbridge: ['EventBridge'], 'cloudwatch-events': ['CloudWatchEvents'],
  'cognito-identity-provider': ['CognitoIdentityProvider'], 'secrets-manager': ['SecretsManager'], ssm: ['SSM'], sts: ['STS'], iam: ['IAM'],
  ecs: ['ECS'], batch: ['Batch'], scheduler: ['Scheduler'], 'api-gateway': ['APIGateway'], 'apigatewaymanagementapi': ['ApiGatewayManagementApi'],
  'bedrock-runtime': ['BedrockRuntime'], 'sagemaker-runtime': ['SageMakerRuntime'], textract: ['Textract'], rekognition: ['Rekognition'],
  comprehend: ['Comprehend'], translate: ['Translate'], polly: ['Polly'], transcribe: ['Transcribe'], 'iot-data-plane': ['IoTDataPlane'],
  kms: ['KMS'], 'cloudwatch': ['CloudWatch'], 'cloudwatch-logs': ['CloudWatchLogs'], pinpoint: ['Pinpoint'], location: ['Location'],
};
const awsFactories = Object.values(AWS_SERVICES).flatMap((names) => names.flatMap((n) => [n, `${n}Client`]));

export const ecosystemClientModels: StoreModel[] = [
  remote('@aws-sdk/client-* (AWS services)', Object.keys(AWS_SERVICES).map((n) => `@aws-sdk/client-${n}`), 'https://docs.aws.amazon.com/AWSJavaScriptSDK/v3/latest/',
    awsFactories, {
      command: ['send'], write: ['invoke', 'invokeAsync', 'invokeModel', 'startExecution', 'startSyncExecution', 'sendEmail', 'sendRawEmail', 'putEvents', 'postToConnection', 'startJob', 'startTranscriptionJob'],
      ignore: ['destroy', 'middlewareStack', 'config'], fallback: 'verb',
    }, { types: awsFactories }),
  {
    id: 'store2', docs: 'https://github.com/nbubna/store#readme', modules: ['store2'], kind: 'localStorage', direct: true,
    ops: { ...KEY_VALUE, call: 'readwrite', navigate: ['local', 'session', 'namespace', 'area'] },
    note: '`store(key, value)` writes and `store(key)` reads; `store.session` is sessionStorage, shown as localStorage.',
  },
  {
    id: '@react-native-async-storage/async-storage', docs: 'https://react-native-async-storage.github.io/async-storage/docs/api', modules: ['@react-native-async-storage/async-storage', '@react-native-community/async-storage'],
    kind: 'localStorage', direct: true, ops: KEY_VALUE, note: 'The device\'s key-value storage of a React Native app: per user and device, like localStorage.',
  },
  { id: 'react-native-mmkv', docs: 'https://github.com/mrousavy/react-native-mmkv#readme', modules: ['react-native-mmkv'], kind: 'localStorage', factories: ['MMKV', 'createMMKV'], types: ['MMKV'], ops: KEY_VALUE },
  { id: '@capacitor/preferences', docs: 'https://capacitorjs.com/docs/apis/preferences', modules: ['@capacitor/preferences', '@capacitor/storage'], kind: 'localStorage', direct: true, ops: KEY_VALUE },
  { id: 'expo-secure-store', docs: 'https://docs.expo.dev/versions/latest/sdk/securestore/', modules: ['expo-secure-store'], kind: 'localStorage', direct: true, ops: { ...KEY_VALUE, read: [...KEY_VALUE.read!, 'getItemSync'], write: [...KEY_VALUE.write!, 'setItemSync'] } },
  {
    id: 'expo-sqlite', docs: 'https://docs.expo.dev/versions/latest/sdk/sqlite/', modules: ['expo-sqlite', 'expo-sqlite/next'], kind: 'sqlite', direct: true,
    factories: ['openDatabaseAsync', 'openDatabaseSync', 'openDatabase'], types: ['SQLiteDatabase'],
    ops: { sql: ['runAsync', 'getAllAsync', 'getFirstAsync', 'execAsync', 'getEachAsync', 'runSync', 'getAllSync', 'getFirstSync', 'execSync', 'executeSql'], navigate: ['withTransactionAsync', 'transaction'], ignore: ['closeAsync', 'useSQLiteContext', 'SQLiteProvider'], fallback: 'ignore' },
  },
  persisted('redux-persist', ['redux-persist'], 'https://github.com/rt2zz/redux-persist#readme', ['persistReducer', 'persistStore', 'persistCombineReducers']),
  persisted('zustand/middleware', ['zustand/middleware'], 'https://zustand.docs.pmnd.rs/integrations/persisting-store-data', ['persist'], { kindFrom: { argClient: true } }),
  persisted('jotai/utils', ['jotai/utils', 'jotai/vanilla/utils'], 'https://jotai.org/docs/utilities/storage', ['atomWithStorage']),
  persisted('@nanostores/persistent', ['@nanostores/persistent'], 'https://github.com/nanostores/persistent#readme', ['persistentAtom', 'persistentMap', 'persistentJSON']),
  persisted('pinia-plugin-persistedstate', ['pinia-plugin-persistedstate'], 'https://prazdevs.github.io/pinia-plugin-persistedstate/', ['', 'default', 'createPersistedState']),
  persisted('use-local-storage-state', ['use-local-storage-state'], 'https://github.com/astoilkov/use-local-storage-state#readme', ['', 'default', 'useLocalStorageState', 'createLocalStorageStateHook']),
  persisted('usehooks-ts', ['usehooks-ts', '@uidotdev/usehooks'], 'https://usehooks-ts.com/react-hook/use-local-storage', ['useLocalStorage', 'useSessionStorage', 'useReadLocalStorage'], {
    factoryKinds: { useSessionStorage: 'sessionStorage' }, ops: { construct: { useLocalStorage: 'readwrite', useSessionStorage: 'readwrite', useReadLocalStorage: 'read' }, fallback: 'ignore' },
  }),
  persisted('@vueuse/core', ['@vueuse/core'], 'https://vueuse.org/core/useStorage/', ['useLocalStorage', 'useSessionStorage', 'useStorage', 'useStorageAsync'], { factoryKinds: { useSessionStorage: 'sessionStorage' } }),
  persisted('@tanstack/query-sync-storage-persister', ['@tanstack/query-sync-storage-persister', '@tanstack/query-async-storage-persister'], 'https://tanstack.com/query/latest/docs/framework/react/plugins/createSyncStoragePersister',
    ['createSyncStoragePersister', 'createAsyncStoragePersister'], { kindFrom: { options: ['storage'], argClient: true } }),
  remote('posthog-node', ['posthog-node'], 'https://posthog.com/docs/libraries/node', ['PostHog'], ANALYTICS),
  { ...remote('posthog-js', ['posthog-js', 'posthog-js/react'], 'https://posthog.com/docs/libraries/js', [], ANALYTICS), direct: true },
  remote('mixpanel', ['mixpanel', 'mixpanel-browser'], 'https://docs.mixpanel.com/docs/tracking-methods/sdks/nodejs', ['init'], ANALYTICS),
  remote('@segment/analytics-node', ['@segment/analytics-node', 'analytics-node', '@segment/analytics-next'], 'https://segment.com/docs/connections/sources/catalog/libraries/server/node/', ['Analytics', '', 'default', 'AnalyticsBrowser.load'], ANALYTICS),
  { ...remote('@amplitude/analytics-node', ['@amplitude/analytics-node', '@amplitude/analytics-browser', 'amplitude-js'], 'https://amplitude.com/docs/sdks/analytics/node/node-js-sdk', [], ANALYTICS), direct: true },
  remote('@launchdarkly/node-server-sdk', ['@launchdarkly/node-server-sdk', 'launchdarkly-node-server-sdk'], 'https://launchdarkly.com/docs/sdk/server-side/node-js', ['init'], FLAGS),
  remote('launchdarkly-js-client-sdk', ['launchdarkly-js-client-sdk', 'launchdarkly-react-client-sdk'], 'https://launchdarkly.com/docs/sdk/client-side/javascript', ['initialize', 'asyncWithLDProvider'], FLAGS),
  remote('unleash-client', ['unleash-client', 'unleash-proxy-client', '@unleash/proxy-client-react'], 'https://docs.getunleash.io/reference/sdks/node', ['initialize', 'startUnleash', 'Unleash', 'UnleashClient'], FLAGS, { direct: true }),
  remote('@growthbook/growthbook', ['@growthbook/growthbook', '@growthbook/growthbook-react'], 'https://docs.growthbook.io/lib/js', ['GrowthBook', 'GrowthBookClient'], FLAGS),
  remote('flagsmith', ['flagsmith', 'flagsmith-nodejs', 'flagsmith/isomorphic'], 'https://docs.flagsmith.com/clients/javascript', ['', 'default', 'Flagsmith'], FLAGS, { direct: true }),
  remote('meilisearch', ['meilisearch'], 'https://github.com/meilisearch/meilisearch-js#readme', ['MeiliSearch', 'Meilisearch'], {
    read: ['search', 'multiSearch', 'getDocument', 'getDocuments', 'getStats', 'getTask', 'getIndexes'], write: ['addDocuments', 'updateDocuments', 'deleteDocument', 'deleteDocuments', 'deleteAllDocuments', 'createIndex', 'deleteIndex', 'updateSettings', 'addDocumentsInBatches'],
    navigate: ['index'], targetArgs: ['index'],
  }, { note: 'A search engine reached over HTTP: shown as an external API.' }),
  remote('typesense', ['typesense'], 'https://typesense.org/docs/latest/api/', ['Client', 'SearchClient'], {
    read: ['search', 'retrieve', 'export', 'perform'], write: ['create', 'upsert', 'update', 'delete', 'import'], navigate: ['collections', 'documents', 'multiSearch', 'keys', 'aliases'], targetArgs: ['collections'],
  }, { note: 'A search engine reached over HTTP: shown as an external API.' }),
  { ...remote('@vercel/edge-config', ['@vercel/edge-config'], 'https://vercel.com/docs/edge-config/edge-config-sdk', ['createClient'], { read: ['get', 'getAll', 'has', 'digest'] }), direct: true },
  {
    id: '@vercel/blob', docs: 'https://vercel.com/docs/vercel-blob/using-blob-sdk', modules: ['@vercel/blob', '@vercel/blob/client'], kind: 's3', direct: true,
    ops: { write: ['put', 'del', 'copy', 'upload', 'handleUpload', 'createMultipartUpload'], read: ['head', 'list'], fallback: 'ignore', targetArgs: ['put', 'del', 'head'] },
    note: 'Vercel Blob is object storage: shown with S3 object storage.',
  },
  {
    id: '@netlify/blobs', docs: 'https://docs.netlify.com/build/data-and-storage/netlify-blobs/', modules: ['@netlify/blobs'], kind: 's3', factories: ['getStore', 'getDeployStore'],
    ops: { read: ['get', 'getWithMetadata', 'getMetadata', 'list'], write: ['set', 'setJSON', 'delete'], fallback: 'ignore', targetArgs: 'all' },
    note: 'Netlify Blobs is object storage: shown with S3 object storage.',
  },
  {
    id: 'aws-amplify', docs: 'https://docs.amplify.aws/javascript/', direct: true, kind: 'http-api',
    modules: ['aws-amplify', 'aws-amplify/api', '@aws-amplify/api', '@aws-amplify/api-rest', 'aws-amplify/storage', '@aws-amplify/storage', 'aws-amplify/datastore', '@aws-amplify/datastore'],
    kindFrom: { modules: { 'aws-amplify/storage': 's3', '@aws-amplify/storage': 's3', 'aws-amplify/datastore': 'dynamodb', '@aws-amplify/datastore': 'dynamodb' } },
    ops: {
      http: ['get', 'post', 'put', 'patch', 'del', 'head'], graphql: ['graphql'],
      read: ['downloadData', 'getUrl', 'getProperties', 'list', 'query', 'observe', 'observeQuery'], write: ['uploadData', 'remove', 'copy', 'save', 'delete', 'clear'],
      navigate: ['API', 'Storage', 'DataStore'], ignore: ['configure', 'Amplify', 'generateClient', 'Auth', 'Hub'], fallback: 'ignore',
    },
    note: 'v6 subpaths say the store (aws-amplify/storage is S3, aws-amplify/datastore DynamoDB); v5\'s API and Storage from the root module are shown as an external API.',
  },
  remote('@clerk/backend', ['@clerk/backend', '@clerk/clerk-sdk-node', '@clerk/express'], 'https://clerk.com/docs/references/backend/overview', ['createClerkClient', 'clerkClient'], {
    navigate: ['users', 'organizations', 'sessions', 'invitations', 'clients'], fallback: 'verb',
  }, { direct: true, note: 'Users and sessions are kept by Clerk.' }),
  remote('auth0', ['auth0'], 'https://auth0.github.io/node-auth0/', ['ManagementClient', 'AuthenticationClient', 'UserInfoClient'], {
    navigate: ['users', 'roles', 'organizations', 'clients', 'database', 'oauth'], fallback: 'verb',
  }, { note: 'Users are kept by Auth0.' }),
  remote('pusher', ['pusher'], 'https://pusher.com/docs/channels/server_api/http-api/', ['', 'default', 'Pusher'], { write: ['trigger', 'triggerBatch', 'sendToUser', 'terminateUserConnections'], read: ['get'] }),
  remote('ably', ['ably', 'ably/promises'], 'https://ably.com/docs/api/realtime-sdk', ['Realtime', 'Rest', 'Realtime.Promise', 'Rest.Promise'], {
    navigate: ['channels'], write: ['publish'], read: ['subscribe', 'history', 'presence'], ignore: ['get', 'close', 'connect', 'connection', 'auth'], targetArgs: ['get'],
  }),
  remote('@upstash/qstash', ['@upstash/qstash', '@upstash/qstash/nextjs'], 'https://upstash.com/docs/qstash/sdks/ts/overview', ['Client'], { write: ['publish', 'publishJSON', 'enqueue', 'enqueueJSON', 'batch', 'batchJSON'], navigate: ['queue', 'schedules', 'messages'], read: ['list', 'get'] }),
  remote('inngest', ['inngest'], 'https://www.inngest.com/docs/reference/events/send', ['Inngest'], { write: ['send'], ignore: ['createFunction', 'serve'] }),
  {
    id: '@supabase/ssr', docs: 'https://supabase.com/docs/guides/auth/server-side/creating-a-client', modules: ['@supabase/ssr', '@supabase/auth-helpers-nextjs'], kind: 'postgres',
    factories: ['createServerClient', 'createBrowserClient', 'createServerComponentClient', 'createClientComponentClient', 'createRouteHandlerClient'],
    ops: SUPABASE_OPS, memberKinds: SUPABASE_PARTS,
    note: 'The Supabase client made with the session\'s cookies: `from(table)` reaches its Postgres database, `storage` its object storage.',
  },
];
