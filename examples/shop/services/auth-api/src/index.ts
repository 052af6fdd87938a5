import express from 'express';
import jwt from 'jsonwebtoken';
import { createClient } from 'redis';

const revoked = createClient({ url: process.env.REDIS_URL });
const app = express();
const SECRET = process.env.JWT_SECRET!;

app.post('/login', (req, res) => {
  res.json({ token: jwt.sign({ sub: req.body.user }, SECRET, { expiresIn: '1h' }) });
});

app.post('/logout', async (req, res) => {
  const token = String(req.headers.authorization).replace('Bearer ', '');
  // the revocation list: the state a JWT was supposed to remove
  await revoked.set(`revoked:${token}`, '1', { EX: 3600 });
  res.status(204).end();
});

app.get('/verify', async (req, res) => {
  const token = String(req.headers.authorization).replace('Bearer ', '');
  if (await revoked.exists(`revoked:${token}`)) return res.status(401).end();
  res.json(jwt.verify(token, SECRET));
});

await revoked.connect();
app.listen(3002);
