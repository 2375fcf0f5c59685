// What the sessions of one application share, as Spark's sessions share a SparkContext and its
// SharedState: the launch configuration (spark-submit's --conf; here `sluice run --conf`) each new
// session starts from, the plugins the launch loaded (as --jars are on every session's classpath),
// global temp views, and a view of every session's queries (Spark's activeStreamingQueries, which
// stops one checkpoint from running twice, and the status listener its UI reads). Everything else
// (conf, temp views, plugins loaded later, queries, dry-run mode) belongs to each SparkSession;
// catalog tables (CREATE TABLE) are shared by a session and the sessions newSession() makes from it.
//
// `sluice run`, `explain` and `validate` each launch an application before importing the pipeline;
// a Spark Connect server would hold one for all its sessions. Sessions created without one use the
// process's active application, as Spark's builder uses the active SparkContext.
import type { Plan } from "../plan/plan.ts";
import type { RegisteredPlugin } from "../plugin/registry.ts";
import type { DryRun } from "./dry_run.ts";
import { QueryTracker } from "./query_tracker.ts";

export interface LaunchSettings {
  /** Configuration every session starts with (later entries of the same key win). */
  conf?: Iterable<readonly [string, string]>;
  /** Plugins loaded for the application (SLUICE_PLUGIN_PATH, --plugin): in every session. */
  plugins?: readonly RegisteredPlugin[];
  /** Set by `sluice explain` / `validate`: every session of the application plans its queries instead of starting them. */
  dryRun?: DryRun;
}

export class SharedState {
  readonly conf: ReadonlyMap<string, string>;
  readonly plugins: readonly RegisteredPlugin[];
  readonly dryRun: DryRun | undefined;
  /** `global_temp.<name>` views, seen by every session of the application. */
  readonly globalTempViews = new Map<string, Plan>();
  /** Every query any session of the application started. */
  readonly queries = new QueryTracker();

  constructor(settings: LaunchSettings = {}) {
    this.conf = new Map(settings.conf ?? []);
    this.plugins = [...(settings.plugins ?? [])];
    this.dryRun = settings.dryRun;
  }

  /**
   * The process's active application, created on first use: what SparkSession.builder.getOrCreate()
   * and `new SparkSession()` use. Process-wide as Spark's active SparkContext is.
   */
  static active(): SharedState {
    active ??= new SharedState();
    return active;
  }

  /** Makes `state` the active application (a new one when undefined); returns the one it replaces. */
  static activate(state: SharedState | undefined): SharedState | undefined {
    const previous = active;
    active = state;
    return previous;
  }

  /** A new application with these settings, made the active one. */
  static launch(settings: LaunchSettings): SharedState {
    const state = new SharedState(settings);
    active = state;
    return state;
  }
}

let active: SharedState | undefined;
