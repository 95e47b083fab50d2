/**
 * The queued task a free thread takes (its index), or -1 to leave the thread waiting: first a task of
 * a document the thread holds; then, with `stealMin` above 1, one of a document no thread holds, then
 * one of a document with at least `stealMin` tasks waiting (a long document's pages spread over every
 * thread); with `stealMin` 1, the oldest task.
 * Note: opening a document again costs its parse and its fonts, as much as a few pages of work; on a
 * folder of short documents, threads that took the last page or two of another thread's document did
 * that work twice (41 opens for the corpus's 33 born-digital files; 36 with this order and stealMin 4,
 * the CLI's, which queues every page of a document at once; the job system's workers get pages one by
 * one, so a count of waiting tasks says nothing there and they keep stealMin 1).
 * @param queue the waiting tasks, oldest first
 * @param mine the documents the free thread holds
 * @param held the documents any thread holds (the free one's included)
 * @param stealMin tasks of a document another thread holds that must be waiting before this one takes one
 */
export function pickTask(queue: ReadonlyArray<{ docId: string }>, mine: readonly string[], held: ReadonlySet<string>, stealMin = 1): number {
  const own = queue.findIndex((p) => mine.includes(p.docId));
  if (own >= 0) return own;
  // Note: with stealMin 1 (the job system) the queue's own order decides: it carries the tenants' fair order.
  if (stealMin <= 1) return queue.length ? 0 : -1;
  const waiting = new Map<string, number>();
  for (const [i, p] of queue.entries()) {
    if (!held.has(p.docId)) return i;
    waiting.set(p.docId, (waiting.get(p.docId) ?? 0) + 1);
  }
  return queue.findIndex((p) => (waiting.get(p.docId) ?? 0) >= stealMin);
}
