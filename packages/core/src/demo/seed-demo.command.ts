import { divisionRepository, userRepository } from '@xiuhua/db';
import {
  AppError,
  generateDemoDistrict,
  requireAnyRole,
  type Actor,
  type DemoDistrict,
} from '@xiuhua/domain';
import { createApiToken } from '../auth/api-token.commands';
import { createTimingScheme, setCalendarDays } from '../calendars/calendar.commands';
import { assignDepartmentByBigClass, importClasses } from '../catalogue/catalogue.commands';
import { importComponents } from '../components/component.commands';
import type { AppContext } from '../context';
import { importDivisions } from '../divisions/division.commands';
import { importGrids } from '../grids/import-grids.command';
import { putResponsibilityGrids } from '../grids/responsibility-grid.commands';
import { createOrganisation } from '../organisations/organisation.commands';
import { createUser } from '../users/user.commands';
import { csvRecords, DEMO_DISTRICT_CODE, demoGeneratorInput, type DemoSources } from './demo-input';
import { DEMO_DEPARTMENTS, DEMO_PASSWORD, DEMO_USERS } from './demo-organisations';
import { seedDemoHistory } from './seed-demo-history';

export type DemoSeedReport = {
  district: { code: string; name: string };
  label: string;
  counts: Record<string, number>;
  logins: { username: string; role: string; scope: string }[];
  password: string;
  open311ApiKey: string;
};

/** True when nothing has been set up yet: the demo may only be seeded into an empty database. */
export async function isDatabaseEmpty(ctx: AppContext): Promise<boolean> {
  const db = ctx.db.kysely;
  return (await userRepository.count(db)) === 0 && (await divisionRepository.count(db)) === 0;
}

/**
 * Seeds the Yangpu (杨浦区, 310110) demo: real divisions and class catalogues, a demo grid
 * partition (labelled as a demo), responsibility grids, centres, departments, one user per
 * role, components, calendars with the 2026 holidays, and an Open311 API key. Deterministic.
 * Everything goes through the same import commands a user would use, so it is validated too.
 */
