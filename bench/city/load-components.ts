// The component inventory (部件): M components of the catalogue's component classes, spread
// over the city's grids, mostly intact, with 17-digit IDs (district + class + sequence).
import { createPrng, pointInGeometry } from '@xiuhua/domain';
import type pg from 'pg';
import { copyLine, dropSecondaryIndexes, openCopy } from './copy';
import type { City } from './geometry';

const STATUSES: [string, number][] = [
  ['intact', 0.92],
  ['damaged', 0.05],
  ['lost', 0.01],
  ['scrapped', 0.01],
  ['removed', 0.01],
];

export async function loadComponents(
  pool: pg.Pool,
  city: City,
  options: { count: number; seed: number },
): Promise<void> {
  const { rows: classes } = await pool.query<{ id: number; code: string; name: string }>(
    `select id, code, name from case_classes
     where kind = 'component' and standard = 'GB/T 47678.5-2026' and active order by id`,
  );
  if (classes.length === 0) throw new Error('no component classes in the catalogue');
  const random = createPrng(options.seed * 31 + 5);
  // A few classes (manhole covers, lamps, trees …) make most of an inventory.
  const weights = classes.map((_, i) => 1 / (1 + ((i * 7919) % classes.length)) ** 0.9);
  const total = weights.reduce((s, w) => s + w, 0);
  const cumulative = weights.map(
    (
      (sum) => (w) =>
        (sum += w / total)
    )(0),
  );
  const sequence = new Map<number, number>();
  const recreate = await dropSecondaryIndexes(pool, 'components');
  const copy = await openCopy(pool, 'components', [
    'id',
    'class_id',
    'name',
    'status',
    'maintenance_unit',
    'lng',
    'lat',
    'grid_code',
    'street_code',
    'community_code',
    'district_code',
    'data_source',
  ]);
  let chunk = '';
  for (let i = 0; i < options.count; i++) {
    const r = random();
    let k = cumulative.findIndex((c) => c >= r);
    if (k < 0) k = classes.length - 1;
    // IDs have six digits of sequence per class: a full class passes on to the next one.
    while ((sequence.get(classes[k]!.id) ?? 0) >= 999_999) k = (k + 1) % classes.length;
    const cls = classes[k]!;
    const seq = (sequence.get(cls.id) ?? 0) + 1;
    sequence.set(cls.id, seq);
    const grid = city.grids[Math.floor(random() * city.grids.length)]!;
    let [lng, lat] = grid.centroid;
    for (let attempt = 0; attempt < 4; attempt++) {
      const x = grid.bbox[0] + random() * (grid.bbox[2] - grid.bbox[0]);
      const y = grid.bbox[1] + random() * (grid.bbox[3] - grid.bbox[1]);
      if (pointInGeometry([x, y], grid.geometry)) {
        [lng, lat] = [x, y];
        break;
      }
    }
    let status = 'intact';
    let s = random();
    for (const [name, share] of STATUSES) {
      s -= share;
      if (s <= 0) {
        status = name;
        break;
      }
    }
    chunk += copyLine([
      `${city.districtCode}${cls.code}${String(seq).padStart(6, '0')}`,
      cls.id,
      cls.name,
      status,
      '示范养护单位',
      Math.round(lng * 1e7) / 1e7,
      Math.round(lat * 1e7) / 1e7,
      grid.code,
      grid.streetCode,
      grid.communityCode,
      city.districtCode,
      '基准测试生成',
    ]);
    if (chunk.length > 1 << 20) {
      await copy.write(chunk);
      chunk = '';
    }
  }
  await copy.write(chunk);
  await copy.end();
  for (const statement of recreate) await pool.query(statement);
}
