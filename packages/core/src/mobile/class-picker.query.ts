import { catalogueRepository } from '@xiuhua/db';
import { pinyin } from 'pinyin-pro';
import type { AppContext } from '../context';
import { serviceCodeOf } from '../open311/open311-services';

export type PickerClass = {
  id: number;
  serviceCode: string;
  kind: string;
  name: string;
  bigName: string;
  /** Full pinyin without tones, e.g. "gongshuijinggai", for search as you type. */
  pinyin: string;
  /** First letters, e.g. "gsjg". */
  initials: string;
};

const cache = new WeakMap<AppContext, { count: number; items: PickerClass[] }>();

/**
 * The classes a supervisor can report under (current standard and local, active), with pinyin
 * so the app can search "jg" or "jinggai" as well as 井盖 without shipping a pinyin dictionary.
 */
export async function classPicker(ctx: AppContext): Promise<PickerClass[]> {
  const rows = (await catalogueRepository.list(ctx.db.kysely, { activeOnly: true })).filter(
    (r) => r.standard !== 'CJ/T 214-2007',
  );
  const cached = cache.get(ctx);
  if (
    cached &&
    cached.count === rows.length &&
    cached.items.every((c, i) => c.id === rows[i]?.id && c.name === rows[i]?.name)
  )
    return cached.items;
  const items = rows.map((r) => ({
    id: r.id,
    serviceCode: serviceCodeOf(r),
    kind: r.kind,
    name: r.name,
    bigName: r.big_name,
    pinyin: pinyin(r.name, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).join(''),
    initials: pinyin(r.name, { pattern: 'first', toneType: 'none', type: 'array' }).join(''),
  }));
  cache.set(ctx, { count: rows.length, items });
  return items;
}
