/**
 * Generated and aliased clients: a Prisma generator's `output` folder reached through tsconfig
 * `baseUrl`, `paths` inherited by `extends` from a workspace package, and a workspace package's
 * `exports` subpaths. Each case is a small workspace written for the pattern.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeFiles, locationSummary } from '../helpers/workspace';

const src = (...ls: string[]) => ls.join('\n') + '\n';
const schema = (output: string, provider = 'postgresql') => src(
  'generator client {',
  '  provider = "prisma-client"',
  `  output   = "${output}"`,
  '}',
  'datasource db {',
  `  provider = "${provider}"`,
  '}',
  'model User {',
  '  id Int @id',
  '}',
);

describe('generated Prisma clients', () => {
  test('a NestJS PrismaService extends the client generated into src/, imported through baseUrl', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'api', dependencies: { '@nestjs/core': '11', '@prisma/client': '7' } }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: './' } }),
      'prisma/schema.prisma': schema('../src/generated/prisma'),
      'src/prisma.service.ts': src(
        "import { Injectable, OnModuleInit } from '@nestjs/common';",
        "import { PrismaClient } from 'src/generated/prisma/client';",
        '@Injectable()',
        'export class PrismaService extends PrismaClient implements OnModuleInit {',
        '  async onModuleInit() { await this.$connect(); }',
        '}',
      ),
      'src/users.service.ts': src(
        "import { Injectable } from '@nestjs/common';",
        "import { PrismaService } from './prisma.service';",
        '@Injectable()',
        'export class UsersService {',
        '  constructor(private readonly prisma: PrismaService) {}',
        '  list() { return this.prisma.user.findMany(); }',
        '  add(name: string) { return this.prisma.user.create({ data: { name } }); }',
        '}',
      ),
    });
    assert.deepEqual(locationSummary(map), ['src/users.service.ts:6 postgres read @prisma/client', 'src/users.service.ts:7 postgres write @prisma/client']);
  });

  test('paths inherited through extends from a workspace tsconfig package, and the MySQL provider', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['apps/*', 'packages/*'] }),
      'packages/tsconfig/package.json': JSON.stringify({ name: '@acme/tsconfig' }),
      'packages/tsconfig/base.json': JSON.stringify({ compilerOptions: { strict: true } }),
      'apps/api/package.json': JSON.stringify({ name: 'api', dependencies: { express: '4', '@prisma/client': '7' } }),
      'apps/api/tsconfig.json': JSON.stringify({ extends: '@acme/tsconfig/base.json', compilerOptions: { baseUrl: '.', paths: { '@db/*': ['./generated/db/*'] } } }),
      'apps/api/prisma/schema.prisma': schema('../generated/db', 'mysql'),
      'apps/api/src/db.ts': src("import { PrismaClient } from '@db/client';", 'export const db = new PrismaClient();'),
      'apps/api/src/orders.ts': src("import { db } from './db';", 'export const orders = () => db.order.findMany();'),
    });
    assert.deepEqual(locationSummary(map), ['apps/api/src/orders.ts:2 mysql read @prisma/client']);
  });

  test('a workspace package\'s exports subpath leads to the file that makes the client', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['apps/*', 'packages/*'] }),
      'packages/db/package.json': JSON.stringify({ name: '@acme/db', exports: { '.': './src/index.ts', './client': { types: './lib/redis/index.ts', default: './dist/redis.js' } } }),
      'packages/db/src/index.ts': src('export const version = 1;'),
      'packages/db/lib/redis/index.ts': src("import Redis from 'ioredis';", 'export const redis = new Redis(process.env.REDIS_URL!);'),
      'apps/api/package.json': JSON.stringify({ name: 'api', dependencies: { express: '4', '@acme/db': 'workspace:*' } }),
      'apps/api/src/hits.ts': src("import { redis } from '@acme/db/client';", "export const hit = () => redis.incr('hits');"),
    });
    assert.deepEqual(locationSummary(map), ['apps/api/src/hits.ts:2 redis write ioredis']);
  });

  test('a parameter typed `PrismaClient` (a seed script, a framework handing the client in) is on the database the schema names', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'saas', dependencies: { '@prisma/client': '5' } }),
      'schema.prisma': src('datasource db {', '  provider = "postgresql"', '  url = env("DATABASE_URL")', '}', 'model User {', '  id Int @id', '  credits Int', '}'),
      'src/payment/user.ts': src(
        "import type { PrismaClient } from '@prisma/client';",
        'export async function seed(prismaClient: PrismaClient) {',
        '  await prismaClient.user.create({ data: { id: 1, credits: 0 } });',
        '}',
      ),
    });
    assert.deepEqual(locationSummary(map), ['src/payment/user.ts:3 postgres write @prisma/client']);
  });
});
