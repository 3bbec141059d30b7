import { ref } from 'vue';

const zh = {
  appName: '城管通',
  login: '登录',
  username: '用户名',
  password: '密码',
  logout: '退出',
  tasks: '任务',
  report: '上报',
  history: '历史',
  patrol: '巡查',
  online: '在线',
  offline: '离线',
  pending: '待发送',
  verify: '核实',
  check: '核查',
  verifyTrue: '属实',
  verifyFalse: '不属实',
  checkPass: '通过',
  checkFail: '不通过',
  opinion: '意见',
  noTasks: '暂无任务',
  due: '时限',
  locate: '重新定位',
  locating: '定位中…',
  position: '位置',
  grid: '网格',
  notInMyGrids: '不在我的责任网格内',
  components: '附近部件',
  classSearch: '类别（中文、拼音或首字母）',
  description: '问题描述',
  phrases: '常用语',
  photosBefore: '现场照片',
  photosAfter: '处置后照片',
  selfDispose: '自行处置（已现场解决）',
  submit: '提交',
  saved: '已保存，联网后自动发送',
  needPosition: '请先定位',
  needDescription: '请填写问题描述',
  needPhotos: '自行处置须有处置前后照片',
  myReports: '我的上报',
  queued: '待发送',
  failed: '发送失败',
  retry: '重试',
  discard: '删除',
  clockIn: '上班打卡',
  clockOut: '下班打卡',
  onDuty: '在岗',
  offDuty: '未上班',
  coverage: '今日网格巡查覆盖',
  points: '轨迹点',
  loginFailed: '登录失败',
  lang: 'EN',
} as const;

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  appName: 'Supervisor',
  login: 'Log in',
  username: 'Username',
  password: 'Password',
  logout: 'Log out',
  tasks: 'Tasks',
  report: 'Report',
  history: 'History',
  patrol: 'Patrol',
  online: 'Online',
  offline: 'Offline',
  pending: 'Pending',
  verify: 'Verify',
  check: 'Check',
  verifyTrue: 'Confirmed',
  verifyFalse: 'Not confirmed',
  checkPass: 'Pass',
  checkFail: 'Fail',
  opinion: 'Opinion',
  noTasks: 'No tasks',
  due: 'Due',
  locate: 'Locate again',
  locating: 'Locating…',
  position: 'Position',
  grid: 'Grid',
  notInMyGrids: 'Outside my grids',
  components: 'Nearby components',
  classSearch: 'Class (Chinese, pinyin or initials)',
  description: 'Description',
  phrases: 'Quick phrases',
  photosBefore: 'Photos on site',
  photosAfter: 'Photos after fixing',
  selfDispose: 'Fixed it myself',
  submit: 'Submit',
  saved: 'Saved; it is sent when online',
  needPosition: 'Locate first',
  needDescription: 'Describe the problem',
  needPhotos: 'Self-disposal needs before and after photos',
  myReports: 'My reports',
  queued: 'Queued',
  failed: 'Failed',
  retry: 'Retry',
  discard: 'Discard',
  clockIn: 'Clock in',
  clockOut: 'Clock out',
  onDuty: 'On duty',
  offDuty: 'Off duty',
  coverage: "Today's grid coverage",
  points: 'positions',
  loginFailed: 'Login failed',
  lang: '中文',
};

export const lang = ref<'zh' | 'en'>(localStorage.getItem('xh-lang') === 'en' ? 'en' : 'zh');

export function t(key: MessageKey): string {
  return lang.value === 'zh' ? zh[key] : en[key];
}

export function toggleLang(): void {
  lang.value = lang.value === 'zh' ? 'en' : 'zh';
  localStorage.setItem('xh-lang', lang.value);
  document.documentElement.lang = lang.value === 'zh' ? 'zh-CN' : 'en';
}

export const STATE_LABELS: Record<string, [string, string]> = {
  DRAFT: ['草稿', 'Draft'],
  PENDING_ACCEPT: ['待受理', 'Pending acceptance'],
  PENDING_VERIFY: ['待核实', 'Pending verification'],
  PENDING_FILE: ['待立案', 'Pending filing'],
  PENDING_DISPATCH: ['待派遣', 'Pending dispatch'],
  DISPOSING: ['处置中', 'Disposing'],
  PENDING_CHECK: ['待核查', 'Pending check'],
  PENDING_CLOSE: ['待结案', 'Pending closure'],
  SELF_DISPOSED_REVIEW: ['自处置待审核', 'Self-disposal review'],
  CLOSED: ['已结案', 'Closed'],
  VOID: ['作废', 'Void'],
};

export function stateLabel(state: string): string {
  const pair = STATE_LABELS[state];
  return pair ? pair[lang.value === 'zh' ? 0 : 1] : state;
}
