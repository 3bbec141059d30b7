import { hashPassword } from '@xiuhua/core';
import {
  divisionRepository,
  organisationRepository,
  userRepository,
  type Executor,
} from '@xiuhua/db';
import type { Role } from '@xiuhua/domain';

/** A square area: south-west corner and side in degrees. */
export type SquareOutline = { west: number; south: number; side: number };

export function squarePolygon(square: {
  west: number;
  south: number;
  side: number;
  height?: number;
}) {
  const { west, south, side } = square;
  const north = south + (square.height ?? side);
  const east = west + side;
  return {
    type: 'Polygon' as const,
    coordinates: [
      [
        [west, south],
        [east, south],
        [east, north],
        [west, north],
        [west, south],
      ],
    ],
  };
}

function squareBBox(square: SquareOutline): [number, number, number, number] {
  return [square.west, square.south, square.west + square.side, square.south + square.side];
}

/**
 * A FeatureCollection of n × n square unit grids tiling the outline, numbered row-major
 * from the north-west, all in one community.
 */
export function latticeGrids(square: SquareOutline, communityCode: string, n: number) {
  const step = square.side / n;
  const features = [];
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      const seq = row * n + col + 1;
      features.push({
        type: 'Feature' as const,
        properties: { code: `${communityCode}${String(seq).padStart(3, '0')}` } as Record<
          string,
          unknown
        >,
        geometry: squarePolygon({
          west: square.west + col * step,
          south: square.south + square.side - (row + 1) * step,
          side: step,
        }),
      });
    }
  }
  return { type: 'FeatureCollection' as const, features };
}

let sequence = 0;
const unique = () =>
  `${process.pid.toString(36)}${(++sequence).toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

export type TestDistrict = {
  code: string;
  name: string;
  streets: { code: string; name: string; communities: { code: string; name: string }[] }[];
};

/**
 * A fresh district with its own (unused, 9xxxxx) code, `streets` streets and
 * `communities` communities per street, so tests never share a world.
 */
export async function buildDistrict(
  db: Executor,
  options: { streets?: number; communities?: number; code?: string; outline?: SquareOutline } = {},
): Promise<TestDistrict> {
  const code = options.code ?? `9${String(Math.floor(Math.random() * 100_000)).padStart(5, '0')}`;
  const district: TestDistrict = { code, name: `测试区${code}`, streets: [] };
  for (let s = 1; s <= (options.streets ?? 2); s++) {
    const streetCode = `${code}${String(s).padStart(3, '0')}`;
    const street = {
      code: streetCode,
      name: `测试街道${s}`,
      communities: [] as { code: string; name: string }[],
    };
    for (let c = 1; c <= (options.communities ?? 2); c++) {
      street.communities.push({
        code: `${streetCode}${String(c).padStart(3, '0')}`,
        name: `测试社区${s}-${c}`,
      });
    }
    district.streets.push(street);
  }
  await divisionRepository.upsertMany(
    db,
    [
      {
        code,
        level: 'district',
        name: district.name,
        parentCode: null,
        ...(options.outline
          ? { outline: squarePolygon(options.outline), bbox: squareBBox(options.outline) }
          : {}),
      },
      ...district.streets.map((s) => ({
        code: s.code,
        level: 'street' as const,
        name: s.name,
        parentCode: code,
      })),
      ...district.streets.flatMap((s) =>
        s.communities.map((c) => ({
          code: c.code,
          level: 'community' as const,
          name: c.name,
          parentCode: s.code,
        })),
      ),
    ],
    new Date(),
  );
  return district;
}

export async function buildDepartment(
  db: Executor,
  options: { name?: string; parentId?: number | null } = {},
): Promise<{ id: number; code: string; name: string }> {
  const code = `dept-${unique()}`;
  const name = options.name ?? `测试部门${code}`;
  const id = await organisationRepository.insert(db, {
    code,
    name,
    kind: 'department',
    level: options.parentId ? 'second' : 'first',
    parentId: options.parentId ?? null,
    divisionCode: null,
    phone: null,
  });
  return { id, code, name };
}

export const TEST_PASSWORD = 'Passw0rd-test';

let cachedHash: Promise<string> | undefined;

export type BuildUserOptions = {
  roles: Role[];
  scope?:
    | { kind: 'all' }
    | { kind: 'region'; divisionCode: string }
    | { kind: 'department'; organisationId: number };
  username?: string;
};

/** A user with the given roles and scope; the password is TEST_PASSWORD. */
export async function buildUser(
  db: Executor,
  options: BuildUserOptions,
): Promise<{ id: number; username: string }> {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const scope = options.scope ?? { kind: 'all' };
  const username = options.username ?? `u${unique()}`;
  const id = await userRepository.insert(db, {
    username,
    displayName: `测试用户 ${username}`,
    passwordHash: await cachedHash,
    organisationId: scope.kind === 'department' ? scope.organisationId : null,
    scopeKind: scope.kind,
    scopeDivisionCode: scope.kind === 'region' ? scope.divisionCode : null,
    scopeOrganisationId: scope.kind === 'department' ? scope.organisationId : null,
    phone: null,
    roles: options.roles,
  });
  return { id, username };
}
