import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { JobMetrics } from '@docmill/jobs';

/** Page latency buckets in seconds: a text page takes milliseconds, a vision page tens of seconds. */
const LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300];

/**
 * The Prometheus metrics of one API process. Job-system figures come from
 * jobs.metrics() (Redis, so every API process reports the same cluster-wide
 * values: scrape one, or aggregate with max()); HTTP figures are per process.
 */
export class ApiMetrics {
  readonly registry = new Registry();
  readonly #jobs = new Gauge({ name: 'docmill_jobs', help: 'Jobs by state (all tenants).', labelNames: ['state'], registers: [this.registry] });
  readonly #queue = new Gauge({ name: 'docmill_queue_depth', help: 'BullMQ jobs per queue family and state.', labelNames: ['queue', 'state'], registers: [this.registry] });
  readonly #pages = new Counter({ name: 'docmill_pages_processed_total', help: 'Pages finished by the workers; rate() gives pages per second.', registers: [this.registry] });
  readonly #latency = new Histogram({ name: 'docmill_page_latency_seconds', help: 'Time to process one page (samples seen since this API process started).', buckets: LATENCY_BUCKETS, registers: [this.registry] });
  readonly #http = new Counter({ name: 'docmill_http_requests_total', help: 'HTTP requests answered by this API process.', labelNames: ['method', 'route', 'status'], registers: [this.registry] });
  #lastPagesDone: number | undefined;

  /** Counts one answered request. */
  request(method: string, route: string, status: number): void {
    this.#http.inc({ method, route, status: String(status) });
  }

  /**
   * Folds a snapshot of the job system into the metrics.
   * @param m jobs.metrics()
   * Latency samples come newest first without ids: the pages finished since the
   * previous snapshot tell how many of them are new (so no sample is observed
   * twice); when more pages finished than samples are kept, the rest are lost.
   */
  update(m: JobMetrics): void {
    for (const [state, n] of Object.entries(m.jobs)) this.#jobs.set({ state }, n);
    for (const [queue, counts] of Object.entries(m.queues)) {
      for (const [state, n] of Object.entries(counts)) this.#queue.set({ queue, state }, n);
    }
    const fresh = this.#lastPagesDone === undefined ? m.pagesDone : Math.max(0, m.pagesDone - this.#lastPagesDone);
    for (const ms of m.pageLatencyMs.slice(0, Math.min(fresh, m.pageLatencyMs.length))) this.#latency.observe(ms / 1000);
    this.#lastPagesDone = m.pagesDone;
    // Note: the total lives in Redis; the counter mirrors it (it only drops when Redis loses it, which Prometheus reads as a reset).
    this.#pages.reset();
    this.#pages.inc(m.pagesDone);
  }

  /** The text exposition format. */
  async text(): Promise<string> {
    return this.registry.metrics();
  }
}
