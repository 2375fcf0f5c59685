import { describe, expect, test } from "bun:test";
import { SluiceError } from "../../errors.ts";
import { getTimeZone, parseOffsetId, tryGetTimeZone } from "./time_zone.ts";
import { localMicrosToString, timestampToString } from "./timestamp_to_string.ts";
import { stringToTimestampWithoutTimeZone } from "./string_to_timestamp.ts";

const local = (s: string) => stringToTimestampWithoutTimeZone(s)!;
const S = 1_000_000;

describe("time zone ids as Spark's getZoneId reads them", () => {
  test("offsets, prefixes, short ids and regions", () => {
    expect(getTimeZone("+02:00").fixedOffset).toBe(7200);
    expect(getTimeZone("+2:00").fixedOffset).toBe(7200);
    expect(getTimeZone("+02:0").fixedOffset).toBe(7200);
    expect(getTimeZone("-0530").fixedOffset).toBe(-19800);
    expect(getTimeZone("Z").fixedOffset).toBe(0);
    expect(getTimeZone("UTC").id).toBe("UTC");
    expect(getTimeZone("UTC+1").id).toBe("UTC+01:00");
    expect(getTimeZone("GMT-05:30").fixedOffset).toBe(-19800);
    expect(getTimeZone("EST").fixedOffset).toBe(-18000);
    expect(getTimeZone("PST").id).toBe("America/Los_Angeles");
    expect(getTimeZone("Europe/Paris").fixedOffset).toBeNull();
    expect(parseOffsetId("+18:00:01")).toBeNull();
    expect(parseOffsetId("+1")).toBe(3600);
  });

  test("invalid ids raise INVALID_TIMEZONE", () => {
    for (const bad of ["Europe/Nowhere", "+25:00", "america/los_angeles", "", "foo bar"]) {
      let err: unknown;
      try {
        getTimeZone(bad);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(SluiceError);
      expect((err as SluiceError).code).toBe("INVALID_TIMEZONE");
    }
    expect(tryGetTimeZone("Mars/Base")).toBeNull();
  });
});

describe("offsets of a region zone", () => {
  const la = getTimeZone("America/Los_Angeles");

  test("standard and daylight time", () => {
    expect(la.offsetAtSecond(Date.UTC(2024, 0, 15) / 1000)).toBe(-8 * 3600);
    expect(la.offsetAtSecond(Date.UTC(2024, 6, 15) / 1000)).toBe(-7 * 3600);
  });

  test("DST gap moves forward, overlap takes the earlier offset (java.time)", () => {
    expect(timestampToString(la.toUtc(local("2024-03-10 02:30:00")), la)).toBe("2024-03-10 03:30:00");
    expect(la.toUtc(local("2024-11-03 01:30:00")) / S).toBe(1730622600);
    expect(la.toUtc(local("2024-11-03 03:00:00")) / S).toBe(1730631600);
  });

  test("local mean time before standard time (tzdb)", () => {
    expect(la.toUtc(local("1850-01-01 00:00:00")) / S).toBe(-3786797222);
    const paris = getTimeZone("Europe/Paris");
    expect(localMicrosToString(paris.toLocal(local("1900-01-01 00:00:00")))).toBe("1900-01-01 00:09:21");
  });

  test("Europe/Paris summer time switch", () => {
    const paris = getTimeZone("Europe/Paris");
    expect(timestampToString(paris.toUtc(local("2024-03-31 02:30:00")), paris)).toBe("2024-03-31 03:30:00");
    expect(paris.toUtc(local("2024-10-27 02:30:00")) / S).toBe(1729989000);
  });
});
