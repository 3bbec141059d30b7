import type { AddressInfo } from 'node:net';
import {
  act,
  buildCaseWorld,
  createTestApp,
  openDispatched,
  uploadPhoto,
  type CaseWorld,
  type TestApp,
} from '@xiuhua/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type CaseOut = { id: number; version: number };
type Summary = {
  today: { reported: number; filed: number; closed: number; disposeDue: number };
  open: { green: number; yellow: number; red: number; overdue: number };
  trend: { day: string; reported: number; closed: number }[];
};

describe('the big screen: today’s numbers and the live stream', () => {
  let t: TestApp;
  let w: CaseWorld;
  let base = '';
  beforeAll(async () => {
    t = await createTestApp();
    t.ctx.settings.sessionIdleMinutes = 60 * 24 * 365;
    t.ctx.clock.set('2026-11-03T09:00:00+08:00');
    w = await buildCaseWorld(t);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await t.close();
  });

  const summary = async () =>
    (await w.as.commander.request({ method: 'GET', url: '/api/screen/summary' })).json<Summary>();

  it('counts today’s reports, filings and closures in China time, and the open cases', async () => {
    t.ctx.clock.set('2026-11-02T23:30:00+08:00');
    await w.as.supervisor.request({
      method: 'POST',
      url: '/api/cases',
      payload: { source: 'supervisor', description: '昨天的', ...w.point },
    });
    t.ctx.clock.set('2026-11-03T09:00:00+08:00');
    let c = await openDispatched<CaseOut>(w, '今天的');
    expect((await uploadPhoto(w.as.department, c.id, 'after')).statusCode).toBe(201);
    c = await act(w.as.department, c, 'feed_back', { opinion: '好了' });
    c = await act(w.as.operator, c, 'send_check');
    c = await act(w.as.supervisor, c, 'check_pass');
    await act(w.as.shift_leader, c, 'close');
    const s = await summary();
    expect(s.today).toMatchObject({ reported: 1, filed: 1, closed: 1 });
    expect(s.open.green + s.open.yellow + s.open.red).toBe(1);
    expect(s.trend).toHaveLength(14);
    expect(s.trend.at(-1)).toEqual({ day: '2026-11-03', reported: 1, closed: 1 });
    expect(s.trend.at(-2)).toEqual({ day: '2026-11-02', reported: 1, closed: 0 });
  });

  it('pushes a case change to a listening screen within a couple of seconds', async () => {
    const controller = new AbortController();
    const response = await fetch(`${base}/api/live`, {
      headers: { cookie: w.as.commander.cookie },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body?.getReader();
    if (!reader) throw new Error('no stream');
    const decoder = new TextDecoder();
    let text = '';
    await reader.read(); // the retry line: the stream is open and listening
    const c = (
      await w.as.supervisor.request({
        method: 'POST',
        url: '/api/cases',
        payload: { source: 'supervisor', description: '实时', ...w.point },
      })
    ).json<CaseOut>();
    const started = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no event within 3 s; got ${text}`)), 3000);
    });
    while (!text.includes(`"caseId":${c.id}`)) {
      const chunk: { done: boolean; value?: Uint8Array } = await Promise.race([
        reader.read(),
        deadline,
      ]);
      if (chunk.done) break;
      text += decoder.decode(chunk.value ?? new Uint8Array());
    }
    clearTimeout(timer);
    expect(text).toContain('event: case');
    expect(text).toContain(`{"type":"case.created","caseId":${c.id}}`);
    expect(Date.now() - started).toBeLessThan(2500);
    controller.abort();
  });

  it('is for the centre: departments and supervisors are refused', async () => {
    for (const who of [w.as.department, w.as.supervisor]) {
      expect((await who.request({ method: 'GET', url: '/api/screen/summary' })).statusCode).toBe(
        403,
      );
      expect((await who.request({ method: 'GET', url: '/api/live' })).statusCode).toBe(403);
    }
  });
});
