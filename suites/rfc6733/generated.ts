// RFC 6733 rule families generated from the dictionary rows (src/assert/generate.ts): command CCF per side, Grouped
// AVP CCF, AVP flag rows. Commands and AVPs that have their own document's family (RFC 5778 MIR/MIA, S001) are left to it.
import { flagFamily, fromDoc, grammarFamily, groupedFamily } from '../../src/assert/generate.js';
import type { CommandDef } from '../../src/proto/diameter/index.js';
import { url } from '../diameter/kit.js';

/** commands judged by another document's family */
export const ownFamily = (c: CommandDef): boolean => c.code === 325 || c.source.startsWith('S001');

const ccfQuote = 'Every Command Code defined MUST include a corresponding CCF specification, which is used to define the AVPs that MUST or MAY be present when sending the message.';

export const requestGrammar = grammarFamily({
  id: 'RFC6733-3.2-request-grammar',
  title: 'Requests follow their command CCF',
  level: 'MUST',
  role: 'diameter-node',
  side: 'request',
  commands: (c) => !ownFamily(c),
  cite: { doc: 'RFC6733', section: '3.2', quote: ccfQuote, url: url(6733, '3.2') },
  looksAt: 'every request of a known command against its CCF row: required, cardinality, fixed position, AVPs not allowed',
});

export const answerGrammar = grammarFamily({
  id: 'RFC6733-3.2-answer-grammar',
  title: 'Answers follow their command CCF (or the §7.2 error CCF when E is set)',
  level: 'MUST',
  role: 'diameter-node',
  side: 'answer',
  commands: (c) => !ownFamily(c),
  cite: { doc: 'RFC6733', section: '3.2', quote: ccfQuote, url: url(6733, '3.2') },
  looksAt: 'every answer of a known command against its CCF row (E set: the §7.2 error answer CCF)',
});

export const groupedGrammar = groupedFamily({
  id: 'RFC6733-4.4-grouped-grammar',
  title: 'Grouped AVPs follow their CCF',
  level: 'MUST',
  role: 'diameter-node',
  avps: (d) => d.name !== 'MIP6-Agent-Info' && d.name !== 'Failed-AVP',
  cite: {
    doc: 'RFC6733', section: '4.4',
    quote: 'Every Grouped AVP definition MUST include a corresponding grammar, using CCF (see Section 3.2).',
    url: url(6733, '4.4'),
  },
  looksAt: 'contents of every Grouped AVP the dictionary knows (Vendor-Specific-Application-Id, Proxy-Info, MIP-MN-HA-MSA ...)',
});

export const avpFlags = flagFamily({
  id: 'RFC6733-4.1-avp-flags',
  title: 'AVP flag bits follow the AVP definition',
  level: 'MUST',
  role: 'diameter-node',
  avps: (d) => !fromDoc('S001')(d),
  cite: {
    doc: 'RFC6733', section: '4.1',
    quote: "The AVP Flags field informs the receiver how each attribute must be handled. ... The 'r' (reserved) bits are unused and SHOULD be set to 0.",
    url: url(6733, '4.1'), digest: 'DIA-09',
  },
  looksAt: 'V/M/P bits of every IETF AVP against its flag row (§4.5 table and the application documents), reserved bits',
});

export const GENERATED = [requestGrammar, answerGrammar, groupedGrammar, avpFlags];
