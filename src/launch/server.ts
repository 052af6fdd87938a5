// Entry of dist/server.js: the language server's bundle (dist/server-bundle.js), loaded from V8's code cache.
import path from 'node:path';
import { runBundle } from './codeCache';

runBundle(path.join(__dirname, 'server-bundle.js'));
