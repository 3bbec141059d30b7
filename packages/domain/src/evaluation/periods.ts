import { invalidInput } from '../errors/app-error';

/**
 * Evaluation periods in China Standard Time (UTC+8, no daylight saving): a month `2026-11`, a
 * quarter `2026-Q4`, a year `2026`, or a custom range of local days `from`–`to` (both included).
 * `from` is inclusive and `to` exclusive as instants.
 */
export type EvaluationPeriod = {
  kind: 'month' | 'quarter' | 'year' | 'custom';
  label: string;
  from: Date;
  to: Date;
};

const OFFSET = '+08:00';
const MAX_CUSTOM_DAYS = 366;
const pad = (n: number) => String(n).padStart(2, '0');
const localMidnight = (year: number, month: number, day = 1) =>
  new Date(`${year}-${pad(month)}-${pad(day)}T00:00:00${OFFSET}`);

function monthStart(year: number, month: number): Date {
  // Month 13 rolls into January of the next year.
  return localMidnight(year + Math.floor((month - 1) / 12), ((month - 1) % 12) + 1);
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function localDay(text: string, field: string): Date {
  const m = DAY.exec(text);
  const [y, mo, d] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  const utc = new Date(Date.UTC(y, mo - 1, d));
  if (!m || utc.getUTCFullYear() !== y || utc.getUTCMonth() !== mo - 1 || utc.getUTCDate() !== d)
    throw invalidInput(field, { zh: '须为日期 YYYY-MM-DD', en: 'must be a date YYYY-MM-DD' });
  return localMidnight(y, mo, d);
}

/** The period named by `period`, or by `from`/`to` local days when `period` is `custom`. */
export function parsePeriod(input: {
  period: string;
  from?: string;
  to?: string;
}): EvaluationPeriod {
  const { period } = input;
  let m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) {
    const [year, month] = [Number(m[1]), Number(m[2])];
    if (month >= 1 && month <= 12)
      return {
        kind: 'month',
        label: period,
        from: monthStart(year, month),
        to: monthStart(year, month + 1),
      };
  }
  m = /^(\d{4})-Q([1-4])$/.exec(period);
  if (m) {
    const [year, quarter] = [Number(m[1]), Number(m[2])];
    const first = (quarter - 1) * 3 + 1;
    return {
      kind: 'quarter',
      label: period,
      from: monthStart(year, first),
      to: monthStart(year, first + 3),
    };
  }
  m = /^(\d{4})$/.exec(period);
  if (m) {
    const year = Number(m[1]);
    return { kind: 'year', label: period, from: monthStart(year, 1), to: monthStart(year + 1, 1) };
  }
  if (period === 'custom') {
    if (!input.from)
      throw invalidInput('from', {
        zh: '自定义期间须给出开始日期',
        en: 'required for a custom period',
      });
    if (!input.to)
      throw invalidInput('to', {
        zh: '自定义期间须给出结束日期',
        en: 'required for a custom period',
      });
    const from = localDay(input.from, 'from');
    const last = localDay(input.to, 'to');
    const to = new Date(last.getTime() + 86_400_000);
    if (to.getTime() <= from.getTime())
      throw invalidInput('to', { zh: '结束日期不能早于开始日期', en: 'must not be before from' });
    if ((to.getTime() - from.getTime()) / 86_400_000 > MAX_CUSTOM_DAYS)
      throw invalidInput('to', {
        zh: `自定义期间最长 ${MAX_CUSTOM_DAYS} 天`,
        en: `a custom period is at most ${MAX_CUSTOM_DAYS} days`,
      });
    return { kind: 'custom', label: `${input.from}~${input.to}`, from, to };
  }
  throw invalidInput('period', {
    zh: '期间须为 YYYY-MM、YYYY-Qn、YYYY 或 custom',
    en: 'must be YYYY-MM, YYYY-Qn, YYYY or custom',
  });
}
