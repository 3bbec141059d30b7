import { createTestApp, type Session, type TestApp } from '@xiuhua/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reasonZh } from './validation-reason';

describe('validation errors in the caller’s language', () => {
  it('gives a Chinese reason for each AJV keyword, never AJV’s English', () => {
    expect(reasonZh({ keyword: 'required', params: { missingProperty: 'name' } })).toBe('必填');
    expect(reasonZh({ keyword: 'pattern', params: { pattern: '^a$' } })).toBe('格式不符');
    expect(reasonZh({ keyword: 'maxLength', params: { limit: 100 } })).toBe(
      '长度不能超过 100 个字符',
    );
    expect(reasonZh({ keyword: 'type', params: { type: 'integer' } })).toBe('须为整数');
    expect(reasonZh({ keyword: 'type', params: { type: 'string,null' } })).toBe('须为文本或空值');
    expect(reasonZh({ keyword: 'format', params: { format: 'date-time' } })).toBe(
      '须为日期时间（ISO 8601）',
    );
    expect(reasonZh({ keyword: 'somethingNew', message: 'must be shiny' })).toBe('无效');
  });

  describe('over HTTP', () => {
    let t: TestApp;
    let admin: Session;
    beforeAll(async () => {
      t = await createTestApp();
      admin = await t.loginAs({ roles: ['admin'] });
    });
    afterAll(async () => {
      await t.close();
    });

    const put = (lang: string) =>
      admin.request({
        method: 'PUT',
        url: '/api/responsibility-grids/R1',
        headers: { 'accept-language': lang },
        payload: { name: 'x', divisionCode: '12', gridCodes: [], supervisorUsernames: [] },
      });

    it('answers Chinese by default and English on request, naming the field', async () => {
      const zh = await put('zh-CN');
      expect(zh.statusCode).toBe(400);
      const zhError = zh.json<{ error: { message: string; details: { reason_zh: string }[] } }>()
        .error;
      expect(zhError.message).toBe('请求参数无效：divisionCode 格式不符');
      expect(zhError.details[0]?.reason_zh).toBe('格式不符');
      const en = (await put('en')).json<{ error: { message: string } }>().error;
      expect(en.message).toMatch(/^Invalid request: divisionCode must match pattern/);
    });
  });
});
