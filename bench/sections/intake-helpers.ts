// The durability limit for case intake: single-row autocommit inserts into `cases` through the
// same driver (`pg`), one connection per client, each client inserting one row at a time.
import pg from 'pg';
import { nowMs, percentile } from '../lib/timing';
import type { CaseReport, CityPoint } from './load-helpers';

export type RawResult = { rows: number; seconds: number; rate: number; p50: number; p99: number };

/** The columns createCase writes to `cases`, in the order of the values below. */
const INSERT = `insert into cases (
    case_number, state, source, source_ref, level, class_id, condition_code, urgency,
    description, address, lng, lat, grid_code, community_code, street_code, district_code,
    component_id, reporter_user_id, reporter_name, reporter_phone, created_by, created_at,
    updated_at, tracking_code, intake)
  values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,
          $20, $21, $22, $23, $24, $25)`;

/** What the intake writes for a hotline report by `userId` at `point`. */
export function caseRowValues(
  caseNumber: string,
  report: CaseReport,
  point: CityPoint,
  districtCode: string,
  userId: number,
): unknown[] {
  const now = new Date();
  return [
    caseNumber,
    'PENDING_ACCEPT',
    report.source,
    report.sourceRef ?? null,
    'district',
    null,
    null,
    null,
    report.description,
    report.address,
    point.lng,
    point.lat,
    point.grid.code,
    point.grid.communityCode,
    point.grid.streetCode,
    districtCode,
    null,
    userId,
    report.reporterName ?? null,
    report.reporterPhone ?? null,
    userId,
    now,
    now,
    null,
    '{}',
  ];
}

/**
 * `clients` connections inserting rows for `seconds` after `warmSeconds` of the same; `row(n)`
 * gives the values of the n-th row (its case number must be unique).
 */
export async function rawInserts(options: {
  url: string;
  clients: number;
  seconds: number;
  warmSeconds: number;
  row: (n: number) => unknown[];
}): Promise<RawResult> {
  const pool = new pg.Pool({ connectionString: options.url, max: options.clients });
  let n = 0;
  const run = async (seconds: number, latencies: number[] | null): Promise<number> => {
    const deadline = nowMs() + seconds * 1000;
    let rows = 0;
    await Promise.all(
      Array.from({ length: options.clients }, async () => {
        const client = await pool.connect();
        try {
          while (nowMs() < deadline) {
            const start = nowMs();
            await client.query(INSERT, options.row(n++));
            latencies?.push(nowMs() - start);
            rows++;
          }
        } finally {
          client.release();
        }
      }),
    );
    return rows;
  };
  try {
    await run(options.warmSeconds, null);
    const latencies: number[] = [];
    const start = nowMs();
    const rows = await run(options.seconds, latencies);
    const seconds = (nowMs() - start) / 1000;
    return {
      rows,
      seconds,
      rate: rows / seconds,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
    };
  } finally {
    await pool.end();
  }
}
