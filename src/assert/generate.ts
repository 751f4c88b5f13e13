// Assertions generated from Diameter dictionary rows (STYLE example 5): one assertion per rule family and role,
// never one per AVP. A family names which rows it judges (commands of one side, Grouped AVPs, AVP flag rows);
// each problem found becomes one verdict whose evidence names the command, the AVP and the row's `source`.
//   grammarFamily  — CCF of a command (RFC 6733 §3.2): required AVPs, cardinality, fixed position, AVPs not allowed
//   groupedFamily  — CCF of Grouped AVPs (RFC 6733 §4.4)
//   flagFamily     — M/V/P must / must-not rows and reserved bits (RFC 6733 §4.1, §4.5)
import type { Message } from '../flow/message.js';
import {
  AVPF, CMD, checkFlags, checkGrammar, dictionaryFor,
  type AvpDef, type CommandDef, type DiameterAvp, type DiameterMessage, type Dictionary, type GrammarProblem,
} from '../proto/diameter/index.js';
import { defineAssertion, v, type Check, type Cite, type Level, type MsgAssertion, type Role } from './types.js';

export interface FamilyMeta {
  id: string;
  title: string;
  level: Level;
  role: Role;
  cite: Cite;
  looksAt: string;
  provisional?: boolean;
  profileKeys?: string[];
}

type DMsg = Message<DiameterMessage>;

const KIND_TEXT: Record<GrammarProblem['kind'], string> = {
  missing: 'lacks',
  'too-many': 'has too many of',
  'fixed-position': 'has out of place',
  'not-allowed': 'carries, not allowed,',
};

/** ['avps', 3, 'avps', 0] → 'MIP6-Agent-Info[3]/MIP-Home-Agent-Address[0]' (names where the AVPs are known). */
export function avpPath(msg: DiameterMessage, path: readonly (string | number)[]): string {
  const parts: string[] = [];
  let level: readonly DiameterAvp[] | undefined = msg.avps;
  for (let i = 0; i < path.length; i++) {
    if (path[i] !== 'avps') continue;
    const idx = path[i + 1];
    if (typeof idx !== 'number') break;
    const a: DiameterAvp | undefined = level?.[idx];
    parts.push(`${a?.name ?? `AVP ${a?.code ?? '?'}`}[${idx}]`);
    level = a?.avps;
  }
  return parts.join('/');
}

function problemCheck(m: DMsg, where: string, p: GrammarProblem, source: string, root = where): Check {
  const at = avpPath(m.value, p.path);
  const count = p.kind === 'fixed-position' ? `found at position ${p.actual}` : `${p.actual} present`;
  return v.fail(`${where} ${KIND_TEXT[p.kind]} ${p.avp}: expected ${p.expected}, ${count} (rule: ${source})`, {
    frames: m.frames,
    path: at ? `${root}/${at}` : where,
    expected: p.expected,
    actual: p.actual,
    offset: p.offset,
  });
}

export interface GrammarFamily extends FamilyMeta {
  side: 'request' | 'answer';
  /** which commands this family judges (the others belong to other families) */
  commands: (c: CommandDef) => boolean;
}

/** Top-level CCF of the commands the family names, on one side (requests or answers). */
export function grammarFamily(f: GrammarFamily): MsgAssertion<DiameterMessage> {
  const { side, commands, ...meta } = f;
  const mine = (m: DiameterMessage, d: Dictionary) => {
    if (((m.flags & CMD.R) !== 0) !== (side === 'request')) return undefined;
    const mg = d.messageGrammar(m);
    return mg && commands(mg.command) ? mg : undefined;
  };
  return defineAssertion<MsgAssertion<DiameterMessage>>({
    ...meta,
    scope: 'message',
    proto: 'diameter',
    observe: 'both',
    applies: (msg, ctx) => mine(msg.value, dictionaryFor(ctx.settings)) !== undefined,
    check(msg, ctx) {
      const d = dictionaryFor(ctx.settings);
      const mg = mine(msg.value, d)!;
      const where = mg.error ? `${mg.def.abbrev} (error answer)` : mg.def.abbrev;
      const source = mg.error ? 'RFC6733 §7.2' : mg.command.source;
      const problems = checkGrammar(msg.value, d).filter((p) => p.where === where);
      if (!problems.length) return v.pass(`${where} follows its CCF (${source})`, { frames: msg.frames, path: where });
      return problems.map((p) => problemCheck(msg, where, p, source));
    },
  });
}

export interface GroupedFamily extends FamilyMeta {
  /** which Grouped AVP definitions this family judges */
  avps: (d: AvpDef) => boolean;
}

