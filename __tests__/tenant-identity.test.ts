import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { EksPodIdentityAssociation } from "@cdktf/provider-aws/lib/eks-pod-identity-association";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { ServiceAccountV1 } from "@cdktf/provider-kubernetes/lib/service-account-v1";
import { Testing, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { attachmentId } from "../lib/constructs/pod-identity-role";
import { TenantIdentity, type TenantIdentityProps } from "../lib/constructs/tenant-identity";
import { dataSources, only, parse, resources, stackOf } from "./helpers";
import { withCluster, type ClusterNames } from "./cluster-fixture";
import type { Grant, StatementConfig } from "../lib";

type TestProps = Omit<TenantIdentityProps, "cluster"> & ClusterNames;
const base: TestProps = { clusterName: "demo-cluster", namespace: "nginx", serviceAccount: "nginx-sa" };

function synth(props: Partial<TestProps> = {}, id = "nginx"): string {
  return stackOf((stack) => new TenantIdentity(stack, id, withCluster(stack, { ...base, ...props })));
}

describe("TenantIdentity, used directly from TypeScript", () => {
  const out = synth({ roleName: "nginx-s3-access-role", managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3FullAccess"] });

  it("builds the Pod Identity trust policy as a data source, scoped to its service account and cluster", () => {
    const [clusterId] = Object.keys(dataSources(out, "aws_eks_cluster"));
    expect(out).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
      statement: [
        {
          sid: "AllowEksAuthToAssumeRoleForPodIdentity",
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["pods.eks.amazonaws.com"] }],
          actions: ["sts:AssumeRole", "sts:TagSession"],
          condition: [
            { test: "StringEquals", variable: "aws:RequestTag/kubernetes-namespace", values: ["nginx"] },
            { test: "StringEquals", variable: "aws:RequestTag/kubernetes-service-account", values: ["nginx-sa"] },
            { test: "StringEquals", variable: "aws:RequestTag/eks-cluster-arn", values: [`\${data.aws_eks_cluster.${clusterId}.arn}`] },
          ],
        },
      ],
    });
  });

  it("creates the role from that trust policy", () => {
    const [trustId] = Object.keys(dataSources(out, "aws_iam_policy_document"));
    expect(out).toHaveResourceWithProperties(IamRole, {
      name: "nginx-s3-access-role",
      path: "/",
      max_session_duration: 3600,
      assume_role_policy: `\${data.aws_iam_policy_document.${trustId}.json}`,
    });
  });

  it("attaches each managed policy", () => {
    const roleId = Object.keys(resources(out, "aws_iam_role"))[0];
    expect(out).toHaveResourceWithProperties(IamRolePolicyAttachment, {
      role: `\${aws_iam_role.${roleId}.name}`,
      policy_arn: "arn:aws:iam::aws:policy/AmazonS3FullAccess",
    });
  });

  it("creates the service account without any IRSA annotation", () => {
    expect(out).toHaveResourceWithProperties(ServiceAccountV1, {
      metadata: { name: "nginx-sa", namespace: "nginx", labels: { "app.kubernetes.io/managed-by": "eks-pod-identity-tenants" } },
    });
    expect(only(out, "kubernetes_service_account_v1").metadata.annotations).toBeUndefined();
    expect(out).not.toContain("eks.amazonaws.com/role-arn");
  });

  it("associates the service account with the role", () => {
    const roleId = Object.keys(resources(out, "aws_iam_role"))[0];
    expect(out).toHaveResourceWithProperties(EksPodIdentityAssociation, {
      cluster_name: "demo-cluster",
      namespace: "nginx",
      service_account: "nginx-sa",
      role_arn: `\${aws_iam_role.${roleId}.arn}`,
    });
  });

  it("puts the role and the association into the stack's one tenants output, under the tenant's name", () => {
    const outputs = parse(out).output;
    expect(Object.keys(outputs)).toEqual(["tenants"]);
    const role = Object.keys(resources(out, "aws_iam_role"))[0]!;
    const association = Object.keys(resources(out, "aws_eks_pod_identity_association"))[0]!;
    expect(outputs.tenants.value).toEqual({
      nginx: {
        role_arn: `\${aws_iam_role.${role}.arn}`,
        role_name: `\${aws_iam_role.${role}.name}`,
        association_id: `\${aws_eks_pod_identity_association.${association}.association_id}`,
        association_arn: `\${aws_eks_pod_identity_association.${association}.association_arn}`,
      },
    });
  });
});

