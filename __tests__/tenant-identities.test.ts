/**
 * Namespaces the stack creates, and what waits for them: every Kubernetes object in a created
 * namespace depends on it directly, whoever owns the object (tenant, controller, smoke test), so
 * none is created before it and none outlives it in a destroy.
 */
import { parse, resources, synthYaml, type Json } from "./helpers";

const FILE = `
clusters:
  - name: prod
    region: eu-west-1
    accountId: "111122223333"
    controllers:
      - { name: aws-efs-csi-driver, namespace: storage, createNamespace: true, createServiceAccount: true, smokeTest: true }
      - { name: aws-ebs-csi-driver, createServiceAccount: false, smokeTest: true }
tenants:
  - { name: a, namespace: shop, serviceAccount: a, createNamespace: true, smokeTest: true }
  - { name: b, namespace: shop, serviceAccount: b, createNamespace: true, createServiceAccount: false, smokeTest: true }
  - { name: c, namespace: existing, serviceAccount: c, smokeTest: true }
  - { name: d, namespace: storage, serviceAccount: d, createNamespace: true }
  - { name: g, namespace: group-ns, serviceAccount: g, createNamespace: true, smokeTest: true, stack: blue }
`;

/** Every Kubernetes object of a stack but namespaces, as `type.id` with its namespace and depends_on. */
function kubernetesObjects(stack: Json): Array<{ address: string; namespace: string; dependsOn: string[] }> {
  return Object.entries<Json>(stack.resource ?? {})
    .filter(([type]) => type.startsWith("kubernetes_") && type !== "kubernetes_namespace_v1")
    .flatMap(([type, byId]) => Object.entries<Json>(byId).map(([id, r]) => ({ address: `${type}.${id}`, namespace: r.metadata.namespace as string, dependsOn: (r.depends_on ?? []) as string[] })));
}

let out: Record<string, string>;
beforeAll(async () => {
  out = await synthYaml(FILE);
});

it("creates each namespace once, by name, in the stack of the entries that live in it", () => {
  expect(Object.values(resources(out.prod!, "kubernetes_namespace_v1"))).toEqual([
    expect.objectContaining({ metadata: { name: "shop" } }),
    expect.objectContaining({ metadata: { name: "storage" } }),
  ]);
  expect(Object.keys(resources(out.prod!, "kubernetes_namespace_v1"))).toEqual(["namespace_shop", "namespace_storage"]);
  expect(Object.keys(resources(out["prod-blue"]!, "kubernetes_namespace_v1"))).toEqual(["namespace_group-ns"]);
});

it("makes every Kubernetes object in a created namespace depend on it, in every stack", () => {
  for (const stack of ["prod", "prod-blue"]) {
    const json = parse(out[stack]!);
    const created = new Set(Object.values<Json>(json.resource.kubernetes_namespace_v1).map((n) => n.metadata.name as string));
    const objects = kubernetesObjects(json).filter((o) => created.has(o.namespace));
    expect(objects.length).toBeGreaterThan(0);
    for (const o of objects) expect({ address: o.address, dependsOn: o.dependsOn }).toEqual({ address: o.address, dependsOn: expect.arrayContaining([`kubernetes_namespace_v1.namespace_${o.namespace}`]) });
  }
});

it("covers tenants' service accounts and smoke tests, with or without a service account of the stack's", () => {
  const prod = parse(out.prod!).resource;
  const account = Object.entries<Json>(prod.kubernetes_service_account_v1).find(([id]) => id.startsWith("a_service-account_"))![1];
  expect(account.depends_on).toContain("kubernetes_namespace_v1.namespace_shop");
  const jobs = Object.values<Json>(prod.kubernetes_job_v1);
  const job = (name: string) => jobs.find((j) => j.metadata.name === name)!;
  expect(job("pod-identity-smoke-test-a").depends_on).toContain("kubernetes_namespace_v1.namespace_shop");
  // b's service account is someone else's: the Job still waits for the namespace itself.
  expect(job("pod-identity-smoke-test-b").depends_on).toEqual([expect.stringMatching(/^aws_eks_pod_identity_association\.b_association_/), "kubernetes_namespace_v1.namespace_shop"]);
  expect(job("pod-identity-smoke-test-c").depends_on).not.toEqual(expect.arrayContaining([expect.stringMatching(/^kubernetes_namespace_v1\./)]));
  expect(parse(out["prod-blue"]!).resource.kubernetes_job_v1).toEqual({
    [Object.keys(parse(out["prod-blue"]!).resource.kubernetes_job_v1)[0]!]: expect.objectContaining({ depends_on: expect.arrayContaining(["kubernetes_namespace_v1.namespace_group-ns"]) }),
  });
});

it("covers a controller's service account, association and smoke test, never in parallel with the namespace", () => {
  const prod = parse(out.prod!).resource;
  const efs = (type: string) => Object.entries<Json>(prod[type]).filter(([id]) => id.startsWith("controller_aws-efs-csi-driver_")).map(([, r]) => r);
  expect(efs("kubernetes_service_account_v1")).toEqual([expect.objectContaining({ metadata: expect.objectContaining({ namespace: "storage" }), depends_on: expect.arrayContaining(["kubernetes_namespace_v1.namespace_storage"]) })]);
  expect(efs("aws_eks_pod_identity_association")[0]!.depends_on).toContain("kubernetes_namespace_v1.namespace_storage");
  expect(efs("kubernetes_job_v1")[0]!.depends_on).toContain("kubernetes_namespace_v1.namespace_storage");
  // The EBS driver lives in kube-system, which the stack never creates.
  const ebsJob = Object.entries<Json>(prod.kubernetes_job_v1).find(([id]) => id.startsWith("controller_aws-ebs-csi-driver_"))![1];
  expect(ebsJob.depends_on).toEqual([expect.stringMatching(/^aws_eks_pod_identity_association\.controller_aws-ebs-csi-driver_association_/)]);
});

it("keeps a namespace while a controller lives in it, when its last tenant goes", async () => {
  const withoutD = await synthYaml(FILE.replace(/^ {2}- \{ name: d, .*\n/m, ""));
  const accounts = (s: string) => Object.values(resources(s, "aws_eks_pod_identity_association")).map((a) => a.service_account);
  expect(accounts(out.prod!)).toContain("d");
  expect(accounts(withoutD.prod!)).not.toContain("d");
  expect(resources(withoutD.prod!, "kubernetes_namespace_v1").namespace_storage).toEqual(resources(out.prod!, "kubernetes_namespace_v1").namespace_storage);
});
