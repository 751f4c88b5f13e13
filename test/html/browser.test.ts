// Issue 6 part 4: the HTML report in a real browser. `audit … --format html -o FILE` (the CLI, in-process) on the
// fixture whose RFC 6611 bootstrap has a failing cross-protocol check; headless Chromium dumps the rendered DOM and
// takes screenshots. Checked against the audit's own result: the ladder <svg> with its 5 lane titles, one arrow group
// per message, the failing arrow marked msg-bad with the failing assertion id in its problem label; the page and
// the ladder render (PNG decoded, colours counted); nothing external is referenced (cite links aside), no script.
// Chromium missing: fails when CI is set, skipped otherwise. M6_KEEP_SCREENSHOTS=1 keeps the PNGs and prints where.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/assert/profiles.js';
import type { RunResult } from '../../src/assert/result.js';
import { main } from '../../src/cli/main.js';
import { LANES, type Bootstrap } from '../../src/correlate/bootstrap.js';
import { audit } from '../../src/pipeline/audit.js';
import { PROTOCOLS } from '../../src/proto/index.js';
import { CATALOGUE } from '../../suites/index.js';
import { CHROMIUM, hasChromium, runChromium } from './chromium.js';
import { countColour, decodePng, distinctColours, isPng } from './png.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CASE = join(ROOT, 'fixtures/captures/rfc6611-bootstrap-wrong-ha');
const CAPTURE = join(CASE, 'capture.pcapng');
const CI = Boolean(process.env.CI);
const CHROMIUM_OK = hasChromium();
/** colours of src/report/ladder.ts: failing, warning, plain arrows */
const RED = '#c62828';
const AMBER = '#b26a00';
const DARK = '#333333';

let dir = '';
let htmlFile = '';
let html = '';
let exitCode = -1;
let result: RunResult;
let bootstrap: Bootstrap;
/** assertion ids the fixture must fail (its expect.json) */
let failing: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'm6-html-'));
  htmlFile = join(dir, 'report.html');
  exitCode = await main(['audit', CAPTURE, '--format', 'html', '-o', htmlFile, '-q']);
  html = readFileSync(htmlFile, 'utf8');
  // the same audit in-process: what the page must show
  result = await audit([CAPTURE], { settings: resolveSettings(['default']), profiles: ['default'], assertions: CATALOGUE, modules: PROTOCOLS, failOn: 'must' });
  const expected = JSON.parse(readFileSync(join(CASE, 'expect.json'), 'utf8')) as { expect: Record<string, string> };
  failing = Object.entries(expected.expect).filter(([, o]) => o === 'fail').map(([id]) => id);
  bootstrap = result.bootstraps![0]!;
});

afterAll(() => {
  if (process.env.M6_KEEP_SCREENSHOTS) console.log(`report and screenshots kept in ${dir}`);
  else if (dir) rmSync(dir, { recursive: true, force: true });
});

/** frames cited by failing verdicts of `id` */
const framesOf = (id: string): number[] => [
  ...new Set(result.results.filter((a) => a.id === id).flatMap((a) => a.verdicts.filter((v) => v.outcome === 'fail').flatMap((v) => v.evidence.frames))),
];

