// The public openDatabase: the database of db/ with the Cypher engine of query/. It lives
// above both folders so that db/ never imports query/ (query/ builds on db/).
//
// The engine is about a hundred modules, half of the package's load time: it is loaded on
// the first `execute`, so a program (or a `skein` command) that never runs Cypher never
// pays for it. Once loaded, queries go straight to it.
import {
  openDatabase as openWithEngine,
  type Database,
  type DatabaseOptions,
  type QueryEngine,
} from "./db/index.js";

let loaded: QueryEngine | null = null;
let loading: Promise<QueryEngine> | null = null;

const lazyEngine: QueryEngine = {
  execute(access, query, params, options) {
    if (loaded !== null) return loaded.execute(access, query, params, options);
    loading ??= import("./query/index.js").then((m) => (loaded = m.cypherEngine));
    return loading.then((engine) => engine.execute(access, query, params, options));
  },
};

/**
 * Open a database. Without `dir` it lives in memory only. With `dir`, `<dir>/wal` holds
 * the log segments and `<dir>/snapshots` the snapshots; the directory is locked for this
 * handle until `close()`.
 */
export function openDatabase(dir?: string, options?: DatabaseOptions): Promise<Database> {
  return openWithEngine(dir, options, lazyEngine);
}
