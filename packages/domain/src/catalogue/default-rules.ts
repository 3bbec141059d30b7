import type { LimitUnit } from '../calendar/working-time';
import type { ClassRow } from './class-row';
export type Urgency = 'normal' | 'urgent';

export type ClassRuleDefault = {
  conditionCode: string;
  urgency: Urgency;
  filingCondition: string;
  closingCondition: string;
  limitValue: number;
  limitUnit: LimitUnit;
};

type Limit = { value: number; unit: LimitUnit };
type Condition = { code: string; filing: string; closing: string; normal: Limit; urgent: Limit };
type NameRule = { match: RegExp; conditions: (name: string) => Condition[] };

const wh = (value: number): Limit => ({ value, unit: 'working_hour' });
const wd = (value: number): Limit => ({ value, unit: 'working_day' });
const nh = (value: number): Limit => ({ value, unit: 'natural_hour' });

/**
 * Named defaults from deployed systems (DOMAIN.md §5, "local" values); cities edit them.
 * Checked in order: the first rule whose pattern matches the class name applies.
 */
const NAME_RULES: NameRule[] = [
  {
    // Missing sewer manhole cover 2 h (Guangzhou: fill 3 h, repair 36 h; Tianjin on site 30 min, fix 6 h).
    match: /井盖|箅子/,
    conditions: (name) => [
      {
        code: 'missing',
        filing: `${name}丢失或移位，存在安全隐患`,
        closing: '井盖已补齐复位，周边无安全隐患',
        normal: nh(2),
        urgent: nh(1),
      },
      {
        code: 'damaged',
        filing: `${name}破损、松动或高差明显`,
        closing: '井盖已修复或更换，与路面平顺',
        normal: wh(4),
        urgent: nh(2),
      },
      {
        code: 'default',
        filing: `${name}丢失、破损或移位`,
        closing: '井盖完好、复位',
        normal: wh(4),
        urgent: nh(2),
      },
    ],
  },
  {
    // Three consecutive lamps out: 1 working day.
    match: /路灯|景观灯|照明/,
    conditions: (name) => [
      {
        code: 'consecutive-out',
        filing: `${name}连续 3 盏及以上不亮`,
        closing: '路灯恢复正常照明',
        normal: wd(1),
        urgent: wh(4),
      },
      {
        code: 'default',
        filing: `${name}不亮、破损或倾斜`,
        closing: '设施修复，恢复正常',
        normal: wd(2),
        urgent: wd(1),
      },
    ],
  },
  {
    // Exposed garbage: 4 working hours (another city: 1 working day).
    match: /暴露垃圾|积存垃圾|垃圾渣土|乱倒|乱堆/,
    conditions: (name) => [
      {
        code: 'default',
        filing: `${name}，面积 0.5 平方米以上或影响通行`,
        closing: '垃圾已清运，地面无残留',
        normal: wh(4),
        urgent: wh(2),
      },
    ],
  },
  {
    // Dirty road after 08:00: 2 working hours.
    match: /道路不洁|路面不洁|道路保洁/,
    conditions: (name) => [
      {
        code: 'default',
        filing: `${name}（08:00 以后仍有明显垃圾、污渍）`,
        closing: '路面已清扫保洁',
        normal: wh(2),
        urgent: wh(1),
      },
    ],
  },
  {
    // Open-air barbecue: arrive 1 h, solve 2 h.
    match: /露天烧烤/,
    conditions: (name) => [
      {
        code: 'default',
        filing: `${name}，正在经营`,
        closing: '烧烤已停止，现场清理完毕',
        normal: wh(2),
        urgent: nh(1),
      },
    ],
  },
  {
    // Illegal building: stop 4 working hours; demolition 20 working days.
    match: /违法建设|违章搭建|违法搭建|违章建筑/,
    conditions: (name) => [
      {
        code: 'under-construction',
        filing: `${name}正在施工`,
        closing: '施工已制止',
        normal: wh(4),
        urgent: wh(2),
      },
      {
        code: 'completed',
        filing: `${name}已建成`,
        closing: '违法建筑已拆除或依法处理',
        normal: wd(20),
        urgent: wd(7),
      },
      {
        code: 'default',
        filing: `发现${name}`,
        closing: '已依法处理',
        normal: wd(7),
        urgent: wh(4),
      },
    ],
  },
  {
    match: /无照经营|占道经营|游商|店外经营|跨门营业/,
    conditions: (name) => [
      {
        code: 'default',
        filing: `${name}，影响通行或市容`,
        closing: '经营行为已停止，占用已清除',
        normal: wh(2),
        urgent: nh(1),
      },
    ],
  },
  {
    match: /架空线|线缆|电线/,
    conditions: (name) => [
      {
        code: 'fallen',
        filing: `${name}坠落、断裂或低垂，危及安全`,
        closing: '线缆已整理固定，隐患消除',
        normal: nh(2),
        urgent: nh(1),
      },
      {
        code: 'default',
        filing: `${name}杂乱或破损`,
        closing: '线缆已整理修复',
        normal: wd(3),
        urgent: wd(1),
      },
    ],
  },
];

