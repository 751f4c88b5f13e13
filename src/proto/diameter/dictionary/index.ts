// The merged dictionary: AVPs by (vendor, code) and by name, commands by (code, Application-Id), grammar extensions applied.
import { readFileSync } from 'node:fs';
import { ConfigError } from '../../../util/errors.js';
import { base6733, ERROR_ANSWER } from './base-6733.js';
import { ccf } from './ccf.js';
import { eap4072 } from './eap-4072.js';
import { mip6_5447 } from './mip6-5447.js';
import { mip6_5778 } from './mip6-5778.js';
import { nasreq7155 } from './nasreq-7155.js';
import { s001Dictionary, S001_DEFAULTS } from './draft-s001.js';
import { AVP_TYPES, type Application, type AvpDef, type BitDef, type CommandDef, type FlagName, type Grammar, type MessageDef } from './types.js';

export * from './types.js';
export { ccf, ruleText } from './ccf.js';
export { ERROR_ANSWER, RESULT_CODES, APP_IDS } from './base-6733.js';
export { MIP6_FEATURE_BITS } from './mip6-5447.js';
export { s001Dictionary, S001_DEFAULTS } from './draft-s001.js';

/** The grammar that applies to one message, and where it came from. */
export interface MessageGrammar {
  command: CommandDef;
  def: MessageDef;
  grammar: Grammar;
  /** true when the §7.2 error-answer grammar replaced the command's answer grammar (E bit set) */
  error: boolean;
}

export class Dictionary {
  readonly applications: readonly Application[];
  private readonly byVendor = new Map<number, Map<number, AvpDef>>();
  private readonly byName = new Map<string, AvpDef>();
  private readonly byCode = new Map<number, CommandDef[]>();

  constructor(apps: readonly Application[]) {
    this.applications = apps;
    for (const app of apps) {
      for (const a of app.avps) {
        const v = a.vendorId ?? 0;
        let m = this.byVendor.get(v);
        if (!m) this.byVendor.set(v, (m = new Map()));
        m.set(a.code, a);
        this.byName.set(a.name, a);
      }
      for (const c of app.commands) {
        const list = this.byCode.get(c.code) ?? [];
        const i = list.findIndex((x) => x.appId === c.appId);
        if (i >= 0) list[i] = c;
        else list.push(c);
        this.byCode.set(c.code, list);
      }
    }
    // extensions: copy the command with the extra rules appended (shared definitions are never mutated)
    for (const app of apps) {
      for (const e of app.extensions ?? []) {
        const list = this.byCode.get(e.code);
        const i = list?.findIndex((x) => x.appId === e.appId) ?? -1;
        if (!list || i < 0) continue;
        const c = list[i]!;
        const ext = (d: MessageDef, rules: readonly Grammar['rules'][number][] | undefined): MessageDef =>
          rules ? { ...d, grammar: { rules: [...d.grammar.rules, ...rules], anyAvp: d.grammar.anyAvp } } : d;
        list[i] = { ...c, request: ext(c.request, e.request), answer: ext(c.answer, e.answer), source: `${c.source}; ${e.source}` };
      }
    }
  }

