import { DataAwsEksAddonVersion } from "@cdktf/provider-aws/lib/data-aws-eks-addon-version";
import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import { AGENT_ADDON_NAME, PodIdentityAgent } from "../lib/constructs/pod-identity-agent";
import { dataSources, stackOf } from "./helpers";

describe("PodIdentityAgent", () => {
  it("installs the eks-pod-identity-agent add-on at a pinned version", () => {
    const out = stackOf((s) => new PodIdentityAgent(s, "agent", { clusterName: "demo", version: "v1.3.8-eksbuild.2" }));
    expect(AGENT_ADDON_NAME).toBe("eks-pod-identity-agent");
    expect(out).toHaveResourceWithProperties(EksAddon, {
      cluster_name: "demo",
      addon_name: "eks-pod-identity-agent",
      addon_version: "v1.3.8-eksbuild.2",
      resolve_conflicts_on_create: "OVERWRITE",
      resolve_conflicts_on_update: "OVERWRITE",
    });
    expect(out).not.toHaveDataSource(DataAwsEksAddonVersion);
  });

  it("looks up the most recent version for the cluster's Kubernetes version when unpinned", () => {
    const out = stackOf((s) => new PodIdentityAgent(s, "agent", { clusterName: "demo", kubernetesVersion: "1.33" }));
    expect(out).toHaveDataSourceWithProperties(DataAwsEksAddonVersion, { addon_name: "eks-pod-identity-agent", kubernetes_version: "1.33", most_recent: true });
    const [lookup] = Object.keys(dataSources(out, "aws_eks_addon_version"));
    expect(out).toHaveResourceWithProperties(EksAddon, { addon_version: `\${data.aws_eks_addon_version.${lookup}.version}` });
  });

  it("validates its props", () => {
    expect(() => stackOf((s) => new PodIdentityAgent(s, "agent", { clusterName: "demo", version: "latest" }))).toThrow(
      'PodIdentityAgent "agent": invalid props:\n  - version: "latest" is not an EKS add-on version: a version such as v1.3.8-eksbuild.2',
    );
    expect(() => stackOf((s) => new PodIdentityAgent(s, "agent", { clusterName: "demo" }))).toThrow(
      "kubernetesVersion: is required when version is left out, to look up the most recent add-on version",
    );
  });
});
