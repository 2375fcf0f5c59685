// The `sluice` command (compiled into dist/sluice by scripts/build.ts). Each command lives in
// runtime/cli/; `run` is imported on demand so that `--version` and `--help` start instantly.
import { parseArgs } from "./cli/args.ts";
import { formatError } from "./cli/format_error.ts";
import { helpText } from "./cli/help.ts";
import { versionText } from "./cli/version.ts";
import { platform } from "./platform/mod.ts";

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  switch (args.command) {
    case "help":
      platform.writeStdout(helpText(args.topic));
      return 0;
    case "version":
      platform.writeStdout(versionText());
      return 0;
    case "usage-error":
      platform.writeStderr(`sluice: ${args.message}\n\n${helpText(args.topic)}`);
      return 2;
    case "run": {
      // Held until the engine is loaded and supervising, so an early Ctrl-C is not lost.
      const { bufferSignals } = await import("./cli/buffered_signals.ts");
      const io = bufferSignals(platform);
      const { runCommand } = await import("./cli/run.ts");
      return runCommand(args, io);
    }
    case "serve": {
      const { serveCommand } = await import("./cli/serve.ts");
      return serveCommand(args);
    }
    case "explain": {
      const { explainCommand } = await import("./cli/explain.ts");
      return explainCommand(args, platform);
    }
    case "validate": {
      const { validateCommand } = await import("./cli/validate.ts");
      return validateCommand(args, platform);
    }
    case "init": {
      const { initCommand } = await import("./cli/init.ts");
      return initCommand(args, platform);
    }
    case "check": {
      const { checkCommand } = await import("./cli/check.ts");
      return checkCommand(args, platform);
    }
    case "test": {
      const { testCommand } = await import("./cli/test_command.ts");
      return testCommand(args);
    }
    case "schema": {
      const { pipelineSchema } = await import("./pipeline/pipeline_schema.ts");
      platform.writeStdout(JSON.stringify(pipelineSchema, null, 2) + "\n");
      return 0;
    }
    case "state": {
      const { stateText } = await import("./cli/state.ts");
      platform.writeStdout(stateText(args));
      return 0;
    }
    case "delta": {
      const { deltaText } = await import("./cli/delta.ts");
      platform.writeStdout(deltaText(args));
      return 0;
    }
    case "plugins": {
      const { pluginsText } = await import("./cli/plugins.ts");
      platform.writeStdout(await pluginsText(args));
      return 0;
    }
  }
}

main(platform.args).then(
  (code) => platform.exit(code),
  (err: unknown) => {
    platform.writeStderr(formatError(err));
    platform.exit(1);
  },
);
