import { describe, expect, it } from 'vitest';
import {
  isUnifiedSocialCreditCode,
  parseComponentCsv,
  parseComponentGeoJson,
  parseComponentId,
  parseComponentStatus,
} from './index';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const body = '91310000MA1FL0000';
const validCredit = [...ALPHABET].map((c) => body + c).filter(isUnifiedSocialCreditCode);

describe('component IDs and statuses', () => {
  it('reads 17-digit 2026 and 16-digit legacy IDs', () => {
    expect(parseComponentId('31011001002000123')).toEqual({
      ok: true,
      standard: 'GB/T 47678.5-2026',
      county: '310110',
      classCode: '01002',
      sequence: '000123',
    });
    expect(parseComponentId('3101100102000123')).toEqual({
      ok: true,
      standard: 'CJ/T 214-2007',
      county: '310110',
      classCode: '0102',
      sequence: '000123',
    });
  });

  it('refuses other lengths, letters and a zero sequence', () => {
    for (const id of [
      '310110010020001',
      '310110010020001234',
      '3101100100200012X',
      '31011001002000000',
    ])
      expect(parseComponentId(id).ok, id).toBe(false);
  });

  it('accepts codes and Chinese statuses', () => {
    expect(parseComponentStatus('intact')).toBe('intact');
    expect(parseComponentStatus('破损')).toBe('damaged');
    expect(parseComponentStatus('坏')).toBeUndefined();
  });

  it('accepts exactly one check character of a unified social credit code', () => {
    expect(validCredit).toHaveLength(1);
    const code = validCredit[0] ?? '';
    expect(isUnifiedSocialCreditCode(code.toLowerCase())).toBe(false);
    expect(isUnifiedSocialCreditCode(code.slice(0, 17))).toBe(false);
    expect(isUnifiedSocialCreditCode(`${code.slice(0, 8)}I${code.slice(9)}`)).toBe(false);
  });
});

describe('component files', () => {
  const header = 'id,name,class_code,status,lng,lat,competent_unit_code,survey_date';

  it('parses good rows and refuses each bad one with its line and field', () => {
    const csv = [
      header,
      `31011001002000001,井盖1,01002,完好,121.5,31.3,${validCredit[0]},2026-05-01`,
      '310110010020000,短,01002,完好,121.5,31.3,,',
      '31011001002000002,错类,01003,完好,121.5,31.3,,',
      '31011001002000003,状态,01002,好,121.5,31.3,,',
      '31011001002000004,经度,01002,完好,181,31.3,,',
      '31011001002000005,日期,01002,完好,121.5,31.3,,2026-02-30',
      '31011001002000006,信用,01002,完好,121.5,31.3,91310000MA1FL00000,',
      '31011001002000001,重复,01002,完好,121.5,31.3,,',
    ].join('\n');
    const { rows, rejected } = parseComponentCsv(csv);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: '31011001002000001',
      standard: 'GB/T 47678.5-2026',
      status: 'intact',
      surveyDate: '2026-05-01',
      line: 2,
    });
    expect(rejected.map((r) => [r.line, r.field])).toEqual([
      [3, 'id'],
      [4, 'class_code'],
      [5, 'status'],
      [6, 'lng'],
      [7, 'survey_date'],
      [8, 'competent_unit_code'],
      [9, 'id'],
    ]);
  });

  it('refuses a file with an unknown or a missing column', () => {
    expect(parseComponentCsv('id,class_code,status,lng,lat,colour\n').rejected[0]).toMatchObject({
      line: 1,
      field: 'header',
    });
    expect(parseComponentCsv('id,class_code,status,lng\n').rejected[0]?.reason.en).toContain(
      'missing columns lat',
    );
  });

  it('reads GeoJSON points and refuses other geometries and other documents', () => {
    const result = parseComponentGeoJson({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { id: '31011001002000001', class_code: '01002', status: 'intact' },
          geometry: { type: 'Point', coordinates: [121.5, 31.3] },
        },
        {
          type: 'Feature',
          properties: { id: '31011001002000002', class_code: '01002', status: 'intact' },
          geometry: { type: 'LineString', coordinates: [] },
        },
      ],
    });
    expect(result.rows.map((r) => [r.id, r.lng, r.featureIndex])).toEqual([
      ['31011001002000001', 121.5, 0],
    ]);
    expect(result.rejected).toMatchObject([{ featureIndex: 1, field: 'geometry' }]);
    expect(parseComponentGeoJson({ type: 'Feature' }).rejected[0]?.field).toBe('file');
  });
});
