/**
 * `npm run stacks -- --base <older file>`: the tenants and namespaces that the current file puts
 * in another stack than the older one did (lib/plan/stack-moves.ts), and whether the imports
 * file records each move. An unrecorded move would be planned as a destroy in the old stack and
 * a create in the new one, so the command fails until `npm run adopt -- <cluster> --base <older
 * file>` has recorded it; synth then writes the removed and import blocks (stacks/move-blocks.ts).
 */
import { loadOrReport } from "./cli";
import { formatProblem } from "../diagnostics/problems";
import type { Config } from "../schema/schema";
import { stackMoves, type StackMove } from "../plan/stack-moves";
import { loadImports } from "../file/imports-file";

export interface MoveStatus extends StackMove {
  /** Whether imports/<cluster>.json records it (movedFrom), so that synth moves it without a destroy. */
  readonly recorded: boolean;
}

/** The moves since `base`, or undefined after printing why they cannot be known. */
export async function checkMoves(file: string, config: Config, base: string, stderr: (line: string) => void): Promise<MoveStatus[] | undefined> {
  const older = await loadOrReport(base, stderr, { warnings: false });
  if (!older) return undefined;
  const loaded = loadImports(file, config);
  for (const p of loaded.problems) stderr(formatProblem(p));
  if (!loaded.moves) return undefined;
  return stackMoves(older, config).map((m) => {
    const recorded = loaded.moves!.get(m.cluster);
    const from = m.kind === "tenant" ? recorded?.tenants.get(m.name) : recorded?.namespaces.get(m.name);
    return { ...m, recorded: from === m.from };
  });
}

/** One line per move, for the text format; the unrecorded ones say what to run. */
export function moveLines(moves: ReadonlyArray<MoveStatus>, base: string): string[] {
  return moves.map((m) => {
    const what = `${m.kind} ${m.name} on cluster ${m.cluster} moves from stack ${m.from} to ${m.to}`;
    return m.recorded
      ? `${what}: recorded; synth forgets it in ${m.from} (removed, destroy = false) and imports it in ${m.to}`
      : `${what}: not recorded, so a deploy would destroy it in ${m.from} and create it again in ${m.to}; run npm run adopt -- ${m.cluster} --base ${base}`;
  });
}
