// Seed S004 (draft-li-mip6-ha-init-bootstrap-00 §4.2–4.3; DIGEST §9.4 rows HAI-01, 04, 06..10): the home agent
// opens IKEv2 with the mobile node, then sends a Home Agent Switch with the B bit; the MN then registers with it.
// What a capture shows: IKE headers, and MH messages only when sent in the clear. A HAS or BU inside ESP is not
// inspectable: checks that need one and see none are inconclusive, never pass.
// "S004 context" of a HAS: an IKE SA between its sender and receiver opened before it.
import { defineAssertion, v, type Check, type RunAssertion } from '../../src/assert/types.js';
import type { Transaction } from '../../src/flow/transaction.js';
import {
  collect, ev, firstResponse, ipsecOf, isResponse, s004View, saBetween, type HasSeen, type IkeSa, type MhMsg, type S004View,
} from './kit.js';

const QUOTE_42 = 'IKEv2 exchange in this solution MUST be inititated by HA.';
const QUOTE_CHILD = 'When IKE_AUTH exchange completes, the Home Agent MUST initiate CREATE_CHILD_SA messages to negotiate SA for protecting undergoing Home Agent Switch message defined in [I-D.haley-mip6-ha-switch], as well as other Mobile IPv6 messages as specified in [I-D.ietf-mip6-ikev2-ipsec].';
const QUOTE_HAS = 'After IKE exhanges, the initiator Home Agent MUST send Home Agent Switch signal to the mobile node on behalf of the failed Home Agent in order to inform the mobile node that it should register to the initiator Home Agent itself.';
const QUOTE_B = "The initiator Home Agent in this solution MUST set the 'B' bit to 1, and SHOULD include and only include its own address in the Home Agent switch message.";
const QUOTE_MN = "Upon receiving the Home Agent switch message by the mobile node with 'B' bit set to 1, the mobile node MUST delete its local binding state, without sending a Binding Update message to its orignal Home Agent, and the mobile node MUST send Binding Update signal to the home agent address specified in the HA switch message.";
const QUOTE_IPSEC = 'The HA switch message sent by the initiator HA and the following BU meesage sent by the MN MUST be protected by IPsec SA negotiated during IKE exchanges as defined in [RFC3776].';
const ESP_NOTE = 'ESP (IP protocol 50) is not inspectable, so a protected one cannot be ruled out';

function perView(judge: (view: S004View) => Check[]): RunAssertion['start'] {
  return collect(['ikev2', 'mh'], (txs: Transaction[]) => judge(s004View(txs)));
}

/** each HAS in S004 context, with the IKE SA it follows */
function withSa(view: S004View): { h: HasSeen; sa: IkeSa }[] {
  return view.has.flatMap((h) => {
    const sa = saBetween(view, h.msg.src.addr, h.msg.dst.addr, h.msg.ts);
    return sa ? [{ h, sa }] : [];
  });
}

export const haInitiatesIke = defineAssertion<RunAssertion>({
  id: 'S004-4.2-ha-initiates-ike',
  title: 'the home agent initiates the IKEv2 exchange',
  level: 'MUST',
  role: 'home-agent',
  proto: 'ikev2',
  scope: 'run',
  observe: 'cap',
  cite: { doc: 'S004', section: '4.2', digest: 'HAI-01', quote: QUOTE_42 },
  looksAt: 'for each HAS after an IKE SA between the same two nodes: the IKE_SA_INIT requester is the HAS sender (the HA)',
  start: perView((view) => withSa(view).map(({ h, sa }) => {
    const e = ev([sa.init, h.msg], { path: 'ike_sa_init.src', expected: h.msg.src.addr, actual: sa.initiator });
    return sa.initiator === h.msg.src.addr
      ? v.pass(`HA ${sa.initiator} opened IKE SA ${sa.ispi} (frame ${sa.init!.frame}) before its HAS (frame ${h.msg.frame})`, e)
      : v.fail(`IKE SA ${sa.ispi} was opened by the mobile node ${sa.initiator} (frame ${sa.init!.frame}), not by the HA ${h.msg.src.addr} that sends the HAS (frame ${h.msg.frame})`, e);
  })),
});

