#!/usr/bin/env node
// Creates or updates the one State Map comment of a pull request: the comment whose body holds the
// hidden marker `<!-- state-map -->`. Run by action.yml; reads what GitHub Actions provides:
// GITHUB_EVENT_PATH (the event, for the PR number), GITHUB_REPOSITORY, GITHUB_API_URL, and the token in
// GITHUB_TOKEN. Usage: node comment.mjs <comment.md>
import fs from 'node:fs';

export const MARKER = '<!-- state-map -->';

async function api(method, url, token, body) {
  const res = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28', ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${new URL(url).pathname}: ${res.status} ${(await res.text()).slice(0, 200)}`);
  return res.json();
}

/** The comment to update: the first with the marker, over every page of the PR's comments. */
async function findComment(base, token) {
  for (let page = 1; page <= 50; page++) {
    const list = await api('GET', `${base}?per_page=100&page=${page}`, token);
    const found = list.find((c) => typeof c.body === 'string' && c.body.includes(MARKER));
    if (found) return found;
    if (list.length < 100) return undefined;
  }
  return undefined;
}

export async function main(argv = process.argv.slice(2), env = process.env, log = console.log) {
  const file = argv[0];
  if (!file) throw new Error('usage: comment.mjs <comment.md>');
  const event = JSON.parse(fs.readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
  const number = event.pull_request?.number ?? (event.issue?.pull_request ? event.issue.number : undefined);
  if (!number) {
    log('state-map: not a pull request event: no comment');
    return 0;
  }
  if (!env.GITHUB_TOKEN) throw new Error('GITHUB_TOKEN is not set: the comment needs a token with pull-requests: write');
  let body = fs.readFileSync(file, 'utf8');
  if (!body.includes(MARKER)) body = `${MARKER}\n${body}`;
  const root = (env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/$/, '');
  const repo = env.GITHUB_REPOSITORY;
  const existing = await findComment(`${root}/repos/${repo}/issues/${number}/comments`, env.GITHUB_TOKEN);
  if (existing) {
    await api('PATCH', `${root}/repos/${repo}/issues/comments/${existing.id}`, env.GITHUB_TOKEN, { body });
    log(`state-map: updated comment ${existing.id} on #${number}`);
  } else {
    const made = await api('POST', `${root}/repos/${repo}/issues/${number}/comments`, env.GITHUB_TOKEN, { body });
    log(`state-map: commented on #${number} (${made.id})`);
  }
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then((code) => (process.exitCode = code), (err) => {
    console.error(`state-map: ${err.message}`);
    process.exitCode = 1;
  });
}
