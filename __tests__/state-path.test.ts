/** lib/workflow/state-path.ts: local state stays in the project root, whatever --output says. */
import { join, resolve } from "node:path";
import { localStatePath } from "../lib/workflow/state-path";

const project = "/home/me/project";
/** Where terraform, run in the stack's folder, puts the state. */
const landsAt = (outdir: string, stack: string) => resolve(project, outdir, "stacks", stack, localStatePath(stack, { CDKTF_OUTDIR: outdir }, project));

it("is terraform.<stack>.tfstate in the project root for any output folder", () => {
  for (const outdir of ["cdktf.out", "out/nested/deeper", "/tmp/elsewhere", "../sibling"]) {
    expect({ outdir, at: landsAt(outdir, "prod-eu") }).toEqual({ outdir, at: join(project, "terraform.prod-eu.tfstate") });
  }
});

it("is relative, with forward slashes, so that the JSON names no machine's path", () => {
  expect(localStatePath("prod-eu", { CDKTF_OUTDIR: "cdktf.out" }, project)).toBe("../../../terraform.prod-eu.tfstate");
  expect(localStatePath("prod-eu", { CDKTF_OUTDIR: "out/nested" }, project)).toBe("../../../../terraform.prod-eu.tfstate");
  // An app built without CDKTF_OUTDIR (a test's Testing.app) assumes cdktf.out.
  expect(localStatePath("prod-eu", {}, project)).toBe("../../../terraform.prod-eu.tfstate");
});
