import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeFiles, locationSummary } from '../../helpers/workspace';

const NEST_DEPS = { '@nestjs/core': '10', '@nestjs/common': '10', 'cache-manager': '5', 'cache-manager-redis-yet': '4', '@nestjs/cache-manager': '2', '@nestjs/microservices': '10' };

const service = (imports: string, ctor: string, body: string) => [
  "import { Injectable, Inject } from '@nestjs/common';",
  imports,
  '@Injectable()',
  'export class ProfileService {',
  `  constructor(${ctor}) {}`,
  body,
  '}',
  '',
].join('\n');

describe('@nestjs/cache-manager', () => {
  test('CacheModule.register({ store: redisStore }) sends an injected Cache to Redis', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'profiles', dependencies: NEST_DEPS }),
      'src/app.module.ts': [
        "import { Module } from '@nestjs/common';",
        "import { CacheModule } from '@nestjs/cache-manager';",
        "import { redisStore } from 'cache-manager-redis-yet';",
        '@Module({ imports: [CacheModule.register({ store: redisStore })] })',
        'export class AppModule {}',
        '',
      ].join('\n'),
      'src/profile.service.ts': service(
        "import { CACHE_MANAGER } from '@nestjs/cache-manager';\nimport type { Cache } from 'cache-manager';",
        '@Inject(CACHE_MANAGER) private readonly cache: Cache',
        '  async get(id: string) { return this.cache.get(`profile:${id}`); }\n  async put(id: string, p: unknown) { await this.cache.set(`profile:${id}`, p); }',
      ),
    });
    assert.deepEqual(locationSummary(map), ['src/profile.service.ts:7 redis read cache-manager', 'src/profile.service.ts:8 redis write cache-manager']);
    assert.deepEqual(map.hazards, []);
  });

  test('look-alike: CacheModule.register() without a store keeps the cache in memory (a hazard in a server)', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'profiles', dependencies: NEST_DEPS }),
      'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nNestFactory.create(AppModule).then((app) => app.listen(3000));\n",
      'src/app.module.ts': "import { Module } from '@nestjs/common';\nimport { CacheModule } from '@nestjs/cache-manager';\n@Module({ imports: [CacheModule.register()] })\nexport class AppModule {}\n",
    });
    assert.deepEqual(locationSummary(map), []);
  });
});

describe('@nestjs/microservices', () => {
  test('ClientsModule.register with a Kafka transport: an injected ClientProxy emits to Kafka', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'orders', dependencies: NEST_DEPS }),
      'src/app.module.ts': [
        "import { Module } from '@nestjs/common';",
        "import { ClientsModule, Transport } from '@nestjs/microservices';",
        "@Module({ imports: [ClientsModule.register([{ name: 'EVENTS', transport: Transport.KAFKA, options: { client: { brokers: ['kafka:9092'] } } }])] })",
        'export class AppModule {}',
        '',
      ].join('\n'),
      'src/profile.service.ts': service(
        "import { ClientProxy } from '@nestjs/microservices';",
        "@Inject('EVENTS') private readonly events: ClientProxy",
        "  created(id: string) { this.events.emit('profile.created', { id }); }",
      ),
    });
    assert.deepEqual(locationSummary(map), ['src/profile.service.ts:6 kafka write @nestjs/microservices']);
  });

  test('look-alike: a @MessagePattern handler and Transport constants are not client calls', () => {
    const map = analyzeFiles({
      'src/orders.controller.ts': [
        "import { Controller } from '@nestjs/common';",
        "import { MessagePattern, Transport } from '@nestjs/microservices';",
        '@Controller()',
        'export class OrdersController {',
        "  @MessagePattern('orders.get') get(id: string) { return { id, via: Transport.TCP }; }",
        '}',
        '',
      ].join('\n'),
    });
    assert.deepEqual(locationSummary(map), []);
  });
});
