import express from 'express';
import session from 'express-session';
import { cartRoutes } from './routes';

const app = express();
app.use(express.json());
// the default MemoryStore: sessions live in this process
app.use(session({ secret: process.env.SESSION_SECRET ?? 'dev', resave: false, saveUninitialized: false }));
app.use('/cart', cartRoutes);
app.listen(Number(process.env.PORT ?? 3000));
