import { loadTenantsFile } from "../lib/tenants-file/load";
import { formatProblem } from "../lib/config/problems";
it("scratch", async () => {
  for (const f of (process.env.SCRATCH ?? "").split(",")) {
    const { problems } = await loadTenantsFile(f);
    console.log(problems.map((p) => formatProblem({ ...p, file: f })).join("\n"));
  }
});
