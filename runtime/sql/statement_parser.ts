// Recursive-descent parser for Spark SQL statements (SqlBaseParser.g4's singleStatement, query,
// queryTerm, querySpecification, relation … rules), on top of the expression Parser. It builds
// the tree of statement_ast.ts; the binder turns that into analyzed plans.
//
// Like Spark in its default mode, keywords are also identifiers; a word is read as a keyword
// where the grammar allows one there (FROM after a select item, JOIN after a relation …).
import { SluiceError } from "../errors.ts";
import type { Expr, Origin, SortOrderExpr, WindowSpec } from "../expr/expr.ts";
import { tokenDisplay } from "./lexer.ts";
import { type ParseOptions, Parser } from "./parser.ts";
import type {
  ColumnDefinition, Cte, GroupBy, InlineTable, JoinType, LateralView, Query, QueryTerm, Relation, Select, Statement, TableAlias, WatermarkClause,
} from "./statement_ast.ts";

const freeze = <T extends object>(o: T): T => Object.freeze(o);

/** Words that end a select item instead of becoming its alias (`SELECT a FROM t`). */
const SELECT_CLAUSE_WORDS = new Set([
  "FROM", "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "UNION", "INTERSECT", "EXCEPT", "MINUS", "WINDOW",
  "SORT", "CLUSTER", "DISTRIBUTE", "LATERAL", "INTO",
]);

/** Words that cannot be a table alias (Spark's strictNonReserved) or start the next clause. */
const NOT_TABLE_ALIAS = new Set([
  "ANTI", "CROSS", "EXCEPT", "FULL", "INNER", "INTERSECT", "JOIN", "LATERAL", "LEFT", "NATURAL", "ON", "RIGHT", "SEMI",
  "MINUS", "UNION", "USING", "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "WINDOW", "SORT", "CLUSTER",
  "DISTRIBUTE", "WATERMARK", "PIVOT", "UNPIVOT", "TABLESAMPLE",
]);

/** Keywords that can never be a table alias (Spark's strictNonReserved). */
const STRICT_NON_RESERVED = new Set(["ANTI", "CROSS", "EXCEPT", "FULL", "INNER", "INTERSECT", "JOIN", "LATERAL", "LEFT", "NATURAL", "ON", "RIGHT", "SEMI", "MINUS", "UNION", "USING"]);

/** Named window references (`OVER w`): the spec object stands for the window named in the WINDOW clause. */
export const namedWindowRefs = new WeakMap<WindowSpec, { name: string; origin: Origin }>();

export interface StatementOptions extends ParseOptions {
  /** Values of `:name` parameter markers (as literal expressions), or of `?` markers in order. */
  params?: ReadonlyMap<string, Expr> | readonly Expr[];
  /** spark.sql.legacy.setopsPrecedence.enabled: every set operator binds alike, left to right. */
  legacySetOpsPrecedence?: boolean;
}

export class StatementParser extends Parser {
  protected override readonly clauseWords: ReadonlySet<string> = SELECT_CLAUSE_WORDS;
  private readonly params?: ReadonlyMap<string, Expr> | readonly Expr[];
  private positional = 0;
  private readonly legacySetOpsPrecedence: boolean;

  constructor(text: string, options: StatementOptions = {}) {
    super(text, options);
    this.params = options.params;
    this.legacySetOpsPrecedence = options.legacySetOpsPrecedence ?? false;
  }

  /** Parameter markers `:name` and `?` stand for the values passed with the statement. */
  protected override parsePrimary(): Expr {
    const t = this.peek();
    const named = this.isOp(t, ":") && this.isIdentifier(this.peek(1)) && this.peek(1).start === t.end;
    if (!named && !this.isOp(t, "?")) return super.parsePrimary();
    this.next();
    const name = named ? this.next().value : String(this.positional++);
    const end = this.lastEnd;
    const value = this.params instanceof Map ? (named ? this.params.get(name) : undefined)
      : Array.isArray(this.params) && !named ? this.params[Number(name)] : undefined;
    if (value === undefined) {
      throw new SluiceError("UNBOUND_SQL_PARAMETER",
        `Found the unbound parameter: ${named ? name : `_${t.start}`}. Please, fix \`args\` and provide a mapping of the parameter to either a SQL literal or collection constructor functions such as \`map()\`, \`array()\`, \`struct()\`.`,
        { sqlState: "42P02", position: { text: this.text, start: t.start, end } });
    }
    return { ...value, origin: this.origin(t.start, end) } as Expr;
  }

  /** `singleStatement`: one statement, optional trailing semicolons, end of input. */
  parseSingleStatement(): Statement {
    const s = this.parseStatement();
    while (this.acceptOp(";"));
    this.finish();
    return s;
  }

