// Recursive-descent parser for Spark SQL expressions and data types (SqlBaseParser.g4's
// booleanExpression / valueExpression / primaryExpression / dataType rules), building the nodes
// of expr/expr.ts. Statements can be added by subclassing Parser: every rule is a method that
// starts at `this.pos`, so a SELECT parser can call parseNamedExpression() at any token.
//
// Error positions follow Spark: syntax errors point at the offending token with ANTLR's hints
// (": extra input 'x'", ": missing ')'"); errors Spark raises while building the tree
// (bad literals, unsupported types) point at the whole fragment.
import { stringToDayTimeInterval, stringToYearMonthInterval } from "../expr/cast_interval.ts";
import { SluiceError } from "../errors.ts";
import type { Expr, Origin, SortOrderExpr, WindowFrame, WindowSpec, FrameBound } from "../expr/expr.ts";
import {
  ArrayType, BinaryType, BooleanType, ByteType, CalendarIntervalType, DateType, DayTimeIntervalType, DecimalType,
  DoubleType, FloatType, IntegerType, LongType, MapType, NullType, ShortType, StringType, StructField, StructType,
  TimestampNTZType, TimestampType, TimeType, YearMonthIntervalType,
} from "../types/data_type.ts";
import type { DataType } from "../types/data_type.ts";
import { CalendarInterval } from "../types/calendar_interval.ts";
import { stringToTime } from "../expr/datetime/time_of_day.ts";
import { longFromBigInt } from "../types/long.ts";
import { type Token, tokenDisplay, tokenize, unclosedCommentError } from "./lexer.ts";
import {
  DT_NAMES, intervalMicros, invalidIntervalFormat, legacyError,
  isZoneRelativeTimestamp, parseDateLiteral, parseHexLiteral, parseTimestampLiteral, stringToInterval,
} from "./literal_values.ts";

/** `(a, b)` row constructors: before IN (SELECT …) they are several values, not one struct. */
export const rowConstructors = new WeakSet<Expr>();

export interface ParseOptions {
  /** spark.sql.legacy.consecutiveStringLiterals.enabled: a doubled quote ends a string literal. */
  legacyConsecutiveStringLiterals?: boolean;
  /**
   * Session time zone for TIMESTAMP literals without a zone (spark.sql.session.timeZone). Without
   * it such literals are left for the analyzer to read in the session time zone (`localTime`).
   */
  timeZone?: string;
}

/** FunctionRegistry.castAlias: these names called with one argument are casts (built on first use: import cycle). */
let castAliases: Record<string, DataType> | undefined;
function castAlias(name: string): DataType | undefined {
  castAliases ??= {
    boolean: new BooleanType(), tinyint: new ByteType(), smallint: new ShortType(), int: new IntegerType(),
    bigint: new LongType(), float: new FloatType(), double: new DoubleType(), decimal: new DecimalType(10, 0),
    date: new DateType(), timestamp: new TimestampType(), binary: new BinaryType(), string: new StringType(),
    time: new TimeType(6),
  };
  return Object.hasOwn(castAliases, name) ? castAliases[name] : undefined;
}

const DATETIME_UNITS = new Set([
  "YEAR", "QUARTER", "MONTH", "WEEK", "DAY", "DAYOFYEAR", "HOUR", "MINUTE", "SECOND", "MILLISECOND", "MICROSECOND",
]);
const MULTI_UNITS = new Set([
  "NANOSECOND", "NANOSECONDS", "MICROSECOND", "MICROSECONDS", "MILLISECOND", "MILLISECONDS", "SECOND", "SECONDS",
  "MINUTE", "MINUTES", "HOUR", "HOURS", "DAY", "DAYS", "WEEK", "WEEKS", "MONTH", "MONTHS", "YEAR", "YEARS",
]);
const TO_UNITS = new Set(["SECOND", "MINUTE", "HOUR", "DAY", "MONTH", "YEAR"]);
const COMPARISON: Record<string, "=" | "<=>" | "!=" | "<" | "<=" | ">" | ">="> = {
  "=": "=", "==": "=", "<=>": "<=>", "!=": "!=", "<>": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">=",
  "!<": ">=", "!>": "<=",
};
const NUMBER_KINDS = new Set(["integer", "bigint", "smallint", "tinyint", "decimal", "exponent", "double", "float", "bigdecimal"]);
/** Words that start a query inside parentheses: `(SELECT …)`. */
const QUERY_START = new Set(["SELECT", "WITH", "VALUES", "FROM", "TABLE", "MAP", "REDUCE"]);

const freeze = <T extends object>(o: T): T => Object.freeze(o);

/** Nesting beyond this is refused instead of overflowing the stack (each level is ~15 JS frames). */
export const maxNestingDepth = 200;

export class Parser {
  readonly text: string;
  protected tokens: Token[];
  protected readonly unclosedComment: boolean;
  protected readonly timeZone: string;
  /** No session time zone was given: zone-less TIMESTAMP literals are read by the analyzer. */
  private readonly deferZone: boolean;
  /**
   * An error found while building the tree (an unsupported type name) that Spark raises only once
   * the whole text has parsed, so a syntax error further on wins; thrown by finish().
   */
  private deferredError: SluiceError | undefined;
  /** Words that end an expression instead of becoming an alias without AS (a statement parser sets FROM, WHERE …). */
  protected readonly clauseWords: ReadonlySet<string> = new Set();
  pos = 0;
  /** How deeply the rules being parsed nest (parenthesized expressions, subqueries, unary operators). */
  private depth = 0;

  constructor(text: string, options: ParseOptions = {}) {
    this.text = text;
    const lexed = tokenize(text, options.legacyConsecutiveStringLiterals === true);
    this.tokens = lexed.tokens;
    this.unclosedComment = lexed.unclosedComment;
    this.timeZone = options.timeZone ?? "UTC";
    this.deferZone = options.timeZone === undefined;
  }

  // ---------------------------------------------------------------- tokens

  peek(k = 0): Token {
    return this.tokens[Math.min(this.pos + k, this.tokens.length - 1)]!;
  }
  next(): Token {
    const t = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return t;
  }
  /** End offset of the last consumed token. */
  protected get lastEnd(): number {
    return this.pos === 0 ? 0 : this.tokens[this.pos - 1]!.end;
  }
  isWord(t: Token, ...words: string[]): boolean {
    return t.kind === "word" && words.includes(t.upper);
  }
  isOp(t: Token, ...ops: string[]): boolean {
    return t.kind === "op" && ops.includes(t.text);
  }
  atWord(...words: string[]): boolean {
    return this.isWord(this.peek(), ...words);
  }
  atOp(...ops: string[]): boolean {
    return this.isOp(this.peek(), ...ops);
  }
  acceptWord(...words: string[]): Token | undefined {
    return this.atWord(...words) ? this.next() : undefined;
  }
  acceptOp(...ops: string[]): Token | undefined {
    return this.atOp(...ops) ? this.next() : undefined;
  }
  /** A keyword used as an infix operator; followed by the end of input it is an alias instead (`a AND`). */
  protected atInfixWord(...words: string[]): boolean {
    return this.atWord(...words) && this.peek(1).kind !== "eof";
  }
  isIdentifier(t: Token): boolean {
    return t.kind === "word" || t.kind === "quoted";
  }

  expectWord(word: string): Token {
    const t = this.peek();
    if (this.isWord(t, word)) return this.next();
    throw this.syntaxError(t);
  }
  /**
   * Matches operator `op`. Like ANTLR's recoverInline, the error names the current token and
   * says ": extra input" when the token after it is what was expected, or ": missing" at the end
   * of the input (only where `hints` is on: inside constructs ANTLR had already committed to).
   */
  expectOp(op: string, hints = false, follow: readonly string[] = [op]): Token {
    const t = this.peek();
    if (this.isOp(t, op)) return this.next();
    if (hints) {
      if (t.kind !== "eof" && this.isOp(this.peek(1), ...follow)) {
        throw this.syntaxError(t, `: extra input ${tokenDisplay(t)}`);
      }
      if (t.kind === "eof") throw this.syntaxError(t, `: missing '${op}'`);
    }
    throw this.syntaxError(t);
  }

  /** A keyword inside a construct already recognized: ": missing 'AND'" when what follows could come after it. */
  expectKeyword(word: string): Token {
    const t = this.peek();
    if (this.isWord(t, word)) return this.next();
    throw this.syntaxError(t, this.startsExpression(t) ? `: missing '${word}'` : "");
  }
  /** A token that cannot follow a keyword which might also have been an alias (`a IN 1`, `a AS 1`). */
  protected unexpected(t: Token): SluiceError {
    const hint = t.kind !== "eof" && this.peekAfter(t).kind === "eof" ? `: extra input ${tokenDisplay(t)}` : "";
    return this.syntaxError(t, hint);
  }
  private peekAfter(t: Token): Token {
    const i = this.tokens.indexOf(t);
    return this.tokens[Math.min(i + 1, this.tokens.length - 1)]!;
  }
  protected startsExpression(t: Token): boolean {
    return t.kind === "word" || t.kind === "quoted" || t.kind === "string" || NUMBER_KINDS.has(t.kind) ||
      this.isOp(t, "(", "-", "+", "~", "*", "!");
  }

  // ---------------------------------------------------------------- errors

