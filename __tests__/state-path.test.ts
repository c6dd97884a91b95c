/** lib/terraform/state-path.ts: local state stays in the project root, whatever output folder inside it. */
import { join, resolve } from "node:path";
import { localStatePath } from "../lib/terraform/state-path";

const project = "/home/me/project";
/** Where terraform, run in the stack's folder, puts the state. */
const landsAt = (outdir: string, stack: string) => resolve(project, outdir, "stacks", stack, localStatePath(stack, { CDKTF_OUTDIR: outdir }, project));

it("is terraform.<stack>.tfstate in the project root for any output folder inside the project", () => {
  for (const outdir of ["cdktf.out", "out/nested/deeper", "/home/me/project/build/out"]) {
    expect({ outdir, at: landsAt(outdir, "prod-eu") }).toEqual({ outdir, at: join(project, "terraform.prod-eu.tfstate") });
  }
});

it("is relative, with forward slashes, so that the JSON names no machine's path", () => {
  expect(localStatePath("prod-eu", { CDKTF_OUTDIR: "cdktf.out" }, project)).toBe("../../../terraform.prod-eu.tfstate");
  expect(localStatePath("prod-eu", { CDKTF_OUTDIR: "out/nested" }, project)).toBe("../../../../terraform.prod-eu.tfstate");
  expect(localStatePath("prod-eu", {}, project)).toBe("../../../terraform.prod-eu.tfstate");
});

it("stays beside an output folder outside the project, which no machine-free path could leave", () => {
  for (const outdir of ["/tmp/elsewhere", "../sibling"]) {
    expect(localStatePath("prod-eu", { CDKTF_OUTDIR: outdir }, project)).toBe("../../../terraform.prod-eu.tfstate");
    expect(landsAt(outdir, "prod-eu")).toBe(resolve(project, outdir, "..", "terraform.prod-eu.tfstate"));
  }
});
