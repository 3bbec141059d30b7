import { caseRepository } from '@xiuhua/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpen311World, type Open311World, type Row } from './open311-test-world';

describe('address points and the geocoder', () => {
  let o: Open311World;
  let admin: Awaited<ReturnType<Open311World['t']['loginAs']>>;
  beforeAll(async () => {
    o = await createOpen311World();
    admin = await o.t.loginAs({ roles: ['admin'], scope: { kind: 'all' } });
  });
  afterAll(async () => {
    await o.t.close();
  });

  const upload = (csv: string, query = '') =>
    admin.request({
      method: 'POST',
      url: `/api/imports/address-points${query}`,
      headers: { 'content-type': 'text/csv' },
      payload: csv,
    });

  it('imports valid points and reports every refused row with its line and reason', async () => {
    const { lng, lat } = o.w.point;
    const csv = [
      'id,address,lng,lat',
      `AP-1,测试路88号,${lng},${lat}`,
      `AP-1,测试路88号,${lng},${lat}`,
      `AP-2,远方路1号,100.1,20.2`,
      `AP 3,坏编号,${lng},${lat}`,
      `AP-4,测试路90号,abc,${lat}`,
    ].join('\n');
    const dry = await upload(csv, '?dryRun=true');
    expect(dry.json()).toMatchObject({ total: 5, imported: 0, dryRun: true });
    const res = await upload(csv);
    expect(res.statusCode, res.body).toBe(200);
    const summary = res.json<{ imported: number; rejected: Row[] }>();
    expect(summary.imported).toBe(1);
    expect(summary.rejected.map((r) => [r.line, r.field])).toEqual([
      [3, 'id'],
      [4, 'lng,lat'],
      [5, 'id'],
      [6, 'lng,lat'],
    ]);
    const noColumns = await upload('id,addr\nx,y');
    expect(noColumns.statusCode).toBe(400);
    const operator = await o.w.as.operator.request({
      method: 'POST',
      url: '/api/imports/address-points',
      headers: { 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(operator.statusCode).toBe(403);
  });

  it('locates Open311 reports by an address point in address_string or by address_id', async () => {
    const byText = await o.post('json', [
      ['api_key', o.apiKey],
      ['service_code', o.serviceCode],
      ['attribute[condition]', 'default'],
      ['address_string', '测试路88号东侧人行道'],
    ]);
    expect(byText.statusCode, byText.body).toBe(201);
    const byId = await o.post('json', [
      ['api_key', o.apiKey],
      ['service_code', o.serviceCode],
      ['attribute[condition]', 'default'],
      ['address_id', 'AP-1'],
    ]);
    expect(byId.statusCode, byId.body).toBe(201);
    for (const res of [byText, byId]) {
      const id = String(res.json<Row[]>()[0]?.service_request_id);
      const row = await caseRepository.findByNumber(o.t.ctx.db.kysely, id);
      expect(row?.lng).toBeCloseTo(o.w.point.lng, 9);
      expect(row?.lat).toBeCloseTo(o.w.point.lat, 9);
    }
    const one = await o.get(`requests/${String(byId.json<Row[]>()[0]?.service_request_id)}.json`);
    expect(one.json<Row[]>()[0]).toMatchObject({ address: '测试路88号', address_id: 'AP-1' });
    const unknown = await o.post('json', [
      ['api_key', o.apiKey],
      ['service_code', o.serviceCode],
      ['attribute[condition]', 'default'],
      ['address_id', 'AP-404'],
    ]);
    expect(unknown.statusCode).toBe(400);
  });
});
