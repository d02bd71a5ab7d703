import { writeFileSync } from 'node:fs';
import { renderGeneratedFiles } from './generated-files.js';

// Writes every generated file (run with `npm run generate -w @achbridge/specs`).
const root = new URL('../../', import.meta.url);
for (const file of renderGeneratedFiles()) {
  writeFileSync(new URL(file.path, root), file.content);
  console.log(`wrote ${file.path}`);
}
