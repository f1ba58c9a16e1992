import fc from 'fast-check';

/**
 * What a hostile or careless browser can send to a server action: any Unicode, control
 * characters, line breaks, markup, very long text, values of the wrong type, fields left out
 * and fields nobody asked for. React's server-action transport carries strings, numbers,
 * booleans, null, undefined, bigint, Date, arrays, plain objects and FormData (with Files), so
 * all of those are fair game; a plain HTML form sends FormData of strings.
 */

export const MARKUP = '<script>alert(1)</script>';

/** Strings chosen by hand because they have broken programs before. */
const specialStrings = [
  MARKUP,
  '"><img src=x onerror=alert(1)>',
  "'; drop table users; --",
  '&amp; &lt; &#x27; &quot;',
  '\u0000',
  'a\u0000b',
  '\r\n',
  '\n',
  '\r',
  'line one\r\nline two',
  '\t',
  '\u000b\u000c',
  '\u001b[31mred\u001b[0m',
  '\u007f\u0080\u0085\u009f',
  '\u2028\u2029',
  '\u200b\u200c\u200d\ufeff',
  '\u202eevil\u202c',
  'مرحبا بالعالم',
  'שלום',
  '👩‍👩‍👧‍👦🏳️‍🌈',
  'e\u0301\u0301\u0301',
  'ﬁ ＡＢＣ',
  '\u00a0\u3000',
  '   ',
  '',
  '\ud800',
  'x\udc00y',
  '\udbff\udbff',
  '{{7*7}}${7*7}',
  '../../etc/passwd',
  '%00%0d%0a',
  'null',
  'undefined',
  'true',
  'on',
  '0',
  '-1',
  '1e309',
  'NaN',
  '__proto__',
  '0000-00-00',
  '2999-12-31',
  '1899-12-31',
  '2021-02-30',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
  ' 12345678-1234-1234-1234-123456789abc ',
];

/** Unpaired UTF-16 halves: no browser form sends them, a forged request can. */
const loneSurrogate = fc
  .integer({ min: 0xd800, max: 0xdfff })
  .map((code) => String.fromCharCode(code));

const controlCharacter = fc
  .integer({ min: 0, max: 0x9f })
  .filter((code) => code < 0x20 || code >= 0x7f)
  .map((code) => String.fromCharCode(code));

/** 10,000 to 100,000 characters of one repeated piece. */
const longString = fc
  .tuple(
    fc.integer({ min: 10_000, max: 100_000 }),
    fc.constantFrom('a', 'é', '😀', '<', '\n', ' ', '\u0000', 'ab\r\n', MARKUP, '𝕏\u200d'),
  )
  .map(([length, piece]) => piece.repeat(Math.ceil(length / piece.length)));

/** Any string a person (or a script) might type or paste. */
const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.constantFrom(...specialStrings), weight: 3 },
  {
    arbitrary: fc
      .array(
        fc.oneof(
          fc.constantFrom(...specialStrings),
          controlCharacter,
          loneSurrogate,
          fc.string({ unit: 'grapheme', maxLength: 6 }),
        ),
        { minLength: 2, maxLength: 6 },
      )
      .map((parts) => parts.join('')),
    weight: 3,
  },
  { arbitrary: longString, weight: 1 },
  // Well-formed ids of rows that do not exist, or belong to someone else.
  { arbitrary: fc.uuid(), weight: 1 },
);

/** Values of every type but the one a text field expects. */
const wrongTypeValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, Number.MAX_SAFE_INTEGER + 2),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.bigInt(),
  fc.date(),
  fc.array(fc.oneof(hostileString, fc.integer(), fc.constant(null)), { maxLength: 3 }),
  fc.object({ maxDepth: 1, maxKeys: 3 }),
  fc.constant(new Blob([MARKUP], { type: 'text/html' })),
);

/** Extra keys a forged request might add, hoping one is read without being checked. */
const extraKey = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    '$ACTION_ID_0123',
    '$ACTION_REF_1',
    'id',
    'userId',
    'kind',
    'role',
    'roles',
    'isAdmin',
    'createdBy',
    'status',
    'confidential',
    'childId',
    'released',
  ),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }),
);

type Mutation =
  | { kind: 'delete' }
  | { kind: 'set'; value: unknown }
  | { kind: 'affix'; text: string; where: 'start' | 'end' | 'both' }
  | { kind: 'tweak'; choice: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.constant({ kind: 'delete' as const }), weight: 1 },
  { arbitrary: hostileString.map((value) => ({ kind: 'set' as const, value })), weight: 4 },
  { arbitrary: wrongTypeValue.map((value) => ({ kind: 'set' as const, value })), weight: 2 },
  // Hostile text around a valid value keeps many inputs valid enough to reach the database.
  {
    arbitrary: fc
      .record({
        text: hostileString,
        where: fc.constantFrom('start' as const, 'end' as const, 'both' as const),
      })
      .map((affix) => ({ kind: 'affix' as const, ...affix })),
    weight: 4,
  },
  // Small changes of the kind a person makes, which often stay valid and reach the domain code.
  { arbitrary: fc.nat().map((choice) => ({ kind: 'tweak' as const, choice })), weight: 3 },
);

/** A value of the same kind as the valid one: other case, spaces around it, repeated, emptied, flipped. */
function tweak(current: unknown, choice: number): unknown {
  if (typeof current === 'string') {
    const variants = [
      current.toUpperCase(),
      current.toLowerCase(),
      ` ${current} `,
      `${current}${current}`,
      '',
      current.slice(0, -1),
      current.normalize('NFD'),
    ];
    return variants[choice % variants.length];
  }
  if (typeof current === 'boolean')
    return [!current, current ? 'on' : 'off', String(current), current ? 1 : 0][choice % 4];
  if (typeof current === 'number')
    return [String(current), current + 1, -current, current * 1000][choice % 4];
  if (Array.isArray(current))
    return [
      [...current, ...current],
      [],
      [...current].reverse(),
      current.slice(1),
      current.join(','),
    ][choice % 5];
  return [undefined, '', null][choice % 3];
}