export async function seedDemo(
  ctx: AppContext,
  actor: Actor,
  sources: DemoSources,
  options: {
    /** Three weeks of cases through the workflow (default on), so every page has data. */
    history?: boolean;
  } = {},
): Promise<DemoSeedReport> {
  requireAnyRole(actor, ['admin']);
  if (!(await isDatabaseEmpty(ctx))) {
    throw new AppError({
      code: 'CONFLICT',
      text: {
        zh: '数据库非空，演示数据只能写入空数据库',
        en: 'The database is not empty; the demo seeds only an empty database',
      },
      details: [{ reason: 'database not empty' }],
    });
  }
  const counts: Record<string, number> = {};

  // Divisions: all Shanghai districts (outlines, converted from GCJ-02), streets, Yangpu communities.
  counts.districts = (
    await importDivisions(ctx, actor, {
      format: 'geojson',
      content: sources.districtsGeoJson,
      crs: 'gcj02',
    })
  ).imported;
  counts.streets = (
    await importDivisions(ctx, actor, { format: 'csv', content: sources.streetsCsv })
  ).imported;
  counts.communities = (
    await importDivisions(ctx, actor, { format: 'csv', content: sources.communitiesCsv })
  ).imported;

  // Class catalogues with default rules.
  counts.classes2026 = (
    await importClasses(ctx, actor, {
      content: sources.gbt2026ClassesCsv,
      standard: 'GB/T 47678.5-2026',
    })
  ).imported;
  counts.classesLegacy = (
    await importClasses(ctx, actor, {
      content: sources.legacyClassesCsv,
      standard: 'CJ/T 214-2007',
    })
  ).imported;

  // Calendars: standard office hours with the 2026 holidays (default), and round the clock.
  await createTimingScheme(ctx, actor, {
    code: 'standard',
    name: '标准作息（8:00–12:00，14:00–18:00）',
    isDefault: true,
    version: {
      validFrom: '2020-01-01',
      periods: [
        { start: '08:00', end: '12:00' },
        { start: '14:00', end: '18:00' },
      ],
      workingWeekdays: [1, 2, 3, 4, 5],
    },
  });
  await createTimingScheme(ctx, actor, {
    code: 'always',
    name: '全天候（24 小时）',
    version: {
      validFrom: '2020-01-01',
      periods: [{ start: '00:00', end: '24:00' }],
      workingWeekdays: [1, 2, 3, 4, 5, 6, 7],
    },
  });
  const holidays = csvRecords(sources.holidaysCsv).map((row) => ({
    day: row.day ?? '',
    isWorking: row.is_working === 'true',
    note: row.note ?? null,
  }));
  await setCalendarDays(ctx, actor, 'standard', holidays);
  counts.calendarDays = holidays.length;

  // Organisations: district centre, street centres, departments (two levels).
  const db = ctx.db.kysely;
  const district = await divisionRepository.findByCode(db, DEMO_DISTRICT_CODE);
  if (!district) throw new Error('the demo district is missing from the reference data');
  const streets = (
    await divisionRepository.list(db, { parentCode: DEMO_DISTRICT_CODE, level: 'street' })
  ).map((s) => ({ code: s.code, name: s.name }));
  await createOrganisation(ctx, actor, {
    code: 'YP-CENTRE',
    name: '杨浦区城市运行管理中心',
    kind: 'centre',
    level: 'district',
    divisionCode: DEMO_DISTRICT_CODE,
  });
  for (const street of streets) {
    await createOrganisation(ctx, actor, {
      code: `YP-${street.code.slice(6)}`,
      name: `${street.name}网格化管理分中心`,
      kind: 'centre',
      level: 'street',
      parentCode: 'YP-CENTRE',
      divisionCode: street.code,
    });
  }
  for (const dept of DEMO_DEPARTMENTS) {
    await createOrganisation(ctx, actor, {
      code: dept.code,
      name: dept.name,
      kind: 'department',
      level: 'first',
    });
    for (const child of dept.children ?? []) {
      await createOrganisation(ctx, actor, {
        code: child.code,
        name: child.name,
        kind: 'department',
        level: 'second',
        parentCode: dept.code,
      });
    }
  }
  counts.organisations =
    1 + streets.length + DEMO_DEPARTMENTS.reduce((n, d) => n + 1 + (d.children?.length ?? 0), 0);

  // Default responsible department per big class of the 2026 catalogue.
  for (const dept of DEMO_DEPARTMENTS) {
    for (const key of dept.bigClasses) {
      const [kind = 'matter', bigCode = ''] = key.split(':');
      await assignDepartmentByBigClass(ctx, actor, {
        standard: 'GB/T 47678.5-2026',
        kind: kind as 'component' | 'matter',
        bigCode,
        departmentCode: dept.code,
      });
    }
  }

  // Users, one per role.
  const firstStreet = streets[0];
  if (!firstStreet) throw new Error('the demo district has no streets');
  for (const user of DEMO_USERS) {
    await createUser(ctx, actor, {
      username: user.username,
      displayName: user.displayName,
      password: DEMO_PASSWORD,
      roles: [user.role],
      ...(user.scope === 'department'
        ? { organisationCode: 'YP-JGW' }
        : {
            organisationCode:
              user.scope === 'street' ? `YP-${firstStreet.code.slice(6)}` : 'YP-CENTRE',
          }),
      scope:
        user.scope === 'department'
          ? { kind: 'department', organisationCode: 'YP-JGW' }
          : {
              kind: 'region',
              divisionCode: user.scope === 'street' ? firstStreet.code : DEMO_DISTRICT_CODE,
            },
    });
  }

  // Grids: a demo partition of a ~100 m lattice clipped to the district outline.
  const demo =
    (sources.precomputedDistrict as DemoDistrict | undefined) ??
    generateDemoDistrict(demoGeneratorInput(sources));
  const grids = await importGrids(ctx, actor, {
    content: {
      type: 'FeatureCollection',
      features: demo.grids.map((g) => ({
        type: 'Feature',
        properties: { code: g.code },
        geometry: g.geometry,
      })),
    },
    fileName: 'demo-yangpu-grids (generated)',
  });
  counts.unitGrids = grids.imported;
  await putResponsibilityGrids(
    ctx,
    actor,
    demo.responsibilityGrids.map((rg) => ({
      code: rg.code,
      name: rg.name,
      divisionCode: rg.streetCode,
      gridCodes: rg.gridCodes,
      supervisorUsernames: rg.streetCode === firstStreet.code ? ['supervisor'] : [],
    })),
  );
  counts.responsibilityGrids = demo.responsibilityGrids.length;

  // Components, through the CSV importer.
  const header = 'id,name,class_code,status,lng,lat,maintenance_unit,data_source';
  const lines = demo.components.map((c) =>
    [
      c.id,
      c.name,
      c.classCode,
      c.status,
      c.lng.toFixed(7),
      c.lat.toFixed(7),
      '演示养护单位',
      '演示数据',
    ].join(','),
  );
  const components = await importComponents(ctx, actor, {
    format: 'csv',
    content: [header, ...lines].join('\n'),
  });
  if (components.rejected.length > 0)
    throw new Error(`demo components refused: ${JSON.stringify(components.rejected.slice(0, 3))}`);
  counts.components = components.imported;

  // A service user for Open311 clients, with its API key.
  await createUser(ctx, actor, {
    username: 'open311',
    displayName: 'Open311 接入',
    password: `${DEMO_PASSWORD}-open311`,
    roles: ['operator'],
    organisationCode: 'YP-CENTRE',
    scope: { kind: 'region', divisionCode: DEMO_DISTRICT_CODE },
  });
  const token = await createApiToken(ctx, actor, {
    name: 'Open311 demo api_key',
    username: 'open311',
  });

  if (options.history !== false) {
    counts.cases = (
      await seedDemoHistory(ctx, {
        grids: demo.grids,
        districtCode: DEMO_DISTRICT_CODE,
        supervisorStreet: firstStreet.code,
      })
    ).cases;
  }

  return {
    district: { code: DEMO_DISTRICT_CODE, name: district.name },
    label: demo.label,
    counts: { ...counts, users: await userRepository.count(db) },
    logins: DEMO_USERS.map((u) => ({
      username: u.username,
      role: u.role,
      scope:
        u.scope === 'department'
          ? 'YP-JGW 区建设和管理委员会'
          : u.scope === 'street'
            ? `${firstStreet.code} ${firstStreet.name}`
            : `${DEMO_DISTRICT_CODE} ${district.name}`,
    })),
    password: DEMO_PASSWORD,
    open311ApiKey: token.token,
  };
}