describe("TenantIdentity options", () => {
  it("derives the role name from its ID and the cluster when none is given", () => {
    expect(synth()).toHaveResourceWithProperties(IamRole, { name: "nginx.demo-cluster" });
  });

  it("passes path, boundary, session length and tags to the role and tags to the association", () => {
    const out = synth({
      rolePath: "/tenants/",
      permissionsBoundaryArn: "arn:aws:iam::111122223333:policy/boundary",
      maxSessionDuration: 7200,
      tags: { team: "web" },
    });
    expect(out).toHaveResourceWithProperties(IamRole, {
      path: "/tenants/",
      permissions_boundary: "arn:aws:iam::111122223333:policy/boundary",
      max_session_duration: 7200,
      tags: { team: "web" },
    });
    expect(out).toHaveResourceWithProperties(EksPodIdentityAssociation, { tags: { team: "web" } });
  });

  it("leaves the service account to others when asked", () => {
    const out = synth({ createServiceAccount: false });
    expect(out).not.toHaveResource(ServiceAccountV1);
    expect(out).toHaveResource(EksPodIdentityAssociation);
  });

  it("makes the service account and the association wait for what it is given", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "s");
    const first = new TenantIdentity(stack, "first", withCluster(stack, base));
    new TenantIdentity(stack, "second", withCluster(stack, { ...base, serviceAccount: "other", dependsOn: [first.role] }));
    const out = Testing.synth(stack);
    const firstRole = `aws_iam_role.${Object.keys(resources(out, "aws_iam_role")).find((k) => k.startsWith("first_"))}`;
    const assoc = Object.entries(resources(out, "aws_eks_pod_identity_association")).find(([k]) => k.startsWith("second_"))![1];
    const sa = Object.entries(resources(out, "kubernetes_service_account_v1")).find(([k]) => k.startsWith("second_"))![1];
    expect(assoc.depends_on).toEqual([firstRole]);
    expect(sa.depends_on).toEqual([firstRole]);
  });

  it("gives each managed policy an address from its ARN, not its position", () => {
    const a = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    const b = "arn:aws:iam::111122223333:policy/team/extra";
    const ab = Object.keys(resources(synth({ managedPolicyArns: [a, b] }), "aws_iam_role_policy_attachment"));
    const ba = Object.keys(resources(synth({ managedPolicyArns: [b, a] }), "aws_iam_role_policy_attachment"));
    expect(ab.sort()).toEqual(ba.sort());
    expect(attachmentId(b)).toBe("policy-111122223333-team.extra");
    expect(attachmentId(a)).toBe("policy-aws-ReadOnlyAccess");
  });
});

