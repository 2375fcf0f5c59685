// Time zones as Spark resolves them (SparkDateTimeUtils.getZoneId = java.time ZoneId.of with
// SHORT_IDS), with UTC/fixed offsets on a fast path and IANA regions answered by Intl with a
// per-zone cache of offsets by UTC day. Local date-times that fall into a DST gap or overlap are
// resolved the way java.time's ZonedDateTime.ofLocal does: the offset before the transition wins.
import { SluiceError } from "../../errors.ts";
import { daysFromCivil, floorDiv, MICROS_PER_SECOND, SECONDS_PER_DAY } from "./civil_date.ts";

/** java.time.ZoneId.SHORT_IDS, which Spark passes to ZoneId.of. */
export const SHORT_IDS: Readonly<Record<string, string>> = {
  ACT: "Australia/Darwin", AET: "Australia/Sydney", AGT: "America/Argentina/Buenos_Aires",
  ART: "Africa/Cairo", AST: "America/Anchorage", BET: "America/Sao_Paulo", BST: "Asia/Dhaka",
  CAT: "Africa/Harare", CNT: "America/St_Johns", CST: "America/Chicago", CTT: "Asia/Shanghai",
  EAT: "Africa/Addis_Ababa", ECT: "Europe/Paris", IET: "America/Indiana/Indianapolis",
  IST: "Asia/Kolkata", JST: "Asia/Tokyo", MIT: "Pacific/Apia", NET: "Asia/Yerevan",
  NST: "Pacific/Auckland", PLT: "Asia/Karachi", PNT: "America/Phoenix", PRT: "America/Puerto_Rico",
  PST: "America/Los_Angeles", SST: "Pacific/Guadalcanal", VST: "Asia/Ho_Chi_Minh",
  EST: "-05:00", MST: "-07:00", HST: "-10:00",
};

export class TimeZone {
  /** java.time's ZoneId.getId(): "UTC", "+02:00", "Z", "UTC+01:00", "America/Los_Angeles". */
  readonly id: string;
  /** Offset in seconds when the zone never changes offset, else null. */
  readonly fixedOffset: number | null;
  /** True for a plain offset (java ZoneOffset) rather than a named region. */
  readonly isOffset: boolean;
  private readonly fmt: Intl.DateTimeFormat | null;
  private readonly byDay = new Map<number, number>();
  private readonly transitions = new Map<number, readonly [at: number, before: number, after: number]>();

  constructor(id: string, fixedOffset: number | null, isOffset: boolean, region?: string) {
    this.id = id;
    this.fixedOffset = fixedOffset;
    this.isOffset = isOffset;
    this.fmt = fixedOffset === null
      ? new Intl.DateTimeFormat("en-US", {
        timeZone: region ?? id, hourCycle: "h23", calendar: "iso8601", numberingSystem: "latn",
        year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric",
      })
      : null;
  }

  /** Offset from UTC in seconds at the instant `utcSeconds`. */
  offsetAtSecond(utcSeconds: number): number {
    if (this.fixedOffset !== null) return this.fixedOffset;
    // Before 1800 every zone is on its local mean time, which is also its offset at 1800.
    const s = utcSeconds < EARLIEST ? EARLIEST : utcSeconds;
    const day = Math.floor(s / SECONDS_PER_DAY);
    const known = this.byDay.get(day);
    if (known !== undefined) return known;
    const tr = this.transitions.get(day);
    if (tr !== undefined) return s < tr[0] ? tr[1] : tr[2];
    return this.learnDay(day, s);
  }

  /** Offset in microseconds at the instant `utcMicros`. */
  offsetAtMicros(utcMicros: number): number {
    if (this.fixedOffset !== null) return this.fixedOffset * MICROS_PER_SECOND;
    return this.offsetAtSecond(floorDiv(utcMicros, MICROS_PER_SECOND)) * MICROS_PER_SECOND;
  }

