import { createTestApp, type Session, type TestApp } from '@xiuhua/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('working calendars over HTTP', () => {
  let t: TestApp;
  let admin: Session;
  const standard = {
    code: 'office',
    name: '标准作息',
    isDefault: true,
    version: {
      validFrom: '2020-01-01',
      periods: [
        { start: '08:00', end: '12:00' },
        { start: '14:00', end: '18:00' },
      ],
      workingWeekdays: [1, 2, 3, 4, 5],
    },
  };
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.loginAs({ roles: ['admin'] });
    const res = await admin.request({ method: 'POST', url: '/api/calendars', payload: standard });
    expect(res.statusCode, res.body).toBe(201);
  });
  afterAll(async () => {
    await t.close();
  });

  const deadline = async (session: Session, start: string, value: number, unit: string) => {
    const res = await session.request({
      method: 'GET',
      url: `/api/calendars/office/deadline?start=${encodeURIComponent(start)}&value=${value}&unit=${unit}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    return new Date(res.json<{ deadline: string }>().deadline).toISOString();
  };

  it('ends a 4-working-hour limit started Friday 17:00 on Monday 11:00', async () => {
    expect(await deadline(admin, '2026-11-20T17:00:00+08:00', 4, 'working_hour')).toBe(
      new Date('2026-11-23T11:00:00+08:00').toISOString(),
    );
  });

  it('skips a holiday and counts a make-up Saturday once they are entered', async () => {
    // Thursday 2026-12-31 17:00 + 2 working hours: normally Friday 2027-01-01 09:00.
    expect(await deadline(admin, '2026-12-31T17:00:00+08:00', 2, 'working_hour')).toBe(
      new Date('2027-01-01T09:00:00+08:00').toISOString(),
    );
    const put = await admin.request({
      method: 'PUT',
      url: '/api/calendars/office/days',
      payload: {
        days: [
          { day: '2027-01-01', isWorking: false, note: '元旦' },
          { day: '2027-01-02', isWorking: true, note: '调休上班' },
        ],
      },
    });
    expect(put.statusCode).toBe(200);
    // Holiday Friday skipped, make-up Saturday counts.
    expect(await deadline(admin, '2026-12-31T17:00:00+08:00', 2, 'working_hour')).toBe(
      new Date('2027-01-02T09:00:00+08:00').toISOString(),
    );

    const days = await admin.request({
      method: 'GET',
      url: '/api/calendars/office/days?from=2026-12-31&to=2027-01-04',
    });
    expect(
      days.json<{ items: { day: string; isWorking: boolean; override: boolean }[] }>().items,
    ).toEqual([
      { day: '2026-12-31', isWorking: true, override: false, note: null },
      { day: '2027-01-01', isWorking: false, override: true, note: '元旦' },
      { day: '2027-01-02', isWorking: true, override: true, note: '调休上班' },
      { day: '2027-01-03', isWorking: false, override: false, note: null },
      { day: '2027-01-04', isWorking: true, override: false, note: null },
    ]);

    expect(
      (await admin.request({ method: 'DELETE', url: '/api/calendars/office/days/2027-01-02' }))
        .statusCode,
    ).toBe(200);
    expect(await deadline(admin, '2026-12-31T17:00:00+08:00', 2, 'working_hour')).toBe(
      new Date('2027-01-04T09:00:00+08:00').toISOString(),
    );
  });

  it('counts working minutes between two instants', async () => {
    const res = await admin.request({
      method: 'GET',
      url: `/api/calendars/office/working-time?from=${encodeURIComponent('2026-11-23T11:00:00+08:00')}&to=${encodeURIComponent('2026-11-23T15:00:00+08:00')}`,
    });
    expect(res.json()).toMatchObject({ workingMinutes: 120 });
  });

  it('refuses overlapping periods, bad times and non-admins', async () => {
    const overlapping = {
      validFrom: '2027-06-01',
      periods: [
        { start: '08:00', end: '12:00' },
        { start: '11:00', end: '18:00' },
      ],
      workingWeekdays: [1, 2, 3, 4, 5],
    };
    const res = await admin.request({
      method: 'PUT',
      url: '/api/calendars/office/versions',
      payload: overlapping,
    });
    expect(res.statusCode).toBe(400);
    const badTime = await admin.request({
      method: 'PUT',
      url: '/api/calendars/office/versions',
      payload: { ...overlapping, periods: [{ start: '8:00', end: '25:00' }] },
    });
    expect(badTime.statusCode).toBe(400);
    expect(badTime.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    const operator = await t.loginAs({ roles: ['operator'] });
    expect(
      (
        await operator.request({
          method: 'PUT',
          url: '/api/calendars/office/days',
          payload: { days: [{ day: '2027-02-01', isWorking: false }] },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await admin.request({
          method: 'GET',
          url: '/api/calendars/nope/deadline?start=2026-01-01T00:00:00Z&value=1&unit=minute',
        })
      ).statusCode,
    ).toBe(404);
  });

  it('uses summer hours from the day they start', async () => {
    const summer = {
      validFrom: '2027-07-01',
      periods: [
        { start: '07:30', end: '11:30' },
        { start: '14:30', end: '18:30' },
      ],
      workingWeekdays: [1, 2, 3, 4, 5],
    };
    expect(
      (
        await admin.request({
          method: 'PUT',
          url: '/api/calendars/office/versions',
          payload: summer,
        })
      ).statusCode,
    ).toBe(200);
    // Wednesday 2027-06-30 17:00 + 2 h: 1 h on the old hours, then Thursday from 07:30.
    expect(await deadline(admin, '2027-06-30T17:00:00+08:00', 2, 'working_hour')).toBe(
      new Date('2027-07-01T08:30:00+08:00').toISOString(),
    );
  });
});
