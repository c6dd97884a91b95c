import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { dataSources, load, parse, resources, synthYaml } from "./helpers";

const TEXT = readFileSync(join(__dirname, "..", "examples", "agent-modes-and-addons.yaml"), "utf8");

describe("examples/agent-modes-and-addons.yaml", () => {
  it("is valid, without warnings", async () => {
    const r = await load(TEXT, "examples/agent-modes-and-addons.yaml");
    expect(r.problems).toEqual([]);
  });

  it("gives each cluster its agent mode, add-ons and smoke tests", async () => {
    const stacks = await synthYaml(TEXT);
    expect(Object.keys(stacks).sort()).toEqual(["auto-mode", "eu-selfmanaged", "prod-managed"]);
    const summary = Object.fromEntries(
      Object.entries(stacks).map(([name, s]) => [
        name,
        {
          addons: Object.values(resources(s, "aws_eks_addon")).map((a) => a.addon_name).sort(),
          releases: Object.values(resources(s, "helm_release")).map((r) => `${r.repository}/${r.chart}@${r.version}`),
          helmProvider: parse(s).provider.helm !== undefined,
          versionLookups: Object.keys(dataSources(s, "aws_eks_addon_version")).length,
          associations: Object.values(resources(s, "aws_eks_pod_identity_association")).map((a) => `${a.namespace}/${a.service_account}`).sort(),
          jobs: Object.values(resources(s, "kubernetes_job_v1")).map((j) => `${j.metadata.namespace}/${j.metadata.name}`).sort(),
        },
      ]),
    );
    expect(summary).toEqual({
      "prod-managed": {
        addons: ["amazon-cloudwatch-observability", "aws-ebs-csi-driver", "eks-pod-identity-agent", "vpc-cni"],
        releases: [],
        helmProvider: false,
        versionLookups: 0,
        associations: ["reports/reports-sa", "web/web-sa"],
        jobs: ["reports/pod-identity-smoke-test-reports", "web/pod-identity-smoke-test-web"],
      },
      "eu-selfmanaged": {
        addons: ["aws-efs-csi-driver"],
        // The account's own ECR, where the example's comment pushes the chart: never eks-charts, which does not serve it.
        releases: ["oci://111122223333.dkr.ecr.eu-west-1.amazonaws.com/helm-charts/eks-pod-identity-agent@1.2.0"],
        helmProvider: true,
        versionLookups: 0,
        associations: ["web/web-sa"],
        jobs: ["web/pod-identity-smoke-test-web"],
      },
      "auto-mode": { addons: [], releases: [], helmProvider: false, versionLookups: 0, associations: ["reports/reports-sa", "web/web-sa"], jobs: ["reports/pod-identity-smoke-test-reports", "web/pod-identity-smoke-test-web"] },
    });
  });

  it("has no stack that points a release at a chart source that does not serve the chart", () => {
    const golden = join(__dirname, "golden");
    const releases = readdirSync(golden).flatMap((dir) =>
      readdirSync(join(golden, dir)).flatMap((f) => Object.values((JSON.parse(readFileSync(join(golden, dir, f), "utf8")).resource?.helm_release ?? {}) as Record<string, { repository?: string }>)),
    );
    expect(releases.length).toBeGreaterThan(0);
    for (const r of releases) expect(r.repository ?? "").not.toMatch(/aws\.github\.io\/eks-charts/);
  });

  it("binds the managed agent to IPv4 and names the CloudWatch role as given", async () => {
    const s = (await synthYaml(TEXT))["prod-managed"]!;
    const agent = Object.values(resources(s, "aws_eks_addon")).find((a) => a.addon_name === "eks-pod-identity-agent")!;
    expect(agent.configuration_values).toBe('{"agent":{"additionalArgs":{"-b":"169.254.170.23"}}}');
    expect(Object.values(resources(s, "aws_iam_role")).map((r) => r.name).sort()).toEqual([
      "addon.aws-ebs-csi-driver.prod-managed",
      "addon.vpc-cni.prod-managed",
      "prod-cloudwatch-agent",
      "reports.prod-managed",
      "web.prod-managed",
    ]);
  });

  it("makes every smoke test on Auto Mode wait only for its association (and service account and created namespace), never for an agent", async () => {
    const s = (await synthYaml(TEXT))["auto-mode"]!;
    const deps = Object.values(resources(s, "kubernetes_job_v1")).map((j) => `${j.metadata.namespace}: ${j.depends_on.map((d: string) => d.split(".")[0]).join(" ")}`);
    expect(deps.sort()).toEqual(["reports: aws_eks_pod_identity_association", "web: aws_eks_pod_identity_association kubernetes_service_account_v1 kubernetes_namespace_v1"]);
  });
});
