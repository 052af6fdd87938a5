// Markdown tables that stay within a budget: at most `max` rows, then one row saying how many more.

export function table(header: string[], rows: string[][], max: number): string[] {
  const out = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
  for (const r of rows.slice(0, max)) out.push(`| ${r.join(' | ')} |`);
  if (rows.length > max) out.push(`| … ${rows.length - max} more | ${header.slice(1).map(() => '').join(' | ')} |`);
  return out;
}

/** A list cut the same way. */
export function list(items: string[], max: number): string[] {
  const out = items.slice(0, max).map((i) => `- ${i}`);
  if (items.length > max) out.push(`- … ${items.length - max} more`);
  return out;
}
