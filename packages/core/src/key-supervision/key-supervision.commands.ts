import { divisionRepository, keySupervisionRepository } from '@xiuhua/db';
import {
  bboxOf,
  invalidInput,
  notFound,
  requireAnyRole,
  validateAreaGeometry,
  type Actor,
  type AreaGeometry,
} from '@xiuhua/domain';
import { inTransaction, type AppContext } from '../context';
import { audit } from '../shared/audit';

/** Adds a key area (重点区域): cases inside it get the stricter factor. */
export async function addKeyArea(
  ctx: AppContext,
  actor: Actor,
  input: { name: string; geometry: unknown; factor: number },
): Promise<number> {
  requireAnyRole(actor, ['admin', 'commander']);
  const problem = validateAreaGeometry(input.geometry)[0];
  if (problem) throw invalidInput('geometry', problem.reason);
  const geometry = input.geometry as AreaGeometry;
  const now = ctx.clock.now();
  return inTransaction(ctx, async (trx) => {
    const id = await keySupervisionRepository.insertArea(trx, {
      name: input.name,
      geometry: geometry,
      bbox: bboxOf(geometry),
      factor: input.factor,
    });
    await audit(trx, {
      actor,
      at: now,
      action: 'create',
      entity: 'key_area',
      entityId: id,
      detail: { name: input.name, factor: input.factor },
    });
    return id;
  });
}

/** Changes a key area's name, outline and factor. */
export async function updateKeyArea(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: { name: string; geometry: unknown; factor: number },
): Promise<void> {
  requireAnyRole(actor, ['admin', 'commander']);
  const problem = validateAreaGeometry(input.geometry)[0];
  if (problem) throw invalidInput('geometry', problem.reason);
  const geometry = input.geometry as AreaGeometry;
  const now = ctx.clock.now();
  await inTransaction(ctx, async (trx) => {
    const updated = await keySupervisionRepository.updateArea(trx, id, {
      name: input.name,
      geometry,
      bbox: bboxOf(geometry),
      factor: input.factor,
    });
    if (updated === 0) throw notFound({ zh: '重点区域', en: 'Key area' }, String(id));
    await audit(trx, {
      actor,
      at: now,
      action: 'update',
      entity: 'key_area',
      entityId: id,
      detail: { name: input.name, factor: input.factor },
    });
  });
}

/** Adds a key period (重点时段), e.g. a major event, with its factor. */
export async function addKeyPeriod(
  ctx: AppContext,
  actor: Actor,
  input: { name: string; startsAt: Date; endsAt: Date; factor: number },
): Promise<number> {
  requireAnyRole(actor, ['admin', 'commander']);
  if (input.endsAt.getTime() <= input.startsAt.getTime())
    throw invalidInput('endsAt', { zh: '结束时间须晚于开始时间', en: 'must be after startsAt' });
  const now = ctx.clock.now();
  return inTransaction(ctx, async (trx) => {
    const id = await keySupervisionRepository.insertPeriod(trx, input);
    await audit(trx, {
      actor,
      at: now,
      action: 'create',
      entity: 'key_period',
      entityId: id,
      detail: { ...input },
    });
    return id;
  });
}

/** Changes a key period's name, times and factor. */
export async function updateKeyPeriod(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: { name: string; startsAt: Date; endsAt: Date; factor: number },
): Promise<void> {
  requireAnyRole(actor, ['admin', 'commander']);
  if (input.endsAt.getTime() <= input.startsAt.getTime())
    throw invalidInput('endsAt', { zh: '结束时间须晚于开始时间', en: 'must be after startsAt' });
  const now = ctx.clock.now();
  await inTransaction(ctx, async (trx) => {
    if ((await keySupervisionRepository.updatePeriod(trx, id, input)) === 0)
      throw notFound({ zh: '重点时段', en: 'Key period' }, String(id));
    await audit(trx, {
      actor,
      at: now,
      action: 'update',
      entity: 'key_period',
      entityId: id,
      detail: { ...input },
    });
  });
}

export async function deleteKeyArea(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  requireAnyRole(actor, ['admin', 'commander']);
  const now = ctx.clock.now();
  await inTransaction(ctx, async (trx) => {
    if ((await keySupervisionRepository.deleteArea(trx, id)) === 0)
      throw notFound({ zh: '重点区域', en: 'Key area' }, String(id));
    await audit(trx, { actor, at: now, action: 'delete', entity: 'key_area', entityId: id });
  });
}

export async function deleteKeyPeriod(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  requireAnyRole(actor, ['admin', 'commander']);
  const now = ctx.clock.now();
  await inTransaction(ctx, async (trx) => {
    if ((await keySupervisionRepository.deletePeriod(trx, id)) === 0)
      throw notFound({ zh: '重点时段', en: 'Key period' }, String(id));
    await audit(trx, { actor, at: now, action: 'delete', entity: 'key_period', entityId: id });
  });
}

export async function listKeySupervision(ctx: AppContext) {
  const db = ctx.db.kysely;
  return {
    areas: await keySupervisionRepository.listAreas(db),
    periods: await keySupervisionRepository.listPeriods(db),
    factors: Object.fromEntries(await keySupervisionRepository.factors(db)),
  };
}

/** Sets the key-class factor or a region class's factor (urban core / fringe / rural). */
export async function setLimitFactor(
  ctx: AppContext,
  actor: Actor,
  input: {
    key: 'key_class' | 'area_class:core' | 'area_class:fringe' | 'area_class:rural';
    factor: number;
  },
) {
  requireAnyRole(actor, ['admin']);
  if (input.key === 'key_class' && input.factor > 1)
    throw invalidInput('factor', {
      zh: '重点类别系数不能大于 1',
      en: 'the key-class factor is at most 1',
    });
  const now = ctx.clock.now();
  await inTransaction(ctx, async (trx) => {
    await keySupervisionRepository.setFactor(trx, input.key, input.factor);
    await audit(trx, {
      actor,
      at: now,
      action: 'set_factor',
      entity: 'limit_factor',
      entityId: input.key,
      detail: { factor: input.factor },
    });
  });
}

/** Classifies a street or district as urban core, fringe or rural (区域分类) for differentiated limits. */
export async function setAreaClass(
  ctx: AppContext,
  actor: Actor,
  input: { divisionCode: string; areaClass: 'core' | 'fringe' | 'rural' | null },
) {
  requireAnyRole(actor, ['admin']);
  const now = ctx.clock.now();
  await inTransaction(ctx, async (trx) => {
    const division = await divisionRepository.findByCode(trx, input.divisionCode);
    if (!division) throw notFound({ zh: '行政区划', en: 'Division' }, input.divisionCode);
    await divisionRepository.setAreaClass(trx, input.divisionCode, input.areaClass, now);
    await audit(trx, {
      actor,
      at: now,
      action: 'set_area_class',
      entity: 'division',
      entityId: input.divisionCode,
      detail: { areaClass: input.areaClass },
    });
  });
}
