import { divisionRepository, gridRepository, responsibilityGridRepository, userRepository } from '@xiuhua/db';
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

/** Creates or replaces a responsibility grid (责任网格) with its unit grids and supervisors. */
export async function putResponsibilityGrid(ctx: AppContext, actor: Actor, input: ResponsibilityGridInput): Promise<void> {
  requireAnyRole(actor, ['admin']);
  const db = ctx.db.kysely;
  const division = await divisionRepository.findByCode(db, input.divisionCode);
  if (!division || (division.level !== 'street' && division.level !== 'district')) {
    throw invalidInput('divisionCode', { zh: '须为已知的街道或区', en: 'must be a known street or district' });
  }
  const outside = input.gridCodes.find((code) => !code.startsWith(input.divisionCode));
  if (outside) {
    throw invalidInput('gridCodes', { zh: `网格 ${outside} 不在 ${input.divisionCode} 内`, en: `grid ${outside} is not inside ${input.divisionCode}` });
  }
  const existing = await gridRepository.existingCodes(db, input.gridCodes);
  const missing = input.gridCodes.find((code) => !existing.has(code));
  if (missing) throw invalidInput('gridCodes', { zh: `网格 ${missing} 不存在`, en: `grid ${missing} does not exist` });
  const supervisorIds: number[] = [];
  for (const username of input.supervisorUsernames) {
    const user = await userRepository.findByUsername(db, username);
    if (!user) throw invalidInput('supervisorUsernames', { zh: `用户 ${username} 不存在`, en: `user ${username} does not exist` });
    if (!user.roles.includes('supervisor')) {
      throw invalidInput('supervisorUsernames', { zh: `用户 ${username} 不是监督员`, en: `user ${username} is not a supervisor` });
    }
    supervisorIds.push(user.id);
  }
  const now = ctx.clock.now();
  await inTransaction(ctx, async (trx) => {
    await responsibilityGridRepository.upsert(
      trx,
      {
        code: input.code,
        name: input.name,
        districtCode: input.divisionCode.slice(0, 6),
        streetCode: division.level === 'street' ? division.code : null,
      },
      now,
    );
    await gridRepository.setResponsibilityGrid(trx, input.gridCodes, input.code, now);
    await responsibilityGridRepository.replaceSupervisors(trx, input.code, supervisorIds);
    await audit(trx, { actor, at: now, action: 'put', entity: 'responsibility_grid', entityId: input.code, detail: { ...input } });
  });
  ctx.caches.invalidate(GRIDS_CACHE);
}
