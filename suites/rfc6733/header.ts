// RFC 6733 §3 header rules (DIA-02, DIA-03) and the §4.1 P bit (RFC 3588 gave it meaning; RFC 6733 deprecates it).
import { defineAssertion, v, type Check, type MsgAssertion } from '../../src/assert/types.js';
import { AVPF, CMD, walkAvps, type DiameterMessage } from '../../src/proto/diameter/index.js';
import { label, url } from '../diameter/kit.js';

export const commandFlags = defineAssertion<MsgAssertion<DiameterMessage>>({
  id: 'RFC6733-3-command-flags',
  title: 'E never in requests, T never in answers, reserved command flags zero',
  level: 'MUST',
  role: 'diameter-node',
  proto: 'diameter',
  scope: 'message',
  cite: {
    doc: 'RFC6733', section: '3', digest: 'DIA-02', url: url(6733, '3'),
    quote: "E(rror) ... This bit MUST NOT be set in request messages. ... T ... This flag MUST NOT be set in answer messages. r(eserved) - These flag bits are reserved for future use; they MUST be set to zero and ignored by the receiver.",
  },
  looksAt: 'the Command Flags octet of every message',
  applies: (m) => m.raw.length >= 20,
  check(m) {
    const f = m.value.flags;
    const req = (f & CMD.R) !== 0;
    const bad: string[] = [];
    if (req && f & CMD.E) bad.push('E set in a request');
    if (!req && f & CMD.T) bad.push('T set in an answer');
    if (f & CMD.RESERVED) bad.push(`reserved bits 0x${(f & CMD.RESERVED).toString(16)} set`);
    const e = { frames: m.frames, path: `${label(m.value)}.flags`, offset: 4, actual: `0x${f.toString(16).padStart(2, '0')}` };
    return bad.length ? v.fail(`${label(m.value)}: ${bad.join(', ')}`, { ...e, expected: req ? 'E=0, reserved=0' : 'T=0, reserved=0' }) : v.pass(`${label(m.value)} command flags 0x${f.toString(16)} are consistent`, e);
  },
});

export const versionLength = defineAssertion<MsgAssertion<DiameterMessage>>({
  id: 'RFC6733-3-version-length',
  title: 'Version is 1, Message Length is a multiple of 4 and matches the message',
  level: 'MUST',
  role: 'diameter-node',
  proto: 'diameter',
  scope: 'message',
  cite: {
    doc: 'RFC6733', section: '3', digest: 'DIA-03', url: url(6733, '3'),
    quote: 'This Version field MUST be set to 1 to indicate Diameter Version 1. ... the Message Length field is always a multiple of 4.',
  },
  looksAt: 'Version and Message Length of every message (as cut from the stream)',
  applies: (m) => m.raw.length >= 4,
  check(m) {
    const bad = m.issues.filter((i) => ['diameter.header.bad-version', 'diameter.header.bad-length', 'diameter.header.length-mismatch', 'diameter.truncated'].includes(i.code));
    if (!bad.length) return v.pass(`${label(m.value)}: Version 1, Message Length ${m.raw.length}`, { frames: m.frames, actual: m.raw.length });
    return bad.map((i): Check => v.fail(`${label(m.value)}: ${i.message}`, { frames: m.frames, path: i.code, offset: i.offset, expected: i.expected, actual: i.actual }));
  },
});

export const avpPBit = defineAssertion<MsgAssertion<DiameterMessage>>({
  id: 'RFC6733-4.1-avp-p-bit',
  title: "AVP 'P' bit is 0 (RFC 6733; meaningful under RFC 3588)",
  level: 'SHOULD',
  role: 'diameter-node',
  proto: 'diameter',
  scope: 'message',
  provisional: true,
  profileKeys: ['diameter.base'],
  cite: {
    doc: 'RFC6733', section: '4.1', url: url(6733, '4.1'),
    quote: "The 'P' bit has been reserved for future usage of end-to-end security. At the time of writing, there are no end-to-end security mechanisms specified; therefore, the 'P' bit SHOULD be set to 0.",
  },
  looksAt: "the 'P' flag of every AVP; not judged under diameter.base=rfc3588 (end-to-end security, DIGEST §5.10)",
  applies: (m, ctx) => ctx.settings['diameter.base'] === 'rfc6733' && m.value.avps.length > 0,
  check(m) {
    const set: string[] = [];
    walkAvps(m.value, (a, p) => {
      if (a.flags & AVPF.P) set.push(`${a.name ?? `AVP ${a.code}`} (${p.join('.')})`);
    });
    return set.length
      ? v.fail(`${label(m.value)}: P bit set on ${set.join(', ')}`, { frames: m.frames, expected: 'P=0', actual: set })
      : v.pass(`${label(m.value)}: no AVP has P set`, { frames: m.frames });
  },
});

export const HEADER = [commandFlags, versionLength, avpPBit];