  syntaxError(t: Token, hint = ""): SluiceError {
    // Running into the end of the input inside an unclosed /* comment: Spark names the comment.
    if (t.kind === "eof" && this.unclosedComment) return unclosedCommentError();
    return new SluiceError("PARSE_SYNTAX_ERROR", `Syntax error at or near ${tokenDisplay(t)}${hint}.`, {
      sqlState: "42601",
      position: { text: this.text, start: t.start, end: t.end },
    });
  }
  /** An error about a whole fragment of the text (Spark's errors raised while building the tree). */
  fragmentError(code: string, message: string, start: number, end: number, sqlState?: string): SluiceError {
    return new SluiceError(code, message, { sqlState, position: { text: this.text, start, end } });
  }
  protected origin(start: number, end = this.lastEnd): Origin {
    return freeze({ text: this.text, start, end });
  }
  /** Runs `f`; on a SluiceError puts the position back and returns undefined. */
  protected attempt<T>(f: () => T): T | undefined {
    const saved = this.pos;
    const savedTokens = this.tokens;
    const savedDeferred = this.deferredError;
    try {
      return f();
    } catch (e) {
      if (!(e instanceof SluiceError)) throw e;
      this.pos = saved;
      this.tokens = savedTokens;
      this.deferredError = savedDeferred;
      return undefined;
    }
  }

  /** The end of a top-level rule: everything must be consumed. */
  finish(): void {
    const t = this.peek();
    if (t.kind !== "eof") {
      const hint = this.peek(1).kind === "eof" ? `: extra input ${tokenDisplay(t)}` : "";
      throw this.syntaxError(t, hint);
    }
    if (this.unclosedComment) throw unclosedCommentError();
    if (this.deferredError) throw this.deferredError;
  }

  // ---------------------------------------------------------------- identifiers

  /** An identifier: a word (any keyword may be one) or a backquoted name. */
  parseIdentifier(): string {
    const t = this.peek();
    if (!this.isIdentifier(t)) throw this.syntaxError(t);
    this.next();
    if (t.kind === "word" && !/^[A-Za-z0-9_]+$/.test(t.text)) {
      throw new SluiceError(
        "INVALID_IDENTIFIER",
        `The unquoted identifier ${t.text} is invalid and must be back quoted as: \`${t.text}\`.\n` +
          "Unquoted identifiers can only contain ASCII letters ('a' - 'z', 'A' - 'Z'), digits ('0' - '9'), and underbar ('_').\n" +
          "Unquoted identifiers must also not start with a digit.\n" +
          "Different data sources and meta stores may impose additional restrictions on valid identifiers.",
        { sqlState: "42602", position: { text: this.text, start: t.start, end: t.end } },
      );
    }
    return t.value;
  }

  // ---------------------------------------------------------------- expressions

  /** `singleExpression`: a named expression and the end of the input. */
  parseSingleExpression(): Expr {
    this.rejectEmpty();
    const e = this.parseNamedExpression();
    this.finish();
    return e;
  }

  /** Text that is only whitespace is PARSE_EMPTY_STATEMENT (comments are not: they are a syntax error). */
  protected rejectEmpty(): void {
    if (!/^[ \r\n\t]*$/.test(this.text)) return;
    const t = this.peek();
    throw new SluiceError("PARSE_EMPTY_STATEMENT", "Syntax error, unexpected empty statement.", {
      sqlState: "42617",
      position: { text: this.text, start: t.start, end: t.end },
    });
  }

  /** `expression [AS] alias` or `expression [AS] (a, b)`. */
  parseNamedExpression(): Expr {
    const start = this.peek().start;
    const e = this.parseExpression();
    // `a AS` at the end reads as an alias named AS, as in Spark.
    const hasAs = this.atWord("AS") && this.peek(1).kind !== "eof" && this.next() !== undefined;
    if (this.atOp("(")) {
      this.next();
      const names = [this.parseIdentifier()];
      while (this.acceptOp(",")) names.push(this.parseIdentifier());
      this.expectOp(")", true, [")", ","]);
      return freeze({ kind: "alias", arg: e, names: freeze(names), origin: this.origin(start) });
    }
    const next = this.peek();
    // A clause keyword ends the expression, unless it is the last word (`SELECT * FROM` aliases `*` as FROM, as in Spark).
    const clause = next.kind === "word" && this.clauseWords.has(next.upper) && this.peek(1).kind !== "eof";
    if (hasAs || (this.isIdentifier(next) && !clause)) {
      if (!this.isIdentifier(this.peek())) throw this.unexpected(this.peek());
      const name = this.parseIdentifier();
      return freeze({ kind: "alias", arg: e, names: freeze([name]), origin: this.origin(start) });
    }
    return e;
  }

  /**
   * `expression`: OR of ANDs of NOTs of predicates. `first`, when given, is an operand already
   * read at comparison level (special call forms read one before they know their shape).
   */
  parseExpression(first?: Expr): Expr {
    return this.nested(() => this.parseOr(first));
  }

  /** Runs a rule one nesting level deeper; refuses input nested more than maxNestingDepth levels. */
  protected nested<T>(rule: () => T): T {
    if (this.depth >= maxNestingDepth) {
      const t = this.peek();
      throw new SluiceError("SQL_NESTING_TOO_DEEP",
        `The statement nests expressions or queries more than ${maxNestingDepth} levels deep.`,
        { sqlState: "54000", position: { text: this.text, start: t.start, end: t.end }, hint: "Flatten the expression, or split the query with a view or a CTE." });
    }
    this.depth++;
    try {
      return rule();
    } finally {
      this.depth--;
    }
  }

  private parseOr(first?: Expr): Expr {
    const start = first?.origin?.start ?? this.peek().start;
    let left = this.parseAnd(first);
    while (this.atInfixWord("OR")) {
      this.next();
      const right = this.parseAnd();
      left = this.binary("or", left, right, start);
    }
    return left;
  }

  protected parseAnd(first?: Expr): Expr {
    const start = first?.origin?.start ?? this.peek().start;
    let left = first ? this.parsePredicated(first) : this.parseNot();
    while (this.atInfixWord("AND")) {
      this.next();
      const right = this.parseNot();
      left = this.binary("and", left, right, start);
    }
    return left;
  }

  protected parseNot(): Expr {
    const t = this.peek();
    if ((this.isWord(t, "NOT") && this.peek(1).kind !== "eof") || this.isOp(t, "!")) {
      this.next();
      const arg = this.nested(() => this.parseNot());
      return freeze({ kind: "unary", op: "not", arg, origin: this.origin(t.start) });
    }
    if (this.isWord(t, "EXISTS") && this.isOp(this.peek(1), "(") && this.isWord(this.peek(2), ...QUERY_START)) {
      this.next();
      this.next();
      const plan = this.parseSubquery();
      this.expectOp(")", true);
      return freeze({ kind: "subquery", mode: "exists", plan, origin: this.origin(t.start) });
    }
    return this.parsePredicated();
  }

  /** `valueExpression predicate?` */
  protected parsePredicated(first?: Expr): Expr {
    const start = first?.origin?.start ?? this.peek().start;
    const value = first ?? this.parseComparison();
    let negated = false;
    const t = this.peek();
    const afterNot = this.peek(1);
    if ((this.isWord(t, "NOT") || this.isOp(t, "!")) && this.isWord(afterNot, "BETWEEN", "IN", "LIKE", "ILIKE", "RLIKE", "REGEXP")) {
      this.next();
      negated = true;
    } else if (!this.atInfixWord("BETWEEN", "IN", "LIKE", "ILIKE", "RLIKE", "REGEXP", "IS")) {
      return value;
    }
    const kw = this.next();
    switch (kw.upper) {
      case "BETWEEN": {
        const low = this.parseComparison();
        this.expectKeyword("AND");
        const high = this.parseComparison();
        return freeze({ kind: "between", arg: value, low, high, negated, origin: this.origin(start) });
      }
      case "IN":
        return this.parseInPredicate(value, negated, start);
      case "RLIKE":
      case "REGEXP": {
        const pattern = this.parseComparison();
        return freeze({ kind: "like", mode: "rlike", arg: value, pattern, negated, origin: this.origin(start) });
      }
      case "LIKE":
      case "ILIKE":
        return this.parseLike(value, kw, negated, start);
      default:
        return this.parseIs(value, start);
    }
  }

  protected parseInPredicate(value: Expr, negated: boolean, start: number): Expr {
    const open = this.peek();
    if (this.isOp(open, "(") && this.isWord(this.peek(1), ...QUERY_START) && !this.isOp(this.peek(2), ")", ",")) {
      this.next();
      const plan = this.parseSubquery();
      this.expectOp(")", true);
      const sub: Expr = freeze({ kind: "subquery", mode: "in", plan, arg: value, origin: this.origin(start) });
      return negated ? freeze({ kind: "unary", op: "not", arg: sub, origin: this.origin(start) }) : sub;
    }
    if (!this.isOp(open, "(")) throw this.unexpected(open);
    // ANTLR cannot choose between the list and the subquery form, so any failure inside is reported at '('.
    const list = this.attempt(() => {
      this.expectOp("(");
      const items = [this.parseExpression()];
      while (this.acceptOp(",")) items.push(this.parseExpression());
      this.expectOp(")");
      return items;
    });
    if (!list) throw this.syntaxError(open);
    return freeze({ kind: "in", arg: value, list: freeze(list), negated, origin: this.origin(start) });
  }

