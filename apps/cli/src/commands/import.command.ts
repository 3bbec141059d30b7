import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ApiClient } from '@xiuhua/server';
import { openClient } from '../client';
import { progressBar, reportApiError } from '../output';

const HELP = `xiuhua import <grids|components|divisions|classes|address-points> <file> [options]

  grids       GeoJSON FeatureCollection of unit grids; all or nothing   [--crs gcj02] [--dry-run] [--allow-gaps]
  components  CSV or GeoJSON points, sent in batches of --batch rows    [--dry-run] [--batch 5000]
  divisions   CSV (code,name,…) or GeoJSON (code|adcode, name)          [--crs gcj02] [--dry-run]
  classes     CSV kind,big_code,big_name,code,name                      --standard gbt2026|legacy|local
  address-points  CSV id,address,lng,lat (WGS84) for the geocoder       [--dry-run]

  --url URL --token T   import into a running server instead of the local database`;

type Summary = {
  total: number;
  imported: number;
  rejected: {
    line?: number;
    featureIndex?: number;
    id?: string;
    field?: string;
    reason: string;
    reason_zh: string;
  }[];
};

function printRejected(rejected: Summary['rejected']): void {
  if (rejected.length === 0) return;
  process.stdout.write(`\n被拒绝 / rejected rows (${rejected.length}):\n`);
  for (const row of rejected.slice(0, 200)) {
    const where =
      row.line !== undefined
        ? `line ${row.line}`
        : row.featureIndex !== undefined
          ? `feature ${row.featureIndex}`
          : '';
    process.stdout.write(
      `  ${where}${row.id ? ` [${row.id}]` : ''}${row.field ? ` ${row.field}` : ''}: ${row.reason_zh} / ${row.reason}\n`,
    );
  }
  if (rejected.length > 200) process.stdout.write(`  … and ${rejected.length - 200} more\n`);
}

function query(values: Record<string, string | boolean | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values))
    if (value !== undefined && value !== false) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function sendWhole(
  client: ApiClient,
  kind: string,
  file: string,
  extra: Record<string, string | boolean | undefined>,
): Promise<number> {
  const content = readFileSync(file, 'utf8');
  const isJson = /\.(geo)?json$/i.test(file);
  const bar = progressBar(`上传并校验 / uploading ${path.basename(file)}`, 2);
  bar.tick(1);
  const result = await client.request({
    method: 'POST',
    url: `/api/imports/${kind}${query({ ...extra, fileName: path.basename(file) })}`,
    body: content,
    contentType: isJson ? 'application/geo+json' : 'text/csv',
  });
  bar.finish();
  if (result.status !== 200) return reportApiError(result.status, result.body);
  if (kind === 'grids') {
    const report = result.body as {
      status: string;
      imported: number;
      featureCount: number;
      warnings: { reason_zh: string; reason: string }[];
      coveredAreaM2: number | null;
    };
    process.stdout.write(
      `${report.status === 'valid' ? '校验通过（未写入）/ valid (dry run)' : '已导入 / imported'}: ${report.imported}/${report.featureCount} grids\n`,
    );
    for (const warning of report.warnings)
      process.stdout.write(`  警告 / warning: ${warning.reason_zh} / ${warning.reason}\n`);
    return 0;
  }
  const summary = result.body as Summary;
  process.stdout.write(`已导入 / imported ${summary.imported} of ${summary.total}\n`);
  printRejected(summary.rejected);
  return summary.rejected.length > 0 ? 1 : 0;
}

/** Splits a CSV into header + batches of data lines (quoted newlines kept together). */
function csvBatches(
  content: string,
  size: number,
): { header: string; batches: string[]; rows: number } {
  const lines: string[] = [];
  let current = '';
  let quotes = 0;
  for (const line of content.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    current = current ? `${current}\n${line}` : line;
    quotes += (line.match(/"/g) ?? []).length;
    if (quotes % 2 === 0) {
      if (current.trim() !== '') lines.push(current);
      current = '';
      quotes = 0;
    }
  }
  const [header = '', ...rows] = lines;
  const batches: string[] = [];
  for (let i = 0; i < rows.length; i += size) batches.push(rows.slice(i, i + size).join('\n'));
  return { header, batches, rows: rows.length };
}

async function sendComponents(
  client: ApiClient,
  file: string,
  dryRun: boolean,
  batchSize: number,
): Promise<number> {
  const content = readFileSync(file, 'utf8');
  if (/\.(geo)?json$/i.test(file)) return sendWhole(client, 'components', file, { dryRun });
  const { header, batches, rows } = csvBatches(content, batchSize);
  const bar = progressBar(`导入部件 / components ${path.basename(file)}`, rows);
  let done = 0;
  let imported = 0;
  const rejected: Summary['rejected'] = [];
  for (const [index, batch] of batches.entries()) {
    const result = await client.request({
      method: 'POST',
      url: `/api/imports/components${query({ dryRun, fileName: path.basename(file) })}`,
      body: `${header}\n${batch}`,
      contentType: 'text/csv',
    });
    if (result.status !== 200) {
      bar.finish();
      return reportApiError(result.status, result.body);
    }
    const summary = result.body as Summary;
    imported += summary.imported;
    // Lines are numbered per batch by the server; shift them back to file lines.
    const offset = index * batchSize;
    rejected.push(
      ...summary.rejected.map((r) => (r.line !== undefined ? { ...r, line: r.line + offset } : r)),
    );
    done += summary.total;
    bar.tick(done);
  }
  bar.finish();
  process.stdout.write(
    `已导入 / imported ${imported} of ${rows}${dryRun ? ' (dry run: nothing written)' : ''}\n`,
  );
  printRejected(rejected);
  return rejected.length > 0 ? 1 : 0;
}

export async function importCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      crs: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'allow-gaps': { type: 'boolean' },
      standard: { type: 'string' },
      batch: { type: 'string' },
      url: { type: 'string' },
      token: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  const [kind, file] = positionals;
  if (
    values.help ||
    !kind ||
    !file ||
    !['grids', 'components', 'divisions', 'classes', 'address-points'].includes(kind)
  ) {
    process.stderr.write(`${HELP}\n`);
    return values.help ? 0 : 2;
  }
  if (values.crs && values.crs !== 'wgs84' && values.crs !== 'gcj02') {
    process.stderr.write('--crs must be wgs84 or gcj02\n');
    return 2;
  }
  try {
    statSync(file);
  } catch {
    process.stderr.write(`文件不存在 / no such file: ${file}\n`);
    return 2;
  }
  const client = await openClient(values);
  try {
    const dryRun = values['dry-run'] ?? false;
    switch (kind) {
      case 'grids':
        return await sendWhole(client, 'grids', file, {
          crs: values.crs,
          dryRun,
          allowGaps: values['allow-gaps'],
        });
      case 'divisions':
        return await sendWhole(client, 'divisions', file, { crs: values.crs, dryRun });
      case 'address-points':
        return await sendWhole(client, 'address-points', file, { dryRun });
      case 'classes':
        if (!values.standard) {
          process.stderr.write('--standard gbt2026|legacy|local is required for classes\n');
          return 2;
        }
        return await sendWhole(client, 'classes', file, { standard: values.standard, dryRun });
      default: {
        const batch = Number(values.batch ?? 5000);
        if (!Number.isInteger(batch) || batch < 1) {
          process.stderr.write('--batch must be a positive integer\n');
          return 2;
        }
        return await sendComponents(client, file, dryRun, batch);
      }
    }
  } finally {
    await client.close();
  }
}
