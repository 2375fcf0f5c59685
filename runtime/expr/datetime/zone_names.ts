// Display names of time zones for the 'z', 'zzzz' and 'v' pattern letters. Names come from Intl
// (CLDR, as java.time's default provider); where CLDR has no English abbreviation and Intl falls
// back to "GMT+1", java prints the older abbreviations kept in the table below.
import type { TimeZone } from "./time_zone.ts";

const JAVA_SHORT: Readonly<Record<string, string>> = {
  "Central European Standard Time": "CET", "Central European Summer Time": "CEST",
  "Eastern European Standard Time": "EET", "Eastern European Summer Time": "EEST",
  "Western European Standard Time": "WET", "Western European Summer Time": "WEST",
  "Greenwich Mean Time": "GMT", "British Summer Time": "BST", "Irish Standard Time": "IST",
  "Japan Standard Time": "JST", "Korean Standard Time": "KST", "India Standard Time": "IST",
  "China Standard Time": "CST", "Hong Kong Standard Time": "HKT", "Singapore Standard Time": "SGT",
  "Australian Eastern Standard Time": "AEST", "Australian Eastern Daylight Time": "AEDT",
  "Australian Central Standard Time": "ACST", "Australian Central Daylight Time": "ACDT",
  "Australian Western Standard Time": "AWST", "New Zealand Standard Time": "NZST",
  "New Zealand Daylight Time": "NZDT", "Moscow Standard Time": "MSK", "Israel Standard Time": "IST",
  "Israel Daylight Time": "IDT", "Brasilia Standard Time": "BRT", "Argentina Standard Time": "ART",
  "Gulf Standard Time": "GST", "Pakistan Standard Time": "PKT", "Indochina Time": "ICT",
  "Western Indonesia Time": "WIB", "Philippine Standard Time": "PST", "East Africa Time": "EAT",
  "Central Africa Time": "CAT", "West Africa Standard Time": "WAT", "South Africa Standard Time": "SAST",
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function intlName(zone: TimeZone, utcMicros: number, style: "short" | "long" | "shortGeneric" | "longGeneric"): string {
  const key = zone.id + "|" + style;
  let f = formatters.get(key);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat("en-US", { timeZone: zone.id, timeZoneName: style });
    } catch {
      return zone.id; // "UTC+01:00" and other java-only ids print as themselves
    }
    formatters.set(key, f);
  }
  const ms = Math.floor(utcMicros / 1000);
  const clamped = Math.max(-8.64e15, Math.min(8.64e15, ms));
  const part = f.formatToParts(new Date(clamped)).find((p) => p.type === "timeZoneName");
  const name = part?.value ?? zone.id;
  if (!/^GMT[+-]/.test(name) || style === "shortGeneric" || style === "longGeneric") return name;
  // CLDR names a region's zone only from the date its metazone starts (LA's "PST" from 1970);
  // java.time prints the zone's standard or daylight name whenever, so ask for a recent instant
  // in the same state.
  const reference = referenceInstant(zone, utcMicros);
  if (reference === null) return name;
  const again = f.formatToParts(new Date(reference / 1000)).find((p) => p.type === "timeZoneName")?.value;
  return again === undefined || /^GMT[+-]/.test(again) ? name : again;
}

const YEAR_2020 = Date.UTC(2020, 0, 15) * 1000, JULY_2020 = Date.UTC(2020, 6, 15) * 1000;

/** A 2020 instant with daylight saving in effect exactly when it is at `utcMicros`; null when the zone has none then. */
function referenceInstant(zone: TimeZone, utcMicros: number): number | null {
  const year = new Date(Math.max(-8.64e15, Math.min(8.64e15, Math.floor(utcMicros / 1000)))).getUTCFullYear();
  const jan = Date.UTC(year, 0, 15) * 1000, jul = Date.UTC(year, 6, 15) * 1000;
  const standard = Math.min(zone.offsetAtMicros(jan), zone.offsetAtMicros(jul));
  const daylight = zone.offsetAtMicros(utcMicros) > standard;
  const [a, b] = [zone.offsetAtMicros(YEAR_2020), zone.offsetAtMicros(JULY_2020)];
  if (a === b) return daylight ? null : YEAR_2020;
  const summerIsJuly = b > a;
  return daylight === summerIsJuly ? JULY_2020 : YEAR_2020;
}

/** 'z': "PST", "CET", "UTC". */
export function zoneShortName(zone: TimeZone, utcMicros: number): string {
  if (zone.id === "UTC" || zone.id === "GMT" || zone.id === "UT") return zone.id;
  const short = intlName(zone, utcMicros, "short");
  if (!short.startsWith("GMT") && !short.startsWith("UTC")) return short;
  return JAVA_SHORT[intlName(zone, utcMicros, "long")] ?? short;
}

/** 'zzzz': "Pacific Standard Time", "Coordinated Universal Time". */
export function zoneLongName(zone: TimeZone, utcMicros: number): string {
  if (zone.id === "UTC") return "Coordinated Universal Time";
  if (zone.id === "GMT") return "Greenwich Mean Time";
  return intlName(zone, utcMicros, "long");
}

/** 'v' / 'vvvv': "PT", "Pacific Time". */
export function zoneGenericName(zone: TimeZone, utcMicros: number, full: boolean): string {
  return intlName(zone, utcMicros, full ? "longGeneric" : "shortGeneric");
}
