import { caseRepository } from '@xiuhua/db';
import { act, xmlToMirror } from '@xiuhua/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpen311World, DATETIME, type Open311World, type Row } from './open311-test-world';

describe('Open311 GeoReport v2 conformance', () => {
  let o: Open311World;
  beforeAll(async () => {
    o = await createOpen311World();
  });
  afterAll(async () => {
    await o.t.close();
  });

  it('discovery names the spec, the endpoint and both formats', async () => {
    const body = (await o.both('discovery.{fmt}', 'discovery')) as Row;
    expect(body.changeset).toMatch(DATETIME);
    const endpoints = body.endpoints as Row[];
    expect(endpoints).toHaveLength(1);
    expect(endpoints[0]).toMatchObject({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      type: 'production',
      formats: ['text/xml', 'application/json'],
    });
    expect(String(endpoints[0]?.url)).toMatch(/\/open311\/v2\/$/);
  });

  it('lists services from the class catalogue with string codes and boolean metadata', async () => {
    const services = (await o.both('services.{fmt}', 'services')) as Row[];
    expect(Array.isArray(services)).toBe(true);
    const ours = services.find((s) => s.service_code === o.serviceCode);
    expect(ours).toMatchObject({ metadata: true, type: 'realtime', group: '事件 · 测试大类' });
    for (const s of services) {
      expect(typeof s.service_code).toBe('string');
      expect(typeof s.service_name).toBe('string');
      expect(typeof s.metadata).toBe('boolean');
      expect(typeof s.keywords).toBe('string');
    }
  });

  it('defines each service: the condition list, the situations and positive unique orders', async () => {
    const def = (await o.both(`services/${o.serviceCode}.{fmt}`, 'service_definition')) as Row;
    expect(def.service_code).toBe(o.serviceCode);
    const attributes = def.attributes as Row[];
    const condition = attributes.find((a) => a.code === 'condition');
    expect(condition).toMatchObject({
      variable: true,
      datatype: 'singlevaluelist',
      required: true,
    });
    expect((condition?.values as Row[]).map((v) => v.key).sort()).toEqual(['default', 'severe']);
    const situation = attributes.find((a) => a.code === 'situation');
    expect(situation).toMatchObject({ datatype: 'multivaluelist', required: false });
    const orders = attributes.map((a) => a.order as number);
    expect(orders.every((o) => Number.isInteger(o) && o > 0)).toBe(true);
    expect(new Set(orders).size).toBe(orders.length);
  });

  it('answers an unknown service code and an unknown format with 404 and an errors body', async () => {
    const errors = (await o.both('services/M00000.{fmt}', 'errors', 404)) as Row[];
    expect(errors[0]).toMatchObject({ code: '404' });
    const csv = await o.get('services.csv');
    expect(csv.statusCode).toBe(404);
    expect(xmlToMirror(csv.body).root).toBe('errors');
    const nowhere = await o.get('nothing-here.json');
    expect(nowhere.statusCode).toBe(404);
    expect(nowhere.json<Row[]>()[0]?.code).toBe('404');
  });

  it('creates a request from a form with attributes and answers with its id and token', async () => {
    const before = await o.caseCount();
    const res = await o.post(
      'json',
      o.valid([
        ['attribute[situation][]', 'hazard'],
        ['attribute[situation][]', 'night'],
        ['attribute[not_defined]', 'ignored'],
        ['email', 'citizen@example.org'],
        ['first_name', '明'],
        ['last_name', '李'],
        ['media_url', 'https://example.org/p/1.jpg'],
      ]),
    );
    expect(res.statusCode, res.body).toBe(201);
    const [created] = res.json<Row[]>();
    expect(typeof created?.service_request_id).toBe('string');
    expect(created?.token).toMatch(/^[A-Z0-9]{12}$/);
    expect(await o.caseCount()).toBe(before + 1);
    const row = await caseRepository.findByNumber(
      o.t.ctx.db.kysely,
      String(created?.service_request_id),
    );
    expect(row).toMatchObject({
      source: 'open311',
      state: 'PENDING_ACCEPT',
      class_id: o.w.classId,
      condition_code: 'severe',
      reporter_name: '李 明',
      tracking_code: created?.token,
    });
    expect(row?.intake).toMatchObject({
      attributes: { condition: 'severe', situation: ['hazard', 'night'] },
      email: 'citizen@example.org',
      mediaUrl: 'https://example.org/p/1.jpg',
    });
    // The same request in XML.
    const xml = await o.post('xml', o.valid());
    expect(xml.statusCode).toBe(201);
    const mirror = xmlToMirror(xml.body);
    expect(mirror.root).toBe('service_requests');
    expect((mirror.value as Row[])[0]?.service_request_id).toMatch(/^\d{6}-\d{8}-\d{5}$/);
  });

  it('creates nothing twice when a client retries with the same Idempotency-Key', async () => {
    const before = await o.caseCount();
    const send = () =>
      o.t.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'idempotency-key': 'o311-retry-1',
        },
        payload: new URLSearchParams(o.valid()).toString(),
      });
    const first = await send();
    const second = await send();
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    expect(await o.caseCount()).toBe(before + 1);
  });

  it('locates an address-only request by the community named in it', async () => {
    const res = await o.post('json', [
      ['api_key', o.apiKey],
      ['service_code', o.serviceCode],
      ['address_string', `${o.communityName}门口`],
      ['attribute[condition]', 'default'],
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const [created] = res.json<Row[]>();
    const row = await caseRepository.findByNumber(
      o.t.ctx.db.kysely,
      String(created?.service_request_id),
    );
    expect(row?.grid_code?.startsWith(o.w.district.code)).toBe(true);
    expect(row?.address).toBe(`${o.communityName}门口`);
  });

  it('accepts an empty optional list value and treats empty parameters as absent', async () => {
    const res = await o.post(
      'json',
      o.valid([
        ['attribute[situation][]', ''],
        ['email', ''],
      ]),
    );
    expect(res.statusCode, res.body).toBe(201);
  });

  it('gets one request by id with the spec fields and types, and 404 for an unknown id', async () => {
    const [created] = (await o.post('json', o.valid())).json<Row[]>();
    const id = String(created?.service_request_id);
    const list = (await o.both(`requests/${id}.{fmt}`, 'service_requests')) as Row[];
    expect(list).toHaveLength(1);
    const one = list[0] as Row;
    expect(one).toMatchObject({
      service_request_id: id,
      status: 'open',
      status_notes: null,
      service_code: o.serviceCode,
      description: '人行道上有大量暴露垃圾',
      expected_datetime: null,
      zipcode: null,
    });
    expect(one.requested_datetime).toMatch(DATETIME);
    expect(one.updated_datetime).toMatch(DATETIME);
    expect(typeof one.lat).toBe('number');
    expect(typeof one.long).toBe('number');
    for (const key of [
      'service_name',
      'agency_responsible',
      'service_notice',
      'address',
      'address_id',
      'media_url',
    ])
      expect(key in one).toBe(true);
    const missing = await o.get('requests/310110-20990101-00001.json');
    expect(missing.statusCode).toBe(404);
  });

  it('queries requests by id list, service, status and dates, with paging and extensions', async () => {
    const a = (await o.post('json', o.valid())).json<Row[]>()[0]?.service_request_id as string;
    const b = (await o.post('json', o.valid())).json<Row[]>()[0]?.service_request_id as string;
    // Reject b: it becomes closed, with notes saying how.
    const bRow = await caseRepository.findByNumber(o.t.ctx.db.kysely, b);
    if (!bRow) throw new Error('no case b');
    await act(o.w.as.operator, bRow, 'reject', { opinion: '不属于城市管理范围' });

    const byIds = (await o.both(
      `requests.{fmt}?service_request_id=${a},${b}`,
      'service_requests',
    )) as Row[];
    expect(byIds.map((r) => r.service_request_id).sort()).toEqual([a, b].sort());

    const closed = (await o.both('requests.{fmt}?status=closed', 'service_requests')) as Row[];
    expect(closed.map((r) => r.service_request_id)).toEqual([b]);
    expect(closed[0]).toMatchObject({ status: 'closed', status_notes: '不予受理' });
    const open = (await o.both('requests.{fmt}?status=open', 'service_requests')) as Row[];
    expect(open.some((r) => r.service_request_id === b)).toBe(false);
    expect(open.some((r) => r.service_request_id === a)).toBe(true);
    const both2 = (await o.both('requests.{fmt}?status=open,closed', 'service_requests')) as Row[];
    expect(both2.length).toBe(open.length + closed.length);

    const byService = (await o.both(
      `requests.{fmt}?service_code=${o.serviceCode}&page_size=500`,
      'service_requests',
    )) as Row[];
    expect(byService.length).toBe(open.length + closed.length);
    const otherService = (await o.both(
      'requests.{fmt}?service_code=M01001',
      'service_requests',
    )) as Row[];
    expect(otherService).toEqual([]);

    const past = (await o.both(
      'requests.{fmt}?start_date=2026-08-01T00:00:00%2B08:00&end_date=2026-10-01T00:00:00%2B08:00',
      'service_requests',
    )) as Row[];
    expect(past).toEqual([]);
    const today = (await o.both(
      'requests.{fmt}?start_date=2026-11-23T00:00:00%2B08:00&end_date=2026-11-23T23:59:59%2B08:00',
      'service_requests',
    )) as Row[];
    expect(today.length).toBe(byService.length);

    const page1 = (await o.both('requests.{fmt}?page_size=2&page=1', 'service_requests')) as Row[];
    const page2 = (await o.both('requests.{fmt}?page_size=2&page=2', 'service_requests')) as Row[];
    expect(page1).toHaveLength(2);
    expect(page2.map((r) => r.service_request_id)).not.toContain(page1[0]?.service_request_id);

    const ext = (await o.both(
      `requests.{fmt}?service_request_id=${b}&extensions=true`,
      'service_requests',
    )) as Row[];
    const attrs = ext[0]?.extended_attributes as Row;
    expect(attrs).toMatchObject({ channel: 'open311', duplicate: false });
    expect(String(attrs.grid_code)).toMatch(/^\d{15}$/);
    const notes = ext[0]?.notes as Row[];
    expect(notes.map((n) => n.type)).toEqual(['submitted', 'closed']);
    expect(JSON.stringify(notes)).not.toContain('不属于城市管理范围');

    for (const bad of [
      'requests.json?start_date=yesterday',
      'requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-11-01T00:00:00Z',
      'requests.json?status=pending',
      'requests.json?page_size=501',
      'requests.json?page=0',
      'requests.json?jurisdiction_id=999999',
    ]) {
      const res = await o.get(bad);
      expect([400, 404], `${bad} → ${res.statusCode}`).toContain(res.statusCode);
      expect(res.json<Row[]>()[0]?.code).toBe(String(res.statusCode));
    }
    expect((await o.get('requests.json?jurisdiction_id=999999')).statusCode).toBe(404);
    expect((await o.get(`requests.json?jurisdiction_id=${o.w.district.code}`)).statusCode).toBe(
      200,
    );
  });

  it('resolves tokens, and 404 for an unknown token', async () => {
    const [created] = (await o.post('json', o.valid())).json<Row[]>();
    const tokens = (await o.both(
      `tokens/${String(created?.token)}.{fmt}`,
      'service_requests',
    )) as Row[];
    expect(tokens).toEqual([
      { service_request_id: created?.service_request_id, token: created?.token },
    ]);
    expect((await o.get('tokens/ZZZZZZZZZZZZ.json')).statusCode).toBe(404);
  });

  it('publishes mySociety service request updates without internal opinions', async () => {
    const updates = (await o.both(
      'servicerequestupdates.{fmt}',
      'service_requests_updates',
    )) as Row[];
    expect(updates.length).toBeGreaterThan(0);
    for (const u of updates) {
      expect(typeof u.update_id).toBe('string');
      expect(typeof u.service_request_id).toBe('string');
      expect(u.updated_datetime).toMatch(DATETIME);
    }
    expect(updates.some((u) => u.status === 'not_councils_responsibility')).toBe(true);
  });
});
