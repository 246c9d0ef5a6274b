// Work on many items a few at a time: enough to overlap waiting on a target, few enough not to hammer
// it. The runner runs checks this way; checks create and delete many users this way; so does the clean-up.

/** `work` on every item, at most `limit` at once, in order of the items; the results in the items' order. */
export async function inPool<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>, stop?: AbortSignal): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length && !stop?.aborted) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  return results;
}