/** Sets an own property, even one called "__proto__", the way JSON.parse would. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown) {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function applyMutation(current: unknown, change: Exclude<Mutation, { kind: 'delete' }>): unknown {
  if (change.kind === 'set') return change.value;
  if (change.kind === 'tweak') return tweak(current, change.choice);
  const text = typeof current === 'string' ? current : String(current);
  return change.where === 'start'
    ? change.text + text
    : change.where === 'end'
      ? text + change.text
      : change.text + text + change.text;
}

function toFormData(input: Record<string, unknown>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item instanceof Blob) form.append(key, item);
      else
        form.append(
          key,
          typeof item === 'object' && item !== null
            ? JSON.stringify(item, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))
            : String(item),
        );
    }
  }
  // So that fast-check's counterexample shows what was posted, not "[object FormData]".
  Object.defineProperty(form, fc.toStringMethod, {
    value: () => `FormData ${fc.stringify([...form.entries()])}`,
  });
  return form;
}

export interface GeneratedInput {
  input: unknown;
  /** Every string the generator put in, to check none of them reaches the audit trail. */
  strings: string[];
  shape: 'fields' | 'form-data' | 'whole';
}

function stringsIn(value: unknown, into: string[] = [], depth = 0): string[] {
  if (typeof value === 'string') into.push(value);
  else if (value instanceof FormData)
    for (const [, item] of value.entries()) stringsIn(item, into, depth + 1);
  else if (Array.isArray(value) && depth < 4)
    for (const item of value) stringsIn(item, into, depth + 1);
  else if (
    value &&
    typeof value === 'object' &&
    !(value instanceof Date) &&
    !(value instanceof Blob) &&
    depth < 4
  )
    for (const item of Object.values(value)) stringsIn(item, into, depth + 1);
  return into;
}

/**
 * Inputs built from one of a form's valid inputs: some fields replaced, wrapped in hostile text,
 * of the wrong type or left out, unknown fields added, sent as an object or as FormData; or
 * something that is not an object at all.
 */
export function hostileInputs(
  bases: readonly Record<string, unknown>[],
): fc.Arbitrary<GeneratedInput> {
  const fromFields = fc
    .record({
      base: fc.constantFrom(...bases),
      // Which fields change (at least one) and how; an index past the end wraps around.
      changes: fc.array(fc.tuple(fc.nat(), mutation), { minLength: 1, maxLength: 4 }),
      extras: fc.array(fc.tuple(extraKey, fc.oneof(hostileString, wrongTypeValue)), {
        maxLength: 2,
      }),
      // One case in four goes as FormData, the way a form posts without JavaScript.
      asFormData: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
    })
    .map(({ base, changes, extras, asFormData }): GeneratedInput => {
      const keys = Object.keys(base);
      const input: Record<string, unknown> = { ...base };
      for (const [index, change] of changes) {
        const key = keys.length ? keys[index % keys.length]! : `field${index % 3}`;
        if (change.kind === 'delete') delete input[key];
        else setOwn(input, key, applyMutation(input[key], change));
      }
      for (const [key, value] of extras) setOwn(input, key, value);
      if (asFormData) {
        const form = toFormData(input);
        return { input: form, strings: stringsIn(form), shape: 'form-data' };
      }
      return { input, strings: stringsIn(input), shape: 'fields' };
    });

  const whole = fc
    .oneof(wrongTypeValue, hostileString, fc.constant({}), fc.jsonValue({ maxDepth: 2 }))
    .map((input): GeneratedInput => ({ input, strings: stringsIn(input), shape: 'whole' }));

  return fc.oneof({ arbitrary: fromFields, weight: 15 }, { arbitrary: whole, weight: 1 });
}

/**
 * Inputs that have broken forms before, tried on every form before the generated ones: a
 * posted field named __proto__ carrying a File, an own __proto__ key, NUL or half a surrogate
 * pair or markup after a line break in every text field, 100,000 characters in every text
 * field, and things that are not forms at all.
 */
export function knownHostileInputs(bases: readonly Record<string, unknown>[]): GeneratedInput[] {
  const base = bases[0] ?? {};
  const everyText = (change: (text: string) => string) =>
    Object.fromEntries(
      Object.entries(base).map(([key, value]) => [
        key,
        typeof value === 'string' ? change(value) : value,
      ]),
    );
  const protoFiles = bases.map((each) => {
    const form = toFormData(each);
    form.append('__proto__', new File([MARKUP], 'name.html', { type: 'text/html' }));
    return form;
  });
  const ownProto = JSON.parse(
    JSON.stringify({ ...base, __injected: true }).replace('"__injected"', '"__proto__"'),
  ) as unknown;
  const inputs: unknown[] = [
    ...protoFiles,
    ownProto,
    everyText((text) => `${text}\u0000`),
    everyText((text) => `\ud800${text}`),
    everyText((text) => `${text}\r\n${MARKUP}`),
    everyText(() => 'x'.repeat(100_000)),
    toFormData(everyText((text) => `${text}\u0000`)),
    null,
    undefined,
    '',
    [],
    42,
  ];
  return inputs.map((input) => ({
    input,
    strings: stringsIn(input),
    shape:
      input instanceof FormData
        ? 'form-data'
        : input && typeof input === 'object' && !Array.isArray(input)
          ? 'fields'
          : 'whole',
  }));
}
