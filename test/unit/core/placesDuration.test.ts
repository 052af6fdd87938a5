// Token lifetimes as code writes them: what durationOf reads, and what it refuses to guess.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { durationOf } from '../../../src/core/extract/duration';
import { durationText } from '../../../src/render/places';

test('strings with units, as jsonwebtoken (the ms library) reads them', () => {
  assert.equal(durationOf("'7d'", ''), 604800);
  assert.equal(durationOf('"2 hours"', ''), 7200);
  assert.equal(durationOf("'15m'", ''), 900);
  // a string without a unit is milliseconds for jsonwebtoken, seconds for jose's setExpirationTime
  assert.equal(durationOf("'120000'", ''), 120);
  assert.equal(durationOf("'120'", '', 's'), 120);
  // jose's timespans may say they count from now
  assert.equal(durationOf("'1 day from now'", '', 's'), 86400);
  assert.equal(durationOf("'+2h'", '', 's'), 7200);
  assert.equal(durationOf("'2 days ago'", '', 's'), undefined);
});

test('arithmetic on numbers and on constants of the same file', () => {
  const text = 'const MINUTE = 60;\nconst HOUR = 60 * MINUTE;\nexport const TTL: number = 24 * HOUR;\n';
  assert.equal(durationOf('15 * 60', ''), 900);
  assert.equal(durationOf('TTL', text), 86400);
  assert.equal(durationOf('(2 * HOUR)', text), 7200);
  assert.equal(durationOf('Math.floor(Date.now() / 1000) + 60 * 60', ''), 3600);
});

test('the default after `||` or `??` is the lifetime when nothing is set (an environment variable, a config field)', () => {
  assert.equal(durationOf("process.env.JWT_EXPIRES_IN || '7d'", ''), 604800);
  assert.equal(durationOf('config.jwt.ttl ?? 3600', ''), 3600);
  assert.equal(durationOf('TTL', "const TTL = process.env.ACCESS_TTL ?? '15m';"), 900);
  assert.equal(durationOf("parseInt(process.env.TTL || '60', 10) * 60", ''), undefined);
  assert.equal(durationOf("process.env.A || process.env.B", ''), undefined);
});

test('a type assertion says nothing of the value; `now + n` where `now` is the time in seconds (textbee, giscus, set 23)', () => {
  assert.equal(durationOf("process.env.JWT_EXPIRATION || '60d' as any", ''), 5184000);
  assert.equal(durationOf("'1h' as StringValue", ''), 3600);
  assert.equal(durationOf('now + 10 * 60', 'const now = Math.floor(Date.now() / 1000);\n'), 600);
  // `now` is not the time: no guess
  assert.equal(durationOf('now + 600', 'const now = getClock();\n'), undefined);
});

test('anything else is unknown: no guess', () => {
  assert.equal(durationOf('config.jwt.ttl', ''), undefined);
  assert.equal(durationOf('UNKNOWN', 'const OTHER = 5;'), undefined);
  assert.equal(durationOf("'soon'", ''), undefined);
  assert.equal(durationOf('0', ''), undefined);
  assert.equal(durationOf('A', 'const A = B;\nconst B = A;'), undefined);
});

test('durations in words', () => {
  assert.equal(durationText(900), '15 minutes');
  assert.equal(durationText(604800), '7 days');
  assert.equal(durationText(3600), '1 hour');
  assert.equal(durationText(5400), '90 minutes');
  assert.equal(durationText(0.5), '500 ms');
});
