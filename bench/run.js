// `npm run bench [-- options]`: generate the bench captures (reused from bench/out when present), then for each run
// `mip6-conform audit FILE --format json -o /dev/null --quiet` and `tshark -r FILE -T fields -e frame.number`,
// and print wall time, packets/s, peak RSS and ours/tshark. Build first: `npx tsc -p .`.
//
//   --only dhcpv6,diameter,mix,parallel   which benches (default: dhcpv6,diameter,mix)
//   --packets N      DHCPv6 / mix size (default: DHCPv6 200k and 1M; mix 200k)
//   --messages N     Diameter messages (default: 100k and 500k)
//   --no-tshark      skip tshark        --fresh   regenerate captures     --clean   delete them afterwards
//   --json FILE      also write the results as JSON
import fs from 'node:fs';
import { cached, compare, count, fmt, parseArgs } from './lib.js';

const args = parseArgs(process.argv.slice(2));
const only = new Set(typeof args.only === 'string' ? args.only.split(',') : ['dhcpv6', 'diameter', 'mix']);
const tshark = !args['no-tshark'];
const fresh = Boolean(args.fresh);
const results = [];
const made = [];

async function capture(kind, n) {
  const { generate } = await import(`./gen/${kind}.js`);
  let info;
  const c = await cached(
    `${kind}-${n}.pcapng`,
    async (file) => {
      info = await generate(file, n);
      if (typeof info === "number") info = { packets: info };
    },
    { fresh },
  );
  if (c.made) {
    made.push(c.file);
    console.log(`generated ${c.file} in ${fmt.s(c.ms)} (heap after: ${fmt.mb(process.memoryUsage().rss / 1024)} RSS)`);
    fs.writeFileSync(`${c.file}.json`, JSON.stringify(info ?? {}));
  }
  const meta = fs.existsSync(`${c.file}.json`) ? JSON.parse(fs.readFileSync(`${c.file}.json`, 'utf8')) : {};
  return { file: c.file, meta };
}

if (only.has('dhcpv6')) {
  const sizes = args.packets ? [count(args.packets)] : [200_000, 1_000_000];
  for (const n of sizes) {
    const { file } = await capture('dhcpv6', n);
    results.push(await compare(`(a) DHCPv6 RFC 6611 integrated scenario`, file, n, { tshark }));
  }
}
if (only.has('diameter')) {
  const sizes = args.messages ? [count(args.messages)] : [100_000, 500_000];
  for (const n of sizes) {
    const { file, meta } = await capture('diameter', n);
    const packets = meta.packets ?? n;
    const r = await compare(`(b) Diameter/TCP, ${fmt.int(meta.messages ?? n)} messages (whole, split, coalesced, straddling)`, file, packets, { tshark });
    r.messages = meta.messages ?? n;
    console.log(`  messages/s    ours ${fmt.int((r.messages * 1000) / r.ours.ms)}${r.tshark ? `, tshark ${fmt.int((r.messages * 1000) / r.tshark.ms)}` : ''}`);
    results.push(r);
  }
}
if (only.has('mix')) {
  const n = args.packets ? count(args.packets) : 200_000;
  const { file, meta } = await capture('mix', n);
  const packets = meta.packets ?? n;
  results.push(await compare('(c) every protocol: DHCPv6, Diameter/TCP, PANA, MIPv4, MH, IKEv2', file, packets, { tshark }));
}
if (only.has('parallel')) {
  const { runParallelBench } = await import('./parallel.js');
  results.push(await runParallelBench(args));
}

if (typeof args.json === 'string') fs.writeFileSync(args.json, JSON.stringify(results, null, 2));
if (args.clean) for (const f of made) for (const x of [f, `${f}.json`]) fs.rmSync(x, { force: true });
