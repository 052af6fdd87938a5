// Services a framework injects (`constructor(private readonly data: DataService)`, how NestJS, Angular,
// TypeDI and tsyringe wire classes) are followed like imports: a scheduled method that only calls an
// injected service still writes through it in every replica, and a service method is start-up work when
// only a lifecycle hook calls it, request-time work when a controller does.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeFiles } from '../../helpers/workspace';

type Map_ = ReturnType<typeof analyzeFiles>;
const reported = (map: Map_, kind: string) => map.hazards.filter((h) => h.kind === kind).map((h) => `${h.file}:${h.line} ${h.confidence}`);
const lines = (...l: string[]) => `${l.join('\n')}\n`;

const pkg = JSON.stringify({
  name: 'portfolio-api', version: '1.0.0', main: 'dist/main.js', scripts: { start: 'node dist/main.js' },
  dependencies: { '@nestjs/common': '10', '@nestjs/core': '10', '@nestjs/schedule': '4', '@prisma/client': '6' },
});
const main = lines(
  "import { NestFactory } from '@nestjs/core';",
  "import { AppModule } from './app.module';",
  'async function bootstrap() {',
  '  const app = await NestFactory.create(AppModule);',
  '  await app.listen(3000);',
  '}',
  'bootstrap();',
);
const appModule = lines(
  "import { Module } from '@nestjs/common';",
  "import { ScheduleModule } from '@nestjs/schedule';",
  "import { CronService } from './cron.service';",
  "import { RatesService } from './rates.service';",
  "import { RatesController } from './rates.controller';",
  '@Module({ imports: [ScheduleModule.forRoot()], controllers: [RatesController], providers: [CronService, RatesService] })',
  'export class AppModule {}',
);
const rates = lines(
  "import { Injectable } from '@nestjs/common';",
  "import { PrismaClient } from '@prisma/client';",
  'const prisma = new PrismaClient();',
  'const seen = new Map<string, number>();',
  '@Injectable()',
  'export class RatesService {',
  '  public async gather() {',
  "    await prisma.rate.create({ data: { pair: 'USDEUR', value: 0.9 } });",
  '  }',
  '  public remember(pair: string, value: number) {',
  '    seen.set(pair, value); return seen.size;',
  '  }',
  '}',
);
const cron = (body: string) => lines(
  "import { Injectable } from '@nestjs/common';",
  "import { Cron } from '@nestjs/schedule';",
  "import { RatesService } from './rates.service';",
  '@Injectable()',
  'export class CronService {',
  '  public constructor(private readonly ratesService: RatesService) {}',
  "  @Cron('0 * * * *')",
  '  public async hourly() {',
  `    ${body}`,
  '  }',
  '}',
);
const controller = (body: string) => lines(
  "import { Controller, Post, Body, OnModuleInit } from '@nestjs/common';",
  "import { RatesService } from './rates.service';",
  "@Controller('rates')",
  'export class RatesController implements OnModuleInit {',
  '  public constructor(private readonly ratesService: RatesService) {}',
  body,
  '}',
);
const workspace = (cronBody: string, controllerBody: string) => analyzeFiles({
  'package.json': pkg,
  'src/main.ts': main,
  'src/app.module.ts': appModule,
  'src/rates.service.ts': rates,
  'src/cron.service.ts': cron(cronBody),
  'src/rates.controller.ts': controller(controllerBody),
});

describe('injected services', () => {
  test('invalid: a @Cron method that writes only through an injected service runs in every replica', () => {
    const map = workspace('await this.ratesService.gather();', '');
    assert.deepEqual(reported(map, 'per-replica-timer').map((r) => r.split(' ')[0]), ['src/cron.service.ts:7']);
    const h = map.hazards.find((x) => x.kind === 'per-replica-timer');
    assert.ok(h?.evidence?.some((e) => e.file === 'src/rates.service.ts' && e.line === 8), JSON.stringify(h?.evidence));
  });

  test('valid: a @Cron method that calls nothing that writes is not reported', () => {
    const map = workspace("console.log('tick');", '');
    assert.deepEqual(reported(map, 'per-replica-timer'), []);
  });

  test('invalid: module state a controller changes through an injected service is request-time', () => {
    const map = workspace("console.log('tick');", "  @Post()\n  public save(@Body() b: { pair: string; value: number }) {\n    this.ratesService.remember(b.pair, b.value);\n  }");
    const h = map.hazards.find((x) => x.file === 'src/rates.service.ts' && x.line === 4);
    assert.ok(h, JSON.stringify(map.hazards.map((x) => `${x.kind} ${x.file}:${x.line}`)));
    assert.ok(h.evidence?.some((e) => e.file === 'src/rates.controller.ts'), JSON.stringify(h.evidence));
  });

  test('valid: the same service method called only from onModuleInit is start-up', () => {
    const map = workspace("console.log('tick');", "  public onModuleInit() {\n    this.ratesService.remember('USDEUR', 0.9);\n  }");
    assert.deepEqual(map.hazards.filter((x) => x.file === 'src/rates.service.ts').map((x) => `${x.kind}:${x.line}`), []);
  });

  const fieldService = (decorator: string) => lines(
    "import { Injectable, Scope } from '@nestjs/common';",
    decorator,
    'export class QuotesService {',
    '  private quotes: Record<string, number> = {};',
    '  public remember(pair: string, value: number) {',
    '    this.quotes[pair] = value; return this.quotes;',
    '  }',
    '}',
  );
  const withQuotes = (decorator: string) => analyzeFiles({
    'package.json': pkg,
    'src/main.ts': main,
    'src/app.module.ts': appModule,
    'src/rates.service.ts': rates,
    'src/cron.service.ts': cron("console.log('tick');"),
    'src/quotes.service.ts': fieldService(decorator),
    'src/rates.controller.ts': lines(
      "import { Controller, Post, Body } from '@nestjs/common';",
      "import { QuotesService } from './quotes.service';",
      "@Controller('quotes')",
      'export class RatesController {',
      '  public constructor(private readonly quotesService: QuotesService) {}',
      '  @Post()',
      '  public save(@Body() b: { pair: string; value: number }) {',
      '    this.quotesService.remember(b.pair, b.value);',
      '  }',
      '}',
    ),
  });

  test('invalid: a field of an @Injectable() service (one instance per process) that requests change', () => {
    const map = withQuotes('@Injectable()');
    assert.deepEqual(map.hazards.filter((x) => x.file === 'src/quotes.service.ts').map((x) => `${x.kind}:${x.line}`), ['module-mutable-state:4']);
  });

  test('valid: the same field of a request-scoped service is made anew for each request', () => {
    const map = withQuotes('@Injectable({ scope: Scope.REQUEST })');
    assert.deepEqual(map.hazards.filter((x) => x.file === 'src/quotes.service.ts').map((x) => `${x.kind}:${x.line}`), []);
  });
});
