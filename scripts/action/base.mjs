#!/usr/bin/env node
// Prints the commit a pull request is compared with: the PR's base commit from GITHUB_EVENT_PATH
// (state-map diff then takes the merge base of it and HEAD), else the `base` input, else origin/main.
import fs from 'node:fs';

export function baseOf(env = process.env) {
  if (env.INPUT_BASE) return env.INPUT_BASE;
  try {
    const event = JSON.parse(fs.readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
    if (event.pull_request?.base?.sha) return event.pull_request.base.sha;
    if (event.before && !/^0+$/.test(event.before)) return event.before;
  } catch {
    // no event file: a local run
  }
  return 'origin/main';
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(`${baseOf()}\n`);