export const haCreatesChildSa = defineAssertion<RunAssertion>({
  id: 'S004-4.2-ha-creates-child-sa',
  title: 'after IKE_AUTH the home agent initiates CREATE_CHILD_SA',
  level: 'MUST',
  role: 'home-agent',
  proto: 'ikev2',
  scope: 'run',
  observe: 'cap',
  cite: { doc: 'S004', section: '4.2', digest: 'HAI-04', quote: QUOTE_CHILD },
  looksAt: 'in an IKE SA the HA opened towards the node it then sends a HAS to: the first request after the IKE_AUTH response is CREATE_CHILD_SA (36) from the HA',
  start: perView((view) => withSa(view).filter(({ h, sa }) => sa.initiator === h.msg.src.addr).map(({ h, sa }) => {
    const auth = firstResponse(sa, 35);
    if (!auth) return v.inconclusive(`IKE SA ${sa.ispi}: no IKE_AUTH response captured`, ev([sa.init, h.msg]));
    const next = sa.msgs.find((m) => !isResponse(m) && m.ts >= auth.ts && m.frame > auth.frame);
    if (!next) return v.inconclusive(`IKE SA ${sa.ispi}: no request after the IKE_AUTH response (frame ${auth.frame}) was captured`, ev([auth]));
    const e = ev([auth, next], { path: 'ike.exchangeType', expected: 36, actual: next.value.exchangeType });
    if (next.value.exchangeType !== 36) return v.fail(`IKE SA ${sa.ispi}: the request after IKE_AUTH (frame ${next.frame}) is exchange ${next.value.exchangeType}, not CREATE_CHILD_SA`, e);
    if (next.src.addr !== sa.initiator) return v.fail(`IKE SA ${sa.ispi}: CREATE_CHILD_SA (frame ${next.frame}) comes from the mobile node, not the HA`, { ...e, path: 'create_child_sa.src', expected: sa.initiator, actual: next.src.addr });
    return v.pass(`IKE SA ${sa.ispi}: the HA sends CREATE_CHILD_SA (frame ${next.frame}) after IKE_AUTH`, e);
  })),
});

function hasAfterIke(view: S004View): Check[] {
  const out: Check[] = [];
  for (const { h, sa } of withSa(view)) {
    const m = h.msg;
    if (m.src.addr !== sa.initiator) {
      out.push(v.fail(`HAS frame ${m.frame} comes from ${m.src.addr}, not from the initiator HA ${sa.initiator} of IKE SA ${sa.ispi}`, ev([sa.init, m], { path: 'has.src', expected: sa.initiator, actual: m.src.addr })));
      continue;
    }
    const auth = firstResponse(sa, 35);
    const child = firstResponse(sa, 36);
    const late = [auth, child].find((r) => r && r.ts > m.ts) ?? (!auth ? sa.init : undefined);
    if (late || !auth) {
      out.push(v.fail(`HAS frame ${m.frame} is sent before the IKE exchanges completed${late && late !== sa.init ? ` (${late.value.exchangeType === 36 ? 'CREATE_CHILD_SA' : 'IKE_AUTH'} response frame ${late.frame})` : ''}`, ev([m, late], { path: 'has.time', expected: 'after the CREATE_CHILD_SA response', actual: `frame ${m.frame}` })));
      continue;
    }
    out.push(v.pass(`the initiator HA sends the HAS (frame ${m.frame}) after the IKE exchanges (frame ${(child ?? auth).frame})`, ev([child ?? auth, m])));
  }
  // HA-initiated IKE SAs to a node that then registers with that HA, with no HAS in the clear
  for (const sa of view.sas) {
    if (!sa.init || view.has.some((h) => h.msg.dst.addr === sa.responder && h.msg.src.addr === sa.initiator)) continue;
    const bu = view.bus.find((b) => b.src.addr === sa.responder && b.dst.addr === sa.initiator && b.ts > sa.init!.ts);
    if (bu) out.push(v.inconclusive(`HA ${sa.initiator} opened IKE SA ${sa.ispi} and the MN registered with it (BU frame ${bu.frame}), but no HAS was seen in the clear: ${ESP_NOTE}`, ev([sa.init, bu])));
  }
  return out;
}

export const haSendsHas = defineAssertion<RunAssertion>({
  id: 'S004-4.3-ha-sends-has',
  title: 'after the IKE exchanges the initiator home agent sends a Home Agent Switch to the mobile node',
  level: 'MUST',
  role: 'home-agent',
  proto: 'mh',
  scope: 'run',
  observe: 'cap',
  cite: { doc: 'S004', section: '4.3', digest: 'HAI-06', quote: QUOTE_HAS },
  looksAt: 'each HAS after an IKE SA between the same nodes: sent by the IKE initiator, after the IKE_AUTH and CREATE_CHILD_SA responses',
  start: perView(hasAfterIke),
});

export const hasBBit = defineAssertion<RunAssertion>({
  id: 'S004-4.3-has-b-bit',
  title: "the initiator home agent's Home Agent Switch has the B bit set",
  level: 'MUST',
  role: 'home-agent',
  proto: 'mh',
  scope: 'run',
  observe: 'cap',
  cite: { doc: 'S004', section: '4.3', digest: 'HAI-07', quote: QUOTE_B },
  looksAt: 'the B bit (0x80 of the octet after # of Addresses) of each HAS sent by the initiator of an IKE SA with its receiver',
  start: perView((view) => withSa(view).filter(({ h, sa }) => h.msg.src.addr === sa.initiator).map(({ h }) => {
    const e = ev([h.msg], { path: 'has.reserved.B', expected: 1, actual: h.b ? 1 : 0, offset: 7 });
    return h.b
      ? v.pass(`HAS frame ${h.msg.frame} sets B`, e)
      : v.fail(`HAS frame ${h.msg.frame} from the initiator HA ${h.msg.src.addr} has the B bit clear`, e);
  })),
});