/** Defaults by kind and big class when no name rule applies. */
function fallback(row: ClassRow): Condition {
  const name = row.name;
  if (row.kind === 'component') {
    return {
      code: 'default',
      filing: `${name}破损、丢失、移位或功能异常`,
      closing: '部件已修复或更换，功能恢复',
      normal: wd(3),
      urgent: wh(4),
    };
  }
  const big = row.bigName;
  if (/施工/.test(big))
    return {
      code: 'default',
      filing: `${name}，影响市容或安全`,
      closing: '问题已整改',
      normal: wd(2),
      urgent: wh(4),
    };
  if (/街面秩序|秩序/.test(big))
    return {
      code: 'default',
      filing: `${name}，影响通行或市容`,
      closing: '秩序已恢复',
      normal: wh(4),
      urgent: wh(2),
    };
  if (/突发/.test(big))
    return {
      code: 'default',
      filing: `${name}，需立即处置`,
      closing: '险情已排除',
      normal: nh(2),
      urgent: nh(1),
    };
  if (/宣传广告|广告/.test(big))
    return {
      code: 'default',
      filing: `${name}，影响市容`,
      closing: '广告已清除或整改',
      normal: wd(2),
      urgent: wd(1),
    };
  if (/市容|环境|环卫/.test(big))
    return {
      code: 'default',
      filing: `${name}，影响市容环境`,
      closing: '现场已清理整洁',
      normal: wh(4),
      urgent: wh(2),
    };
  return {
    code: 'default',
    filing: `${name}，需要处置`,
    closing: '问题已解决',
    normal: wd(3),
    urgent: wd(1),
  };
}

/**
 * The shipped filing conditions, time limits and closing conditions of a class: every class
 * gets at least a 'default' condition with a normal and a tighter urgent limit.
 */
export function defaultRulesFor(row: ClassRow): ClassRuleDefault[] {
  const rule = NAME_RULES.find((r) => r.match.test(row.name));
  const conditions = rule ? rule.conditions(row.name) : [fallback(row)];
  return conditions.flatMap((c) => [
    {
      conditionCode: c.code,
      urgency: 'normal' as const,
      filingCondition: c.filing,
      closingCondition: c.closing,
      limitValue: c.normal.value,
      limitUnit: c.normal.unit,
    },
    {
      conditionCode: c.code,
      urgency: 'urgent' as const,
      filingCondition: c.filing,
      closingCondition: c.closing,
      limitValue: c.urgent.value,
      limitUnit: c.urgent.unit,
    },
  ]);
}

/** High-risk classes flagged for key supervision (重点监管) by default. */
const KEY_SUPERVISION = /井盖|箅子|架空线|线缆坠落|无照经营|游商|占道经营|燃气|危险|塌陷|积水/;

export function isKeySupervisionByDefault(row: ClassRow): boolean {
  return KEY_SUPERVISION.test(row.name);
}
