import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { ReadmeBlock } from './readme-blocks.js';

const run = promisify(execFile);

/** What to compile: the blocks of one Markdown file and the declarations of the free variables they use. */
export interface CompileBlocksOptions {
  /** The blocks, from `extractTypeScriptBlocks`. */
  blocks: readonly ReadmeBlock[];
  /** Per block name, declarations (`declare const publicToken: string;`) appended after the block. */
  preambles: Readonly<Record<string, string>>;
  /** A scratch folder inside tests/docs; it is emptied first. */
  directory: string;
  /** The Markdown file, for messages (e.g. `README.md`). */
  markdownFile: string;
}

/** The compiler's verdict. */
export interface CompileBlocksResult {
  /** The compiler's exit code (0 when every block compiles). */
  exitCode: number;
  /** The compiler's diagnostics, each line pointing at the Markdown file and line; empty when all compile. */
  diagnostics: string;
  /** Where the compiled JavaScript lands: `<outDirectory>/<block name>.js`. */
  outDirectory: string;
}

const DIAGNOSTIC = /^([\w-]+)\.ts\((\d+),(\d+)\): (.*)$/;

function tscPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
}

/** The folder's tsconfig: the repository's strict base settings, NodeNext modules, JavaScript out. */
function tsconfigFor(directory: string): string {
  const base = relative(directory, fileURLToPath(new URL('../../../tsconfig.base.json', import.meta.url)));
  return `${JSON.stringify(
    {
      extends: base.split('\\').join('/'),
      compilerOptions: {
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        composite: false,
        declaration: false,
        declarationMap: false,
        sourceMap: false,
        noEmitOnError: true,
        rootDir: '.',
        outDir: 'out',
      },
      include: ['*.ts'],
    },
    null,
    2,
  )}\n`;
}

/** Rewrites `name.ts(line,col)` as the Markdown file's line, or as the block's preamble. */
function mapDiagnostics(output: string, blocks: readonly ReadmeBlock[], markdownFile: string): string {
  return output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const match = DIAGNOSTIC.exec(line);
      const block = match ? blocks.find((candidate) => candidate.name === match[1]) : undefined;
      if (!match || !block) return line;
      const at = Number(match[2]);
      const codeLines = block.code.split('\n').length - 1;
      return at <= codeLines
        ? `${markdownFile}:${block.firstLine + at - 1}:${match[3]} (block '${block.name}'): ${match[4]}`
        : `preamble of block '${block.name}' (line ${at - codeLines}): ${match[4]}`;
    })
    .join('\n');
}

/**
 * Writes each block to `<directory>/<name>.ts` with its preamble after it (so block lines keep their
 * numbers), then compiles them all with the repository's TypeScript, resolving `@achbridge/*` to the built
 * packages as an installed app would.
 */
export async function compileBlocks(options: CompileBlocksOptions): Promise<CompileBlocksResult> {
  const { blocks, preambles, directory, markdownFile } = options;
  await rm(directory, { recursive: true, force: true });
  await mkdir(directory, { recursive: true });
  await writeFile(join(directory, 'tsconfig.json'), tsconfigFor(directory));
  for (const block of blocks) {
    const preamble = preambles[block.name] ?? '';
    const tail =
      preamble === '' ? '' : `\n// Free variables of this block (declared by tests/docs):\n${preamble}\n`;
    await writeFile(join(directory, `${block.name}.ts`), `${block.code}${tail}`);
  }
  const outDirectory = join(directory, 'out');
  try {
    await run(process.execPath, [tscPath(), '-p', 'tsconfig.json', '--pretty', 'false'], { cwd: directory });
    return { exitCode: 0, diagnostics: '', outDirectory };
  } catch (error) {
    const failure = error as { code?: unknown; stdout?: unknown; stderr?: unknown };
    const output = `${String(failure.stdout ?? '')}${String(failure.stderr ?? '')}`;
    return {
      exitCode: typeof failure.code === 'number' ? failure.code : 1,
      diagnostics: mapDiagnostics(output, blocks, markdownFile) || String(error),
      outDirectory,
    };
  }
}