  protected parseLike(value: Expr, kw: Token, negated: boolean, start: number): Expr {
    const mode = kw.upper === "LIKE" ? "like" : "ilike";
    const quant = this.peek();
    if (this.isWord(quant, "ANY", "SOME", "ALL") && this.isOp(this.peek(1), "(")) {
      this.next();
      const open = this.next();
      const patterns: Expr[] = [];
      if (!this.atOp(")")) {
        patterns.push(this.parseExpression());
        while (this.acceptOp(",")) patterns.push(this.parseExpression());
      }
      this.expectOp(")", true, [")", ","]);
      if (patterns.length === 0) {
        throw this.fragmentError("_LEGACY_ERROR_TEMP_0064", "Expected something between '(' and ')'..", kw.start, this.lastEnd);
      }
      void open;
      // Spark rewrites ILIKE ANY to lower(x) LIKE ANY (lower(p)…).
      const lower = (e: Expr): Expr => freeze({ kind: "call", name: "lower", args: freeze([e]), origin: e.origin });
      const arg = mode === "ilike" ? lower(value) : value;
      const pats = mode === "ilike" ? patterns.map(lower) : patterns;
      const name = (negated ? "not" : "") + "like" + (quant.upper === "ALL" ? "all" : "any");
      return freeze({ kind: "call", name, args: freeze([arg, ...pats]), origin: this.origin(start) });
    }
    const pattern = this.parseComparison();
    let escape: string | undefined;
    if (this.atWord("ESCAPE") && this.peek(1).kind !== "eof") {
      this.next();
      const s = this.peek();
      if (s.kind !== "string") throw this.unexpected(s);
      this.next();
      if (s.value.length !== 1) {
        throw this.fragmentError(
          "INVALID_ESC",
          `Found an invalid escape string: '${s.value}'. The escape string must contain only one character.`,
          kw.start,
          this.lastEnd,
          "42604",
        );
      }
      escape = s.value;
    }
    const node: Expr = freeze({ kind: "like", mode, arg: value, pattern, negated, ...(escape === undefined ? {} : { escape }), origin: this.origin(start) });
    return node;
  }

  /** IS [NOT] NULL | TRUE | FALSE | UNKNOWN | DISTINCT FROM x, desugared as Spark's AstBuilder does. */
  protected parseIs(value: Expr, start: number): Expr {
    const not = this.acceptWord("NOT") ?? this.acceptOp("!");
    const negated = not !== undefined;
    const t = this.peek();
    const wrapNot = (e: Expr): Expr => freeze({ kind: "unary", op: "not", arg: e, origin: this.origin(start) });
    if (this.isWord(t, "NULL", "UNKNOWN")) {
      this.next();
      return freeze({ kind: "isNull", arg: value, negated, origin: this.origin(start) });
    }
    if (this.isWord(t, "TRUE", "FALSE")) {
      this.next();
      const lit = this.literalNode(t.upper === "TRUE", new BooleanType(), t.start);
      const eq = this.binary("<=>", value, lit, start);
      return negated ? wrapNot(eq) : eq;
    }
    if (this.isWord(t, "DISTINCT")) {
      this.next();
      this.expectKeyword("FROM");
      const right = this.parseComparison();
      const eq = this.binary("<=>", value, right, start);
      return negated ? eq : wrapNot(eq);
    }
    throw this.unexpected(t);
  }

  /** Comparisons: the loosest valueExpression operators, left-associative. */
  protected parseComparison(): Expr {
    const start = this.peek().start;
    let left = this.parseBitOr();
    for (;;) {
      const t = this.peek();
      const op = t.kind === "op" ? COMPARISON[t.text] : undefined;
      if (!op) return left;
      this.next();
      const right = this.parseBitOr();
      left = this.binary(op, left, right, start);
    }
  }

  protected parseBitOr(): Expr {
    return this.leftAssoc(() => this.parseBitXor(), { "|": "|" });
  }
  protected parseBitXor(): Expr {
    return this.leftAssoc(() => this.parseBitAnd(), { "^": "^" });
  }
  protected parseBitAnd(): Expr {
    return this.leftAssoc(() => this.parseShift(), { "&": "&" });
  }
  protected parseShift(): Expr {
    const start = this.peek().start;
    let left = this.parseAdditive();
    // The operators are functions of their own (named (a << n)); shiftleft(a, n) is the same shift.
    const names: Record<string, string> = { "<<": "<<", ">>": ">>", ">>>": ">>>" };
    while (this.atOp("<<", ">>", ">>>")) {
      const name = names[this.next().text]!;
      const right = this.parseAdditive();
      left = freeze({ kind: "call", name, args: freeze([left, right]), origin: this.origin(start) });
    }
    return left;
  }
  protected parseAdditive(): Expr {
    return this.leftAssoc(() => this.parseMultiplicative(), { "+": "+", "-": "-", "||": "||" });
  }
  protected parseMultiplicative(): Expr {
    const start = this.peek().start;
    let left = this.parseUnary();
    for (;;) {
      const t = this.peek();
      let op: "*" | "/" | "%" | "div" | undefined;
      if (this.isOp(t, "*", "/", "%")) op = t.text as "*" | "/" | "%";
      else if (this.atInfixWord("DIV")) op = "div";
      if (!op) return left;
      this.next();
      const right = this.parseUnary();
      left = this.binary(op, left, right, start);
    }
  }
  private leftAssoc(operand: () => Expr, ops: Record<string, string>): Expr {
    const start = this.peek().start;
    let left = operand();
    while (this.peek().kind === "op" && ops[this.peek().text]) {
      const op = ops[this.next().text]!;
      const right = operand();
      left = this.binary(op as never, left, right, start);
    }
    return left;
  }

  protected parseUnary(): Expr {
    const t = this.peek();
    if (this.isOp(t, "-", "+", "~")) {
      // `-1` is a negative literal (number: MINUS? INTEGER_VALUE), `-a` an operator.
      if (this.isOp(t, "-") && NUMBER_KINDS.has(this.peek(1).kind)) return this.parsePostfix(this.parsePrimary());
      this.next();
      const arg = this.nested(() => this.parseUnary());
      const op = t.text as "-" | "+" | "~";
      return freeze({ kind: "unary", op, arg, origin: this.origin(t.start) });
    }
    return this.parsePostfix(this.parsePrimary());
  }

  /** `x[i]`, `x.field`, `x::type` after a primary expression. */
  protected parsePostfix(base: Expr): Expr {
    const start = base.origin?.start ?? this.peek().start;
    let e = base;
    for (;;) {
      if (this.atOp("[")) {
        this.next();
        const key = this.parseComparison();
        this.expectOp("]", true);
        e = freeze({ kind: "getItem", arg: e, key, origin: this.origin(start) });
      } else if (this.atOp(".") && !this.isOp(this.peek(1), "*")) {
        this.next();
        const name = this.parseIdentifier();
        e = e.kind === "column"
          ? freeze({ kind: "column", parts: freeze([...e.parts, name]), origin: this.origin(start) })
          : freeze({ kind: "getField", arg: e, name, origin: this.origin(start) });
      } else if (this.atOp("::")) {
        this.next();
        const to = this.parseDataType();
        e = freeze({ kind: "cast", arg: e, to, mode: "cast", origin: this.origin(start) });
      } else {
        return e;
      }
    }
  }

  protected parsePrimary(): Expr {
    const t = this.peek();
    const start = t.start;
    switch (t.kind) {
      case "string":
        return this.parseStringLiteral();
      case "op":
        if (t.text === "*") {
          this.next();
          return freeze({ kind: "star", origin: this.origin(start) });
        }
        if (t.text === "(") return this.parseParenthesized();
        if (t.text === "-" && NUMBER_KINDS.has(this.peek(1).kind)) return this.parseNumber();
        throw this.syntaxError(t);
      case "word":
      case "quoted":
        return this.parseWordPrimary();
      default:
        if (NUMBER_KINDS.has(t.kind)) return this.parseNumber();
        throw this.syntaxError(t);
    }
  }

  protected parseParenthesized(): Expr {
    const open = this.next();
    const start = open.start;
    // `(SELECT (…) …)` is a subquery too; `(values(…))`, `(table(…))` are calls.
    if (this.isWord(this.peek(), ...QUERY_START) && !this.isOp(this.peek(1), ")", ",", ".") &&
      (!this.isOp(this.peek(1), "(") || this.isWord(this.peek(), "SELECT"))) {
      const plan = this.parseSubquery();
      this.expectOp(")", true);
      return freeze({ kind: "subquery", mode: "scalar", plan, origin: this.origin(start) });
    }
    // (x, y) -> body
    const lambda = this.tryLambdaParams();
    if (lambda) return this.finishLambda(lambda, start);
    const first = this.parseNamedExpression();
    if (this.atOp(",")) {
      const items = [first];
      while (this.acceptOp(",")) items.push(this.parseNamedExpression());
      this.expectOp(")");
      return this.rowConstructor(items, start);
    }
    if (first.kind === "alias") throw this.syntaxError(this.peek());
    this.expectOp(")");
    // Parentheses leave no node (the inner node keeps its own origin).
    return first;
  }

