// statemap.config.json's JSON schema takes state contracts and refuses unknown keys, and stays in step
// with the hazard kinds; every rule a finding can have is documented for SARIF.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import Ajv from 'ajv';
import { HAZARD_KINDS } from '../../../src/catalog/kinds';
import { RULES } from '../../../src/render/rules';

const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'src', 'core', 'config', 'statemap.config.schema.json'), 'utf8'));
const validate = new Ajv({ strict: false }).compile(schema);

describe('statemap.config.schema.json', () => {
  test('a contract with kinds, instances and access is valid', () => {
    const config = { services: [{ root: 'services/orders', claim: 'stateless', allowedStores: ['postgres', 'redis:CACHE_URL', { store: 's3', access: 'write' }], forbidHazards: ['module-mutable-state'] }] };
    assert.ok(validate(config), JSON.stringify(validate.errors));
  });

  test('unknown keys, a bad access and an unknown hazard kind are refused', () => {
    assert.equal(validate({ allowedStores: ['redis'] }), false);
    assert.equal(validate({ services: [{ root: '.', allowedStore: ['redis'] }] }), false);
    assert.equal(validate({ services: [{ root: '.', allowedStores: [{ store: 'redis', access: 'append' }] }] }), false);
    assert.equal(validate({ services: [{ root: '.', forbidHazards: ['global-state'] }] }), false);
  });

  test('forbidHazards lists exactly the hazard kinds; SARIF documents every hazard kind', () => {
    assert.deepEqual(schema.properties.services.items.properties.forbidHazards.items.enum, [...HAZARD_KINDS]);
    for (const k of HAZARD_KINDS) assert.ok(RULES[k], `rule help for ${k}`);
  });
});
