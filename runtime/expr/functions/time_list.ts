// The date/time, JSON, hash and encoding functions (merged with coreFunctions in mod.ts).
import type { ScalarFunction } from "../function_def.ts";
import { fn as add_months } from "./add_months.ts";
import { fn as base64 } from "./base64.ts";
import { fn as crc32 } from "./crc32.ts";
import { fn as current_date } from "./current_date.ts";
import { fn as current_timestamp } from "./current_timestamp.ts";
import { fn as date_add } from "./date_add.ts";
import { fn as date_format } from "./date_format.ts";
import { fn as date_from_unix_date } from "./date_from_unix_date.ts";
import { fn as date_sub } from "./date_sub.ts";
import { fn as date_trunc } from "./date_trunc.ts";
import { fn as datediff } from "./datediff.ts";
import { fn as day } from "./day.ts";
import { fn as dayofmonth } from "./dayofmonth.ts";
import { fn as dayofweek } from "./dayofweek.ts";
import { fn as dayofyear } from "./dayofyear.ts";
import { fn as from_json } from "./from_json.ts";
import { fn as from_unixtime } from "./from_unixtime.ts";
import { fn as get_json_object } from "./get_json_object.ts";
import { fn as hash } from "./hash.ts";
import { fn as hex } from "./hex.ts";
import { fn as hour } from "./hour.ts";
import { fn as last_day } from "./last_day.ts";
import { fn as md5 } from "./md5.ts";
import { fn as minute } from "./minute.ts";
import { fn as month } from "./month.ts";
import { fn as now } from "./now.ts";
import { fn as quarter } from "./quarter.ts";
import { fn as second } from "./second.ts";
import { fn as sha1 } from "./sha1.ts";
import { fn as sha2 } from "./sha2.ts";
import { fn as timestamp_micros } from "./timestamp_micros.ts";
import { fn as timestamp_millis } from "./timestamp_millis.ts";
import { fn as timestamp_seconds } from "./timestamp_seconds.ts";
import { fn as to_date } from "./to_date.ts";
import { fn as to_json } from "./to_json.ts";
import { fn as to_timestamp } from "./to_timestamp.ts";
import { fn as trunc } from "./trunc.ts";
import { fn as try_to_timestamp } from "./try_to_timestamp.ts";
import { fn as unbase64 } from "./unbase64.ts";
import { fn as unhex } from "./unhex.ts";
import { fn as unix_date } from "./unix_date.ts";
import { fn as unix_micros } from "./unix_micros.ts";
import { fn as unix_millis } from "./unix_millis.ts";
import { fn as unix_seconds } from "./unix_seconds.ts";
import { fn as unix_timestamp } from "./unix_timestamp.ts";
import { fn as weekofyear } from "./weekofyear.ts";
import { fn as xxhash64 } from "./xxhash64.ts";
import { fn as year } from "./year.ts";

export const timeFunctions: ScalarFunction[] = [
  add_months, base64, crc32, current_date, current_timestamp, date_add, date_format, date_from_unix_date, date_sub,
  date_trunc, datediff, day, dayofmonth, dayofweek, dayofyear, from_json, from_unixtime, get_json_object, hash, hex, hour, last_day, md5, minute,
  month, now, quarter, second, sha1, sha2, timestamp_micros, timestamp_millis, timestamp_seconds, to_date,
  to_json, to_timestamp, trunc, try_to_timestamp, unbase64, unhex, unix_date, unix_micros, unix_millis, unix_seconds, unix_timestamp, weekofyear,
  xxhash64, year,
];