  parseStatement(): Statement {
    const t = this.peek();
    if (this.isWord(t, "EXPLAIN")) {
      this.next();
      let mode: "simple" | "extended" | "formatted" | "codegen" | "cost" = "simple";
      const m = this.acceptWord("EXTENDED", "FORMATTED", "CODEGEN", "COST", "LOGICAL");
      if (m) mode = m.upper === "LOGICAL" ? "extended" : (m.upper.toLowerCase() as typeof mode);
      return freeze({ kind: "explain", mode, statement: this.parseStatement() });
    }
    if (this.isWord(t, "CREATE") && this.isTableCreation()) return this.parseCreateTable();
    if (this.isWord(t, "CREATE")) return this.parseCreateView();
    if (this.isWord(t, "INSERT") && this.isWord(this.peek(1), "INTO", "OVERWRITE")) return this.parseInsert();
    if (this.isWord(t, "TRUNCATE") && this.isWord(this.peek(1), "TABLE")) {
      this.next();
      this.next();
      const start = this.peek().start;
      const name = this.parseMultipartIdentifier();
      return freeze({ kind: "truncateTable", name, origin: this.origin(start) });
    }
    if (this.isWord(t, "DROP") && this.isWord(this.peek(1), "VIEW", "TABLE")) {
      this.next();
      const table = this.next().upper === "TABLE";
      let ifExists = false;
      if (this.atWord("IF") && this.isWord(this.peek(1), "EXISTS")) {
        this.next();
        this.next();
        ifExists = true;
      }
      const start = this.peek().start;
      const name = this.parseMultipartIdentifier();
      const origin = this.origin(start);
      if (table) this.acceptWord("PURGE");
      return freeze({ kind: "dropView", name, ifExists, table, origin });
    }
    if (this.isWord(t, "SHOW") && this.isWord(this.peek(1), "TABLES", "VIEWS")) {
      this.next();
      return freeze({ kind: "showTables", views: this.next().upper === "VIEWS" });
    }
    if (this.isWord(t, "DESCRIBE", "DESC") && this.isWord(this.peek(1), "FUNCTION") && this.peek(2).kind !== "eof") {
      this.next();
      this.next();
      const extended = this.isWord(this.peek(), "EXTENDED") && this.peek(1).kind !== "eof" ? (this.next(), true) : false;
      const start = this.peek().start;
      let name: string;
      if (this.peek().kind === "string") name = this.next().value;
      else if (this.isIdentifier(this.peek())) name = this.parseMultipartIdentifier().at(-1)!;
      else {
        // An operator: `+`, `<=>`, `!` … (Spark's describeFuncName).
        name = "";
        while (this.peek().kind !== "eof" && !this.atOp(";")) name += this.next().text;
      }
      return freeze({ kind: "describeFunction", name, extended, origin: this.origin(start) });
    }
    if (this.isWord(t, "SHOW") && (this.isWord(this.peek(1), "FUNCTIONS") || (this.isWord(this.peek(1), "USER", "SYSTEM", "ALL") && this.isWord(this.peek(2), "FUNCTIONS")))) {
      this.next();
      const scope = this.atWord("FUNCTIONS") ? "all" : (this.next().upper.toLowerCase() as "user" | "system" | "all");
      this.next();
      if (this.atWord("FROM", "IN")) {
        this.next();
        this.parseMultipartIdentifier();
      }
      this.acceptWord("LIKE");
      let pattern: string | undefined;
      if (this.peek().kind === "string") pattern = this.next().value;
      else if (this.isIdentifier(this.peek())) pattern = this.parseMultipartIdentifier().at(-1);
      return freeze({ kind: "showFunctions", scope, pattern });
    }
    if (this.isWord(t, "DESCRIBE", "DESC") && this.peek(1).kind !== "eof") {
      this.next();
      const start = this.peek().start;
      if (this.atWord("QUERY") && this.isWord(this.peek(1), "SELECT", "WITH", "VALUES", "TABLE", "FROM") || this.atWord("SELECT", "WITH", "VALUES")) {
        this.acceptWord("QUERY");
        return freeze({ kind: "describe", query: this.parseQuery(), origin: this.origin(start) });
      }
      if (this.atWord("TABLE", "EXTENDED", "FORMATTED") && this.isIdentifier(this.peek(1))) this.next();
      const nameStart = this.peek().start;
      const name = this.parseMultipartIdentifier();
      return freeze({ kind: "describe", name, origin: this.origin(nameStart) });
    }
    if (this.isWord(t, "SET") && !this.isOp(this.peek(1), "(")) return this.parseSet();
    return freeze({ kind: "query", query: this.parseQuery() });
  }

  /** SET, SET key, SET key = value (the value is the raw text up to the end). */
  private parseSet(): Statement {
    this.next();
    if (this.peek().kind === "eof" || this.atOp(";")) return freeze({ kind: "set" });
    const keyStart = this.peek().start;
    let keyEnd = keyStart;
    while (this.peek().kind !== "eof" && !this.atOp("=") && !this.atOp(";")) keyEnd = this.next().end;
    const key = this.text.slice(keyStart, keyEnd).trim();
    if (!this.acceptOp("=")) return freeze({ kind: "set", key });
    const valueStart = this.peek().start;
    let valueEnd = valueStart;
    while (this.peek().kind !== "eof" && !this.atOp(";")) valueEnd = this.next().end;
    return freeze({ kind: "set", key, value: this.text.slice(valueStart, valueEnd).trim() });
  }

  /** Whether the CREATE at the cursor makes a table: CREATE [OR REPLACE] [EXTERNAL] TABLE. */
  private isTableCreation(): boolean {
    let i = 1;
    if (this.isWord(this.peek(i), "OR") && this.isWord(this.peek(i + 1), "REPLACE")) i += 2;
    if (this.isWord(this.peek(i), "EXTERNAL")) i++;
    return this.isWord(this.peek(i), "TABLE");
  }

