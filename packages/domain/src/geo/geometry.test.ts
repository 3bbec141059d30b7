import { describe, expect, it } from 'vitest';
import {
  checkSequenceOrder,
  createGridLocator,
  gcj02ToWgs84Position,
  geodesicAreaM2,
  parseDivisionCode,
  parseGridCode,
  pointInGeometry,
  validateAreaGeometry,
  validateTiling,
  type AreaGeometry,
  type Position,
} from './index';

const square = (west: number, south: number, side: number, height = side): AreaGeometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [west, south],
      [west + side, south],
      [west + side, south + height],
      [west, south + height],
      [west, south],
    ],
  ],
});

describe('codes', () => {
  it('accepts a well-formed 15-digit grid code and splits it', () => {
    expect(parseGridCode('310110001002013')).toEqual({
      ok: true,
      county: '310110',
      street: '001',
      community: '002',
      sequence: '013',
      streetCode: '310110001',
      communityCode: '310110001002',
    });
  });

  it('refuses wrong lengths, letters, a street part starting with 4, community 000 and sequence 000', () => {
    for (const code of [
      '31011000100201',
      '3101100010020131',
      '31011000100201A',
      '310110401002013',
      '310110001000013',
      '310110001002000',
    ]) {
      expect(parseGridCode(code).ok, code).toBe(false);
    }
  });

  it('derives level and parent from division codes', () => {
    expect(parseDivisionCode('310110')).toEqual({ ok: true, level: 'district', parentCode: null });
    expect(parseDivisionCode('310110001')).toEqual({
      ok: true,
      level: 'street',
      parentCode: '310110',
    });
    expect(parseDivisionCode('310110001001')).toEqual({
      ok: true,
      level: 'community',
      parentCode: '310110001',
    });
    expect(parseDivisionCode('3101100').ok).toBe(false);
  });
});

describe('measures and point-in-polygon', () => {
  const lat = 31.3;
  const dLat = 100 / 111_320;
  const dLng = 100 / (111_320 * Math.cos((lat * Math.PI) / 180));

  it('measures a 100 m square at latitude 31.3 as about 10,000 m², whatever its orientation', () => {
    const cell = square(121.5, lat, dLng, dLat);
    expect(Math.abs(geodesicAreaM2(cell) - 10_000) / 10_000).toBeLessThan(0.005);
    const reversed: AreaGeometry = {
      type: 'Polygon',
      coordinates: [[...(cell.coordinates[0] as Position[])].reverse()],
    };
    expect(geodesicAreaM2(reversed)).toBeCloseTo(geodesicAreaM2(cell), 6);
  });

  it('subtracts holes from area and from containment', () => {
    const outer = square(0, 0, 0.01).coordinates[0] as Position[];
    const hole = square(0.004, 0.004, 0.002).coordinates[0] as Position[];
    const withHole: AreaGeometry = { type: 'Polygon', coordinates: [outer, hole] };
    expect(geodesicAreaM2(withHole)).toBeCloseTo(
      geodesicAreaM2(square(0, 0, 0.01)) - geodesicAreaM2(square(0.004, 0.004, 0.002)),
      3,
    );
    expect(pointInGeometry([0.005, 0.005], withHole)).toBe(false);
    expect(pointInGeometry([0.001, 0.001], withHole)).toBe(true);
  });

  it('puts a point on a shared edge in exactly one of two neighbours', () => {
    const west = square(0, 0, 1);
    const east = square(1, 0, 1);
    const south = square(0, -1, 1);
    const onVertical: Position = [1, 0.5];
    expect(
      [pointInGeometry(onVertical, west), pointInGeometry(onVertical, east)].filter(Boolean),
    ).toHaveLength(1);
    const onHorizontal: Position = [0.5, 0];
    expect(
      [pointInGeometry(onHorizontal, west), pointInGeometry(onHorizontal, south)].filter(Boolean),
    ).toHaveLength(1);
  });

  it('handles multipolygons', () => {
    const two: AreaGeometry = {
      type: 'MultiPolygon',
      coordinates: [square(0, 0, 1).coordinates, square(5, 5, 1).coordinates] as Position[][][],
    };
    expect(pointInGeometry([5.5, 5.5], two)).toBe(true);
    expect(pointInGeometry([3, 3], two)).toBe(false);
  });
});

describe('geometry validation', () => {
  it('accepts a closed square', () => {
    expect(validateAreaGeometry(square(0, 0, 1))).toEqual([]);
  });

  it('reports an open ring with its last position', () => {
    const open = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
        ],
      ],
    };
    expect(validateAreaGeometry(open)).toMatchObject([{ kind: 'open_ring', position: [0, 1] }]);
  });

  it('reports too few points, non-polygons, out-of-range coordinates and a bow-tie', () => {
    expect(
      validateAreaGeometry({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [0, 0],
          ],
        ],
      })[0]?.kind,
    ).toBe('too_few_points');
    expect(validateAreaGeometry({ type: 'Point', coordinates: [0, 0] })[0]?.kind).toBe(
      'not_polygon',
    );
    expect(validateAreaGeometry(null)[0]?.kind).toBe('not_polygon');
    expect(
      validateAreaGeometry({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [200, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      })[0]?.kind,
    ).toBe('bad_coordinate');
    expect(
      validateAreaGeometry({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 1],
            [1, 0],
            [0, 1],
            [0, 0],
          ],
        ],
      })[0]?.kind,
    ).toBe('self_intersection');
  });
});

