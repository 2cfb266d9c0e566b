// Hostile values for the API fuzz: what a careless integration, a broken phone client or an attacker sends.
// Strings for query and path parameters (numbers out of range, NaN, SQL and path meta-characters, unicode
// edge cases, malformed dates, codes and lists), JSON values to put in a body field, and whole bodies (deep
// nesting, oversized, malformed, the wrong content type).
import fc from 'fast-check';

export const HOSTILE_STRINGS = [
  '', ' ', '-1', '0', '-0', '00', '1.5', '-1.5', '1e309', '-1e309', '1e-400', 'NaN', 'Infinity', '-Infinity', '0x1F', '0b11', '1_000',
  '9007199254740993', '-9007199254740993', '2147483648', '-2147483649', '9'.repeat(400), '0.1e1000',
  "' OR 1=1 --", "'; DROP TABLE incidents; --", '" OR ""="', '\\', '\\\\', "\\'", '%', '%%', '_', '*', '?', '\u0000', 'a\u0000b',
  '../../../etc/passwd', '..\\..\\windows\\win.ini', '/', '//', './', '..', '%2e%2e%2f', 'C:\\', 'file:///etc/passwd',
  '通榆县', '开通镇', '😀', '👨‍👩‍👧', 'ａｂｃ１２３', '\u202Eevil', 'e\u0301', '\uFEFF', '\u2028', '\t', '\r\n', '\r\nSet-Cookie: x=1',
  'a'.repeat(5000), '通'.repeat(3000), '<script>alert(1)</script>', '${7*7}', '{{7*7}}', '%s%n%x', '=cmd|"/c calc"!A1', '@SUM(1+1)',
  '[]', '{}', 'null', 'undefined', 'true', 'false', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty',
  '2026-02-30', '2026-13-01', '2026-00-10', '9999-12-31', '0000-01-01', '2026-1-1', '20260101', '2026-01-01T25:00', '2026/01/01', '1970-01-01', '-2026-01-01',
  '220822', '22082210', '220822100', '220822100001', '220822100001001', '2208221000010011', '999999', '000000', '110101', '22082a',
  ',', ',,,', 'theft,', ',theft', 'theft,theft', 'theft,nosuch', 'THEFT', 'theft;fraud', 'theft%2Cfraud',
  '122,44,123,45', '180,90,-180,-90', '-999,-999,999,999', '1,2,3', '1,2,3,4,5', 'NaN,NaN,NaN,NaN', '123,45,122,44', '0,0,0,0',
  'h3', 'grid', 'village', 'township', 'county', 'week', 'month', 'day', 'csv', 'json', 'geojson', 'gpx', 'xlsx',
];

/** Numbers past every sensible range, as strings (how they arrive in a query). */
const hostileNumber = fc.oneof(
  fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, -Number.MAX_SAFE_INTEGER - 2, 2 ** 31, -(2 ** 31) - 1, 1e21, -1e21, 5e-324, -0, 1e308),
  fc.double(),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
);

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: hostileNumber.map(String) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...HOSTILE_STRINGS.slice(0, 40)), { minLength: 2, maxLength: 5 }).map((xs) => xs.join(',')) },
);

/** A JSON value to put where a body field should be. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, -0, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 0.5, [], {}, [[]], [{}], '', ' ', { __proto__: null }),
  hostileString,
  hostileNumber,
  fc.jsonValue({ maxDepth: 3 }),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 40 }),
);

export interface RawBody {
  /** What the fuzz calls this body in a reproducer. */
  label: string;
  contentType: string | null;
  body: string | Uint8Array;
}

const deep = (n: number, open: string, close: string, inner = '1') => open.repeat(n) + inner + close.repeat(n);

/** Whole bodies that are not what any route wants (each with its content type, or none). */
export const hostileBody: fc.Arbitrary<RawBody> = fc.oneof(
  fc.constantFrom<RawBody>(
    { label: 'empty JSON', contentType: 'application/json', body: '' },
    { label: 'truncated JSON', contentType: 'application/json', body: '{"a":' },
    { label: 'not JSON', contentType: 'application/json', body: 'hello' },
    { label: 'NaN literal', contentType: 'application/json', body: '{"lon": NaN, "lat": Infinity}' },
    { label: 'huge number', contentType: 'application/json', body: '{"lon": 1e309, "lat": -1e309, "id": 123456789012345678901234567890}' },
    { label: 'JSON null', contentType: 'application/json', body: 'null' },
    { label: 'JSON array', contentType: 'application/json', body: '[1,2,3]' },
    { label: 'JSON string', contentType: 'application/json', body: '"x"' },
    { label: 'JSON number', contentType: 'application/json', body: '42' },
    { label: 'BOM then JSON', contentType: 'application/json', body: '\uFEFF{}' },
    { label: 'prototype keys', contentType: 'application/json', body: '{"__proto__":{"role":"admin","isAdmin":true},"constructor":{"prototype":{"x":1}}}' },
    { label: 'duplicate keys', contentType: 'application/json', body: '{"username":"a","username":"admin"}' },
    { label: 'lone surrogate', contentType: 'application/json', body: '{"name":"\\ud800","title":"\\udfff"}' },
    { label: 'nested 20000 arrays', contentType: 'application/json', body: deep(20_000, '[', ']') },
    { label: 'nested 20000 objects', contentType: 'application/json', body: deep(20_000, '{"a":', '}') },
    { label: 'nested 200 arrays', contentType: 'application/json', body: deep(200, '[', ']') },
    { label: 'wide array (200k)', contentType: 'application/json', body: `[${'0,'.repeat(199_999)}0]` },
    { label: 'oversized JSON (1.2 MB)', contentType: 'application/json', body: `{"pad":"${'x'.repeat(1_200_000)}"}` },
    { label: 'utf-16 declared', contentType: 'application/json; charset=utf-16', body: '{}' },
    { label: 'text/plain', contentType: 'text/plain', body: '{}' },
    { label: 'xml', contentType: 'application/xml', body: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>' },
    { label: 'form-urlencoded', contentType: 'application/x-www-form-urlencoded', body: 'a=1&b=%ZZ' },
    { label: 'multipart without boundary', contentType: 'multipart/form-data', body: '--x\r\n\r\n' },
    { label: 'multipart garbage', contentType: 'multipart/form-data; boundary=zz', body: '--zz\r\nContent-Disposition: form-data; name="file"; filename="../../x.csv"\r\n\r\nid,lon\r\n1,NaN\r\n--zz--' },
    { label: 'multipart truncated', contentType: 'multipart/form-data; boundary=zz', body: '--zz\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc' },
    { label: 'csv with formulas', contentType: 'text/csv', body: 'lon,lat,category,time\n=1+1,@SUM(1),-2+3,+1\n122.9,44.8,theft,2026-01-01\n' },
    { label: 'csv of garbage', contentType: 'text/csv', body: '"unterminated,\n\u0000\u0001,"' },
    { label: 'no content type', contentType: null, body: '{}' },
    { label: 'octet-stream', contentType: 'application/octet-stream', body: new Uint8Array([0, 255, 1, 254, 0x89, 0x50, 0x4e, 0x47]) },
    { label: 'gzip bomb header', contentType: 'application/json', body: new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]) },
  ),
  fc.string({ unit: 'binary', maxLength: 200 }).map((s): RawBody => ({ label: 'random text as JSON', contentType: 'application/json', body: s })),
);
