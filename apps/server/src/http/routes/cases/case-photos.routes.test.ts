import {
  buildCaseWorld,
  createTestApp,
  tinyJpeg,
  uploadPhoto,
  type CaseWorld,
  type TestApp,
} from '@xiuhua/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type CaseOut = { id: number };

describe('case photos', () => {
  let t: TestApp;
  let w: CaseWorld;
  beforeAll(async () => {
    t = await createTestApp();
    w = await buildCaseWorld(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const open = (who: CaseWorld['as']['supervisor']) =>
    who.request({
      method: 'POST',
      url: '/api/cases',
      payload: { source: 'supervisor', description: '照片测试', ...w.point },
    });

  it('stores photos by content and refuses non-images and oversized files', async () => {
    const c = (await open(w.as.supervisor)).json<CaseOut>();
    const bytes = tinyJpeg(42);
    const first = await uploadPhoto(w.as.supervisor, c.id, 'before', bytes);
    expect(first.statusCode, first.body).toBe(201);
    const again = await uploadPhoto(w.as.supervisor, c.id, 'before', bytes);
    expect(again.json<{ sha256: string }>().sha256).toBe(first.json<{ sha256: string }>().sha256);
    const list = (
      await w.as.operator.request({ method: 'GET', url: `/api/cases/${c.id}/photos` })
    ).json<{ items: { url: string }[] }>();
    expect(list.items).toHaveLength(1);
    const image = await w.as.operator.request({ method: 'GET', url: list.items[0]?.url ?? '' });
    expect(image.headers['content-type']).toBe('image/jpeg');
    expect(Buffer.from(image.rawPayload).equals(bytes)).toBe(true);

    const text = await uploadPhoto(
      w.as.supervisor,
      c.id,
      'before',
      Buffer.from('not an image at all'),
      'photo.jpg',
    );
    expect(text.statusCode).toBe(415);
    expect(text.json()).toMatchObject({
      error: { code: 'UNSUPPORTED_MEDIA_TYPE', details: [{ field: 'file' }] },
    });
    const huge = await uploadPhoto(
      w.as.supervisor,
      c.id,
      'before',
      Buffer.concat([tinyJpeg(1), Buffer.alloc(11 * 1024 * 1024)]),
    );
    expect(huge.statusCode).toBe(413);
    expect(
      (await w.as.operator.request({ method: 'GET', url: `/api/cases/${c.id}/photos` })).json<{
        items: unknown[];
      }>().items,
    ).toHaveLength(1);
    expect(
      (await w.as.otherDepartment.request({ method: 'GET', url: list.items[0]?.url ?? '' }))
        .statusCode,
    ).toBe(404);
  });
});