  /**
   * CREATE [OR REPLACE] [EXTERNAL] TABLE [IF NOT EXISTS] name [(col type [NOT NULL] [DEFAULT e]
   * [COMMENT 's'], …)] [USING format] [OPTIONS (k [=] v, …)] [PARTITIONED BY (cols)]
   * [LOCATION 'path'] [COMMENT 's'] [TBLPROPERTIES (…)] [[AS] query]
   */
  private parseCreateTable(): Statement {
    const start = this.next().start;
    let replace = false;
    if (this.atWord("OR")) {
      this.next();
      this.expectWord("REPLACE");
      replace = true;
    }
    const external = this.acceptWord("EXTERNAL") !== undefined;
    this.expectWord("TABLE");
    let ifNotExists = false;
    if (this.atWord("IF") && this.isWord(this.peek(1), "NOT") && this.isWord(this.peek(2), "EXISTS")) {
      this.next();
      this.next();
      this.next();
      ifNotExists = true;
    }
    const name = this.parseMultipartIdentifier();
    let columns: ColumnDefinition[] | undefined;
    if (this.atOp("(") && !this.isWord(this.peek(1), "SELECT", "WITH", "VALUES", "FROM")) {
      this.next();
      columns = [];
      do {
        const cs = this.peek().start;
        const col = this.parseIdentifier();
        const type = this.parseDataType();
        let nullable = true, comment: string | undefined, defaultValue: Expr | undefined;
        for (;;) {
          if (this.atWord("NOT") && this.isWord(this.peek(1), "NULL")) {
            this.next();
            this.next();
            nullable = false;
          } else if (this.atWord("COMMENT") && this.peek(1).kind === "string") {
            this.next();
            comment = this.next().value;
          } else if (this.atWord("DEFAULT")) {
            this.next();
            defaultValue = this.parseExpression();
          } else break;
        }
        columns.push(freeze({ name: col, type, nullable, comment, defaultValue, origin: this.origin(cs) }));
      } while (this.acceptOp(","));
      this.expectOp(")", true);
    }
    let provider: string | undefined, location: string | undefined, comment: string | undefined;
    let options: Record<string, string> = {}, properties: Record<string, string> = {};
    let partitionBy: string[] = [];
    for (;;) {
      if (this.atWord("USING")) {
        this.next();
        provider = this.parseIdentifier();
      } else if (this.atWord("OPTIONS") && this.isOp(this.peek(1), "(")) {
        this.next();
        options = this.parsePropertyList();
      } else if (this.atWord("TBLPROPERTIES") && this.isOp(this.peek(1), "(")) {
        this.next();
        properties = this.parsePropertyList();
      } else if (this.atWord("PARTITIONED") && this.isWord(this.peek(1), "BY")) {
        this.next();
        this.next();
        partitionBy = this.parseIdentifierList();
      } else if (this.atWord("LOCATION") && this.peek(1).kind === "string") {
        this.next();
        location = this.next().value;
      } else if (this.atWord("COMMENT") && this.peek(1).kind === "string") {
        this.next();
        comment = this.next().value;
      } else if (this.atWord("STORED", "ROW")) {
        throw new SluiceError("NOT_SUPPORTED_COMMAND_WITHOUT_HIVE_SUPPORT",
          "CREATE Hive TABLE (AS SELECT) is not supported, if you want to enable it, please set \"spark.sql.catalogImplementation\" to \"hive\".",
          { sqlState: "0A000", position: this.origin(start), hint: "Sluice has no Hive tables: write USING parquet, json or csv." });
      } else break;
    }
    let query: Query | undefined;
    if (this.acceptWord("AS") || this.atWord("SELECT", "WITH", "VALUES", "FROM") || this.atOp("(")) query = this.parseQuery();
    return freeze({
      kind: "createTable", name, replace, ifNotExists, external, columns, provider, options, partitionBy, location, comment,
      properties, query, origin: this.origin(start),
    });
  }

  /** `(key [=] value, …)` of OPTIONS / TBLPROPERTIES: keys are identifiers or strings, values literals. */
  private parsePropertyList(): Record<string, string> {
    this.expectOp("(");
    const out: Record<string, string> = {};
    if (!this.atOp(")")) {
      do {
        let key: string;
        if (this.peek().kind === "string") key = this.next().value;
        else {
          const parts = [this.parseIdentifier()];
          while (this.acceptOp(".")) parts.push(this.parseIdentifier());
          key = parts.join(".");
        }
        this.acceptOp("=");
        const v = this.next();
        out[key] = v.kind === "string" ? v.value : v.text;
      } while (this.acceptOp(","));
    }
    this.expectOp(")", true);
    return out;
  }

  /** INSERT INTO|OVERWRITE [TABLE] name [PARTITION (p [= v], …)] [(cols) | BY NAME] query */
  private parseInsert(): Statement {
    const start = this.next().start;
    const overwrite = this.next().upper === "OVERWRITE";
    this.acceptWord("TABLE");
    const name = this.parseMultipartIdentifier();
    let partition: { name: string; value?: Expr }[] | undefined;
    if (this.atWord("PARTITION") && this.isOp(this.peek(1), "(")) {
      this.next();
      this.next();
      partition = [];
      do {
        const p = this.parseIdentifier();
        partition.push(this.acceptOp("=") ? { name: p, value: this.parseExpression() } : { name: p });
      } while (this.acceptOp(","));
      this.expectOp(")", true);
    }
    let columns: string[] | undefined;
    let byName = false;
    if (this.atOp("(") && !this.isWord(this.peek(1), "SELECT", "WITH", "VALUES", "FROM")) columns = this.parseIdentifierList();
    else if (this.atWord("BY") && this.isWord(this.peek(1), "NAME")) {
      this.next();
      this.next();
      byName = true;
    }
    const query = this.parseQuery();
    return freeze({ kind: "insert", name, overwrite, columns, byName, partition, query, origin: this.origin(start) });
  }

