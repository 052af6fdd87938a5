import Fastify from 'fastify';
import Redis from 'ioredis';
import { Kafka } from 'kafkajs';
import { prisma } from '@shop/db';

const app = Fastify();
const redis = new Redis(process.env.REDIS_URL!);
const kafka = new Kafka({ clientId: 'orders-api', brokers: [process.env.KAFKA_BROKER!] });
const producer = kafka.producer();

app.post('/orders', async (req, reply) => {
  const key = req.headers['idempotency-key'] as string;
  // client retries send the same key: answer them from the first attempt
  const seen = await redis.get(`idem:${key}`);
  if (seen) return reply.send(JSON.parse(seen));
  const order = await prisma.order.create({ data: req.body as { sku: string; quantity: number } });
  await producer.send({ topic: 'order-created', messages: [{ key: order.id, value: JSON.stringify(order) }] });
  await redis.set(`idem:${key}`, JSON.stringify(order), 'EX', 86400);
  return reply.code(201).send(order);
});

app.get('/orders/:id', async (req) => prisma.order.findUnique({ where: { id: (req.params as { id: string }).id } }));

await producer.connect();
await app.listen({ port: 3001 });
