import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CompileBlocksResult, compileBlocks } from './compile-blocks.js';
import { type EmulatorCli, startEmulatorCli } from './emulator-cli.js';
import { extractTypeScriptBlocks, type ReadmeBlock } from './readme-blocks.js';
import { declarationsOf, README_SNIPPETS, type SnippetRun } from './readme-snippets.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

let emulator: EmulatorCli;

beforeAll(async () => {
  emulator = await startEmulatorCli();
});

afterAll(async () => {
  await emulator?.stop();
});

/** The child's whole environment: where node is, and the emulator's variables. Nothing else leaks in. */
function childEnvironment(): Record<string, string> {
  return { PATH: process.env.PATH ?? '', ...emulator.environment };
}

/** Runs a compiled block in a child process as the snippet kind says; resolves with its stdout. */
async function runBlock(outDirectory: string, name: string, snippet: SnippetRun): Promise<string> {
  const file = join(outDirectory, `${name}.js`);
  const options = { cwd: outDirectory, env: childEnvironment(), timeout: 45_000 };
  if (snippet.kind === 'program') {
    return (await run(process.execPath, [file], options)).stdout;
  }
  const href = JSON.stringify(pathToFileURL(file).href);
  const script =
    snippet.kind === 'call'
      ? `const m = await import(${href}); const r = await m[${JSON.stringify(snippet.exportName)}](...${JSON.stringify(snippet.args)}); process.stdout.write(JSON.stringify(r));`
      : `const m = await import(${href}); process.stdout.write(JSON.stringify(Object.keys(m).sort()));`;
  return (await run(process.execPath, ['--input-type=module', '-e', script], options)).stdout;
}

describe.each(README_SNIPPETS)('$file TypeScript blocks', ({ file, blocks: runs }) => {
  let blocks: ReadmeBlock[];
  let compiled: CompileBlocksResult;

  beforeAll(async () => {
    blocks = extractTypeScriptBlocks(readFileSync(join(ROOT, file), 'utf8'), file);
    const preambles = Object.fromEntries(
      Object.entries(runs).map(([name, snippet]) => [name, declarationsOf(snippet)]),
    );
    compiled = await compileBlocks({
      blocks,
      preambles,
      directory: fileURLToPath(
        new URL(`../.generated/snippets/${file.replaceAll('/', '-')}`, import.meta.url),
      ),
      markdownFile: file,
    });
  });

  it('each have a run entry in readme-snippets.ts (and each entry a block)', () => {
    expect(blocks.map((block) => block.name).sort()).toEqual(Object.keys(runs).sort());
  });

  it('compile as pasted with strict TypeScript against the built packages (fragments with their declarations)', () => {
    expect(compiled.diagnostics).toBe('');
    expect(compiled.exitCode).toBe(0);
  });

  const runnable = Object.entries(runs).filter(([, snippet]) => snippet.kind !== 'compile-only');
  it.each(runnable)(
    '%s runs as pasted against achbridge-emulator with only the environment set',
    async (name, snippet) => {
      expect(compiled.exitCode, compiled.diagnostics).toBe(0);
      await emulator.reset();
      const stdout = await runBlock(compiled.outDirectory, name, snippet);
      if (snippet.kind === 'program') expect(stdout).toMatch(snippet.stdout);
      if (snippet.kind === 'module') expect(JSON.parse(stdout)).toEqual([...snippet.exports].sort());
      if (snippet.kind === 'call') expect(JSON.parse(stdout)).toMatchObject(snippet.result);
      // No snippet prints a credential, even against the emulator.
      for (const value of [
        emulator.info.plaid.secret,
        emulator.info.dwolla.secret,
        emulator.info.stripe.secretKey,
      ]) {
        expect(stdout).not.toContain(value);
      }
    },
  );
});

describe('README snippets without the environment', () => {
  it('fail before any request with a ConfigError naming the variable (so the environment is what points them)', async () => {
    const file = fileURLToPath(
      new URL('../.generated/snippets/packages-dwolla-README.md/out/dwolla-quickstart.js', import.meta.url),
    );
    const failure = await run(process.execPath, [file], {
      env: { PATH: process.env.PATH ?? '' },
      timeout: 45_000,
    }).then(
      () => undefined,
      (error: unknown) => error as { code?: number; stderr?: string },
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('ConfigError');
    expect(failure?.stderr).toContain('PLAID_CLIENT_ID');
  });

  it('fail with a ConfigError naming PLAID_BASE_URL when it is not a URL, without echoing it', async () => {
    const file = fileURLToPath(
      new URL('../.generated/snippets/packages-dwolla-README.md/out/dwolla-quickstart.js', import.meta.url),
    );
    const env = { ...childEnvironment(), PLAID_BASE_URL: '127.0.0.1:4010/plaid-typo' };
    const failure = await run(process.execPath, [file], { env, timeout: 45_000 }).then(
      () => undefined,
      (error: unknown) => error as { code?: number; stderr?: string },
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('INVALID_ENVIRONMENT_VARIABLE');
    expect(failure?.stderr).toContain('PLAID_BASE_URL');
    expect(failure?.stderr).not.toContain('plaid-typo');
  });
});
