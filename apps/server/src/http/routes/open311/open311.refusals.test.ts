import { xmlToMirror } from '@xiuhua/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpen311World, type Open311World, type Row } from './open311-test-world';

describe('Open311 GeoReport v2 refusals', () => {
  let o: Open311World;
  beforeAll(async () => {
    o = await createOpen311World();
  });
  afterAll(async () => {
    await o.t.close();
  });

  it.each([
    [
      'missing service_code',
      (v: [string, string][]) => v.filter(([k]) => k !== 'service_code'),
      400,
      'service_code',
    ],
    [
      'missing api_key',
      (v: [string, string][]) => v.filter(([k]) => k !== 'api_key'),
      403,
      'api_key',
    ],
    [
      'bad api_key',
      (v: [string, string][]) =>
        v.map(([k, x]): [string, string] => [k, k === 'api_key' ? 'xht_nope' : x]),
      403,
      'api_key',
    ],
    [
      'unknown service_code',
      (v: [string, string][]) =>
        v.map(([k, x]): [string, string] => [k, k === 'service_code' ? 'M00000' : x]),
      404,
      'service_code',
    ],
    [
      'missing required attribute',
      (v: [string, string][]) => v.filter(([k]) => k !== 'attribute[condition]'),
      400,
      'attribute[condition]',
    ],
    [
      'value not in the list',
      (v: [string, string][]) =>
        v.map(([k, x]): [string, string] => [k, k === 'attribute[condition]' ? 'tiny' : x]),
      400,
      'attribute[condition]',
    ],
    [
      'multi value not in the list',
      (v: [string, string][]) => [...v, ['attribute[situation][]', 'flood']] as [string, string][],
      400,
      'attribute[situation]',
    ],
    [
      'missing location',
      (v: [string, string][]) => v.filter(([k]) => k !== 'lat' && k !== 'long'),
      400,
      'lat',
    ],
    [
      'latitude out of range',
      (v: [string, string][]) => v.map(([k, x]): [string, string] => [k, k === 'lat' ? '95' : x]),
      400,
      'lat',
    ],
    [
      'outside the jurisdiction',
      (v: [string, string][]) => v.map(([k, x]): [string, string] => [k, k === 'lat' ? '39.9' : x]),
      400,
      'outside',
    ],
    [
      'unknown address',
      (v: [string, string][]) =>
        [
          ...v.filter(([k]) => k !== 'lat' && k !== 'long'),
          ['address_string', '不存在的地方 999 号'],
        ] as [string, string][],
      400,
      'address_string',
    ],
    [
      'bad email',
      (v: [string, string][]) => [...v, ['email', 'not-an-email']] as [string, string][],
      400,
      'email',
    ],
    [
      'description too long',
      (v: [string, string][]) =>
        [...v.filter(([k]) => k !== 'description'), ['description', '长'.repeat(4001)]] as [
          string,
          string,
        ][],
      400,
      'description',
    ],
  ])('refuses %s and writes nothing', async (_name, change, status, mentions) => {
    const before = await o.caseCount();
    for (const format of ['json', 'xml'] as const) {
      const res = await o.post(format, change(o.valid()));
      expect(res.statusCode, res.body).toBe(status);
      const errors = format === 'json' ? res.json<Row[]>() : (xmlToMirror(res.body).value as Row[]);
      expect(Array.isArray(errors)).toBe(true);
      expect(errors[0]?.code).toBe(String(status));
      expect(errors.map((e) => String(e.description)).join(' ')).toContain(mentions);
    }
    expect(await o.caseCount()).toBe(before);
  });
});
