// The projections of analysis/epsg.ts (proj4 with PROJ's definitions) against an independent implementation:
// PROJ's cs2cs, run once into test/fixtures/crs/cs2cs-points.json (make-cs2cs-fixture.sh) for nine places from
// Kashgar to Fuyuan and every system a county there uses (CGCS2000, Xian 1980 and Beijing 1954 Gauss-Krüger,
// with and without zone prefix, 3° and 6°, and WGS 84 / UTM). Then recognition: the .prj text ArcGIS writes
// for each system (PROJ's WKT1_ESRI, esri-prj.json) comes back as its own code, and bare positions are
// classified by magnitude.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EPSG_CODES, datumNote, epsgName, fromWgs84, guessFromCoordinates, isProjected, matchWkt, toWgs84Converter } from '../../server/analysis/epsg.js';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/crs/cs2cs-points.json', import.meta.url), 'utf8')) as { points: { place: string; lon: number; lat: number; code: number; easting: number; northing: number }[] };
const prjs = JSON.parse(readFileSync(new URL('../fixtures/crs/esri-prj.json', import.meta.url), 'utf8')) as Record<string, string>;

describe('proj4 against cs2cs', () => {
  it('has the 81 control points', () => expect(fixture.points.length).toBe(81));
  it.each(fixture.points.map((p) => [p.place, p.code, p] as const))('%s EPSG:%i: forward within 1 mm, inverse within 1e-8°', (_place, code, p) => {
    const [e, n] = fromWgs84(code, p.lon, p.lat);
    expect(Math.abs(e - p.easting)).toBeLessThan(0.001);
    expect(Math.abs(n - p.northing)).toBeLessThan(0.001);
    const [lon, lat] = toWgs84Converter(code)(p.easting, p.northing);
    expect(Math.abs(lon - p.lon)).toBeLessThan(1e-8);
    expect(Math.abs(lat - p.lat)).toBeLessThan(1e-8);
  });
});

describe('recognising a .prj', () => {
  it.each(Object.entries(prjs))('ArcGIS .prj of EPSG:%s comes back as its code', (code, wkt) => {
    const m = matchWkt(wkt);
    expect(m.readable).toBe(true);
    expect(m.code).toBe(Number(code));
  });
  it('names the twin when a 3° and a 6° system share their parameters (central meridian 123°E)', () => {
    expect(matchWkt(prjs['4550']).alsoMatches).toContain(4510);
    expect(matchWkt(prjs['4510']).alsoMatches).toContain(4550);
  });
  it('matches by parameters, not names: a renamed CGCS2000 zone 41 export is still 4529', () => {
    const renamed = prjs['4529'].replace('CGCS2000_3_Degree_GK_Zone_41', '通榆县网格_投影');
    expect(matchWkt(renamed).code).toBe(4529);
  });
  it('says when it cannot read the text, and when proj4 reads it but no listed system matches', () => {
    expect(matchWkt('not a prj')).toMatchObject({ code: null, readable: false });
    const local = prjs['4550'].replace('PARAMETER["False_Easting",500000.0]', 'PARAMETER["False_Easting",400000.0]');
    expect(matchWkt(local)).toMatchObject({ code: null, readable: true });
  });
});

describe('guessing from positions', () => {
  it('degrees are CGCS2000 geographic', () => expect(guessFromCoordinates(122.8, 44.8, 122.9)?.code).toBe(4490));
  it('a zone prefix gives the zone: 41 → EPSG:4529 (3°), 21 → EPSG:4499 (6°)', () => {
    expect(guessFromCoordinates(41484175, 4962737, 122.9)?.code).toBe(4529);
    expect(guessFromCoordinates(21484175, 4962737, 122.9)?.code).toBe(4499);
  });
  it('bare eastings take the 3° meridian nearest the jurisdiction', () => {
    expect(guessFromCoordinates(484175, 4962737, 122.9)?.code).toBe(4550);
    expect(guessFromCoordinates(484175, 3812000, 115.1)?.code).toBe(4547);
  });
  it('nothing for positions that fit no system', () => expect(guessFromCoordinates(-5e6, 12, 122)).toBeNull());
});

describe('the list', () => {
  it('covers CGCS2000 4490 and 4491–4554, Xian 1980, Beijing 1954 and UTM 43N–53N', () => {
    for (let c = 4491; c <= 4554; c++) expect(EPSG_CODES).toContain(c);
    for (const c of [4490, 4610, 4214, 4326, 2327, 2390, 2401, 2442, 21413, 21463, 32643, 32653]) expect(EPSG_CODES).toContain(c);
    expect(epsgName(4527)).toBe('CGCS2000 / 3-degree Gauss-Kruger zone 39');
    expect(isProjected(4527)).toBe(true);
    expect(isProjected(4490)).toBe(false);
  });
  it('warns about the datum of Xian 1980 and Beijing 1954 only', () => {
    expect(datumNote(2386)?.zh).toMatch(/西安1980/);
    expect(datumNote(2417)?.en).toMatch(/Beijing 1954/);
    expect(datumNote(4550)).toBeNull();
  });
});
