/**
 * The fully qualified names of Fedra's gRPC services, read from the loaded
 * protos so the list cannot drift from them.
 *
 * @module
 */
import { loadFedraPackageDefinition } from '@fedra/proto';

let cached: readonly string[] | undefined;

/**
 * Every service in `fedra.v1` (`fedra.v1.AdminService`,
 * `fedra.v1.ExperimentService`, `fedra.v1.FleetService`), sorted.
 */
export function fedraServiceNames(): readonly string[] {
  if (cached === undefined) {
    const definition = loadFedraPackageDefinition();
    // proto-loader gives message and enum entries a `format`; services have none.
    cached = Object.freeze(
      Object.keys(definition)
        .filter((name) => {
          const entry = definition[name];
          return entry !== undefined && !('format' in entry);
        })
        .sort(),
    );
  }
  return cached;
}
