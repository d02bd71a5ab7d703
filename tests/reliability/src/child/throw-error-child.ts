import { buildErrorSpecimens, registerPlantedSecrets } from './error-specimens.js';

// Throws the achbridge error named by argv[2] without catching it, so Node's own crash printer renders it.
registerPlantedSecrets();
const label = process.argv[2];
const specimen = buildErrorSpecimens().find((candidate) => candidate.label === label);
if (specimen === undefined) {
  process.stderr.write(`unknown error class ${String(label)}\n`);
  process.exit(2);
}
setImmediate(() => {
  throw specimen.error;
});