  /** CREATE [OR REPLACE] [GLOBAL] TEMP[ORARY] VIEW [IF NOT EXISTS] name [(cols)] AS query */
  private parseCreateView(): Statement {
    const start = this.next().start;
    let replace = false;
    if (this.atWord("OR")) {
      this.next();
      this.expectWord("REPLACE");
      replace = true;
    }
    const global = this.acceptWord("GLOBAL") !== undefined;
    const temp = this.acceptWord("TEMP", "TEMPORARY") !== undefined;
    const viewTok = this.peek();
    this.expectWord("VIEW");
    let ifNotExists = false;
    if (this.atWord("IF") && this.isWord(this.peek(1), "NOT") && this.isWord(this.peek(2), "EXISTS")) {
      this.next();
      this.next();
      this.next();
      ifNotExists = true;
    }
    const name = this.parseMultipartIdentifier();
    let columns: string[] | undefined;
    if (this.atOp("(")) columns = this.parseIdentifierList();
    if (this.atWord("COMMENT") && this.peek(1).kind === "string") {
      this.next();
      this.next();
    }
    this.expectWord("AS");
    const query = this.parseQuery();
    const origin = this.origin(start);
    void viewTok;
    if (ifNotExists && temp) {
      throw new SluiceError("_LEGACY_ERROR_TEMP_0053", "It is not allowed to define a TEMPORARY view with IF NOT EXISTS.", { position: origin });
    }
    if (replace && ifNotExists) {
      throw new SluiceError("INVALID_SQL_SYNTAX.CREATE_ROUTINE_WITH_IF_NOT_EXISTS_AND_REPLACE",
        "Invalid SQL syntax: CREATE VIEW with both IF NOT EXISTS and REPLACE is not allowed.", { sqlState: "42000", position: origin });
    }
    return freeze({ kind: "createView", name, temporary: temp || global, replace, global, ifNotExists, columns, query, origin });
  }

  // ---------------------------------------------------------------- queries

  /** `query`: [WITH ctes] queryTerm queryOrganization */
  parseQuery(): Query {
    return this.nested(() => this.parseQueryBody());
  }

  private parseQueryBody(): Query {
    const start = this.peek().start;
    const ctes: Cte[] = [];
    if (this.atWord("WITH") && this.isIdentifier(this.peek(1))) {
      this.next();
      do {
        const cs = this.peek().start;
        const name = this.parseIdentifier();
        const columns = this.atOp("(") ? this.parseIdentifierList() : undefined;
        this.acceptWord("AS");
        this.expectOp("(");
        const query = this.parseQuery();
        this.expectOp(")", true);
        ctes.push(freeze({ name, columns, query, origin: this.origin(cs) }));
      } while (this.acceptOp(","));
    }
    const body = this.parseQueryTerm();
    const orderBy: SortOrderExpr[] = [];
    let limit: Expr | undefined;
    let offset: Expr | undefined;
    if (this.atWord("ORDER", "SORT") && this.isWord(this.peek(1), "BY")) {
      this.next();
      this.next();
      orderBy.push(this.parseSortItem());
      while (this.acceptOp(",")) orderBy.push(this.parseSortItem());
    }
    if (this.atWord("LIMIT")) {
      this.next();
      if (!this.acceptWord("ALL")) limit = this.parseExpression();
    }
    if (this.atWord("OFFSET")) {
      this.next();
      offset = this.parseExpression();
    }
    return freeze({ kind: "query", ctes: freeze(ctes), body, orderBy: freeze(orderBy), limit, offset, origin: this.origin(start) });
  }

  /**
   * Set operations: INTERSECT binds tighter than UNION and EXCEPT; all are left-associative. Under
   * spark.sql.legacy.setopsPrecedence.enabled all bind alike (Spark before 2.4).
   */
  private parseQueryTerm(): QueryTerm {
    const start = this.peek().start;
    const legacy = this.legacySetOpsPrecedence;
    let left = legacy ? this.parseQueryPrimary() : this.parseIntersectTerm();
    while (this.atWord("UNION", "EXCEPT", "MINUS") || (legacy && this.atWord("INTERSECT"))) {
      const word = this.next().upper;
      const op = word === "UNION" ? "union" : word === "INTERSECT" ? "intersect" : "except";
      const all = this.parseSetQuantifier();
      const right = legacy ? this.parseQueryPrimary() : this.parseIntersectTerm();
      left = freeze({ kind: "setOp", op, all, left, right, origin: this.origin(start) });
    }
    return left;
  }

  private parseIntersectTerm(): QueryTerm {
    const start = this.peek().start;
    let left = this.parseQueryPrimary();
    while (this.atWord("INTERSECT")) {
      this.next();
      const all = this.parseSetQuantifier();
      const right = this.parseQueryPrimary();
      left = freeze({ kind: "setOp", op: "intersect", all, left, right, origin: this.origin(start) });
    }
    return left;
  }

  private parseSetQuantifier(): boolean {
    const q = this.acceptWord("ALL", "DISTINCT");
    return q?.upper === "ALL";
  }

  private parseQueryPrimary(): QueryTerm {
    const t = this.peek();
    if (this.isWord(t, "SELECT")) return this.parseSelect();
    if (this.isWord(t, "VALUES")) {
      const table = this.parseInlineTable();
      // Spark's inlineTable takes a table alias even as a query of its own: `VALUES (1, 'a') t(c1, c2)`.
      const alias = this.parseTableAlias();
      if (!alias) return table;
      const from: Relation = freeze({ kind: "inline", table, alias, origin: table.origin });
      return freeze({
        kind: "select", distinct: false, items: freeze([freeze({ kind: "star", origin: table.origin }) as Expr]), from,
        windows: freeze([]), lateralViews: freeze([]), origin: table.origin,
      });
    }
    if (this.isWord(t, "TABLE") && this.isIdentifier(this.peek(1))) {
      this.next();
      const start = this.peek().start;
      const name = this.parseMultipartIdentifier();
      return freeze({ kind: "tableTerm", name, origin: this.origin(start) });
    }
    if (this.isOp(t, "(")) {
      this.next();
      const query = this.parseQuery();
      this.expectOp(")", true);
      return freeze({ kind: "nested", query });
    }
    throw this.syntaxError(t);
  }

