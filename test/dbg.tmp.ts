import fs from 'node:fs';
import { extractSource } from './helpers/workspace';
const f = extractSource(fs.readFileSync('/tmp/truth/set7/msgbyte__tianji/src/server/model/monitor/runner.ts','utf8'), 'src/server/model/monitor/runner.ts');
for (const [id, fn] of Object.entries(f.functions)) console.log(id, fn.name, fn.parent, JSON.stringify(fn.calls));
console.log(f.uses.filter(u=>JSON.stringify(u.v).includes('prisma')).map(u=>u.fn+' '+u.line));