  /** `(a, b)` is Spark's CreateStruct: named_struct with the columns' names, colN for others. */
  private rowConstructor(items: Expr[], start: number): Expr {
    const args: Expr[] = [];
    items.forEach((e, i) => {
      const name = e.kind === "alias" ? e.names[0]! : e.kind === "column" ? e.parts[e.parts.length - 1]! : `col${i + 1}`;
      args.push(this.literalNode(name, new StringType(), e.origin?.start ?? start, e.origin?.end));
      args.push(e.kind === "alias" ? e.arg : e);
    });
    const row = freeze({ kind: "call", name: "named_struct", args: freeze(args), origin: this.origin(start) }) as Expr;
    rowConstructors.add(row);
    return row;
  }

  private tryLambdaParams(): string[] | undefined {
    let k = 0;
    const params: string[] = [];
    for (;;) {
      const t = this.peek(k);
      if (!this.isIdentifier(t)) return undefined;
      params.push(t.value);
      k++;
      if (this.isOp(this.peek(k), ")")) break;
      if (!this.isOp(this.peek(k), ",")) return undefined;
      k++;
    }
    if (params.length < 2 || !this.isOp(this.peek(k + 1), "->")) return undefined;
    const names: string[] = [];
    for (let i = 0; i < params.length; i++) {
      names.push(this.parseIdentifier());
      this.next(); // ',' or ')'
    }
    this.next(); // '->'
    return names;
  }

  private finishLambda(params: string[], start: number): Expr {
    const body = this.parseExpression();
    return freeze({ kind: "lambda", params: freeze(params), body, origin: this.origin(start) });
  }

  /** Everything that starts with a word: literals, special forms, calls, lambdas, columns. */
  protected parseWordPrimary(): Expr {
    const t = this.peek();
    const start = t.start;
    const next = this.peek(1);
    if (t.kind === "word") {
      const w = t.upper;
      if (next.kind === "string" && !this.isOp(next, "(")) {
        if (w === "INTERVAL") return this.parseInterval();
        return this.parseTypedLiteral();
      }
      if (w === "NULL" && !this.isOp(next, "(")) {
        this.next();
        return this.literalNode(null, new NullType(), start);
      }
      if ((w === "TRUE" || w === "FALSE") && !this.isOp(next, "(")) {
        this.next();
        return this.literalNode(w === "TRUE", new BooleanType(), start);
      }
      if (w === "INTERVAL" && (NUMBER_KINDS.has(next.kind) || this.isOp(next, "-", "+"))) return this.parseInterval();
      if (w === "CASE" && next.kind !== "eof") {
        // CASE is also a valid column name: when the CASE form fails, Spark's parser reports
        // the error of reading it as a column.
        const saved = this.pos;
        try {
          return this.parseCase();
        } catch (e) {
          if (!(e instanceof SluiceError)) throw e;
          this.pos = saved;
          return this.parseColumnOrCall();
        }
      }
      if (this.isOp(next, "(")) {
        const special = this.parseSpecialCall(w);
        if (special) return special;
      }
    }
    if (this.isOp(next, "->")) {
      const name = this.parseIdentifier();
      this.next();
      return this.finishLambda([name], start);
    }
    return this.parseColumnOrCall();
  }

  /** `a.b.c`, `t.*`, `f(…)`, `db.f(…)`. */
  protected parseColumnOrCall(): Expr {
    const start = this.peek().start;
    const parts = [this.parseIdentifier()];
    while (this.atOp(".") && this.isIdentifier(this.peek(1))) {
      this.next();
      parts.push(this.parseIdentifier());
    }
    if (this.atOp(".") && this.isOp(this.peek(1), "*")) {
      this.next();
      this.next();
      return freeze({ kind: "star", qualifier: freeze(parts), origin: this.origin(start) });
    }
    if (this.atOp("(")) return this.parseFunctionCall(parts.join("."), start);
    return freeze({ kind: "column", parts: freeze(parts), origin: this.origin(start) });
  }

  /** `name(DISTINCT? args) FILTER (WHERE …) (IGNORE|RESPECT) NULLS OVER (…)` */
  protected parseFunctionCall(name: string, start: number, argSeparators: readonly string[] = []): Expr {
    const openIndex = this.pos;
    this.expectOp("(");
    let distinct = false;
    if (this.atWord("DISTINCT", "ALL") && !this.isOp(this.peek(1), ")", ",")) {
      distinct = this.next().upper === "DISTINCT";
    }
    const args: Expr[] = [];
    if (!this.atOp(")")) args.push(this.parseExpression());
    return this.continueCall(name, start, openIndex, distinct, args, argSeparators);
  }

  /** The rest of a call's argument list after `args`, the ')' and the clauses after it. */
  protected continueCall(
    name: string, start: number, openIndex: number, distinct: boolean, args: Expr[], argSeparators: readonly string[] = [],
  ): Expr {
    const upper = name.toUpperCase();
    if (args.length === 1 && (upper === "FIRST" || upper === "LAST" || upper === "ANY_VALUE") &&
      this.atWord("IGNORE") && this.isWord(this.peek(1), "NULLS")) {
      // FIRST(x IGNORE NULLS) is first(x, true) in Spark.
      const ignore = this.next();
      this.next();
      args.push(this.literalNode(true, new BooleanType(), ignore.start));
    } else if (args.length > 0) {
      while (this.acceptOp(",") || (argSeparators.length > 0 && this.acceptWord(...argSeparators))) {
        args.push(this.parseExpression());
      }
    }
    // ANTLR only offers ": missing ')'" when the arguments hold no nested parentheses.
    const nested = this.tokens.slice(openIndex + 1, this.pos).some((t) => this.isOp(t, "("));
    if (this.peek().kind === "eof" && nested) throw this.syntaxError(this.peek());
    this.expectOp(")", true, [")", ","]);
    return this.finishCall(name, args, distinct, start);
  }

  /** How many comma-separated arguments the parenthesis at token `open` holds (looking ahead only). */
  protected topLevelArgCount(open: number): number {
    let depth = 0, count = 1;
    for (let i = open; i < this.tokens.length; i++) {
      const t = this.tokens[i]!;
      if (this.isOp(t, "(") || this.isOp(t, "[")) depth++;
      else if (this.isOp(t, ")") || this.isOp(t, "]")) {
        depth--;
        if (depth === 0) return count;
      } else if (depth === 1 && this.isOp(t, ",")) count++;
    }
    return count;
  }

  protected finishCall(name: string, args: Expr[], distinct: boolean, start: number): Expr {
    let filter: Expr | undefined;
    let over: WindowSpec | undefined;
    if (this.atWord("FILTER") && this.isOp(this.peek(1), "(")) {
      this.next();
      const open = this.next();
      if (!this.atWord("WHERE")) throw this.unexpected(open);
      this.next();
      filter = this.parseExpression();
      this.expectOp(")", true);
    }
    if (this.atWord("IGNORE", "RESPECT") && this.isWord(this.peek(1), "NULLS")) {
      const ignore = this.next().upper === "IGNORE";
      this.next();
      // Sluice has no ignoreNulls flag on calls: first/last/any_value take it as a second argument
      // (as FIRST(x IGNORE NULLS) does in Spark); other functions must be called with that argument.
      if (ignore) {
        const lower = name.toLowerCase();
        const at = this.tokens[this.pos - 2]!.start;
        const flag = this.literalNode(true, new BooleanType(), at);
        if (["first", "last", "any_value", "first_value", "last_value"].includes(lower) && args.length === 1) {
          args = [...args, flag];
        } else if ((lower === "lead" || lower === "lag") && args.length >= 1 && args.length <= 3) {
          // lead/lag(input[, offset[, default]]) IGNORE NULLS: the flag follows the defaults.
          const offset = args[1] ?? this.literalNode(1, new IntegerType(), at);
          const dflt = args[2] ?? this.literalNode(null, new NullType(), at);
          args = [args[0]!, offset, dflt, flag];
        } else if (lower === "nth_value" && args.length === 2) {
          args = [...args, flag];
        } else {
          throw this.syntaxError(this.tokens[this.pos - 2]!);
        }
      }
    }
    if (this.atWord("OVER") && this.isOp(this.peek(1), "(")) {
      this.next();
      over = this.parseWindowSpec();
    } else if (this.atWord("OVER") && this.isIdentifier(this.peek(1))) {
      const save = this.pos;
      this.next();
      over = this.parseOverName();
      if (!over) this.pos = save;
    }
    // FunctionRegistry's cast aliases: int(x), float(x), date(x), string(x) … are CAST(x AS type).
    const castTo = castAlias(name.toLowerCase());
    if (castTo && args.length === 1 && !distinct && !filter && !over) {
      return freeze({ kind: "cast", arg: args[0]!, to: castTo, mode: "cast", alias: name.toLowerCase(), origin: this.origin(start) }) as Expr;
    }
    const node: Record<string, unknown> = { kind: "call", name, args: freeze(args) };
    if (distinct) node.distinct = true;
    if (filter) node.filter = filter;
    if (over) node.over = over;
    node.origin = this.origin(start);
    return freeze(node) as Expr;
  }

