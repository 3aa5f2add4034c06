const INT8_OID = 20
const DATE_OID = 1082

/** Reads one column value from the text PostgreSQL sends. */
export type TypeParser = (text: string) => unknown

/** Parsers both engines use, so a row looks the same whichever engine returned it. */
export const sharedTypeParsers: Readonly<Record<number, TypeParser>> = {
  // Counts kept here stay far below 2^53, and a number serialises to JSON where a bigint cannot.
  [INT8_OID]: (text) => Number(text),
  // A calendar date has no time zone; as a Date it would shift with the process's zone.
  [DATE_OID]: (text) => text,
}
