// OPTION_CLIENTID (1) and OPTION_SERVERID (2): one DUID each (RFC 8415 §21.2, §21.3).
import { readDuid, writeDuid } from '../duid.js';
import { defineOption, minLength } from './define.js';

export const clientId = defineOption({
  code: 1, name: 'OPTION_CLIENTID', kind: 'clientId', source: 'RFC8415 §21.2',
  decode: (r, len, ctx) => (minLength(ctx, r, 'OPTION_CLIENTID', len, 2) ? { code: 1, kind: 'clientId', duid: readDuid(r, len, ctx) } : undefined),
  encode: (o, w) => writeDuid(w, o.duid),
});

export const serverId = defineOption({
  code: 2, name: 'OPTION_SERVERID', kind: 'serverId', source: 'RFC8415 §21.3',
  decode: (r, len, ctx) => (minLength(ctx, r, 'OPTION_SERVERID', len, 2) ? { code: 2, kind: 'serverId', duid: readDuid(r, len, ctx) } : undefined),
  encode: (o, w) => writeDuid(w, o.duid),
});

export const ID_OPTIONS = [clientId, serverId];
