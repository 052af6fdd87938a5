import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lines, scan } from '../../helpers/entry-cases';

// One describe per entry of src/catalog/entries/browser.ts: a use written as the API's docs show it,
// and a look-alike that must not be reported. The code is a React app's.

const WEB = { 'package.json': JSON.stringify({ name: 'web', version: '1.0.0', dependencies: { react: '^18.3.0', 'react-dom': '^18.3.0' } }) };

/** Locations of one browser file, `src/app.ts` of a React app. */
function web(code: string, files: Record<string, string> = {}): string[] {
  return scan(code, { ...WEB, ...files }).locations;
}

describe('localStorage', () => {
  test('getItem reads, setItem and property assignment write, window.localStorage too', () => {
    const locations = web(
      lines(
        'export function theme() {',
        "  const t = localStorage.getItem('theme') ?? 'light';",
        "  localStorage.setItem('theme', t === 'light' ? 'dark' : 'light');",
        "  window.localStorage.removeItem('legacy-theme');",
        "  localStorage.lastVisit = String(Date.now());",
        '  return t;',
        '}',
      ),
    );
    assert.deepEqual(locations, [
      'src/app.ts:2 localStorage read localStorage',
      'src/app.ts:3 localStorage write localStorage',
      'src/app.ts:4 localStorage write localStorage',
      'src/app.ts:5 localStorage write localStorage',
    ]);
  });

  test('look-alike: a local object named localStorage (a test double, an SSR shim)', () => {
    const locations = web(
      lines(
        'const localStorage = new Map<string, string>();',
        "export const read = () => localStorage.get('theme');",
        'export function f(store: { localStorage: Storage }) {',
        "  return store.localStorage.getItem('x');",
        '}',
      ),
    );
    assert.deepEqual(locations, []);
  });
});

describe('sessionStorage', () => {
  test('setItem writes, getItem reads', () => {
    const locations = web(
      lines("export const save = (step: number) => sessionStorage.setItem('wizard-step', String(step));", "export const load = () => Number(sessionStorage.getItem('wizard-step'));"),
    );
    assert.deepEqual(locations, ['src/app.ts:1 sessionStorage write sessionStorage', 'src/app.ts:2 sessionStorage read sessionStorage']);
  });

  test('look-alike: a property named sessionStorage on an app object', () => {
    const locations = web(lines('const settings = { sessionStorage: false };', 'export const enabled = () => settings.sessionStorage;'));
    assert.deepEqual(locations, []);
  });
});

describe('@ng-web-apis/common', () => {
  const NG = { 'package.json': JSON.stringify({ name: 'web', version: '1.0.0', dependencies: { '@angular/core': '^19.0.0', '@ng-web-apis/common': '^4.0.0' } }) };

  test("the storage an Angular service is given by its token: @Inject(SESSION_STORAGE) is sessionStorage, inject(LOCAL_STORAGE) localStorage", () => {
    const { locations } = scan(
      lines(
        "import { Inject, Injectable, inject } from '@angular/core';",
        "import { LOCAL_STORAGE, SESSION_STORAGE } from '@ng-web-apis/common';",
        "@Injectable({ providedIn: 'root' })",
        'export class CacheService {',
        '  private readonly keys = inject(LOCAL_STORAGE);',
        '  constructor(@Inject(SESSION_STORAGE) private readonly storage: Storage) {}',
        "  set(key: string, value: string) { this.storage.setItem(key, value); }",
        "  get(key: string) { return this.storage.getItem(key); }",
        "  apiKey() { return this.keys.getItem('apiKey'); }",
        '}',
      ),
      NG,
    );
    assert.deepEqual(locations, [
      'src/app.ts:7 sessionStorage write @ng-web-apis/common',
      'src/app.ts:8 sessionStorage read @ng-web-apis/common',
      'src/app.ts:9 localStorage read @ng-web-apis/common',
    ]);
  });

  test('look-alike: a token of the workspace, and a typed parameter the token does not override', () => {
    const { locations } = scan(
      lines(
        "import { Inject, Injectable } from '@angular/core';",
        "import { SETTINGS } from './tokens';",
        '@Injectable()',
        'export class Prefs {',
        '  constructor(@Inject(SETTINGS) private readonly settings: Map<string, string>) {}',
        "  theme() { return this.settings.get('theme'); }",
        '}',
      ),
      { ...NG, 'src/tokens.ts': "import { InjectionToken } from '@angular/core';\nexport const SETTINGS = new InjectionToken<Map<string, string>>('settings');\n" },
    );
    assert.deepEqual(locations, []);
  });
});

