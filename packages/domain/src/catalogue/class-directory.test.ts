import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  defaultRulesFor,
  isKeySupervisionByDefault,
  parseClassCsv,
  parseCsv,
  suggestLegacyMapping,
} from './index';

const reference = (name: string) =>
  readFileSync(new URL(`../../../../data/reference/${name}`, import.meta.url), 'utf8');
const current = parseClassCsv(reference('gbt47678.5-2026-classes.csv'), 'GB/T 47678.5-2026');
const legacy = parseClassCsv(reference('legacy-cjt214-classes.csv'), 'CJ/T 214-2007');

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, CRLF, a BOM, quoted newlines and blank lines', () => {
    const text = '\uFEFFa,b\r\n"x, y","say ""hi"""\r\n\r\n"two\nlines",z\n';
    expect(parseCsv(text)).toEqual({
      header: ['a', 'b'],
      rows: [
        { line: 2, values: ['x, y', 'say "hi"'] },
        { line: 4, values: ['two\nlines', 'z'] },
      ],
    });
  });
});

describe('class directories', () => {
  it('parses the real GB/T 47678.5-2026 file: 153 components and 250 matters', () => {
    expect(current.rejected).toEqual([]);
    expect(current.rows.filter((r) => r.kind === 'component')).toHaveLength(153);
    expect(current.rows.filter((r) => r.kind === 'matter')).toHaveLength(250);
  });

  it('parses the real legacy file: 83 components and 54 events', () => {
    expect(legacy.rejected).toEqual([]);
    expect(legacy.rows.filter((r) => r.kind === 'component')).toHaveLength(83);
    expect(legacy.rows.filter((r) => r.kind === 'event')).toHaveLength(54);
  });

  it('refuses a bad header, foreign kinds, bad codes, empty names and duplicates, by line', () => {
    expect(parseClassCsv('code,name\n01001,x', 'local').rejected[0]?.line).toBe(1);
    const text = [
      'kind,big_code,big_name,code,name',
      'event,01,市政公用设施,01001,井盖', // kind not used by 2026
      'component,01,市政公用设施,0100,井盖', // 4 digits in 2026
      'component,02,交通设施,01002,井盖', // code not under its big class
      'component,01,市政公用设施,01003,', // empty name
      'component,01,市政公用设施,01004,雨水箅子',
      'component,01,市政公用设施,01004,雨水箅子', // duplicate of line 6
    ].join('\n');
    const result = parseClassCsv(text, 'GB/T 47678.5-2026');
    expect(result.rows.map((r) => r.code)).toEqual(['01004']);
    expect(result.rejected.map((r) => r.line)).toEqual([2, 3, 4, 5, 7]);
    expect(result.rejected[4]?.reason.en).toContain('line 6');
  });
});

describe('default rules', () => {
  it('gives every real class a normal and an urgent limit per condition, urgent never looser', () => {
    for (const row of [...current.rows, ...legacy.rows]) {
      const rules = defaultRulesFor(row);
      const conditions = new Set(rules.map((r) => r.conditionCode));
      for (const condition of conditions) {
        const normal = rules.find((r) => r.conditionCode === condition && r.urgency === 'normal');
        const urgent = rules.find((r) => r.conditionCode === condition && r.urgency === 'urgent');
        expect(normal && urgent, `${row.code} ${condition}`).toBeTruthy();
        if (normal && urgent && normal.limitUnit === urgent.limitUnit)
          expect(urgent.limitValue).toBeLessThanOrEqual(normal.limitValue);
        expect(normal?.filingCondition.length).toBeGreaterThan(0);
      }
    }
  });

  it('gives manhole covers a "missing" condition counted in natural hours, and flags them', () => {
    const cover = current.rows.find((r) => r.code === '01002');
    if (!cover) throw new Error('no 01002 in the file');
    expect(cover.name).toContain('井盖');
    const missing = defaultRulesFor(cover).find(
      (r) => r.conditionCode === 'missing' && r.urgency === 'normal',
    );
    expect(missing).toMatchObject({ limitValue: 2, limitUnit: 'natural_hour' });
    expect(isKeySupervisionByDefault(cover)).toBe(true);
    const ordinary = current.rows.find((r) => !isKeySupervisionByDefault(r));
    expect(ordinary).toBeDefined();
  });

  it('maps legacy 0102 污水井盖 to 2026 01002 exactly', () => {
    const pairs = suggestLegacyMapping(legacy.rows, current.rows);
    expect(pairs).toContainEqual({
      legacyCode: '0102',
      currentCode: '01002',
      kind: 'component',
      confidence: 'exact',
    });
    expect(
      pairs.every((p) => (p.kind === 'component' ? /^\d{5}$/.test(p.currentCode) : true)),
    ).toBe(true);
  });
});
