import { describe, expect, test } from "bun:test";
import {
  compileJavaRegex, groupCount, groupNames, javaReplaceAll, javaSplit, JavaRegexError, javaToUtf8Text,
  parseJavaReplacement, translateJavaRegex,
} from "./java_regex.ts";

const find = (p: string, s: string) => compileJavaRegex(p).test(s);
const replace = (s: string, p: string, r: string) => {
  const re = compileJavaRegex(p, true);
  return javaReplaceAll(s, re, parseJavaReplacement(r, groupCount(re), groupNames(re)));
};

describe("Java regex translation", () => {
  test("Java's dot, dollar, \\s and POSIX classes", () => {
    expect(find("a.b", "a\nb")).toBe(false);
    expect(find("a.b", "a\u0085b")).toBe(false);
    expect(find("(?s)a.b", "a\nb")).toBe(true);
    expect(find("c$", "abc\n")).toBe(true);
    expect(find("c$", "abc\nx")).toBe(false);
    expect(find("(?m)c$", "abc\nx")).toBe(true);
    expect(find("^\\s$", "\u00a0")).toBe(false);
    expect(find("^\\s$", "\u000b")).toBe(true);
    expect(find("^\\p{Alpha}+$", "abc")).toBe(true);
    expect(find("^\\p{Alpha}+$", "é")).toBe(false);
    expect(find("^\\p{L}+$", "é")).toBe(true);
    expect(find("^\\p{Punct}$", "!")).toBe(true);
    expect(find("^\\P{Digit}$", "x")).toBe(true);
    expect(find("^\\p{IsLatin}+$", "abé")).toBe(true);
    expect(find("^[\\p{Upper}\\d]+$", "A1")).toBe(true);
  });

  test("quoting, anchors, escapes and flags", () => {
    expect(find("\\Qa.b\\E", "a.b")).toBe(true);
    expect(find("\\Qa.b\\E", "axb")).toBe(false);
    expect(find("\\Qa.b", "a.b")).toBe(true);
    expect(find("\\Aab", "xab")).toBe(false);
    expect(find("ab\\z", "ab\n")).toBe(false);
    expect(find("ab\\Z", "ab\n")).toBe(true);
    expect(find("\\x41\\u0042\\0103", "ABC")).toBe(true);
    expect(find("\\t", "\t")).toBe(true);
    expect(find("a\\-b", "a-b")).toBe(true);
    expect(find("[a\\-z]", "-")).toBe(true);
    expect(find("[]a]", "]")).toBe(true);
    expect(find("[a[bc]]", "c")).toBe(true);
    expect(find("(?i)abc", "ABC")).toBe(true);
    expect(find("(?x) a b # comment", "ab")).toBe(true);
    expect(find("a++b", "aab")).toBe(true);
    expect(find("(?>a)b", "ab")).toBe(true);
    expect(find("x{2}", "xx")).toBe(true);
    expect(find("a]}", "a]}")).toBe(true);
    expect(find("(?<y>\\d{4})-\\k<y>", "2024-2024")).toBe(true);
    expect(find("^.$", "😀")).toBe(true);
  });

  test("invalid patterns", () => {
    for (const p of ["[", "(", ")", "a{", "\\", "\\y", "[a&&b]", "\\p{Nope}"]) {
      expect(() => compileJavaRegex(p)).toThrow();
    }
    expect(() => translateJavaRegex("\\p{InGreek}")).toThrow(JavaRegexError);
  });
});

describe("replacement and split", () => {
  test("Matcher.appendReplacement syntax", () => {
    expect(replace("abc", "(b)", "[$1]")).toBe("a[b]c");
    expect(replace("abc", "(b)", "\\$1")).toBe("a$1c");
    expect(replace("abc", "(?<n>b)", "${n}!")).toBe("ab!c");
    expect(replace("abc", "(b)", "$10")).toBe("ab0c");
    expect(replace("abc", "", "-")).toBe("-a-b-c-");
    expect(javaToUtf8Text(replace("a😀", "", "-"))).toBe("-a-?-?-");
    expect(javaToUtf8Text("a\ud83d\ude00b")).toBe("a😀b");
    expect(() => parseJavaReplacement("$", 0, new Set())).toThrow(JavaRegexError);
    expect(() => parseJavaReplacement("$2", 1, new Set())).toThrow(JavaRegexError);
    expect(() => parseJavaReplacement("${x}", 1, new Set())).toThrow(JavaRegexError);
    expect(() => parseJavaReplacement("a\\", 0, new Set())).toThrow(JavaRegexError);
  });

  test("String.split", () => {
    const split = (s: string, p: string, limit: number) => javaSplit(s, compileJavaRegex(p, true), limit);
    expect(split("a,b,,", ",", 0)).toEqual(["a", "b"]);
    expect(split("a,b,,", ",", -1)).toEqual(["a", "b", "", ""]);
    expect(split("a,b,c", ",", 2)).toEqual(["a", "b,c"]);
    expect(split("abc", "", -1)).toEqual(["a", "b", "c", ""]);
    expect(split("", ",", -1)).toEqual([""]);
    expect(split(",a", ",", -1)).toEqual(["", "a"]);
    expect(split("abc", "x*", -1)).toEqual(["a", "b", "c", ""]);
  });
});
