import { describe, expect, it } from 'vitest';
import { en, screenText, zh } from './messages';

describe('big screen messages', () => {
  it('have the same keys and placeholders in Chinese and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(zh) as (keyof typeof zh)[])
      expect(names(en[key]), key).toEqual(names(zh[key]));
  });

  it('fills placeholders in the chosen language', () => {
    expect(screenText('en')('asOf', { time: '09:00' })).toBe('As of 09:00');
    expect(screenText('zh-CN')('asOf', { time: '09:00' })).toBe('数据时间 09:00');
  });
});
