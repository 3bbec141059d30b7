import {
  divisionRepository,
  gridRepository,
  responsibilityGridRepository,
  userRepository,
} from '@xiuhua/db';
import { invalidInput, requireAnyRole, type Actor } from '@xiuhua/domain';
import { inTransaction, type AppContext } from '../context';
import { audit } from '../shared/audit';
import { GRIDS_CACHE } from './grid-locator.cache';

export type ResponsibilityGridInput = {
  code: string;
  name: string;
  /** The street (9 digits) or district (6) the responsibility grid belongs to. */
  divisionCode: string;
  /** Unit grids that make it up; they move here from any other responsibility grid. */
  gridCodes: string[];
  /** Supervisors (监督员) who patrol it. */
  supervisorUsernames: string[];
};

/**
 * Creates or replaces responsibility grids (责任网格) with their unit grids and supervisors,
 * all in one transaction: every input is checked first, and any problem writes nothing.
 */
export async function putResponsibilityGrids(
  ctx: AppContext,
  actor: Actor,
  inputs: readonly ResponsibilityGridInput[],
): Promise<void> {
  requireAnyRole(actor, ['admin']);
  const db = ctx.db.kysely;
  const divisions = new Map(
    (
      await divisionRepository.findManyByCode(db, [...new Set(inputs.map((i) => i.divisionCode))])
    ).map((d) => [d.code, d]),
  );
  const allGrids = inputs.flatMap((i) => i.gridCodes);
  const existing = await gridRepository.existingCodes(db, allGrids);
  const usernames = [...new Set(inputs.flatMap((i) => i.supervisorUsernames))];
  const supervisors = new Map<string, number>();
  for (const username of usernames) {
    const user = await userRepository.findByUsername(db, username);
    if (!user)
      throw invalidInput('supervisorUsernames', {
        zh: `用户 ${username} 不存在`,
        en: `user ${username} does not exist`,
      });
    if (!user.roles.includes('supervisor')) {
      throw invalidInput('supervisorUsernames', {
        zh: `用户 ${username} 不是监督员`,
        en: `user ${username} is not a supervisor`,
      });
    }
    supervisors.set(username, user.id);
  }
  for (const input of inputs) {
    const division = divisions.get(input.divisionCode);
    if (!division || (division.level !== 'street' && division.level !== 'district')) {
      throw invalidInput('divisionCode', {
        zh: `${input.divisionCode} 须为已知的街道或区`,
        en: `${input.divisionCode} must be a known street or district`,
      });
    }
    const outside = input.gridCodes.find((code) => !code.startsWith(input.divisionCode));
    if (outside)
      throw invalidInput('gridCodes', {
        zh: `网格 ${outside} 不在 ${input.divisionCode} 内`,
        en: `grid ${outside} is not inside ${input.divisionCode}`,
      });
    const missing = input.gridCodes.find((code) => !existing.has(code));
    if (missing)
      throw invalidInput('gridCodes', {
        zh: `网格 ${missing} 不存在`,
        en: `grid ${missing} does not exist`,
      });
  }
  const now = ctx.clock.now();
  await inTransaction(ctx, async (trx) => {
    for (const input of inputs) {
      const level = divisions.get(input.divisionCode)?.level;
      await responsibilityGridRepository.upsert(
        trx,
        {
          code: input.code,
          name: input.name,
          districtCode: input.divisionCode.slice(0, 6),
          streetCode: level === 'street' ? input.divisionCode : null,
        },
        now,
      );
      await gridRepository.setResponsibilityGrid(trx, input.gridCodes, input.code, now);
      await responsibilityGridRepository.replaceSupervisors(
        trx,
        input.code,
        input.supervisorUsernames.map((u) => supervisors.get(u) ?? 0),
      );
    }
    await audit(trx, {
      actor,
      at: now,
      action: 'put',
      entity: 'responsibility_grid',
      entityId: inputs.length === 1 ? (inputs[0]?.code ?? null) : null,
      detail: { codes: inputs.map((i) => i.code) },
    });
  });
  ctx.caches.invalidate(GRIDS_CACHE);
}

/** Creates or replaces one responsibility grid. */
export async function putResponsibilityGrid(
  ctx: AppContext,
  actor: Actor,
  input: ResponsibilityGridInput,
): Promise<void> {
  await putResponsibilityGrids(ctx, actor, [input]);
}
