import { describe, expect, it } from 'vitest';
import type { IndicatorName } from './indicators';
import { DEFAULT_SCHEME, EVALUATION_OBJECT_TYPES, type EvaluationScheme } from './scheme';
import { validateScheme } from './validate-scheme';

const fields = (scheme: EvaluationScheme) => validateScheme(scheme).map((p) => p.field);

describe('the default scheme', () => {
  it('is valid', () => {
    expect(validateScheme(DEFAULT_SCHEME)).toEqual([]);
  });

  it('holds DOMAIN.md §6 weights for every object type', () => {
    const weights = Object.fromEntries(
      EVALUATION_OBJECT_TYPES.map((type) => [
        type,
        DEFAULT_SCHEME.formulas[type].terms.map((t) =>
          t.kind === 'rate'
            ? `${t.complement ? '1-' : ''}${t.rate}×${t.weight}`
            : `${t.indicator}@${t.table}×${t.weight}`,
        ),
      ]),
    );
    const region = [
      '1-supervision_report_rate×10',
      'filed@region_filed×20',
      'closing_rate×30',
      'closing_on_time_rate×40',
    ];
    const department = [
      'filed@department_filed×10',
      'closing_rate×30',
      'disposal_on_time_rate×30',
      '1-rework_rate×30',
    ];
    expect(weights).toEqual({
      district: region,
      street: region,
      community: region,
      grid: region,
      department_first: department,
      department_second: department,
      supervisor: [
        'valid_report_rate×40',
        '1-missed_rate×20',
        'verify_on_time_rate×20',
        'check_on_time_rate×20',
      ],
      operator: [
        'accepted@operator_accepted×25',
        'verify_send_on_time_rate×40',
        'check_send_on_time_rate×35',
      ],
      shift_leader: ['file_on_time_rate×25', 'file_accuracy_rate×40', 'close_step_on_time_rate×35'],
      dispatcher: [
        'dispatched@dispatcher_dispatched×20',
        'dispatch_on_time_rate×40',
        'dispatch_accuracy_rate×40',
      ],
    });
    expect(DEFAULT_SCHEME.rules).toEqual({
      nullRate: 'skip',
      held: 'exclude',
      rework: { count: 'event', denominator: 'disposed' },
    });
    expect(DEFAULT_SCHEME.grades.map((g) => [g.grade, g.min])).toEqual([
      ['A', 90],
      ['B', 75],
      ['C', 60],
      ['D', 40],
      ['E', 0],
    ]);
  });
});