  /** Wall-clock micros (micros since 1970-01-01T00:00 local) of an instant. */
  toLocal(utcMicros: number): number {
    return utcMicros + this.offsetAtMicros(utcMicros);
  }

  /** The instant of a wall-clock time; gaps move forward by the gap, overlaps take the earlier offset. */
  toUtc(localMicros: number): number {
    if (this.fixedOffset !== null) return localMicros - this.fixedOffset * MICROS_PER_SECOND;
    const local = floorDiv(localMicros, MICROS_PER_SECOND);
    const before = this.offsetAtSecond(local - SECONDS_PER_DAY);
    const after = this.offsetAtSecond(local + SECONDS_PER_DAY);
    let offset: number;
    if (before === after) {
      offset = before;
      const o = this.offsetAtSecond(local - offset);
      if (o !== offset) offset = this.offsetAtSecond(local - o) === o ? o : offset;
    } else if (this.offsetAtSecond(local - before) === before) {
      offset = before;
    } else if (this.offsetAtSecond(local - after) === after) {
      offset = after;
    } else {
      offset = before;
    }
    return localMicros - offset * MICROS_PER_SECOND;
  }

  private learnDay(day: number, s: number): number {
    const start = day * SECONDS_PER_DAY;
    const end = start + SECONDS_PER_DAY - 1;
    const a = this.intlOffset(start);
    const b = this.intlOffset(end);
    if (this.byDay.size + this.transitions.size > 200_000) {
      this.byDay.clear();
      this.transitions.clear();
    }
    if (a === b) {
      this.byDay.set(day, a);
      return a;
    }
    // One transition inside the day: find its first second by bisection.
    let lo = start, hi = end;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.intlOffset(mid) === a) lo = mid;
      else hi = mid;
    }
    this.transitions.set(day, [hi, a, b]);
    return s < hi ? a : b;
  }

  private intlOffset(utcSeconds: number): number {
    const parts = this.fmt!.formatToParts(new Date(utcSeconds * 1000));
    let y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
    for (const p of parts) {
      switch (p.type) {
        case "year": y = Number(p.value); break;
        case "month": mo = Number(p.value); break;
        case "day": d = Number(p.value); break;
        case "hour": h = Number(p.value); break;
        case "minute": mi = Number(p.value); break;
        case "second": se = Number(p.value); break;
      }
    }
    const local = daysFromCivil(y, mo, d) * SECONDS_PER_DAY + h * 3600 + mi * 60 + se;
    return local - utcSeconds;
  }
}

const EARLIEST = daysFromCivil(1800, 1, 1) * SECONDS_PER_DAY;

export const UTC_ZONE = new TimeZone("UTC", 0, false);

const cache = new Map<string, TimeZone>();

/** Spark's getZoneId: accepts offsets (+h, +hh, +hh:mm, +hhmm, +hh:mm:ss, +h:mm, +hh:m), Z, UTC/GMT/UT with
 * offsets, SHORT_IDS and region ids. Throws INVALID_TIMEZONE otherwise. */
export function getTimeZone(id: string): TimeZone {
  let z = cache.get(id);
  if (z === undefined) {
    z = resolveZone(id);
    if (cache.size > 1000) cache.clear();
    cache.set(id, z);
  }
  return z;
}

/** getTimeZone, or null instead of an error. */
export function tryGetTimeZone(id: string): TimeZone | null {
  try {
    return getTimeZone(id);
  } catch {
    return null;
  }
}

export function invalidTimeZone(id: string): SluiceError {
  return new SluiceError(
    "INVALID_TIMEZONE",
    `The timezone: ${id} is invalid. The timezone must be either a region-based zone ID or a zone offset. Region IDs must have the form 'area/city', such as 'America/Los_Angeles'. Zone offsets must be in the format '(+|-)HH', '(+|-)HH:mm’ or '(+|-)HH:mm:ss', e.g '-08' , '+01:00' or '-13:33:33', and must be in the range from -18:00 to +18:00. 'Z' and 'UTC' are accepted as synonyms for '+00:00'.`,
    { sqlState: "22009" },
  );
}

