import { describe, expect, it } from 'vitest';
import { escapeControls, framesText, groupByDoc, naturalCompare, safeUrl, showValue, toJsonSafe } from './format.js';
import { escapeXml, escapeXmlAttr } from './junit.js';
import { escapeHtml } from './html.js';
import { sampleRun } from './sample.js';

describe('toJsonSafe', () => {
  it('turns bigint, bytes, Map, Set, dates and non-finite numbers into JSON values and drops undefined', () => {
    const v = { a: 1n, b: new Uint8Array([0, 255]), c: new Map([[1, 'x']]), d: new Set([2]), e: NaN, f: undefined, g: () => 1, h: new Date(0) };
    expect(toJsonSafe(v)).toEqual({ a: '1', b: '00ff', c: { 1: 'x' }, d: [2], e: 'NaN', h: '1970-01-01T00:00:00.000Z' });
  });

  it('breaks cycles but keeps shared (non-cyclic) references', () => {
    const shared = { x: 1 };
    const o: Record<string, unknown> = { p: shared, q: shared };
    o.self = o;
    expect(toJsonSafe(o)).toEqual({ p: { x: 1 }, q: { x: 1 }, self: '[Circular]' });
  });

  it('hex of a subarray covers only its view', () => {
    expect(toJsonSafe(new Uint8Array([1, 2, 3, 4]).subarray(1, 3))).toBe('0203');
  });
});

describe('text helpers', () => {
  it('showValue prints strings plainly and the rest as JSON', () => {
    expect(showValue('abc')).toBe('abc');
    expect(showValue('')).toBe('""');
    expect(showValue({ a: [1, 2n] })).toBe('{"a":[1,"2"]}');
    expect(showValue(null)).toBe('null');
  });

  it('framesText caps long lists', () => {
    expect(framesText([])).toBe('');
    expect(framesText([12, 14])).toBe('frame 12, 14');
    expect(framesText(Array.from({ length: 25 }, (_, i) => i + 1))).toMatch(/, 20 \(\+5 more\)$/);
  });

  it('escapers neutralise markup and control characters', () => {
    expect(escapeControls('a\u001b[2Jb\u009b')).toBe('a\\x1b[2Jb\\x9b');
    expect(escapeXml('<a b="c">&\u0000\ud800')).toBe('&lt;a b=&quot;c&quot;&gt;&amp;\\x00\\ud800');
    expect(escapeXmlAttr('a\nb\tc')).toBe('a&#10;b&#9;c');
    expect(escapeXml('😀')).toBe('😀');
    expect(escapeHtml(`<'&">\u007f`)).toBe('&lt;&#39;&amp;&quot;&gt;\\x7f');
  });

  it('safeUrl links only http(s)', () => {
    expect(safeUrl('https://www.rfc-editor.org/rfc/rfc6611#section-4.2.1')).toBeDefined();
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('https://x/"onmouseover=1')).toBeUndefined();
  });

  it('groups by document then section in natural order', () => {
    expect(naturalCompare('4.10', '4.2')).toBeGreaterThan(0);
    const g = groupByDoc(sampleRun().results);
    expect(g.map((d) => d.doc)).toEqual(['RFC5191', 'RFC5447', 'RFC6610', 'RFC6611', 'RFC6733', 'RFC8415']);
    expect(g.find((d) => d.doc === 'RFC6611')?.sections[0]?.section).toBe('4.2.1');
  });
});
