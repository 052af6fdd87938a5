/** Writes a synthetic monorepo of about `n` source files into `root`; returns the count written. */
export function generateWorkspace(root: string, n: number): number;
