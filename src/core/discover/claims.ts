import type { ClaimSource } from '../model/types';

const NEGATED = /\b(not|isn't|isnt|is\s+not|never|no\s+longer|aren't|are\s+not|won't|cannot|can't|hardly|non)\b[\s\w-]{0,20}?\bstateless\b|\bnon-stateless\b/i;
const STATELESS = /\bstateless\b/i;
const STATEFUL = /\b(is|are|runs\s+as|remains?)\s+(an?\s+)?stateful\b/i;

/** Is this doc file one whose claims speak for the service rooted at `serviceRoot`? README and docs/ only. */
export function isClaimDoc(rel: string, serviceRoot: string): boolean {
  const inner = serviceRoot === '.' ? rel : rel.startsWith(serviceRoot + '/') ? rel.slice(serviceRoot.length + 1) : undefined;
  if (inner === undefined) return false;
  return /^readme(\.(md|markdown|txt|rst))?$/i.test(inner) || /^docs?\/[^/]+\.(md|markdown)$/i.test(inner);
}

/**
 * Sentences of a README that claim the service is stateless ("Our service is stateless.") or stateful.
 * "Not stateless", questions, and code blocks are not claims.
 */
export function readmeClaims(file: string, text: string): ClaimSource[] {
  const out: ClaimSource[] = [];
  let inFence = false;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s*(```|~~~)/.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    const sentences = line.split(/(?<=[.!;])\s+/);
    for (const s of sentences) {
      if (/\?\s*$/.test(s)) continue;
      if (STATELESS.test(s) && !NEGATED.test(s)) {
        out.push({ kind: 'readme', file, line: i + 1, text: clean(s), stateless: true });
        break;
      }
      if (STATEFUL.test(s) && !/\bnot\b/i.test(s)) {
        out.push({ kind: 'readme', file, line: i + 1, text: clean(s), stateless: false });
        break;
      }
    }
    if (out.length >= 3) break;
  }
  return out;
}

function clean(s: string): string {
  return s.replace(/^[#>*\-\s]+/, '').replace(/[*_`]/g, '').trim().slice(0, 200);
}

/** Claim precedence: an explicit statement beats one inferred from deployment. */
const RANK: Record<ClaimSource['kind'], number> = {
  config: 0, comment: 1, 'package.json': 2, readme: 3, kubernetes: 4, compose: 5, serverless: 6, implicit: 7,
};

export function strongestClaim(sources: ClaimSource[]): boolean | null {
  const sorted = [...sources].sort((a, b) => RANK[a.kind] - RANK[b.kind]);
  const first = sorted.find((s) => s.stateless !== undefined);
  return first ? first.stateless! : null;
}

export function sortClaims(sources: ClaimSource[]): ClaimSource[] {
  return [...sources].sort((a, b) => RANK[a.kind] - RANK[b.kind] || a.file.localeCompare(b.file) || a.line - b.line);
}

/** Whether a README says tokens can be revoked (logout, revoke, invalidate), with the line. */
export function claimsRevocation(readme: string): number | undefined {
  const lines = readme.split(/\r?\n/);
  const i = lines.findIndex((l) => /\b(revok\w*|log(?:ging|s)? ?out|sign(?:ing|s)? out|invalidat\w*)\b/i.test(l) && /\btokens?\b|\bjwts?\b|\bsessions?\b|\bjti\b/i.test(l));
  return i >= 0 ? i + 1 : undefined;
}