describe('scheme validation', () => {
  it('wants the weights of each object type to sum to 100', () => {
    const scheme: EvaluationScheme = {
      ...DEFAULT_SCHEME,
      formulas: {
        ...DEFAULT_SCHEME.formulas,
        operator: {
          ...DEFAULT_SCHEME.formulas.operator,
          terms: DEFAULT_SCHEME.formulas.operator.terms.map((t, i) =>
            i === 0 ? { ...t, weight: 20 } : t,
          ),
        },
      },
    };
    expect(validateScheme(scheme)).toEqual([
      {
        field: 'formulas.operator.terms',
        reason: { zh: '权重合计为 95，应为 100', en: 'weights sum to 95, not 100' },
      },
    ]);
  });

  it('accepts fractional weights that sum to 100', () => {
    const scheme: EvaluationScheme = {
      ...DEFAULT_SCHEME,
      formulas: {
        ...DEFAULT_SCHEME.formulas,
        grid: {
          minimumSample: null,
          terms: [
            { kind: 'rate', key: 'a', rate: 'closing_rate', weight: 33.3 },
            { kind: 'rate', key: 'b', rate: 'closing_on_time_rate', weight: 33.3 },
            { kind: 'rate', key: 'c', rate: 'disposal_rate', weight: 33.4 },
          ],
        },
      },
    };
    expect(validateScheme(scheme)).toEqual([]);
  });

  it('finds unknown names, duplicate keys, bad weights and a bad sample', () => {
    const scheme: EvaluationScheme = {
      ...DEFAULT_SCHEME,
      rates: {
        ...DEFAULT_SCHEME.rates,
        custom: {
          label: { zh: '自定义', en: '' },
          numerator: 'closed',
          denominator: 'filled' as IndicatorName,
          scale: 0,
        },
      },
      formulas: {
        ...DEFAULT_SCHEME.formulas,
        grid: {
          nullRule: 'half' as 'full',
          minimumSample: { indicator: 'close_due', minimum: -1 },
          terms: [
            { kind: 'rate', key: 'x', rate: 'nope', weight: 50 },
            {
              kind: 'count',
              key: 'x',
              indicator: 'files' as IndicatorName,
              table: 'none',
              weight: 50,
            },
            { kind: 'rate', key: 'z', rate: 'closing_rate', weight: 0 },
          ],
        },
      },
    };
    expect(fields(scheme)).toEqual([
      'rates.custom.label',
      'rates.custom.denominator',
      'rates.custom.scale',
      'formulas.grid.terms[0].rate',
      'formulas.grid.terms[1].key',
      'formulas.grid.terms[1].indicator',
      'formulas.grid.terms[1].table',
      'formulas.grid.terms[2].weight',
      'formulas.grid.nullRule',
      'formulas.grid.minimumSample.minimum',
    ]);
  });

  it('wants a formula for every object type and no others', () => {
    const { grid: _grid, ...formulas } = DEFAULT_SCHEME.formulas;
    const scheme = {
      ...DEFAULT_SCHEME,
      formulas: { ...formulas, village: DEFAULT_SCHEME.formulas.street },
    } as unknown as EvaluationScheme;
    expect(fields(scheme)).toEqual(['formulas.village', 'formulas.grid']);
  });

  it('wants count bands from 0, ascending, scored 0–100, and an existing default class', () => {
    const scheme: EvaluationScheme = {
      ...DEFAULT_SCHEME,
      countTables: {
        ...DEFAULT_SCHEME.countTables,
        region_filed: {
          label: { zh: '立案数分值', en: 'Filed-count score' },
          defaultClass: '9',
          classes: {
            '1': [
              { min: 1, score: 100 },
              { min: 5, score: 120 },
              { min: 5, score: 60 },
              { min: 7.5, score: 40 },
            ],
            '2': [],
          },
        },
      },
    };
    expect(fields(scheme)).toEqual([
      'countTables.region_filed.defaultClass',
      'countTables.region_filed.classes.1[0].min',
      'countTables.region_filed.classes.1[1].score',
      'countTables.region_filed.classes.1[2].min',
      'countTables.region_filed.classes.1[3].min',
      'countTables.region_filed.classes.2',
    ]);
  });

  it('wants grades best first, distinct, within 0–100 and the last from 0', () => {
    const scheme: EvaluationScheme = {
      ...DEFAULT_SCHEME,
      grades: [
        { grade: 'A', min: 90, label: { zh: '优秀', en: 'Excellent' } },
        { grade: 'B', min: 95, label: { zh: '良好', en: 'Good' } },
        { grade: 'B', min: 40, label: { zh: '较差', en: 'Poor' } },
        { grade: 'E', min: 10, label: { zh: '差', en: 'Bad' } },
      ],
    };
    expect(fields(scheme)).toEqual(['grades[1].min', 'grades[2].grade', 'grades[3].min']);
    expect(fields({ ...DEFAULT_SCHEME, grades: [] })).toEqual(['grades']);
  });

  it('wants known rules', () => {
    const scheme = {
      ...DEFAULT_SCHEME,
      rules: { nullRate: 'one', held: 'maybe', rework: { count: 'twice', denominator: 'filed' } },
    } as unknown as EvaluationScheme;
    const problems = validateScheme(scheme);
    expect(problems.map((p) => p.field)).toEqual([
      'rules.nullRate',
      'rules.held',
      'rules.rework.count',
      'rules.rework.denominator',
    ]);
    for (const p of problems) {
      expect(p.reason.zh).not.toBe('');
      expect(p.reason.en).not.toBe('');
    }
  });
});
