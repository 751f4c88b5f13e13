// Named non-conformances the reference commits on request (`serve --fault NAME`, `selftest`). Each names the
// component that commits it and the assertions expected to catch it; selftest checks that they do.
export type Component = 'dhcp-server' | 'relay' | 'aaa' | 'paa' | 'fha';

export interface Fault {
  name: string;
  component: Component;
  what: string;
}

export const FAULTS: readonly Fault[] = [
  { name: 'no-serverid', component: 'dhcp-server', what: 'Reply without Server Identifier' },
  { name: 'no-clientid-echo', component: 'dhcp-server', what: 'Reply drops the Client Identifier the request carried' },
  { name: 'wrong-trid', component: 'dhcp-server', what: 'Reply with a different transaction-id' },
  { name: 'rsoo-ignored', component: 'dhcp-server', what: 'IDINF from the server\'s own list, ignoring the HA the relay supplied in RSOO' },
  { name: 'wrong-container', component: 'dhcp-server', what: 'answers VDINF when IDINF was asked for' },
  { name: 'ha-mismatch', component: 'dhcp-server', what: 'IDINF carries a home agent other than the one AAA assigned' },
  { name: 'answer-ia-ir', component: 'dhcp-server', what: 'answers an Information-request carrying IA_NA instead of discarding it' },
  { name: 'answer-foreign-serverid', component: 'dhcp-server', what: "answers an Information-request naming another server's DUID" },
  { name: 'no-interface-id', component: 'dhcp-server', what: 'Relay-reply without the Interface-ID of the Relay-forward' },
  { name: 'rsoo-to-client', component: 'dhcp-server', what: 'copies the RSOO container into the Reply' },
  { name: 'irt-too-small', component: 'dhcp-server', what: 'Information Refresh Time of 300 s (below IRT_MINIMUM 600)' },
  { name: 'empty-container', component: 'dhcp-server', what: 'IDINF with no HNP/HAA/HAF inside' },
  { name: 'relay-no-rsoo', component: 'relay', what: 'the relay drops the AAA-assigned home agent: no RSOO in the Relay-forward' },
  { name: 'relay-bad-hop-count', component: 'relay', what: 'the relay forwards a client message with hop-count 1' },
  { name: 'relay-modifies-reply', component: 'relay', what: 'the relay changes the Reply on its way to the client' },
  { name: 'aaa-no-e-bit', component: 'aaa', what: 'protocol errors (3xxx) answered without the E bit' },
  { name: 'aaa-wrong-hop-by-hop', component: 'aaa', what: 'answers carry a different Hop-by-Hop Identifier' },
  { name: 'aaa-no-failed-avp', component: 'aaa', what: '5001/5005/5014 answers without Failed-AVP' },
  { name: 'aaa-no-agent-info', component: 'aaa', what: 'AAA/DEA with 2001 but no MIP6-Agent-Info' },
  { name: 'aaa-destination-in-answer', component: 'aaa', what: 'answers carry Destination-Host/Destination-Realm' },
  { name: 'aaa-r-bit-in-answer', component: 'aaa', what: 'answers have the R bit set' },
  { name: 'paa-no-mobility-capability', component: 'paa', what: 'the first (S-flag) PAR offers no S002 Mobility-Capability' },
  { name: 'paa-ha-after-failure', component: 'paa', what: 'HA/HoA AVPs in the C-flag PAR although authentication failed (Result-Code 1)' },
  { name: 'paa-ha-without-auth', component: 'paa', what: 'the C-flag PAR delivering the HA carries no AUTH AVP' },
  { name: 'paa-no-c-flag', component: 'paa', what: 'the PAR carrying Result-Code lacks the C flag' },
  { name: 'paa-accepts-wrong-seq', component: 'paa', what: 'a PAN with the wrong sequence number is taken as the answer' },
  { name: 'paa-rejects-unknown-avp', component: 'paa', what: 'messages with an unknown AVP are dropped, stalling the exchange' },
  { name: 'fha-wrong-identification', component: 'fha', what: 'Registration Replies change the low-order 32 bits of the Identification' },
  { name: 'fha-accepts-unknown-ext', component: 'fha', what: 'accepts a Registration Request with an unrecognised extension type 0–127' },
  { name: 'fha-no-reply-auth', component: 'fha', what: 'Registration Replies without the MN-HA Authentication extension' },
  { name: 'fha-missing-s003-data', component: 'fha', what: 'the accepting reply to an S003 request lacks the IPv6 HoA NVSE' },
  { name: 'fha-accepts-bad-auth', component: 'fha', what: 'accepts a Registration Request whose MN-HA authenticator is wrong' },
  { name: 'fha-rejects-skippable-ext', component: 'fha', what: 'rejects a request for an unrecognised skippable extension type 128–255' },
];

export function checkFaults(names: readonly string[]): Set<string> {
  for (const n of names) {
    if (!FAULTS.some((f) => f.name === n)) throw new Error(`unknown fault '${n}' (known: ${FAULTS.map((f) => f.name).join(', ')})`);
  }
  return new Set(names);
}
