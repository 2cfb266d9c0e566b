// Feature line numbers from the text scanner, on hand-written files: pretty-printed, one line, strings holding
// brackets, commas, escaped quotes and a "features" key inside properties; plus the property mapping.
import { describe, expect, it } from 'vitest';
import { featureLines, mapProperties, readFeatureCollection } from '../../server/import/geojson-features.js';
import { AREA_ALIASES } from '../../server/import/area-checks.js';

describe('featureLines', () => {
  it('finds the line where each feature starts', () => {
    const text = [
      '{"type": "FeatureCollection",', // 1
      ' "name": "网格 [a], {b}",', // 2
      ' "features": [', // 3
      '  {"type": "Feature", "properties": {"name": "x\\"]}", "features": [1, 2]},', // 4
      '   "geometry": null},', // 5
      '', // 6
      '  {"type": "Feature",', // 7
      '   "properties": {}, "geometry": {"type": "Point", "coordinates": [1, 2]}}, {"type": "Feature", "properties": {}, "geometry": null}', // 8
      ' ]', // 9
      '}',
    ].join('\n');
    expect(featureLines(text)).toEqual([4, 7, 8]);
    const features = readFeatureCollection(text);
    expect(features.map((f) => [f.index, f.line])).toEqual([[1, 4], [2, 7], [3, 8]]);
    expect(features[0].properties.name).toBe('x"]}');
  });

  it('handles one-line files and "features" before other keys; reports non-features', () => {
    expect(featureLines('{"features":[{"type":"Feature"},{"type":"Feature"}],"type":"FeatureCollection"}')).toEqual([1, 1]);
    const f = readFeatureCollection('{"type":"FeatureCollection","features":[\n42,\n{"type":"Feature","properties":null,"geometry":null}]}');
    expect(f[0].notAFeature).toBe('42');
    expect(f.map((x) => x.line)).toEqual([2, 3]);
    expect(() => readFeatureCollection('{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}},"features":[]}')).toThrow(/projected coordinate system/);
  });
});

describe('mapProperties', () => {
  it('maps aliases case- and punctuation-insensitively; an explicit mapping wins, "" disables a field', () => {
    const aliases = { code: ['code', '网格编码'], name: ['name', '名称'] } as const;
    expect(mapProperties(['网格编码', 'NAME', 'other'], aliases).field).toEqual({ code: '网格编码', name: 'NAME' });
    expect(mapProperties(['网格编码', 'NAME', 'other'], aliases, { name: 'other' }).field).toEqual({ code: '网格编码', name: 'other' });
    expect(mapProperties(['网格编码', 'NAME'], aliases, { code: '' }).field).toEqual({ name: 'NAME' });
  });

  it('maps the pinyin-initial field names of Shapefile exports (.dbf names hold 10 bytes) to the area fields', () => {
    // A 综治 grid export as a county brought it in the walkthrough (WGBM 网格编码, WGMC 网格名称, SSCJ 所属村居).
    expect(mapProperties(['WGBM', 'WGMC', 'SSCJ', 'WGZ', 'HS'], AREA_ALIASES).field).toEqual({ code: 'WGBM', name: 'WGMC', parent: 'SSCJ', leader: 'WGZ', households: 'HS' });
    // The land-survey standard's division fields (行政区代码, 行政区名称).
    expect(mapProperties(['XZQDM', 'XZQMC', 'Shape_Area'], AREA_ALIASES).field).toEqual({ code: 'XZQDM', name: 'XZQMC' });
  });
});
