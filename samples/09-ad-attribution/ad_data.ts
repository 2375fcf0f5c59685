// The sample's data: ad impressions and the clicks on them, written as JSON lines into two
// directories, one file per micro-batch each. Deterministic, so the README can show the output.
//   impression i (ad i, i = 0…59) is shown at 10:00 + 4 minutes × i;
//   every third ad is clicked 20 minutes after its impression (attributed);
//   ads with i % 6 == 1 are clicked 75 minutes after (too late: not attributed);
//   the rest are never clicked.
// Impression file f holds impressions 15f…15f+14; a click goes in the file of its impression, so
// a click 75 minutes late reaches the query one file (one hour) after its impression.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const IMPRESSION_SCHEMA = "adId INT, impressionTime TIMESTAMP, campaign STRING";
export const CLICK_SCHEMA = "adId INT, clickTime TIMESTAMP";

const BASE = Date.UTC(2024, 0, 15, 10, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString().replace("T", " ").replace(".000Z", "");

export function writeAdFiles(dir: string): { impressions: string; clicks: string } {
  const impressions = join(dir, "impressions"), clicks = join(dir, "clicks");
  mkdirSync(impressions, { recursive: true });
  mkdirSync(clicks, { recursive: true });
  const imp: string[][] = [[], [], [], []], clk: string[][] = [[], [], [], []];
  for (let i = 0; i < 60; i++) {
    const shown = BASE + i * 4 * 60_000;
    const file = Math.floor(i / 15);
    imp[file]!.push(JSON.stringify({ adId: i, impressionTime: iso(shown), campaign: `campaign-${i % 4}` }));
    if (i % 3 === 0) clk[file]!.push(JSON.stringify({ adId: i, clickTime: iso(shown + 20 * 60_000) }));
    else if (i % 6 === 1) clk[Math.min(file + 1, 3)]!.push(JSON.stringify({ adId: i, clickTime: iso(shown + 75 * 60_000) }));
  }
  imp.forEach((lines, f) => writeFileSync(join(impressions, `part-${f}.json`), lines.join("\n") + "\n"));
  clk.forEach((lines, f) => writeFileSync(join(clicks, `part-${f}.json`), lines.join("\n") + "\n"));
  return { impressions, clicks };
}
