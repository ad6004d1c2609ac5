import { HttpError } from './problem.ts';

/**
 * Refuses JSON nested deeper than `maxDepth` before it is parsed: one pass over the raw bytes,
 * so a hostile body cannot make the parser (or later code) work in proportion to its depth.
 */
export function assertJsonDepth(raw: Buffer, maxDepth: number): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i];
    if (inString) {
      if (byte === 0x5c) i++; // backslash: skip the escaped byte
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x7b || byte === 0x5b) {
      if (++depth > maxDepth) throw new HttpError('malformed_request', `JSON nested deeper than ${maxDepth} levels`);
    } else if (byte === 0x7d || byte === 0x5d) depth--;
  }
}
