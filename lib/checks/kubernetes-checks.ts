/**
 * Tenants must not create Kubernetes objects that every cluster has, or that EKS or an add-on
 * owns (lib/kubernetes/kubernetes-objects.ts), and their service accounts' labels and annotations
 * follow Kubernetes' rules (lib/kubernetes/kubernetes-metadata.ts). Registered in lib/checks/check-registry.ts.
 */
import type { Check } from "./check";
import { namespaceCreationProblem, serviceAccountCreationProblem } from "../kubernetes/kubernetes-objects";
import { serviceAccountMetadataProblems } from "../kubernetes/kubernetes-metadata";
import { error, type Finding } from "../diagnostics/problems";
import { landsOn } from "../plan/plan";

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

/** Labels and annotations on each tenant's service account, by Kubernetes' own rules. */
const serviceAccountMetadata: Check = (c) =>
  c.tenants.flatMap((t, i): Finding[] => serviceAccountMetadataProblems(t).map((p) => error(["tenants", i, ...p.path], p.message)));

export const KUBERNETES_CHECKS: ReadonlyArray<Check> = [builtInObjects, serviceAccountMetadata];