  avp(code: number, vendorId = 0): AvpDef | undefined {
    return this.byVendor.get(vendorId)?.get(code);
  }
  avpByName(name: string): AvpDef | undefined {
    return this.byName.get(name);
  }
  get avps(): AvpDef[] {
    return [...this.byVendor.values()].flatMap((m) => [...m.values()]);
  }
  get commands(): CommandDef[] {
    return [...this.byCode.values()].flat();
  }
  /** A command by code: the one registered for `appId`, else an any-application one, else the only one with that code. */
  command(code: number, appId?: number): CommandDef | undefined {
    const list = this.byCode.get(code);
    if (!list) return undefined;
    return list.find((c) => c.appId === appId) ?? list.find((c) => c.appId === undefined) ?? (list.length === 1 || appId === undefined ? list[0] : undefined);
  }
  hasCommandCode(code: number): boolean {
    return this.byCode.has(code);
  }
  /** The grammar for a message header; the RFC 6733 §7.2 error grammar for answers with E set. */
  messageGrammar(h: { commandCode: number; applicationId: number; flags: number }): MessageGrammar | undefined {
    const command = this.command(h.commandCode, h.applicationId);
    if (!command) return undefined;
    const request = (h.flags & 0x80) !== 0;
    const def = request ? command.request : command.answer;
    const error = !request && (h.flags & 0x20) !== 0;
    return { command, def, grammar: error ? ERROR_ANSWER : def.grammar, error };
  }
  /** 'CER', 'CEA', ... or undefined */
  abbrev(h: { commandCode: number; applicationId: number; flags: number }): string | undefined {
    const c = this.command(h.commandCode, h.applicationId);
    return c ? ((h.flags & 0x80) !== 0 ? c.request.abbrev : c.answer.abbrev) : undefined;
  }
  /** A new dictionary with more applications (later ones win on equal codes/names). */
  with(...apps: Application[]): Dictionary {
    return new Dictionary([...this.applications, ...apps]);
  }
}

/** The IETF applications this tool knows, without the seed draft. */
export const IETF_APPLICATIONS: readonly Application[] = [base6733, nasreq7155, eap4072, mip6_5447, mip6_5778];

const cache = new Map<string, Dictionary>();

/** Base + NASREQ + EAP + RFC 5447 + RFC 5778 + S001 (code points from `codepoints`, DIGEST §8 defaults otherwise). Cached. */
export function defaultDictionary(codepoints: Readonly<Record<string, number>> = {}): Dictionary {
  const key = Object.keys(S001_DEFAULTS).map((k) => codepoints[k] ?? '').join(',');
  let d = cache.get(key);
  if (!d) {
    d = new Dictionary([...IETF_APPLICATIONS, s001Dictionary(codepoints)]);
    cache.set(key, d);
  }
  return d;
}

/*
 * User dictionary file (JSON), loaded with loadDictionaryFile(path) and merged with defaultDictionary().with(app).
 * Sample: fixtures/dictionaries/example-vendor.json.
 * {
 *   "name": "example-vendor",                   // required
 *   "source": "Example Corp spec v1",           // required: cited on every row that has none
 *   "avps": [{
 *     "code": 10, "vendorId": 32473,            // vendorId absent or 0 = IETF space
 *     "name": "Example-Mode",                   // unique
 *     "type": "Enumerated",                     // one of the RFC 6733 types (AVP_TYPES)
 *     "flags": { "must": ["V"], "mustNot": [] },// V/M/P
 *     "enums": { "0": "OFF", "1": "ON" },       // optional value names
 *     "bits": [{ "mask": "0x1", "name": "X" }], // optional, Unsigned32/64 flag bits (mask as hex string)
 *     "grammar": "{ Vendor-Id } * [ AVP ]",     // Grouped only: CCF text (RFC 6733 §3.2)
 *     "dataLength": 4,                          // optional exact data length
 *     "source": "Example spec §3.1"             // optional
 *   }],
 *   "commands": [{
 *     "code": 16777200, "appId": 16777200,      // appId absent = any application
 *     "request": { "abbrev": "EXR", "name": "Example-Request", "proxiable": true, "grammar": "< Session-Id > { Origin-Host } * [ AVP ]" },
 *     "answer":  { "abbrev": "EXA", "name": "Example-Answer",  "proxiable": true, "grammar": "< Session-Id > { Result-Code } * [ AVP ]" },
 *     "source": "Example spec §2"
 *   }]
 * }
 */
export function loadDictionaryFile(path: string): Application {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`${path}: cannot read dictionary file (${(e as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${path}: not JSON (${(e as Error).message})`);
  }
  return parseDictionaryJson(json, path);
}

