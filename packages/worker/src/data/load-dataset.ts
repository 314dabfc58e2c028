/**
 * One entry point for every dataset format.
 *
 * @module
 */
import { loadCsvDataset } from './csv-dataset.js';
import type { Dataset } from './dataset.js';
import type { DatasetConfig } from './dataset-config.js';
import { loadImageFolderDataset } from './image-folder-dataset.js';
import { loadJsonlDataset } from './jsonl-dataset.js';
import { loadMnistShard } from './mnist-shard.js';

/**
 * Loads the dataset a (parsed) {@link DatasetConfig} describes. Decoding is
 * CPU work: call it in the training thread (`TrainingHost.loadDataset`) to
 * keep a worker's main thread responsive.
 */
export async function loadDataset(config: DatasetConfig): Promise<Dataset> {
  switch (config.format) {
    case 'csv':
      return loadCsvDataset({ ...config, format: 'csv' });
    case 'jsonl':
      return loadJsonlDataset({ ...config, format: 'jsonl' });
    case 'image-folder':
      return loadImageFolderDataset(config);
    case 'mnist':
      return Promise.resolve(loadMnistShard(config));
  }
}
