/** One AJV issue as the error handler sees it. */
export type ValidationIssue = {
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
};

const TYPE_ZH: Record<string, string> = {
  string: '文本',
  number: '数字',
  integer: '整数',
  boolean: '布尔值（true/false）',
  array: '数组',
  object: '对象',
  null: '空值',
};

const FORMAT_ZH: Record<string, string> = {
  'date-time': '日期时间（ISO 8601）',
  date: '日期（YYYY-MM-DD）',
  email: '电子邮箱',
  uri: '网址',
  uuid: 'UUID',
};

/**
 * The Chinese reason for an AJV issue (AJV's own messages are English only). Unknown keywords
 * fall back to a plain "is invalid" rather than leaking English into a Chinese message.
 */
export function reasonZh(issue: ValidationIssue): string {
  const p = issue.params ?? {};
  const n = (key: string) => {
    const value = p[key];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  };
  switch (issue.keyword ?? '') {
    case 'required':
      return '必填';
    case 'additionalProperties':
      return '不允许的字段';
    case 'pattern':
      return '格式不符';
    case 'format':
      return `须为${FORMAT_ZH[n('format')] ?? '有效格式'}`;
    case 'type':
      return `须为${n('type')
        .split(',')
        .map((t) => TYPE_ZH[t] ?? t)
        .join('或')}`;
    case 'minLength':
      return `长度不能少于 ${n('limit')} 个字符`;
    case 'maxLength':
      return `长度不能超过 ${n('limit')} 个字符`;
    case 'minimum':
      return `不能小于 ${n('limit')}`;
    case 'maximum':
      return `不能大于 ${n('limit')}`;
    case 'exclusiveMinimum':
      return `须大于 ${n('limit')}`;
    case 'exclusiveMaximum':
      return `须小于 ${n('limit')}`;
    case 'minItems':
      return `至少 ${n('limit')} 项`;
    case 'maxItems':
      return `最多 ${n('limit')} 项`;
    case 'uniqueItems':
      return '不能有重复项';
    case 'enum':
      return `须为以下之一：${(Array.isArray(p.allowedValues) ? p.allowedValues : []).join('、')}`;
    default:
      return '无效';
  }
}
