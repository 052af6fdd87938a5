// A lost update written in steps: the stock is read (`findUnique({ where: { id } })`), a local is computed from it
// with arithmetic (`const newStock = Math.max(0, currentStock - qty)`), and the absolute value is written back to the
// same record, named by the same filter (`update({ where: { id }, data: { stock: newStock } })`). Two purchases read
// the same stock and one subtraction is lost (Plingot/kiosk-pos, truth set 27). An atomic increment, and a field copied
// without arithmetic, are not. Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, fixture } from './run-cli';

describe('a stock read, computed from in a local, and written back', () => {
  const map = analyzeJson(fixture('stock-lost-update'));

  test('the write back is the one race, on the purchase path', () => {
    assert.deepEqual(map.hazards.map((h) => `${h.kind} ${h.file}:${h.line}`), ['check-then-act src/stock.ts:14']);
    assert.match(map.hazards[0]?.message ?? '', /one update is lost/);
  });
});
