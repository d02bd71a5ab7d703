/** One fenced TypeScript block of a Markdown file, named by the `<!-- readme-block: NAME -->` line before it. */
export interface ReadmeBlock {
  /** The marker's name, e.g. `webhook-handler`. */
  name: string;
  /** The code between the fences, ending with a newline. */
  code: string;
  /** 1-based line of the block's first code line in the Markdown file. */
  firstLine: number;
}

const FENCE_OPEN = /^```\s*([\w-]*)\s*$/;
const FENCE_CLOSE = /^```\s*$/;
const MARKER = /^<!--\s*readme-block:\s*([a-z0-9][a-z0-9-]*)\s*-->$/;
const TYPESCRIPT = new Set(['ts', 'typescript']);

/**
 * Extracts every ```ts block of a Markdown file. Each one must be named by a marker on the line right before
 * its opening fence, names must be unique, and every marker must name a block; otherwise this throws with the
 * file and line, so a new README block cannot slip past the compile test unnoticed.
 */
export function extractTypeScriptBlocks(markdown: string, file: string): ReadmeBlock[] {
  const lines = markdown.split('\n');
  const blocks: ReadmeBlock[] = [];
  const names = new Set<string>();
  let pendingMarker: { name: string; line: number } | undefined;

  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] ?? '').trimEnd();
    const marker = MARKER.exec(line);
    if (marker) {
      if (pendingMarker) {
        throw new Error(`${file}:${pendingMarker.line}: marker '${pendingMarker.name}' names no ts block`);
      }
      pendingMarker = { name: marker[1] as string, line: index + 1 };
      continue;
    }
    const fence = FENCE_OPEN.exec(line);
    if (!fence) {
      if (pendingMarker) {
        throw new Error(
          `${file}:${pendingMarker.line}: marker '${pendingMarker.name}' must be the line right before a ts block`,
        );
      }
      continue;
    }
    const language = (fence[1] ?? '').toLowerCase();
    const close = lines.findIndex((candidate, at) => at > index && FENCE_CLOSE.test(candidate.trimEnd()));
    if (close === -1) throw new Error(`${file}:${index + 1}: code block is never closed`);
    if (TYPESCRIPT.has(language)) {
      if (!pendingMarker) {
        throw new Error(
          `${file}:${index + 1}: ts block without a name; put <!-- readme-block: NAME --> on the line before it`,
        );
      }
      if (names.has(pendingMarker.name)) {
        throw new Error(`${file}:${pendingMarker.line}: block name '${pendingMarker.name}' is used twice`);
      }
      names.add(pendingMarker.name);
      const body = lines.slice(index + 1, close);
      blocks.push({ name: pendingMarker.name, code: `${body.join('\n')}\n`, firstLine: index + 2 });
    } else if (pendingMarker) {
      throw new Error(
        `${file}:${pendingMarker.line}: marker '${pendingMarker.name}' names a '${language || 'plain'}' block, not ts`,
      );
    }
    pendingMarker = undefined;
    index = close;
  }
  if (pendingMarker) {
    throw new Error(`${file}:${pendingMarker.line}: marker '${pendingMarker.name}' names no ts block`);
  }
  return blocks;
}