/** Validates a parsed user dictionary (see the format above). Throws ConfigError naming the bad field. */
export function parseDictionaryJson(json: unknown, where = 'dictionary'): Application {
  const fail = (what: string): never => {
    throw new ConfigError(`${where}: ${what}`);
  };
  const obj = (v: unknown, at: string): Record<string, unknown> =>
    v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : fail(`${at} must be an object`);
  const int = (v: unknown, at: string, max = 0xffffffff): number =>
    typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max ? v : fail(`${at} must be an integer 0..${max}`);
  const str = (v: unknown, at: string): string => (typeof v === 'string' && v.length > 0 ? v : fail(`${at} must be a non-empty string`));
  const flagList = (v: unknown, at: string): FlagName[] =>
    Array.isArray(v) && v.every((x) => x === 'V' || x === 'M' || x === 'P') ? (v as FlagName[]) : fail(`${at} must be a list of "V", "M", "P"`);
  const grammar = (v: unknown, at: string): Grammar => {
    try {
      return ccf(str(v, at));
    } catch (e) {
      return fail(`${at}: ${(e as Error).message}`);
    }
  };
  const root = obj(json, 'top level');
  const source = str(root.source, 'source');
  const avps: AvpDef[] = ((root.avps ?? []) as unknown[]).map((x, i) => {
    const a = obj(x, `avps[${i}]`);
    const at = `avps[${i}]`;
    const type = str(a.type, `${at}.type`);
    if (!(AVP_TYPES as string[]).includes(type)) fail(`${at}.type '${type}' is not one of ${AVP_TYPES.join(', ')}`);
    const flags = obj(a.flags ?? { must: [], mustNot: [] }, `${at}.flags`);
    const def: AvpDef = {
      code: int(a.code, `${at}.code`),
      name: str(a.name, `${at}.name`),
      type: type as AvpDef['type'],
      flags: { must: flagList(flags.must ?? [], `${at}.flags.must`), mustNot: flagList(flags.mustNot ?? [], `${at}.flags.mustNot`) },
      source: typeof a.source === 'string' ? a.source : source,
    };
    if (a.vendorId !== undefined && a.vendorId !== 0) def.vendorId = int(a.vendorId, `${at}.vendorId`);
    if (a.enums !== undefined) {
      const e = obj(a.enums, `${at}.enums`);
      const enums: Record<number, string> = {};
      for (const [k, n] of Object.entries(e)) enums[int(Number(k), `${at}.enums key`, 0x7fffffff)] = str(n, `${at}.enums.${k}`);
      def.enums = enums;
    }
    if (a.bits !== undefined) {
      if (!Array.isArray(a.bits)) fail(`${at}.bits must be a list`);
      def.bits = (a.bits as unknown[]).map((b, j): BitDef => {
        const o = obj(b, `${at}.bits[${j}]`);
        let mask: bigint;
        try {
          mask = BigInt(str(o.mask, `${at}.bits[${j}].mask`));
        } catch {
          return fail(`${at}.bits[${j}].mask is not a number`);
        }
        return { mask, name: str(o.name, `${at}.bits[${j}].name`), source: def.source };
      });
    }
    if (a.grammar !== undefined) def.grammar = grammar(a.grammar, `${at}.grammar`);
    else if (def.type === 'Grouped') def.grammar = { rules: [], anyAvp: true };
    if (a.dataLength !== undefined) def.dataLength = int(a.dataLength, `${at}.dataLength`, 0xffffff);
    return def;
  });
  const msg = (v: unknown, at: string): MessageDef => {
    const m = obj(v, at);
    return { abbrev: str(m.abbrev, `${at}.abbrev`), name: str(m.name, `${at}.name`), proxiable: m.proxiable === true, grammar: grammar(m.grammar, `${at}.grammar`) };
  };
  const commands: CommandDef[] = ((root.commands ?? []) as unknown[]).map((x, i) => {
    const c = obj(x, `commands[${i}]`);
    const def: CommandDef = {
      code: int(c.code, `commands[${i}].code`, 0xffffff),
      request: msg(c.request, `commands[${i}].request`),
      answer: msg(c.answer, `commands[${i}].answer`),
      source: typeof c.source === 'string' ? c.source : source,
    };
    if (c.appId !== undefined) def.appId = int(c.appId, `commands[${i}].appId`);
    return def;
  });
  return { name: str(root.name, 'name'), appIds: [...new Set(commands.flatMap((c) => (c.appId === undefined ? [] : [c.appId])))], avps, commands, source };
}