  /** `( [PARTITION BY …] [ORDER BY …] [frame] )` */
  protected parseWindowSpec(): WindowSpec {
    const open = this.expectOp("(");
    // Spark cannot tell a window definition from a reference here: the error names the '('.
    const first = this.peek();
    const clause = this.isWord(first, "PARTITION", "DISTRIBUTE", "CLUSTER", "ORDER", "SORT") && this.isWord(this.peek(1), "BY");
    if (!clause && !this.isWord(first, "ROWS", "RANGE") && !this.isOp(first, ")")) throw this.unexpected(open);
    const partitionBy: Expr[] = [];
    const orderBy: SortOrderExpr[] = [];
    if (this.atWord("PARTITION", "DISTRIBUTE", "CLUSTER") && this.isWord(this.peek(1), "BY")) {
      this.next();
      this.next();
      partitionBy.push(this.parseExpression());
      while (this.acceptOp(",")) partitionBy.push(this.parseExpression());
    }
    if (this.atWord("ORDER", "SORT") && this.isWord(this.peek(1), "BY")) {
      this.next();
      this.next();
      orderBy.push(this.parseSortItem());
      while (this.acceptOp(",")) orderBy.push(this.parseSortItem());
    }
    let frame: WindowFrame | undefined;
    if (this.atWord("ROWS", "RANGE")) {
      const type: WindowFrame["type"] = this.next().upper === "ROWS" ? "rows" : "range";
      if (this.acceptWord("BETWEEN")) {
        const s = this.parseFrameBound();
        this.expectWord("AND");
        const e = this.parseFrameBound();
        frame = freeze({ type, start: s, end: e });
      } else {
        frame = freeze({ type, start: this.parseFrameBound(), end: "currentRow" as FrameBound });
      }
    }
    this.expectOp(")", true);
    const spec: WindowSpec = { partitionBy: freeze(partitionBy), orderBy: freeze(orderBy), ...(frame ? { frame } : {}) };
    return freeze(spec);
  }

  protected parseFrameBound(): FrameBound {
    if (this.atWord("UNBOUNDED") && this.isWord(this.peek(1), "PRECEDING", "FOLLOWING")) {
      this.next();
      if (this.acceptWord("PRECEDING")) return "unboundedPreceding";
      this.expectWord("FOLLOWING");
      return "unboundedFollowing";
    }
    if (this.atWord("CURRENT") && this.isWord(this.peek(1), "ROW")) {
      this.next();
      this.next();
      return "currentRow";
    }
    const start = this.peek().start;
    const e = this.parseExpression();
    const dir = this.peek();
    if (!this.isWord(dir, "PRECEDING", "FOLLOWING")) throw this.syntaxError(dir);
    this.next();
    // An INT literal is a row count / offset; any other value (a BIGINT, 2.5, INTERVAL …) is
    // checked against the frame and its ordering by the analyzer.
    if (e.kind === "literal" && e.type.kind === "int" && typeof e.value === "number") {
      return dir.upper === "PRECEDING" ? -e.value : e.value;
    }
    // AstBuilder.visitFrameBound: the value must be resolved already (no columns or functions).
    const resolvable = (x: Expr): boolean =>
      x.kind === "literal" || ((x.kind === "unary" || x.kind === "binary" || x.kind === "cast") &&
        (x.kind === "binary" ? resolvable(x.left) && resolvable(x.right) : resolvable(x.arg)));
    if (!resolvable(e)) throw this.fragmentError("_LEGACY_ERROR_TEMP_0064", "Frame bound value must be a literal.", start, this.lastEnd);
    return freeze({ kind: "value", value: e, preceding: dir.upper === "PRECEDING" }) as FrameBound;
  }

  /** `expr [ASC|DESC] [NULLS FIRST|LAST]` */
  parseSortItem(): SortOrderExpr {
    const start = this.peek().start;
    const arg = this.parseExpression();
    let ascending = true;
    const dir = this.acceptWord("ASC", "DESC");
    if (dir) ascending = dir.upper === "ASC";
    let nullsFirst = ascending;
    if (this.atWord("NULLS") && this.isWord(this.peek(1), "FIRST", "LAST")) {
      this.next();
      nullsFirst = this.next().upper === "FIRST";
    }
    return freeze({ kind: "sortOrder", arg, ascending, nullsFirst, origin: this.origin(start) });
  }

  /** Calls with their own syntax: CAST, STRUCT, FIRST(x IGNORE NULLS), EXTRACT, TRIM, … */
  protected parseSpecialCall(w: string): Expr | undefined {
    const start = this.peek().start;
    switch (w) {
      case "CAST":
      case "TRY_CAST": {
        // CAST(x AS t) when AS follows the first expression, else an ordinary call named cast.
        if (this.isOp(this.peek(2), ")")) return undefined;
        const name = this.next().text;
        const openIndex = this.pos;
        this.next();
        const arg = this.parseExpression();
        // Without AS it is an ordinary call named cast.
        if (!this.atWord("AS")) return this.continueCall(name, start, openIndex, false, [arg]);
        this.next();
        let to: DataType;
        try {
          to = this.parseDataType();
        } catch (e) {
          // ARRAY<… failing inside CAST: Spark read ARRAY as a type name and wanted ')' at '<'.
          const at = e instanceof SluiceError && e.code === "PARSE_SYNTAX_ERROR" ? e.position?.start : undefined;
          const lt = this.tokens.find((t) => t.start === at);
          if (lt && this.isOp(lt, "<")) throw this.syntaxError(lt, ": missing ')'");
          throw e;
        }
        this.expectOp(")");
        return freeze({ kind: "cast", arg, to, mode: w === "CAST" ? "cast" : "try", origin: this.origin(start) }) as Expr;
      }
      case "STRUCT": {
        const name = this.next().text;
        this.next();
        const args: Expr[] = [];
        if (!this.atOp(")")) {
          args.push(this.parseNamedExpression());
          while (this.acceptOp(",")) args.push(this.parseNamedExpression());
        }
        this.expectOp(")", true, [")", ","]);
        return this.finishCall(name, args, false, start);
      }
      case "POSITION": {
        if (this.isOp(this.peek(2), ")")) return undefined;
        const name = this.next().text;
        const openIndex = this.pos;
        this.next();
        const substr = this.parseComparison();
        if (!this.atWord("IN")) return this.continueCall(name, start, openIndex, false, [this.parseExpression(substr)]);
        this.next();
        const str = this.parseComparison();
        this.expectOp(")");
        return freeze({ kind: "call", name: "locate", args: freeze([substr, str]), origin: this.origin(start) }) as Expr;
      }
      case "EXTRACT":
        if (!this.isIdentifier(this.peek(2)) || !this.isWord(this.peek(3), "FROM")) return undefined;
        {
          this.next();
          this.next();
          const f = this.peek();
          const field = this.parseIdentifier();
          this.next();
          const source = this.parseComparison();
          this.expectOp(")", true);
          const lit = this.literalNode(field, new StringType(), f.start, f.end);
          return freeze({ kind: "call", name: "extract", args: freeze([lit, source]), origin: this.origin(start) }) as Expr;
        }
      case "SUBSTR":
      case "SUBSTRING": {
        const name = this.next().text;
        const open = this.pos;
        const call = this.parseFunctionCall(name, start, ["FROM", "FOR"]);
        // `SUBSTR(s FROM p)` is the grammar's substring rule: Spark prints it as substring.
        let depth = 0;
        for (let i = open; i < this.pos; i++) {
          const t = this.tokens[i]!;
          if (this.isOp(t, "(")) depth++;
          else if (this.isOp(t, ")")) depth--;
          else if (depth === 1 && this.isWord(t, "FROM") && call.kind === "call") return freeze({ ...call, name: "substring" }) as Expr;
        }
        return call;
      }
      case "TRIM":
        return this.parseTrim();
      case "OVERLAY": {
        if (this.isOp(this.peek(2), ")")) return undefined;
        const name = this.next().text;
        const openIndex = this.pos;
        this.next();
        const input = this.parseComparison();
        if (!this.atWord("PLACING")) return this.continueCall(name, start, openIndex, false, [this.parseExpression(input)]);
        {
          this.next();
          const replace = this.parseComparison();
          this.expectWord("FROM");
          const pos = this.parseComparison();
          const args = [input, replace, pos];
          if (this.acceptWord("FOR")) args.push(this.parseComparison());
          this.expectOp(")");
          return this.finishCall(name, args, false, start);
        }
      }
      case "TIMESTAMPADD":
      case "DATEADD":
      case "DATE_ADD":
      case "TIMESTAMPDIFF":
      case "DATEDIFF":
      case "DATE_DIFF":
      case "TIMEDIFF": {
        const unit = this.peek(2);
        if (unit.kind === "string" && this.isOp(this.peek(3), ",") && this.isOp(this.peek(1), "(") && this.topLevelArgCount(this.pos + 1) === 3) {
          // The grammar's `invalidUnit=stringLit`: a quoted unit is refused while parsing.
          const fnName = this.peek().text.toLowerCase();
          throw new SluiceError("INVALID_PARAMETER_VALUE.DATETIME_UNIT",
            `The value of parameter(s) \`unit\` in \`${fnName}\` is invalid: expects one of the units without quotes YEAR, QUARTER, MONTH, WEEK, DAY, DAYOFYEAR, HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND, but got the string literal ${unit.text}.`,
            { sqlState: "22023", position: { text: this.text, start: this.peek().start, end: this.tokens[this.pos + 5]?.end ?? unit.end } });
        }
        if (!this.isWord(unit, ...DATETIME_UNITS) || !this.isOp(this.peek(3), ",")) return undefined;
        this.next();
        this.next();
        this.next();
        this.next();
        const a = this.parseComparison();
        this.expectOp(",");
        const b = this.parseComparison();
        this.expectOp(")", true);
        const add = w === "TIMESTAMPADD" || w === "DATEADD" || w === "DATE_ADD";
        const name = add ? "timestampadd" : "timestampdiff";
        const lit = this.literalNode(unit.upper, new StringType(), unit.start, unit.end);
        return freeze({ kind: "call", name, args: freeze([lit, a, b]), origin: this.origin(start) }) as Expr;
      }
      default:
        return undefined;
    }
  }

