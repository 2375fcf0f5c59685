// The parser features Spark's JSON options switch on Jackson (JSONOptions.buildJsonFactory), with
// Spark's defaults: single quotes and NaN/Infinity allowed, the other relaxations off.

export interface JsonFeatures {
  /** allowComments: Java/C++ comments, slash-star and double slash. */
  readonly allowComments: boolean;
  /** allowUnquotedFieldNames: {a: 1} (names made of identifier characters). */
  readonly allowUnquotedFieldNames: boolean;
  /** allowSingleQuotes: 'text' for strings and names. */
  readonly allowSingleQuotes: boolean;
  /** allowNumericLeadingZeros: 007. */
  readonly allowNumericLeadingZeros: boolean;
  /** allowNonNumericNumbers: NaN, Infinity, +Infinity, -Infinity, +INF, -INF as numbers. */
  readonly allowNonNumericNumbers: boolean;
  /** allowBackslashEscapingAnyCharacter: "\q" is "q". */
  readonly allowBackslashEscapingAnyCharacter: boolean;
  /** allowUnquotedControlChars: a raw tab or other character below U+0020 inside a string. */
  readonly allowUnquotedControlChars: boolean;
}

export const SPARK_JSON_FEATURES: JsonFeatures = Object.freeze({
  allowComments: false,
  allowUnquotedFieldNames: false,
  allowSingleQuotes: true,
  allowNumericLeadingZeros: false,
  allowNonNumericNumbers: true,
  allowBackslashEscapingAnyCharacter: false,
  allowUnquotedControlChars: false,
});

/** The features for a (case-insensitive) option lookup; each option is "true"/"false" as Spark parses booleans. */
export function jsonFeatures(option: (name: string) => string | boolean | undefined): JsonFeatures {
  const flag = (name: keyof JsonFeatures): boolean => {
    const v = option(name);
    if (v === undefined) return SPARK_JSON_FEATURES[name];
    if (typeof v === "boolean") return v;
    return v.trim().toLowerCase() === "true";
  };
  return {
    allowComments: flag("allowComments"),
    allowUnquotedFieldNames: flag("allowUnquotedFieldNames"),
    allowSingleQuotes: flag("allowSingleQuotes"),
    allowNumericLeadingZeros: flag("allowNumericLeadingZeros"),
    allowNonNumericNumbers: flag("allowNonNumericNumbers"),
    allowBackslashEscapingAnyCharacter: flag("allowBackslashEscapingAnyCharacter"),
    allowUnquotedControlChars: flag("allowUnquotedControlChars"),
  };
}
