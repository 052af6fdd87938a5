// SARIF locations are URI references (RFC 3986): a path with spaces, `%`, `#`, `?` or non-ASCII must be
// percent-encoded, or a code-scanning UI opens the wrong file (`#` starts a fragment, `%20` decodes).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { Log } from 'sarif';
import { renderSarif } from '../../../src/render';
import { everywhere, mapOf } from './hostile-map';

/** RFC 3986 relative-ref without query or fragment: path-noscheme (no `:` in the first segment) or empty. */
const PCHAR = String.raw`(?:[A-Za-z0-9\-._~!$&'()*+,;=@]|%[0-9A-F]{2})`;
const RELATIVE_REF = new RegExp(String.raw`^(?:${PCHAR}+(?:/(?:${PCHAR}|:)*)*)?$`);

function uris(files: string[]): string[] {
  const log = JSON.parse(renderSarif(mapOf(files.map(everywhere)))) as Log;
  return log.runs[0].results!.flatMap((r) => r.locations ?? []).map((l) => l.physicalLocation!.artifactLocation!.uri!);
}

describe('SARIF artifactLocation.uri', () => {
  test('each path segment is percent-encoded; ordinary paths are unchanged', () => {
    // the broken claim of each service sits at the hazard that breaks it: each file twice
    assert.deepEqual(uris(['services/cart-api/src/carts.ts', 'packages/my app/100% #1?.ts', 'ünï/設定.ts', 'a:b/c.ts']).sort(), [
      'services/cart-api/src/carts.ts', 'packages/my%20app/100%25%20%231%3F.ts', '%C3%BCn%C3%AF/%E8%A8%AD%E5%AE%9A.ts', 'a%3Ab/c.ts',
      'services/cart-api/src/carts.ts', 'packages/my%20app/100%25%20%231%3F.ts', '%C3%BCn%C3%AF/%E8%A8%AD%E5%AE%9A.ts', 'a%3Ab/c.ts',
    ].sort());
  });

  test('a name with a lone surrogate (possible on Windows) gets U+FFFD instead of failing the whole report', () => {
    assert.deepEqual(uris(['bad\ud800name.ts']), ['bad%EF%BF%BDname.ts', 'bad%EF%BF%BDname.ts']);
  });

  test('for any relative path: valid JSON, a valid URI reference, decoding gives the path back, resolving stays under the root', () => {
    // a file or folder name: any code points but `/`, never `.` or `..`
    const segment = fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }).filter((s) => !s.includes('/') && s !== '.' && s !== '..');
    const file = fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));
    fc.assert(fc.property(fc.array(file, { minLength: 1, maxLength: 3 }), (files) => {
      const got = uris(files);
      assert.equal(got.length, files.length * 2);
      for (const uri of got) {
        assert.match(uri, RELATIVE_REF);
        assert.equal(new URL(uri, 'file:///root/').href, `file:///root/${uri}`);
      }
      assert.deepEqual(got.map((u) => decodeURIComponent(u)).sort(), [...files, ...files].sort());
    }), { numRuns: 200 });
  });
});
