// spark.sparkContext: the parts of PySpark's SparkContext a streaming pipeline touches. Sluice has
// no RDDs; the context reports the application and sets the process's log level.
import { setLogLevel } from "./log_level.ts";
import type { RuntimeConfig } from "./runtime_config.ts";

/** The Spark version whose semantics Sluice follows (what PySpark's sc.version prints). */
export const SPARK_VERSION = "4.1.1";

export class SparkContext {
  constructor(private readonly conf: RuntimeConfig) {}

  /** spark.app.name, set with SparkSession.builder.appName(...). */
  get appName(): string {
    return this.conf.get("spark.app.name") ?? "sluice";
  }
  get version(): string {
    return SPARK_VERSION;
  }
  /**
   * spark.default.parallelism if set, else 1: Sluice runs each query's operators on one thread
   * (Spark in local[*] mode would answer with the number of cores).
   */
  get defaultParallelism(): number {
    const set = this.conf.get("spark.default.parallelism");
    return set === undefined ? 1 : Number(set);
  }
  /**
   * Sets the log level of the whole process, as Spark's: ALL, DEBUG, ERROR, FATAL, INFO, OFF,
   * TRACE or WARN, in any case. "ERROR" hides the engine's warnings; the default is INFO.
   */
  setLogLevel(logLevelName: string): void {
    setLogLevel(logLevelName);
  }
}
