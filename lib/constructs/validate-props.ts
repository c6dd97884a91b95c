/** Prop checks for constructs used straight from TypeScript, with the tenants file's rules. */
import type { RuleProblem } from "../aws/cross-field-rules";
import { formatPath, type FieldPath } from "../diagnostics/problems";
import { violation, type Rule } from "../aws/rules";

/** Collects every problem, then throws once, so a caller sees them all together. */
export class PropChecker {
  private readonly problems: string[] = [];

  constructor(private readonly owner: string) {}

  rule(field: string, r: Rule, value: unknown, optional = false): this {
    if (optional && value === undefined) return this;
    const v = violation(r, value);
    if (v) this.problems.push(`${field}: ${v}`);
    return this;
  }

  that(field: string, ok: boolean, message: string): this {
    if (!ok) this.problems.push(`${field}: ${message}`);
    return this;
  }

  /** The problems of a rule the file checks share (lib/aws/cross-field-rules.ts), placed under `base`. */
  shared(problems: ReadonlyArray<RuleProblem>, base: FieldPath = []): this {
    for (const p of problems) this.problems.push(`${formatPath([...base, ...p.path])}: ${p.message}`);
    return this;
  }

  done(): void {
    if (this.problems.length > 0) {
      throw new Error(`${this.owner}: invalid props:\n${this.problems.map((p) => `  - ${p}`).join("\n")}`);
    }
  }
}
