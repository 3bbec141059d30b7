import { api } from '../shared/api';

export type Summary = {
  asOf: string;
  today: {
    reported: number;
    filed: number;
    closed: number;
    disposeDue: number;
    disposedOnTime: number;
    onTimeRate: number | null;
  };
  open: { green: number; yellow: number; red: number; keySupervision: number; overdue: number };
  supervisorsOnShift: number;
  trend: { day: string; reported: number; closed: number }[];
};

export type Ranking = { id: string; name: string; score: number | null; rank: number | null }[];

/** Last month in China time as YYYY-MM when today is the 1st–5th (a month needs days), else this month. */
export function rankingPeriod(now: Date): string {
  const local = new Date(now.getTime() + 8 * 3_600_000);
  const month = local.getUTCDate() <= 5 ? local.getUTCMonth() - 1 : local.getUTCMonth();
  const d = new Date(Date.UTC(local.getUTCFullYear(), month, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

export const screenData = {
  summary: () => api<Summary>('GET', '/api/screen/summary'),
  ranking: async (objectType: string, period: string): Promise<Ranking> => {
    const result = await api<{ rows: Ranking }>(
      'GET',
      `/api/evaluation?objectType=${objectType}&period=${period}`,
    );
    // Ranked objects first (the API orders them so); objects below the minimum sample follow.
    return result.rows.filter((r) => r.score !== null).slice(0, 5);
  },
};
