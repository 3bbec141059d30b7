import { createApiToken } from '@xiuhua/core';
import { catalogueRepository } from '@xiuhua/db';
import {
  buildCaseWorld,
  createTestApp,
  SYSTEM_TEST_ACTOR,
  jsonAsXmlText,
  xmlToMirror,
  type CaseWorld,
  type TestApp,
} from '@xiuhua/testkit';
import { expect } from 'vitest';

export const BASE = '/open311/v2';
export const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;
export type Row = Record<string, unknown>;
export type Field = [string, string];

/**
 * A test district with one class offering two filing conditions, an operator's API key and
 * helpers that speak Open311: form POSTs, GETs in both formats with the XML↔JSON mirror check.
 */
export async function createOpen311World() {
  const t: TestApp = await createTestApp();
  t.ctx.settings.sessionIdleMinutes = 60 * 24 * 365;
  t.ctx.clock.set('2026-11-23T09:00:00+08:00');
  const w: CaseWorld = await buildCaseWorld(t);
  const db = t.ctx.db.kysely;
  const cls = await catalogueRepository.findById(db, w.classId);
  if (!cls) throw new Error('no class');
  const serviceCode = `L${cls.kind === 'component' ? 'C' : 'M'}${cls.code}`;
  // A second filing condition makes the condition a required single-value list.
  await catalogueRepository.upsertRule(
    db,
    {
      classId: w.classId,
      conditionCode: 'severe',
      urgency: 'normal',
      filingCondition: '大面积暴露垃圾（超过 1 平方米）',
      closingCondition: '清理完毕',
      limitValue: 2,
      limitUnit: 'working_hour',
    },
    new Date(),
  );
  const apiKey = (
    await createApiToken(t.ctx, SYSTEM_TEST_ACTOR, {
      name: 'open311 test',
      username: w.as.operator.username,
    })
  ).token;
  const communityName = w.district.streets[0]?.communities[0]?.name ?? '';

  const get = (url: string) => t.app.inject({ method: 'GET', url: `${BASE}/${url}` });
  const post = (format: string, fields: Field[]) =>
    t.app.inject({
      method: 'POST',
      url: `${BASE}/requests.${format}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });
  const caseCount = async () =>
    (await w.as.operator.request({ method: 'GET', url: '/api/cases?pageSize=1' })).json<{
      total: number;
    }>().total;
  /** GETs both formats and checks that the XML mirrors the JSON; returns the JSON. */
  const both = async (url: string, root: string, status = 200): Promise<unknown> => {
    const json = await get(url.replace('{fmt}', 'json'));
    const xml = await get(url.replace('{fmt}', 'xml'));
    expect(json.statusCode, json.body).toBe(status);
    expect(xml.statusCode, xml.body).toBe(status);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(xml.headers['content-type']).toBe('text/xml; charset=utf-8');
    const parsed = xmlToMirror(xml.body);
    expect(parsed.root).toBe(root);
    expect(parsed.value).toEqual(jsonAsXmlText(json.json()));
    return json.json();
  };
  const valid = (extra: Field[] = []): Field[] => [
    ['api_key', apiKey],
    ['service_code', serviceCode],
    ['lat', String(w.point.lat)],
    ['long', String(w.point.lng)],
    ['attribute[condition]', 'severe'],
    ['description', '人行道上有大量暴露垃圾'],
    ...extra,
  ];
  return { t, w, apiKey, serviceCode, communityName, get, post, caseCount, both, valid };
}

export type Open311World = Awaited<ReturnType<typeof createOpen311World>>;
