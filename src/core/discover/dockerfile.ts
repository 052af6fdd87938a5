// What a service's Dockerfile gives its container besides the command: `VOLUME` paths (Docker makes an anonymous
// volume there for each container, unless something is mounted; Kubernetes ignores the line) and `ENV` values
// (`ENV UPLOAD_DIR=/data/uploads`), which say where the code's files go. Only the final stage counts: it is the
// image that runs.

export interface DockerfilePlaces {
  /** The Dockerfile, posix relative to the workspace. */
  file: string;
  volumes: Array<{ path: string; line: number }>;
  env: Array<{ name: string; value: string; line: number }>;
}

/** The `VOLUME` and `ENV` lines of a Dockerfile's final stage, continuation lines joined. */
export function readDockerfile(file: string, text: string): DockerfilePlaces {
  const out: DockerfilePlaces = { file, volumes: [], env: [] };
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    let body = lines[i];
    while (/\\\s*$/.test(body) && i + 1 < lines.length) body = body.replace(/\\\s*$/, ' ') + lines[++i];
    const m = /^\s*(FROM|VOLUME|ENV)\s+(.*)$/i.exec(body);
    if (!m) continue;
    const [instr, rest] = [m[1].toUpperCase(), m[2].trim()];
    if (instr === 'FROM') {
      out.volumes = [];
      out.env = [];
    } else if (instr === 'VOLUME') {
      for (const p of volumePaths(rest)) if (p.startsWith('/') && !out.volumes.some((v) => v.path === p)) out.volumes.push({ path: trimSlash(p), line });
    } else {
      for (const [name, value] of envPairs(rest)) out.env.push({ name, value, line });
    }
  }
  return out;
}

/** `VOLUME ["/data", "/logs"]` or `VOLUME /data /logs`. */
function volumePaths(rest: string): string[] {
  if (rest.startsWith('[')) {
    try {
      const arr: unknown = JSON.parse(rest);
      return Array.isArray(arr) ? arr.filter((x): x is string => typeof x === 'string') : [];
    } catch {
      return [];
    }
  }
  return rest.split(/\s+/).filter(Boolean).map(unquote);
}

/** `ENV A=1 B="two words"` (any number of pairs) or the old form `ENV A some value`. */
function envPairs(rest: string): Array<[string, string]> {
  if (!/^[A-Za-z_][\w.-]*=/.test(rest)) {
    const m = /^([A-Za-z_][\w.-]*)\s+(.+)$/.exec(rest);
    return m ? [[m[1], unquote(m[2].trim())]] : [];
  }
  const out: Array<[string, string]> = [];
  for (const m of rest.matchAll(/([A-Za-z_][\w.-]*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g)) out.push([m[1], unquote(m[2])]);
  return out;
}

function unquote(s: string): string {
  return /^(["']).*\1$/.test(s) ? s.slice(1, -1) : s;
}

function trimSlash(p: string): string {
  return p.length > 1 ? p.replace(/\/+$/, '') : p;
}
