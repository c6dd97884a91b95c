import { DataAwsEksAddonVersion } from "@cdktf/provider-aws/lib/data-aws-eks-addon-version";
import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import { Release } from "@cdktf/provider-helm/lib/release";
import { PodIdentityAgent } from "../lib/constructs/pod-identity-agent";
import { dataSources, parse, resources, stackOf, synthYaml } from "./helpers";
import { agentImageRegistry } from "../lib/aws/agent-image";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { withCluster } from "./cluster-fixture";

/** A chart folder as a clone has it: Chart.yaml of aws/eks-pod-identity-agent at tag v0.1.37 (charts/eks-pod-identity-agent). */
const CHART_FOLDER = join(__dirname, "charts", "eks-pod-identity-agent");

const IPV4_ONLY = { agent: { additionalArgs: { "-b": "169.254.170.23" } } };

function cluster(agent: string, region = "us-east-1"): string {
  return `
clusters:
  - name: demo
    region: ${region}
    agent: ${agent}
tenants:
  - { name: web, namespace: web, serviceAccount: web-sa, createNamespace: true }
`;
}

describe("PodIdentityAgent, install: addon", () => {
  it("looks up the most recent version for the cluster's Kubernetes version when none is pinned", async () => {
    const s = (await synthYaml(cluster("{}"))).demo!;
    expect(dataSources(s, "aws_eks_addon_version")).toEqual({
      "pod_identity_agent_latest_AC9ADA85": { addon_name: "eks-pod-identity-agent", kubernetes_version: "${data.aws_eks_cluster.eks_cluster.version}", most_recent: true },
    });
    expect(resources(s, "aws_eks_addon")).toEqual({
      "pod_identity_agent_addon_642A3B0D": {
        addon_name: "eks-pod-identity-agent",
        addon_version: "${data.aws_eks_addon_version.pod_identity_agent_latest_AC9ADA85.version}",
        cluster_name: "demo",
        resolve_conflicts_on_create: "OVERWRITE",
        resolve_conflicts_on_update: "OVERWRITE",
      },
    });
    expect(resources(s, "helm_release")).toEqual({});
    expect(parse(s).provider.helm).toBeUndefined();
  });

  it("pins the version and passes configurationValues as JSON", async () => {
    const s = (await synthYaml(cluster(`{ install: addon, version: v1.3.8-eksbuild.2, configurationValues: { agent: { additionalArgs: { "-b": 169.254.170.23 } } } }`))).demo!;
    expect(dataSources(s, "aws_eks_addon_version")).toEqual({});
    expect(s).toHaveResourceWithProperties(EksAddon, {
      addon_name: "eks-pod-identity-agent",
      addon_version: "v1.3.8-eksbuild.2",
      configuration_values: JSON.stringify(IPV4_ONLY),
    });
  });

  it("makes the service account and the association depend on the add-on", async () => {
    const s = (await synthYaml(cluster("{}"))).demo!;
    expect(Object.values(resources(s, "aws_eks_pod_identity_association"))[0]!.depends_on).toEqual([
      "aws_eks_addon.pod_identity_agent_addon_642A3B0D",
      "kubernetes_namespace_v1.namespace_web",
    ]);
    expect(Object.values(resources(s, "kubernetes_service_account_v1"))[0]!.depends_on).toEqual([
      "aws_eks_addon.pod_identity_agent_addon_642A3B0D",
      "kubernetes_namespace_v1.namespace_web",
    ]);
  });

  it("works from TypeScript and exposes the add-on as its dependable", () => {
    let agent: PodIdentityAgent | undefined;
    const s = stackOf((stack) => {
      agent = new PodIdentityAgent(stack, "agent", withCluster(stack, { clusterName: "c1", version: "v1.3.8-eksbuild.2", tags: { team: "platform" } }));
    });
    expect(agent!.dependable).toBe(agent!.addon);
    expect(agent!.release).toBeUndefined();
    expect(s).toHaveResourceWithProperties(EksAddon, { cluster_name: "c1", addon_version: "v1.3.8-eksbuild.2", tags: { team: "platform" } });
    expect(s).not.toHaveDataSource(DataAwsEksAddonVersion);
  });

  it("rejects a chart version and a missing Kubernetes version", () => {
    expect(() => stackOf((stack) => new PodIdentityAgent(stack, "agent", withCluster(stack, { clusterName: "c1", version: "1.2.0" })))).toThrow(
      'PodIdentityAgent "agent": invalid props:\n  - version: "1.2.0" is a chart version, but install is addon: pin the EKS add-on with a version such as v1.3.8-eksbuild.2 (aws eks describe-addon-versions --addon-name eks-pod-identity-agent)',
    );
    // Neither form: the add-on version rule's own message.
    expect(() => stackOf((stack) => new PodIdentityAgent(stack, "agent", withCluster(stack, { clusterName: "c1", version: "latest" })))).toThrow(
      'PodIdentityAgent "agent": invalid props:\n  - version: "latest" is not an EKS add-on version: a version such as v1.3.8-eksbuild.2',
    );
    // Left out, the version is the most recent for the cluster's own Kubernetes version.
    const latest = stackOf((stack) => new PodIdentityAgent(stack, "agent", withCluster(stack, { clusterName: "c1" })));
    expect(latest).toHaveDataSourceWithProperties(DataAwsEksAddonVersion, { addon_name: "eks-pod-identity-agent", kubernetes_version: "${data.aws_eks_cluster.eks_cluster.version}", most_recent: true });
  });
});

