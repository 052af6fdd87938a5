// Entry of dist/server.js. One file plays two parts: the language server (main thread) and its analysis
// worker (a worker thread started from this same file), so the package ships a single server bundle.
import path from 'node:path';
import { isMainThread, workerData } from 'node:worker_threads';

declare const STATE_MAP_VERSION: string | undefined;
const version = typeof STATE_MAP_VERSION === 'string' ? STATE_MAP_VERSION : '0.0.0';

const HELP = `state-map language server ${version}

Usage: state-map-server --stdio | --node-ipc | --socket=<port>

Speaks the Language Server Protocol: hover on code that touches state, diagnostics for broken
"stateless" claims and hazards, CodeLens summaries, and custom stateMap/* requests for the map.
`;

// `require`, not `import`: each thread loads only its half. The LSP thread never loads ts-morph (its
// TypeScript takes seconds to load on a busy machine); the analysis thread never loads the LSP.
/** What `dist/server.js` runs: the language server, or, in its analysis thread, the analysis. */
export function main(): void {
  if (!isMainThread && (workerData as { role?: string } | undefined)?.role === 'state-map-analysis') {
    (require('./worker') as typeof import('./worker')).runAnalysisWorker();
    return;
  }
  const args = process.argv.slice(2);
  if (args.includes('--version') || args.includes('-v')) {
    process.stdout.write(`${version}\n`);
  } else if (args.includes('--help') || args.includes('-h') || !args.some((a) => /^--(stdio|node-ipc|socket|pipe|clientProcessId)/.test(a))) {
    process.stdout.write(HELP);
  } else {
    // the analysis thread starts from the launcher beside this bundle, which loads it from V8's code cache
    const launcher = typeof STATE_MAP_VERSION === 'string' ? path.join(__dirname, 'server.js') : __filename;
    (require('./server') as typeof import('./server')).startServer(launcher, version);
  }
}

if (require.main === module) main();
