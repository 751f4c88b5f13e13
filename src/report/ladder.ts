// SVG ladder diagrams, one per bootstrap (src/correlate/bootstrap.ts): lanes for mobile node, relay/NAS, DHCPv6
// server, AAA server and home agent; messages as arrows; failing checks marked on their arrow. Pure: RunResult in,
// SVG strings out; the HTML reporter embeds them (no script, no external reference).
import type { RunResult } from '../assert/result.js';
import { LANES, type Bootstrap } from '../correlate/bootstrap.js';
import type { HtmlSection } from './html.js';
import { escapeHtml as h } from './html.js';

const LANE_W = 170;
const TOP = 56;
const ROW = 46;
const MAX_DIAGRAMS = 50;

/** frame → ids of assertions whose failing/warning instances cite that frame */
export function problemsByFrame(r: RunResult): Map<number, { id: string; outcome: string }[]> {
  const m = new Map<number, { id: string; outcome: string }[]>();
  for (const res of r.results) {
    for (const v of res.verdicts) {
      if (v.outcome !== 'fail' && v.outcome !== 'warn' && v.outcome !== 'error') continue;
      for (const f of v.evidence.frames) {
        const list = m.get(f) ?? [];
        if (!list.some((x) => x.id === v.id)) list.push({ id: v.id, outcome: v.outcome });
        m.set(f, list);
      }
    }
  }
  return m;
}

const LABEL_CHAR_W = 6.6; // approximate width of one character at font-size 11/12
const LINE = 14;

/** x of a centred text line kept inside [0, width] */
function clampX(mid: number, text: string, width: number): number {
  const half = (text.length * LABEL_CHAR_W) / 2 + 4;
  return Math.min(Math.max(mid, half), width - half);
}

export function ladderSvg(b: Bootstrap, problems: Map<number, { id: string; outcome: string }[]>): string {
  const width = LANE_W * LANES.length;
  // a row grows by one line per problem marked on its arrow
  const rowY: number[] = [];
  let y0 = TOP;
  for (const s of b.steps) {
    rowY.push(y0 + 20);
    y0 += ROW + (problems.get(s.frame)?.length ?? 0) * LINE;
  }
  const height = y0 + 30;
  const x = (lane: string) => LANES.findIndex((l) => l.id === lane) * LANE_W + LANE_W / 2;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" class="ladder" role="img" aria-label="bootstrap ${b.id}">`);
  parts.push('<defs><marker id="ah" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#333"/></marker>');
  parts.push('<marker id="ahbad" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#c62828"/></marker>');
  parts.push('<marker id="ahwarn" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#b26a00"/></marker></defs>');
  for (const l of LANES) {
    const lx = x(l.id);
    parts.push(`<text x="${lx}" y="22" text-anchor="middle" font-weight="bold" font-size="13" class="lane">${h(l.title)}</text>`);
    parts.push(`<line x1="${lx}" y1="32" x2="${lx}" y2="${height - 10}" stroke="#999" stroke-dasharray="4 3"/>`);
  }
  b.steps.forEach((s, i) => {
    const y = rowY[i]!;
    const x1 = x(s.from);
    const x2 = x(s.to);
    const bad = problems.get(s.frame) ?? [];
    const color = bad.some((p) => p.outcome === 'fail' || p.outcome === 'error') ? '#c62828' : bad.length ? '#b26a00' : '#333';
    const cls = bad.length ? 'msg msg-bad' : 'msg';
    parts.push(`<g class="${cls}" data-frame="${s.frame}">`);
    parts.push(`<line x1="${x1}" y1="${y}" x2="${x2}" y2="${y}" stroke="${color}" stroke-width="${bad.length ? 2.5 : 1.5}" marker-end="url(#${color === '#c62828' ? 'ahbad' : bad.length ? 'ahwarn' : 'ah'})"/>`);
    const mid = (x1 + x2) / 2;
    const title = `#${s.frame} ${s.label}`;
    parts.push(`<text x="${clampX(mid, title, width)}" y="${y - 6}" text-anchor="middle" font-size="12" fill="${color}">${h(title)}</text>`);
    bad.forEach((p, k) => {
      const label = `${p.outcome === 'warn' ? '⚠' : '✗'} ${p.id}`;
      parts.push(`<text x="${clampX(mid, label, width)}" y="${y + 16 + k * LINE}" text-anchor="middle" font-size="11" fill="${color}" class="problem">${h(label)}</text>`);
    });
    parts.push('</g>');
  });
  parts.push('</svg>');
  return parts.join('');
}

/** One section per bootstrap: the ladder, and how each link between protocols was made. */
export function ladderSections(r: RunResult): HtmlSection[] {
  const problems = problemsByFrame(r);
  return (r.bootstraps ?? []).slice(0, MAX_DIAGRAMS).map((b) => {
    const links = b.links.map((l) => `${l.from} → ${l.to}: ${l.made ? '' : 'not linked: '}${l.how}`).join('; ');
    const who = b.aaa?.user ? ` for ${b.aaa.user}` : b.dhcp.clientAddr ? ` for ${b.dhcp.clientAddr}` : '';
    return { title: `Bootstrap ${b.id}${who}${links ? ` — ${links}` : ''}`, svg: ladderSvg(b, problems) };
  });
}
