// Link layers by LINKTYPE (tcpdump.org/linktypes.html): find the network-layer EtherType and its offset.
import { LINKTYPE } from '../capture/frame.js';

export const ETHERTYPE = { IPV4: 0x0800, IPV6: 0x86dd, VLAN: 0x8100, QINQ: 0x88a8, QINQ_OLD: 0x9100 } as const;
const VLAN_TAGS = new Set<number>([0x8100, 0x88a8, 0x9100, 0x9200]);
const MAX_VLAN_DEPTH = 8;

/** What a link decoder found. Reused between frames by the caller (no allocation per frame). */
export interface LinkOut {
  /** EtherType of the network layer (0x0800, 0x86dd, or anything else, which is not decoded further) */
  etherType: number;
  /** offset of the network-layer header in the frame */
  offset: number;
  /** 802.1Q / 802.1ad VLAN ids, outermost first */
  vlans: number[];
}

export type LinkStatus = 'ok' | 'short' | 'unknown-linktype';
type LinkDecoder = (b: Uint8Array, out: LinkOut) => LinkStatus;

const be16 = (b: Uint8Array, i: number): number => (b[i]! << 8) | b[i + 1]!;

/** EtherType at `off` followed by any VLAN tag stack (and an 802.2 SNAP header). */
function etherPayload(b: Uint8Array, typeAt: number, out: LinkOut): LinkStatus {
  let type = be16(b, typeAt);
  let off = typeAt + 2;
  for (let d = 0; VLAN_TAGS.has(type); d++) {
    if (d >= MAX_VLAN_DEPTH || off + 4 > b.length) return 'short';
    out.vlans.push(be16(b, off) & 0x0fff);
    type = be16(b, off + 2);
    off += 4;
  }
  if (type <= 1500 && off + 8 <= b.length && b[off] === 0xaa && b[off + 1] === 0xaa && b[off + 2] === 0x03) {
    type = be16(b, off + 6); // 802.2 LLC + SNAP
    off += 8;
  }
  out.etherType = type;
  out.offset = off;
  return 'ok';
}

function byVersion(b: Uint8Array, off: number, out: LinkOut): LinkStatus {
  if (b.length <= off) return 'short';
  const v = b[off]! >> 4;
  out.etherType = v === 4 ? ETHERTYPE.IPV4 : v === 6 ? ETHERTYPE.IPV6 : -1;
  out.offset = off;
  return 'ok';
}

/** BSD address families seen in DLT_NULL/DLT_LOOP headers */
function afToEtherType(af: number): number {
  if (af === 2) return ETHERTYPE.IPV4;
  if (af === 24 || af === 28 || af === 30) return ETHERTYPE.IPV6; // NetBSD/OpenBSD, FreeBSD, Darwin
  return -1;
}

const ethernet: LinkDecoder = (b, out) => (b.length < 14 ? 'short' : etherPayload(b, 12, out));
const raw: LinkDecoder = (b, out) => byVersion(b, 0, out);
const nullLoop: LinkDecoder = (b, out) => {
  if (b.length < 4) return 'short';
  // AF in the capturing host's byte order: if the value does not fit 16 bits, it was the other order
  let af = (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0;
  if (af > 0xffff) af = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
  out.etherType = afToEtherType(af);
  out.offset = 4;
  return 'ok';
};
const loop: LinkDecoder = (b, out) => {
  if (b.length < 4) return 'short';
  out.etherType = afToEtherType(((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0);
  out.offset = 4;
  return 'ok';
};
// Linux cooked v1: pkttype 2, hatype 2, halen 2, addr 8, protocol 2
const sll: LinkDecoder = (b, out) => (b.length < 16 ? 'short' : etherPayload(b, 14, out));
// Linux cooked v2: protocol 2, reserved 2, ifindex 4, hatype 2, pkttype 1, halen 1, addr 8
const sll2: LinkDecoder = (b, out) => (b.length < 20 ? 'short' : etherPayloadAt(b, 0, 20, out));

function etherPayloadAt(b: Uint8Array, typeAt: number, off: number, out: LinkOut): LinkStatus {
  const type = be16(b, typeAt);
  if (VLAN_TAGS.has(type)) {
    // a VLAN tag after the cooked header: reuse the tag walk from the header's end
    if (off + 4 > b.length) return 'short';
    out.vlans.push(be16(b, off) & 0x0fff);
    return etherPayload(b, off + 2, out);
  }
  out.etherType = type;
  out.offset = off;
  return 'ok';
}

/** The decode table. Add a row to support another link type. */
export const LINK_DECODERS: ReadonlyMap<number, LinkDecoder> = new Map<number, LinkDecoder>([
  [LINKTYPE.NULL, nullLoop],
  [LINKTYPE.ETHERNET, ethernet],
  [LINKTYPE.RAW, raw],
  [LINKTYPE.LOOP, loop],
  [LINKTYPE.LINUX_SLL, sll],
  [LINKTYPE.IPV4, raw],
  [LINKTYPE.IPV6, raw],
  [LINKTYPE.LINUX_SLL2, sll2],
]);

export function decodeLink(linktype: number, b: Uint8Array, out: LinkOut): LinkStatus {
  out.etherType = -1;
  out.offset = 0;
  out.vlans.length = 0;
  const d = LINK_DECODERS.get(linktype);
  return d ? d(b, out) : 'unknown-linktype';
}