  /** `VALUES row, row …`: a row is `(e, e …)` or a single expression. */
  private parseInlineTable(): InlineTable {
    const start = this.next().start;
    const rows: Expr[][] = [];
    do {
      if (this.atOp("(")) {
        this.next();
        const row = [this.parseExpression()];
        while (this.acceptOp(",")) row.push(this.parseExpression());
        this.expectOp(")", true, [")", ","]);
        rows.push(row);
      } else {
        rows.push([this.parseExpression()]);
      }
    } while (this.acceptOp(","));
    return freeze({ kind: "values", rows: freeze(rows), origin: this.origin(start) });
  }

  /** `SELECT [hints] [DISTINCT|ALL] items [FROM …] [WHERE …] [GROUP BY …] [HAVING …] [WINDOW …]` */
  private parseSelect(): Select {
    const start = this.next().start;
    if (this.atOp("/*+")) this.skipHint();
    // `SELECT DISTINCT(a), b` is DISTINCT over `(a), b` (Spark has no distinct function).
    const q = this.atWord("DISTINCT", "ALL") && !this.isOp(this.peek(1), ",", ".") && !(this.atWord("ALL") && this.isOp(this.peek(1), "(")) &&
      this.peek(1).kind !== "eof" ? this.next() : undefined;
    const distinct = q?.upper === "DISTINCT";
    const items = [this.parseSelectItem(false)];
    while (this.acceptOp(",")) items.push(this.parseSelectItem(true));
    let from: Relation | undefined;
    if (this.atWord("FROM")) {
      this.next();
      let rel = this.parseRelation();
      while (this.atOp(",")) {
        const cs: number = rel.origin.start;
        this.next();
        const right = this.parseRelation();
        const joined: Relation = freeze({ kind: "join", left: rel, right, type: "inner" as JoinType, natural: false, origin: this.origin(cs) });
        rel = joined;
      }
      from = rel;
    }
    const lateralViews: LateralView[] = [];
    while (this.atWord("LATERAL") && this.isWord(this.peek(1), "VIEW")) lateralViews.push(this.parseLateralView());
    let where: Expr | undefined;
    if (this.acceptWord("WHERE")) where = this.parseExpression();
    let groupBy: GroupBy | undefined;
    if (this.atWord("GROUP") && this.isWord(this.peek(1), "BY")) groupBy = this.parseGroupBy();
    let having: Expr | undefined;
    if (this.acceptWord("HAVING")) having = this.parseExpression();
    const windows: { name: string; spec: WindowSpec }[] = [];
    if (this.atWord("WINDOW") && this.isIdentifier(this.peek(1)) && this.isWord(this.peek(2), "AS")) {
      const windowStart = this.next().start;
      do {
        const name = this.parseIdentifier();
        this.expectWord("AS");
        windows.push({ name, spec: this.parseWindowSpec() });
      } while (this.acceptOp(","));
      const seen = new Set<string>();
      for (const w of windows) {
        const key = w.name.toLowerCase();
        if (seen.has(key)) {
          throw new SluiceError("INVALID_SQL_SYNTAX.REPETITIVE_WINDOW_DEFINITION",
            `Invalid SQL syntax: The definition of window \`${w.name}\` is repetitive.`, { sqlState: "42000", position: this.origin(windowStart) });
        }
        seen.add(key);
      }
    }
    return freeze({
      kind: "select", distinct, items: freeze(items), from, where, groupBy, having, windows: freeze(windows),
      lateralViews: freeze(lateralViews), origin: this.origin(start),
    });
  }

  /** `LATERAL VIEW [OUTER] f(args) table [AS] col, …` */
  private parseLateralView(): LateralView {
    const start = this.next().start;
    this.next();
    const outer = this.acceptWord("OUTER") !== undefined;
    const fn = this.parseMultipartIdentifier().join(".");
    this.expectOp("(");
    const args: Expr[] = [];
    if (!this.atOp(")")) {
      args.push(this.parseExpression());
      while (this.acceptOp(",")) args.push(this.parseExpression());
    }
    this.expectOp(")", true, [")", ","]);
    const table = this.parseIdentifier();
    const columns: string[] = [];
    const hasAs = this.acceptWord("AS") !== undefined;
    if (hasAs || (this.isIdentifier(this.peek()) && !this.isWord(this.peek(), ...NOT_TABLE_ALIAS, "LATERAL"))) {
      columns.push(this.parseIdentifier());
      while (this.acceptOp(",")) columns.push(this.parseIdentifier());
    }
    return freeze({ outer, fn, args: freeze(args), table, columns: freeze(columns), origin: this.origin(start) });
  }

  private skipHint(): void {
    const open = this.next();
    while (!this.atOp("*/")) {
      if (this.peek().kind === "eof") throw this.syntaxError(open);
      this.next();
    }
    this.next();
  }

  private parseSelectItem(afterComma: boolean): Expr {
    const t = this.peek();
    // `SELECT a, FROM t`: Spark names the mistake.
    if (afterComma && this.isWord(t, "FROM") && this.isIdentifier(this.peek(1))) {
      throw new SluiceError("TRAILING_COMMA_IN_SELECT", "Trailing comma detected in SELECT clause. Remove the trailing comma before the FROM clause.",
        { sqlState: "42601", position: { text: this.text, start: t.start, end: t.end } });
    }
    return this.parseNamedExpression();
  }