export const hasOwnAddress = defineAssertion<RunAssertion>({
  id: 'S004-4.3-has-own-address',
  title: "the initiator home agent's Home Agent Switch lists only its own address",
  level: 'SHOULD',
  role: 'home-agent',
  proto: 'mh',
  scope: 'run',
  observe: 'cap',
  cite: { doc: 'S004', section: '4.3', digest: 'HAI-08', quote: QUOTE_B },
  looksAt: 'Home Agent Addresses of each HAS sent by the initiator of an IKE SA with its receiver: exactly its source address',
  start: perView((view) => withSa(view).filter(({ h, sa }) => h.msg.src.addr === sa.initiator).map(({ h }) => {
    const own = h.msg.src.addr;
    const e = ev([h.msg], { path: 'has.addresses', expected: [own], actual: h.addresses, offset: 8 });
    return h.addresses.length === 1 && h.addresses[0] === own
      ? v.pass(`HAS frame ${h.msg.frame} lists only ${own}`, e)
      : v.fail(`HAS frame ${h.msg.frame} lists ${h.addresses.length ? h.addresses.join(', ') : 'no address'}, not only its sender ${own}`, e);
  })),
});

function mnAfterHas(view: S004View): Check[] {
  return view.has.filter((h) => h.b).map((h) => {
    const mn = h.msg.dst.addr;
    const after = view.bus.filter((b) => b.src.addr === mn && b.ts > h.msg.ts);
    const old = after.filter((b) => !h.addresses.includes(b.dst.addr));
    const toNew = after.filter((b) => h.addresses.includes(b.dst.addr));
    if (old.length) {
      return v.fail(`after HAS frame ${h.msg.frame} (B=1) the mobile node sends a Binding Update to ${old[0]!.dst.addr} (frame ${old[0]!.frame}), not listed in the HAS`, ev([h.msg, ...old], {
        path: 'bu.dst', expected: h.addresses, actual: old.map((b) => b.dst.addr),
      }));
    }
    if (toNew.length) return v.pass(`after HAS frame ${h.msg.frame} the mobile node registers with ${toNew[0]!.dst.addr} (frame ${toNew[0]!.frame}) only`, ev([h.msg, toNew[0]]));
    return v.inconclusive(`no Binding Update from ${mn} after HAS frame ${h.msg.frame} was seen in the clear: ${ESP_NOTE}`, ev([h.msg]));
  });
}

export const mnBuAfterHas = defineAssertion<RunAssertion>({
  id: 'S004-4.3-mn-bu-after-has',
  title: 'after a HAS with B=1 the mobile node sends no BU to its original HA and one to the HA in the HAS',
  level: 'MUST',
  role: 'mobile-node',
  proto: 'mh',
  scope: 'run',
  observe: 'cap',
  cite: { doc: 'S004', section: '4.3', digest: 'HAI-09', quote: QUOTE_MN },
  looksAt: "Binding Updates from the HAS receiver after the HAS: none to an address outside the HAS list, one to an address in it",
  start: perView(mnAfterHas),
});

function protectedSignalling(view: S004View): Check[] {
  return view.has.flatMap((h) => {
    if (!h.b && !saBetween(view, h.msg.src.addr, h.msg.dst.addr, h.msg.ts)) return [];
    const bu = view.bus.find((b) => b.src.addr === h.msg.dst.addr && h.addresses.includes(b.dst.addr) && b.ts > h.msg.ts);
    const clear = [h.msg, bu].filter((m): m is MhMsg => m !== undefined && !ipsecOf(m));
    if (clear.length) {
      const what = clear.map((m) => `${m === h.msg ? 'HAS' : 'BU'} frame ${m.frame}`).join(', ');
      return [v.fail(`sent in the clear, not under the IPsec SA negotiated by IKE: ${what}`, ev(clear, { path: 'ipsec', expected: 'ESP or AH', actual: 'none' }))];
    }
    return [v.pass(`HAS frame ${h.msg.frame}${bu ? ` and BU frame ${bu.frame}` : ''} carried under IPsec`, ev([h.msg, bu]))];
  });
}

export const hasBuProtected = defineAssertion<RunAssertion>({
  id: 'S004-4.3-has-bu-protected',
  title: 'the Home Agent Switch and the following Binding Update are protected by the IKE-negotiated IPsec SA',
  level: 'MUST',
  role: 'any',
  proto: 'mh',
  scope: 'run',
  observe: 'cap',
  cite: { doc: 'S004', section: '4.3', digest: 'HAI-10', quote: QUOTE_IPSEC },
  looksAt: 'each S004 HAS (B=1 or after an IKE SA) and the first BU its receiver sends to a listed HA: seen in the clear → fail',
  start: perView(protectedSignalling),
});

export const S004: readonly RunAssertion[] = [haInitiatesIke, haCreatesChildSa, haSendsHas, hasBBit, hasOwnAddress, mnBuAfterHas, hasBuProtected];
