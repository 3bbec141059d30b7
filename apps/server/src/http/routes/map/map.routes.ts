import { Type } from '@sinclair/typebox';
import { mapCases, mapGrids, publicMap, supervisorTracks } from '@xiuhua/core';
import { errorResponses } from '@xiuhua/contract';
import { invalidInput } from '@xiuhua/domain';
import { actorOf } from '../../auth/auth.plugin';
import { parseBBox } from '../../presenters/geo.presenter';
import { withTypes, type RouteModule } from '../route-types';

const BBoxQuery = Type.Object({
  bbox: Type.String({
    pattern: '^-?[0-9.]+,-?[0-9.]+,-?[0-9.]+,-?[0-9.]+$',
    description: 'minLng,minLat,maxLng,maxLat (WGS84)',
  }),
});

function bboxOf(text: string) {
  const bbox = parseBBox(text);
  if (!bbox) throw invalidInput('bbox', { zh: '范围无效', en: 'not a valid bbox' });
  return bbox;
}

const feature = (geometry: unknown, properties: Record<string, unknown>) => ({
  type: 'Feature' as const,
  geometry,
  properties,
});

/** The console map's data, as GeoJSON: grids coloured by open cases, cases, patrol tracks. */
export const mapRoutes: RouteModule = (app, ctx) => {
  const api = withTypes(app);
  const tags = ['map'];

  api.get(
    '/api/map/config',
    { schema: { tags, summary: 'Basemap settings and outlines / 底图配置' } },
    async () => ({ tileUrl: ctx.settings.mapTileUrl, ...(await publicMap(ctx)) }),
  );

  api.get(
    '/api/map/grids',
    {
      schema: {
        tags,
        summary: 'Unit grids in view with open cases and the worst light / 网格着色',
        querystring: BBoxQuery,
        response: errorResponses,
      },
    },
    async (request) => ({
      type: 'FeatureCollection',
      features: (await mapGrids(ctx, actorOf(request), bboxOf(request.query.bbox))).map((g) =>
        feature(g.geometry, {
          code: g.code,
          name: g.name ?? g.code,
          responsibilityGridCode: g.responsibilityGridCode,
          responsibilityGridName: g.responsibilityGridName,
          openCases: g.openCases,
          light: g.light ?? 'none',
        }),
      ),
    }),
  );

  api.get(
    '/api/map/cases',
    {
      schema: {
        tags,
        summary: 'Open cases in view with their light / 案件分布',
        querystring: BBoxQuery,
        response: errorResponses,
      },
    },
    async (request) => ({
      type: 'FeatureCollection',
      features: (await mapCases(ctx, actorOf(request), bboxOf(request.query.bbox))).map((c) =>
        feature(
          { type: 'Point', coordinates: [c.lng, c.lat] },
          {
            id: c.id,
            caseNumber: c.caseNumber,
            state: c.state,
            light: c.light,
            keySupervision: c.keySupervision,
          },
        ),
      ),
    }),
  );

  api.get(
    '/api/map/patrols',
    {
      schema: {
        tags,
        summary: "Supervisors' tracks of a day and where each was last seen / 监督员轨迹",
        querystring: Type.Object({
          day: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
        }),
        response: errorResponses,
      },
    },
    async (request) => {
      const tracks = await supervisorTracks(ctx, actorOf(request), request.query.day);
      return {
        type: 'FeatureCollection',
        features: tracks.flatMap((s) => [
          feature(
            { type: 'LineString', coordinates: s.track },
            { userId: s.userId, name: s.name, kind: 'track' },
          ),
          feature(
            { type: 'Point', coordinates: [s.last.lng, s.last.lat] },
            { userId: s.userId, name: s.name, kind: 'position', at: s.last.at.toISOString() },
          ),
        ]),
      };
    },
  );
};
