/**
 * A byte-exact delta between two raw page bodies: what `versions.raw_gzip` holds (gzipped) when
 * `versions.raw_base_id` is set. Pure: no I/O, no database, no compression.
 *
 * Two revisions of a fact page share almost all of their bytes (navigation, scripts, footer);
 * a few figures or sentences differ. The bodies are cut into tokens that end after each `>` or
 * `\n` (a tag, or a line of text), the token arrays are diffed (Myers, the `diff` package), and
 * the result is written as a short list of operations on the base body:
 *
 *   {"v":1,"ops":[41230,-17,"8.4 million</td>",33012]}
 *
 * - a positive integer n: copy the next n bytes of the base;
 * - a negative integer -n: skip the next n bytes of the base;
 * - a string: insert these bytes (each char is one byte, 0–255).
 *
 * Lengths are in BYTES, not tokens, so applying a delta needs no tokenizer: the tokenizer can
 * change without invalidating stored deltas. The copies and skips must cover the base exactly;
 * anything else is a corrupt delta and throws.
 *
 * Bodies are handled as `latin1` strings, which map bytes 1:1 to chars 0–255, so any bytes (a
 * windows-1252 page, invalid UTF-8, binary) round-trip exactly. The JSON text is itself written
 * as latin1: it only holds ASCII and the body's own chars.
 */
import { diffArrays } from 'diff';

/** The format version written in every delta (`v`); readers reject versions they do not know. */
export const RAW_DELTA_VERSION = 1;

export interface DeltaLimits {
  /**
   * Most token insertions + removals the diff explores before giving up. Two revisions of a page
   * differ by a few dozen tokens (60 between the recorded 2017 and 2020 pages); unrelated pages by
   * thousands, where a delta would not pay. The diff's cost grows with the square of this.
   */
  maxEditLength?: number;
  /** Wall-clock bound on the diff, in ms: past it the body is stored in full. */
  timeoutMs?: number;
}

export const DEFAULT_DELTA_LIMITS: Required<DeltaLimits> = { maxEditLength: 400, timeoutMs: 20 };

/** The edit bound of the first, cheap diff attempt (see `diffOps`). */
const QUICK_EDIT_LENGTH = 100;

/** One operation: copy n base bytes (n > 0), skip n base bytes (-n < 0), or insert a string. */
export type DeltaOp = number | string;

/**
 * The delta that turns `base` into `target`, encoded (not compressed); null when the bodies are
 * too different for the diff limits (store `target` in full instead).
 */
export function createDelta(base: Buffer, target: Buffer, limits: DeltaLimits = {}): Buffer | null {
  const ops = diffOps(base, target, { ...DEFAULT_DELTA_LIMITS, ...limits });
  return ops === null ? null : encodeOps(ops);
}

/** Rebuilds the target body from its base and a delta made by `createDelta`. Throws on a corrupt delta. */
export function applyDelta(base: Buffer, delta: Buffer): Buffer {
  const ops = decodeOps(delta);
  const parts: Buffer[] = [];
  let at = 0;
  for (const op of ops) {
    if (typeof op === 'string') {
      parts.push(Buffer.from(op, 'latin1'));
    } else if (op > 0) {
      if (at + op > base.length) throw new RawDeltaError(`copies past the end of the base (${at + op} > ${base.length})`);
      parts.push(base.subarray(at, at + op));
      at += op;
    } else {
      at -= op;
      if (at > base.length) throw new RawDeltaError(`skips past the end of the base (${at} > ${base.length})`);
    }
  }
  if (at !== base.length) throw new RawDeltaError(`covers ${at} of the base's ${base.length} bytes`);
  return Buffer.concat(parts);
}

/** A stored delta that cannot be applied: wrong format version, malformed, or not for this base. */
export class RawDeltaError extends Error {
  constructor(message: string) {
    super(`corrupt raw delta: ${message}`);
    this.name = 'RawDeltaError';
  }
}

/** Cuts a body (latin1 string) into tokens ending after each `>` or `\n`; the last may end anywhere. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 62 /* > */ || c === 10 /* \n */) {
      tokens.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) tokens.push(text.slice(start));
  return tokens;
}

