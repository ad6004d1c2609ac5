import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { UPLOAD_RESULTS, type PoolState, type UploadResult } from '../../application/ports/operational-metrics.ts';
import { SIGN_IN_OUTCOMES, type SignInCounter, type SignInOutcome } from '../../application/ports/sign-in-counter.ts';

/** OpenTelemetry's recommended boundaries for `http.server.request.duration`, in seconds. */
export const HTTP_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];


/** What the metrics read when scraped; each is registered by bootstrap when its source exists. */
export type MetricSources = {
  pool?: () => PoolState;
  /** The object-deletion outbox: keys due and not deleted yet (one count query). */
  objectDeletionsDue?: () => Promise<number>;
  /** Whether the change feed has delivered every committed event here (the event outbox's backlog is then empty). */
  changeFeedUpToDate?: () => boolean;
};

/**
 * Every metric of the service in one Prometheus registry (prom-client), with the default Node
 * metrics. Counters and the request histogram are fed as things happen; gauges of state owned
 * elsewhere (the pool, the backlog, WebSocket connections) are read at scrape time from the
 * functions bootstrap registers, so nothing keeps a copy up to date.
 */
export class PrometheusMetrics implements SignInCounter {
  readonly registry = new Registry();
  private readonly duration: Histogram<'method' | 'route' | 'status'>;
  /** Children of the histogram by `method status route`: looked up once, not hashed per request. */
  private readonly durationsBy = new Map<string, { observe(seconds: number): void }>();
  private inFlight = 0;
  private readonly cacheLookups: Counter<'result'>;
  /** Its two children, looked up once: a lookup is counted on every public read. */
  private readonly cacheResults: Record<'hit' | 'miss', { inc(): void }>;
  private readonly uploads: Counter<'result'>;
  private readonly signIns: Counter<'outcome'>;
  private readonly acquireWait: Histogram;
  private connections: (() => number) | undefined;

  constructor() {
    const registers = [this.registry];
    this.duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time to answer HTTP requests, by method, route template (unmatched for none) and status',
      labelNames: ['method', 'route', 'status'],
      buckets: HTTP_DURATION_BUCKETS,
      registers,
    });
    const inFlight: Gauge = new Gauge({ name: 'http_requests_in_flight', help: 'HTTP requests being answered', registers, collect: () => inFlight.set(this.inFlight) });
    this.cacheLookups = new Counter({ name: 'response_cache_lookups_total', help: 'Lookups of public reads in the response cache, by result (hit, miss)', labelNames: ['result'], registers });
    this.uploads = new Counter({ name: 'uploads_total', help: 'Image uploads, by what they came to', labelNames: ['result'], registers });
    this.signIns = new Counter({ name: 'logins_total', help: 'Sign-in attempts, by outcome', labelNames: ['outcome'], registers });
    this.cacheResults = { hit: this.cacheLookups.labels('hit'), miss: this.cacheLookups.labels('miss') };
    for (const result of ['hit', 'miss']) this.cacheLookups.inc({ result }, 0);
    for (const result of UPLOAD_RESULTS) this.uploads.inc({ result }, 0);
    for (const outcome of SIGN_IN_OUTCOMES) this.signIns.inc({ outcome }, 0);
    const connections: Gauge = new Gauge({
      name: 'websocket_connections',
      help: 'Open WebSocket connections of this instance',
      registers,
      collect: () => connections.set(this.connections?.() ?? 0),
    });
    this.acquireWait = new Histogram({
      name: 'db_pool_acquire_seconds',
      help: 'Time to obtain a database connection from the pool',
      buckets: [0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
  }

  /**
   * Adds prom-client's default Node metrics (CPU, memory, event-loop lag, GC). Only when the metrics
   * are served: they sample the event loop and observe every GC for as long as the process lives.
   */
  collectProcessMetrics(): void {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Registers the gauges of state owned elsewhere, each read at scrape time. */
  watch({ pool, objectDeletionsDue, changeFeedUpToDate }: MetricSources): void {
    const registers = [this.registry];
    if (pool) {
      const gauge = (name: string, help: string, read: (state: PoolState) => number) =>
        new Gauge({
          name,
          help,
          registers,
          collect() {
            this.set(read(pool()));
          },
        });
      gauge('db_pool_connections_open', 'Database connections open in the pool', (s) => s.open);
      gauge('db_pool_connections_in_use', 'Database connections lent out', (s) => s.inUse);
      gauge('db_pool_connections_max', 'The most connections the pool opens', (s) => s.max);
      gauge('db_pool_waiting_requests', 'Requests queued for a database connection', (s) => s.waiting);
    }
    if (objectDeletionsDue)
      new Gauge({
        name: 'outbox_object_deletions_due',
        help: 'Stored objects due for deletion and not deleted yet (the janitor retries them every minute)',
        registers,
        async collect() {
          // Unreadable (the database is down): no sample rather than a stale one; the scrape still answers.
          const due = await objectDeletionsDue().catch(() => null);
          if (due === null) this.reset();
          else this.set(due);
        },
      });
    if (changeFeedUpToDate)
      new Gauge({
        name: 'change_feed_up_to_date',
        help: '1 while every committed change event has reached this instance (its caches serve only then), else 0',
        registers,
        collect() {
          this.set(changeFeedUpToDate() ? 1 : 0);
        },
      });
  }

  /** Starts timing a request; the returned function ends it with its labels. */
  readonly requestStarted = (): ((labels: { method: string; route: string; status: number }) => void) => {
    this.inFlight++;
    const started = performance.now();
    return ({ method, route, status }) => {
      this.inFlight--;
      const key = `${method} ${status} ${route}`;
      let durations = this.durationsBy.get(key);
      if (!durations) this.durationsBy.set(key, (durations = this.duration.labels(method, route, String(status))));
      durations.observe((performance.now() - started) / 1000);
    };
  };

  readonly cacheLookup = (hit: boolean): void => {
    (hit ? this.cacheResults.hit : this.cacheResults.miss).inc();
  };

  readonly upload = (result: UploadResult): void => {
    this.uploads.inc({ result });
  };

  count(outcome: SignInOutcome): void {
    this.signIns.inc({ outcome });
  }

  readonly poolAcquired = (seconds: number): void => {
    this.acquireWait.observe(seconds);
  };

  /**
   * The seam for the realtime adapter: bootstrap registers a function that answers how many
   * WebSocket connections are open, read at each scrape.
   */
  countConnectionsWith(read: () => number): void {
    this.connections = read;
  }

  /** The exposition, in Prometheus's text format. */
  readonly scrape = async (): Promise<{ contentType: string; body: string }> => ({ contentType: this.registry.contentType, body: await this.registry.metrics() });
}
