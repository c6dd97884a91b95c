/**
 * Smoke-test Jobs never share a name: Kubernetes allows one Job of a name per namespace, so a
 * tenant named `controller-external-dns` and the external-dns controller's smoke test, in one
 * namespace, would be two `kubernetes_job_v1` resources for one object, and the second fails at
 * apply. The names are derived (smoke-test-names.ts) and compared here, per
 * cluster and across its stacks. Registered in lib/checks/check-registry.ts.
 */
import { controllerSmokeTestJobName, tenantSmokeTestJobName } from "../kubernetes/smoke-test-names";
import { landsOn, planController } from "../plan/plan";
import { error, type FieldPath, type Finding } from "../diagnostics/problems";
import type { Check } from "./check";

interface JobSource {
  readonly label: string;
  readonly path: FieldPath;
}

export const smokeTestJobNames: Check = (c) => {
  const out: Finding[] = [];
  const reported = new Set<string>();
  c.clusters.forEach((cluster, j) => {
    const jobs = new Map<string, JobSource>();
    const add = (namespace: string, job: string, source: JobSource) => {
      const key = `${namespace}/${job}`;
      const first = jobs.get(key);
      if (!first) {
        jobs.set(key, source);
        return;
      }
      const pair = `${first.label}\u0000${source.label}`;
      if (reported.has(pair)) return;
      reported.add(pair);
      out.push(
        error(
          source.path,
          `the smoke-test Job of ${source.label} would be named ${JSON.stringify(job)} in namespace ${JSON.stringify(namespace)} on cluster ${JSON.stringify(cluster.name)}, like the smoke-test Job of ${first.label}; Kubernetes allows one Job of a name per namespace. Rename one of them, or set smokeTest: false on one`,
        ),
      );
    };
    // Controllers first, so that the message lands on the tenant, whose name is the one to change.
    cluster.controllers.forEach((ctl, k) => {
      if (!ctl.smokeTest) return;
      const plan = planController(ctl, cluster.name);
      add(plan.namespace, controllerSmokeTestJobName(ctl.name), { label: `controller ${JSON.stringify(ctl.name)} (clusters[${j}].controllers[${k}])`, path: ["clusters", j, "controllers", k, "smokeTest"] });
    });
    c.tenants.forEach((t, i) => {
      if (t.smokeTest && landsOn(t, cluster.name)) add(t.namespace, tenantSmokeTestJobName(t.name), { label: `tenant ${JSON.stringify(t.name)} (tenants[${i}])`, path: ["tenants", i, "smokeTest"] });
    });
  });
  return out;
};
