// Where the audit's time goes, stage by stage, in-process on one capture (CPU time of this process, one core):
//   read     capture file → frames (readCaptureBatches)
//   net      + NetDecoder: link, IP, UDP/TCP/SCTP, reassembly → datagrams / stream chunks
//   decode   + Demux: protocol decoders and stream framing (messages to a sink that drops them)
//   match    + Session with no assertions: matchers, transactions, correlation, report totals
//   judge    + Session with the whole catalogue (what `audit` does, minus the JSON report)
// Each stage's share is its time minus the previous one's.   node bench/stages.js FILE [--only read,net,...] [--repeat N]
import path from 'node:path';
import { count, dist, DIST_ROOT, parseArgs } from './lib.js';

const { readCaptureBatches } = await dist('capture/open.js');
const { NetDecoder } = await dist('net/decode.js');
const { Demux } = await dist('pipeline/messages.js');
const { audit } = await dist('pipeline/audit.js');
const { PROTOCOLS } = await dist('proto/index.js');
const { resolveSettings } = await dist('assert/profiles.js');
const { CATALOGUE } = await import(path.join(DIST_ROOT, 'suites', 'index.js'));

const settings = resolveSettings([]);
const common = { settings, profiles: ['default'], modules: PROTOCOLS, failOn: 'must' };

export const STAGES = {
  async read(file) {
    let n = 0;
    for await (const batch of readCaptureBatches(file)) n += batch.length;
    return n;
  },
  async net(file) {
    const net = new NetDecoder();
    let n = 0;
    for await (const batch of readCaptureBatches(file)) {
      for (const f of batch) {
        const r = net.push(f);
        n += r.datagrams.length + r.streams.length;
      }
    }
    return n;
  },
  async decode(file) {
    let n = 0;
    const sink = { message: () => n++, issue() {}, opaque() {}, closed() {} };
    const d = new Demux(PROTOCOLS, settings, sink);
    for await (const batch of readCaptureBatches(file)) for (const f of batch) d.frame(f);
    d.end();
    return n;
  },
  async match(file) {
    const r = await audit([file], { ...common, assertions: [] });
    return r.inputs[0].transactions;
  },
  async judge(file) {
    const r = await audit([file], { ...common, assertions: CATALOGUE });
    return r.inputs[0].transactions;
  },
};

export async function stageTimes(file, names = Object.keys(STAGES), repeat = 1) {
  const out = [];
  for (const name of names) {
    let best = Infinity;
    let n = 0;
    for (let i = 0; i < repeat; i++) {
      global.gc?.();
      const c0 = process.cpuUsage();
      n = await STAGES[name](file);
      const c = process.cpuUsage(c0);
      best = Math.min(best, (c.user + c.system) / 1000);
    }
    out.push({ name, ms: best, n });
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = parseArgs(process.argv.slice(2));
  const file = process.argv[2];
  if (!file || file.startsWith('--')) throw new Error('usage: node bench/stages.js FILE [--only read,net,decode,match,judge] [--repeat N]');
  const names = typeof args.only === 'string' ? args.only.split(',') : Object.keys(STAGES);
  const frames = await STAGES.read(file);
  const times = await stageTimes(file, names, count(args.repeat, 1));
  console.log(`${file}: ${frames} frames, ${CATALOGUE.length} assertions; CPU ms per stage (cumulative, then the stage's own share)`);
  let prev = 0;
  for (const t of times) {
    console.log(
      `  ${t.name.padEnd(7)} ${t.ms.toFixed(0).padStart(8)} ms  ${Math.round((frames * 1000) / t.ms).toLocaleString('en-US').padStart(11)} frames/s` +
        `   own ${(t.ms - prev).toFixed(0).padStart(7)} ms  (${t.n} out)`,
    );
    prev = t.ms;
  }
}
