import { ROLES as DOMAIN_ROLES } from '@xiuhua/domain';
import { describe, expect, it } from 'vitest';
import { en, zh } from './messages';
import { routes } from './routes';
import { organisationTree, passwordOk, ROLES } from './shared';

describe('access administration pages', () => {
  it('know the same roles as the domain, each with a label in both languages', () => {
    expect([...ROLES]).toEqual([...DOMAIN_ROLES]);
    for (const role of ROLES) {
      expect(zh.role[role]).toBeTruthy();
      expect(en.role[role]).toBeTruthy();
    }
  });

  it('label each page with a message that exists', () => {
    for (const route of routes) {
      const [, group, key] = route.label.split('.');
      const messages = zh as unknown as Record<string, Record<string, unknown>>;
      expect(messages[group ?? '']?.[key ?? '']).toBeTruthy();
    }
  });

  it('build the organisation tree with orphans at the top', () => {
    const base = { kind: 'department' as const, divisionCode: null, phone: null, active: true };
    const tree = organisationTree([
      { ...base, id: 1, code: 'a', name: 'A', level: 'first', parentId: null },
      { ...base, id: 2, code: 'a1', name: 'A1', level: 'second', parentId: 1 },
      { ...base, id: 3, code: 'b1', name: 'B1', level: 'second', parentId: 99 },
    ]);
    expect(tree.map((n) => [n.code, n.children?.map((c) => c.code)])).toEqual([
      ['a', ['a1']],
      ['b1', undefined],
    ]);
  });

  it('apply the server password rule', () => {
    expect(passwordOk('abcdefg1')).toBe(true);
    expect(passwordOk('abcdefgh')).toBe(false);
    expect(passwordOk('a1')).toBe(false);
  });
});
