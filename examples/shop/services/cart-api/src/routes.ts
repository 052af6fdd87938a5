import { Router } from 'express';
import { redis } from './redis';

/** Recently viewed items, per user: kept in this process. */
const recentlyViewed = new Map<string, string[]>();

export const cartRoutes = Router();

cartRoutes.get('/:userId', async (req, res) => {
  const items = await redis.hgetall(`cart:${req.params.userId}`);
  res.json({ items, recent: recentlyViewed.get(req.params.userId) ?? [] });
});

cartRoutes.post('/:userId/items', async (req, res) => {
  await redis.hset(`cart:${req.params.userId}`, req.body.sku, req.body.quantity);
  const recent = recentlyViewed.get(req.params.userId) ?? [];
  recentlyViewed.set(req.params.userId, [req.body.sku, ...recent].slice(0, 10));
  res.status(204).end();
});
