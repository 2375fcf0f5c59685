"""Shared pieces of the golden generators: the Spark session and the golden value encoding.

Golden value encoding (identical in input.json, golden.json and tests/conformance/golden_values.ts):
  null -> null; boolean -> true/false; tinyint/smallint/int/bigint -> number (a bigint beyond
  +-(2^53 - 1) -> its digits as a string, since JavaScript would round a JSON number);
  float/double -> number, except NaN/Infinity/-Infinity -> "NaN", "Infinity", "-Infinity";
  decimal(p,s) -> plain string with exactly s fraction digits ("12.50");
  string -> string; binary -> lowercase hex; date -> "YYYY-MM-DD";
  timestamp / timestamp_ntz -> "YYYY-MM-DD HH:MM:SS.ffffff" (UTC);
  day-time interval -> integer microseconds; year-month interval -> integer months;
  calendar interval -> {"months": m, "days": d, "micros": us};
  array -> array; map -> array of [key, value] pairs in map order; struct -> array of field values.

PySpark cannot hand some values to Python faithfully (maps arrive as Python dicts built from a
Java HashMap, so their order is lost; year-month and calendar intervals raise NOT_IMPLEMENTED),
so `collect_encoded` first rewrites those columns inside Spark (map_entries, CAST to months,
CAST to string) and then decodes the rewritten values with the original types.
"""

import datetime
import json
import logging
import math
import os
import re
from decimal import Decimal

os.environ["TZ"] = "UTC"