function diffOps(base: Buffer, target: Buffer, limits: Required<DeltaLimits>): DeltaOp[] | null {
  // The common head and tail are most of a page: found on the bytes (memcmp), cut back to token
  // boundaries, so only the middle is tokenized and diffed.
  const head = tokenStartAtOrBefore(base, commonPrefix(base, target));
  const tail = base.length - tokenStartAtOrAfter(base, base.length - commonSuffix(base, target, head));
  const ops = new OpList();
  ops.copy(head);
  const a = tokenize(base.toString('latin1', head, base.length - tail));
  const b = tokenize(target.toString('latin1', head, target.length - tail));
  if (a.length === 0) {
    ops.insert(b.join(''));
  } else if (b.length === 0) {
    ops.skip(byteLength(a));
  } else {
    // Revisions differ by a few dozen tokens: a diff bounded low settles them at once. Past that
    // bound, a cheap lower bound rejects unrelated bodies before the expensive full-bound diff.
    const quick = Math.min(QUICK_EDIT_LENGTH, limits.maxEditLength);
    let parts = diffArrays(a, b, { maxEditLength: quick, timeout: limits.timeoutMs });
    if (!parts && limits.maxEditLength > quick && editLowerBound(a, b) <= limits.maxEditLength) {
      parts = diffArrays(a, b, { maxEditLength: limits.maxEditLength, timeout: limits.timeoutMs });
    }
    if (!parts) return null;
    for (const part of parts) {
      if (part.added) ops.insert(part.value.join(''));
      else if (part.removed) ops.skip(byteLength(part.value));
      else ops.copy(byteLength(part.value));
    }
  }
  ops.copy(tail);
  return ops.ops;
}

/** Length of the longest common prefix of two buffers (binary search over memcmp). */
function commonPrefix(a: Buffer, b: Buffer): number {
  let lo = 0;
  let hi = Math.min(a.length, b.length);
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (a.compare(b, 0, mid, 0, mid) === 0) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Length of the longest common suffix of two buffers that leaves their first `head` bytes alone. */
function commonSuffix(a: Buffer, b: Buffer, head: number): number {
  let lo = 0;
  let hi = Math.min(a.length, b.length) - head;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (a.compare(b, b.length - mid, b.length, a.length - mid, a.length) === 0) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const isDelimiter = (c: number | undefined) => c === 62 /* > */ || c === 10; /* \n */

/** The last token start at or before `at` (a token starts at 0 or right after a delimiter). */
function tokenStartAtOrBefore(body: Buffer, at: number): number {
  let i = at;
  while (i > 0 && !isDelimiter(body[i - 1])) i--;
  return i;
}

/**
 * The first token start at or after `at` whose delimiter lies inside the common tail (at or after
 * `at`), so the tail is whole tokens in both bodies; the body's end if there is none.
 */
function tokenStartAtOrAfter(body: Buffer, at: number): number {
  let i = at;
  while (i < body.length && !isDelimiter(body[i])) i++;
  return Math.min(i + 1, body.length);
}

/**
 * A lower bound of the diff's edit count: tokens of one side that the other does not have at all
 * must be removed or inserted. Cheap (two sets), and it rejects unrelated bodies before the diff.
 */
function editLowerBound(a: string[], b: string[]): number {
  const inA = new Set(a);
  const inB = new Set(b);
  let n = 0;
  for (const t of a) if (!inB.has(t)) n++;
  for (const t of b) if (!inA.has(t)) n++;
  return n;
}

function byteLength(tokens: string[]): number {
  let n = 0;
  for (const t of tokens) n += t.length;
  return n;
}

/** Appends operations, merging neighbours of the same kind and dropping empty ones. */
class OpList {
  readonly ops: DeltaOp[] = [];
  copy(n: number): void {
    if (n > 0) this.#number(n, (last) => last > 0);
  }
  skip(n: number): void {
    if (n > 0) this.#number(-n, (last) => last < 0);
  }
  insert(text: string): void {
    if (text === '') return;
    const last = this.ops.length - 1;
    if (typeof this.ops[last] === 'string') this.ops[last] += text;
    else this.ops.push(text);
  }
  #number(n: number, sameKind: (last: number) => boolean): void {
    const i = this.ops.length - 1;
    const last = this.ops[i];
    if (typeof last === 'number' && sameKind(last)) this.ops[i] = last + n;
    else this.ops.push(n);
  }
}

function encodeOps(ops: DeltaOp[]): Buffer {
  // JSON.stringify escapes only ASCII control chars, quotes and backslashes; chars 0x80–0xFF stay
  // one char each, so the text is still latin1 and encodes to one byte per char.
  return Buffer.from(JSON.stringify({ v: RAW_DELTA_VERSION, ops }), 'latin1');
}

function decodeOps(delta: Buffer): DeltaOp[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(delta.toString('latin1'));
  } catch {
    throw new RawDeltaError('not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null) throw new RawDeltaError('not an object');
  const { v, ops } = parsed as { v?: unknown; ops?: unknown };
  if (v !== RAW_DELTA_VERSION) throw new RawDeltaError(`unknown format version ${JSON.stringify(v)}`);
  if (!Array.isArray(ops)) throw new RawDeltaError('no op list');
  for (const op of ops) {
    if (typeof op === 'string') continue;
    if (typeof op !== 'number' || !Number.isSafeInteger(op) || op === 0) throw new RawDeltaError(`bad op ${JSON.stringify(op)}`);
  }
  return ops as DeltaOp[];
}
