import { realDataMissingReason, resolveRealDataDir } from '../../src/testing/real-data-dir.js';

/**
 * The data directory a benchmark reads: the app's configuration (`SEMAFOR_DATA_DIR`, else `../shared/data`).
 * Throws naming why it is missing, so a wrong SEMAFOR_DATA_DIR is reported as such.
 */
export function benchDataDir(): string {
  const dir = resolveRealDataDir();
  if (dir === undefined) {
    throw new Error(
      `Ingen datakatalog för benchmarken: ${realDataMissingReason()}. Sätt SEMAFOR_DATA_DIR eller lägg data i ../shared/data.`,
    );
  }
  return dir;
}
