import type { DemoSeedReport } from '@xiuhua/core';

/** The text printed after seeding: logins per role and the Open311 api_key. */
export function formatDemoReport(report: DemoSeedReport, baseUrl?: string): string {
  const width = Math.max(...report.logins.map((l) => l.username.length));
  const lines = [
    '',
    `演示区 / demo district: ${report.district.name} (${report.district.code})`,
    `  ${report.label}`,
    `  ${Object.entries(report.counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(' · ')}`,
    '',
    `演示账号 / demo logins (password 密码: ${report.password})`,
    ...report.logins.map((l) => `  ${l.username.padEnd(width)}  ${l.role.padEnd(18)} ${l.scope}`),
    '',
    `Open311 api_key: ${report.open311ApiKey}`,
    ...(baseUrl ? [`  e.g. curl ${baseUrl}/open311/v2/services.json`] : []),
    '  (shown once; admins can issue new keys under /api/api-tokens)',
    '  As "Authorization: Bearer <key>" it also pushes 12345 orders and device alarms.',
    ...(baseUrl
      ? [
          '',
          `城管通 supervisor app: ${baseUrl}/app/  (log in as supervisor)`,
          `市民随手拍 citizen page: ${baseUrl}/citizen/`,
          `指挥大屏 big screen: ${baseUrl}/screen/  (log in as commander)`,
        ]
      : []),
    '',
  ];
  return lines.join('\n');
}
