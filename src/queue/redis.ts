/**
 * The Redis side of the job queue (issue 19): parse a `redis://` URL, load BullMQ and ioredis lazily (they are
 * optional peer dependencies: a missing one is one line and exit 2), and check the server answers before any work, so
 * that a bad URL or an unreachable server fails in seconds instead of hanging.
 *
 * Node-only, not reachable from `fragility/core`.
 *
 * @module
 */
import { FragilityInputError } from '../errors.ts';

/** The queue every fragility command and worker share (BullMQ queue name; keys are `bull:fragility:*`). */
export const QUEUE_NAME = 'fragility';

/** ioredis connection options parsed from a URL (the subset fragility sets). */
export interface RedisConnectionOptions {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db: number;
  tls?: Record<string, never>;
  /** Milliseconds to wait for the TCP connection (and TLS handshake). */
  connectTimeout: number;
  /** BullMQ needs `null` on blocking connections (workers, queue events); the preflight uses 0. */
  maxRetriesPerRequest: number | null;
  /** Reconnect delay (ms) after the n-th failed attempt; null stops reconnecting. */
  retryStrategy: (times: number) => number | null;
}

const ALLOWED =
  'a Redis URL redis://[USER:PASSWORD@]HOST[:PORT][/DB] (or rediss:// for TLS), PORT in [1, 65535], DB an integer in [0, 1000]';

/**
 * Parse and check a Redis URL.
 *
 * @param field - the option named in errors (`--redis`, `--queue`).
 * @param raw - the URL.
 * @returns connection options (connect timeout 5 s; reconnect every 0.5–2 s).
 * @throws FragilityInputError naming the field and the allowed form.
 *
 * @complexity O(|raw|).
 *
 * @model WHATWG URL parsing.
 *
 * @references IANA "redis" URI scheme, https://www.iana.org/assignments/uri-schemes/prov/redis.
 *
 * @example
 * ```ts
 * parseRedisUrl('--queue', 'redis://127.0.0.1:6379/0'); // { host: '127.0.0.1', port: 6379, db: 0, … }
 * ```
 */
export function parseRedisUrl(field: string, raw: string): RedisConnectionOptions {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new FragilityInputError(field, raw, ALLOWED);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:')
    throw new FragilityInputError(field, raw, ALLOWED, `scheme ${u.protocol} is not redis: or rediss:`);
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) throw new FragilityInputError(field, raw, ALLOWED, 'no host');
  const port = u.port === '' ? 6379 : Number(u.port);
  if (!(Number.isInteger(port) && port >= 1 && port <= 65535)) throw new FragilityInputError(field, raw, ALLOWED);
  const path = u.pathname.replace(/^\//, '');
  const db = path === '' ? 0 : /^\d{1,4}$/.test(path) ? Number(path) : NaN;
  if (!(Number.isInteger(db) && db <= 1000))
    throw new FragilityInputError(field, raw, ALLOWED, `database ${JSON.stringify(path)}`);
  if (u.search || u.hash) throw new FragilityInputError(field, raw, ALLOWED, 'query and fragment are not used');
  return {
    host,
    port,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    db,
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    connectTimeout: 5000,
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(500 * times, 2000),
  };
}

/** The URL with its password hidden (for messages). */
export function redactedUrl(raw: string): string {
  try {
    const u = new URL(raw);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return raw;
  }
}

/** BullMQ's module (typed loosely where fragility does not need more). */
export type BullMQ = typeof import('bullmq');
type IORedisModule = typeof import('ioredis');

/**
 * Load BullMQ and ioredis (optional peer dependencies).
 *
 * @param field - the option named if they are missing.
 * @returns the two modules.
 * @throws FragilityInputError (exit 2) naming the field and the install command when one is missing.
 *
 * @complexity one dynamic import each (≈ 0.1–0.3 s, once).
 *
 * @model —
 *
 * @references BullMQ, https://docs.bullmq.io.
 *
 * @example
 * ```ts
 * const { bullmq } = await loadQueueLibraries('--queue');
 * ```
 */
export async function loadQueueLibraries(field: string): Promise<{ bullmq: BullMQ; ioredis: IORedisModule }> {
  let bullmq: BullMQ;
  let ioredis: IORedisModule;
  try {
    bullmq = await import('bullmq');
    ioredis = await import('ioredis');
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new FragilityInputError(
        field,
        'used',
        'the optional packages bullmq (>= 6.7) and ioredis (>= 5.4) installed next to fragility (npm install bullmq ioredis)',
        (err as Error).message.split('\n')[0],
      );
    }
    throw err;
  }
  return { bullmq, ioredis };
}

/**
 * Connect once and PING, within `timeoutMs`: a bad host, a closed port, a wrong password or a server that does not
 * speak Redis fails here, before any work, as one line (exit 2).
 *
 * @param field - the option named in the error.
 * @param raw - the URL (for the message; the password is hidden).
 * @param conn - parsed options.
 * @param ioredis - the ioredis module.
 * @param timeoutMs - overall limit (default 5000).
 * @throws FragilityInputError naming the field, the URL and the cause.
 *
 * @complexity one connection, one round trip.
 *
 * @model —
 *
 * @references Redis PING, https://redis.io/docs/latest/commands/ping/.
 *
 * @example
 * ```ts
 * await checkRedisReachable('--queue', url, parseRedisUrl('--queue', url), ioredis);
 * ```
 */
export async function checkRedisReachable(
  field: string,
  raw: string,
  conn: RedisConnectionOptions,
  ioredis: IORedisModule,
  timeoutMs = 5000,
): Promise<void> {
  const Redis = ioredis.Redis;
  const client = new Redis({
    ...conn,
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
    connectTimeout: timeoutMs,
  });
  let lastError: Error | undefined;
  client.on('error', (e: Error) => (lastError ??= e)); // the socket's own error names the cause (ECONNREFUSED, ENOTFOUND…)
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      (async () => {
        await client.connect();
        const pong = await client.ping();
        if (pong !== 'PONG') throw new Error(`PING answered ${JSON.stringify(pong)}`);
      })(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
      }),
    ]);
  } catch (err) {
    const cause = lastError && /closed/i.test((err as Error).message) ? lastError : (err as Error);
    throw new FragilityInputError(
      field,
      redactedUrl(raw),
      'a reachable Redis server (redis://HOST:PORT[/DB])',
      `${cause.message || String(cause)}`.split('\n')[0],
    );
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}

/**
 * Everything a queue user needs: modules, options, and the server checked.
 *
 * @param field - the option (`--redis`, `--queue`).
 * @param raw - the URL.
 * @returns `{ bullmq, connection }`.
 * @throws FragilityInputError (exit 2) on a bad URL, missing packages, an unreachable server.
 *
 * @complexity see {@link checkRedisReachable}.
 *
 * @model —
 *
 * @references —
 *
 * @example
 * ```ts
 * const { bullmq, connection } = await openRedis('--redis', 'redis://127.0.0.1:6379');
 * ```
 */
export async function openRedis(
  field: string,
  raw: string,
): Promise<{ bullmq: BullMQ; connection: RedisConnectionOptions }> {
  const connection = parseRedisUrl(field, raw);
  const { bullmq, ioredis } = await loadQueueLibraries(field);
  await checkRedisReachable(field, raw, connection, ioredis);
  return { bullmq, connection };
}
