// Reading a workspace file, bounded: only regular files, never more than a limit whatever their listed
// size, a byte order mark understood. Used by discovery and by the language server's thread (which must not
// load the analysis), so it depends on nothing but node:fs.
import fs from 'node:fs';
import type { Problem } from './model/types';

/**
 * Reads a text file: only a regular file, and at most `maxFileSize` + 1 bytes whatever its size looked
 * like when listed (a file that grows, or reports size 0 as /proc files do, stays bounded). Binary files
 * (a NUL byte in the first 8 KB) and oversized ones are problems, not text; UTF-16 with a byte order
 * mark is decoded.
 */
export function readText(abs: string, rel: string, size: number, maxFileSize: number): { text?: string; problem?: Problem } {
  const over = (n: number): { problem: Problem } => ({ problem: { file: rel, message: `skipped: ${formatBytes(n)} is over maxFileSize (${formatBytes(maxFileSize)})` } });
  if (size > maxFileSize) return over(size);
  let buf: Buffer;
  let fd: number | undefined;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; it is then refused as not a regular file
    fd = fs.openSync(abs, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return { problem: { file: rel, message: 'skipped: not a regular file' } };
    if (st.size > maxFileSize) return over(st.size);
    // whole chunks: some /proc files refuse reads of odd lengths
    const chunks: Buffer[] = [];
    let length = 0;
    while (length <= maxFileSize) {
      const chunk = Buffer.allocUnsafe(CHUNK);
      const n = fs.readSync(fd, chunk, 0, CHUNK, null);
      if (n === 0) break;
      chunks.push(n < CHUNK ? chunk.subarray(0, n) : chunk);
      length += n;
    }
    if (length > maxFileSize) return { problem: { file: rel, message: `skipped: over maxFileSize (${formatBytes(maxFileSize)}) when read` } };
    buf = Buffer.concat(chunks, length);
  } catch (err) {
    return { problem: { file: rel, message: `unreadable file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` } };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  return decodeText(buf, rel);
}

/** A file's bytes as text, as `readText` decodes them (git's copy of a file is read the same way). */
export function decodeText(buf: Buffer, rel: string): { text?: string; problem?: Problem } {
  const utf16 = buf[0] === 0xff && buf[1] === 0xfe ? 'utf-16le' : buf[0] === 0xfe && buf[1] === 0xff ? 'utf-16be' : undefined;
  if (utf16) {
    const text = new TextDecoder(utf16).decode(buf);
    return text.slice(0, 8192).includes('\0') ? { problem: { file: rel, message: 'skipped: binary file' } } : { text };
  }
  const head = buf.subarray(0, 8192);
  if (head.includes(0)) return { problem: { file: rel, message: 'skipped: binary file' } };
  return { text: buf.toString('utf8') };
}

const CHUNK = 64 * 1024;

/** JSON text without the UTF-8 byte order mark some editors write (JSON.parse rejects it). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}
