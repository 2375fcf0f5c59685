import { describe, expect, test } from "bun:test";
import { tokenDisplay, tokenize, unescapeSQLString } from "./lexer.ts";

const kinds = (text: string) => tokenize(text).tokens.map((t) => `${t.kind}:${t.text}`);

describe("tokenize", () => {
  test("words, keywords and backquoted names keep their offsets", () => {
    const { tokens } = tokenize("SELECT `a b`, c_1");
    expect(tokens.map((t) => [t.kind, t.text, t.start, t.end])).toEqual([
      ["word", "SELECT", 0, 6],
      ["quoted", "`a b`", 7, 12],
      ["op", ",", 12, 13],
      ["word", "c_1", 14, 17],
      ["eof", "", 17, 17],
    ]);
    expect(tokens[0]!.upper).toBe("SELECT");
    expect(tokens[1]!.value).toBe("a b");
  });
  test("numbers with Spark's suffixes", () => {
    expect(kinds("1 1L 1S 1Y 1.5 .5 1. 1e10 1.5E-3 1.5D 1.5F 1.5BD 1e3BD 1l 2bd")).toEqual([
      "integer:1", "bigint:1L", "smallint:1S", "tinyint:1Y", "decimal:1.5", "decimal:.5", "decimal:1.",
      "exponent:1e10", "exponent:1.5E-3", "double:1.5D", "float:1.5F", "bigdecimal:1.5BD", "bigdecimal:1e3BD",
      "bigint:1l", "bigdecimal:2bd", "eof:",
    ]);
    expect(tokenize("1.5BD").tokens[0]!.value).toBe("1.5");
  });
  test("longest match between numbers and identifiers", () => {
    expect(kinds("12abc 1e 0x1F 1.5x 1.2.3")).toEqual([
      "word:12abc", "word:1e", "word:0x1F", "integer:1", "op:.", "word:5x", "decimal:1.2", "decimal:.3", "eof:",
    ]);
  });
  test("operators", () => {
    expect(kinds("<=> == != <> <= >= !< !> << >> >>> || -> :: => | & ^ ~ % !")).toEqual([
      "op:<=>", "op:==", "op:!=", "op:<>", "op:<=", "op:>=", "op:!<", "op:!>", "op:<<", "op:>>", "op:>>>",
      "op:||", "op:->", "op:::", "op:=>", "op:|", "op:&", "op:^", "op:~", "op:%", "op:!", "eof:",
    ]);
  });
  test("comments are skipped, nested bracketed comments too", () => {
    expect(kinds("a -- x\n+ /* c /* d */ e */ b")).toEqual(["word:a", "op:+", "word:b", "eof:"]);
    expect(tokenize("a /* b").unclosedComment).toBe(true);
    expect(tokenize("a /* b */").unclosedComment).toBe(false);
    expect(kinds("a /*+ hint */")).toEqual(["word:a", "op:/*+", "word:hint", "op:*/", "eof:"]);
    expect(kinds("a --x\\\ny\nb")).toEqual(["word:a", "word:b", "eof:"]);
  });
  test("strings", () => {
    const { tokens } = tokenize(`'a\\'b' "c" 'd''e' R'f\\g'`);
    expect(tokens.map((t) => t.value)).toEqual(["a'b", "c", "d'e", "f\\g", ""]);
  });
  test("an unclosed quote is one unrecognized character", () => {
    expect(kinds("'abc")).toEqual(["unknown:'", "word:abc", "eof:"]);
    expect(kinds("`abc")).toEqual(["unknown:`", "word:abc", "eof:"]);
    expect(kinds("``` ")).toEqual(["quoted:``", "unknown:`", "eof:"]);
    expect(kinds("a $ b")).toEqual(["word:a", "unknown:$", "word:b", "eof:"]);
    expect(kinds("😀")).toEqual(["unknown:😀", "eof:"]);
  });
  test("unicode letters lex as words", () => expect(kinds("aé")).toEqual(["word:aé", "eof:"]));
  test("the display of tokens in errors", () => {
    const { tokens } = tokenize("'x' abc");
    expect(tokenDisplay(tokens[0]!)).toBe("''x''");
    expect(tokenDisplay(tokens[1]!)).toBe("'abc'");
    expect(tokenDisplay(tokens[2]!)).toBe("end of input");
  });
  test("the lexer is linear", () => {
    const text = "a + ".repeat(50_000) + "1";
    const t0 = performance.now();
    expect(tokenize(text).tokens.length).toBe(100_002);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe("unescapeSQLString (SparkParserUtils)", () => {
  const cases: [string, string][] = [
    ["'abc'", "abc"],
    ["'a\\nb\\tc\\rd'", "a\nb\tc\rd"],
    ["'\\0\\b\\Z'", "\u0000\b\u001a"],
    ["'\\%\\_'", "\\%\\_"],
    ["'\\u0041\\U0001F600'", "A😀"],
    ["'\\101\\1'", "A1"],
    ["'\\q'", "q"],
    ["'a\\'", "a\\"],
    ["'it''s'", "it's"],
    ['"say ""hi"""', 'say "hi"'],
    ["'say \"hi\"'", 'say "hi"'],
    ["r'\\n'", "\\n"],
  ];
  for (const [raw, value] of cases) test(raw, () => expect(unescapeSQLString(raw)).toBe(value));
});
