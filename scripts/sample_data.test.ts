// The sample data is deterministic (file N always holds the same rows) and written whole.
import { afterAll, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatCents, LATE_READINGS, sensorFile, transactionFile, writeSensorFiles, writeTransactionFiles } from "./sample_data.ts";

const dir = mkdtempSync(join(tmpdir(), "sluice-sample-data-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("transaction file N is the same whenever it is written, and numbering carries on with --from", () => {
  writeTransactionFiles(join(dir, "a"), { files: 3 });
  writeTransactionFiles(join(dir, "b"), { files: 1 });
  writeTransactionFiles(join(dir, "b"), { from: 1, files: 2 });
  expect(readdirSync(join(dir, "b")).sort()).toEqual(["transactions-000.json", "transactions-001.json", "transactions-002.json"]);
  for (const name of readdirSync(join(dir, "a"))) expect(readFileSync(join(dir, "b", name), "utf8")).toBe(readFileSync(join(dir, "a", name), "utf8"));
  const ids = [0, 1, 2].flatMap((i) => transactionFile(i).map((t) => t.transaction_id));
  expect(new Set(ids).size).toBe(30);
  expect(ids[10]).toBe("TXN-000011");
});

test("JSON lines and CSV with a header carry the same values", () => {
  const [json] = writeTransactionFiles(join(dir, "json"), { files: 1 });
  const [csv] = writeTransactionFiles(join(dir, "csv"), { files: 1, format: "csv" });
  const rows = transactionFile(0);
  const jsonLines = readFileSync(json!, "utf8").trimEnd().split("\n").map((l) => JSON.parse(l));
  expect(jsonLines.map((r) => r.amount)).toEqual(rows.map((t) => t.amountCents / 100));
  const csvLines = readFileSync(csv!, "utf8").trimEnd().split("\n");
  expect(csvLines[0]).toBe("transaction_id,customer_id,amount,category,payment_method,timestamp");
  expect(csvLines.slice(1).map((l) => l.split(",")[2])).toEqual(rows.map((t) => formatCents(t.amountCents)));
  // Refunds are negative amounts.
  const refunds = [0, 1, 2, 3, 4].flatMap((i) => transactionFile(i)).filter((t) => t.amountCents < 0);
  expect(refunds.length).toBeGreaterThan(0);
  expect(formatCents(refunds[0]!.amountCents)).toStartWith("-");
});

test("formatCents keeps two decimals and the sign", () => {
  expect([formatCents(1250), formatCents(5), formatCents(-305), formatCents(0)]).toEqual(["12.50", "0.05", "-3.05", "0.00"]);
});

test("sensor files: a reading a minute per sensor, plus the late readings when asked", () => {
  expect(sensorFile(0).length).toBe(45);
  expect(sensorFile(3, false).length).toBe(45);
  expect(sensorFile(3, true).length).toBe(45 + LATE_READINGS[3]!.length);
  expect(sensorFile(1, false)[0]).toMatchObject({ sensor_id: "sensor-1", timestamp: "2024-01-15T10:15:00.000Z" });
  expect(sensorFile(1, false)[2]!.timestamp).toBe("2024-01-15T10:15:30.000Z");
  writeSensorFiles(join(dir, "sensors"), { files: 2 });
  expect(readdirSync(join(dir, "sensors")).sort()).toEqual(["readings-000.json", "readings-001.json"]);
});

test("the command line writes every data set under one directory", () => {
  const r = spawnSync(process.execPath, [join(import.meta.dir, "sample_data.ts"), "all", join(dir, "all"), "--files", "2"], { encoding: "utf8" });
  expect(r.status).toBe(0);
  expect(r.stdout).toContain(`wrote 2 transaction files to ${join(dir, "all", "transactions")}`);
  expect(readdirSync(join(dir, "all")).sort()).toEqual(["ecommerce", "sensors", "transactions"]);
  expect(readdirSync(join(dir, "all", "ecommerce")).length).toBe(2);
  const bad = spawnSync(process.execPath, [join(import.meta.dir, "sample_data.ts"), "transactions", dir, "--format", "xml"], { encoding: "utf8" });
  expect(bad.status).toBe(2);
  expect(bad.stderr).toContain("--format must be json or csv");
});
