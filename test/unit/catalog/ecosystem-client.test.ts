// One describe per entry of src/catalog/entries/ecosystem-client.ts (the table runner is ecosystem-cases.ts).
import { runCases, type EntryCase } from './ecosystem-cases';

const CASES: EntryCase[] = [
  {
    id: '@aws-sdk/client-* (AWS services)', what: 'a Lambda invoked, a workflow started, a transcoding job created: calls to another service; Get and Describe commands read',
    code: [
      "import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda';",
      "import { SFNClient, StartExecutionCommand, DescribeExecutionCommand } from '@aws-sdk/client-sfn';",
      "import { MediaConvert } from '@aws-sdk/client-mediaconvert';",
      'const lambda = new LambdaClient({});',
      'const sfn = new SFNClient({});',
      'const mediaconvert = new MediaConvert({ endpoint: process.env.EndPoint });',
      "export const fail = (e: string) => lambda.send(new InvokeCommand({ FunctionName: process.env.ErrorHandler, Payload: e }));",
      "export const start = (input: string) => sfn.send(new StartExecutionCommand({ stateMachineArn: process.env.Workflow, input }));",
      "export const status = (arn: string) => sfn.send(new DescribeExecutionCommand({ executionArn: arn }));",
      "export const encode = (job: object) => mediaconvert.createJob(job);",
      "export const notify = (e: string) => new LambdaClient({}).invoke({ FunctionName: 'errors', Payload: e });",
    ],
    locations: ['src/app.ts:10 http-api write @aws-sdk/client-* (AWS services)', 'src/app.ts:11 http-api write @aws-sdk/client-* (AWS services)', 'src/app.ts:7 http-api write @aws-sdk/client-* (AWS services)', 'src/app.ts:8 http-api write @aws-sdk/client-* (AWS services)', 'src/app.ts:9 http-api read @aws-sdk/client-* (AWS services)'],
  },
  {
    id: 'store2', what: 'store(key, value) writes and store.get reads localStorage',
    code: ["import store from 'store2';", "export const save = (v: string) => store('draft', v);", "export const load = () => store.get('draft');"],
    locations: ['src/app.ts:2 localStorage readwrite store2', 'src/app.ts:3 localStorage read store2'],
  },
  {
    id: '@react-native-async-storage/async-storage', what: 'getItem reads, setItem writes the device\'s storage',
    code: ["import AsyncStorage from '@react-native-async-storage/async-storage';", "export const load = () => AsyncStorage.getItem('token');", "export const save = (t: string) => AsyncStorage.setItem('token', t);"],
    locations: ['src/app.ts:2 localStorage read @react-native-async-storage/async-storage', 'src/app.ts:3 localStorage write @react-native-async-storage/async-storage'],
  },
  {
    id: 'react-native-mmkv', what: 'new MMKV(): getString reads, set writes',
    code: ["import { MMKV } from 'react-native-mmkv';", 'const storage = new MMKV();', "export const load = () => storage.getString('user');", "export const save = (u: string) => storage.set('user', u);"],
    locations: ['src/app.ts:3 localStorage read react-native-mmkv', 'src/app.ts:4 localStorage write react-native-mmkv'],
  },
  {
    id: '@capacitor/preferences', what: 'Preferences.get reads, set writes',
    code: ["import { Preferences } from '@capacitor/preferences';", "export const load = () => Preferences.get({ key: 'name' });", "export const save = (value: string) => Preferences.set({ key: 'name', value });"],
    locations: ['src/app.ts:2 localStorage read @capacitor/preferences', 'src/app.ts:3 localStorage write @capacitor/preferences'],
  },
  {
    id: 'expo-secure-store', what: 'getItemAsync reads, setItemAsync writes the keychain',
    code: ["import * as SecureStore from 'expo-secure-store';", "export const load = () => SecureStore.getItemAsync('token');", "export const save = (t: string) => SecureStore.setItemAsync('token', t);"],
    locations: ['src/app.ts:2 localStorage read expo-secure-store', 'src/app.ts:3 localStorage write expo-secure-store'],
  },
  {
    id: 'expo-sqlite', what: 'openDatabaseAsync: the SQL verb decides',
    code: ["import * as SQLite from 'expo-sqlite';", "const db = await SQLite.openDatabaseAsync('app.db');", "export const all = () => db.getAllAsync('SELECT * FROM todos');", "export const add = (t: string) => db.runAsync('INSERT INTO todos (value) VALUES (?)', t);"],
    locations: ['src/app.ts:3 sqlite read expo-sqlite', 'src/app.ts:4 sqlite write expo-sqlite'],
  },
  {
    id: 'redux-persist', what: 'persistReducer keeps the store in localStorage',
    code: ["import { persistReducer } from 'redux-persist';", "import storage from 'redux-persist/lib/storage';", 'const root = (s = {}) => s;', "export const persisted = persistReducer({ key: 'root', storage }, root);"],
    locations: ['src/app.ts:4 localStorage readwrite redux-persist'],
  },
  {
    id: 'zustand/middleware', what: 'persist keeps a zustand store in localStorage',
    code: ["import { create } from 'zustand';", "import { persist } from 'zustand/middleware';", "export const useCart = create(persist(() => ({ items: [] as string[] }), { name: 'cart' }));"],
    locations: ['src/app.ts:3 localStorage readwrite zustand/middleware'],
  },
  {
    id: '@nanostores/persistent', what: 'persistentAtom binds a value to a localStorage key',
    code: ["import { persistentAtom } from '@nanostores/persistent';", "export const locale = persistentAtom('locale', 'en');"],
    locations: ['src/app.ts:2 localStorage readwrite @nanostores/persistent'],
  },
  {
    id: 'pinia-plugin-persistedstate', what: 'pinia.use(plugin) keeps stores in localStorage',
    code: ["import { createPinia } from 'pinia';", "import piniaPluginPersistedstate from 'pinia-plugin-persistedstate';", 'const pinia = createPinia();', 'pinia.use(piniaPluginPersistedstate);'],
    locations: ['src/app.ts:4 localStorage readwrite pinia-plugin-persistedstate'],
  },
  {
    id: 'use-local-storage-state', what: 'the hook reads and writes its key',
    code: ["import useLocalStorageState from 'use-local-storage-state';", "export const useTodos = () => useLocalStorageState('todos', { defaultValue: [] as string[] });"],
    locations: ['src/app.ts:2 localStorage readwrite use-local-storage-state'],
  },
  {
    id: 'jotai/utils', what: 'atomWithStorage keeps an atom in localStorage (HabitTrove, set 26)',
    code: ["import { atomWithStorage } from 'jotai/utils';", "export const settingsAtom = atomWithStorage('browserSettings', { viewType: 'habits' });"],
    locations: ['src/app.ts:2 localStorage readwrite jotai/utils'],
  },
  {
    id: 'usehooks-ts', what: 'useLocalStorage and useSessionStorage: each its storage',
    code: ["import { useLocalStorage, useSessionStorage } from 'usehooks-ts';", "export const useTheme = () => useLocalStorage('theme', 'dark');", "export const useStep = () => useSessionStorage('step', 1);"],
    locations: ['src/app.ts:2 localStorage readwrite usehooks-ts', 'src/app.ts:3 sessionStorage readwrite usehooks-ts'],
  },
  {
    id: '@vueuse/core', what: 'useLocalStorage binds a ref to a key',
    code: ["import { useLocalStorage } from '@vueuse/core';", "export const theme = useLocalStorage('theme', 'dark');"],
    locations: ['src/app.ts:2 localStorage readwrite @vueuse/core'],
  },
  {
    id: '@tanstack/query-sync-storage-persister', what: 'a persister over sessionStorage keeps the query cache there',
    code: ["import { createSyncStoragePersister } from '@tanstack/query-sync-storage-persister';", 'export const persister = createSyncStoragePersister({ storage: window.sessionStorage });'],
    locations: ['src/app.ts:2 sessionStorage readwrite @tanstack/query-sync-storage-persister'],
  },
  {
    id: 'posthog-node', what: 'capture writes events, isFeatureEnabled reads flags',
    code: ["import { PostHog } from 'posthog-node';", 'const posthog = new PostHog(process.env.POSTHOG_KEY!);', "export const track = (id: string) => posthog.capture({ distinctId: id, event: 'signup' });", "export const beta = (id: string) => posthog.isFeatureEnabled('beta', id);"],
    locations: ['src/app.ts:3 http-api write posthog-node', 'src/app.ts:4 http-api read posthog-node'],
  },
  {
    id: 'posthog-js', what: 'posthog.capture in the browser writes events',
    code: ["import posthog from 'posthog-js';", "export const track = () => posthog.capture('clicked');"],
    locations: ['src/app.ts:2 http-api write posthog-js'],
  },
  {
    id: 'mixpanel', what: 'mixpanel.init(token).track writes events',
    code: ["import Mixpanel from 'mixpanel';", 'const mixpanel = Mixpanel.init(process.env.MIXPANEL_TOKEN!);', "export const track = (id: string) => mixpanel.track('signup', { distinct_id: id });"],
    locations: ['src/app.ts:3 http-api write mixpanel'],
  },
  {
    id: '@segment/analytics-node', what: 'analytics.track writes events',
    code: ["import { Analytics } from '@segment/analytics-node';", 'const analytics = new Analytics({ writeKey: process.env.SEGMENT_KEY! });', "export const track = (userId: string) => analytics.track({ userId, event: 'Order Completed' });"],
    locations: ['src/app.ts:3 http-api write @segment/analytics-node'],
  },
  {
    id: '@amplitude/analytics-node', what: 'track writes events',
    code: ["import { init, track } from '@amplitude/analytics-node';", 'init(process.env.AMPLITUDE_KEY!);', "export const signup = (user_id: string) => track('signup', undefined, { user_id });"],
    locations: ['src/app.ts:3 http-api write @amplitude/analytics-node'],
  },
  {
    id: '@launchdarkly/node-server-sdk', what: 'variation reads a flag kept by LaunchDarkly',
    code: ["import * as ld from '@launchdarkly/node-server-sdk';", 'const client = ld.init(process.env.LD_SDK_KEY!);', "export const beta = (key: string) => client.variation('beta', { kind: 'user', key }, false);"],
    locations: ['src/app.ts:3 http-api read @launchdarkly/node-server-sdk'],
  },
  {
    id: 'launchdarkly-js-client-sdk', what: 'the browser client reads flags',
    code: ["import { initialize } from 'launchdarkly-js-client-sdk';", "const client = initialize('client-id', { kind: 'user', key: 'anon' });", "export const beta = () => client.variation('beta', false);"],
    locations: ['src/app.ts:3 http-api read launchdarkly-js-client-sdk'],
  },
  {
    id: 'unleash-client', what: 'isEnabled reads a toggle',
    code: ["import { initialize } from 'unleash-client';", "const unleash = initialize({ url: process.env.UNLEASH_URL!, appName: 'api' });", "export const on = () => unleash.isEnabled('new-checkout');"],
    locations: ['src/app.ts:3 http-api read unleash-client'],
  },
  {
    id: '@growthbook/growthbook', what: 'isOn reads a feature',
    code: ["import { GrowthBook } from '@growthbook/growthbook';", "const gb = new GrowthBook({ clientKey: 'sdk-abc' });", "export const on = () => gb.isOn('dark-mode');"],
    locations: ['src/app.ts:3 http-api read @growthbook/growthbook'],
  },
  {
    id: 'flagsmith', what: 'hasFeature reads a flag',
    code: ["import flagsmith from 'flagsmith';", "export const on = () => flagsmith.hasFeature('search');"],
    locations: ['src/app.ts:2 http-api read flagsmith'],
  },
  {
    id: 'meilisearch', what: 'index(…).search reads, addDocuments writes',
    code: ["import { MeiliSearch } from 'meilisearch';", "const client = new MeiliSearch({ host: 'http://search:7700' });", "export const find = (q: string) => client.index('movies').search(q);", "export const add = (docs: object[]) => client.index('movies').addDocuments(docs);"],
    locations: ['src/app.ts:3 http-api read meilisearch', 'src/app.ts:4 http-api write meilisearch'],
  },
  {
    id: 'typesense', what: 'documents().search reads, create writes',
    code: ["import Typesense from 'typesense';", "const client = new Typesense.Client({ nodes: [{ host: 'ts', port: 8108, protocol: 'http' }], apiKey: 'x' });",
      "export const find = (q: string) => client.collections('books').documents().search({ q, query_by: 'title' });", "export const add = (d: object) => client.collections('books').documents().create(d);"],
    locations: ['src/app.ts:3 http-api read typesense', 'src/app.ts:4 http-api write typesense'],
  },
  {
    id: '@vercel/edge-config', what: 'get reads the Edge Config',
    code: ["import { get } from '@vercel/edge-config';", "export const greeting = () => get('greeting');"],
    locations: ['src/app.ts:2 http-api read @vercel/edge-config'],
  },
  {
    id: '@vercel/blob', what: 'put writes and list reads object storage',
    code: ["import { put, list } from '@vercel/blob';", "export const upload = (body: string) => put('avatars/a.png', body, { access: 'public' });", 'export const all = () => list();'],
    locations: ['src/app.ts:2 s3 write @vercel/blob', 'src/app.ts:3 s3 read @vercel/blob'],
  },
  {
    id: '@netlify/blobs', what: 'getStore(name): get reads, set writes',
    code: ["import { getStore } from '@netlify/blobs';", "const uploads = getStore('uploads');", 'export const one = (k: string) => uploads.get(k);', 'export const save = (k: string, v: string) => uploads.set(k, v);'],
    locations: ['src/app.ts:3 s3 read @netlify/blobs', 'src/app.ts:4 s3 write @netlify/blobs'],
  },
  {
    id: 'aws-amplify', what: 'v6 subpaths: uploadData writes S3, get reads the REST API',
    code: ["import { uploadData } from 'aws-amplify/storage';", "import { get } from 'aws-amplify/api';", "export const upload = (data: Blob) => uploadData({ path: 'public/a.png', data });", "export const items = () => get({ apiName: 'api', path: '/items' });"],
    locations: ['src/app.ts:3 s3 write aws-amplify', 'src/app.ts:4 http-api read aws-amplify'],
  },
  {
    id: '@clerk/backend', what: 'users.getUser reads, users.updateUser writes Clerk\'s users',
    code: ["import { createClerkClient } from '@clerk/backend';", 'const clerk = createClerkClient({ secretKey: process.env.CLERK_SECRET_KEY });', 'export const one = (id: string) => clerk.users.getUser(id);', 'export const ban = (id: string) => clerk.users.updateUser(id, { publicMetadata: { banned: true } });'],
    locations: ['src/app.ts:3 http-api read @clerk/backend', 'src/app.ts:4 http-api write @clerk/backend'],
  },
  {
    id: 'auth0', what: 'ManagementClient users.get reads, users.update writes',
    code: ["import { ManagementClient } from 'auth0';", "const auth0 = new ManagementClient({ domain: 'x.auth0.com', clientId: 'a', clientSecret: 'b' });", 'export const one = (id: string) => auth0.users.get({ id });', 'export const rename = (id: string) => auth0.users.update({ id }, { name: \'n\' });'],
    locations: ['src/app.ts:3 http-api read auth0', 'src/app.ts:4 http-api write auth0'],
  },
  {
    id: 'pusher', what: 'trigger writes to a channel',
    code: ["import Pusher from 'pusher';", "const pusher = new Pusher({ appId: '1', key: 'k', secret: 's', cluster: 'eu' });", "export const notify = (m: string) => pusher.trigger('chat', 'message', { m });"],
    locations: ['src/app.ts:3 http-api write pusher'],
  },
  {
    id: 'ably', what: 'channels.get(name).publish writes',
    code: ["import Ably from 'ably';", 'const ably = new Ably.Realtime(process.env.ABLY_KEY!);', "export const send = (m: string) => ably.channels.get('chat').publish('message', m);"],
    locations: ['src/app.ts:3 http-api write ably'],
  },
  {
    id: '@upstash/qstash', what: 'publishJSON writes a message',
    code: ["import { Client } from '@upstash/qstash';", 'const qstash = new Client({ token: process.env.QSTASH_TOKEN! });', "export const later = (to: string) => qstash.publishJSON({ url: 'https://api/send', body: { to } });"],
    locations: ['src/app.ts:3 http-api write @upstash/qstash'],
  },
  {
    id: 'inngest', what: 'inngest.send writes an event',
    code: ["import { Inngest } from 'inngest';", "const inngest = new Inngest({ id: 'app' });", "export const signup = (email: string) => inngest.send({ name: 'user/signup', data: { email } });"],
    locations: ['src/app.ts:3 http-api write inngest'],
  },
  {
    id: '@supabase/ssr', what: 'from(table).select reads, insert writes its Postgres',
    code: ["import { createServerClient } from '@supabase/ssr';", "const supabase = createServerClient(process.env.SUPABASE_URL!, process.env.SUPABASE_KEY!, { cookies: { getAll: () => [] } });",
      "export const notes = () => supabase.from('notes').select('*');", "export const add = (title: string) => supabase.from('notes').insert({ title });"],
    locations: ['src/app.ts:3 postgres read @supabase/ssr', 'src/app.ts:4 postgres write @supabase/ssr'],
  },
];

runCases(CASES);
