// Refused rows never cost the good rows their position (issue 14 items 1 and 4). A property test: random
// valid incident files — quoted titles spanning lines, blank lines, CRLF or LF — with random bad rows
// inserted at random lines (files up to 14,000 lines, so beyond the reader's pauses every 2,000 rows and
// beyond 10,000), read by the pausing reader the importer uses: each bad row is reported at exactly its
// line with its own raw text and reason, and every good row comes back at its line. The synchronous reader
// (camera ledgers, key sites) is held to the same lines.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GeocodeResult } from '../../server/analysis/geocoder.js';
import { forEachCsvRow } from '../../server/import/csv-lines.js';
import { parseIncidentCsv, parseIncidentCsvAsync } from '../../server/import/incident-rows.js';

const geo = {
  countyName: '测试县',
  inCounty: (lon: number, lat: number) => lon >= 123 && lon <= 124 && lat >= 44 && lat <= 45,
  locate: (lon: number, lat: number) => (lon >= 123 && lon <= 124 && lat >= 44 && lat <= 45 ? { code: '000000000000001', villageCode: '000000000000', townshipCode: '000000000' } : undefined),
  geocode: (a: string): GeocodeResult => ({ ok: a === '某村', lon: 123.5, lat: 44.5, level: 'village', confidence: 1, ambiguous: false, countyCode: null, townshipCode: null, villageCode: null, gridCode: null, parts: {}, unmatched: '' }),
};
const HEADER = '编号,类别,时间,经度,纬度,地址,描述';

/** Bad rows, each with the reason it must be refused for. `id` is a fresh id; `dupOf` an id used before. */
const BAD: { make: (id: string, dupOf: string) => string; reason: RegExp }[] = [
  { make: (id) => `${id},飞碟,2025-03-01 10:00,123.5,44.5,,ufo`, reason: /unknown category "飞碟"/ },
  { make: (id) => `${id},盗窃,2025-02-30 10:00,123.5,44.5,,no such day`, reason: /time "2025-02-30 10:00" is not a date-time/ },
  { make: (id) => `${id},盗窃,2025-03-01 10:00,44.5,123.5,,swapped`, reason: /look swapped/ },
  { make: (id) => `${id},盗窃,2025-03-01 10:00,125.5,44.5,,outside`, reason: /outside 测试县/ },
  { make: (id) => `${id},盗窃,2025-03-01 10:00,123.5,44.5,,"stray, comma",extra`, reason: /expected 7 fields, found 8/ },
  { make: (id) => `${id},盗窃,2025-03-01 10:00,,,别处,"unknown\naddress"`, reason: /address "别处" could not be geocoded/ },
  { make: (_id, dup) => `${dup},盗窃,2025-03-01 10:00,123.5,44.5,,dup`, reason: /duplicate id/ },
];

const goodRow = (id: string, k: number, multiline: boolean) =>
  `${id},${k % 2 ? '盗窃' : 'fraud'},2025-03-0${1 + (k % 9)} ${String(k % 24).padStart(2, '0')}:15,123.${k % 10}${k % 7},44.${k % 9}1,,${multiline ? `"第一行\n第二行 ${k}"` : `row ${k}`}`;

interface Built { text: string; goodLines: number[]; bad: { line: number; raw: string; reason: RegExp }[] }