  /** GROUP BY exprs [WITH ROLLUP|CUBE | GROUPING SETS (…)], or mixed ROLLUP(…)/CUBE(…)/GROUPING SETS(…) items. */
  private parseGroupBy(): GroupBy {
    const start = this.next().start;
    this.next();
    const items: (readonly (readonly Expr[])[])[] = [];
    const plain: Expr[] = [];
    let analytics = false;
    do {
      const a = this.tryGroupingAnalytics();
      if (a) {
        analytics = true;
        items.push(a);
      } else {
        const e = this.parseExpression();
        plain.push(e);
        items.push([[e]]);
      }
    } while (this.acceptOp(","));
    if (!analytics && this.atWord("WITH") && this.isWord(this.peek(1), "ROLLUP", "CUBE")) {
      this.next();
      const kind = this.next().upper;
      const sets = kind === "ROLLUP" ? rollup(plain.map((e) => [e])) : cube(plain.map((e) => [e]));
      return freeze({ exprs: freeze(plain), sets: freeze(sets), origin: this.origin(start) });
    }
    if (!analytics && this.atWord("GROUPING") && this.isWord(this.peek(1), "SETS")) {
      this.next();
      this.next();
      const sets = this.parseGroupingSetList(false);
      return freeze({ exprs: freeze(plain), sets: freeze(sets), origin: this.origin(start) });
    }
    if (!analytics) return freeze({ exprs: freeze(plain), origin: this.origin(start) });
    // The cartesian product of every item's grouping sets.
    let sets: Expr[][] = [[]];
    for (const it of items) sets = sets.flatMap((s) => it.map((x) => [...s, ...x]));
    const all: Expr[] = [];
    for (const s of sets) for (const e of s) if (!all.includes(e)) all.push(e);
    return freeze({ exprs: freeze(all), sets: freeze(sets), origin: this.origin(start) });
  }

  /** ROLLUP(…), CUBE(…) or GROUPING SETS(…) at the current token, as a list of grouping sets. */
  private tryGroupingAnalytics(): Expr[][] | undefined {
    if (this.atWord("ROLLUP", "CUBE") && this.isOp(this.peek(1), "(")) {
      const start = this.peek().start;
      const kind = this.next().upper;
      const sets = this.parseGroupingSetList(false);
      if (sets.some((s) => s.length === 0)) {
        throw new SluiceError("_LEGACY_ERROR_TEMP_0051", `Empty set in ${kind} grouping sets is not supported.`, { position: this.origin(start) });
      }
      return kind === "ROLLUP" ? rollup(sets) : cube(sets);
    }
    if (this.atWord("GROUPING") && this.isWord(this.peek(1), "SETS") && this.isOp(this.peek(2), "(")) {
      this.next();
      this.next();
      return this.parseGroupingSetList(true);
    }
    return undefined;
  }

  /** `( set, set … )` where a set is `(e, …)` or `e` (or, inside GROUPING SETS, ROLLUP/CUBE). */
  private parseGroupingSetList(nested: boolean): Expr[][] {
    this.expectOp("(");
    const out: Expr[][] = [];
    do {
      const a = nested ? this.tryGroupingAnalytics() : undefined;
      if (a) {
        out.push(...a);
      } else if (this.atOp("(") && this.isGroupingSetParen()) {
        this.next();
        const set: Expr[] = [];
        if (!this.atOp(")")) {
          set.push(this.parseExpression());
          while (this.acceptOp(",")) set.push(this.parseExpression());
        }
        this.expectOp(")", true);
        out.push(set);
      } else {
        out.push([this.parseExpression()]);
      }
    } while (this.acceptOp(","));
    this.expectOp(")", true);
    return out;
  }

  /** Whether the '(' here opens a grouping set `(a, b)` / `()` rather than a parenthesized expression `(a + b)`. */
  private isGroupingSetParen(): boolean {
    let depth = 0;
    for (let k = 0; ; k++) {
      const t = this.peek(k);
      if (t.kind === "eof") return false;
      if (this.isOp(t, "(")) depth++;
      else if (this.isOp(t, ")")) {
        depth--;
        if (depth === 0) return k === 1 || this.tokensBetweenHaveComma(k) || this.isOp(this.peek(k + 1), ",", ")");
      }
    }
  }
  private tokensBetweenHaveComma(end: number): boolean {
    let depth = 0;
    for (let k = 0; k < end; k++) {
      const t = this.peek(k);
      if (this.isOp(t, "(")) depth++;
      else if (this.isOp(t, ")")) depth--;
      else if (depth === 1 && this.isOp(t, ",")) return true;
    }
    return false;
  }

  // ---------------------------------------------------------------- relations

  /** `relationPrimary joinRelation*` */
  private parseRelation(): Relation {
    const start = this.peek().start;
    let left = this.parseRelationPrimary();
    for (;;) {
      const natural = this.atWord("NATURAL") && this.acceptWord("NATURAL") !== undefined;
      const type = this.parseJoinType();
      if (type === undefined) {
        if (natural) throw this.syntaxError(this.peek());
        return left;
      }
      const right = this.parseRelationPrimary();
      let on: Expr | undefined;
      let using: { name: string; origin: Origin }[] | undefined;
      if (!natural && this.atWord("ON")) {
        this.next();
        on = this.parseExpression();
      } else if (!natural && this.atWord("USING") && this.isOp(this.peek(1), "(")) {
        this.next();
        this.next();
        using = [];
        do {
          const t = this.peek();
          using.push({ name: this.parseIdentifier(), origin: this.origin(t.start) });
        } while (this.acceptOp(","));
        this.expectOp(")", true, [")", ","]);
      }
      left = freeze({ kind: "join", left, right, type, natural, on, using, origin: this.origin(start) });
    }
  }

