// How a `pattern` of an options schema reads in `plugins describe` and in option errors. Spark's
// option values are case-insensitive words, which JSON Schema can only say as a regex such as
// ^([Oo][Ff][Ff]|[Dd][Ee][Ll][Ee][Tt][Ee])$; that one reads "one of off, delete (any case)".
// Any other pattern is shown as the regex it is.

/** The words of a case-insensitive alternation, or undefined if `pattern` is not one. */
export function caseInsensitiveWords(pattern: string): string[] | undefined {
  const m = /^\^\((.*)\)\$$/.exec(pattern) ?? /^\^(.*)\$$/.exec(pattern);
  if (!m) return undefined;
  const words: string[] = [];
  for (const alternative of m[1]!.split("|")) {
    const word = wordOf(alternative);
    if (word === undefined) return undefined;
    words.push(word);
  }
  return words.length > 0 ? words : undefined;
}

/** "[Oo][Ff][Ff]" -> "off"; characters without letters may stand alone ("[Ll][Zz]4" -> "lz4"). */
function wordOf(alternative: string): string | undefined {
  let word = "";
  for (let i = 0; i < alternative.length;) {
    const pair = /^\[([a-zA-Z])([a-zA-Z])\]/.exec(alternative.slice(i));
    if (pair && pair[1]!.toLowerCase() === pair[2]!.toLowerCase() && pair[1] !== pair[2]) {
      word += pair[1]!.toLowerCase();
      i += 4;
      continue;
    }
    const ch = alternative[i]!;
    if (!/[0-9_\-]/.test(ch)) return undefined;
    word += ch;
    i += 1;
  }
  return word === "" ? undefined : word;
}

/** "one of off, delete, archive (any case)" or "matching /regex/". */
export function patternText(pattern: string): string {
  const words = caseInsensitiveWords(pattern);
  return words ? `one of ${words.join(", ")} (any case)` : `matching /${pattern}/`;
}
