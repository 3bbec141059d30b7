import { Type } from '@sinclair/typebox';
import { listSlaSettings, setStepLimit, setSupervisionRule } from '@xiuhua/core';
import { LimitUnitSchema, Ok, SlipKind, errorResponses } from '@xiuhua/contract';
import { actorOf } from '../../auth/auth.plugin';
import { withTypes, type RouteModule } from '../route-types';

const Urgency = Type.Union([Type.Literal('normal'), Type.Literal('urgent')]);

export const slaSettingsRoutes: RouteModule = (app, ctx) => {
  const api = withTypes(app);
  const tags = ['supervision'];

  api.get(
    '/api/sla-settings',
    {
      schema: {
        tags,
        summary: 'Centre step limits and automatic slip rules / 环节时限与督办规则',
        response: {
          200: Type.Object({
            stepLimits: Type.Array(
              Type.Object({
                step: Type.String(),
                urgency: Urgency,
                limitValue: Type.Integer(),
                limitUnit: LimitUnitSchema,
              }),
            ),
            supervisionRules: Type.Array(
              Type.Object({
                kind: SlipKind,
                enabled: Type.Boolean(),
                steps: Type.Array(Type.String()),
                overtimeShare: Type.Number(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async () => {
      const settings = await listSlaSettings(ctx);
      return {
        stepLimits: settings.stepLimits.map((s) => ({
          step: s.step,
          urgency: s.urgency,
          limitValue: s.limit_value,
          limitUnit: s.limit_unit,
        })),
        supervisionRules: settings.supervisionRules.map((r) => ({
          kind: r.kind,
          enabled: r.enabled,
          steps: r.steps,
          overtimeShare: r.overtime_share,
        })),
      };
    },
  );

  api.put(
    '/api/sla-settings/step-limits/:step/:urgency',
    {
      schema: {
        tags,
        summary: "Set a centre step's limit (admin) / 设置环节时限",
        params: Type.Object({ step: Type.String({ pattern: '^[a-z_]{2,40}$' }), urgency: Urgency }),
        body: Type.Object(
          { limitValue: Type.Integer({ minimum: 1, maximum: 100000 }), limitUnit: LimitUnitSchema },
          { additionalProperties: false },
        ),
        response: { 200: Ok, ...errorResponses },
      },
    },
    async (request) => {
      await setStepLimit(ctx, actorOf(request), {
        step: request.params.step,
        urgency: request.params.urgency,
        limit_value: request.body.limitValue,
        limit_unit: request.body.limitUnit,
      });
      return { ok: true as const };
    },
  );

  api.put(
    '/api/sla-settings/supervision-rules/:kind',
    {
      schema: {
        tags,
        summary: 'Configure an automatic slip (admin, commander) / 设置自动督办规则',
        params: Type.Object({ kind: SlipKind }),
        body: Type.Object(
          {
            enabled: Type.Boolean(),
            steps: Type.Array(Type.String({ pattern: '^[a-z_]{2,40}$' }), { maxItems: 12 }),
            overtimeShare: Type.Number({ minimum: 0, maximum: 100 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Ok, ...errorResponses },
      },
    },
    async (request) => {
      await setSupervisionRule(ctx, actorOf(request), {
        kind: request.params.kind,
        enabled: request.body.enabled,
        steps: request.body.steps,
        overtime_share: request.body.overtimeShare,
      });
      return { ok: true as const };
    },
  );
};