  /** `joinType JOIN`, consumed; undefined when no join follows. */
  private parseJoinType(): JoinType | undefined {
    const w = (k: number, ...words: string[]) => this.isWord(this.peek(k), ...words);
    const take = (n: number, type: JoinType): JoinType => {
      for (let i = 0; i < n; i++) this.next();
      this.expectWord("JOIN");
      return type;
    };
    if (w(0, "JOIN")) return take(0, "inner");
    if (w(0, "INNER") && w(1, "JOIN")) return take(1, "inner");
    if (w(0, "CROSS") && w(1, "JOIN")) return take(1, "cross");
    if (w(0, "LEFT")) {
      if (w(1, "OUTER") && w(2, "JOIN")) return take(2, "left");
      if (w(1, "SEMI") && w(2, "JOIN")) return take(2, "semi");
      if (w(1, "ANTI") && w(2, "JOIN")) return take(2, "anti");
      if (w(1, "JOIN")) return take(1, "left");
      throw this.syntaxError(this.peek(1));
    }
    if (w(0, "RIGHT")) {
      if (w(1, "OUTER") && w(2, "JOIN")) return take(2, "right");
      if (w(1, "JOIN")) return take(1, "right");
      throw this.syntaxError(this.peek(1));
    }
    if (w(0, "FULL")) {
      if (w(1, "OUTER") && w(2, "JOIN")) return take(2, "full");
      if (w(1, "JOIN")) return take(1, "full");
      throw this.syntaxError(this.peek(1));
    }
    if (w(0, "SEMI") && w(1, "JOIN")) return take(1, "semi");
    if (w(0, "ANTI") && w(1, "JOIN")) return take(1, "anti");
    return undefined;
  }

  private parseRelationPrimary(): Relation {
    return this.nested(() => this.parseRelationPrimaryRule());
  }

  private parseRelationPrimaryRule(): Relation {
    const t = this.peek();
    const start = t.start;
    if (this.isOp(t, "(")) {
      this.next();
      if (this.atWord("SELECT", "WITH", "VALUES", "TABLE", "FROM") || (this.atOp("(") && this.parenStartsQuery())) {
        const query = this.parseQuery();
        this.expectOp(")", true);
        const watermark = this.parseWatermarkClause();
        const alias = this.parseTableAlias();
        return freeze({ kind: "derived", query, watermark, alias, origin: this.origin(start) });
      }
      const relation = this.parseRelation();
      this.expectOp(")", true);
      const alias = this.parseTableAlias();
      return freeze({ kind: "parenRelation", relation, alias, origin: this.origin(start) });
    }
    if (this.isWord(t, "VALUES")) {
      const table = this.parseInlineTable();
      const alias = this.parseTableAlias();
      return freeze({ kind: "inline", table, alias, origin: this.origin(start) });
    }
    if (this.isWord(t, "STREAM") && (this.isIdentifier(this.peek(1)) || this.isOp(this.peek(1), "(")) &&
      !this.isOp(this.peek(1), ".")) {
      const save = this.pos;
      this.next();
      let name: string[];
      if (this.atOp("(")) {
        this.next();
        name = this.parseMultipartIdentifier();
        this.expectOp(")", true);
      } else if (!this.isWord(this.peek(), ...NOT_TABLE_ALIAS)) {
        name = this.parseMultipartIdentifier();
      } else {
        this.pos = save;
        return this.parseTableName(start, false);
      }
      const watermark = this.parseWatermarkClause();
      const alias = this.parseTableAlias();
      return freeze({ kind: "tableRef", name, stream: true, watermark, alias, origin: this.origin(start) });
    }
    if (!this.isIdentifier(t)) throw this.syntaxError(t);
    // name(args): a table-valued function
    if (this.isOp(this.peek(1), "(")) {
      const name = this.parseIdentifier();
      this.next();
      const args: Expr[] = [];
      if (!this.atOp(")")) {
        args.push(this.parseExpression());
        while (this.acceptOp(",")) args.push(this.parseExpression());
      }
      this.expectOp(")", true, [")", ","]);
      const alias = this.parseTableAlias();
      return freeze({ kind: "tvf", name, args: freeze(args), alias, origin: this.origin(start) });
    }
    return this.parseTableName(start, false);
  }

  private parseTableName(start: number, stream: boolean): Relation {
    const name = this.parseMultipartIdentifier();
    const watermark = this.parseWatermarkClause();
    const sampleRows = this.parseTableSample();
    const alias = this.parseTableAlias();
    return freeze({ kind: "tableRef", name, stream, watermark, sampleRows, alias, origin: this.origin(start) });
  }

  /**
   * `TABLESAMPLE (n ROWS)`. Spark's other sample methods (PERCENT, BUCKET x OUT OF y, bytes) draw
   * rows at random per partition; Sluice refuses them rather than sample differently.
   */
  private parseTableSample(): Expr | undefined {
    if (!(this.atWord("TABLESAMPLE") && this.isOp(this.peek(1), "("))) return undefined;
    const start = this.next().start;
    this.next();
    const n = this.parseExpression();
    if (!this.atWord("ROWS")) {
      throw new SluiceError("UNSUPPORTED_FEATURE.TABLESAMPLE",
        "The feature is not supported: TABLESAMPLE other than (n ROWS).",
        { sqlState: "0A000", hint: "Use TABLESAMPLE (n ROWS) or LIMIT n; sampling by PERCENT or BUCKET is not available in Sluice.", position: this.origin(start) });
    }
    this.next();
    this.expectOp(")", true);
    return n;
  }

