// Reporter goldens (fixtures/reports/*, Zeek-style baselines) plus format checks per output.
// Regenerate after an intended change: UPDATE_GOLDEN=1 npx vitest run src/report, then review the diff.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ReportersMap, REPORTER_NAMES, SCHEMA, type JsonRun } from './index.js';
import { htmlReporter } from './html.js';
import { sampleRun } from './sample.js';
import type { RunResult } from '../assert/result.js';

const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/reports');

function golden(name: string, actual: string): void {
  const file = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN || !existsSync(file)) {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, actual);
    if (!process.env.UPDATE_GOLDEN) throw new Error(`golden ${name} was missing: written, review it and rerun`);
    return;
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

const run = sampleRun();
const CITE_URLS = run.results.map((a) => a.cite.url).filter((u): u is string => !!u && u.startsWith('https://'));

/** A small XML 1.0 well-formedness check: legal chars, entities, quoted attributes, balanced tags. */
function checkXml(xml: string): string[] {
  const errors: string[] = [];
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(xml)) errors.push('illegal character');
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const re = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  for (const m of body.matchAll(re)) {
    const [, close, name, attrs, selfClose, text, stray] = m;
    if (stray) errors.push(`stray '<' at ${m.index}`);
    const checkAmp = (s: string) => {
      for (const a of s.matchAll(/&([^;\s]*;?)/g)) if (!/^(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);$/i.test(a[1] ?? '')) errors.push(`bad entity &${a[1]}`);
    };
    if (text !== undefined) {
      if (text.includes('>') && text.includes(']]>')) errors.push("']]>' in text");
      checkAmp(text);
      if (stack.length === 0 && text.trim()) errors.push('text outside the root');
      continue;
    }
    if (!name) continue;
    checkAmp(attrs ?? '');
    const names = [...(attrs ?? '').matchAll(/([\w:.-]+)=/g)].map((a) => a[1]);
    if (new Set(names).size !== names.length) errors.push(`duplicate attribute on <${name}>`);
    if (close) {
      const top = stack.pop();
      if (top !== name) errors.push(`</${name}> closes <${top}>`);
    } else if (!selfClose) stack.push(name);
  }
  if (stack.length) errors.push(`unclosed: ${stack.join(' ')}`);
  return errors;
}

describe('reporter map', () => {
  it('lists the five reporters and each returns text ending in a newline', () => {
    expect(REPORTER_NAMES).toEqual(['console', 'json', 'junit', 'tap', 'html']);
    for (const name of REPORTER_NAMES) expect(ReportersMap[name](run, { color: false }).endsWith('\n')).toBe(true);
  });

  it('is pure: the same input gives the same output and is not mutated', () => {
    const before = JSON.stringify(run, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
    for (const name of REPORTER_NAMES) expect(ReportersMap[name](run, { color: false })).toBe(ReportersMap[name](sampleRun(), { color: false }));
    expect(JSON.stringify(run, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))).toBe(before);
  });
});

