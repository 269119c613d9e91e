// @proximite/content/stats: the SSMSI importer and the demo dataset (Somme).
export {
  importSsmsiCsv,
  parseSsmsiCsv,
  buildStatsDataset,
  splitCsvLine,
  parseFrenchNumber,
  SsmsiReader,
  SsmsiImportError,
  SSMSI_DATASET_PAGE,
  SSMSI_PUBLISHER,
  LICENCE_OUVERTE_2,
  type SsmsiImportOptions,
  type SsmsiErrorCode,
  type SsmsiHeader,
  type SsmsiLayout,
  type SsmsiLevel,
  type SsmsiRow,
} from './importer.js';
export {
  INDICATORS,
  VIOLENCE_INDICATORS,
  findIndicator,
  normalizeUnit,
  slugify,
  type IndicatorInfo,
} from './indicators.js';
export { demoStats, demoActivity, DEMO_ACTIVITY_SOURCE } from './demo.js';
export { SOMME_SOURCE } from './somme-80.data.js';
