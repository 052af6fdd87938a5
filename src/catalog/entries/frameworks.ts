import type { StoreModel } from '../types';

/**
 * Framework registrations that decide where injected clients go: NestJS modules configure the store of
 * clients that the services only receive by type (`@Inject(CACHE_MANAGER) cache: Cache`).
 */
export const frameworkModels: StoreModel[] = [
  {
    id: '@nestjs/cache-manager', docs: 'https://docs.nestjs.com/techniques/caching', modules: ['@nestjs/cache-manager', '@nestjs/common'],
    kind: 'memory', kindFrom: { options: ['store', 'stores'], argClient: true }, factories: ['CacheModule.register', 'CacheModule.registerAsync'],
    configures: ['cache-manager'], ops: { fallback: 'ignore' },
    note: 'Only the CacheModule registration is a factory: the rest of @nestjs/common is not a store.',
  },
  {
    id: '@nestjs/microservices', docs: 'https://docs.nestjs.com/microservices/basics#client', modules: ['@nestjs/microservices'],
    kind: 'http-api', kindFrom: { options: ['transport'] },
    factories: ['ClientsModule.register', 'ClientsModule.registerAsync', 'ClientProxyFactory.create'],
    types: ['ClientProxy', 'ClientKafka', 'ClientRMQ', 'ClientNats', 'ClientMqtt', 'ClientRedis', 'ClientTCP'],
    factoryKinds: { ClientKafka: 'kafka', ClientRMQ: 'rabbitmq', ClientNats: 'nats', ClientMqtt: 'mqtt', ClientRedis: 'redis' },
    configures: ['@nestjs/microservices'],
    ops: { write: ['emit', 'send', 'dispatchEvent', 'commit'], ignore: ['connect', 'close', 'subscribeToResponseOf'], fallback: 'ignore' },
  },
  {
    // SST v3 infrastructure (`sst.config.ts`, `infra/*.ts`): the global `sst` names the components
    // (`new sst.aws.Function('Api', { handler: 'packages/functions/src/api.handler' })`); the handlers they name are
    // the services' entries (src/core/model/services.ts). `Resource.Database` of `import { Resource } from 'sst'`
    // only reads what the infrastructure links.
    id: 'sst', docs: 'https://sst.dev/docs/component/aws/function', modules: ['sst'], globals: [['sst']], kind: 'http-api',
    ops: { fallback: 'ignore' },
    note: 'Infrastructure as code: its components are not stores; the functions they name are the units that run.',
  },
];
