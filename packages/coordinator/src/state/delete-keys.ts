/**
 * Deletes a coordinator's whole Redis state: every key containing its key
 * prefix (its own keys and its BullMQ queues). For the demo's clean-up,
 * tests and benchmarks; never run against a prefix other replicas use.
 *
 * @module
 */
import { Redis } from 'ioredis';

/**
 * Deletes every Redis key containing `prefix`, scanning 1,000 at a time.
 *
 * @param redis a connection to use, or a URL to open (and close) one for.
 */
export async function deleteKeysWithPrefix(redis: Redis | string, prefix: string): Promise<void> {
  const connection =
    typeof redis === 'string' ? new Redis(redis, { maxRetriesPerRequest: 1 }) : redis;
  if (typeof redis === 'string') connection.on('error', () => undefined);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await connection.scan(cursor, 'MATCH', `*${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await connection.del(...keys);
    } while (cursor !== '0');
  } finally {
    if (typeof redis === 'string') connection.disconnect();
  }
}
