// Who may import what in src/ and media/src/. The layers, bottom to top:
//   catalog → core → render → cli, protocol → server, extension, media
// A module imports only from its own layer or below. Type imports count too (tsPreCompilationDeps):
// a type from a higher layer is still a dependency a newcomer has to follow, and it is where cycles start.
// `npm run lint:deps` checks this; docs/architecture.md explains each layer.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes two modules one: neither can be read, tested or moved alone. Put the shared types in a module of their own (link/types.ts does this for the linker).',
      from: { path: '^(src|media/src)/' },
      to: { circular: true },
    },
    {
      name: 'launchers-stand-alone',
      comment: 'src/launch loads a bundle before anything else runs: it imports only Node',
      severity: 'error',
      from: { path: '^src/launch/' },
      to: { path: '^(src|media)/(?!launch/)' },
    },
    {
      name: 'catalog-is-the-bottom',
      severity: 'error',
      comment: 'The catalog is data about libraries: the analysis reads it, so it cannot read the analysis (or anything above it).',
      from: { path: '^src/catalog/' },
      to: { path: '^(src/(core|render|cli|protocol|server|extension)|media)/' },
    },
    {
      name: 'core-imports-only-catalog',
      severity: 'error',
      comment: 'The analysis (core) knows nothing of how its result is shown or served: renderers, the CLI, the protocol, the server and the extension all build on it.',
      from: { path: '^src/core/' },
      to: { path: '^(src/(render|cli|protocol|server|extension)|media)/' },
    },
    {
      name: 'extract-is-per-file',
      severity: 'error',
      comment: 'Extraction reads one file and records what it sees, never resolving across files: that is the linker\'s job, so a one-file edit re-extracts one file. Extract never imports the linker, the model or the drivers.',
      from: { path: '^src/core/extract/' },
      to: { path: '^src/core/(link/|model/(index|services)\\.ts$|analyze\\.ts$|session\\.ts$)' },
    },
    {
      name: 'link-is-below-model',
      severity: 'error',
      comment: 'The linker turns facts into operations and hazards; the model groups them into services. The model reads the link\'s result, never the other way round.',
      from: { path: '^src/core/link/' },
      to: { path: '^src/core/(model/|analyze\\.ts$|session\\.ts$)' },
    },
    {
      name: 'discover-does-not-parse',
      severity: 'error',
      comment: 'Discovery lays out the workspace (packages, services, claims, config); extraction parses code and reads files through discovery\'s helpers. Discover importing extract makes the two folders depend on each other.',
      from: { path: '^src/core/discover/' },
      to: { path: '^src/core/extract/' },
    },
    {
      name: 'analysis-has-no-editor',
      severity: 'error',
      comment: 'core, catalog and render run in the CLI and in worker threads, where neither VS Code nor an LSP connection exists.',
      from: { path: '^src/(core|catalog|render)/' },
      to: { path: '^(vscode|vscode-languageserver[^/]*|vscode-languageclient|vscode-jsonrpc)$|node_modules/(@types/vscode|vscode-languageserver[^/]*|vscode-languageclient|vscode-jsonrpc)/' },
    },
    {
      name: 'render-is-below-the-front-ends',
      severity: 'error',
      comment: 'Renderers turn a StateMap into text; the CLI, the protocol and the server use them, never the other way round.',
      from: { path: '^src/render/' },
      to: { path: '^(src/(cli|protocol|server|extension)|media)/' },
    },
    {
      name: 'protocol-and-cli-are-below-the-hosts',
      severity: 'error',
      comment: 'The protocol is what the server and the extension agree on; the CLI is a front end of its own. Neither may depend on a host.',
      from: { path: '^src/(cli|protocol)/' },
      to: { path: '^(src/(server|extension)|media)/' },
    },
    {
      name: 'protocol-names-no-renderer',
      severity: 'error',
      comment: 'The protocol carries data (core/model types); it does not depend on how a renderer is written.',
      from: { path: '^src/protocol/' },
      to: { path: '^src/(render|cli)/' },
    },
    {
      name: 'extension-host-loads-no-analysis',
      severity: 'error',
      comment: 'The extension host stays light: it talks to the server through src/protocol only and never loads the analysis, the renderers or the server.',
      from: { path: '^src/extension/' },
      to: { path: '^src/(core|catalog|render|server|cli)/' },
    },
    {
      name: 'webview-imports-only-the-webview-protocol',
      severity: 'error',
      comment: 'The webview runs in a browser sandbox: no Node, no vscode, and from src only the protocol (types and constants).',
      from: { path: '^media/src/' },
      to: { path: '^src/(?!protocol/)|^(vscode|node:.*)$', pathNot: '^src/protocol/' },
    },
    {
      name: 'lsp-thread-loads-no-analysis',
      severity: 'error',
      comment: 'The server\'s LSP thread must answer while the analysis runs: only worker.ts, entries.ts and compare.ts (the analysis thread) load core\'s analysis or ts-morph. Type-only imports are erased at build time, so they are allowed here.',
      from: { path: '^src/server/', pathNot: '^src/server/(worker|entries|compare)\\.ts$' },
      to: {
        path: '^src/core/(analyze|session|extract|link|discover)|^src/core/model/index\\.ts$|node_modules/ts-morph/',
        dependencyTypesNot: ['type-only'],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '(^|/)dist/' },
  },
};
