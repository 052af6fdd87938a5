import type { Access } from '../../catalog';

/**
 * One thing the analysis found, with an identity that survives edits elsewhere: a store access (one
 * operation on one store), a hazard, a broken claim or a broken contract. `id` is computed from what the
 * finding is (rule, service, store, operation, target, file, enclosing symbol, anchor), never from its
 * message or line, so moving code or re-wording a message keeps it.
 */
export interface Finding {
  /** The fingerprint: 16 hex digits, then `:n` for the n-th (from 2) finding of the same identity. */
  id: string;
  /** `store-access`, `broken-claim`, `contract`, or a hazard kind. */
  rule: string;
  service: string;
  /** Store id (kind, or kind and instance) for store accesses and contract violations. */
  store?: string;
  operation?: string;
  target?: string;
  access?: Access;
  /** The innermost named function, method or class around the finding (`<module>` at top level). */
  symbol: string;
  file: string;
  line: number;
  column: number;
  message: string;
  /** Where else it is explained: the claim a broken claim breaks, the contract line a violation breaks. */
  related?: Array<{ file: string; line: number; message: string }>;
  /** Set when a suppression or the baseline accepts it. */
  suppressed?: { by: 'inline' | 'baseline'; reason: string; file?: string; line?: number };
}

/** Inline suppressions found in source files: `// state-map-ignore-next-line <rule>: <reason>`. */
export interface Suppression {
  file: string;
  line: number;
  scope: 'next-line' | 'file';
  rule: string;
  reason: string;
  /** How many findings it accepted. */
  used: number;
}

export const FINDING_RULES = ['store-access', 'broken-claim', 'contract'] as const;
