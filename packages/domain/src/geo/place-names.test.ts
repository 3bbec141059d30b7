import { describe, expect, it } from 'vitest';
import { matchPlace, nameForms, representativePoint } from './place-names';
import type { AreaGeometry } from './types';

const places = [
  { code: '310110001', name: '定海路街道', level: 'street' as const },
  { code: '310110001001', name: '十七棉工房第二居委会', level: 'community' as const },
  { code: '310110001002', name: '十七棉居委会', level: 'community' as const },
];

describe('place names', () => {
  it('knows the short forms people use', () => {
    expect(nameForms('定海路街道')).toEqual(['定海路街道', '定海路']);
    expect(nameForms('十七棉居委会')).toEqual(['十七棉居委会', '十七棉']);
    expect(nameForms('镇')).toEqual(['镇']);
  });

  it('prefers a community to a street and the longest community name', () => {
    expect(matchPlace('定海路十七棉工房第二居委门口', places)?.code).toBe('310110001001');
    expect(matchPlace('十七棉小区', places)?.code).toBe('310110001002');
    expect(matchPlace('定海路 100 号', places)?.code).toBe('310110001');
    expect(matchPlace('黄浦江边', places)).toBeNull();
  });

  it('picks a point inside the area near its middle', () => {
    const square = (x: number, y: number): AreaGeometry => ({
      type: 'Polygon',
      coordinates: [
        [
          [x, y],
          [x + 1, y],
          [x + 1, y + 1],
          [x, y + 1],
          [x, y],
        ],
      ],
    });
    const grids = [0, 1, 2].map((i) => ({ code: String(i), geometry: square(i, 0) }));
    expect(representativePoint(grids, () => true)).toEqual([1.5, 0.5]);
    expect(representativePoint(grids, (p) => p[0] > 2)).toEqual([2.5, 0.5]);
    expect(representativePoint([], () => true)).toBeNull();
  });
});
