// Run synchronous work behind a promise-returning API: a throw becomes a rejection, so
// callers see one failure channel whatever went wrong.

export function settle<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
}
