import type { LocalizedText } from '../errors/app-error';
import type { Position } from './types';

export type GeometryProblem = {
  kind: 'not_polygon' | 'open_ring' | 'too_few_points' | 'bad_coordinate' | 'self_intersection';
  ring?: number;
  position?: Position;
  reason: LocalizedText;
};

const SELF_INTERSECTION_MAX_VERTICES = 2000;

function isPosition(value: unknown): value is Position {
  return (
    Array.isArray(value) &&
    value.length >= 2 &&
    typeof value[0] === 'number' &&
    typeof value[1] === 'number'
  );
}

function segmentsCross(a: Position, b: Position, c: Position, d: Position): boolean {
  const orient = (p: Position, q: Position, r: Position) =>
    Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  return o1 !== 0 && o2 !== 0 && o3 !== 0 && o4 !== 0 && o1 !== o2 && o3 !== o4;
}

function checkRing(ring: unknown, ringIndex: number, problems: GeometryProblem[]): void {
  if (!Array.isArray(ring) || !ring.every(isPosition)) {
    problems.push({
      kind: 'bad_coordinate',
      ring: ringIndex,
      reason: { zh: '坐标须为 [经度, 纬度] 数字', en: 'coordinates must be [lng, lat] numbers' },
    });
    return;
  }
  const positions = ring;
  const bad = positions.find(
    ([lng, lat]) =>
      !Number.isFinite(lng) ||
      !Number.isFinite(lat) ||
      lng < -180 ||
      lng > 180 ||
      lat < -90 ||
      lat > 90,
  );
  if (bad) {
    problems.push({
      kind: 'bad_coordinate',
      ring: ringIndex,
      position: [bad[0], bad[1]],
      reason: {
        zh: `坐标超出范围：${bad[0]}, ${bad[1]}`,
        en: `coordinate out of range: ${bad[0]}, ${bad[1]}`,
      },
    });
    return;
  }
  const first = positions[0];
  const last = positions[positions.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) {
    problems.push({
      kind: 'open_ring',
      ring: ringIndex,
      position: [last[0], last[1]],
      reason: {
        zh: `环未闭合：首点 (${first[0]}, ${first[1]}) 与末点 (${last[0]}, ${last[1]}) 不同`,
        en: `ring is not closed: first (${first[0]}, ${first[1]}) differs from last (${last[0]}, ${last[1]})`,
      },
    });
    return;
  }
  if (positions.length < 4) {
    problems.push({
      kind: 'too_few_points',
      ring: ringIndex,
      reason: {
        zh: '环至少需要 4 个点（含闭合点）',
        en: 'a ring needs at least 4 positions (closing one included)',
      },
    });
    return;
  }
  if (positions.length > SELF_INTERSECTION_MAX_VERTICES) return;
  for (let i = 0; i < positions.length - 1; i++) {
    for (let j = i + 2; j < positions.length - 1; j++) {
      if (i === 0 && j === positions.length - 2) continue; // adjacent through the closing point
      const [a, b, c, d] = [positions[i], positions[i + 1], positions[j], positions[j + 1]];
      if (a && b && c && d && segmentsCross(a, b, c, d)) {
        problems.push({
          kind: 'self_intersection',
          ring: ringIndex,
          position: [b[0], b[1]],
          reason: {
            zh: `环自相交（第 ${i + 1} 与第 ${j + 1} 条边）`,
            en: `ring crosses itself (edges ${i + 1} and ${j + 1})`,
          },
        });
        return;
      }
    }
  }
}

/** Problems of a supposed GeoJSON Polygon/MultiPolygon; empty when it is usable. */
export function validateAreaGeometry(input: unknown): GeometryProblem[] {
  const geometry = input as { type?: unknown; coordinates?: unknown } | null;
  const problems: GeometryProblem[] = [];
  if (
    !geometry ||
    (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') ||
    !Array.isArray(geometry.coordinates)
  ) {
    return [
      {
        kind: 'not_polygon',
        reason: {
          zh: '几何须为 Polygon 或 MultiPolygon',
          en: 'geometry must be a Polygon or MultiPolygon',
        },
      },
    ];
  }
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let ringIndex = 0;
  for (const polygon of polygons) {
    if (!Array.isArray(polygon) || polygon.length === 0) {
      problems.push({
        kind: 'not_polygon',
        reason: { zh: '多边形没有环', en: 'a polygon has no rings' },
      });
      continue;
    }
    for (const ring of polygon) checkRing(ring, ringIndex++, problems);
  }
  return problems;
}
