/**
 * Runs an indexer in its own process (for kill -9 tests); the configuration is argv[2] as JSON.
 * Prints "started <API URL or ->" once it runs.
 */
import { startIndexer } from "../../indexer/src/index.ts";

const indexer = await startIndexer(JSON.parse(process.argv[2]));
process.stdout.write(`started ${indexer.url ?? "-"}\n`);
