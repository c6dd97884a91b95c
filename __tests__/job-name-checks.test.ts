import { problemsOf, synthYaml, resources } from "./helpers";

const CONTROLLER = `
clusters:
  - name: demo
    region: us-east-1
    controllers:
      - { name: external-dns, hostedZoneArns: [arn:aws:route53:::hostedzone/Z0123456789ABC], smokeTest: true }
`;

describe("smoke-test Job names", () => {
  it("refuse a tenant whose Job takes a controller's Job name in its namespace, naming both", async () => {
    expect(await problemsOf(`${CONTROLLER}tenants:
  - { name: controller-external-dns, namespace: default, serviceAccount: checker, smokeTest: true }
`)).toEqual([
      'tenants.yaml:8:94: tenants[0].smokeTest: the smoke-test Job of tenant "controller-external-dns" (tenants[0]) would be named "pod-identity-smoke-test-controller-external-dns" in namespace "default" on cluster "demo", like the smoke-test Job of controller "external-dns" (clusters[0].controllers[0]); Kubernetes allows one Job of a name per namespace. Rename one of them, or set smokeTest: false on one',
    ]);
  });

  it("refuse it across a cluster's stacks too: a group stack's Job lands in the same namespace", async () => {
    const lines = await problemsOf(`${CONTROLLER}tenants:
  - { name: controller-external-dns, namespace: default, serviceAccount: checker, smokeTest: true, stack: batch }
`);
    expect(lines.filter((l) => l.includes("smoke-test Job"))).toHaveLength(1);
  });

  it("accept the same names in another namespace, and Jobs that are not asked for", async () => {
    expect(await problemsOf(`${CONTROLLER}tenants:
  - { name: controller-external-dns, namespace: checks, serviceAccount: checker, smokeTest: true }
`)).toEqual([]);
    expect(await problemsOf(`${CONTROLLER}tenants:
  - { name: controller-external-dns, namespace: default, serviceAccount: checker }
`)).toEqual([]);
  });

  it("keep the names the stacks synthesize", async () => {
    const demo = (await synthYaml(`${CONTROLLER}tenants:
  - { name: web, namespace: web, serviceAccount: web, smokeTest: true }
`)).demo!;
    expect(Object.values(resources(demo, "kubernetes_job_v1")).map((j) => `${j.metadata.namespace}/${j.metadata.name}`).sort()).toEqual([
      "default/pod-identity-smoke-test-controller-external-dns",
      "web/pod-identity-smoke-test-web",
    ]);
  });
});