describe('console', () => {
  const plain = ReportersMap.console(run, { color: false });

  it('matches the goldens (plain and verbose)', () => {
    golden('console.txt', plain);
    golden('console-verbose.txt', ReportersMap.console(run, { color: false, verbose: true }));
  });

  it('shows badges, provisional mark, counts, cite, quote, evidence and the summary', () => {
    for (const badge of ['PASS', 'FAIL', 'WARN', 'INCONC', 'N/A', 'ERROR']) expect(plain).toMatch(new RegExp(`^ {4}${badge.replace('/', '\\/')} +RFC`, 'm'));
    expect(plain).toContain('(provisional)');
    expect(plain).toContain('[5 instances: 3 pass, 2 fail]');
    expect(plain).toContain('frame 14, 15  path request.options.ORO');
    expect(plain).toMatch(/Expected: +\[49,50,69,70\]/);
    expect(plain).toContain('Cite: RFC6611 §4.2.1 [INT-05] https://www.rfc-editor.org/rfc/rfc6611#section-4.2.1');
    expect(plain).toContain('"The MN SHALL include the Home Network Identifier FQDN option in the ORO."');
    expect(plain).toContain('6 assertions: 1 pass, 1 fail, 1 warn, 1 inconclusive, 1 n/a, 1 error\nStatus: FAILED (exit 1)\n');
  });

  it('never lets control characters from the data reach the terminal', () => {
    expect(plain).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(plain).toContain('\\x1b[31mred');
    expect(plain).toContain('\\x9b[2J');
  });

  it('colors only when asked; without the color codes the text is the same', () => {
    const colored = ReportersMap.console(run, { color: true });
    expect(colored).toContain('\u001b[31m');
    expect(plain).not.toContain('\u001b');
    expect(colored.replace(/\u001b\[[0-9;]*m/g, '')).toBe(plain);
  });
});

describe('json', () => {
  const text = ReportersMap.json(run, { color: false });
  const doc = JSON.parse(text) as JsonRun;

  it('matches the golden', () => golden('run.json', text));

  it('is versioned and carries every top-level part', () => {
    expect(doc.schema).toBe(SCHEMA);
    expect(Object.keys(doc)).toEqual(expect.arrayContaining(['verdicts', 'results', 'inputs', 'totals', 'status', 'profiles', 'settings']));
    expect(doc.status).toBe('failed');
    expect(doc.exitCode).toBe(1);
    expect(doc.settings.big).toBe('18446744073709551616');
  });

  it('has one flat row per kept verdict with the required fields', () => {
    expect(doc.verdicts).toHaveLength(run.results.reduce((n, a) => n + a.verdicts.length, 0));
    for (const v of doc.verdicts) {
      for (const k of ['id', 'title', 'level', 'role', 'proto', 'outcome', 'provisional', 'cite', 'message', 'frames']) expect(v).toHaveProperty(k);
      expect(Array.isArray(v.frames)).toBe(true);
    }
    const hop = doc.verdicts.find((v) => v.id === 'RFC8415-19.1.1-relay-hop-limit');
    expect(hop).toMatchObject({ expected: '7', actual: '7', path: 'relay.hopCount', frames: [3, 4] });
    const bytes = doc.verdicts.find((v) => v.outcome === 'warn');
    expect(bytes).toMatchObject({ actual: '613c0726', provisional: true });
  });

  it('keeps per-assertion counts including dropped instances', () => {
    const oro = doc.results.find((a) => a.id === 'RFC6611-4.2.1-client-oro');
    expect(oro).toMatchObject({ outcome: 'fail', instances: 5, kept: 3, dropped: 2 });
    expect(oro?.counts).toMatchObject({ pass: 3, fail: 2 });
  });
});

describe('junit', () => {
  const xml = ReportersMap.junit(run, { color: false });

  it('matches the golden', () => golden('junit.xml', xml));

  it('is well-formed XML', () => {
    expect(checkXml(xml)).toEqual([]);
  });

  it('parses with an XML oracle when one is installed (xmllint or python minidom)', () => {
    if (existsSync('/usr/bin/xmllint')) execFileSync('/usr/bin/xmllint', ['--noout', '-'], { input: xml });
    else if (existsSync('/usr/bin/python3')) {
      const out = execFileSync('/usr/bin/python3', ['-c', 'import sys,xml.dom.minidom as m; d=m.parseString(sys.stdin.buffer.read()); print(len(d.getElementsByTagName("testcase")))'], { input: xml });
      expect(out.toString().trim()).toBe('6');
    } else expect(checkXml(xml)).toEqual([]);
  });

  it('counts tests/failures/errors/skipped and keeps failure apart from error', () => {
    expect(xml).toMatch(/<testsuites name="mip6-conform 0.1.0" tests="6" failures="1" errors="1" skipped="2"/);
    expect(xml.match(/<testsuite /g)).toHaveLength(6);
    expect(xml.match(/<testcase /g)).toHaveLength(6);
    expect(xml.match(/<failure /g)).toHaveLength(1);
    expect(xml.match(/<error /g)).toHaveLength(1);
    expect(xml.match(/<skipped /g)).toHaveLength(2);
    expect(xml).toContain('<failure message="Information-request carries no ORO (6) (2 instances)" type="SHALL">');
    expect(xml).toContain('type="tool-error"');
    expect(xml).toContain('classname="RFC6611 §4.2.1" name="RFC6611-4.2.1-client-oro: Information-request asks for home network information"');
  });

  it('puts a warn in system-out, not in a failure', () => {
    const tc = xml.slice(xml.indexOf('<testcase classname="RFC6610'), xml.indexOf('</testcase>', xml.indexOf('<testcase classname="RFC6610')));
    expect(tc).toContain('<system-out>WARN: ');
    expect(tc).not.toContain('<failure');
  });

  it('escapes markup and replaces illegal control characters', () => {
    expect(xml).toContain('HNIDF holds a valid &lt;FQDN&gt; &amp; &quot;quoted&quot; name #1');
    expect(xml).toContain('control char \\x07 and ]]&gt; inside');
    expect(xml).toContain('cannot read x\\x9b[2J');
    expect(xml).not.toMatch(/[\u007f-\u009f]/);
    expect(xml).toContain('message="inconclusive: MIR in frame 40 has no answer within 5 s&#10;after 1 retransmission"');
  });
});

describe('tap', () => {
  const tap = ReportersMap.tap(run, { color: false });
  const lines = tap.split('\n');

  it('matches the goldens (plain and verbose)', () => {
    golden('run.tap', tap);
    golden('run-verbose.tap', ReportersMap.tap(run, { color: false, verbose: true }));
  });

  it('has the version, the plan and one point per assertion in order', () => {
    expect(lines[0]).toBe('TAP version 14');
    expect(lines[1]).toBe('1..6');
    const points = lines.filter((l) => /^(not )?ok \d+ /.test(l));
    expect(points.map((l) => Number(/ok (\d+)/.exec(l)?.[1]))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(points.filter((l) => l.startsWith('not ok'))).toHaveLength(2);
    expect(points.filter((l) => / # SKIP /.test(l))).toHaveLength(2);
    expect(points.filter((l) => / # warn: /.test(l))).toHaveLength(1);
    expect(points.find((l) => l.includes('RFC6611-4.2.1-client-oro'))).toMatch(/^not ok/);
    expect(points.find((l) => l.includes('RFC6733-3-'))).toMatch(/^not ok/);
  });

  it('escapes # in descriptions and keeps each point on one line', () => {
    expect(tap).toContain('name \\#1 # warn: ');
    expect(tap).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(tap).toContain('# SKIP inconclusive: MIR in frame 40 has no answer within 5 s after 1 retransmission');
  });

  it('has balanced YAML blocks holding level, role, cite, message, frames and evidence', () => {
    expect(lines.filter((l) => l === '  ---')).toHaveLength(lines.filter((l) => l === '  ...').length);
    const start = lines.findIndex((l) => l.startsWith('not ok 4'));
    const block = lines.slice(start + 1, lines.indexOf('  ...', start)).join('\n');
    for (const k of ['level: "SHALL"', 'role: "client"', 'cite:', 'message: "Information-request carries no ORO (6)"', 'frames: [12]', 'path: "request.options"', 'expected:', 'actual: [8,1,2]', 'dropped: 2'])
      expect(block).toContain(k);
  });

  it.skipIf(!existsSync('/usr/bin/python3'))('YAML blocks parse (PyYAML oracle, when installed)', () => {
    const script = [
      'import sys,json',
      'try:\n import yaml\nexcept ImportError:\n print("skip"); sys.exit(0)',
      'blocks=[];cur=None',
      'for l in sys.stdin.read().split("\\n"):',
      ' if l=="  ---": cur=[]',
      ' elif l=="  ...": blocks.append(yaml.safe_load("\\n".join(x[2:] for x in cur))); cur=None',
      ' elif cur is not None: cur.append(l)',
      'print(json.dumps(blocks))',
    ].join('\n');
    const out = execFileSync('/usr/bin/python3', ['-c', script], { input: tap }).toString().trim();
    if (out === 'skip') return;
    const blocks = JSON.parse(out) as Record<string, unknown>[];
    expect(blocks).toHaveLength(4);
    const warn = blocks.find((b) => b.outcome === 'warn');
    expect(warn).toMatchObject({ provisional: true, message: 'FQDN label "a<b>&c" has a control char \u0007 and ]]> inside', actual: '613c0726' });
    expect((warn?.cite as Record<string, string>).quote).toBe('The id-type <&"> field # is not there \u0001 any more');
  });
});

describe('html', () => {
  const html = ReportersMap.html(run, { color: false });

  it('matches the golden', () => golden('report.html', html));

  it('is self-contained: no script, no external reference except cite links', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link|<img|<iframe|@import|url\(/i);
    const urls = [...html.matchAll(/https?:[^\s"'<>)]*/gi)];
    expect(urls.length).toBeGreaterThan(0);
    for (const m of urls) {
      expect(CITE_URLS).toContain(m[0]);
      expect(html.slice(m.index - 6, m.index)).toBe('href="');
    }
    expect(html).not.toMatch(/href="javascript:/i);
  });

  it('has the summary table, the failing/warning details and the full table', () => {
    expect(html).toContain('<h2>Summary by role and level</h2>');
    expect(html).toMatch(/<tr><th>client<\/th>.*<span class="b o-fail">1 FAIL<\/span>/);
    for (const id of ['RFC6611-4.2.1-client-oro', 'RFC6610-4.2-server-hnidf-fqdn', 'RFC6733-3-diameter-node-header-length']) expect(html).toContain(`<section id="${id}">`);
    expect(html).not.toContain('<section id="RFC8415-19.1.1-relay-hop-limit">');
    expect(html).toContain('<blockquote>The MN SHALL include the Home Network Identifier FQDN option in the ORO.</blockquote>');
    expect(html.match(/<tr><td><span class="b o-/g)).toHaveLength(6);
  });

  it('escapes everything from the data', () => {
    expect(html).toContain('HNIDF holds a valid &lt;FQDN&gt; &amp; &quot;quoted&quot; name #1');
    expect(html).toContain('<code>broken&lt;&amp;&gt;.pcap</code>');
    expect(html).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(html).toContain('cannot read x\\x9b[2J');
  });

  it('embeds safe SVG sections and refuses unsafe ones', () => {
    const safe = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>';
    const out = htmlReporter(run, {
      color: false,
      sections: [
        { title: 'Ladder <1>', svg: safe },
        { title: 'Bad', svg: '<svg><script>alert(1)</script></svg>' },
        { title: 'Handler', svg: '<svg onload="x()"></svg>' },
        { title: 'Remote', svg: '<svg><image href="https://example.com/x.png"/></svg>' },
      ],
    });
    expect(out).toContain('<h2>Ladder &lt;1&gt;</h2>\n<svg width="10" height="10"><rect width="10" height="10"/></svg>');
    expect(out.match(/section omitted/g)).toHaveLength(3);
    expect(out).not.toMatch(/<script|onload|example\.com|w3\.org/);
  });
});

describe('edge runs', () => {
  const empty: RunResult = { ...sampleRun(), inputs: [], results: [], totals: { pass: 0, fail: 0, warn: 0, inconclusive: 0, 'not-applicable': 0, error: 0 }, status: 'nothing-relevant' };

  it('every reporter copes with an empty run', () => {
    expect(ReportersMap.console(empty, { color: false })).toContain('0 assertions: 0 pass, 0 fail, 0 warn, 0 inconclusive, 0 n/a, 0 error\nStatus: NOTHING-RELEVANT (exit 3)');
    expect(ReportersMap.tap(empty, { color: false }).split('\n').slice(0, 2)).toEqual(['TAP version 14', '1..0']);
    const xml = ReportersMap.junit(empty, { color: false });
    expect(checkXml(xml)).toEqual([]);
    expect(xml).toContain('tests="0" failures="0" errors="0" skipped="0"');
    expect(JSON.parse(ReportersMap.json(empty, { color: false })).verdicts).toEqual([]);
    expect(ReportersMap.html(empty, { color: false })).toContain('<p class="muted">None.</p>');
  });
});
