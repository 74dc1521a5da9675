/**
 * The schema spells a figure's or a measure's field name as an enum value in CONSTANT_CASE
 * (`exposedUnder18` → `EXPOSED_UNDER_18`): one rule for the resolvers that read such an enum and for
 * the test that ties the schema's enums to the lists they name (test/unit/vocabulary.test.ts).
 */
export const enumNameOf = (field: string): string => field.replace(/([a-z])([A-Z0-9])/g, '$1_$2').toUpperCase();

/** A list's fields by their enum names, so the enum is read off the list rather than copied beside it. */
export function byEnumName<E extends string, F extends string>(fields: readonly F[]): Readonly<Record<E, F>> {
  return Object.fromEntries(fields.map((field) => [enumNameOf(field), field])) as Record<E, F>;
}
