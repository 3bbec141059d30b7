import { pointInGeometry } from '../geo/point-in-geometry';
import { bboxOf } from '../geo/measures';
import type { AreaGeometry, Position } from '../geo/types';
import { buildLattice, type LatticeCell } from './lattice';
import { bisect } from './partition';
import { createPrng } from './prng';

export type DemoDistrictInput = {
  /** WGS84 outline of the district (convert GCJ-02 sources first). */
  outline: AreaGeometry;
  districtCode: string;
  streets: { code: string; name: string }[];
  communities: { code: string; name: string; streetCode: string }[];
  cellSizeM?: number;
  seed?: number;
  componentCount?: number;
  componentClasses: { code: string; name: string }[];
};

export type DemoGrid = {
  code: string;
  streetCode: string;
  communityCode: string;
  geometry: AreaGeometry;
  centroid: Position;
  areaM2: number;
};
export type DemoResponsibilityGrid = {
  code: string;
  name: string;
  streetCode: string;
  gridCodes: string[];
};
export type DemoComponent = {
  id: string;
  classCode: string;
  name: string;
  status: 'intact' | 'damaged' | 'lost';
  lng: number;
  lat: number;
  gridCode: string;
};

export type DemoDistrict = {
  grids: DemoGrid[];
  responsibilityGrids: DemoResponsibilityGrid[];
  components: DemoComponent[];
  label: string;
};

export const DEMO_LABEL = '演示划分，非官方边界 / demo partition, not official boundaries';
const CELLS_PER_RESPONSIBILITY_GRID = 18; // ≈180,000 m² per supervisor (Dongcheng practice)

/**
 * Rough relative positions (x east, y north, 0–1 of the bounding box) of Yangpu's streets,
 * so the demo partition resembles the real layout. Other districts fall back to code order.
 */
const YANGPU_ANCHORS: Record<string, Position> = {
  '310110020': [0.2, 0.9], // 新江湾城
  '310110016': [0.7, 0.85], // 殷行
  '310110021': [0.35, 0.7], // 长海路
  '310110019': [0.25, 0.55], // 五角场
  '310110015': [0.5, 0.5], // 延吉新村
  '310110013': [0.7, 0.45], // 长白新村
  '310110012': [0.45, 0.35], // 控江路
  '310110009': [0.15, 0.35], // 四平路
  '310110008': [0.2, 0.15], // 江浦路
  '310110006': [0.35, 0.1], // 平凉路
  '310110018': [0.5, 0.05], // 大桥
  '310110001': [0.8, 0.2], // 定海路
};

function numberCells(cells: LatticeCell[], communityCode: string): DemoGrid[] {
  if (cells.length > 999) throw new Error(`community ${communityCode} has more than 999 grids`);
  return [...cells]
    .sort((a, b) => a.row - b.row || a.col - b.col)
    .map((cell, i) => ({
      code: `${communityCode}${String(i + 1).padStart(3, '0')}`,
      streetCode: communityCode.slice(0, 9),
      communityCode,
      geometry: cell.geometry,
      centroid: cell.centroid,
      areaM2: cell.areaM2,
    }));
}

function responsibilityGridsOf(
  grids: DemoGrid[],
  streets: DemoDistrictInput['streets'],
): DemoResponsibilityGrid[] {
  return streets.flatMap((street) => {
    const own = grids
      .filter((g) => g.streetCode === street.code)
      .sort((a, b) => a.code.localeCompare(b.code));
    const groups: DemoResponsibilityGrid[] = [];
    for (let i = 0; i < own.length; i += CELLS_PER_RESPONSIBILITY_GRID) {
      const n = groups.length + 1;
      groups.push({
        code: `${street.code}-R${String(n).padStart(2, '0')}`,
        name: `${street.name}第${n}责任网格`,
        streetCode: street.code,
        gridCodes: own.slice(i, i + CELLS_PER_RESPONSIBILITY_GRID).map((g) => g.code),
      });
    }
    return groups;
  });
}