describe("TenantIdentity prop validation", () => {
  it("reports every bad prop at once, with the same rules as the tenants file", () => {
    expect(() =>
      synth({
        namespace: "Bad_NS",
        serviceAccount: "",
        roleName: "has space",
        rolePath: "nope",
        maxSessionDuration: 100,
        managedPolicyArns: ["AmazonS3FullAccess"],
      }),
    ).toThrow(
      [
        'TenantIdentity "nginx": invalid props:',
        `  - namespace: "Bad_NS" is not a valid namespace: a DNS-1123 label of at most 63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit`,
        `  - serviceAccount: "" is not a valid service account name: a DNS-1123 subdomain of at most 253 characters of a-z, 0-9, '-' and '.', each dot-separated part starting and ending with a letter or digit`,
        `  - roleName: "has space" is not a valid IAM role name: 1 to 64 characters of A-Z, a-z, 0-9 and + = , . @ _ -`,
        `  - rolePath: "nope" is not a valid IAM path: '/' or a path that starts and ends with '/' with at least one character between slashes, at most 512 printable ASCII characters; /aws-service-role/ and below are reserved for service-linked roles`,
        "  - maxSessionDuration: 100 is not allowed: a whole number of seconds from 3600 to 43200",
        `  - managedPolicyArns[0]: "AmazonS3FullAccess" is not an IAM policy ARN: arn:<partition>:iam::<12-digit account or aws>:policy/<path/>name, the path without '//' and not under aws-service-role/`,
      ].join("\n"),
    );
  });

  it("refuses to create a service account that every namespace or EKS already has, with the tenants file's message", () => {
    expect(() => synth({ serviceAccount: "default" })).toThrow(
      'TenantIdentity "nginx": invalid props:\n  - serviceAccount: every namespace already has a service account named "default", so the stack must not create it; set createServiceAccount: false to associate a role with it without creating it',
    );
    expect(() => synth({ namespace: "kube-system", serviceAccount: "aws-node" })).toThrow(
      "  - serviceAccount: service account kube-system/aws-node belongs to the Amazon VPC CNI (vpc-cni), which EKS installs on every cluster, so the stack must not create it; set createServiceAccount: false to associate a role with it without creating it",
    );
    const kept = synth({ namespace: "kube-system", serviceAccount: "aws-node", createServiceAccount: false });
    expect(kept).not.toHaveResource(ServiceAccountV1);
    expect(kept).toHaveResourceWithProperties(EksPodIdentityAssociation, { namespace: "kube-system", service_account: "aws-node" });
  });

  it("checks its tags like the tenants file: characters, aws: in any case, keys that differ only in case", () => {
    expect(() => synth({ tags: { Team: "a", team: "b", "AWS:x": "v", env: "Aws:y" } })).toThrow(
      [
        'TenantIdentity "nginx": invalid props:',
        '  - tags["AWS:x"]: "AWS:x" is not a valid tag key: 1 to 128 letters, digits, spaces and _ . : / = + - @, not starting with aws: in any letter case',
        '  - tags["env"]: "Aws:y" is not a valid tag value: at most 256 letters, digits, spaces and _ . : / = + - @, not starting with aws: in any letter case',
        '  - tags["team"]: tag key "team" differs from tag key "Team" only in letter case; AWS treats tag keys case-insensitively, so they are one key. Keep one',
      ].join("\n"),
    );
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
    expect(() => synth({ tags: many })).toThrow("  - tags: each tagged resource would carry 51 tags; AWS allows at most 50 per resource");
  });

  it("refuses ARNs of another partition than its region's, with the tenants file's message", () => {
    expect(() =>
      synth({
        region: "us-gov-west-1",
        accountId: "111122223333",
        managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess2"],
        statements: [{ effect: "Allow", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*", "arn:aws-us-gov:s3:::c/*"] }],
      }),
    ).toThrow(
      [
        'TenantIdentity "nginx": invalid props:',
        '  - managedPolicyArns[0]: arn:aws:iam::aws:policy/ReadOnlyAccess is in partition "aws", but cluster "demo-cluster" is in us-gov-west-1, partition "aws-us-gov"; a role can only use ARNs of its own partition: write arn:aws-us-gov:…',
        '  - statements[0].resources[0]: arn:aws:s3:::b/* is in partition "aws", but cluster "demo-cluster" is in us-gov-west-1, partition "aws-us-gov"; a role can only use ARNs of its own partition: write arn:aws-us-gov:…',
      ].join("\n"),
    );
  });

  it("refuses a derived role name that breaks IAM's rules", () => {
    expect(() => synth({ clusterName: "bad cluster" })).toThrow(/clusterName: "bad cluster" is not a valid EKS cluster name/);
  });

  it("refuses more than 20 managed policies and a policy listed twice", () => {
    const many = Array.from({ length: 21 }, (_, i) => `arn:aws:iam::111122223333:policy/p${i}`);
    expect(() => synth({ managedPolicyArns: many })).toThrow("managedPolicyArns: attaches 21 managed policies; IAM allows at most 20 per role even after a quota raise");
    const twice = ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess"];
    expect(() => synth({ managedPolicyArns: twice })).toThrow("managedPolicyArns[1]: arn:aws:iam::aws:policy/ReadOnlyAccess is listed twice");
    // Two ARNs whose attachments would share one Terraform address (policy-111122223333-team.x.p).
    const clash = ["arn:aws:iam::111122223333:policy/team.x/p", "arn:aws:iam::111122223333:policy/team/x.p"];
    expect(() => synth({ managedPolicyArns: clash })).toThrow(
      "managedPolicyArns[1]: arn:aws:iam::111122223333:policy/team/x.p would take the same Terraform address (policy-111122223333-team.x.p) as arn:aws:iam::111122223333:policy/team.x/p; attach one of them through a policy of another name",
    );
  });
});

describe("grants and statements in their input form (the library's Grant and StatementConfig)", () => {
  const env = { accountId: "111122223333", region: "us-east-1" };
  // Typed with the exported types: this file type-checks (npm run typecheck) only if fields
  // with a default may be left out.
  const short: { grants: Grant[]; statements: StatementConfig[] } = {
    grants: [{ s3: { bucket: "orders" } }, { dynamodb: { table: "carts" } }],
    statements: [{ actions: ["sqs:SendMessage"], resources: ["arn:aws:sqs:us-east-1:111122223333:q"] }],
  };
  // The same with every default written out, as the schema documents them.
  const full: { grants: Grant[]; statements: StatementConfig[] } = {
    grants: [{ s3: { bucket: "orders", prefix: "", access: "read" } }, { dynamodb: { table: "carts", access: "read" } }],
    statements: [{ effect: "Allow", actions: ["sqs:SendMessage"], resources: ["arn:aws:sqs:us-east-1:111122223333:q"] }],
  };

  it("get the file's defaults when left out", () => {
    expect(synth({ ...env, ...short })).toBe(synth({ ...env, ...full }));
  });

  it("report what does not parse as a prop error, by path", () => {
    expect(() => synth({ ...env, grants: [{ s3: { bucket: "orders", access: "own" as "read" } }] })).toThrow(/grants\[0\]\.s3\.access: /);
  });
});

describe("TenantIdentity outputs", () => {
  it("can be turned off", () => {
    expect(parse(synth({ outputs: false })).output).toBeUndefined();
  });

  it("are keyed by the path below the stack, so one id under two parents keeps both", () => {
    const out = stackOf((stack) => {
      for (const team of ["team-a", "team-b"]) new TenantIdentity(new Construct(stack, team), "web", withCluster(stack, { ...base, namespace: team, roleName: `web-${team}` }));
    });
    const tenants = parse(out).output.tenants.value;
    expect(Object.keys(tenants)).toEqual(["team-a/web", "team-b/web"]);
    const roles = resources(out, "aws_iam_role");
    const roleOf = (ref: string) => roles[/^\$\{aws_iam_role\.([\w-]+)\.name\}$/.exec(ref)![1]!].name;
    expect([roleOf(tenants["team-a/web"].role_name), roleOf(tenants["team-b/web"].role_name)]).toEqual(["web-team-a", "web-team-b"]);
  });

  it("keep tenants whose old per-tenant output names met (a_b beside a/b) apart", () => {
    const out = stackOf((stack) => {
      new TenantIdentity(stack, "a_b", withCluster(stack, { ...base, roleName: "one" }));
      new TenantIdentity(new Construct(stack, "a"), "b", withCluster(stack, { ...base, namespace: "other", roleName: "two" }));
    });
    expect(Object.keys(parse(out).output.tenants.value)).toEqual(["a/b", "a_b"]);
  });

  it("stay one output however many tenants the stack holds", () => {
    const out = stackOf((stack) => {
      for (let i = 0; i < 50; i++) new TenantIdentity(stack, `t${i}`, withCluster(stack, { ...base, namespace: `ns-${i}`, roleName: `r${i}` }));
    });
    const outputs = parse(out).output;
    expect(Object.keys(outputs)).toEqual(["tenants"]);
    expect(Object.keys(outputs.tenants.value)).toHaveLength(50);
  });

  it("leave a tenant with outputs: false out of the map", () => {
    const out = stackOf((stack) => {
      new TenantIdentity(stack, "a", withCluster(stack, { ...base, roleName: "one" }));
      new TenantIdentity(stack, "b", withCluster(stack, { ...base, namespace: "other", roleName: "two", outputs: false }));
    });
    expect(Object.keys(parse(out).output.tenants.value)).toEqual(["a"]);
  });
});

describe("TenantIdentity service account labels and annotations", () => {
  it("puts them on the service account, beside the managed-by label, as Terraform literals", () => {
    const out = synth({
      serviceAccountLabels: { "app.kubernetes.io/part-of": "shop", team: "web" },
      serviceAccountAnnotations: { "example.com/owner": "web team ${not-a-reference} %{x}" },
    });
    expect(only(out, "kubernetes_service_account_v1").metadata).toEqual({
      name: "nginx-sa",
      namespace: "nginx",
      labels: { "app.kubernetes.io/part-of": "shop", team: "web", "app.kubernetes.io/managed-by": "eks-pod-identity-tenants" },
      annotations: { "example.com/owner": "web team $${not-a-reference} %%{x}" },
    });
  });

  it("refuses keys and values Kubernetes refuses, every one at once", () => {
    expect(() => synth({ serviceAccountLabels: { "Bad_Prefix/x": "ok", "-x": "ok", y: "not ok!", "app.kubernetes.io/managed-by": "me" }, serviceAccountAnnotations: { "a/b/c": "v" } })).toThrow(
      [
        'TenantIdentity "nginx": invalid props:',
        `  - serviceAccountLabels["Bad_Prefix/x"]: key "Bad_Prefix/x" has an invalid prefix: the part before '/' must be a DNS subdomain (lowercase a-z, 0-9, '-' and '.', at most 253 characters)`,
        `  - serviceAccountLabels["-x"]: key "-x" has an invalid name: at most 63 characters of a-z, A-Z, 0-9, '-', '_' and '.', starting and ending with a letter or digit`,
        `  - serviceAccountLabels["y"]: value "not ok!" is not a valid label value: at most 63 characters of a-z, A-Z, 0-9, '-', '_' and '.', starting and ending with a letter or digit, or empty`,
        `  - serviceAccountLabels["app.kubernetes.io/managed-by"]: is set by this project to "eks-pod-identity-tenants", marking the service account as created here; leave it out`,
        `  - serviceAccountAnnotations["a/b/c"]: key "a/b/c" has an invalid prefix: the part before '/' must be a DNS subdomain (lowercase a-z, 0-9, '-' and '.', at most 253 characters)`,
      ].join("\n"),
    );
  });

  it("refuses IRSA's role annotation, and every other eks.amazonaws.com/ annotation, whatever irsa says", () => {
    const annotation = { "eks.amazonaws.com/role-arn": "arn:aws:iam::111122223333:role/old" };
    expect(() => synth({ serviceAccountAnnotations: annotation })).toThrow(
      `serviceAccountAnnotations["eks.amazonaws.com/role-arn"]: is IRSA's role annotation: it would make pods assume that role with web identity, which AWS SDKs try before Pod Identity. Pod Identity binds the role through the association; while migrating from IRSA, irsa sets it to the tenant's own role`,
    );
    const oidcProviderArn = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
    for (const keepAnnotation of [true, false]) {
      expect(() => synth({ serviceAccountAnnotations: annotation, irsa: { oidcProviderArn, keepAnnotation } })).toThrow(/is IRSA's role annotation, which irsa sets to the tenant's own role while keepAnnotation is true; it cannot be set here/);
    }
    expect(() => synth({ serviceAccountAnnotations: { "eks.amazonaws.com/audience": "other" } })).toThrow(/serviceAccountAnnotations\["eks.amazonaws.com\/audience"\]: is read by the EKS Pod Identity webhook/);
  });
});