function resolveZone(original: string): TimeZone {
  let id = original.replace(/([+-])(\d):/, "$10$2:").replace(/([+-])(\d\d):(\d)$/, "$1$2:0$3");
  id = SHORT_IDS[id] ?? id;
  if (id.length <= 1 || id[0] === "+" || id[0] === "-") {
    const off = parseOffsetId(id);
    if (off === null) throw invalidTimeZone(original);
    return new TimeZone(formatOffsetId(off), off, true);
  }
  for (const prefix of ["UTC", "GMT", "UT"]) {
    if (id.startsWith(prefix)) {
      if (id.length === prefix.length) return new TimeZone(prefix, 0, false);
      const c = id[prefix.length];
      if (c === "+" || c === "-") {
        const off = parseOffsetId(id.slice(prefix.length));
        if (off === null) throw invalidTimeZone(original);
        return new TimeZone(off === 0 ? prefix : prefix + formatOffsetId(off), off, false);
      }
      break;
    }
  }
  if (!/^[A-Za-z][A-Za-z0-9~/._+-]+$/.test(id)) throw invalidTimeZone(original);
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat("en-US", { timeZone: id }).resolvedOptions().timeZone;
  } catch {
    throw invalidTimeZone(original);
  }
  // Intl matches ids case-insensitively; java.time does not.
  if (resolved !== id && resolved.toLowerCase() === id.toLowerCase()) throw invalidTimeZone(original);
  if (resolved === "UTC" || resolved === "Etc/UTC" || resolved === "Etc/GMT") return new TimeZone(id, 0, false);
  return new TimeZone(id, null, false, id);
}

/** java.time ZoneOffset.of: Z, +h, +hh, +hhmm, +hh:mm, +hhmmss, +hh:mm:ss; seconds or null. */
export function parseOffsetId(s: string): number | null {
  if (s === "Z") return 0;
  const sign = s[0] === "+" ? 1 : s[0] === "-" ? -1 : 0;
  if (sign === 0) return null;
  const digits = (from: number, n: number): number => {
    let v = 0;
    for (let i = from; i < from + n; i++) {
      const c = s.charCodeAt(i) - 48;
      if (!(c >= 0 && c <= 9)) return -1;
      v = v * 10 + c;
    }
    return v;
  };
  let h = -1, m = 0, sec = 0;
  switch (s.length) {
    case 2: h = digits(1, 1); break;
    case 3: h = digits(1, 2); break;
    case 5: h = digits(1, 2); m = digits(3, 2); break;
    case 6: h = digits(1, 2); if (s[3] !== ":") return null; m = digits(4, 2); break;
    case 7: h = digits(1, 2); m = digits(3, 2); sec = digits(5, 2); break;
    case 9:
      h = digits(1, 2);
      if (s[3] !== ":" || s[6] !== ":") return null;
      m = digits(4, 2);
      sec = digits(7, 2);
      break;
    default: return null;
  }
  if (h < 0 || m < 0 || sec < 0 || h > 18 || m > 59 || sec > 59) return null;
  const total = h * 3600 + m * 60 + sec;
  if (total > 18 * 3600) return null;
  return sign * total;
}

/** java.time ZoneOffset.getId: "Z", "+02:00", "-05:30:15". */
export function formatOffsetId(seconds: number): string {
  if (seconds === 0) return "Z";
  const a = Math.abs(seconds);
  const h = Math.floor(a / 3600), m = Math.floor((a % 3600) / 60), s = a % 60;
  return (seconds < 0 ? "-" : "+") + pad2(h) + ":" + pad2(m) + (s ? ":" + pad2(s) : "");
}

function pad2(n: number): string {
  return n < 10 ? "0" + n : String(n);
}
