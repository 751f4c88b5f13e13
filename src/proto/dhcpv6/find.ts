// Finders over decoded or built messages. Finders look at one level; walkOptions descends into containers.
import { OPT } from './names.js';
import type { Dhcpv6Message, Dhcpv6Option, Dhcpv6RelayMessage, OptionKind, OptionList, OptionOfKind } from './types.js';

type Options = OptionList | readonly Dhcpv6Option[];
const listOf = (l: Options): readonly Dhcpv6Option[] => ('options' in l ? l.options : l);

/** first option with this code at this level */
export function findOption(l: Options, code: number): Dhcpv6Option | undefined {
  for (const o of listOf(l)) if (o.code === code) return o;
  return undefined;
}

/** every option with this code at this level */
export function findAll(l: Options, code: number): Dhcpv6Option[] {
  return listOf(l).filter((o) => o.code === code);
}

/** first option decoded as this kind (a malformed option is kind 'raw' and is not found here; findOption finds it) */
export function findKind<K extends OptionKind>(l: Options, kind: K): OptionOfKind<K> | undefined {
  for (const o of listOf(l)) if (o.kind === kind) return o as OptionOfKind<K>;
  return undefined;
}

export function findAllKind<K extends OptionKind>(l: Options, kind: K): OptionOfKind<K>[] {
  return listOf(l).filter((o): o is OptionOfKind<K> => o.kind === kind);
}

/** the message a relay message carries, when its RELAY_MSG decoded */
export function relayedMessage(m: Dhcpv6Message): Dhcpv6Message | undefined {
  if (m.kind !== 'relay') return undefined;
  const o = findOption(m, OPT.RELAY_MSG);
  return o?.kind === 'relayMsg' ? o.message : undefined;
}

/** the innermost message of a relay chain (the client's or server's message), or the deepest relay when it carries none */
export function innermost(m: Dhcpv6Message): Dhcpv6Message {
  let cur = m;
  for (let next = relayedMessage(cur); next; next = relayedMessage(cur)) cur = next;
  return cur;
}

/** relay layers from the outermost (nearest the server) to the innermost (nearest the client) */
export function relayChain(m: Dhcpv6Message): Dhcpv6RelayMessage[] {
  const out: Dhcpv6RelayMessage[] = [];
  for (let cur: Dhcpv6Message | undefined = m; cur && cur.kind === 'relay'; cur = relayedMessage(cur)) out.push(cur);
  return out;
}

/** visits every option, descending into containers (IA_*, RSOO, VDINF/IDINF/UDINF) but not into RELAY_MSG */
export function walkOptions(l: Options, visit: (o: Dhcpv6Option, parent: Dhcpv6Option | undefined, depth: number) => void): void {
  const go = (list: readonly Dhcpv6Option[], parent: Dhcpv6Option | undefined, depth: number): void => {
    for (const o of list) {
      visit(o, parent, depth);
      if ('options' in o) go(o.options, o, depth + 1);
    }
  };
  go(listOf(l), undefined, 0);
}

/** span of the option's data (after code and length), for evidence pointing at a value */
export function dataSpan(o: Dhcpv6Option): { offset: number; length: number } | undefined {
  return o.offset === undefined || o.length === undefined ? undefined : { offset: o.offset + 4, length: o.length - 4 };
}
