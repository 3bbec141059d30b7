/** The demo district's centres and departments (names follow common Shanghai practice). */
export const DEMO_DEPARTMENTS: {
  code: string;
  name: string;
  children?: { code: string; name: string }[];
  bigClasses: string[];
}[] = [
  {
    code: 'YP-JGW',
    name: '区建设和管理委员会',
    children: [{ code: 'YP-JGW-ROAD', name: '道路养护所' }],
    bigClasses: ['component:01', 'component:02', 'matter:01', 'matter:02', 'matter:08'],
  },
  {
    code: 'YP-LHSR',
    name: '区绿化和市容管理局',
    children: [{ code: 'YP-LHSR-HW', name: '环卫作业所' }],
    bigClasses: [
      'component:03',
      'component:04',
      'matter:03',
      'matter:04',
      'matter:06',
      'matter:07',
    ],
  },
  { code: 'YP-CGZF', name: '区城管执法局', bigClasses: ['matter:09'] },
  { code: 'YP-SW', name: '区水务局', bigClasses: [] },
  { code: 'YP-FG', name: '区房屋管理局', bigClasses: ['component:05', 'matter:05', 'matter:10'] },
];

/** One login per role; passwords are the shared demo password. */
export const DEMO_USERS: {
  username: string;
  displayName: string;
  role: string;
  scope: 'district' | 'street' | 'department';
}[] = [
  { username: 'admin', displayName: '系统管理员', role: 'admin', scope: 'district' },
  { username: 'supervisor', displayName: '监督员 王伟', role: 'supervisor', scope: 'street' },
  { username: 'operator', displayName: '受理员 李娜', role: 'operator', scope: 'district' },
  { username: 'shiftleader', displayName: '值班长 张强', role: 'shift_leader', scope: 'district' },
  { username: 'dispatcher', displayName: '派遣员 刘洋', role: 'dispatcher', scope: 'district' },
  {
    username: 'department',
    displayName: '建管委处置员 陈静',
    role: 'department_handler',
    scope: 'department',
  },
  { username: 'commander', displayName: '指挥长 杨帆', role: 'commander', scope: 'district' },
  { username: 'leader', displayName: '区领导 赵敏', role: 'leader', scope: 'district' },
];

export const DEMO_PASSWORD = 'Xiuhua-demo-2026';