  /** TRIM([BOTH|LEADING|TRAILING] [chars] FROM str) → trim/ltrim/rtrim(chars, str). */
  private parseTrim(): Expr | undefined {
    if (this.isOp(this.peek(2), ")")) return undefined;
    const nameTok = this.next();
    const start = nameTok.start;
    const openIndex = this.pos;
    this.next();
    const opt = this.atWord("BOTH", "LEADING", "TRAILING") && !this.isOp(this.peek(1), ",", ")") ? this.next() : undefined;
    let chars: Expr | undefined;
    if (!this.atWord("FROM")) chars = this.parseComparison();
    // Without FROM it is an ordinary call: trim(str) or trim(trimStr, str).
    if (!opt && !this.atWord("FROM")) return this.continueCall(nameTok.text, start, openIndex, false, [this.parseExpression(chars)]);
    this.expectWord("FROM");
    const src = this.parseComparison();
    this.expectOp(")");
    const name = opt?.upper === "LEADING" ? "ltrim" : opt?.upper === "TRAILING" ? "rtrim" : "trim";
    // Spark's two-argument trim functions take (trimStr, str).
    return freeze({ kind: "call", name, args: freeze(chars ? [chars, src] : [src]), origin: this.origin(start) }) as Expr;
  }

  protected parseCase(): Expr {
    const start = this.next().start;
    let operand: Expr | undefined;
    if (!this.atWord("WHEN")) operand = this.parseExpression();
    const branches: { when: Expr; then: Expr }[] = [];
    do {
      this.expectWord("WHEN");
      const when = this.parseExpression();
      this.expectWord("THEN");
      const then = this.parseExpression();
      branches.push(freeze({ when, then }));
    } while (this.atWord("WHEN"));
    let otherwise: Expr | undefined;
    if (this.acceptWord("ELSE")) otherwise = this.parseExpression();
    this.expectWord("END");
    const node: Record<string, unknown> = { kind: "case" };
    if (operand) node.operand = operand;
    node.branches = freeze(branches);
    if (otherwise) node.otherwise = otherwise;
    node.origin = this.origin(start);
    return freeze(node) as Expr;
  }

  /** `OVER name` (a window of the WINDOW clause): the statement parser overrides this; expressions alone have none. */
  protected parseOverName(): WindowSpec | undefined {
    return undefined;
  }

  /** A subquery inside an expression. The statement parser overrides this; expressions alone have none. */
  protected parseSubquery(): unknown {
    throw this.syntaxError(this.peek());
  }

  // ---------------------------------------------------------------- literals

  protected literalNode(value: unknown, type: DataType, start: number, end = this.lastEnd): Expr {
    return freeze({ kind: "literal", value, type, origin: this.origin(start, end) });
  }

  /** One or more adjacent string literals, concatenated. */
  protected parseStringLiteral(): Expr {
    const start = this.peek().start;
    let value = "";
    while (this.peek().kind === "string") value += this.next().value;
    return this.literalNode(value, new StringType(), start);
  }

  protected parseNumber(): Expr {
    const start = this.peek().start;
    const negative = this.acceptOp("-") !== undefined;
    const t = this.next();
    const digits = (negative ? "-" : "") + t.value;
    const raw = negative ? "-" + t.text.slice(0, t.value.length) : t.value;
    const rangeError = (type: string, min: string, max: string) =>
      this.fragmentError(
        "INVALID_NUMERIC_LITERAL_RANGE",
        `Numeric literal ${raw} is outside the valid range for ${type} with minimum value of ${min} and maximum value of ${max}. Please adjust the value accordingly.`,
        start,
        t.end,
        "22003",
      );
    const integral = (type: DataType, name: string, bits: number) => {
      const v = BigInt(digits);
      const max = (1n << BigInt(bits - 1)) - 1n;
      if (v > max || v < -max - 1n) throw rangeError(name, String(-max - 1n), String(max));
      return this.literalNode(longFromBigInt(v), type, start);
    };
    switch (t.kind) {
      case "integer": {
        const v = BigInt(digits);
        if (v >= -2147483648n && v <= 2147483647n) return this.literalNode(Number(v), new IntegerType(), start);
        if (v >= -9223372036854775808n && v <= 9223372036854775807n) return this.literalNode(longFromBigInt(v), new LongType(), start);
        return this.decimalLiteral(digits, start);
      }
      case "bigint":
        return integral(new LongType(), "bigint", 64);
      case "smallint":
        return integral(new ShortType(), "smallint", 16);
      case "tinyint":
        return integral(new ByteType(), "tinyint", 8);
      case "exponent":
      case "double": {
        const v = Number(digits);
        if (!Number.isFinite(v)) throw rangeError("double", "-1.7976931348623157E+308", "1.7976931348623157E+308");
        return this.literalNode(v, new DoubleType(), start);
      }
      case "float": {
        const v = Number(digits);
        if (!Number.isFinite(v) || Math.abs(v) > 3.4028234663852886e38) {
          throw rangeError("float", "-3.4028234663852886E+38", "3.4028234663852886E+38");
        }
        return this.literalNode(Math.fround(v), new FloatType(), start);
      }
      case "decimal":
      case "bigdecimal":
        return this.decimalLiteral(digits, start);
      default:
        throw this.syntaxError(t);
    }
  }

