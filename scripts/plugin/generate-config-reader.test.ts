/**
 * The panel's config reader is generated from configSchema: the committed file is what the generator writes today,
 * and a construct the generator does not know stops it with the place named, instead of a reader that reads otherwise.
 */
import { readFileSync } from 'node:fs';
import * as z from 'zod/mini';
import { isTimeZone } from '../../contract/src/config-rules';
import { GENERATED_READER, generateConfigReader, UnsupportedSchemaError } from './generate-config-reader';

jest.setTimeout(30_000);

const within = (schema: z.ZodMiniType) => z.object({ version: z.literal(1), part: schema });

describe('generateConfigReader', () => {
  it('wrote the committed reader from the current schema (npm run build regenerates it)', () => {
    expect(readFileSync(GENERATED_READER, 'utf8')).toBe(generateConfigReader());
  });

  it('calls the schema’s own rules by name and embeds the defaults', () => {
    const source = generateConfigReader(within(z.string().check(z.trim(), z.refine(isTimeZone, 'a zone'))), {
      a: 1,
      b: undefined,
    });
    expect(source).toContain("part: r.string([r.trim, r.refine(isTimeZone, 'a zone')])");
    expect(source).toContain('({ a: 1, b: undefined })');
  });

  const unknown: [string, z.ZodMiniType, RegExp][] = [
    ['a record', z.record(z.string(), z.string()), /a record schema at configSchema\.part/],
    ['a default', z._default(z.string(), 'x'), /a default schema at configSchema\.part/],
    ['a nullable', z.nullable(z.string()), /a nullable schema/],
    ['a union without a discriminator', z.union([z.string(), z.number()]), /a union without a discriminator/],
    ['a regex', z.string().check(z.regex(/^a/)), /a string_format check/],
    ['a lowercase overwrite', z.string().check(z.toLowerCase()), /an overwrite other than trim/],
    ['an exclusive bound', z.number().check(z.gt(0)), /not an inclusive number bound/],
    ['an int32', z.int32(), /a number of format int32/],
    ['a strict object', z.strictObject({ a: z.string() }), /object with "catchall"/],
    [
      'a transform of its own',
      z.pipe(
        z.string(),
        z.transform((v: string) => v.toUpperCase()),
      ),
      /a transform that is not/,
    ],
    ['a refinement of its own', z.string().check(z.refine((v) => v !== 'x')), /a refinement that is not/],
    ['a superRefine of its own', z.string().check(z.superRefine(() => undefined)), /a custom check it does not know/],
    ['a type message', z.string({ error: 'text please' }), /string with "error"/],
    ['an aborting check', z.string().check(z.minLength(1, { abort: true })), /min_length with "abort"/],
    ['a literal null', z.literal(null), /not a string, number or boolean/],
    [
      'a union option tagged by a number',
      z.discriminatedUnion('kind', [z.object({ kind: z.literal(1) }), z.object({ kind: z.literal(2) })]),
      /a union option not tagged by one string literal at configSchema\.part\[0\]/,
    ],
  ];

  it.each(unknown)('refuses %s, naming where it is', (_name, schema, message) => {
    expect(() => generateConfigReader(within(schema), {})).toThrow(UnsupportedSchemaError);
    expect(() => generateConfigReader(within(schema), {})).toThrow(message);
  });
});
