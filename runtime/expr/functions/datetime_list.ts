// Date and time functions beyond time_list.ts; functions/mod.ts merges the lists.
import type { ScalarFunction } from "../function_def.ts";
import { fn as convertTimezone } from "./convert_timezone.ts";
import { fn as currentTimezone } from "./current_timezone.ts";
import { fn as datePart } from "./date_part.ts";
import { fn as datepart } from "./datepart.ts";
import { fn as dayname } from "./dayname.ts";
import { fn as extract } from "./extract.ts";
import { fn as fromUtcTimestamp } from "./from_utc_timestamp.ts";
import { fn as localtimestamp } from "./localtimestamp.ts";
import { fn as makeDate } from "./make_date.ts";
import { fn as makeTimestamp } from "./make_timestamp.ts";
import { fn as makeTimestampLtz } from "./make_timestamp_ltz.ts";
import { fn as makeTimestampNtz } from "./make_timestamp_ntz.ts";
import { fn as monthname } from "./monthname.ts";
import { fn as monthsBetween } from "./months_between.ts";
import { fn as nextDay } from "./next_day.ts";
import { fn as timestampadd } from "./timestampadd.ts";
import { fn as timestampdiff } from "./timestampdiff.ts";
import { fn as toTimestampLtz } from "./to_timestamp_ltz.ts";
import { fn as toTimestampNtz } from "./to_timestamp_ntz.ts";
import { fn as toUnixTimestamp } from "./to_unix_timestamp.ts";
import { fn as toUtcTimestamp } from "./to_utc_timestamp.ts";
import { fn as tryMakeTimestamp } from "./try_make_timestamp.ts";
import { fn as tryMakeTimestampLtz } from "./try_make_timestamp_ltz.ts";
import { fn as tryMakeTimestampNtz } from "./try_make_timestamp_ntz.ts";
import { fn as weekday } from "./weekday.ts";
import { fn as currentTime } from "./current_time.ts";
import { fn as makeTime } from "./make_time.ts";
import { fn as timeDiff } from "./time_diff.ts";
import { fn as timeTrunc } from "./time_trunc.ts";
import { fn as toTime } from "./to_time.ts";
import { fn as tryToTime } from "./try_to_time.ts";

export const datetimeFunctions: ScalarFunction[] = [
  convertTimezone, currentTimezone, datePart, datepart, dayname, extract, fromUtcTimestamp, localtimestamp, makeDate,
  makeTimestamp, makeTimestampLtz, makeTimestampNtz, monthname, monthsBetween, nextDay, timestampadd, timestampdiff,
  toTimestampLtz, toTimestampNtz, toUnixTimestamp, toUtcTimestamp, tryMakeTimestamp, tryMakeTimestampLtz, tryMakeTimestampNtz, weekday,
  currentTime, makeTime, timeDiff, timeTrunc, toTime, tryToTime,
];
