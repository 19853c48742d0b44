import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Db } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { createLarcentraSource } from '../../sources/larcentra/index.js';
import { REFERENCE_FILES } from '../../sources/larcentra/read.js';
import { assertFileExists } from '../../sources/shared/csv.js';
import { type ImportSummary, importSource } from '../imports/import.service.js';
import { applyRegistryEdits } from './registry-edits.service.js';

export interface CentreFileImportOptions {
  /** Data directory holding the reference files (geo-admin, geo-boundaries, geo-postal). */
  dataDir: string | undefined;
  cacheDir: string;
  force?: boolean;
  /** Accept a file with far fewer centres than the registry has now (a region's list replacing the national one). */
  allowShrink?: boolean;
  now?: () => Date;
}

/**
 * Imports a region's own learning-centre file (CSV or XLSX with the columns of larcentra.csv) in place of the
 * national list. The file becomes the registry (centres not in it are removed), in one transaction, recorded
 * as an import run of the `larcentra` source. Validation and coordinates use the reference files of the data
 * directory, which are linked next to the file in a temporary directory for the run.
 */
export async function importCentreFile(
  db: Db,
  filePath: string,
  options: CentreFileImportOptions,
): Promise<ImportSummary> {
  const absolute = path.resolve(filePath);
  if (!/\.(csv|xlsx)$/i.test(absolute)) {
    throw new AppError('validation_failed', `${filePath}: filen ska vara .csv eller .xlsx`);
  }
  await assertFileExists(absolute, filePath);
  const dataDir = options.dataDir;
  if (!dataDir) {
    throw new AppError(
      'source_unavailable',
      'Ingen datakatalog: lärcentra kontrolleras mot kommunkoder, gränser och postnummer i datakatalogen. Ange --data KATALOG eller SEMAFOR_DATA_DIR.',
    );
  }
  const root = await mkdtemp(path.join(tmpdir(), 'semafor-larcentra-'));
  try {
    const linked = `larcentra/${path.basename(absolute)}`;
    const links: Array<[string, string]> = [
      [absolute, linked],
      ...Object.values(REFERENCE_FILES).map((p): [string, string] => [path.join(dataDir, p), p]),
    ];
    for (const [target, relative] of links) {
      await assertFileExists(target, relative);
      await mkdir(path.dirname(path.join(root, relative)), { recursive: true });
      await symlink(target, path.join(root, relative));
    }
    const adapter = createLarcentraSource({ file: linked, displayName: filePath });
    const summary = await importSource(db, adapter, {
      dataDir: root,
      cacheDir: options.cacheDir,
      force: options.force,
      allowShrink: options.allowShrink,
      now: options.now,
    });
    // Edits made in the web app win over the file; changed file values of edited fields become conflicts.
    await applyRegistryEdits(db, options.now?.() ?? new Date());
    return summary;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
