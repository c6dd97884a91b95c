/**
 * The Terraform address of each tenant's and controller's association in a cluster's stack, for
 * import hints (controllers under `controller <name>`).
 * Built from the same ClusterStack that synth builds, in memory, so the logical IDs are exactly
 * those of cdktf.out. The App's constructor creates its outdir, so it gets a temporary one
 * rather than touching cdktf.out.
 */
import { App } from "cdktf";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ClusterPlan } from "../lib/plan/plan";
import type { Config } from "../lib/schema/schema";
import { ClusterStack } from "./cluster-stack";

export function associationAddresses(config: Config, plan: ClusterPlan): Map<string, string> {
  const outdir = mkdtempSync(join(tmpdir(), "drift-addresses-"));
  try {
    const stack = new ClusterStack(new App({ outdir, skipValidation: true }), { plan, defaultTags: config.defaults.tags, policyDocuments: config.defaults.policyDocuments, s3State: config.state?.s3 });
    const address = (association: Parameters<typeof stack.getLogicalId>[0]) => `aws_eks_pod_identity_association.${stack.getLogicalId(association)}`;
    return new Map([
      ...[...stack.tenants].map(([tenant, identity]): [string, string] => [tenant, address(identity.association)]),
      // Tenant names have no space, so these keys never meet a tenant's.
      ...[...stack.controllers].map(([name, identity]): [string, string] => [`controller ${name}`, address(identity.association)]),
    ]);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
