// Shared pieces of the fuzz suite: run counts (CI default / FUZZ_RUNS long mode), a case counter, byte mutators
// and the DecodeIssue shape check every decoder's output must pass.
import fc from 'fast-check';
import { expect } from 'vitest';

/** FUZZ_RUNS=N switches to long mode: N runs per property (and every CLI mutant). */
export const LONG = Number(process.env.FUZZ_RUNS) > 0;
export const RUNS = LONG ? Number(process.env.FUZZ_RUNS) : 200;
/** per-test timeout: the config's 60 s in CI mode, an hour in long mode */
export const TIMEOUT = LONG ? 3_600_000 : 60_000;

let cases = 0;
export const casesRun = (): number => cases;

/** fc.assert with the suite's run count; counts every case that ran. */
export function check<T>(arb: fc.Arbitrary<T>, pred: (x: T) => void, runs = RUNS): void {
  fc.assert(
    fc.property(arb, (x) => {
      cases++;
      pred(x);
    }),
    { numRuns: runs },
  );
}

/** counts cases run outside fc (hand-made hostile inputs) */
export function count(n = 1): void {
  cases += n;
}

// ---- byte mutators ----

type Mutation = (b: Uint8Array) => Uint8Array;

const at = (b: Uint8Array, i: number): number => (b.length ? i % b.length : 0);
function putBe(b: Uint8Array, i: number, size: number, v: number): Uint8Array {
  const out = b.slice();
  for (let k = 0; k < size && i + k < out.length; k++) out[i + k] = Math.floor(v / 2 ** (8 * (size - 1 - k))) & 0xff;
  return out;
}
function splice(b: Uint8Array, i: number, del: number, ins: Uint8Array): Uint8Array {
  const j = Math.min(b.length, i + del);
  const out = new Uint8Array(i + ins.length + b.length - j);
  out.set(b.subarray(0, i));
  out.set(ins, i);
  out.set(b.subarray(j), i + ins.length);
  return out;
}

/** one mutation; `lengthAt` are offsets of known length fields (with their size) to aim at */
function mutationArb(lengthAt: readonly { at: number; size: 1 | 2 | 3 | 4 }[]): fc.Arbitrary<Mutation> {
  const idx = fc.nat({ max: 1 << 16 });
  const ends = (size: number, len: number): number[] => {
    const max = 2 ** (8 * size) - 1;
    return [0, 1, max, max - 1, len, len + 1, len - 1, Math.max(0, len - 4)];
  };
  const arbs: fc.Arbitrary<Mutation>[] = [
    // bit flip
    fc.tuple(idx, fc.nat({ max: 7 })).map(([i, bit]) => (b: Uint8Array) => {
      if (!b.length) return b;
      const out = b.slice();
      out[at(b, i)]! ^= 1 << bit;
      return out;
    }),
    // truncation
    idx.map((i) => (b: Uint8Array) => b.subarray(0, b.length ? i % (b.length + 1) : 0)),
    // a byte set to 0 / 0xff / random
    fc.tuple(idx, fc.constantFrom(0, 0xff, 0x80, 0x7f, 1)).map(([i, v]) => (b: Uint8Array) => putBe(b, at(b, i), 1, v)),
    // any 1..4-octet field set to 0 / max / max-1 / buffer length ± 1
    fc.tuple(idx, fc.constantFrom(1, 2, 3, 4), fc.nat({ max: 7 })).map(([i, size, k]) => (b: Uint8Array) =>
      putBe(b, at(b, i), size, ends(size, b.length)[k]!)),
    // inserted garbage
    fc.tuple(idx, fc.uint8Array({ minLength: 1, maxLength: 16 })).map(([i, g]) => (b: Uint8Array) =>
      splice(b, b.length ? i % (b.length + 1) : 0, 0, g)),
    // deleted range
    fc.tuple(idx, fc.integer({ min: 1, max: 8 })).map(([i, n]) => (b: Uint8Array) => splice(b, at(b, i), n, new Uint8Array(0))),
    // appended garbage
    fc.uint8Array({ minLength: 1, maxLength: 32 }).map((g) => (b: Uint8Array) => splice(b, b.length, 0, g)),
  ];
  if (lengthAt.length) {
    arbs.push(
      fc.tuple(fc.constantFrom(...lengthAt), fc.nat({ max: 7 })).map(([f, k]) => (b: Uint8Array) =>
        putBe(b, f.at, f.size, ends(f.size, b.length)[k]!)),
    );
  }
  return fc.oneof(...arbs);
}

/** seeds mutated 1–4 times */
export function mutated(
  seeds: fc.Arbitrary<Uint8Array>,
  lengthAt: readonly { at: number; size: 1 | 2 | 3 | 4 }[] = [],
): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(seeds, fc.array(mutationArb(lengthAt), { minLength: 1, maxLength: 4 }))
    .map(([s, ms]) => ms.reduce((b, m) => m(b), s));
}

/** arbitrary bytes, mutated seeds, and the seeds themselves */
export function hostile(
  seeds: fc.Arbitrary<Uint8Array>,
  lengthAt: readonly { at: number; size: 1 | 2 | 3 | 4 }[] = [],
): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) },
    { weight: 4, arbitrary: mutated(seeds, lengthAt) },
    { weight: 1, arbitrary: seeds },
  );
}

// ---- issue shape ----

const CODE = /^[a-z0-9]+(\.[a-z0-9-]+)+$/;

/** every issue is a well-formed DecodeIssue whose offset lies inside the buffer (end offset allowed) */
export function expectIssues(issues: unknown, len: number): void {
  expect(Array.isArray(issues)).toBe(true);
  for (const i of issues as Record<string, unknown>[]) {
    expect(typeof i.code === 'string' && CODE.test(i.code), `issue code ${String(i.code)}`).toBe(true);
    expect(typeof i.message).toBe('string');
    expect(i.severity === 'error' || i.severity === 'warning', `severity ${String(i.severity)}`).toBe(true);
    const off = i.offset;
    expect(Number.isInteger(off) && (off as number) >= 0 && (off as number) <= len, `${String(i.code)} offset ${String(off)} in ${len}`).toBe(true);
    if (i.path !== undefined) {
      expect(Array.isArray(i.path)).toBe(true);
      for (const p of i.path as unknown[]) expect(typeof p === 'string' || typeof p === 'number').toBe(true);
    }
  }
}

/** a deep copy without decode-only keys, for comparing decoded values with built ones */
export function without<T>(v: T, drop: ReadonlySet<string>): T {
  if (Array.isArray(v)) return v.map((x) => without(x, drop)) as T;
  if (v instanceof Uint8Array) return new Uint8Array(v) as T;
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (!drop.has(k) && x !== undefined) out[k] = without(x, drop);
    return out as T;
  }
  return v;
}

export function hex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

// ---- random wire pieces ----

export const ipv6Bytes = fc.oneof(
  fc.uint8Array({ minLength: 16, maxLength: 16 }),
  // sparse addresses, to exercise :: compression and v4-mapped text forms
  fc.tuple(fc.nat({ max: 15 }), fc.uint8Array({ minLength: 4, maxLength: 4 }), fc.boolean()).map(([k, tail, mapped]) => {
    const b = new Uint8Array(16);
    if (mapped) {
      b[10] = b[11] = 0xff;
      b.set(tail, 12);
    } else b[k] = tail[0]!;
    return b;
  }),
);
