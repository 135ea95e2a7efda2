/**
 * Schemas of the evaluation a CPA signs (src/evaluation/types.ts): the control's conclusion, the
 * parts (key items apart from the sample), each attribute's figures. Response schemas: every object
 * keeps properties added later (`additionalProperties: true`), nullable figures say so.
 */
const num = { type: 'number' } as const;
const numOrNull = { type: ['number', 'null'] } as const;
const strings = { type: 'array', items: { type: 'string' } } as const;

export const attributeResultSchema = {
  type: 'object',
  additionalProperties: true,
  required: ['attribute', 'label', 'mode', 'items', 'tested', 'notApplicable', 'pending', 'deviations', 'conclusion', 'rationale'],
  properties: {
    attribute: { type: 'string', description: 'Column letter, or `overall`.', examples: ['H'] },
    label: { type: 'string', examples: ['H — Evidence of testing reviewed (inspect)'] },
    mode: { type: 'string', enum: ['automated', 'manual', 'overall'] },
    items: num,
    tested: { ...num, description: 'Items tested on the attribute (pass or exception): the n of its evaluation.' },
    notApplicable: num,
    pending: { ...num, description: 'Items not marked yet (manual attributes).' },
    deviations: num,
    sampleRate: numOrNull,
    upperLimit: { ...numOrNull, description: 'Statistical parts: the exact upper deviation limit (0..1).' },
    upperLimitPct: { ...numOrNull, description: 'The same, table-style: percent rounded up to 0.1.' },
    tolerable: numOrNull,
    confidence: numOrNull,
    allowedDeviations: num,
    conclusion: { type: 'string', enum: ['supported', 'not_supported', 'no_deviations', 'deviations_found', 'pending', 'not_tested'] },
    rationale: { type: 'string' },
    warnings: strings,
  },
} as const;

export const partEvaluationSchema = {
  type: 'object',
  additionalProperties: true,
  required: ['part', 'basis', 'items', 'attributes', 'overall'],
  properties: {
    part: { type: 'string', enum: ['key_items', 'sample'] },
    basis: { type: 'string', enum: ['statistical', 'non_statistical', 'all_items'] },
    items: num,
    condition: { type: 'string', description: 'Key items: the condition that selected them.' },
    planned: num,
    attributes: { type: 'array', items: attributeResultSchema },
    overall: attributeResultSchema,
  },
} as const;

export const controlEvaluationSchema = {
  type: 'object',
  additionalProperties: true,
  required: ['parts', 'conclusion', 'completeness', 'options', 'statistical', 'distribution', 'conventions'],
  properties: {
    parts: { type: 'array', items: partEvaluationSchema },
    conclusion: {
      type: 'object', additionalProperties: true, required: ['status', 'qualified', 'sentence', 'reasons'],
      properties: {
        status: { type: 'string', enum: ['effective', 'effective_with_exceptions', 'exceptions_noted', 'not_effective', 'incomplete'] },
        qualified: { type: 'boolean', description: 'A failed completeness check keeps the population from supporting `effective`.' },
        sentence: { type: 'string', examples: ['Incomplete — Non-statistical sample: attribute H has 24 items to mark.'] },
        reasons: strings,
      },
    },
    completeness: {
      type: 'object', additionalProperties: true, required: ['status', 'qualifies', 'failing'],
      properties: { status: { type: 'string', enum: ['pass', 'warn', 'fail', 'not_run'] }, qualifies: { type: 'boolean' }, failing: strings },
    },
    options: {
      type: 'array',
      description: 'What a practitioner can do after deviations (extend the sample, or conclude not effective).',
      items: { type: 'object', additionalProperties: true, required: ['kind', 'sentence'], properties: { kind: { type: 'string', enum: ['extend', 'not_effective'] }, extendBy: num, extendedSize: num, sentence: { type: 'string' } } },
    },
    statistical: { type: 'boolean' },
    distribution: { type: ['string', 'null'] },
    conventions: { type: 'string' },
    auditorConclusion: { type: 'string' },
  },
} as const;

export const nullableEvaluation = { anyOf: [controlEvaluationSchema, { type: 'null' }] } as const;
