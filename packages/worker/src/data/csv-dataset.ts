/**
 * CSV datasets: a header row names the columns; one example per row.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { InvalidArgumentError } from '@fedra/common';
import { parse } from 'csv-parse/sync';
import type { Dataset } from './dataset.js';
import type { TabularDatasetConfig } from './dataset-config.js';
import { TabularBuilder } from './tabular-builder.js';

/**
 * Reads a CSV file into a {@link Dataset}: the label from
 * `config.labelColumn`, features from `config.featureColumns` (default:
 * every other column), split into train and validation with the config's
 * seed. Malformed rows throw an `InvalidArgumentError` naming the file, the
 * row and the column.
 */
export async function loadCsvDataset(
  config: TabularDatasetConfig & { format: 'csv' },
): Promise<Dataset> {
  const text = await readSource(config);
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: config.delimiter ?? ',',
      skip_empty_lines: true,
      trim: true,
      bom: true,
    });
  } catch (error) {
    // csv-parse messages can quote the offending field; keep data out of ours.
    const { code, lines } = error as { code?: unknown; lines?: unknown };
    const where = typeof lines === 'number' ? ` at line ${lines}` : '';
    const why = typeof code === 'string' ? ` (${code}${where})` : '';
    throw new InvalidArgumentError('path', `${basename(config.path)} is not valid CSV${why}`, {
      cause: error,
      metadata: { dataset: config.name, file: basename(config.path) },
    });
  }
  const [header, ...rows] = records;
  if (header === undefined) {
    throw new InvalidArgumentError('path', `${basename(config.path)} is empty`, {
      metadata: { dataset: config.name, file: basename(config.path) },
    });
  }
  const index = new Map(header.map((name, i) => [name, i]));
  const builder = new TabularBuilder(config);
  for (const column of [config.labelColumn, ...builder.columns(() => header)]) {
    if (!index.has(column)) {
      throw new InvalidArgumentError(
        column === config.labelColumn ? 'labelColumn' : 'featureColumns',
        `${basename(config.path)} has no column ${column}`,
        { metadata: { dataset: config.name, file: basename(config.path) } },
      );
    }
  }
  rows.forEach((record, i) => {
    builder.add(i + 1, (column) => {
      const at = index.get(column);
      return at === undefined ? undefined : record[at];
    });
  });
  return builder.finish();
}

/** Reads a dataset file, turning a missing file into an error that names it. */
export async function readSource(config: { name: string; path: string }): Promise<string> {
  try {
    return await readFile(config.path, 'utf8');
  } catch (error) {
    throw new InvalidArgumentError('path', `cannot read ${config.path}`, {
      cause: error,
      metadata: { dataset: config.name, file: basename(config.path) },
    });
  }
}
