import { problemsOf } from "./helpers";

function file(agent: string, region = "us-east-1"): string {
  return `clusters:
  - name: demo
    region: ${region}
    agent: ${agent}
`;
}

describe("clusters[].agent checks", () => {
  it("accepts each mode with the version form it pins", async () => {
    expect(await problemsOf(file("{ install: addon, version: v1.3.8-eksbuild.2 }"))).toEqual([]);
    expect(await problemsOf(file("{ install: helm, version: 1.2.0 }"))).toEqual([]);
    expect(await problemsOf(file("{ install: none }"))).toEqual([]);
    expect(await problemsOf(file("{ configurationValues: { agent: { additionalArgs: { '-b': 169.254.170.23 } } } }"))).toEqual([]);
  });

  it("says which version form install: addon wants", async () => {
    expect(await problemsOf(file("{ install: addon, version: 1.2.0 }"))).toEqual([
      'tenants.yaml:4:39: clusters[0].agent.version: "1.2.0" is a chart version, but install is addon: pin the EKS add-on with a version such as v1.3.8-eksbuild.2 (aws eks describe-addon-versions --addon-name eks-pod-identity-agent)',
    ]);
    // The default install is addon, so a chart version alone is refused the same way.
    expect(await problemsOf(file("{ version: 1.2.0 }"))).toEqual([
      'tenants.yaml:4:23: clusters[0].agent.version: "1.2.0" is a chart version, but install is addon: pin the EKS add-on with a version such as v1.3.8-eksbuild.2 (aws eks describe-addon-versions --addon-name eks-pod-identity-agent)',
    ]);
  });

  it("says which version form install: helm wants", async () => {
    expect(await problemsOf(file("{ install: helm, version: v1.3.8-eksbuild.2 }"))).toEqual([
      'tenants.yaml:4:38: clusters[0].agent.version: "v1.3.8-eksbuild.2" is an add-on version, but install is helm: pin the eks-pod-identity-agent chart of https://aws.github.io/eks-charts with a version such as 1.2.0 (helm search repo eks/eks-pod-identity-agent --versions)',
    ]);
  });

  it("refuses a version that is neither form", async () => {
    expect(await problemsOf(file("{ version: latest }"))).toEqual([
      'tenants.yaml:4:23: clusters[0].agent.version: "latest" is not an agent version: an add-on version such as v1.3.8-eksbuild.2 (install: addon) or a chart version such as 1.2.0 (install: helm)',
    ]);
  });

  it("refuses a version or configurationValues with install: none", async () => {
    expect(await problemsOf(file("{ install: none, version: v1.3.8-eksbuild.2, configurationValues: { a: 1 } }"))).toEqual([
      "tenants.yaml:4:38: clusters[0].agent.version: install: none installs no agent (EKS Auto Mode runs its own), so there is no version to pin; remove version",
      "tenants.yaml:4:78: clusters[0].agent.configurationValues: install: none installs no agent (EKS Auto Mode runs its own), so there is nothing to configure; remove configurationValues",
    ]);
  });

  it("asks for the image registry of a region it does not know, unless the values choose one", async () => {
    expect(await problemsOf(file("{ install: helm }", "il-central-1"))).toEqual([
      'tenants.yaml:4:23: clusters[0].agent.install: install: helm needs the agent image registry of region "il-central-1", which this tool does not know; set agent.configurationValues.image.containerRegistry (see https://docs.aws.amazon.com/eks/latest/userguide/add-ons-images.html)',
    ]);
    expect(await problemsOf(file("{ install: helm, configurationValues: { image: { override: registry.example/eks/agent:0.1.6 } } }", "il-central-1"))).toEqual([]);
    // The add-on pulls its own image, so the region does not matter there.
    expect(await problemsOf(file("{ install: addon }", "il-central-1"))).toEqual([]);
  });

  it("refuses an unknown install mode with the allowed ones", async () => {
    expect(await problemsOf(file("{ install: helmm }"))).toEqual([
      'tenants.yaml:4:23: clusters[0].agent.install: "helmm" is not allowed; did you mean "helm"?; allowed: "addon", "helm", "none"',
    ]);
  });
});
