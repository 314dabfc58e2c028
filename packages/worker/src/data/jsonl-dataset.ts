/**
 * JSON Lines datasets: one JSON object per line.
 *
 * @module
 */
import type { Dataset } from './dataset.js';
import type { TabularDatasetConfig } from './dataset-config.js';
import { readSource } from './csv-dataset.js';
import { TabularBuilder } from './tabular-builder.js';

/**
 * Reads a JSON Lines file into a {@link Dataset}. Each non-empty line is an
 * object; the label is `config.labelColumn`, features are
 * `config.featureColumns` (default: the first row's other fields, in order),
 * each a number or a nested array of numbers flattened in order. Errors
 * name the file and the row (the 1-based count of non-empty lines).
 */
export async function loadJsonlDataset(
  config: TabularDatasetConfig & { format: 'jsonl' },
): Promise<Dataset> {
  const text = await readSource(config);
  const builder = new TabularBuilder(config);
  let row = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    row++;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      builder.fail('path', row, 'is not valid JSON');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      builder.fail('path', row, 'is not a JSON object');
    }
    const record = value as Record<string, unknown>;
    builder.columns(() => Object.keys(record));
    builder.add(row, (column) => (Object.hasOwn(record, column) ? record[column] : undefined));
  }
  return builder.finish();
}
