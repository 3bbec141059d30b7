import { describe, expect, it } from 'vitest';
import { ADMIN_MESSAGES } from '../admin/messages';
import { ANALYTICS_MESSAGES } from '../analytics/messages';
import { EVALUATION_MESSAGES } from '../evaluation/messages';
import enBase from './en';
import zhBase from './zh-CN';

// The administration, evaluation and analytics messages load with their pages; they are checked here too.
const zh = {
  ...zhBase,
  ...ADMIN_MESSAGES['zh-CN'],
  ...EVALUATION_MESSAGES['zh-CN'],
  ...ANALYTICS_MESSAGES['zh-CN'],
};
const en = { ...enBase, ...ADMIN_MESSAGES.en, ...EVALUATION_MESSAGES.en, ...ANALYTICS_MESSAGES.en };

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('console messages', () => {
  it('have exactly the same keys in Chinese and English, none empty', () => {
    expect(keys(en).sort()).toEqual(keys(zh).sort());
    for (const messages of [zh, en])
      for (const key of keys(messages)) {
        const text = key
          .split('.')
          .reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], messages);
        expect(typeof text === 'string' && text.trim().length > 0, key).toBe(true);
      }
  });

  it('keep placeholders the same in both languages', () => {
    for (const key of keys(zh)) {
      const get = (m: unknown) =>
        String(key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], m));
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(get(en)), key).toEqual(names(get(zh)));
    }
  });
});
