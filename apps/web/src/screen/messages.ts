/** The big screen's words: Chinese first; English with ?lang=en (same keys, tested). */
export const zh = {
  title: '城市网格化管理指挥大屏',
  asOf: '数据时间 {time}',
  live: '实时',
  reconnecting: '重新连接中',
  reported: '今日上报',
  filed: '今日立案',
  closed: '今日结案',
  onTimeRate: '今日按期处置率',
  overdue: '超期案件',
  keySupervision: '重点监管',
  supervisors: '在岗监督员',
  openByLight: '在办案件亮灯',
  green: '绿灯',
  yellow: '黄灯',
  red: '红灯',
  trend: '近 14 天上报与结案',
  trendReported: '上报',
  trendClosed: '结案',
  streets: '本月街道排名',
  departments: '本月部门排名',
  score: '得分',
  noData: '暂无数据',
  login: '登录大屏',
  username: '用户名',
  password: '密码',
  submit: '登录',
  failed: '登录失败：{reason}',
} as const;

type Shape<T> = { [K in keyof T]: string };

export const en: Shape<typeof zh> = {
  title: 'City grid management command screen',
  asOf: 'As of {time}',
  live: 'Live',
  reconnecting: 'Reconnecting',
  reported: 'Reported today',
  filed: 'Filed today',
  closed: 'Closed today',
  onTimeRate: 'On-time disposal today',
  overdue: 'Overdue cases',
  keySupervision: 'Key supervision',
  supervisors: 'Supervisors on shift',
  openByLight: 'Open cases by light',
  green: 'Green',
  yellow: 'Yellow',
  red: 'Red',
  trend: 'Reported and closed, last 14 days',
  trendReported: 'Reported',
  trendClosed: 'Closed',
  streets: 'Streets this month',
  departments: 'Departments this month',
  score: 'Score',
  noData: 'No data',
  login: 'Sign in to the screen',
  username: 'Username',
  password: 'Password',
  submit: 'Sign in',
  failed: 'Sign-in failed: {reason}',
};

export type ScreenText = keyof typeof zh;

/** The screen's language: ?lang=en, else Chinese. */
export function screenText(lang: string) {
  const table: Record<ScreenText, string> = lang === 'en' ? en : zh;
  return (key: ScreenText, values: Record<string, string | number> = {}) =>
    table[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}