/** A file of `nGood` good rows with bad rows inserted before the good rows at the given positions. */
function build(nGood: number, inserts: { at: number; kind: number }[], opts: { crlf: boolean; multiEvery: number; blankEvery: number }): Built {
  const byPos = new Map<number, number[]>();
  for (const i of inserts) byPos.set(i.at, [...(byPos.get(i.at) ?? []), i.kind]);
  const out: string[] = [HEADER];
  let line = 2;
  const goodLines: number[] = [], bad: Built['bad'] = [];
  let badId = 0;
  const push = (row: string) => { out.push(row); line += row.split('\n').length; };
  for (let k = 0; k <= nGood; k++) {
    for (const kind of byPos.get(k) ?? []) {
      const raw = BAD[kind].make(`B${badId++}`, 'G0');
      if (kind === BAD.length - 1 && k === 0) continue; // a duplicate needs an earlier good row
      bad.push({ line, raw, reason: BAD[kind].reason });
      push(raw);
    }
    if (k === nGood) break;
    if (opts.blankEvery && k % opts.blankEvery === 7) { out.push(''); line++; }
    goodLines.push(line);
    push(goodRow(`G${k}`, k, opts.multiEvery > 0 && k % opts.multiEvery === 3));
  }
  const nl = opts.crlf ? '\r\n' : '\n';
  return { text: out.join('\n').replace(/\n/g, nl) + nl, goodLines, bad: bad.map((b) => ({ ...b, raw: b.raw.replace(/\n/g, nl) })) };
}

const fileArb = fc
  .record({
    nGood: fc.integer({ min: 1, max: 13000 }),
    inserts: fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), kind: fc.integer({ min: 0, max: BAD.length - 1 }) }), { minLength: 1, maxLength: 40 }),
    crlf: fc.boolean(),
    multiEvery: fc.constantFrom(0, 5, 997),
    blankEvery: fc.constantFrom(0, 11, 1500),
  })
  .map((r) => ({ ...r, inserts: r.inserts.map((i) => ({ at: Math.round(i.at * r.nGood), kind: i.kind })) }));

describe('line numbers of refused and accepted rows', () => {
  it('every bad row at its exact line with its raw text and reason; every good row at its line (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fileArb, async ({ nGood, inserts, ...opts }) => {
        const f = build(nGood, inserts, opts);
        const out = await parseIncidentCsvAsync(f.text, geo, { crs: 'wgs84' }, () => {}, 2000);
        expect(out.fileError).toBeNull();
        expect(out.rows.map((r) => r.line)).toEqual(f.goodLines);
        expect(out.rejected.map((r) => r.line)).toEqual(f.bad.map((b) => b.line));
        out.rejected.forEach((r, i) => {
          expect(r.raw).toBe(f.bad[i].raw);
          expect(r.reason).toMatch(f.bad[i].reason);
        });
      }),
      { numRuns: 25, seed: 14 },
    );
  }, 120_000);

  it('rows beyond 10,000 and right at each pause keep their lines (the case the reader got wrong)', async () => {
    const at = [0, 1998, 1999, 2000, 2001, 4000, 9999, 10000, 10001, 12345, 13999].map((a) => ({ at: a, kind: a % BAD.length }));
    const f = build(14000, at, { crlf: false, multiEvery: 0, blankEvery: 0 });
    for (const every of [2000, 7, 1]) {
      const out = await parseIncidentCsvAsync(f.text, geo, { crs: 'wgs84' }, () => {}, every);
      expect(out.rejected.map((r) => [r.line, r.raw])).toEqual(f.bad.map((b) => [b.line, b.raw]));
      expect(out.rows.length).toBe(14000);
      expect(out.rows.at(-1)!.line).toBe(f.goodLines.at(-1));
    }
    // The synchronous reader agrees, and with the file's own line numbers.
    const sync = parseIncidentCsv(f.text, geo, { crs: 'wgs84' });
    expect(sync.rejected.map((r) => r.line)).toEqual(f.bad.map((b) => b.line));
    const lines: number[] = [];
    forEachCsvRow(f.text, (_cells, line) => void lines.push(line));
    expect(lines.slice(1)).toEqual([...f.goodLines, ...f.bad.map((b) => b.line)].sort((a, b) => a - b));
  });

  it('counts lone-CR line breaks as lines', () => {
    const lines: [number, string][] = [];
    forEachCsvRow('a,b\r1,"x\ry"\r\r2,z\r', (_c, line, raw) => void lines.push([line, raw]));
    expect(lines).toEqual([[1, 'a,b'], [2, '1,"x\ry"'], [5, '2,z']]);
  });
});