  /** Whether `( (` opens a parenthesized query rather than a parenthesized relation. */
  private parenStartsQuery(): boolean {
    let k = 0;
    while (this.isOp(this.peek(k), "(")) k++;
    return this.isWord(this.peek(k), "SELECT", "WITH", "VALUES", "TABLE");
  }

  /** `WATERMARK namedExpression DELAY OF interval` */
  private parseWatermarkClause(): WatermarkClause | undefined {
    if (!this.atWord("WATERMARK") || this.peek(1).kind === "eof" || this.isOp(this.peek(1), ",", ")")) return undefined;
    if (this.isWord(this.peek(1), ...NOT_TABLE_ALIAS) && !this.isWord(this.peek(1), "WATERMARK")) return undefined;
    const start = this.next().start;
    // namedExpression, where DELAY ends the expression instead of becoming its alias.
    const exprStart = this.peek().start;
    let column = this.parseExpression();
    const hasAs = this.atWord("AS") && !this.isWord(this.peek(1), "DELAY") && this.acceptWord("AS") !== undefined;
    if (hasAs && this.atOp("(")) {
      column = freeze({ kind: "alias", arg: column, names: freeze(this.parseIdentifierList()), origin: this.origin(exprStart) });
    } else if (hasAs || (this.isIdentifier(this.peek()) && !this.atWord("DELAY"))) {
      column = freeze({ kind: "alias", arg: column, names: freeze([this.parseIdentifier()]), origin: this.origin(exprStart) });
    }
    this.expectWord("DELAY");
    this.expectWord("OF");
    const it = this.peek();
    if (!this.isWord(it, "INTERVAL")) throw this.syntaxError(it);
    const delay = this.parsePrimary();
    if (delay.kind !== "literal") throw this.syntaxError(it);
    return freeze({ column, delay, origin: this.origin(start) });
  }

  /** `[AS] alias [(col, …)]`; a word that can only be a keyword here is not an alias. */
  private parseTableAlias(): TableAlias | undefined {
    const start = this.peek().start;
    const hasAs = this.atWord("AS") && this.isIdentifier(this.peek(1)) && this.acceptWord("AS") !== undefined;
    const t = this.peek();
    if (!this.isIdentifier(t)) {
      if (hasAs) throw this.syntaxError(t);
      return undefined;
    }
    // A clause keyword is not an alias, except a non-reserved one at the very end (`FROM t WHERE`), as in Spark.
    if (!hasAs && t.kind === "word" && NOT_TABLE_ALIAS.has(t.upper) && (STRICT_NON_RESERVED.has(t.upper) || this.peek(1).kind !== "eof")) return undefined;
    const name = this.parseIdentifier();
    const columns = this.atOp("(") ? this.parseIdentifierList() : undefined;
    return freeze({ name, columns, origin: this.origin(start) });
  }

  private parseIdentifierList(): string[] {
    this.expectOp("(");
    const names = [this.parseIdentifier()];
    while (this.acceptOp(",")) names.push(this.parseIdentifier());
    this.expectOp(")", true, [")", ","]);
    return names;
  }

  parseMultipartIdentifier(): string[] {
    const parts = [this.parseIdentifier()];
    while (this.atOp(".") && this.isIdentifier(this.peek(1))) {
      this.next();
      parts.push(this.parseIdentifier());
    }
    if (this.atOp(".")) throw this.syntaxError(this.peek(1));
    return parts;
  }

  // ---------------------------------------------------------------- hooks of the expression parser

  protected override parseSubquery(): unknown {
    return this.parseQuery();
  }

  /** Also `( name )`: a reference to a window of the WINDOW clause. */
  protected override parseWindowSpec(): WindowSpec {
    if (this.atOp("(") && this.isIdentifier(this.peek(1)) && this.isOp(this.peek(2), ")") &&
      !this.isWord(this.peek(1), "PARTITION", "ORDER", "ROWS", "RANGE")) {
      this.next();
      const t = this.peek();
      const name = this.parseIdentifier();
      this.next();
      return this.windowRef(name, t.start, t.end);
    }
    return super.parseWindowSpec();
  }

  private windowRef(name: string, start: number, end: number): WindowSpec {
    const spec: WindowSpec = freeze({ partitionBy: freeze([]), orderBy: freeze([]) });
    namedWindowRefs.set(spec, { name, origin: freeze({ text: this.text, start, end }) });
    return spec;
  }

  /** Overrides how a call reads `OVER`: `OVER w` names a window of the WINDOW clause. */
  protected override parseOverName(): WindowSpec | undefined {
    const t = this.peek();
    if (this.isIdentifier(t) && !this.isOp(t, "(")) {
      this.next();
      return this.windowRef(t.value, t.start, t.end);
    }
    return undefined;
  }
}

function rollup(sets: readonly (readonly Expr[])[]): Expr[][] {
  const out: Expr[][] = [];
  for (let n = sets.length; n >= 0; n--) out.push(sets.slice(0, n).flat());
  return out;
}

function cube(sets: readonly (readonly Expr[])[]): Expr[][] {
  let out: Expr[][] = [[]];
  for (let i = sets.length - 1; i >= 0; i--) out = [...out.map((s) => [...sets[i]!, ...s]), ...out];
  return out;
}

/** Parses one SQL statement. Throws SluiceError (PARSE_SYNTAX_ERROR … with the position). */
export function parseStatement(text: string, options: StatementOptions = {}): Statement {
  return new StatementParser(text, options).parseSingleStatement();
}

export { tokenDisplay };