describe("PodIdentityAgent, install: helm", () => {
  it("installs the chart from the repository the file names, in kube-system, with the cluster name, region and regional registry", async () => {
    const s = (await synthYaml(cluster("{ install: helm, chart: { repository: oci://111122223333.dkr.ecr.eu-west-1.amazonaws.com/helm-charts }, version: 1.2.0 }", "eu-west-1"))).demo!;
    expect(resources(s, "helm_release")).toEqual({
      "pod_identity_agent_release_B6B9E398": {
        name: "eks-pod-identity-agent",
        repository: "oci://111122223333.dkr.ecr.eu-west-1.amazonaws.com/helm-charts",
        chart: "eks-pod-identity-agent",
        version: "1.2.0",
        namespace: "kube-system",
        set: [
          { name: "clusterName", type: "string", value: "demo" },
          { name: "env.AWS_REGION", type: "string", value: "eu-west-1" },
          { name: "image.containerRegistry", type: "string", value: "602401143452.dkr.ecr.eu-west-1.amazonaws.com" },
        ],
        wait: true,
      },
    });
    expect(resources(s, "aws_eks_addon")).toEqual({});
    expect(dataSources(s, "aws_eks_addon_version")).toEqual({});
  });

  it("points the release at a chart folder, which fixes its own version", async () => {
    // The fixture is the upstream chart's own Chart.yaml: the folder the release names holds the agent's chart 1.2.0.
    expect(readFileSync(join(CHART_FOLDER, "Chart.yaml"), "utf8")).toMatch(/^name: eks-pod-identity-agent\n(.*\n)*version: 1\.2\.0\n/m);
    for (const pin of ["", ", version: 1.2.0"]) {
      const s = (await synthYaml(cluster(`{ install: helm, chart: { path: "${CHART_FOLDER}" }${pin} }`, "eu-west-1"))).demo!;
      const release = Object.values(resources(s, "helm_release"))[0]!;
      expect(release.chart).toBe(CHART_FOLDER);
      expect(release.repository).toBeUndefined();
      expect(release.version).toBeUndefined();
    }
  });

  it("refuses, from TypeScript too, a chart with another mode, a missing or wrong folder, and eks-charts", () => {
    const agent = (props: Partial<ConstructorParameters<typeof PodIdentityAgent>[2]>) => () =>
      stackOf((stack) => new PodIdentityAgent(stack, "agent", withCluster(stack, { clusterName: "c1", region: "us-west-2", ...props })));
    expect(agent({ install: "addon", version: "v1.3.8-eksbuild.2", chart: { path: CHART_FOLDER } })).toThrow('PodIdentityAgent "agent": invalid props:\n  - chart: install: addon installs no chart; remove chart, or set install: helm');
    expect(agent({ install: "helm", chart: { path: "/nonexistent/charts/eks-pod-identity-agent" } })).toThrow(
      '  - chart.path: "/nonexistent/charts/eks-pod-identity-agent" is not a folder on this machine; give the charts/eks-pod-identity-agent folder of a clone of https://github.com/aws/eks-pod-identity-agent',
    );
    expect(agent({ install: "helm", chart: { path: __dirname } })).toThrow(`  - chart.path: ${JSON.stringify(__dirname)} holds no Chart.yaml, so it is not a Helm chart`);
    expect(agent({ install: "helm", chart: { path: CHART_FOLDER }, version: "1.3.0" })).toThrow(
      `  - version: "1.3.0" is not the version of the chart at chart.path (${JSON.stringify(join(CHART_FOLDER, "Chart.yaml"))} says "1.2.0")`,
    );
    expect(agent({ install: "helm", chart: { path: "charts/eks-pod-identity-agent" } })).toThrow(
      '  - chart.path: "charts/eks-pod-identity-agent" is not an absolute path: the absolute path of a chart folder, such as /src/eks-pod-identity-agent/charts/eks-pod-identity-agent',
    );
    expect(agent({ install: "helm", chart: { repository: "s3://bucket/charts", name: "Agent" } })).toThrow(
      '  - chart.repository: "s3://bucket/charts" is not a Helm chart repository: an https:// Helm repository URL or an oci:// registry path, such as oci://111122223333.dkr.ecr.us-east-1.amazonaws.com/charts\n  - chart.name: "Agent" is not a Helm chart name: lower-case letters, digits and \'-\', starting with a letter, such as eks-pod-identity-agent',
    );
    expect(agent({ install: "helm", chart: { repository: "https://aws.github.io/eks-charts" } })).toThrow(
      '  - chart.repository: "https://aws.github.io/eks-charts" cannot be used: the eks-charts repository does not serve the eks-pod-identity-agent chart',
    );
  });

  it("configures a helm provider like the kubernetes one, from data.aws_eks_cluster and aws eks get-token", async () => {
    const s = (await synthYaml(cluster("{ install: helm, chart: { repository: oci://111122223333.dkr.ecr.eu-west-1.amazonaws.com/helm-charts } }"))).demo!;
    const args = ["eks", "get-token", "--cluster-name", "demo", "--region", "us-east-1"];
    expect(parse(s).provider.helm).toEqual([
      {
        kubernetes: {
          host: "${data.aws_eks_cluster.eks_cluster.endpoint}",
          cluster_ca_certificate: "${base64decode(data.aws_eks_cluster.eks_cluster.certificate_authority[0].data)}",
          exec: { api_version: "client.authentication.k8s.io/v1beta1", command: "aws", args },
        },
      },
    ]);
    expect(parse(s).provider.kubernetes[0].exec).toEqual([{ api_version: "client.authentication.k8s.io/v1beta1", command: "aws", args }]);
  });

  it("uses opt-in regions' own registry accounts, and the China partition's domain", async () => {
    const af = (await synthYaml(cluster("{ install: helm, chart: { repository: oci://111122223333.dkr.ecr.eu-west-1.amazonaws.com/helm-charts } }", "af-south-1"))).demo!;
    expect(Object.values(resources(af, "helm_release"))[0]!.set[2]).toEqual({ name: "image.containerRegistry", type: "string", value: "877085696533.dkr.ecr.af-south-1.amazonaws.com" });
    // A tenants file cannot name a China Region (Pod Identity is not available there), so the
    // China domain is checked on the table itself.
    expect(agentImageRegistry("cn-north-1")).toBe("918309763551.dkr.ecr.cn-north-1.amazonaws.com.cn");
  });

  it("passes configurationValues as chart values and leaves the registry to them when they choose one", async () => {
    const s = (await synthYaml(cluster(`{ install: helm, chart: { repository: oci://111122223333.dkr.ecr.eu-west-1.amazonaws.com/helm-charts }, configurationValues: { image: { containerRegistry: my.registry.example }, agent: { additionalArgs: { "-b": 169.254.170.23 } } } }`, "il-central-1"))).demo!;
    const release = Object.values(resources(s, "helm_release"))[0]!;
    expect(release.values).toEqual([JSON.stringify({ image: { containerRegistry: "my.registry.example" }, ...IPV4_ONLY })]);
    expect(release.set).toEqual([
      { name: "clusterName", type: "string", value: "demo" },
      { name: "env.AWS_REGION", type: "string", value: "il-central-1" },
    ]);
    expect(release.version).toBeUndefined();
  });

  it("makes the service account and the association depend on the release", async () => {
    const s = (await synthYaml(cluster("{ install: helm, chart: { repository: oci://111122223333.dkr.ecr.eu-west-1.amazonaws.com/helm-charts } }"))).demo!;
    for (const type of ["aws_eks_pod_identity_association", "kubernetes_service_account_v1"]) {
      expect(Object.values(resources(s, type))[0]!.depends_on).toEqual(["helm_release.pod_identity_agent_release_B6B9E398", "kubernetes_namespace_v1.namespace_web"]);
    }
  });

  it("works from TypeScript, in the cluster's region, and checks the chart version and the region's registry", () => {
    let agent: PodIdentityAgent | undefined;
    const s = stackOf((stack) => {
      agent = new PodIdentityAgent(stack, "agent", withCluster(stack, { clusterName: "c1", install: "helm", chart: { repository: "https://charts.example.com/eks", name: "pod-identity-agent" }, region: "us-west-2", version: "1.2.0" }));
    });
    expect(agent!.dependable).toBe(agent!.release);
    expect(s).toHaveResourceWithProperties(Release, { repository: "https://charts.example.com/eks", chart: "pod-identity-agent", version: "1.2.0" });
    expect(() => stackOf((stack) => new PodIdentityAgent(stack, "agent", withCluster(stack, { clusterName: "c1", install: "helm", version: "v1.3.8-eksbuild.2" })))).toThrow(
      'PodIdentityAgent "agent": invalid props:\n  - version: "v1.3.8-eksbuild.2" is an add-on version, but install is helm: pin the eks-pod-identity-agent chart with its chart version, such as 1.2.0 (the version in its Chart.yaml)\n  - install: install: helm needs chart, the chart\'s location: the eks-pod-identity-agent chart is published to no Helm repository (https://aws.github.io/eks-charts does not serve it); set chart.path to the charts/eks-pod-identity-agent folder of a clone of https://github.com/aws/eks-pod-identity-agent, or chart.repository to a Helm or OCI repository you published it to',
    );
    expect(() => stackOf((stack) => new PodIdentityAgent(stack, "agent", withCluster(stack, { clusterName: "c1", install: "helm", chart: { path: CHART_FOLDER }, region: "xx-north-9" })))).toThrow(
      // The cluster refuses a region that does not exist before the agent needs its registry.
      'EksCluster "eks_cluster": invalid props:\n  - region: "xx-north-9" is not an AWS region',
    );
  });
});

