/**
 * Tenants must not create Kubernetes objects that every cluster has, or that EKS or an add-on
 * owns (lib/config/kubernetes-objects.ts). Registered in lib/tenants-file/check-registry.ts.
 */
import type { Check } from "./problems";
import { namespaceCreationProblem, serviceAccountCreationProblem } from "./kubernetes-objects";
import { error, type Finding } from "./problems";
import { landsOn } from "./plan";


const builtInObjects: Check = (c) =>
  c.tenants.flatMap((t, i) => {
    const out: Finding[] = [];
    if (t.createNamespace) {
      const m = namespaceCreationProblem(t.namespace);
      if (m) out.push(error(["tenants", i, "createNamespace"], m));
    }
    if (t.createServiceAccount) {
      // The first cluster that has the service account already; the add-ons differ by cluster.
      const m = c.clusters
        .filter((x) => landsOn(t, x.name))
        .map((x) => serviceAccountCreationProblem(t.namespace, t.serviceAccount, x.addons))
        .find((p) => p !== undefined);
      if (m) out.push(error(["tenants", i, "serviceAccount"], m));
    }
    return out;
  });

export const KUBERNETES_CHECKS: ReadonlyArray<Check> = [builtInObjects];
