import { only, problemsOf, synthYaml } from "./helpers";
import { labelValueProblem, metadataKeyProblem, serviceAccountMetadataProblems } from "../lib/kubernetes/kubernetes-metadata";

// The rules of https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set,
// at their edges.
describe("label and annotation keys", () => {
  it.each(["team", "a", "A.b_c-9", "x".repeat(63), "example.com/team", "app.kubernetes.io/part-of", `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(61)}/n`])("accept %s", (k) => {
    expect(metadataKeyProblem(k)).toBeUndefined();
  });

  it.each(["", "x".repeat(64), "-a", "a-", "a b", "Example.com/x", "/x", "example.com/", "a/b/c", `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(62)}/n`, "exa_mple.com/x"])("refuse %j", (k) => {
    expect(metadataKeyProblem(k)).toMatch(/^key .* has an invalid (prefix|name)/);
  });
});

describe("label values", () => {
  it.each(["", "v", "V1.2_3-x", "x".repeat(63)])("accept %j", (v) => expect(labelValueProblem(v)).toBeUndefined());
  it.each(["x".repeat(64), "-v", "v.", "a/b", "with space"])("refuse %j", (v) => expect(labelValueProblem(v)).toMatch(/is not a valid label value/));
});

describe("annotations", () => {
  const check = (annotations: Record<string, string>) => serviceAccountMetadataProblems({ serviceAccountAnnotations: annotations });

  it("take any value, up to 256 KiB of keys and values together", () => {
    expect(check({ "example.com/config": "{ \"any\": [\"thing\"] }\n" })).toEqual([]);
    expect(check({ a: "x".repeat(256 * 1024 - 1) })).toEqual([]);
    expect(check({ a: "x".repeat(256 * 1024) })).toEqual([{ path: ["serviceAccountAnnotations"], message: "total 262145 bytes of keys and values; Kubernetes allows at most 262144" }]);
  });

  it("count bytes, not characters", () => {
    expect(check({ a: "é".repeat(128 * 1024) })[0]?.message).toMatch(/^total 262145 bytes/);
  });

  // Every annotation the EKS Pod Identity webhook reads (amazon-eks-pod-identity-webhook
  // pkg/annotations/constants.go), one it may add later, and IRSA's role with irsa set or not.
  const WEBHOOK = ["eks.amazonaws.com/role-arn", "eks.amazonaws.com/audience", "eks.amazonaws.com/sts-regional-endpoints", "eks.amazonaws.com/token-expiration", "eks.amazonaws.com/skip-containers", "eks.amazonaws.com/some-future-key"];
  it.each(WEBHOOK)("refuse %s, which changes the credentials pods get, with irsa or without", (k) => {
    for (const irsa of [undefined, { keepAnnotation: true }, { keepAnnotation: false }]) {
      const problems = serviceAccountMetadataProblems({ serviceAccountAnnotations: { [k]: "x" }, irsa });
      expect(problems).toHaveLength(1);
      expect(problems[0]!.path).toEqual(["serviceAccountAnnotations", k]);
    }
  });

  it("say why, for IRSA's role and for the rest of the prefix", () => {
    expect(serviceAccountMetadataProblems({ serviceAccountAnnotations: { "eks.amazonaws.com/role-arn": "arn:aws:iam::111122223333:role/admin" }, irsa: { keepAnnotation: false } })[0]!.message).toBe(
      "is IRSA's role annotation, which irsa sets to the tenant's own role while keepAnnotation is true; it cannot be set here, to this or any other role",
    );
    expect(check({ "eks.amazonaws.com/audience": "sts.amazonaws.com" })[0]!.message).toBe(
      "is read by the EKS Pod Identity webhook (IRSA), and every eks.amazonaws.com/ annotation on a service account changes the credentials its pods get (token audience, lifetime or STS endpoint); only irsa sets IRSA's annotation. Leave eks.amazonaws.com/ annotations out",
    );
  });

  it("leave other prefixes that merely contain the name alone", () => {
    expect(check({ "x.eks.amazonaws.com/role-arn": "a", "eks.amazonaws.com.example.org/role-arn": "b", "role-arn": "c" })).toEqual([]);
  });
});

describe("in the tenants file", () => {
  const file = (tenant: string) => `clusters:
  - { name: demo, region: us-east-1 }
tenants:
  - name: web
    namespace: web
    serviceAccount: app
${tenant}`;

  it("puts the labels and annotations on the service account the stack creates", async () => {
    const out = (await synthYaml(file(`    serviceAccountLabels: { team: web }
    serviceAccountAnnotations: { "example.com/docs": "https://example.com/\${path}" }
`))).demo!;
    expect(only(out, "kubernetes_service_account_v1").metadata).toEqual({
      name: "app",
      namespace: "web",
      labels: { team: "web", "app.kubernetes.io/managed-by": "eks-pod-identity-tenants" },
      annotations: { "example.com/docs": "https://example.com/$\${path}" },
    });
  });

  it("points at each bad key, value and setting, all at once", async () => {
    expect(
      await problemsOf(
        file(`    createServiceAccount: true
    serviceAccountLabels: { "Team/x": web, ok: "bad value" }
    serviceAccountAnnotations: { eks.amazonaws.com/role-arn: "arn:aws:iam::111122223333:role/old" }
`),
      ),
    ).toEqual([
      `tenants.yaml:8:39: tenants[0].serviceAccountLabels["Team/x"]: key "Team/x" has an invalid prefix: the part before '/' must be a DNS subdomain (lowercase a-z, 0-9, '-' and '.', at most 253 characters)`,
      `tenants.yaml:8:48: tenants[0].serviceAccountLabels.ok: value "bad value" is not a valid label value: at most 63 characters of a-z, A-Z, 0-9, '-', '_' and '.', starting and ending with a letter or digit, or empty`,
      `tenants.yaml:9:62: tenants[0].serviceAccountAnnotations["eks.amazonaws.com/role-arn"]: is IRSA's role annotation: it would make pods assume that role with web identity, which AWS SDKs try before Pod Identity. Pod Identity binds the role through the association; while migrating from IRSA, irsa sets it to the tenant's own role`,
    ]);
  });

  it("refuses them on a service account the stack does not create", async () => {
    expect(await problemsOf(file(`    createServiceAccount: false
    serviceAccountLabels: { team: web }
`))).toEqual(["tenants.yaml:8:27: tenants[0].serviceAccountLabels: has no effect with createServiceAccount: false: the tool that creates the service account sets its metadata"]);
  });
});