describe('indexedDB', () => {
  test('open is read-write, deleteDatabase writes', () => {
    const locations = web(
      lines("const request = indexedDB.open('MyTestDatabase', 3);", 'request.onsuccess = () => console.log(request.result);', "export const drop = () => indexedDB.deleteDatabase('MyTestDatabase');"),
    );
    assert.deepEqual(locations, ['src/app.ts:1 indexedDB readwrite indexedDB', 'src/app.ts:3 indexedDB write indexedDB']);
  });

  test('look-alike: feature detection', () => {
    const locations = web(lines("export const supported = typeof window !== 'undefined' && 'indexedDB' in window;"));
    assert.deepEqual(locations, []);
  });
});

describe('idb', () => {
  test('openDB(): get reads, put writes, through a transaction too', () => {
    const locations = web(
      lines(
        "import { openDB } from 'idb';",
        "const dbPromise = openDB('keyval-store', 1, { upgrade(db) { db.createObjectStore('keyval'); } });",
        "export const get = async (key: string) => (await dbPromise).get('keyval', key);",
        "export const set = async (key: string, val: unknown) => (await dbPromise).put('keyval', val, key);",
        'export async function clearAll() {',
        '  const db = await dbPromise;',
        "  await db.transaction('keyval', 'readwrite').objectStore('keyval').clear();",
        '}',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:3 indexedDB read idb', 'src/app.ts:4 indexedDB write idb', 'src/app.ts:7 indexedDB write idb']);
  });

  test('deleteDB writes', () => {
    const locations = web(lines("import { deleteDB } from 'idb';", "export const reset = () => deleteDB('keyval-store');"));
    assert.deepEqual(locations, ['src/app.ts:2 indexedDB write idb']);
  });

  test('look-alike: creating object stores in the upgrade callback is schema, not data', () => {
    const locations = web(lines("import { openDB } from 'idb';", "export const open = () => openDB('s', 2, { upgrade(db) { db.createObjectStore('notes', { keyPath: 'id' }); } });"));
    assert.deepEqual(locations, []);
  });
});

describe('idb-keyval', () => {
  test('set writes, get reads, update writes', () => {
    const locations = web(
      lines(
        "import { get, set, update } from 'idb-keyval';",
        "export const save = () => set('hello', 'world');",
        "export const load = () => get('hello');",
        "export const count = () => update('counter', (val?: number) => (val || 0) + 1);",
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:2 indexedDB write idb-keyval', 'src/app.ts:3 indexedDB read idb-keyval', 'src/app.ts:4 indexedDB write idb-keyval']);
  });

  test('look-alike: lodash get and set', () => {
    const locations = web(lines("import { get, set } from 'lodash';", 'const o = { a: { b: 1 } };', "export const f = () => { set(o, 'a.b', 2); return get(o, 'a.b'); };"));
    assert.deepEqual(locations, []);
  });
});

describe('localforage', () => {
  test('setItem writes, getItem reads, on an instance too', () => {
    const locations = web(
      lines(
        "import localforage from 'localforage';",
        "const drafts = localforage.createInstance({ name: 'drafts' });",
        "export const save = (v: string) => localforage.setItem('key', v);",
        "export const load = () => localforage.getItem<string>('key');",
        "export const draft = () => drafts.removeItem('d1');",
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:3 indexedDB write localforage', 'src/app.ts:4 indexedDB read localforage', 'src/app.ts:5 indexedDB write localforage']);
  });

  test('the global a script tag defines: setItem and getItem on an instance made with `new localforage.createInstance` (SillyTavern, set 20)', () => {
    const locations = web(
      lines(
        "const prompts = new localforage.createInstance({ name: 'prompts' });",
        "export const save = (id: string, v: string) => prompts.setItem(id, v);",
        "export const load = (id: string) => prompts.getItem<string>(id);",
        "export const theme = () => localforage.getItem<string>('theme');",
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:2 indexedDB write localforage', 'src/app.ts:3 indexedDB read localforage', 'src/app.ts:4 indexedDB read localforage']);
  });

  test('look-alike: choosing a driver is configuration', () => {
    const locations = web(lines("import localforage from 'localforage';", 'localforage.config({ driver: localforage.INDEXEDDB, name: "app" });', 'await localforage.ready();'));
    assert.deepEqual(locations, []);
  });
});

describe('dexie', () => {
  test('table operations read and write the table named after the client', () => {
    const { locations, map } = scan(
      lines(
        "import Dexie, { type EntityTable } from 'dexie';",
        'interface Friend { id: number; name: string; age: number }',
        "const db = new Dexie('FriendsDatabase') as Dexie & { friends: EntityTable<Friend, 'id'> };",
        "db.version(1).stores({ friends: '++id, name, age' });",
        'export const add = (name: string, age: number) => db.friends.add({ name, age });',
        "export const young = () => db.friends.where('age').below(21).toArray();",
      ),
      WEB,
    );
    assert.deepEqual(locations, ['src/app.ts:5 indexedDB write dexie', 'src/app.ts:6 indexedDB read dexie']);
    assert.deepEqual(map.edges.flatMap((e) => e.locations.map((l) => l.target)), ['friends', 'friends']);
  });

  test('a Dexie subclass with typed tables', () => {
    const locations = web(
      lines(
        "import Dexie, { type Table } from 'dexie';",
        'export class AppDB extends Dexie {',
        '  todos!: Table<{ id?: number; title: string }, number>;',
        "  constructor() { super('todos'); this.version(1).stores({ todos: '++id' }); }",
        '}',
        'export const db = new AppDB();',
        'export const remove = (id: number) => db.todos.delete(id);',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:7 indexedDB write dexie']);
  });

  test('look-alike: declaring the schema touches no data', () => {
    const locations = web(lines("import Dexie from 'dexie';", "const db = new Dexie('x');", "db.version(1).stores({ friends: '++id' });", 'export { db };'));
    assert.deepEqual(locations, []);
  });
});

describe('y-indexeddb', () => {
  test('new IndexeddbPersistence reads and writes the document; clearData writes', () => {
    const locations = web(
      lines(
        "import * as Y from 'yjs';",
        "import { IndexeddbPersistence } from 'y-indexeddb';",
        'const ydoc = new Y.Doc();',
        "const provider = new IndexeddbPersistence('my-room', ydoc);",
        "provider.on('synced', () => console.log('content from the database is loaded'));",
        'export const forget = () => provider.clearData();',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:4 indexedDB readwrite y-indexeddb', 'src/app.ts:6 indexedDB write y-indexeddb']);
  });

  test('look-alike: a websocket provider keeps nothing in the browser', () => {
    const locations = web(lines("import * as Y from 'yjs';", "import { WebsocketProvider } from 'y-websocket';", "export const p = new WebsocketProvider('wss://demos.yjs.dev', 'room', new Y.Doc());"));
    assert.deepEqual(locations, []);
  });
});

describe('document.cookie', () => {
  test('reading document.cookie reads, assigning it writes', () => {
    const locations = web(
      lines(
        "export const all = () => document.cookie;",
        "export const accept = () => { document.cookie = 'consent=yes; max-age=31536000; SameSite=Lax; Secure'; };",
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:1 cookie read document.cookie', 'src/app.ts:2 cookie write document.cookie']);
  });

  test('look-alike: document.title and a cookie property of a local object', () => {
    const locations = web(lines("export const rename = () => { document.title = 'Inbox'; };", "const doc = { cookie: '' };", "export const c = () => doc.cookie;"));
    assert.deepEqual(locations, []);
  });
});

describe('cookieStore', () => {
  test('cookieStore.get reads, set writes', () => {
    const locations = web(lines("export const read = () => cookieStore.get('cookie1');", "export const write = () => cookieStore.set('cookie1', 'cookie1-value');"));
    assert.deepEqual(locations, ['src/app.ts:1 cookie read cookieStore', 'src/app.ts:2 cookie write cookieStore']);
  });

  test('look-alike: an app object with get/set', () => {
    const locations = web(lines('const cookieJar = { get: (k: string) => k, set: (_k: string, _v: string) => {} };', "export const f = () => cookieJar.set('a', cookieJar.get('b'));"));
    assert.deepEqual(locations, []);
  });
});

describe('js-cookie', () => {
  test('Cookies.set writes, get reads, remove writes; withAttributes navigates', () => {
    const locations = web(
      lines(
        "import Cookies from 'js-cookie';",
        "export const save = () => Cookies.set('name', 'value', { expires: 7 });",
        "export const load = () => Cookies.get('name');",
        "export const clear = () => Cookies.withAttributes({ path: '/' }).remove('name');",
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:2 cookie write js-cookie', 'src/app.ts:3 cookie read js-cookie', 'src/app.ts:4 cookie write js-cookie']);
  });

  test('look-alike: a Cookies class of the app', () => {
    const locations = web(lines("import { Cookies } from './cookies';", "export const f = () => Cookies.set('a', 'b');"), {
      'src/cookies.ts': lines('export class Cookies { static set(_k: string, _v: string) {} }'),
    });
    assert.deepEqual(locations, []);
  });
});

describe('es-cookie', () => {
  test('namespace import: set writes, get reads', () => {
    const locations = web(lines("import * as Cookies from 'es-cookie';", "export const save = () => Cookies.set('name', 'value', { expires: 7 });", "export const load = () => Cookies.get('name');"));
    assert.deepEqual(locations, ['src/app.ts:2 cookie write es-cookie', 'src/app.ts:3 cookie read es-cookie']);
  });

  test('look-alike: encoding a value with encodeURIComponent', () => {
    const locations = web(lines("import * as Cookies from 'es-cookie';", 'export const encoded = encodeURIComponent("a b");', 'export { Cookies };'));
    assert.deepEqual(locations, []);
  });
});

describe('tiny-cookie', () => {
  test('getCookie reads, setCookie and removeCookie write', () => {
    const locations = web(
      lines(
        "import { getCookie, setCookie, removeCookie } from 'tiny-cookie';",
        "export const load = () => getCookie('token');",
        "export const save = (t: string) => setCookie('token', t, { expires: '1M' });",
        "export const drop = () => removeCookie('token');",
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:2 cookie read tiny-cookie', 'src/app.ts:3 cookie write tiny-cookie', 'src/app.ts:4 cookie write tiny-cookie']);
  });

  test('look-alike: isEnabled only checks support', () => {
    const locations = web(lines("import { isEnabled } from 'tiny-cookie';", 'export const ok = isEnabled();'));
    assert.deepEqual(locations, []);
  });
});

describe('universal-cookie', () => {
  test('new Cookies(): set writes, get reads', () => {
    const locations = web(
      lines(
        "import Cookies from 'universal-cookie';",
        "const cookies = new Cookies(null, { path: '/' });",
        "export const save = () => cookies.set('myCat', 'Pacman');",
        "export const load = () => cookies.get('myCat');",
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:3 cookie write universal-cookie', 'src/app.ts:4 cookie read universal-cookie']);
  });

  test('look-alike: change listeners are not cookie access', () => {
    const locations = web(lines("import Cookies from 'universal-cookie';", 'const cookies = new Cookies();', 'cookies.addChangeListener(() => {});'));
    assert.deepEqual(locations, []);
  });
});

describe('react-cookie', () => {
  test('useCookies reads and writes; withCookies reads', () => {
    const { locations } = scan(
      lines(
        "import { useCookies, withCookies } from 'react-cookie';",
        'export function Name() {',
        "  const [cookies, setCookie] = useCookies(['name']);",
        "  return <input value={cookies.name} onChange={(e) => setCookie('name', e.target.value, { path: '/' })} />;",
        '}',
        'export const Wrapped = withCookies(Name);',
      ),
      WEB,
      'src/Name.tsx',
    );
    assert.deepEqual(locations, ['src/Name.tsx:3 cookie readwrite react-cookie', 'src/Name.tsx:6 cookie read react-cookie']);
  });

  test('look-alike: the provider only passes cookies down', () => {
    const { locations } = scan(
      lines("import { CookiesProvider } from 'react-cookie';", 'export const App = ({ children }: { children: any }) => <CookiesProvider>{children}</CookiesProvider>;'),
      WEB,
      'src/App.tsx',
    );
    assert.deepEqual(locations, []);
  });
});

describe('cookie', () => {
  test('parse reads, serialize writes', () => {
    const { locations } = scan(
      lines(
        "import { parse, serialize } from 'cookie';",
        "import http from 'node:http';",
        'http.createServer((req, res) => {',
        "  const cookies = parse(req.headers.cookie || '');",
        "  res.setHeader('Set-Cookie', serialize('name', String(cookies.name), { httpOnly: true, maxAge: 60 * 60 * 24 * 7 }));",
        '  res.end();',
        '}).listen(3000);',
      ),
    );
    // the raw header is read (`req.headers.cookie`) and written (`setHeader('Set-Cookie', …)`) besides being parsed and serialized
    assert.deepEqual(locations, ['src/app.ts:4 cookie read cookie', 'src/app.ts:4 cookie read cookie header', 'src/app.ts:5 cookie write cookie', 'src/app.ts:5 cookie write server cookies']);
  });

  test('set-cookie-parser: the module called and its parse both read a response\'s cookies', () => {
    const { locations } = scan(
      lines(
        "import setCookie from 'set-cookie-parser';",
        'export function cookiesOf(response: { headers: Record<string, string> }) {',
        "  const list = setCookie(response.headers['set-cookie']);",
        "  const byName = setCookie.parse(response.headers['set-cookie'], { map: true });",
        '  return { list, byName };',
        '}',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:3 cookie read cookie', 'src/app.ts:4 cookie read cookie']);
  });

  test('look-alike: url.parse and JSON.parse', () => {
    const { locations } = scan(lines("import { parse } from 'node:url';", "export const host = (u: string) => parse(u).host;", "export const body = (s: string) => JSON.parse(s);"));
    assert.deepEqual(locations, []);
  });
});

describe('caches', () => {
  test('Cache Storage in a service worker: match reads, put and addAll write', () => {
    const { locations } = scan(
      lines(
        'declare const self: any;',
        "self.addEventListener('install', (event: any) => {",
        "  event.waitUntil(caches.open('v1').then((cache) => cache.addAll(['/', '/index.html'])));",
        '});',
        "self.addEventListener('fetch', (event: any) => {",
        '  event.respondWith(caches.match(event.request));',
        '});',
        'export async function remember(request: Request, response: Response) {',
        "  const cache = await caches.open('v1');",
        '  await cache.put(request, response.clone());',
        '}',
      ),
      WEB,
      'src/sw.ts',
    );
    assert.deepEqual(locations, [
      'src/sw.ts:10 cacheStorage write caches',
      'src/sw.ts:3 cacheStorage read caches',
      'src/sw.ts:3 cacheStorage write caches',
      'src/sw.ts:6 cacheStorage read caches',
      'src/sw.ts:9 cacheStorage read caches',
    ]);
  });

  test('look-alike: String.match and a parameter named caches', () => {
    const locations = web(lines("export const isImg = (u: string) => u.match(/\\.png$/);", "export const has = (caches: Map<string, string>) => caches.has('v1');"));
    assert.deepEqual(locations, []);
  });
});
