import { invalidInput, type LocalizedText } from '../errors/app-error';

/**
 * Count-score tables (数量分值, DOMAIN.md §6): a count is turned into a score 0–100 by bands.
 * A band starts at `min` (inclusive) and runs up to the next band's `min`, so a table has no
 * gaps and no overlaps: bands [{0,0},{101,40}] read "≤ 100 → 0, ≥ 101 → 40". Bands are in
 * ascending `min` and the first starts at 0; the score may rise (more work is better: operators,
 * dispatchers) or fall (fewer problems is better: departments, regions).
 *
 * A table holds one band list per **class** (区域类别 for regions, 部门分组 for departments),
 * chosen per evaluated object; objects without a class use the table's `defaultClass`.
 */
export type CountScoreBand = { min: number; score: number };

export type CountScoreTable = {
  label: LocalizedText;
  defaultClass: string;
  classes: Readonly<Record<string, readonly CountScoreBand[]>>;
};

export type CountTableKey =
  'operator_accepted' | 'dispatcher_dispatched' | 'department_filed' | 'region_filed';

// ≥2001 → 100, 1201–2000 → 90, 501–1200 → 75, 301–500 → 60, 101–300 → 40, ≤100 → 0.
const WORKLOAD_BANDS: readonly CountScoreBand[] = [
  { min: 0, score: 0 },
  { min: 101, score: 40 },
  { min: 301, score: 60 },
  { min: 501, score: 75 },
  { min: 1201, score: 90 },
  { min: 2001, score: 100 },
];

export const DEFAULT_COUNT_TABLES: Readonly<Record<CountTableKey, CountScoreTable>> = {
  operator_accepted: {
    label: { zh: '受理数分值', en: 'Accepted-count score' },
    defaultClass: 'default',
    classes: { default: WORKLOAD_BANDS },
  },
  dispatcher_dispatched: {
    label: { zh: '派遣数分值', en: 'Dispatched-count score' },
    defaultClass: 'default',
    classes: { default: WORKLOAD_BANDS },
  },
  // Fewer is better: 0–50 → 100, 51–100 → 90, 101–200 → 75, 201–500 → 60, 501–1000 → 40,
  // > 1000 → 0. Cities set one list per department group.
  department_filed: {
    label: { zh: '立案数分值', en: 'Filed-count score' },
    defaultClass: 'default',
    classes: {
      default: [
        { min: 0, score: 100 },
        { min: 51, score: 90 },
        { min: 101, score: 75 },
        { min: 201, score: 60 },
        { min: 501, score: 40 },
        { min: 1001, score: 0 },
      ],
    },
  },
  // Per area class; DOMAIN.md gives class 1 only (0 → 100, 1–2 → 90, 3–4 → 75, 5–6 → 60,
  // 7–8 → 40, ≥ 9 → 0). Larger areas need classes of their own, set by the city.
  region_filed: {
    label: { zh: '立案数分值', en: 'Filed-count score' },
    defaultClass: '1',
    classes: {
      '1': [
        { min: 0, score: 100 },
        { min: 1, score: 90 },
        { min: 3, score: 75 },
        { min: 5, score: 60 },
        { min: 7, score: 40 },
        { min: 9, score: 0 },
      ],
    },
  },
};

export type CountScoreValue = {
  count: number;
  countClass: string;
  /** The band the count fell in, with its inclusive upper end (null: open-ended). */
  band: { min: number; max: number | null; score: number };
  score: number;
};

/**
 * The score of a count in a table. `countClass` picks the band list (default: the table's
 * `defaultClass`); an unknown class or a count below the first band is an input error.
 */
export function countScore(options: {
  table: CountScoreTable;
  count: number;
  countClass?: string | undefined;
}): CountScoreValue {
  const { table, count } = options;
  const countClass = options.countClass ?? table.defaultClass;
  const bands = Object.hasOwn(table.classes, countClass) ? table.classes[countClass] : undefined;
  if (bands === undefined)
    throw invalidInput('countClass', {
      zh: `计数分值表“${table.label.zh}”没有类别 ${countClass}`,
      en: `the count-score table "${table.label.en}" has no class ${countClass}`,
    });
  let index = -1;
  for (let i = 0; i < bands.length; i++) if (count >= (bands[i]?.min ?? Infinity)) index = i;
  const band = bands[index];
  if (band === undefined)
    throw invalidInput('count', {
      zh: `计数 ${count} 低于分值表的最低档`,
      en: `count ${count} is below the table's first band`,
    });
  const next = bands[index + 1];
  return {
    count,
    countClass,
    band: { min: band.min, max: next === undefined ? null : next.min - 1, score: band.score },
    score: band.score,
  };
}
