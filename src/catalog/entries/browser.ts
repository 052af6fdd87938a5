import type { OpTable, StoreModel } from '../types';

const WEB_STORAGE: OpTable = { targetArgs: 'all', members: 'storage', read: ['getItem', 'key', 'length'], write: ['setItem', 'removeItem', 'clear'], fallback: 'ignore' };
const COOKIE_FNS: OpTable = {
  targetArgs: 'all',
  read: ['get', 'getAll', 'getJSON', 'parse', 'getCookie', 'getCookies', 'getAllCookies'],
  write: ['set', 'remove', 'erase', 'setCookie', 'removeCookie', 'deleteCookie', 'del'],
  navigate: ['withAttributes', 'withConverter', 'noConflict'], fallback: 'ignore',
};

/** What a browser app keeps on the user's machine. */
export const browserModels: StoreModel[] = [
  {
    id: 'localStorage', docs: 'https://developer.mozilla.org/en-US/docs/Web/API/Window/localStorage', globals: [['localStorage']],
    kind: 'localStorage', direct: true, ops: WEB_STORAGE,
  },
  {
    id: 'sessionStorage', docs: 'https://developer.mozilla.org/en-US/docs/Web/API/Window/sessionStorage', globals: [['sessionStorage']],
    kind: 'sessionStorage', direct: true, ops: WEB_STORAGE,
  },
  {
    // Angular's injection tokens for the window's storages: `@Inject(SESSION_STORAGE) storage: Storage`, `inject(LOCAL_STORAGE)`
    id: '@ng-web-apis/common', docs: 'https://github.com/taiga-family/ng-web-apis/tree/main/libs/common#readme', modules: ['@ng-web-apis/common'],
    kind: 'localStorage', types: ['LOCAL_STORAGE', 'SESSION_STORAGE'], factoryKinds: { SESSION_STORAGE: 'sessionStorage' }, ops: WEB_STORAGE,
  },
  {
    id: 'indexedDB', docs: 'https://developer.mozilla.org/en-US/docs/Web/API/IndexedDB_API', globals: [['indexedDB']],
    kind: 'indexedDB', direct: true, ops: { readwrite: ['open'], write: ['deleteDatabase'], read: ['databases', 'cmp'], fallback: 'ignore' },
  },
  {
    id: 'idb', docs: 'https://github.com/jakearchibald/idb#readme', modules: ['idb', 'idb/with-async-ittr'], kind: 'indexedDB',
    factories: ['openDB', 'deleteDB'], types: ['IDBPDatabase'],
    ops: { targetArgs: 'all',
      read: ['get', 'getAll', 'getKey', 'getAllKeys', 'getFromIndex', 'getAllFromIndex', 'count', 'countFromIndex', 'openCursor', 'openKeyCursor'],
      write: ['put', 'add', 'delete', 'clear'], navigate: ['transaction', 'objectStore', 'store', 'index'], construct: { deleteDB: 'write' }, fallback: 'ignore',
    },
  },
  {
    id: 'idb-keyval', docs: 'https://github.com/jakearchibald/idb-keyval#readme', modules: ['idb-keyval'], kind: 'indexedDB', direct: true,
    ops: { targetArgs: 'all', read: ['get', 'getMany', 'keys', 'values', 'entries'], write: ['set', 'setMany', 'update', 'del', 'delMany', 'clear'], ignore: ['createStore', 'promisifyRequest'], fallback: 'ignore' },
  },
  {
    id: 'localforage', docs: 'https://localforage.github.io/localForage/', modules: ['localforage'], kind: 'indexedDB', direct: true,
    // also the global a `<script src="localforage.min.js">` defines
    globals: [['localforage']], factories: ['createInstance'],
    ops: { targetArgs: 'all', read: ['getItem', 'keys', 'length', 'iterate', 'key'], write: ['setItem', 'removeItem', 'clear', 'dropInstance'], ignore: ['config', 'ready', 'setDriver', 'defineDriver', 'driver'], fallback: 'ignore' },
  },
  {
    id: 'dexie', docs: 'https://dexie.org/docs/API-Reference', modules: ['dexie'], kind: 'indexedDB', factories: ['', 'Dexie', 'default'], types: ['Dexie', 'Table', 'EntityTable'],
    ops: {
      memberTarget: true,
      read: ['get', 'toArray', 'first', 'last', 'count', 'each', 'keys', 'primaryKeys', 'uniqueKeys', 'sortBy', 'bulkGet', 'toCollection'],
      write: ['add', 'put', 'update', 'delete', 'modify', 'clear', 'bulkAdd', 'bulkPut', 'bulkDelete', 'bulkUpdate', 'upsert'],
      navigate: ['table', 'where', 'filter', 'orderBy', 'reverse', 'limit', 'offset', 'and', 'or', 'equals', 'above', 'below', 'between', 'anyOf', 'startsWith'],
      ignore: ['version', 'stores', 'open', 'close', 'transaction', 'on', 'use', 'delete'], fallback: 'ignore',
    },
  },
  {
    id: 'y-indexeddb', docs: 'https://docs.yjs.dev/ecosystem/database-provider/y-indexeddb', modules: ['y-indexeddb'], kind: 'indexedDB',
    factories: ['IndexeddbPersistence'], ops: { construct: 'readwrite', write: ['clearData', 'set', 'del'], read: ['get', 'whenSynced'], ignore: ['destroy', 'on'], fallback: 'ignore' },
  },
  {
    id: 'document.cookie', docs: 'https://developer.mozilla.org/en-US/docs/Web/API/Document/cookie', globals: [['document', 'cookie']],
    kind: 'cookie', direct: true, ops: { self: true, fallback: 'ignore' },
  },
  {
    id: 'cookieStore', docs: 'https://developer.mozilla.org/en-US/docs/Web/API/CookieStore', globals: [['cookieStore']], kind: 'cookie', direct: true,
    ops: { read: ['get', 'getAll'], write: ['set', 'delete'], fallback: 'ignore' },
  },
  { id: 'js-cookie', docs: 'https://github.com/js-cookie/js-cookie#readme', modules: ['js-cookie'], kind: 'cookie', direct: true, ops: COOKIE_FNS },
  { id: 'es-cookie', docs: 'https://github.com/theodorejb/es-cookie#readme', modules: ['es-cookie'], kind: 'cookie', direct: true, ops: { ...COOKIE_FNS, write: [...(COOKIE_FNS.write ?? []), 'encode'] } },
  { id: 'tiny-cookie', docs: 'https://github.com/Alex1990/tiny-cookie#readme', modules: ['tiny-cookie'], kind: 'cookie', direct: true, ops: COOKIE_FNS },
  {
    id: 'universal-cookie', docs: 'https://github.com/bendotcodes/cookies/tree/main/packages/universal-cookie#readme', modules: ['universal-cookie'],
    kind: 'cookie', factories: ['', 'Cookies', 'default'], ops: { targetArgs: 'all', read: ['get', 'getAll'], write: ['set', 'remove'], ignore: ['addChangeListener', 'removeChangeListener', 'update'], fallback: 'ignore' },
  },
  {
    id: 'react-cookie', docs: 'https://github.com/bendotcodes/cookies/tree/main/packages/react-cookie#readme', modules: ['react-cookie', 'next-client-cookies'],
    kind: 'cookie', direct: true, ops: { readwrite: ['useCookies'], read: ['withCookies', 'get'], write: ['set', 'remove'], ignore: ['CookiesProvider'], fallback: 'ignore' },
  },
  {
    id: 'cookie', docs: 'https://github.com/jshttp/cookie#readme', modules: ['cookie', 'cookie-es', 'set-cookie-parser'], kind: 'cookie', direct: true,
    // set-cookie-parser's module is itself its parse function: `setCookie(res)`
    ops: { call: 'read', read: ['parse', 'parseCookie', 'splitCookiesString', 'parseSetCookie'], write: ['serialize', 'stringifySetCookie', 'stringifyCookie'], fallback: 'ignore' },
  },
  {
    id: 'caches', docs: 'https://developer.mozilla.org/en-US/docs/Web/API/CacheStorage', globals: [['caches']], kind: 'cacheStorage', direct: true,
    ops: { targetArgs: ['open'], read: ['match', 'matchAll', 'has', 'keys'], write: ['delete', 'put', 'add', 'addAll'], navigate: ['open'], chainDefault: 'read', fallback: 'ignore' },
  },
];