from pyspark.sql import SparkSession  # noqa: E402
from pyspark.sql import types as T  # noqa: E402

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def make_session(app_name, log_level="ERROR"):
    """One local JVM with one core, UTC everywhere, no UI, one shuffle partition."""
    spark = (
        SparkSession.builder.master("local[1]")
        .appName(app_name)
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.driver.extraJavaOptions", "-Duser.timezone=UTC")
        .config("spark.executor.extraJavaOptions", "-Duser.timezone=UTC")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel(log_level)
    # PySpark logs every captured SQL error with its full JVM stack trace; the goldens record them.
    for name in ("SQLQueryContextLogger", "DataFrameQueryContextLogger"):
        logging.getLogger(name).disabled = True
    return spark


def read_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


# ---------------------------------------------------------------- decoding (encoding -> Python)

def decode(value, t):
    """A value in the golden encoding -> the Python value createDataFrame expects for type t."""
    if value is None:
        return None
    if isinstance(t, (T.ByteType, T.ShortType, T.IntegerType, T.LongType)):
        return int(value)  # a number, or a string of digits for a bigint beyond 2^53
    if isinstance(t, (T.FloatType, T.DoubleType)):
        return float(value)  # float("NaN"), float("Infinity") and float("-Infinity") all parse
    if isinstance(t, T.DecimalType):
        return Decimal(value)
    if isinstance(t, (T.StringType, T.BooleanType)):
        return value
    if isinstance(t, T.BinaryType):
        return bytearray.fromhex(value)
    if isinstance(t, T.DateType):
        return datetime.date.fromisoformat(value)
    if isinstance(t, (T.TimestampType, T.TimestampNTZType)):
        return datetime.datetime.strptime(value, "%Y-%m-%d %H:%M:%S.%f")
    if isinstance(t, T.DayTimeIntervalType):
        return datetime.timedelta(microseconds=value)
    if isinstance(t, T.ArrayType):
        return [decode(v, t.elementType) for v in value]
    if isinstance(t, T.MapType):
        return {decode(k, t.keyType): decode(v, t.valueType) for k, v in value}
    if isinstance(t, T.StructType):
        return tuple(decode(v, f.dataType) for v, f in zip(value, t.fields))
    raise ValueError(f"no input decoding for {t.simpleString()}")


# ---------------------------------------------------------------- encoding (Python -> encoding)

MAX_SAFE = 2**53 - 1  # JavaScript's Number.MAX_SAFE_INTEGER


def _fmt_time(v):
    # strftime("%Y") does not zero-pad years below 1000, so format the fields by hand.
    return (
        f"{v.year:04d}-{v.month:02d}-{v.day:02d} "
        f"{v.hour:02d}:{v.minute:02d}:{v.second:02d}.{v.microsecond:06d}"
    )


def encode(value, t):
    """A collected Python value of (original) type t -> the golden encoding.

    Values of the types `spark_side_rewrite` touched arrive in their rewritten shape."""
    if value is None:
        return None
    if isinstance(t, T.LongType):
        v = int(value)
        return v if -MAX_SAFE <= v <= MAX_SAFE else str(v)
    if isinstance(t, (T.ByteType, T.ShortType, T.IntegerType)):
        return int(value)
    if isinstance(t, (T.FloatType, T.DoubleType)):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return float(value)
    if isinstance(t, T.DecimalType):
        return f"{value:.{t.scale}f}"
    if isinstance(t, (T.StringType, T.BooleanType, T.NullType)):
        return value
    if isinstance(t, T.BinaryType):
        return bytes(value).hex()
    if isinstance(t, T.DateType):
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    if isinstance(t, (T.TimestampType, T.TimestampNTZType)):
        return _fmt_time(value)
    if isinstance(t, T.DayTimeIntervalType):
        return (value.days * 86400 + value.seconds) * 1_000_000 + value.microseconds
    if isinstance(t, T.YearMonthIntervalType):
        return int(value)  # rewritten in Spark to a BIGINT count of months
    if isinstance(t, T.CalendarIntervalType):
        return parse_calendar_interval(value)  # rewritten in Spark to its string form
    if isinstance(t, T.ArrayType):
        return [encode(v, t.elementType) for v in value]
    if isinstance(t, T.MapType):
        # rewritten in Spark to map_entries: a list of (key, value) rows in map order
        return [[encode(e[0], t.keyType), encode(e[1], t.valueType)] for e in value]
    if isinstance(t, T.StructType):
        return [encode(value[i], f.dataType) for i, f in enumerate(t.fields)]
    raise ValueError(f"no golden encoding for {t.simpleString()}")


_UNIT_MICROS = {"hours": 3_600_000_000, "minutes": 60_000_000}


def parse_calendar_interval(text):
    """CalendarInterval.toString ("1 years 2 months 3 days 4 hours 5 minutes 6.5 seconds") -> fields."""
    months = days = micros = 0
    for num, unit in re.findall(r"(-?[0-9.]+) (\w+)", text):
        if unit == "years":
            months += int(num) * 12
        elif unit == "months":
            months += int(num)
        elif unit == "days":
            days += int(num)
        elif unit == "seconds":
            micros += int((Decimal(num) * 1_000_000).to_integral_exact())
        else:
            micros += int(num) * _UNIT_MICROS[unit]
    return {"months": months, "days": days, "micros": micros}


# ---------------------------------------------------------------- Spark-side rewrite

def _needs_rewrite(t):
    if isinstance(t, (T.MapType, T.YearMonthIntervalType, T.CalendarIntervalType)):
        return True
    if isinstance(t, T.ArrayType):
        return _needs_rewrite(t.elementType)
    if isinstance(t, T.StructType):
        return any(_needs_rewrite(f.dataType) for f in t.fields)
    return False


def _q(name):
    return "`" + name.replace("`", "``") + "`"


def _sql_str(text):
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def spark_side_rewrite(sql, t, depth=0):
    """A SQL expression over `sql` (of type t) whose value Python can collect faithfully."""
    if not _needs_rewrite(t):
        return sql
    if isinstance(t, T.YearMonthIntervalType):
        return f"CAST(CAST({sql} AS INTERVAL MONTH) AS BIGINT)"
    if isinstance(t, T.CalendarIntervalType):
        return f"CAST({sql} AS STRING)"
    v = f"x{depth}"
    if isinstance(t, T.ArrayType):
        return f"transform({sql}, {v} -> {spark_side_rewrite(v, t.elementType, depth + 1)})"
    if isinstance(t, T.MapType):
        k = spark_side_rewrite(f"{v}.key", t.keyType, depth + 1)
        val = spark_side_rewrite(f"{v}.value", t.valueType, depth + 1)
        return f"transform(map_entries({sql}), {v} -> struct({k}, {val}))"
    if isinstance(t, T.StructType):
        parts = ", ".join(
            f"{_sql_str(f.name)}, {spark_side_rewrite(f'{sql}.{_q(f.name)}', f.dataType, depth + 1)}"
            for f in t.fields
        )
        return f"IF({sql} IS NULL, NULL, named_struct({parts}))"
    raise ValueError(t)


def collect_encoded(df):
    """(schema as [{name, type}], rows in the golden encoding) of a DataFrame, in Spark's order."""
    schema = df.schema
    if any(_needs_rewrite(f.dataType) for f in schema.fields):
        # Positional names first: the result may hold duplicate or awkward column names.
        renamed = df.toDF(*[f"c{i}" for i in range(len(schema.fields))])
        rows = renamed.selectExpr(
            *[f"{spark_side_rewrite(_q('c' + str(i)), f.dataType)} AS {_q('c' + str(i))}"
              for i, f in enumerate(schema.fields)]
        ).collect()
    else:
        rows = df.collect()
    out_schema = [{"name": f.name, "type": f.dataType.simpleString()} for f in schema.fields]
    out_rows = [[encode(r[i], f.dataType) for i, f in enumerate(schema.fields)] for r in rows]
    return out_schema, out_rows


def spark_error(e):
    """{class, sqlState, message, messageParameters} of a PySpark error raised by the JVM.

    Most JVM errors arrive converted (CapturedException); the rest (a plain SparkException
    thrown inside a task) arrive as Py4JJavaError and are read off the Java throwable."""
    from py4j.protocol import Py4JJavaError

    if isinstance(e, Py4JJavaError):
        return _java_error(e.java_exception)
    cond = e.getCondition() if hasattr(e, "getCondition") else None
    if cond is None and hasattr(e, "getErrorClass"):
        cond = e.getErrorClass()
    state = e.getSqlState() if hasattr(e, "getSqlState") else None
    params = e.getMessageParameters() if hasattr(e, "getMessageParameters") else None
    lines = [ln for ln in str(e).splitlines() if ln.strip()]
    return {
        "class": cond,
        "sqlState": state,
        "message": lines[0] if lines else "",
        "messageParameters": dict(params) if params else {},
    }


def _java_error(t):
    chain = []
    while t is not None and len(chain) < 20:
        chain.append(t)
        t = t.getCause()
    def condition(x):
        try:
            return x.getCondition()
        except Exception:
            return None
    with_class = [x for x in chain if condition(x)]
    x = with_class[0] if with_class else chain[-1]
    lines = [ln for ln in (x.getMessage() or "").splitlines() if ln.strip()]
    params = x.getMessageParameters() if with_class else None
    return {
        "class": condition(x),
        "sqlState": x.getSqlState() if with_class else None,
        "message": lines[0] if lines else "",
        "messageParameters": {k: params[k] for k in params} if params else {},
    }


def dump_lines(items):
    """JSON array text with one compact item per line: small diffs when a golden changes."""
    body = ",\n".join(json.dumps(x, ensure_ascii=False, separators=(", ", ": ")) for x in items)
    return "[\n" + body + "\n]\n"
