import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lines, scan } from '../../helpers/entry-cases';

// One describe per entry of src/catalog/entries/http.ts: state kept by other services, reached over
// HTTP. GET reads, POST/PUT/PATCH/DELETE write. A use as the docs show it, and a look-alike.

const WEB = { 'package.json': JSON.stringify({ name: 'web', version: '1.0.0', dependencies: { react: '^18.3.0', 'react-dom': '^18.3.0' } }) };

describe('fetch', () => {
  test('a GET reads, a POST (method option or body) writes; node-fetch too', () => {
    const { locations, map } = scan(
      lines(
        "import nodeFetch from 'node-fetch';",
        "export const user = () => fetch('https://api.example.com/users/1');",
        "export const create = (u: object) => fetch('https://api.example.com/users', { method: 'POST', body: JSON.stringify(u) });",
        "export const ping = () => nodeFetch('https://status.example.com/health');",
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:2 http-api read fetch', 'src/app.ts:3 http-api write fetch', 'src/app.ts:4 http-api read fetch']);
    assert.deepEqual(map.edges.flatMap((e) => e.locations.map((l) => l.target)), ['api.example.com', 'api.example.com', 'status.example.com']);
  });

  test('look-alike: fetch of a static asset, res.json() of the response, a fetch method of another object', () => {
    const { locations } = scan(
      lines(
        'export async function logo() {',
        "  const img = await fetch('/logo.png');",
        '  return img.blob();',
        '}',
        'const loader = { fetch: (id: string) => id };',
        "export const load = () => loader.fetch('x');",
      ),
    );
    assert.deepEqual(locations, []);
  });
});

describe('axios', () => {
  test('axios.get reads, axios.post writes, axios({ method }) and an instance from axios.create', () => {
    const { locations } = scan(
      lines(
        "import axios from 'axios';",
        "const api = axios.create({ baseURL: 'https://some-domain.com/api/', timeout: 1000 });",
        "export const get = () => axios.get('https://api.example.com/user?ID=12345');",
        "export const post = () => axios.post('/user', { firstName: 'Fred' });",
        "export const put = () => axios({ method: 'put', url: '/user/12345', data: { lastName: 'Flintstone' } });",
        "export const list = () => api.get('/items');",
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:3 http-api read axios', 'src/app.ts:4 http-api write axios', 'src/app.ts:5 http-api write axios', 'src/app.ts:6 http-api read axios']);
  });

  test('look-alike: interceptors and isAxiosError', () => {
    const { locations } = scan(
      lines(
        "import axios from 'axios';",
        'axios.interceptors.request.use((config) => config);',
        'export const isNetworkError = (e: unknown) => axios.isAxiosError(e);',
      ),
    );
    assert.deepEqual(locations, []);
  });
});

describe('got', () => {
  test('got(url) reads, got.post writes', () => {
    const { locations } = scan(
      lines("import got from 'got';", "export const page = () => got('https://sindresorhus.com').text();", "export const send = () => got.post('https://httpbin.org/anything', { json: { hello: 'world' } }).json();"),
    );
    assert.deepEqual(locations, ['src/app.ts:2 http-api read got', 'src/app.ts:3 http-api write got']);
  });

  test('look-alike: got.extend only makes a client', () => {
    const { locations } = scan(lines("import got from 'got';", "export const client = got.extend({ prefixUrl: 'https://api.example.com' });"));
    assert.deepEqual(locations, []);
  });
});

describe('ky', () => {
  test('ky.post writes, ky.get reads', () => {
    const { locations } = scan(
      lines("import ky from 'ky';", "export const add = () => ky.post('https://example.com', { json: { foo: true } }).json();", "export const read = () => ky.get('https://example.com/items').json();"),
      WEB,
    );
    assert.deepEqual(locations, ['src/app.ts:2 http-api write ky', 'src/app.ts:3 http-api read ky']);
  });

  test('look-alike: HTTPError is not a request', () => {
    const { locations } = scan(lines("import { HTTPError } from 'ky';", 'export const is404 = (e: unknown) => e instanceof HTTPError && e.response.status === 404;'), WEB);
    assert.deepEqual(locations, []);
  });
});

describe('superagent', () => {
  test('request.post(…).send(…) writes', () => {
    const { locations } = scan(
      lines("import request from 'superagent';", "export const add = () => request.post('/api/pet').send({ name: 'Manny', species: 'cat' }).set('Accept', 'application/json');"),
    );
    assert.deepEqual(locations, ['src/app.ts:2 http-api write superagent']);
  });

  test('look-alike: a request object of a handler', () => {
    const { locations } = scan(lines("import express from 'express';", 'const app = express();', "app.post('/pets', (request, response) => { response.send(request.body); });"));
    assert.deepEqual(locations, []);
  });
});

describe('request', () => {
  test('request(url) reads, request.post writes', () => {
    const { locations } = scan(
      lines(
        "const request = require('request');",
        "request('http://www.google.com', (error: unknown, response: unknown, body: string) => console.log(body));",
        "request.post({ url: 'http://service.com/upload', form: { key: 'value' } });",
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:2 http-api read request', 'src/app.ts:3 http-api write request']);
  });

  test('look-alike: a local request helper', () => {
    const { locations } = scan(lines("import { request } from './api';", "export const f = () => request('/x');"), { 'src/api.ts': lines('export const request = (p: string) => p;') });
    assert.deepEqual(locations, []);
  });
});

describe('needle', () => {
  test("needle.get reads, needle('put', …) writes", () => {
    const { locations } = scan(
      lines(
        "const needle = require('needle');",
        "needle.get('https://google.com/', (error: unknown, response: any) => console.log(response.body));",
        "export const login = () => needle('put', 'https://hacking.the.gibson/login', { password: 'god' }, { json: true });",
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:2 http-api read needle', 'src/app.ts:3 http-api write needle']);
  });

  test('look-alike: needle.defaults only configures', () => {
    const { locations } = scan(lines("import needle from 'needle';", 'needle.defaults({ open_timeout: 60000 });'));
    assert.deepEqual(locations, []);
  });
});

describe('ofetch', () => {
  test('ofetch(url) reads, with method POST writes; $fetch too', () => {
    const { locations } = scan(
      lines(
        "import { ofetch, $fetch } from 'ofetch';",
        "export const list = () => ofetch('https://api.example.com/users');",
        "export const add = (text: string) => ofetch('https://api.example.com/todos', { method: 'POST', body: { text } });",
        "export const one = () => $fetch('https://api.example.com/users/1');",
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:2 http-api read ofetch', 'src/app.ts:3 http-api write ofetch', 'src/app.ts:4 http-api read ofetch']);
  });

  test('look-alike: ofetch.create only makes a client', () => {
    const { locations } = scan(lines("import { ofetch } from 'ofetch';", "export const api = ofetch.create({ baseURL: '/api' });"));
    assert.deepEqual(locations, []);
  });
});

describe('undici', () => {
  test('request(url) reads; a Client request with method POST writes', () => {
    const { locations } = scan(
      lines(
        "import { request, Client } from 'undici';",
        "export const foo = () => request('http://localhost:3000/foo');",
        "const client = new Client('http://localhost:3000');",
        "export const upload = () => client.request({ path: '/upload', method: 'POST', body: 'x' });",
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:2 http-api read undici', 'src/app.ts:4 http-api write undici']);
  });

  test('look-alike: setting the global dispatcher', () => {
    const { locations } = scan(lines("import { setGlobalDispatcher, Agent } from 'undici';", 'setGlobalDispatcher(new Agent({ connect: { timeout: 60_000 } }));'));
    assert.deepEqual(locations, []);
  });
});

describe('http', () => {
  test('https.get reads, http.request with method POST writes', () => {
    const { locations } = scan(
      lines(
        "import https from 'node:https';",
        "import http from 'node:http';",
        "https.get('https://encrypted.google.com/', (res) => res.resume());",
        "const req = http.request({ hostname: 'www.google.com', port: 80, path: '/upload', method: 'POST' });",
        'req.end();',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:3 http-api read http', 'src/app.ts:4 http-api write http']);
  });

  test('look-alike: http.createServer serves, it does not call out', () => {
    const { locations } = scan(lines("import http from 'node:http';", "http.createServer((req, res) => res.end('ok')).listen(3000);"));
    assert.deepEqual(locations, []);
  });
});

describe('XMLHttpRequest', () => {
  test("xhr.open('GET') reads, xhr.open('POST') writes", () => {
    const { locations } = scan(
      lines(
        'export function load() {',
        '  const xhr = new XMLHttpRequest();',
        "  xhr.open('GET', '/api/data');",
        '  xhr.send();',
        '}',
        'export function save(body: string) {',
        '  const xhr = new XMLHttpRequest();',
        "  xhr.open('POST', '/api/data');",
        '  xhr.send(body);',
        '}',
      ),
      WEB,
    );
    assert.deepEqual(locations, ['src/app.ts:3 http-api read XMLHttpRequest', 'src/app.ts:8 http-api write XMLHttpRequest']);
  });

  test('look-alike: window.open opens a tab', () => {
    const { locations } = scan(lines("export const help = () => window.open('https://example.com/help', '_blank');"), WEB);
    assert.deepEqual(locations, []);
  });
});

describe('@angular/common/http', () => {
  test('an injected HttpClient: get reads, post writes', () => {
    const { locations } = scan(
      lines(
        "import { Injectable } from '@angular/core';",
        "import { HttpClient } from '@angular/common/http';",
        "@Injectable({ providedIn: 'root' })",
        'export class HeroService {',
        "  private heroesUrl = 'api/heroes';",
        '  constructor(private http: HttpClient) {}',
        '  getHeroes() { return this.http.get<unknown[]>(this.heroesUrl); }',
        '  addHero(hero: object) { return this.http.post(this.heroesUrl, hero); }',
        '}',
      ),
      WEB,
    );
    assert.deepEqual(locations, ['src/app.ts:7 http-api read @angular/common/http', 'src/app.ts:8 http-api write @angular/common/http']);
  });

  test('look-alike: HttpHeaders and HttpParams are values, not requests', () => {
    const { locations } = scan(lines("import { HttpHeaders } from '@angular/common/http';", "export const headers = new HttpHeaders({ 'Content-Type': 'application/json' }).set('X-A', '1');"), WEB);
    assert.deepEqual(locations, []);
  });
});

describe('@apollo/client', () => {
  test('client.query reads, client.mutate writes; useQuery and useMutation hooks', () => {
    const { locations } = scan(
      lines(
        "import { ApolloClient, InMemoryCache, gql, useQuery, useMutation } from '@apollo/client';",
        "const client = new ApolloClient({ uri: 'https://flyby-router-demo.herokuapp.com/', cache: new InMemoryCache() });",
        'const GET_DOGS = gql`query GetDogs { dogs { id breed } }`;',
        'const ADD_TODO = gql`mutation AddTodo($type: String!) { addTodo(type: $type) { id } }`;',
        'export const dogs = () => client.query({ query: GET_DOGS });',
        "export const add = () => client.mutate({ mutation: ADD_TODO, variables: { type: 'x' } });",
        'export function Dogs() {',
        '  const { data } = useQuery(GET_DOGS);',
        '  const [addTodo] = useMutation(ADD_TODO);',
        '  return { data, addTodo };',
        '}',
      ),
      WEB,
    );
    assert.deepEqual(locations, [
      'src/app.ts:5 http-api read @apollo/client',
      'src/app.ts:6 http-api write @apollo/client',
      'src/app.ts:8 http-api read @apollo/client',
      'src/app.ts:9 http-api write @apollo/client',
    ]);
  });

  test('look-alike: reading and writing the local cache sends nothing', () => {
    const { locations } = scan(
      lines(
        "import { ApolloClient, InMemoryCache, gql } from '@apollo/client';",
        'const client = new ApolloClient({ cache: new InMemoryCache() });',
        'const Q = gql`query { me { id } }`;',
        'export const cached = () => client.readQuery({ query: Q });',
        'export const put = () => client.writeQuery({ query: Q, data: { me: { id: 1 } } });',
      ),
      WEB,
    );
    assert.deepEqual(locations, []);
  });
});

describe('graphql-request', () => {
  test('client.request(document): a query reads, a mutation writes', () => {
    const { locations } = scan(
      lines(
        "import { GraphQLClient, gql } from 'graphql-request';",
        "const client = new GraphQLClient('https://api.spacex.land/graphql/', { headers: {} });",
        'export const ceo = () => client.request(gql`{ company { ceo } }`);',
        'export const rename = (name: string) => client.request(gql`mutation { renameCompany(name: $name) { name } }`, { name });',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:3 http-api read graphql-request', 'src/app.ts:4 http-api write graphql-request']);
  });

  test('look-alike: gql only parses a document', () => {
    const { locations } = scan(lines("import { gql } from 'graphql-request';", 'export const Q = gql`{ company { ceo } }`;'));
    assert.deepEqual(locations, []);
  });
});

describe('urql', () => {
  test('client.query reads, client.mutation writes; useQuery and useMutation', () => {
    const { locations } = scan(
      lines(
        "import { Client, cacheExchange, fetchExchange, useQuery, useMutation } from 'urql';",
        "const client = new Client({ url: 'http://localhost:3000/graphql', exchanges: [cacheExchange, fetchExchange] });",
        "export const todo = () => client.query('query ($id: ID!) { todo(id: $id) { id } }', { id: 'test' }).toPromise();",
        "export const done = () => client.mutation('mutation ($id: ID!) { done(id: $id) { id } }', { id: 'test' }).toPromise();",
        'export function Todos() {',
        "  const [result] = useQuery({ query: '{ todos { id } }' });",
        "  const [, update] = useMutation('mutation { x }');",
        '  return { result, update };',
        '}',
      ),
      WEB,
    );
    assert.deepEqual(locations, ['src/app.ts:3 http-api read urql', 'src/app.ts:4 http-api write urql', 'src/app.ts:6 http-api read urql', 'src/app.ts:7 http-api write urql']);
  });

  test('look-alike: the Provider and exchanges', () => {
    const { locations } = scan(lines("import { Provider, cacheExchange } from 'urql';", 'export const parts = [Provider, cacheExchange];'), WEB);
    assert.deepEqual(locations, []);
  });
});

describe('@tanstack/react-query', () => {
  test('useQuery reads, useMutation writes (beside the fetcher itself)', () => {
    const { locations } = scan(
      lines(
        "import { useQuery, useMutation } from '@tanstack/react-query';",
        "const getTodos = () => fetch('https://api.example.com/todos').then((r) => r.json());",
        "const postTodo = (t: object) => fetch('https://api.example.com/todos', { method: 'POST', body: JSON.stringify(t) });",
        'export function Todos() {',
        "  const query = useQuery({ queryKey: ['todos'], queryFn: getTodos });",
        '  const mutation = useMutation({ mutationFn: postTodo });',
        '  return { query, mutation };',
        '}',
      ),
      WEB,
    );
    assert.deepEqual(locations, [
      'src/app.ts:2 http-api read fetch',
      'src/app.ts:3 http-api write fetch',
      'src/app.ts:5 http-api read @tanstack/react-query',
      'src/app.ts:6 http-api write @tanstack/react-query',
    ]);
  });

  test('look-alike: useQueryClient and the provider', () => {
    const { locations } = scan(
      lines("import { QueryClient, useQueryClient } from '@tanstack/react-query';", 'export const qc = new QueryClient();', 'export const useInvalidate = () => useQueryClient();'),
      WEB,
    );
    assert.deepEqual(locations, []);
  });
});

describe('swr', () => {
  test('useSWR(key, fetcher) reads', () => {
    const { locations } = scan(
      lines(
        "import useSWR from 'swr';",
        'const fetcher = (url: string) => globalThis.fetch(url).then((r) => r.json());',
        "export const useUser = (id: string) => useSWR(`/api/user/${id}`, fetcher);",
      ),
      WEB,
    );
    assert.deepEqual(locations, ['src/app.ts:2 http-api read fetch', 'src/app.ts:3 http-api read swr']);
  });

  test('look-alike: useSWRConfig().mutate revalidates the local cache', () => {
    const { locations } = scan(lines("import { useSWRConfig } from 'swr';", "export const useRefresh = () => useSWRConfig().mutate('/api/user');"), WEB);
    assert.deepEqual(locations, []);
  });
});

describe('swr/mutation', () => {
  test('useSWRMutation(key, fetcher) writes', () => {
    const { locations } = scan(
      lines(
        "import useSWRMutation from 'swr/mutation';",
        'async function updateUser(url: string, { arg }: { arg: string }) { return globalThis.fetch(url, { method: "POST", body: arg }); }',
        "export const useUpdate = () => useSWRMutation('/api/user', updateUser);",
      ),
      WEB,
    );
    assert.deepEqual(locations, ['src/app.ts:2 http-api write fetch', 'src/app.ts:3 http-api write swr/mutation']);
  });

  test('look-alike: a local hook named like it', () => {
    const { locations } = scan(lines("import useSWRMutation from './hooks';", "export const m = useSWRMutation('/x');"), { ...WEB, 'src/hooks.ts': lines('export default (k: string) => k;') });
    assert.deepEqual(locations, []);
  });
});

/** Vendor SDKs: [entry id, a use as their docs show it (line 3 is the access), its access, a look-alike (no access)]. */
const VENDORS: Array<[string, string[], 'read' | 'write', string[]]> = [
  [
    'stripe',
    ["import Stripe from 'stripe';", "const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);", "export const customer = () => stripe.customers.create({ email: 'customer@example.com' });"],
    'write',
    ["import Stripe from 'stripe';", "const stripe = new Stripe('sk_test');", "export const event = (body: string, sig: string) => stripe.webhooks.constructEvent(body, sig, 'whsec');"],
  ],
  [
    'openai',
    ["import OpenAI from 'openai';", 'const client = new OpenAI();', "export const models = () => client.models.list();"],
    'read',
    ["import OpenAI, { toFile } from 'openai';", 'export { OpenAI };', "export const file = (b: Buffer) => toFile(b, 'input.jsonl');"],
  ],
  [
    '@anthropic-ai/sdk',
    ["import Anthropic from '@anthropic-ai/sdk';", 'const anthropic = new Anthropic();', "export const ask = () => anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [{ role: 'user', content: 'Hello' }] });"],
    'write',
    ["import Anthropic from '@anthropic-ai/sdk';", 'export const isApiError = (e: unknown) => e instanceof Anthropic.APIError;', 'export { Anthropic };'],
  ],
  [
    'twilio',
    ["const twilio = require('twilio');", 'const client = twilio(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN);', "export const sms = () => client.messages.create({ body: 'Hi', from: '+15017122661', to: '+15558675310' });"],
    'write',
    ["import twilio from 'twilio';", "export const valid = (sig: string, url: string) => twilio.validateRequest('token', sig, url, {});", 'export { twilio };'],
  ],
  [
    '@sendgrid/mail',
    ["const sgMail = require('@sendgrid/mail');", 'sgMail.setApiKey(process.env.SENDGRID_API_KEY);', "export const mail = () => sgMail.send({ to: 'test@example.com', from: 'test@example.com', subject: 'Hi', text: 'Hello' });"],
    'write',
    ["import sgMail from '@sendgrid/mail';", 'sgMail.setApiKey(process.env.SENDGRID_API_KEY!);', "sgMail.setSubstitutionWrappers('{{', '}}');"],
  ],
  [
    '@slack/web-api',
    ["import { WebClient } from '@slack/web-api';", 'const web = new WebClient(process.env.SLACK_TOKEN);', "export const post = () => web.chat.postMessage({ channel: 'C1232456', text: 'Hello there' });"],
    'write',
    ["import { WebClient, LogLevel } from '@slack/web-api';", 'export const web = new WebClient(process.env.SLACK_TOKEN, { logLevel: LogLevel.DEBUG });', "web.on('rate_limited', () => {});"],
  ],
  [
    '@octokit/rest',
    ["import { Octokit } from '@octokit/rest';", 'const octokit = new Octokit({ auth: process.env.GITHUB_TOKEN });', "export const repo = () => octokit.rest.repos.get({ owner: 'octokit', repo: 'rest.js' });"],
    'read',
    ["import { Octokit } from '@octokit/rest';", 'const octokit = new Octokit();', "octokit.hook.before('request', async () => {});"],
  ],
  [
    'octokit',
    ["import { Octokit } from 'octokit';", 'const octokit = new Octokit({ auth: process.env.GITHUB_TOKEN });', "export const issue = () => octokit.rest.issues.create({ owner: 'o', repo: 'r', title: 'Bug' });"],
    'write',
    ["import { Octokit } from 'octokit';", 'const octokit = new Octokit();', "export const page = () => octokit.paginate.iterator;"],
  ],
  [
    '@mailchimp/mailchimp_marketing',
    ["const mailchimp = require('@mailchimp/mailchimp_marketing');", "mailchimp.setConfig({ apiKey: 'YOUR_API_KEY', server: 'us1' });", 'export const ping = () => mailchimp.ping.get();'],
    'read',
    ["import mailchimp from '@mailchimp/mailchimp_marketing';", "mailchimp.setConfig({ apiKey: 'k', server: 'us1' });", 'export { mailchimp };'],
  ],
  [
    'resend',
    ["import { Resend } from 'resend';", "const resend = new Resend('re_123456789');", "export const mail = () => resend.emails.send({ from: 'a@example.com', to: ['b@example.com'], subject: 'Hi', html: '<p>Hi</p>' });"],
    'write',
    ["import { Resend } from 'resend';", 'export type Client = Resend;', 'export const make = (key: string) => new Resend(key);'],
  ],
  [
    'postmark',
    ["import * as postmark from 'postmark';", "const client = new postmark.ServerClient('server-token');", "export const mail = () => client.sendEmail({ From: 'a@example.com', To: 'b@example.com', Subject: 'Hi', TextBody: 'Hello' });"],
    'write',
    ["import * as postmark from 'postmark';", "export const client = new postmark.ServerClient('server-token');", "export const ok = (e: unknown) => e instanceof postmark.Errors.PostmarkError;"],
  ],
  [
    'algoliasearch',
    ["import { algoliasearch } from 'algoliasearch';", "const client = algoliasearch('ALGOLIA_APPLICATION_ID', 'ALGOLIA_API_KEY');", "export const find = () => client.search({ requests: [{ indexName: 'movies', query: 'batman' }] });"],
    'read',
    ["import { algoliasearch } from 'algoliasearch';", "export const client = algoliasearch('APP', 'KEY');", "client.addAlgoliaAgent('my-app', '1.0.0');"],
  ],
  [
    '@pinecone-database/pinecone',
    ["import { Pinecone } from '@pinecone-database/pinecone';", 'const pc = new Pinecone({ apiKey: process.env.PINECONE_API_KEY! });', "export const save = () => pc.index('quickstart').namespace('ns1').upsert([{ id: 'vec1', values: [0.1, 0.2] }]);"],
    'write',
    ["import { Pinecone } from '@pinecone-database/pinecone';", "const pc = new Pinecone({ apiKey: 'k' });", "export const idx = pc.index('quickstart').namespace('ns1');"],
  ],
];

for (const [id, use, access, lookAlike] of VENDORS) {
  describe(id, () => {
    test(`a documented call ${access === 'read' ? 'reads' : 'writes'} another company's API`, () => {
      const { locations } = scan(lines(...use));
      assert.deepEqual(locations, [`src/app.ts:3 http-api ${access} ${id}`]);
    });

    test('look-alike: configuration, helpers and types are not API calls', () => {
      const { locations } = scan(lines(...lookAlike));
      assert.deepEqual(locations, []);
    });
  });
}

describe('engine gaps', () => {
  test("Angular's inject(HttpClient) (the current style) is a client like a constructor parameter", () => {
    const { locations } = scan(
      lines(
        "import { Injectable, inject } from '@angular/core';",
        "import { HttpClient } from '@angular/common/http';",
        "@Injectable({ providedIn: 'root' })",
        'export class HeroService {',
        '  private http = inject(HttpClient);',
        "  getHeroes() { return this.http.get<unknown[]>('api/heroes'); }",
        '}',
      ),
      WEB,
    );
    assert.deepEqual(locations, ['src/app.ts:6 http-api read @angular/common/http']);
  });

  test('graphql-request: request(url, document) with a mutation writes (the URL, not the document, is the first argument)', () => {
    const { locations } = scan(
      lines(
        "import { request, gql } from 'graphql-request';",
        "export const rename = () => request('https://api.spacex.land/graphql/', gql`mutation { renameCompany(name: \"x\") { name } }`);",
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:2 http-api write graphql-request']);
  });

  test('graphql-request: a mutation document kept in a module constant still writes', () => {
    const { locations } = scan(
      lines(
        "import { GraphQLClient, gql } from 'graphql-request';",
        "const client = new GraphQLClient('https://api.example.com/graphql');",
        'const RENAME = gql`mutation Rename($name: String!) { renameCompany(name: $name) { name } }`;',
        'export const rename = (name: string) => client.request(RENAME, { name });',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:4 http-api write graphql-request']);
  });
});

describe('nodemailer', () => {
  test('a transport sends mail: a write to another service', () => {
    const { locations } = scan(
      lines(
        "import nodemailer from 'nodemailer';",
        'export async function sendEmail(to: string, html: string) {',
        "  const transporter = nodemailer.createTransport({ host: 'smtp.example.com', port: 587, auth: { user: 'u', pass: 'p' } });",
        "  await transporter.sendMail({ from: 'noreply@example.com', to, subject: 'Change password', html });",
        '}',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:4 http-api write nodemailer']);
  });

  test('look-alike: verifying the transport and a sendMail of another object send nothing', () => {
    const { locations } = scan(
      lines(
        "import nodemailer from 'nodemailer';",
        "const transporter = nodemailer.createTransport({ host: 'smtp.example.com' });",
        'export const ready = () => transporter.verify();',
        'const outbox = { sendMail: (m: object) => m };',
        "export const queue = () => outbox.sendMail({ to: 'a@example.com' });",
      ),
    );
    assert.deepEqual(locations, []);
  });
});

describe('@supabase/supabase-js', () => {
  const HEAD = ["import { createClient } from '@supabase/supabase-js';", "const supabase = createClient('https://xyzcompany.supabase.co', 'public-anon-key');"];

  test('tables and rpc are its Postgres, storage its object storage, auth its HTTP API', () => {
    const { locations, map } = scan(
      lines(
        ...HEAD,
        "export const countries = () => supabase.from('countries').select('*').eq('region', 'EU');",
        "export const bill = (team: string) => supabase.rpc('bill_team', { team });",
        "export const avatar = (f: Blob) => supabase.storage.from('avatars').upload('public/avatar1.png', f);",
        'export const me = () => supabase.auth.getUser();',
        "export const log = (row: object) => supabase.from('webhook_logs').insert(row);",
      ),
    );
    assert.deepEqual(locations, [
      'src/app.ts:3 postgres read @supabase/supabase-js',
      'src/app.ts:4 postgres readwrite @supabase/supabase-js',
      'src/app.ts:5 s3 write @supabase/supabase-js',
      'src/app.ts:6 http-api read @supabase/supabase-js',
      'src/app.ts:7 postgres write @supabase/supabase-js',
    ]);
    const targets = map.edges.flatMap((e) => e.locations.map((l) => l.target)).filter(Boolean).sort();
    assert.deepEqual(targets, ['avatars', 'countries', 'webhook_logs']);
  });

  test('look-alike: a realtime channel and auth listeners keep nothing', () => {
    const { locations } = scan(lines(...HEAD, "export const channel = supabase.channel('room1');", 'supabase.auth.onAuthStateChange(() => undefined);'));
    assert.deepEqual(locations, []);
  });
});