describe("PodIdentityAgent, install: none", () => {
  it("creates no agent, and associations depend on nothing but the namespace", async () => {
    const s = (await synthYaml(cluster("{ install: none }"))).demo!;
    expect(resources(s, "aws_eks_addon")).toEqual({});
    expect(resources(s, "helm_release")).toEqual({});
    expect(dataSources(s, "aws_eks_addon_version")).toEqual({});
    expect(parse(s).provider.helm).toBeUndefined();
    const association = Object.values(resources(s, "aws_eks_pod_identity_association"))[0]!;
    expect(association).toMatchObject({ cluster_name: "demo", namespace: "web", service_account: "web-sa" });
    expect(association.depends_on).toEqual(["kubernetes_namespace_v1.namespace_web"]);
  });

  it("leaves depends_on out when there is nothing to wait for", async () => {
    const s = (await synthYaml(cluster("{ install: none }").replace(", createNamespace: true", ""))).demo!;
    expect(Object.values(resources(s, "aws_eks_pod_identity_association"))[0]!.depends_on).toBeUndefined();
  });

  it("has no dependable from TypeScript, and refuses a version", () => {
    let agent: PodIdentityAgent | undefined;
    stackOf((stack) => {
      agent = new PodIdentityAgent(stack, "agent", withCluster(stack, { clusterName: "c1", install: "none" }));
    });
    expect(agent!.dependable).toBeUndefined();
    expect(() => stackOf((stack) => new PodIdentityAgent(stack, "agent", withCluster(stack, { clusterName: "c1", install: "none", version: "v1.3.8-eksbuild.2" })))).toThrow(
      "  - version: install: none installs no agent (EKS Auto Mode runs its own), so there is no version to pin; remove version",
    );
  });
});
