import { addressPointRepository, type AddressPointRow } from '@xiuhua/db';
import { invalidInput, parseCsv, requireAnyRole, type Actor } from '@xiuhua/domain';
import { inTransaction, type AppContext } from '../context';
import { gridIndex } from '../grids/grid-locator.cache';
import { rejection, type ImportSummary, type RejectedRow } from '../imports/import-report';
import { audit } from '../shared/audit';

const ID = /^[A-Za-z0-9_.:-]{1,64}$/;

/**
 * Imports address points (门牌/地址点) for the geocoder from CSV `id,address,lng,lat` (WGS84).
 * Each must lie in a unit grid; valid rows are written in one transaction (new ids added,
 * known ids updated), refused rows reported with reasons.
 */
export async function importAddressPoints(
  ctx: AppContext,
  actor: Actor,
  input: { content: string; dryRun?: boolean; fileName?: string | null },
): Promise<ImportSummary> {
  requireAnyRole(actor, ['admin']);
  const table = parseCsv(input.content);
  const header = table.header.map((h) => h.trim().toLowerCase());
  const column = (name: string) => header.indexOf(name);
  const missing = ['id', 'address', 'lng', 'lat'].filter((name) => column(name) < 0);
  if (missing.length > 0)
    throw invalidInput('file', {
      zh: `缺少列：${missing.join(', ')}（需要 id,address,lng,lat）`,
      en: `missing columns: ${missing.join(', ')} (need id,address,lng,lat)`,
    });
  const { locator } = await gridIndex(ctx);
  const now = ctx.clock.now();
  const rejected: RejectedRow[] = [];
  const rows: AddressPointRow[] = [];
  const seen = new Set<string>();
  for (const record of table.rows) {
    const cell = (name: string) => (record.values[column(name)] ?? '').trim();
    const id = cell('id');
    const address = cell('address');
    const lng = Number(cell('lng'));
    const lat = Number(cell('lat'));
    const where = { line: record.line, ...(id ? { id } : {}) };
    const refuse = (field: string, zh: string, en: string) =>
      rejected.push(rejection({ ...where, field }, { zh, en }));
    if (!ID.test(id))
      refuse('id', '编号须为 1–64 位字母、数字或 _.:-', 'must be 1–64 of A-Z a-z 0-9 _ . : -');
    else if (seen.has(id)) refuse('id', '编号在文件中重复', 'repeated in the file');
    else if (address.length < 2 || address.length > 200)
      refuse('address', '地址须为 2–200 个字符', 'must be 2–200 characters');
    else if (
      !Number.isFinite(lng) ||
      !Number.isFinite(lat) ||
      cell('lng') === '' ||
      cell('lat') === ''
    )
      refuse('lng,lat', '坐标不是数字', 'coordinates are not numbers');
    else {
      const grid = locator.locate(lng, lat);
      if (!grid)
        refuse('lng,lat', '位置不在任何单元网格内', 'position is not inside any unit grid');
      else {
        seen.add(id);
        rows.push({
          id,
          address,
          lng,
          lat,
          grid_code: grid.code,
          created_at: now,
          updated_at: now,
        });
      }
    }
  }
  if (!input.dryRun && rows.length > 0) {
    await inTransaction(ctx, async (trx) => {
      await addressPointRepository.upsertMany(trx, rows);
      await audit(trx, {
        actor,
        at: now,
        action: 'import',
        entity: 'address_point',
        entityId: null,
        detail: {
          fileName: input.fileName ?? null,
          imported: rows.length,
          rejected: rejected.length,
        },
      });
    });
  }
  return {
    total: table.rows.length,
    imported: input.dryRun ? 0 : rows.length,
    rejected,
    dryRun: input.dryRun ?? false,
  };
}
