/** Runs an indexer in its own process (for kill -9 tests); the configuration is argv[2] as JSON. */
import { startIndexer } from "../../indexer/src/index.ts";

await startIndexer(JSON.parse(process.argv[2]));
process.stdout.write("started\n");
