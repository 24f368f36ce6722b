/**
 * The sync's own rows: the cursor, recent block hashes, the chain's identity; and the two ways
 * of undoing chain data: rollback to a common ancestor, and a full reset.
 */
import { sql, type Kysely, type Transaction } from "kysely";
import {
  appendTables,
  chainTables,
  mutableTables,
  type Database,
  type MutableTable,
} from "../database/schema.ts";
import { toDatabaseRow } from "../indexing/writer.ts";
import type { BlockHeader } from "../rpc/client.ts";

export interface Cursor {
  number: number;
  hash: `0x${string}`;
  timestamp: number;
}

export async function readCursor(db: Kysely<Database>): Promise<Cursor | null> {
  const row = await db.selectFrom("spin_cursor").selectAll().where("id", "=", 1).executeTakeFirst();
  if (!row) return null;
  return {
    number: row.block_number,
    hash: row.block_hash as `0x${string}`,
    timestamp: row.block_timestamp,
  };
}

/** Moves the cursor to `block` and remembers its hash, in the caller's transaction. */
export async function commitCursor(trx: Transaction<Database>, block: BlockHeader): Promise<void> {
  await trx
    .insertInto("spin_cursor")
    .values({
      id: 1,
      block_number: block.number,
      block_hash: block.hash,
      block_timestamp: block.timestamp,
    })
    .onConflict((oc) =>
      oc.column("id").doUpdateSet({
        block_number: block.number,
        block_hash: block.hash,
        block_timestamp: block.timestamp,
      }),
    )
    .execute();
  await trx
    .insertInto("spin_blocks")
    .values({ number: block.number, hash: block.hash, parent_hash: block.parentHash })
    .onConflict((oc) =>
      oc.column("number").doUpdateSet({ hash: block.hash, parent_hash: block.parentHash }),
    )
    .execute();
}

/** Forgets hashes and undo entries of blocks older than `keepFrom` (they are final). */
export async function pruneFinal(trx: Transaction<Database>, keepFrom: number): Promise<void> {
  await trx.deleteFrom("spin_blocks").where("number", "<", keepFrom).execute();
  await trx.deleteFrom("spin_journal").where("block_number", "<", keepFrom).execute();
}

/** Stored block hashes, newest first: the candidates for a common ancestor. */
export async function recentBlocks(
  db: Kysely<Database>,
): Promise<{ number: number; hash: string }[]> {
  return db
    .selectFrom("spin_blocks")
    .select(["number", "hash"])
    .orderBy("number", "desc")
    .execute();
}

/** Undoes every write above `ancestor` and moves the cursor back to it. */
export async function rollbackTo(trx: Transaction<Database>, ancestor: BlockHeader): Promise<void> {
  const entries = await trx
    .selectFrom("spin_journal")
    .selectAll()
    .where("block_number", ">", ancestor.number)
    .orderBy("id", "desc")
    .execute();
  for (const entry of entries) {
    const table = entry.table_name as MutableTable;
    if (!(table in mutableTables)) throw new Error(`journal names unknown table ${table}`);
    let remove = trx.deleteFrom(table);
    for (const [column, value] of Object.entries(entry.row_key)) {
      remove = remove.where(column as never, "=", value as never);
    }
    await remove.execute();
    if (entry.previous)
      await trx
        .insertInto(table)
        .values(toDatabaseRow(entry.previous) as never)
        .execute();
  }
  await trx.deleteFrom("spin_journal").where("block_number", ">", ancestor.number).execute();
  for (const table of appendTables) {
    await trx.deleteFrom(table).where("block_number", ">", ancestor.number).execute();
  }
  await trx.deleteFrom("spin_blocks").where("number", ">", ancestor.number).execute();
  await commitCursor(trx, ancestor);
}

/** Drops all chain data and the cursor: the next sync starts from the deployment blocks. */
export async function resetChainData(trx: Transaction<Database>): Promise<void> {
  const tables = [...chainTables, "spin_blocks", "spin_journal", "spin_cursor"];
  await sql.raw(`TRUNCATE ${tables.join(", ")}`).execute(trx);
}

export async function readMeta(db: Kysely<Database>, key: string): Promise<string | null> {
  const row = await db
    .selectFrom("spin_meta")
    .select("value")
    .where("key", "=", key)
    .executeTakeFirst();
  return row?.value ?? null;
}

export async function writeMeta(trx: Transaction<Database>, key: string, value: string) {
  await trx
    .insertInto("spin_meta")
    .values({ key, value })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
    .execute();
}
