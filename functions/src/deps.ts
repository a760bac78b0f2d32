import type { Db } from "./db/client";

/** Everything a request needs from the outside world, built once per process (cold start). */
export interface AppDeps {
  db: Db;
}