describe('tiling', () => {
  const step = 0.001;
  const lattice = (skip?: number) =>
    Array.from({ length: 9 }, (_, i) => ({
      id: `c${i + 1}`,
      geometry: square(121 + (i % 3) * step, 31 + (2 - Math.floor(i / 3)) * step, step),
    })).filter((_, i) => i !== skip);
  const boundary = square(121, 31, 3 * step);
  const cellArea = geodesicAreaM2(square(121, 31, step));

  it('finds nothing wrong with a clean lattice', () => {
    const report = validateTiling({ cells: lattice(), boundary });
    expect(report).toMatchObject({ overlaps: [], gaps: [], outside: [] });
    expect(report.coveredAreaM2).toBeCloseTo(report.boundaryAreaM2, 0);
  });

  it('reports a missing cell as a gap of its area at its place', () => {
    const report = validateTiling({ cells: lattice(4), boundary });
    expect(report.gaps).toHaveLength(1);
    expect(Math.abs((report.gaps[0]?.areaM2 ?? 0) - cellArea) / cellArea).toBeLessThan(0.01);
    expect(
      pointInGeometry(report.gaps[0]?.centroid ?? [0, 0], square(121 + step, 31 + step, step)),
    ).toBe(true);
  });

  it('reports a stretched cell as an overlap with both ids and a third of a cell', () => {
    const cells = lattice();
    cells[0] = { id: 'c1', geometry: square(121, 31 + 2 * step, step * (4 / 3), step) };
    const report = validateTiling({ cells, boundary });
    expect(report.overlaps).toHaveLength(1);
    expect([report.overlaps[0]?.a, report.overlaps[0]?.b]).toEqual(['c1', 'c2']);
    expect(
      Math.abs((report.overlaps[0]?.areaM2 ?? 0) - cellArea / 3) / (cellArea / 3),
    ).toBeLessThan(0.01);
  });

  it('reports a cell reaching outside the boundary', () => {
    const cells = lattice();
    cells[8] = { id: 'c9', geometry: square(121 + 2 * step, 31 - step / 2, step, step * 1.5) };
    expect(validateTiling({ cells, boundary }).outside.map((o) => o.id)).toEqual(['c9']);
  });

  it('ignores slivers under the tolerance', () => {
    const cells = lattice();
    // Shrink the last cell by ~0.1 mm on one side: a gap of well under 1 m².
    cells[8] = { id: 'c9', geometry: square(121 + 2 * step + 1e-9, 31, step - 1e-9, step) };
    expect(validateTiling({ cells, boundary, toleranceM2: 1 }).gaps).toEqual([]);
  });

  it('finds a real gap even when many overlaps under the tolerance balance its area', () => {
    const cells = lattice();
    // c9 loses a 3e-7° strip on its west side: a gap of ≈3.2 m².
    cells[8] = { id: 'c9', geometry: square(121 + 2 * step + 3e-7, 31, step - 3e-7, step) };
    // Five cells reach 8e-8° into their east neighbour: ≈0.85 m² each, ≈4.2 m² in total.
    for (const i of [0, 1, 3, 4, 6]) {
      const x = 121 + (i % 3) * step;
      const y = 31 + (2 - Math.floor(i / 3)) * step;
      cells[i] = { id: `c${i + 1}`, geometry: square(x, y, step + 8e-8, step) };
    }
    const report = validateTiling({ cells, boundary, toleranceM2: 1 });
    expect(report.overlaps).toEqual([]);
    expect(report.gaps).toHaveLength(1);
    expect(report.gaps[0]?.areaM2).toBeGreaterThan(2.5);
    expect(report.gaps[0]?.areaM2).toBeLessThan(4);
  });
});

describe('sequence order and locator', () => {
  it('warns only when codes are not numbered west→east, north→south', () => {
    const cells = [
      { code: '310110001001001', centroid: [0, 1] as Position },
      { code: '310110001001002', centroid: [1, 1] as Position },
      { code: '310110001001003', centroid: [0, 0] as Position },
      { code: '310110001001004', centroid: [1, 0] as Position },
    ];
    expect(checkSequenceOrder(cells)).toEqual([]);
    const swapped = cells.map((c) =>
      c.code.endsWith('002')
        ? { ...c, centroid: [0, 0] as Position }
        : c.code.endsWith('003')
          ? { ...c, centroid: [1, 1] as Position }
          : c,
    );
    expect(checkSequenceOrder(swapped).map((w) => w.code)).toEqual([
      '310110001001002',
      '310110001001003',
    ]);
  });

  it('locates points in a 20 × 20 lattice and nothing outside it', () => {
    const items = Array.from({ length: 400 }, (_, i) => ({
      code: `g${i}`,
      geometry: square(i % 20, Math.floor(i / 20), 1),
    }));
    const locator = createGridLocator(items);
    expect(locator.size).toBe(400);
    expect(locator.locate(0.5, 0.5)?.code).toBe('g0');
    expect(locator.locate(19.5, 19.5)?.code).toBe('g399');
    expect(locator.locate(3.2, 7.9)?.code).toBe('g143');
    expect(locator.locate(25, 5)).toBeUndefined();
    expect(locator.search([0.5, 0.5, 1.5, 1.5])).toHaveLength(4);
    expect(createGridLocator([]).locate(0, 0)).toBeUndefined();
  });

  it('moves a Shanghai GCJ-02 point a few hundred metres back to WGS84', () => {
    const [lng, lat] = gcj02ToWgs84Position([121.5, 31.3]);
    expect(121.5 - lng).toBeGreaterThan(0.003);
    expect(121.5 - lng).toBeLessThan(0.006);
    expect(Math.abs(31.3 - lat)).toBeLessThan(0.004);
  });
});
