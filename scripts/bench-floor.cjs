// The floor: read every file the analysis read and parse it once with TypeScript's parser (no walk of
// the tree, no binding). Prints { wallMs, maxRssMb, files } as JSON.
const t0 = performance.now();
const fs = require('node:fs');
const path = require('node:path');
const ts = require('@ts-morph/common/dist/typescript.js');
const [root, statsFile] = process.argv.slice(2);
const files = JSON.parse(fs.readFileSync(statsFile, 'utf8')).fileList;
for (const rel of files) {
  const text = fs.readFileSync(path.join(root, rel), 'utf8');
  ts.createSourceFile(rel, text, ts.ScriptTarget.Latest, false, rel.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}
process.stdout.write(JSON.stringify({ wallMs: Math.round(performance.now() - t0), maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), files: files.length }));