describe('HTML report of rfc6611-bootstrap-wrong-ha, as written', () => {
  it('the audit fails on the cross-protocol check, and there is one bootstrap to draw', () => {
    expect(exitCode).not.toBe(0);
    expect(failing.length).toBeGreaterThan(0);
    for (const id of failing) expect(result.results.find((a) => a.id === id)?.outcome, id).toBe('fail');
    expect(result.bootstraps).toHaveLength(1);
    expect(bootstrap.steps.length).toBeGreaterThan(1);
  });

  it('references nothing external: no script, no http(s) src, no href but the cite links', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<(link|iframe|object|embed|img|image|use|foreignObject)\b/i);
    expect(html).not.toMatch(/@import|url\(\s*['"]?\s*(https?:)?\/\//i);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'/);
    const cites = new Set(result.results.map((a) => a.cite.url).filter((u): u is string => Boolean(u)));
    const refs = [...html.matchAll(/\s((?:xlink:)?href|src|action|srcset|poster|data)\s*=\s*"([^"]*)"/gi)].map((m) => ({ attr: m[1]!.toLowerCase(), url: m[2]!.replace(/&amp;/g, '&') }));
    const external = refs.filter((r) => /^\s*([a-z][a-z0-9+.-]*:|\/\/)/i.test(r.url));
    expect(external.length, 'the cite links are there').toBeGreaterThan(0);
    expect(external.filter((r) => r.attr !== 'href' || !/^https?:\/\//.test(r.url) || !cites.has(r.url))).toEqual([]);
  });
});

/** the rendered ladder(s), from Chromium's DOM */
interface Arrow {
  cls: string;
  frame: number;
  body: string;
}

function laddersOf(dom: string): string[] {
  return [...dom.matchAll(/<svg\b[^>]*\bclass="ladder"[^>]*>[\s\S]*?<\/svg>/g)].map((m) => m[0]);
}

function arrowsOf(svg: string): Arrow[] {
  return [...svg.matchAll(/<g class="([^"]*)" data-frame="(\d+)">([\s\S]*?)<\/g>/g)].map((m) => ({ cls: m[1]!, frame: Number(m[2]), body: m[3]! }));
}

const problemText = (a: Arrow): string => /<text\b[^>]*class="problem"[^>]*>([^<]*)<\/text>/.exec(a.body)?.[1] ?? '';

describe.skipIf(!CHROMIUM_OK && !CI)('HTML report in headless Chromium', () => {
  let dom = '';

  it(`chromium is installed at ${CHROMIUM} (required when CI is set)`, () => {
    expect(CHROMIUM_OK).toBe(true);
  });

  it('renders: the ladder <svg> with 5 lane titles and one arrow group per message', async () => {
    const r = await runChromium(pathToFileURL(htmlFile).href, ['--dump-dom']);
    expect(r.timedOut, 'chromium hung and was killed').toBe(false);
    expect(r.code, r.stderr.slice(-2000)).toBe(0);
    dom = r.stdout;
    expect(dom).toMatch(/<\/html>\s*$/);
    const ladders = laddersOf(dom);
    expect(ladders).toHaveLength(result.bootstraps!.length);
    const svg = ladders[0]!;
    const lanes = [...svg.matchAll(/<text\b[^>]*class="lane"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(lanes).toEqual(LANES.map((l) => l.title));
    expect(lanes).toHaveLength(5);
    const arrows = arrowsOf(svg);
    expect(arrows.map((a) => a.frame)).toEqual(bootstrap.steps.map((s) => s.frame));
    // every arrow is a line between two lanes with its label
    for (const a of arrows) {
      expect(a.body, `frame ${a.frame}`).toMatch(/<line\b[^>]*marker-end="url\(#ah(bad|warn)?\)"/);
      expect(a.body, `frame ${a.frame}`).toContain(`>#${a.frame} `);
    }
  });

  it('marks the failing arrow msg-bad, in red, with the failing assertion id in its problem label', () => {
    expect(dom, 'the DOM dump ran').not.toBe('');
    const arrows = arrowsOf(laddersOf(dom)[0]!);
    const byFrame = new Map(arrows.map((a) => [a.frame, a]));
    for (const id of failing) {
      const frames = framesOf(id).filter((f) => byFrame.has(f));
      expect(frames.length, `${id} cites a frame on the ladder`).toBeGreaterThan(0);
      for (const f of frames) {
        const a = byFrame.get(f)!;
        expect(a.cls.split(' '), `frame ${f}`).toEqual(['msg', 'msg-bad']);
        expect(problemText(a), `frame ${f}`).toContain(`✗ ${id}`);
        expect(a.body).toMatch(new RegExp(`<line\\b[^>]*stroke="${RED}"[^>]*marker-end="url\\(#ahbad\\)"`));
      }
    }
    // arrows with nothing wrong stay plain
    const problemFrames = new Set(result.results.flatMap((a) => a.verdicts.filter((v) => ['fail', 'warn', 'error'].includes(v.outcome)).flatMap((v) => v.evidence.frames)));
    for (const a of arrows.filter((x) => !problemFrames.has(x.frame))) {
      expect(a.cls, `frame ${a.frame}`).toBe('msg');
      expect(problemText(a)).toBe('');
    }
    expect(arrows.some((a) => !problemFrames.has(a.frame)), 'some arrow is plain').toBe(true);
  });

  it('the DOM, too, has no script and no external reference but the cite links', () => {
    expect(dom).not.toBe('');
    expect(dom).not.toMatch(/<script/i);
    const srcs = [...dom.matchAll(/\ssrc\s*=\s*"([^"]*)"/gi)].map((m) => m[1]);
    expect(srcs).toEqual([]);
  });

  it('screenshot at 1200×1600: a non-trivial PNG of the page (title badge in red)', async () => {
    const png = join(dir, 'report.png');
    const r = await runChromium(pathToFileURL(htmlFile).href, [`--screenshot=${png}`, '--window-size=1200,1600']);
    expect(r.timedOut, 'chromium hung and was killed').toBe(false);
    expect(existsSync(png), r.stderr.slice(-2000)).toBe(true);
    expect(statSync(png).size).toBeGreaterThan(20_000);
    const bytes = new Uint8Array(readFileSync(png));
    expect(isPng(bytes)).toBe(true);
    const img = decodePng(bytes);
    expect([img.width, img.height]).toEqual([1200, 1600]);
    expect(distinctColours(img)).toBeGreaterThan(50); // text, tables, badges: not a blank page
    expect(countColour(img, RED)).toBeGreaterThan(100); // FAILED in the title, FAIL badges
  });

  it('the ladder as Chromium serialised it renders: red failing arrows, amber warnings, dark plain ones', async () => {
    // the ladder sits below the first 1600 pixels of the page: render the rendered <svg> on a page of its own
    const svg = laddersOf(dom)[0]!;
    const [w, h] = [Number(/\bwidth="(\d+)"/.exec(svg)?.[1] ?? 900), Number(/\bheight="(\d+)"/.exec(svg)?.[1] ?? 500)];
    const page = join(dir, 'ladder.html');
    writeFileSync(page, `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:20px;background:#fff">${svg}</body></html>\n`);
    const png = join(dir, 'ladder.png');
    const r = await runChromium(pathToFileURL(page).href, [`--screenshot=${png}`, `--window-size=${w + 40},${h + 40}`]);
    expect(r.timedOut).toBe(false);
    const img = decodePng(new Uint8Array(readFileSync(png)));
    const arrows = arrowsOf(svg);
    const bad = arrows.filter((a) => a.body.includes(`stroke="${RED}"`)).length;
    const warn = arrows.filter((a) => a.body.includes(`stroke="${AMBER}"`)).length;
    const plain = arrows.filter((a) => a.body.includes('stroke="#333"')).length;
    expect(bad).toBeGreaterThan(0);
    // a drawn arrow is at least ~100 px of 1.5–2.5 px line plus its label
    expect(countColour(img, RED), 'red pixels').toBeGreaterThan(150 * bad);
    if (warn) expect(countColour(img, AMBER), 'amber pixels').toBeGreaterThan(150 * warn);
    if (plain) expect(countColour(img, DARK), 'dark pixels').toBeGreaterThan(100 * plain);
    if (process.env.M6_KEEP_SCREENSHOTS) copyFileSync(png, join(dir, 'ladder-kept.png'));
  });
});
