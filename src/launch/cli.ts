// Entry of dist/cli.js: the command line's bundle (dist/cli-bundle.js), loaded from V8's code cache.
import path from 'node:path';
import { runBundle } from './codeCache';

runBundle(path.join(__dirname, 'cli-bundle.js'));