function groupedIn(m: DiameterMessage, d: Dictionary, pick: (x: AvpDef) => boolean): Set<string> {
  const names = new Set<string>();
  const walk = (l: readonly DiameterAvp[]) => {
    for (const a of l) {
      if (a.code === 279) continue; // Failed-AVP holds copies of bad AVPs
      const def = d.avp(a.code, a.vendorId ?? 0);
      if (def?.type === 'Grouped' && def.grammar && pick(def) && Array.isArray(a.value)) names.add(def.name);
      if (a.avps) walk(a.avps);
    }
  };
  walk(m.avps);
  return names;
}

/** CCF of Grouped AVPs (wherever they sit in a message). */
export function groupedFamily(f: GroupedFamily): MsgAssertion<DiameterMessage> {
  const { avps: pick, ...meta } = f;
  return defineAssertion<MsgAssertion<DiameterMessage>>({
    ...meta,
    scope: 'message',
    proto: 'diameter',
    observe: 'both',
    applies: (msg, ctx) => groupedIn(msg.value, dictionaryFor(ctx.settings), pick).size > 0,
    check(msg, ctx) {
      const d = dictionaryFor(ctx.settings);
      const names = groupedIn(msg.value, d, pick);
      const problems = checkGrammar(msg.value, d).filter((p) => names.has(p.where));
      const where = msg.value.name ?? `command ${msg.value.commandCode}`;
      if (!problems.length) {
        return v.pass(`${[...names].join(', ')} in ${where} follow${names.size > 1 ? '' : 's'} its CCF (${[...names].map((n) => d.avpByName(n)?.source).join('; ')})`, { frames: msg.frames, path: where });
      }
      return problems.map((p) => problemCheck(msg, `${where}/${p.where}`, p, d.avpByName(p.where)?.source ?? 'dictionary', where));
    },
  });
}

export interface FlagFamily extends FamilyMeta {
  /** which AVP definitions this family judges */
  avps: (d: AvpDef) => boolean;
}

const FLAG_TEXT = { must: 'MUST be set', mustNot: 'MUST NOT be set', reserved: 'reserved, MUST be 0' } as const;

/** M/V/P flag rows and reserved bits of every AVP the family names (Failed-AVP contents are copies: skipped). */
export function flagFamily(f: FlagFamily): MsgAssertion<DiameterMessage> {
  const { avps: pick, ...meta } = f;
  const inScope = (m: DiameterMessage, d: Dictionary): { a: DiameterAvp; def: AvpDef; path: (string | number)[] }[] => {
    const out: { a: DiameterAvp; def: AvpDef; path: (string | number)[] }[] = [];
    const walk = (l: readonly DiameterAvp[], path: (string | number)[]) => {
      l.forEach((a, i) => {
        if (a.code === 279) return;
        const def = d.avp(a.code, a.vendorId ?? 0);
        const p = [...path, 'avps', i];
        if (def && pick(def)) out.push({ a, def, path: p });
        if (a.avps && Array.isArray(a.value)) walk(a.avps, p);
      });
    };
    walk(m.avps, []);
    return out;
  };
  return defineAssertion<MsgAssertion<DiameterMessage>>({
    ...meta,
    scope: 'message',
    proto: 'diameter',
    observe: 'both',
    applies: (msg, ctx) => inScope(msg.value, dictionaryFor(ctx.settings)).length > 0,
    check(msg, ctx) {
      const items = inScope(msg.value, dictionaryFor(ctx.settings));
      const where = msg.value.name ?? `command ${msg.value.commandCode}`;
      const out: Check[] = [];
      for (const { a, def, path } of items) {
        for (const p of checkFlags(a, def)) {
          const bit = p.flag === 'reserved' ? `reserved bits (0x${p.actual.toString(16)})` : `${p.flag} bit`;
          out.push(v.fail(`${where}: ${def.name} ${bit} ${p.rule === 'reserved' ? 'set' : p.actual ? 'set' : 'clear'}; ${p.flag === 'reserved' ? FLAG_TEXT.reserved : `${p.flag} ${FLAG_TEXT[p.rule]}`} (rule: ${def.source})`, {
            frames: msg.frames,
            path: `${where}/${avpPath(msg.value, path)}`,
            expected: p.flag === 'reserved' ? 0 : `${p.flag}=${p.expected}`,
            actual: p.flag === 'reserved' ? p.actual : `${p.flag}=${p.actual}`,
            ...(a.raw ? { offset: a.raw.offset + 4 } : {}),
          }));
        }
      }
      if (out.length) return out;
      return v.pass(`${where}: flags of ${items.length} AVP${items.length > 1 ? 's' : ''} follow their rows (${[...new Set(items.map((x) => x.def.source.split(' ')[0]))].join(', ')})`, { frames: msg.frames, path: where });
    },
  });
}

/** true when an AVP row comes from one of the documents (its `source` starts with the document name). */
export const fromDoc = (...docs: string[]) => (d: { source: string }): boolean => docs.some((x) => d.source.startsWith(x));

export { AVPF };