  /** A java.math.BigDecimal literal as Spark types it: decimal(max(precision, scale), scale). */
  private decimalLiteral(text: string, start: number): Expr {
    const m = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text)!;
    const frac = m[3] ?? "";
    let unscaled = BigInt((m[1] ?? "") + ((m[2] ?? "") + frac || "0"));
    let scale = frac.length - Number(m[4] ?? 0);
    if (scale < 0) {
      unscaled *= 10n ** BigInt(-scale);
      scale = 0;
    }
    const precision = Math.max((unscaled < 0n ? -unscaled : unscaled).toString().length, 1);
    const p = Math.max(precision, scale);
    if (p > DecimalType.MAX_PRECISION) {
      throw new SluiceError(
        "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION",
        `Decimal precision ${p} exceeds max precision ${DecimalType.MAX_PRECISION}.`,
        { sqlState: "22003" },
      );
    }
    return this.literalNode(unscaled, new DecimalType(p, scale), start);
  }

  /** `DATE '…'`, `TIMESTAMP '…'`, `X'…'`, `INTERVAL '…'`, or an unsupported `foo '…'`. */
  protected parseTypedLiteral(): Expr {
    const typeTok = this.next();
    const start = typeTok.start;
    const strTok = this.next();
    const value = strTok.value;
    const typeName = typeTok.upper;
    const invalid = () =>
      this.fragmentError(
        "INVALID_TYPED_LITERAL",
        `The value of the typed literal "${typeName}" is invalid: '${value.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'.`,
        start,
        strTok.end,
        "42604",
      );
    switch (typeName) {
      case "DATE": {
        const days = parseDateLiteral(value, this.timeZone);
        if (days === null) throw invalid();
        return this.literalNode(days, new DateType(), start);
      }
      case "TIMESTAMP":
      case "TIMESTAMP_LTZ": {
        const micros = parseTimestampLiteral(value, this.timeZone);
        if (micros === null) throw invalid();
        if (this.deferZone && isZoneRelativeTimestamp(value)) {
          // Read as UTC, that is the wall-clock time, which the analyzer reads in the session zone.
          return freeze({ kind: "literal", value: micros, type: new TimestampType(), localTime: true, origin: this.origin(start) });
        }
        return this.literalNode(micros, new TimestampType(), start);
      }
      case "TIMESTAMP_NTZ": {
        const micros = parseTimestampLiteral(value, this.timeZone, true);
        if (micros === null) throw invalid();
        return this.literalNode(micros, new TimestampNTZType(), start);
      }
      case "X": {
        const bytes = parseHexLiteral(value);
        if (bytes === null) throw invalid();
        return this.literalNode(bytes, new BinaryType(), start);
      }
      case "TIME": {
        const nanos = stringToTime(value);
        if (nanos === null) throw invalid();
        return this.literalNode(nanos, new TimeType(6), start);
      }
      default:
        throw this.fragmentError(
          "UNSUPPORTED_TYPED_LITERAL",
          `Literals of the type "${typeName}" are not supported. Supported types are "DATE", "TIMESTAMP_NTZ", "TIMESTAMP_LTZ", "TIMESTAMP", "INTERVAL", "X", "TIME".`,
          start,
          strTok.end,
          "0A000",
        );
    }
  }

  /**
   * INTERVAL literals. In Spark 4 (spark.sql.legacy.interval.enabled=false) year/month units give
   * a year-month interval (months), day..second units a day-time interval (microseconds) with the
   * start/end fields of the units used; mixing both is an error.
   */
  protected parseInterval(): Expr {
    const kw = this.next();
    const start = kw.start;
    const valueStart = this.peek().start;
    // INTERVAL '…' alone: the units are inside the string.
    if (this.peek().kind === "string" && !this.isWord(this.peek(1), ...MULTI_UNITS)) {
      const s = this.next();
      let parts;
      try {
        parts = stringToInterval(s.value);
      } catch (e) {
        if (!(e instanceof SluiceError)) throw e;
        throw this.fragmentError(
          "INVALID_TYPED_LITERAL",
          `The value of the typed literal "INTERVAL" is invalid: '${s.value}'.`,
          start,
          s.end,
          "42604",
        );
      }
      const units = s.value
        .split(/\s/)
        .map((u) => u.toLowerCase().replace(/s$/, ""))
        .filter((u) => u !== "interval" && /^[a-z]+$/.test(u));
      return this.multiUnitLiteral(parts, units, start);
    }
    const values: { text: string; isString: boolean; tok: Token }[] = [];
    const readValue = () => {
      const signTok = this.acceptOp("-", "+");
      const v = this.peek();
      if (v.kind !== "integer" && v.kind !== "decimal" && v.kind !== "string") throw this.syntaxError(v);
      this.next();
      let text = v.kind === "string" ? v.value : v.text;
      if (v.kind === "string") {
        if (signTok?.text === "-") text = text.startsWith("-") ? text.replace("-", "") : "-" + text;
      } else if (signTok) {
        text = signTok.text + text;
      }
      return { text, isString: v.kind === "string", tok: v };
    };
    const first = readValue();
    // unit TO unit (a TO at the very end is an alias, as in Spark)
    if (this.isWord(this.peek(), ...TO_UNITS) && this.isWord(this.peek(1), "TO") && this.peek(2).kind !== "eof") {
      const from = this.next().upper.toLowerCase();
      this.next();
      const toTok = this.peek();
      if (!this.isWord(toTok, ...TO_UNITS)) throw this.syntaxError(toTok);
      this.next();
      const to = toTok.upper.toLowerCase();
      const end = this.lastEnd;
      // errorCapturingUnitToUnitInterval: more `value unit` pairs after it are an error (a sign and a
      // value without a unit are an operator and its operand: `INTERVAL '1 2' DAY TO HOUR + '3'`).
      if (this.startsValueUnitPair()) {
        while (this.startsIntervalValue()) {
          readValue();
          if (this.isWord(this.peek(), ...MULTI_UNITS)) this.next();
          if (this.acceptWord("TO") && this.isWord(this.peek(), ...TO_UNITS)) this.next();
        }
        throw this.fragmentError("_LEGACY_ERROR_TEMP_0024", "Can only have a single from-to unit in the interval literal syntax.", start, this.lastEnd);
      }
      if (!first.isString) {
        throw this.fragmentError("_LEGACY_ERROR_TEMP_0027", "The value of from-to unit must be a string.", valueStart, end);
      }
      // AstBuilder.visitUnitToUnitInterval: Spark's errors keep their class, a Java
      // IllegalArgumentException (a `require`, a NumberFormatException) is _LEGACY_ERROR_TEMP_0063.
      const wrap = (e: unknown) => {
        if (e instanceof SluiceError && !e.position) {
          if (e.code === "IllegalArgumentException" || e.code === "NumberFormatException") {
            return this.fragmentError("_LEGACY_ERROR_TEMP_0063", `${e.bareMessage}.`, valueStart, end);
          }
          if (e.code === "ArithmeticException") return e;
          return this.fragmentError(e.code, e.bareMessage, valueStart, end, e.sqlState);
        }
        return e;
      };
      if (from === "year" && to === "month") {
        let months;
        try {
          months = stringToYearMonthInterval(first.text, 0, 1);
        } catch (e) {
          throw wrap(e);
        }
        return this.literalNode(months, new YearMonthIntervalType(0, 1), start);
      }
      const f = DT_NAMES.indexOf(from as never);
      const tt = DT_NAMES.indexOf(to as never);
      if (f < 0 || tt <= f) {
        throw wrap(invalidIntervalFormat(first.text, "UNSUPPORTED_FROM_TO_EXPRESSION", `Cannot support (interval '${first.text}' ${from} to ${to}) expression.`));
      }
      let micros;
      try {
        micros = stringToDayTimeInterval(first.text, f, tt);
      } catch (e) {
        throw wrap(e);
      }
      return this.literalNode(micros, new DayTimeIntervalType(f, tt), start);
    }
    // value unit [value unit]…
    const units: string[] = [];
    let pairs = "";
    let current = first;
    for (;;) {
      const u = this.peek();
      // errorCapturingMultiUnitsInterval: `value unit TO unit` after the pairs is a second interval form.
      if (units.length > 0 && this.isWord(u, ...TO_UNITS) && this.isWord(this.peek(1), "TO") && this.isWord(this.peek(2), ...TO_UNITS)) {
        this.next();
        this.next();
        this.next();
        throw this.fragmentError("_LEGACY_ERROR_TEMP_0024", "Can only have a single from-to unit in the interval literal syntax.", start, this.lastEnd);
      }
      if (!this.isWord(u, ...MULTI_UNITS)) throw this.syntaxError(u);
      this.next();
      if (current.isString && /\p{L}/u.test(current.text)) {
        throw this.fragmentError(
          "_LEGACY_ERROR_TEMP_0026",
          `Can only use numbers in the interval value part for multiple unit value pairs interval form, but got invalid value: ${current.text}.`,
          valueStart,
          this.lastEnd,
        );
      }
      units.push(u.upper.toLowerCase().replace(/s$/, ""));
      pairs += ` ${current.text} ${u.text}`;
      if (!this.startsIntervalValue()) break;
      // A sign and a number without a unit after them are an operator and its operand: `INTERVAL 1 DAY + 1`.
      if (this.isOp(this.peek(), "-", "+") && !this.isWord(this.peek(2), ...MULTI_UNITS)) break;
      current = readValue();
    }
    const parts = stringToInterval(pairs);
    return this.multiUnitLiteral(parts, units, start);
  }

  /** `[+|-] value unit`: an intervalValue followed by a unit word. */
  private startsValueUnitPair(): boolean {
    const k = this.isOp(this.peek(), "-", "+") ? 1 : 0;
    const v = this.peek(k);
    return (v.kind === "integer" || v.kind === "decimal" || v.kind === "string") && this.isWord(this.peek(k + 1), ...MULTI_UNITS);
  }

  private startsIntervalValue(): boolean {
    const n = this.peek();
    const isValue = (t: Token) => t.kind === "integer" || t.kind === "decimal" || t.kind === "string";
    return isValue(n) || (this.isOp(n, "-", "+") && isValue(this.peek(1)));
  }

  private multiUnitLiteral(parts: { months: number; days: number; micros: number }, units: string[], start: number): Expr {
    const ym = new Set<number>();
    const dt = new Set<number>();
    for (const u of units) {
      if (u === "year") ym.add(0);
      else if (u === "month") ym.add(1);
      else if (u === "week") dt.add(0);
      else if (u === "millisecond" || u === "microsecond") dt.add(3);
      else {
        const f = DT_NAMES.indexOf(u as never);
        if (f >= 0) dt.add(f);
      }
    }
    if (ym.size > 0) {
      if (dt.size > 0) {
        throw this.fragmentError(
          "_LEGACY_ERROR_TEMP_0029",
          `Cannot mix year-month and day-time fields: ${this.text.slice(start, this.lastEnd)}.`,
          start,
          this.lastEnd,
        );
      }
      return this.literalNode(parts.months, new YearMonthIntervalType(Math.min(...ym), Math.max(...ym)), start);
    }
    if (dt.size === 0) return this.literalNode(new CalendarInterval(parts.months, parts.days, parts.micros), new CalendarIntervalType(), start);
    return this.literalNode(intervalMicros(parts), new DayTimeIntervalType(Math.min(...dt), Math.max(...dt)), start);
  }

  // ---------------------------------------------------------------- data types

  /**
   * `dataType`: primitive names, ARRAY<…>, MAP<…,…>, STRUCT<…>, INTERVAL fields. CHAR(n) and
   * VARCHAR(n) read as STRING (Sluice has no length-checked strings).
   */
  parseDataType(): DataType {
    const t = this.peek();
    const start = t.start;
    if (!this.isIdentifier(t)) throw this.syntaxError(t);
    const w = t.kind === "word" ? t.upper : "";
    if (w === "ARRAY" && this.isOp(this.peek(1), "<")) {
      return this.complexType(() => {
        const el = this.parseDataType();
        this.expectCloseAngle();
        return new ArrayType(el, true);
      });
    }
    if (w === "MAP" && this.isOp(this.peek(1), "<")) {
      return this.complexType(() => {
        const k = this.parseDataType();
        this.expectOp(",");
        const v = this.parseDataType();
        this.expectCloseAngle();
        return new MapType(k, v, true);
      });
    }
    if (w === "STRUCT" && this.isOp(this.peek(1), "<>")) {
      this.next();
      this.next();
      return new StructType([]);
    }
    if (w === "STRUCT" && this.isOp(this.peek(1), "<")) {
      return this.complexType(() => {
        const fields: StructField[] = [];
        if (!this.atOp(">")) {
          fields.push(this.parseColType(true));
          while (this.acceptOp(",")) fields.push(this.parseColType(true));
        }
        this.expectCloseAngle();
        return new StructType(fields);
      });
    }
    if (w === "INTERVAL" && this.isWord(this.peek(1), "YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND")) {
      this.next();
      const from = this.next().upper;
      let to = from;
      // TO belongs to the type only when a valid end field follows (else it is left over, as in Spark).
      const tt = this.peek(1);
      const ends = from === "YEAR" || from === "MONTH" ? ["MONTH"] : ["HOUR", "MINUTE", "SECOND"];
      if (this.atWord("TO") && this.isWord(tt, ...ends)) {
        this.next();
        to = this.next().upper;
      }
      if (from === "YEAR" || from === "MONTH") {
        const s = from === "YEAR" ? 0 : 1, e = to === "YEAR" ? 0 : 1;
        if (e < s) throw this.intervalTypeError(from, to, start);
        return new YearMonthIntervalType(s, e);
      }
      const s = DT_NAMES.indexOf(from.toLowerCase() as never), e = DT_NAMES.indexOf(to.toLowerCase() as never);
      if (e < s) throw this.intervalTypeError(from, to, start);
      return new DayTimeIntervalType(s, e);
    }
    this.next();
    const params: string[] = [];
    if (this.atOp("(") && this.peek(1).kind === "integer") {
      this.next();
      params.push(this.next().text);
      while (this.acceptOp(",")) {
        const p = this.peek();
        if (p.kind !== "integer") throw this.syntaxError(p);
        params.push(this.next().text);
      }
      this.expectOp(")");
    }
    // `TIMESTAMP WITHOUT TIME ZONE` (TIMESTAMP_NTZ), `TIME [(p)] WITHOUT TIME ZONE`.
    let withoutZone = false;
    if (t.kind === "word" && (w === "TIMESTAMP" || w === "TIME") && this.atWord("WITHOUT") && this.isWord(this.peek(1), "TIME") && this.isWord(this.peek(2), "ZONE")) {
      this.next();
      this.next();
      this.next();
      withoutZone = true;
    }
    const end = this.lastEnd;
    const written = t.kind === "word" ? t.text : t.value;
    const unsupported = () => {
      const shown = params.length ? `${written}(${params.join(",")})` : written;
      return this.fragmentError("UNSUPPORTED_DATATYPE", `Unsupported data type "${shown.toUpperCase()}".`, start, end, "0A000");
    };
    if (t.kind !== "word") return this.unsupportedType(unsupported());
    const noParams = params.length === 0;
    switch (w) {
      case "BOOLEAN": if (noParams) return new BooleanType(); break;
      case "TINYINT": case "BYTE": if (noParams) return new ByteType(); break;
      case "SMALLINT": case "SHORT": if (noParams) return new ShortType(); break;
      case "INT": case "INTEGER": if (noParams) return new IntegerType(); break;
      case "BIGINT": case "LONG": if (noParams) return new LongType(); break;
      case "FLOAT": case "REAL": if (noParams) return new FloatType(); break;
      case "DOUBLE": if (noParams) return new DoubleType(); break;
      case "DATE": if (noParams) return new DateType(); break;
      case "TIMESTAMP": if (noParams) return withoutZone ? new TimestampNTZType() : new TimestampType(); break;
      case "TIMESTAMP_LTZ": if (noParams) return new TimestampType(); break;
      case "TIMESTAMP_NTZ": if (noParams) return new TimestampNTZType(); break;
      case "STRING": if (noParams) return new StringType(); break;
      case "BINARY": if (noParams) return new BinaryType(); break;
      case "VOID": if (noParams) return new NullType(); break;
      case "INTERVAL": if (noParams) return new CalendarIntervalType(); break;
      case "CHAR": case "CHARACTER": case "VARCHAR":
        if (params.length === 1) return new StringType();
        if (noParams) {
          throw this.fragmentError(
            "DATATYPE_MISSING_SIZE",
            `DataType "${written.toUpperCase()}" requires a length parameter, for example "${written.toUpperCase()}"(10). Please specify the length.`,
            start,
            end,
            "42K01",
          );
        }
        break;
      case "DECIMAL": case "DEC": case "NUMERIC": {
        if (params.length > 2) break;
        const p = params.length > 0 ? Number(params[0]) : 10;
        const s = params.length > 1 ? Number(params[1]) : 0;
        if (p > DecimalType.MAX_PRECISION) {
          throw new SluiceError("DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION", `Decimal precision ${p} exceeds max precision ${DecimalType.MAX_PRECISION}.`, { sqlState: "22003" });
        }
        if (s > p) {
          throw new SluiceError("_LEGACY_ERROR_TEMP_1228", `Decimal scale (${s}) cannot be greater than precision (${p}).`);
        }
        return new DecimalType(p, s);
      }
      case "ARRAY": case "MAP": case "STRUCT":
        if (noParams) throw this.incompleteType(w, start, end);
        break;
      case "TIME": {
        if (params.length > 1) break;
        const precision = params.length ? Number(params[0]) : 6;
        if (precision > 6) {
          throw new SluiceError("UNSUPPORTED_TIME_PRECISION",
            `The seconds precision ${precision} of the TIME data type is out of the supported range [0, 6].`, { sqlState: "0A001" });
        }
        return new TimeType(precision);
      }
    }
    return this.unsupportedType(unsupported());
  }

  /** An unknown type name: Spark reports it only if the rest of the text parses (see deferredError). */
  private unsupportedType(error: SluiceError): DataType {
    this.deferredError ??= error;
    return new NullType();
  }

  /** ARRAY<…> / MAP<…> / STRUCT<…>: a syntax error inside the brackets is reported at '<' (ANTLR finds no viable alternative there). */
  private complexType(body: () => DataType): DataType {
    this.next();
    const open = this.next();
    try {
      return body();
    } catch (e) {
      if (e instanceof SluiceError && e.code === "PARSE_SYNTAX_ERROR") throw this.syntaxError(open);
      throw e;
    }
  }

  private incompleteType(w: string, start: number, end: number): SluiceError {
    const detail: Record<string, string> = {
      ARRAY: `The definition of "ARRAY" type is incomplete. You must provide an element type. For example: "ARRAY<INT>".`,
      MAP: `The definition of "MAP" type is incomplete. You must provide a key type and a value type. For example: "MAP<TIMESTAMP, INT>".`,
      STRUCT: `The definition of "STRUCT" type is incomplete. You must provide at least one field type. For example: "STRUCT<name STRING, phone DECIMAL(10, 0)>".`,
    };
    return this.fragmentError(`INCOMPLETE_TYPE_DEFINITION.${w}`, `Incomplete complex type: ${detail[w]}`, start, end, "42K01");
  }

  private intervalTypeError(from: string, to: string, start: number): SluiceError {
    return this.fragmentError("_LEGACY_ERROR_TEMP_0015", `Intervals FROM ${from} TO ${to} are not supported.`, start, this.lastEnd);
  }

  /** '>' closing a complex type; splits '>>' and '>>>' the way Spark's lexer does inside types. */
  private expectCloseAngle(): void {
    const t = this.peek();
    if (this.isOp(t, ">>", ">>>")) {
      const rest = t.text.slice(1);
      const copy = this.tokens.slice();
      copy.splice(this.pos, 1,
        { ...t, text: ">", upper: ">", value: ">", end: t.start + 1 },
        { ...t, text: rest, upper: rest, value: rest, start: t.start + 1 });
      this.tokens = copy;
    }
    this.expectOp(">");
  }

  /** `name [:] type [NOT NULL] [COMMENT '…']` (the colon only inside STRUCT<…>). */
  parseColType(allowColon: boolean): StructField {
    const name = this.parseIdentifier();
    if (allowColon) this.acceptOp(":");
    const type = this.parseDataType();
    let nullable = true;
    if ((this.atWord("NOT") || this.atOp("!")) && this.isWord(this.peek(1), "NULL")) {
      this.next();
      this.next();
      nullable = false;
    }
    const metadata: Record<string, unknown> = {};
    if (this.atWord("COMMENT") && this.peek(1).kind === "string") {
      this.next();
      metadata.comment = this.next().value;
    }
    return new StructField(name, type, nullable, metadata);
  }

  /** `colTypeList EOF`: the table-schema form "a INT, b STRING NOT NULL COMMENT 'x'". */
  parseColTypeList(): StructType {
    const fields = [this.parseColType(false)];
    while (this.acceptOp(",")) fields.push(this.parseColType(false));
    // A stray token inside the list: ANTLR deletes it only when a ',' follows.
    const t = this.peek();
    if (t.kind !== "eof") throw this.syntaxError(t, this.isOp(this.peek(1), ",") ? `: extra input ${tokenDisplay(t)}` : "");
    this.finish();
    return new StructType(fields);
  }

  // ---------------------------------------------------------------- helpers

  protected binary(op: string, left: Expr, right: Expr, start: number): Expr {
    return freeze({ kind: "binary", op, left, right, origin: this.origin(start) }) as Expr;
  }
}
