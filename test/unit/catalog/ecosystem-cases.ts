// A table of catalog cases: one describe per entry id, a use written as the library's docs show it, and
// the locations (`file:line kind access library`) and hazards it must give, no more.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { scan } from '../../helpers/entry-cases';

export interface EntryCase {
  /** The catalog entry id (the describe block's name). */
  id: string;
  /** What the case shows. */
  what: string;
  /** `src/app.ts`, line by line. */
  code: string[];
  /** Other files of the workspace. */
  files?: Record<string, string>;
  locations: string[];
  /** `file:line kind` of hazards; none when absent. */
  hazards?: string[];
}

export function runCases(cases: readonly EntryCase[]): void {
  for (const c of cases) {
    describe(c.id, () => {
      test(c.what, () => {
        const got = scan(c.code.join('\n') + '\n', c.files ?? {});
        assert.deepEqual(got.locations, c.locations);
        assert.deepEqual(got.hazards, c.hazards ?? []);
      });
    });
  }
}
