import { join } from "node:path";
import { problemsOf } from "./helpers";

/** Chart.yaml of aws/eks-pod-identity-agent at tag v0.1.37 (charts/eks-pod-identity-agent): chart 1.2.0. */
const CHART_FOLDER = join(__dirname, "charts", "eks-pod-identity-agent");
const OCI = "oci://111122223333.dkr.ecr.eu-west-1.amazonaws.com/helm-charts";

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
    expect(await problemsOf(file("{ install: helm, chart: { repository: oci://111122223333.dkr.ecr.eu-west-1.amazonaws.com/helm-charts }, version: 1.2.0 }"))).toEqual([]);
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
    expect(await problemsOf(file("{ install: helm, chart: { repository: oci://111122223333.dkr.ecr.eu-west-1.amazonaws.com/helm-charts }, version: v1.3.8-eksbuild.2 }"))).toEqual([
      'tenants.yaml:4:125: clusters[0].agent.version: "v1.3.8-eksbuild.2" is an add-on version, but install is helm: pin the eks-pod-identity-agent chart with its chart version, such as 1.2.0 (the version in its Chart.yaml)',
    ]);
  });

  it("asks where the chart comes from with install: helm, and takes no chart with the other modes", async () => {
    expect(await problemsOf(file("{ install: helm, version: 1.2.0 }"))).toEqual([
      "tenants.yaml:4:23: clusters[0].agent.install: install: helm needs agent.chart, the chart's location: the eks-pod-identity-agent chart is published to no Helm repository (https://aws.github.io/eks-charts does not serve it); set chart.path to the charts/eks-pod-identity-agent folder of a clone of https://github.com/aws/eks-pod-identity-agent, or chart.repository to a Helm or OCI repository you published it to",
    ]);
    expect(await problemsOf(file(`{ chart: { path: ${CHART_FOLDER} } }`))).toEqual([
      "tenants.yaml:4:21: clusters[0].agent.chart: install: addon installs no chart; remove chart, or set install: helm",
    ]);
    expect(await problemsOf(file(`{ install: none, chart: { path: ${CHART_FOLDER} } }`))).toEqual([
      "tenants.yaml:4:36: clusters[0].agent.chart: install: none installs no chart; remove chart, or set install: helm",
    ]);
  });

  it("refuses a chart source that cannot serve the chart: eks-charts, both or neither of path and repository", async () => {
    expect(await problemsOf(file("{ install: helm, chart: { repository: https://aws.github.io/eks-charts }, version: 1.2.0 }"))).toEqual([
      'tenants.yaml:4:50: clusters[0].agent.chart.repository: "https://aws.github.io/eks-charts" cannot be used: the eks-charts repository does not serve the eks-pod-identity-agent chart; the chart is published to no Helm repository, so use chart.path (a clone\'s charts/eks-pod-identity-agent folder) or a repository you published it to',
    ]);
    expect(await problemsOf(file(`{ install: helm, chart: { path: ${CHART_FOLDER}, repository: ${OCI} } }`))).toEqual([
      "tenants.yaml:4:36: clusters[0].agent.chart: give either path (a chart folder) or repository (a Helm or OCI repository), not both",
    ]);
    expect(await problemsOf(file("{ install: helm, chart: { name: eks-pod-identity-agent } }"))).toEqual([
      "tenants.yaml:4:36: clusters[0].agent.chart: give path (the charts/eks-pod-identity-agent folder of a clone of https://github.com/aws/eks-pod-identity-agent) or repository (a Helm or OCI repository that serves the chart)",
    ]);
  });

  it("reads a chart folder: it must hold the agent's Chart.yaml, at the pinned version", async () => {
    expect(await problemsOf(file(`{ install: helm, chart: { path: ${CHART_FOLDER} }, version: 1.2.0 }`))).toEqual([]);
    expect(await problemsOf(file(`{ install: helm, chart: { path: ${CHART_FOLDER} } }`))).toEqual([]);
    expect(await problemsOf(file(`{ install: helm, chart: { path: ${CHART_FOLDER} }, version: 1.3.0 }`))).toEqual([
      `tenants.yaml:4:${57 + CHART_FOLDER.length}: clusters[0].agent.version: "1.3.0" is not the version of the chart at chart.path ("${CHART_FOLDER}/Chart.yaml" says "1.2.0"); a chart folder fixes its version, so remove version or check out the tag that has 1.3.0`,
    ]);
    expect(await problemsOf(file(`{ install: helm, chart: { path: ${__dirname} } }`))).toEqual([
      `tenants.yaml:4:44: clusters[0].agent.chart.path: "${__dirname}" holds no Chart.yaml, so it is not a Helm chart; give the charts/eks-pod-identity-agent folder of a clone of https://github.com/aws/eks-pod-identity-agent`,
    ]);
    expect(await problemsOf(file("{ install: helm, chart: { path: /nonexistent/eks-pod-identity-agent, name: eks-pod-identity-agent } }"))).toEqual([
      'tenants.yaml:4:44: clusters[0].agent.chart.path: "/nonexistent/eks-pod-identity-agent" is not a folder on this machine; give the charts/eks-pod-identity-agent folder of a clone of https://github.com/aws/eks-pod-identity-agent',
      "tenants.yaml:4:87: clusters[0].agent.chart.name: the chart folder's Chart.yaml names the chart; remove name, which goes with repository",
    ]);
    expect(await problemsOf(file("{ install: helm, chart: { path: charts/eks-pod-identity-agent } }"))).toEqual([
      'tenants.yaml:4:44: clusters[0].agent.chart.path: "charts/eks-pod-identity-agent" is not an absolute path: the absolute path of a chart folder, such as /src/eks-pod-identity-agent/charts/eks-pod-identity-agent',
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
    expect(await problemsOf(file("{ install: helm, chart: { repository: oci://111122223333.dkr.ecr.eu-west-1.amazonaws.com/helm-charts } }", "me-west-1"))).toEqual([
      'tenants.yaml:4:23: clusters[0].agent.install: install: helm needs the agent image registry of region "me-west-1", which this tool does not know; set agent.configurationValues.image.containerRegistry (see https://docs.aws.amazon.com/eks/latest/userguide/add-ons-images.html)',
    ]);
    expect(await problemsOf(file("{ install: helm, chart: { repository: oci://111122223333.dkr.ecr.eu-west-1.amazonaws.com/helm-charts }, configurationValues: { image: { override: registry.example/eks/agent:0.1.6 } } }", "me-west-1"))).toEqual([]);
    // Regions the table learned from the add-on images page since: il-central-1, ap-southeast-5 (amazon-eks-ami).
    expect(await problemsOf(file("{ install: helm, chart: { repository: oci://111122223333.dkr.ecr.eu-west-1.amazonaws.com/helm-charts } }", "il-central-1"))).toEqual([]);
    // The add-on pulls its own image, so the region does not matter there.
    expect(await problemsOf(file("{ install: addon }", "me-west-1"))).toEqual([]);
  });

  it("refuses an unknown install mode with the allowed ones", async () => {
    expect(await problemsOf(file("{ install: helmm }"))).toEqual([
      'tenants.yaml:4:23: clusters[0].agent.install: "helmm" is not allowed; did you mean "helm"?; allowed: "addon", "helm", "none"',
    ]);
  });
});