function componentsOf(
  grids: DemoGrid[],
  input: DemoDistrictInput,
  random: () => number,
): DemoComponent[] {
  const classes = input.componentClasses;
  if (classes.length === 0 || grids.length === 0) return [];
  const weights = classes.map((c) => (/井盖/.test(c.name) ? 5 : /路灯/.test(c.name) ? 4 : 1));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const pickClass = () => {
    let r = random() * totalWeight;
    for (let i = 0; i < classes.length; i++) {
      r -= weights[i] ?? 0;
      if (r <= 0) return classes[i];
    }
    return classes[classes.length - 1];
  };
  const sequence = new Map<string, number>();
  const components: DemoComponent[] = [];
  const count = input.componentCount ?? 400;
  while (components.length < count) {
    const grid = grids[Math.floor(random() * grids.length)];
    const cls = pickClass();
    if (!grid || !cls) continue;
    // Along the grid's edges ("streets"), a few metres inside.
    const [minLng, minLat, maxLng, maxLat] = bboxOf(grid.geometry);
    const inset = 0.00004;
    const t = random();
    const side = Math.floor(random() * 4);
    const lng =
      side === 0 ? minLng + inset : side === 1 ? maxLng - inset : minLng + t * (maxLng - minLng);
    const lat =
      side === 2 ? minLat + inset : side === 3 ? maxLat - inset : minLat + t * (maxLat - minLat);
    if (!pointInGeometry([lng, lat], grid.geometry)) continue;
    const n = (sequence.get(cls.code) ?? 0) + 1;
    sequence.set(cls.code, n);
    const roll = random();
    components.push({
      id: `${input.districtCode}${cls.code}${String(n).padStart(6, '0')}`,
      classCode: cls.code,
      name: `${cls.name}${n}号`,
      status: roll < 0.85 ? 'intact' : roll < 0.95 ? 'damaged' : 'lost',
      lng: Math.round(lng * 1e7) / 1e7,
      lat: Math.round(lat * 1e7) / 1e7,
      gridCode: grid.code,
    });
  }
  return components;
}

/**
 * A deterministic demo district: a ~100 m lattice clipped to the outline, split among the
 * streets (weighted by their number of communities) and within each street among its
 * communities, numbered west→east, north→south; responsibility grids of about 18 unit grids;
 * components placed along grid edges. Same input and seed, same output.
 */
export function generateDemoDistrict(input: DemoDistrictInput): DemoDistrict {
  const cells = buildLattice(input.outline, input.cellSizeM ?? 100);
  const [minLng, minLat, maxLng, maxLat] = bboxOf(input.outline);
  const communitiesOf = (streetCode: string) =>
    input.communities
      .filter((c) => c.streetCode === streetCode)
      .sort((a, b) => a.code.localeCompare(b.code));
  const streets = input.streets.filter((s) => communitiesOf(s.code).length > 0);
  const byStreet = bisect(
    cells,
    streets.map((s, i) => {
      const relative = YANGPU_ANCHORS[s.code] ?? [i / Math.max(1, streets.length - 1), 0.5];
      return {
        id: s.code,
        weight: communitiesOf(s.code).length,
        anchor: [
          minLng + relative[0] * (maxLng - minLng),
          minLat + relative[1] * (maxLat - minLat),
        ] as Position,
      };
    }),
  );
  const grids: DemoGrid[] = [];
  for (const street of streets) {
    const streetCells = byStreet.get(street.code) ?? [];
    const communities = communitiesOf(street.code);
    if (streetCells.length < communities.length) {
      throw new Error(
        `street ${street.code} has ${communities.length} communities but only ${streetCells.length} cells`,
      );
    }
    const byCommunity = bisect(
      streetCells,
      communities.map((c) => ({ id: c.code, weight: 1 })),
    );
    for (const community of communities)
      grids.push(...numberCells(byCommunity.get(community.code) ?? [], community.code));
  }
  grids.sort((a, b) => a.code.localeCompare(b.code));
  const random = createPrng(input.seed ?? 20261122);
  return {
    grids,
    responsibilityGrids: responsibilityGridsOf(grids, streets),
    components: componentsOf(grids, input, random),
    label: DEMO_LABEL,
  };
}
