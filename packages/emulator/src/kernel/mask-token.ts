/** Shows a token in the state answer as `…` and its last four characters, never the token itself. */
export function maskToken(token: string): string {
  return `…${token.slice(-4)}`;
}
