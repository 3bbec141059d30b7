import { Type } from '@sinclair/typebox';
import { EvaluationObjectTypeSchema, EvaluationPeriodSchema } from './evaluation.schema';
import { Nullable, Timestamp } from './common.schema';

const Text = Type.Object({ zh: Type.String(), en: Type.String() });

export const EvaluationPublishBody = Type.Object({
  period: Type.String({
    description: 'YYYY-MM, YYYY-Qn, YYYY, or custom with from/to; the period must have ended',
    examples: ['2026-11'],
  }),
  from: Type.Optional(Type.String({ description: 'custom period: first local day YYYY-MM-DD' })),
  to: Type.Optional(Type.String({ description: 'custom period: last local day YYYY-MM-DD' })),
  objectTypes: Type.Optional(
    Type.Array(EvaluationObjectTypeSchema, {
      minItems: 1,
      maxItems: 10,
      uniqueItems: true,
      description: 'default: street and department_first',
    }),
  ),
  personNames: Type.Optional(
    Type.Boolean({
      description: 'publish position holders’ names (default false: positions without names)',
    }),
  ),
});

export const EvaluationPublicationParams = Type.Object({
  period: Type.String({
    minLength: 4,
    maxLength: 21,
    pattern: '^[0-9]{4}(-[0-9]{2}|-Q[1-4]|-[0-9]{2}-[0-9]{2}~[0-9]{4}-[0-9]{2}-[0-9]{2})?$',
    description: 'the period label: 2026-11, 2026-Q4, 2026 or 2026-11-01~2026-11-15',
  }),
});

export const PublishedSectionSchema = Type.Object({
  objectType: EvaluationObjectTypeSchema,
  label: Text,
  names: Type.Boolean({ description: 'false: position holders are listed without names' }),
  rows: Type.Array(
    Type.Object({
      name: Nullable(Type.String()),
      rank: Nullable(Type.Integer()),
      score: Nullable(Type.Number()),
      grade: Nullable(Type.Object({ grade: Type.String(), label: Text })),
    }),
  ),
});

const Region = Nullable(Type.Object({ code: Type.String(), name: Type.String() }));

/** A published period as the public sees it: no publisher, names only where published. */
export const PublicEvaluationOut = Type.Object({
  period: EvaluationPeriodSchema,
  region: Region,
  publishedAt: Timestamp,
  sections: Type.Array(PublishedSectionSchema),
});

export const PublicEvaluationList = Type.Object({
  items: Type.Array(
    Type.Object({
      period: EvaluationPeriodSchema,
      region: Region,
      publishedAt: Timestamp,
      objectTypes: Type.Array(Type.Object({ objectType: Type.String(), label: Text })),
    }),
  ),
});

/** A publication as staff see it: with who published it. */
export const EvaluationPublicationOut = Type.Object({
  ...PublicEvaluationOut.properties,
  publishedBy: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
});

export const EvaluationPublicationList = Type.Object({
  items: Type.Array(EvaluationPublicationOut),
});
