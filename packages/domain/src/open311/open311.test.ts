import { describe, expect, it } from 'vitest';
import { validateAttributes, collectAttributeParams, type ServiceAttribute } from './attributes';
import { list, o311DateTime, obj, renderJson, renderXml } from './document';
import { o311Status, updateStatus } from './public-status';

describe('Open311 documents', () => {
  const doc = {
    root: 'services',
    body: list('service', [obj({ service_code: '01', metadata: true, group: null, n: 2 })]),
  };

  it('renders one tree as XML with a root and as JSON without it, lists as arrays of one', () => {
    expect(renderJson(doc)).toBe('[{"service_code":"01","metadata":true,"group":null,"n":2}]');
    expect(renderXml(doc)).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<services><service><service_code>01</service_code><metadata>true</metadata><group/><n>2</n></service></services>',
    );
  });

  it('escapes markup and drops characters XML cannot carry', () => {
    const xml = renderXml({ root: 'x', body: obj({ d: 'a<b>&"c"\u0001' }) });
    expect(xml).toContain('<d>a&lt;b&gt;&amp;&quot;c&quot;</d>');
  });

  it('writes date-times with seconds in +08:00', () => {
    expect(o311DateTime(new Date('2026-11-22T01:30:00Z'))).toBe('2026-11-22T09:30:00+08:00');
    expect(o311DateTime(null)).toBeNull();
  });

  it('maps states to open/closed and to mySociety update statuses', () => {
    expect(o311Status('DISPOSING')).toBe('open');
    expect(o311Status('VOID')).toBe('closed');
    expect(updateStatus('VOID', null, 'merged')).toBe('duplicate');
    expect(updateStatus('CLOSED', 'normal', null)).toBe('fixed');
    expect(updateStatus('DISPOSING', null, null)).toBe('in_progress');
  });
});

describe('Open311 attributes', () => {
  const base = { variable: true, datatypeDescription: null, description: 'd', values: [] };
  const attributes: ServiceAttribute[] = [
    { ...base, code: 'n', datatype: 'number', required: true, order: 1 },
    { ...base, code: 'when', datatype: 'datetime', required: false, order: 2 },
    {
      ...base,
      code: 'pick',
      datatype: 'multivaluelist',
      required: false,
      order: 3,
      values: [
        { key: 'a', name: 'A' },
        { key: 'b', name: 'B' },
      ],
    },
    { ...base, code: 'info', datatype: 'string', required: true, order: 4, variable: false },
  ];

  it('reads attribute[CODE] and attribute[CODE][] keys', () => {
    const params = collectAttributeParams({
      'attribute[n]': '3',
      'attribute[pick][]': ['a', 'b'],
      other: 'x',
    });
    expect([...params.entries()]).toEqual([
      ['n', ['3']],
      ['pick', ['a', 'b']],
    ]);
  });

  it('types the answers and skips information-only attributes', () => {
    const result = validateAttributes(
      attributes,
      new Map([
        ['n', ['3.5']],
        ['when', ['2026-11-22T09:30:00+08:00']],
        ['pick', ['b', 'b', 'a']],
      ]),
    );
    expect(result).toEqual({
      ok: true,
      answers: { n: 3.5, when: '2026-11-22T01:30:00.000Z', pick: ['b', 'a'] },
    });
  });

  it('reports every problem: required, not a number, not a date, outside the list', () => {
    const result = validateAttributes(
      attributes,
      new Map([
        ['when', ['tomorrow']],
        ['pick', ['c']],
      ]),
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        { code: 'n', reason: 'required' },
        { code: 'when', reason: 'must be an ISO 8601 date-time' },
        { code: 'pick', reason: 'not in the list: c' },
      ],
    });
    const nan = validateAttributes(attributes, new Map([['n', ['abc']]]));
    expect(nan.ok).toBe(false);
  });
});
