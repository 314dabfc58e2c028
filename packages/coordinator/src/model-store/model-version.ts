/**
 * Building, validating and comparing {@link ModelVersion} records. A
 * version file is trusted no more than a request: it is re-validated on
 * every read.
 *
 * @module
 */
import { FedraError } from '@fedra/common';
import { canonicalJson } from '../audit/canonical-json.js';
import type { ModelVersion, NewModelVersion } from './model-store.js';
import { checkId, checkInteger, checkSha256, invalidArgument } from './path-ids.js';

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Validates `metadata` for `experimentId`/`version` and returns the full
 * record, with only the known fields (extra properties are dropped, so they
 * cannot sneak into an immutable file).
 *
 * @throws FedraError `INVALID_ARGUMENT` naming the offending field.
 */
export function buildModelVersion(
  experimentId: string,
  version: number,
  metadata: NewModelVersion,
): ModelVersion {
  checkId('experimentId', experimentId);
  checkInteger('version', version, 0);
  if (typeof metadata !== 'object' || (metadata as unknown) === null) {
    throw invalidArgument('metadata', 'version metadata must be an object');
  }
  const m = metadata as Partial<Record<keyof NewModelVersion, unknown>>;
  const roundNumber = checkInteger('roundNumber', m.roundNumber, 0);
  if (roundNumber !== version) {
    throw invalidArgument(
      'roundNumber',
      'roundNumber must equal version (version r is the model after round r)',
    );
  }
  const attempt = checkInteger('attempt', m.attempt, version === 0 ? 0 : 1);
  if (version === 0 && attempt !== 0) {
    throw invalidArgument('attempt', 'attempt must be 0 for version 0');
  }
  let parentSha256: string | null = null;
  if (version === 0) {
    if (m.parentSha256 !== null) {
      throw invalidArgument('parentSha256', 'parentSha256 must be null for version 0');
    }
  } else {
    parentSha256 = checkSha256('parentSha256', m.parentSha256);
  }
  const participantsPerRegion = checkParticipants(m.participantsPerRegion);
  const metrics = checkMetrics(version, m.metrics);
  const createdAt = m.createdAt;
  if (
    typeof createdAt !== 'string' ||
    !ISO_8601.test(createdAt) ||
    Number.isNaN(Date.parse(createdAt))
  ) {
    throw invalidArgument('createdAt', 'createdAt must be an ISO 8601 timestamp with a zone');
  }
  return {
    experimentId,
    version,
    roundNumber,
    attempt,
    weightsSha256: checkSha256('weightsSha256', m.weightsSha256),
    topologySha256: checkSha256('topologySha256', m.topologySha256),
    parentSha256,
    participantsPerRegion,
    metrics,
    strategyName: checkId('strategyName', m.strategyName),
    strategyStateSha256: checkSha256('strategyStateSha256', m.strategyStateSha256),
    createdAt,
  };
}

/** The canonical bytes of a version file. */
export function encodeModelVersion(version: ModelVersion): Uint8Array {
  return new TextEncoder().encode(`${canonicalJson(version)}\n`);
}

/**
 * Parses and re-validates a version file.
 *
 * @throws FedraError `INTERNAL` when the file is not a valid version of
 *   `experimentId`/`version` (a damaged or foreign file).
 */
export function decodeModelVersion(
  text: string,
  experimentId: string,
  version: number,
): ModelVersion {
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    if (value['experimentId'] !== experimentId || value['version'] !== version) {
      throw new Error('version file names another version');
    }
    return buildModelVersion(experimentId, version, value as unknown as NewModelVersion);
  } catch (error) {
    throw new FedraError(
      'INTERNAL',
      `model version ${version} of experiment ${experimentId} is unreadable`,
      { cause: error, metadata: { experimentId, version: String(version) } },
    );
  }
}

/**
 * True when two versions have the same content. `createdAt` is left out:
 * a driver that redoes a commit after a crash stamps a new time on the same
 * model, and that is the same version.
 */
export function sameVersionContent(a: ModelVersion, b: ModelVersion): boolean {
  const strip = ({ createdAt: _c, ...rest }: ModelVersion): unknown => rest;
  return canonicalJson(strip(a)) === canonicalJson(strip(b));
}

function checkParticipants(value: unknown): Readonly<Record<string, number>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidArgument('participantsPerRegion', 'participantsPerRegion must be an object');
  }
  const out: Record<string, number> = {};
  for (const [region, count] of Object.entries(value)) {
    checkId('participantsPerRegion', region);
    out[region] = checkInteger(`participantsPerRegion.${region}`, count, 0);
  }
  return out;
}

function checkMetrics(version: number, value: unknown): ModelVersion['metrics'] {
  if (version === 0) {
    if (value !== null) throw invalidArgument('metrics', 'metrics must be null for version 0');
    return null;
  }
  if (value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalidArgument('metrics', 'metrics must be an object or null');
  }
  const metrics = value as Record<string, unknown>;
  const number = (field: string): number => {
    const x = metrics[field];
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      throw invalidArgument(`metrics.${field}`, `metrics.${field} must be a finite number`);
    }
    return x;
  };
  const examples = number('examples');
  if (examples < 0) throw invalidArgument('metrics.examples', 'metrics.examples must be >= 0');
  return { loss: number('loss'), accuracy: number('accuracy'), examples };
}
