// The public openDatabase: the database of db/ with the Cypher engine of query/. It lives
// above both folders so that db/ never imports query/ (query/ builds on db/).
import { openDatabase as openWithEngine, type Database, type DatabaseOptions } from "./db/index.js";
import { cypherEngine } from "./query/index.js";

/**
 * Open a database. Without `dir` it lives in memory only. With `dir`, `<dir>/wal` holds
 * the log segments and `<dir>/snapshots` the snapshots; the directory is locked for this
 * handle until `close()`.
 */
export function openDatabase(dir?: string, options?: DatabaseOptions): Promise<Database> {
  return openWithEngine(dir, options, cypherEngine);
}
