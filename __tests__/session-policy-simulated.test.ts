/**
 * The narrowing a session policy gives, proven with the IAM policy simulator on the
 * session-policy example's synthesized stack (examples/session-policies.yaml, through its golden
 * file, which golden.test.ts proves identical to what the app writes): one role allows reading
 * two buckets; each member's association carries a session policy for one of them.
 *
 * @cloud-copilot/iam-simulate models session policies itself (`Simulation.sessionPolicy`: a
 * request is allowed only when both the identity policies and the session policy allow it, IAM
 * user guide, policy evaluation logic), so the association's `policy` goes in as exactly that.
 * The role's own policy alone is simulated too, to show that the session policy is what denies.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import { resources, type Json } from "./helpers";
import { documentNamed, iamPolicy, mayAssume, type IamPolicy } from "./iam-simulator";

const synth = readFileSync(join(__dirname, "golden", "session-policies", "prod-east.json"), "utf8");
const ACCOUNT = "111122223333";
const ROLE = `arn:aws:iam::${ACCOUNT}:role/report-readers.prod-east`;
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/report-readers.prod-east/eks-prod-east-reporter-0123456789`;

const rolePolicy = iamPolicy(documentNamed(synth, "shared_roles_report-readers_permissions_document"));

/** The association's `policy` as EKS receives it: Terraform's `$${` escapes undone (there are no references in it here). */
function sessionPolicyOf(tenant: string): Json {
  const association = Object.entries(resources(synth, "aws_eks_pod_identity_association")).find(([k]) => k.startsWith(`${tenant}_association_`))![1];
  expect(association.disable_session_tags).toBe(true);
  return JSON.parse((association.policy as string).replace(/\$\$\{/g, "${")) as Json;
}

async function decision(action: string, resource: string, session?: Json): Promise<string> {
  const simulation = {
    identityPolicies: [{ name: "least-privilege", policy: rolePolicy }],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...(session ? { sessionPolicy: session } : {}),
    request: { action, principal: SESSION, resource: { resource, accountId: ACCOUNT }, contextVariables: {} },
  } as unknown as Simulation;
  const result = await runSimulation(simulation, {});
  if (result.resultType === "error") throw new Error(`simulation failed: ${JSON.stringify(result.errors)}`);
  return result.overallResult;
}

describe("a shared role narrowed per association by session policies", () => {
  it("lets the role alone read both buckets", async () => {
    expect(await decision("s3:GetObject", "arn:aws:s3:::acme-sales/q3.csv")).toBe("Allowed");
    expect(await decision("s3:GetObject", "arn:aws:s3:::acme-hr/salaries.csv")).toBe("Allowed");
  });

  it("lets sales' pods read acme-sales and nothing of acme-hr", async () => {
    const sales = sessionPolicyOf("sales");
    expect(await decision("s3:GetObject", "arn:aws:s3:::acme-sales/q3.csv", sales)).toBe("Allowed");
    expect(await decision("s3:ListBucket", "arn:aws:s3:::acme-sales", sales)).toBe("Allowed");
    expect(await decision("s3:GetObject", "arn:aws:s3:::acme-hr/salaries.csv", sales)).toBe("ImplicitlyDenied");
    expect(await decision("s3:ListBucket", "arn:aws:s3:::acme-hr", sales)).toBe("ImplicitlyDenied");
  });

  it("lets hr's pods read acme-hr and nothing of acme-sales", async () => {
    const hr = sessionPolicyOf("hr");
    expect(await decision("s3:GetObject", "arn:aws:s3:::acme-hr/salaries.csv", hr)).toBe("Allowed");
    expect(await decision("s3:GetObject", "arn:aws:s3:::acme-sales/q3.csv", hr)).toBe("ImplicitlyDenied");
  });

  it("never grants through the session policy what the role does not allow", async () => {
    // The session policy allows reading acme-sales; writing it is allowed by neither.
    const sales = sessionPolicyOf("sales");
    expect(await decision("s3:PutObject", "arn:aws:s3:::acme-sales/q3.csv", sales)).toBe("ImplicitlyDenied");
  });

  it("has a trust that names no namespace or service account: any association naming the role may use it", async () => {
    const trust: IamPolicy = iamPolicy(documentNamed(synth, "shared_roles_report-readers_trust"));
    const pod = (namespace: string, serviceAccount: string) => ({ namespace, serviceAccount, clusterName: "prod-east", clusterArn: `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/prod-east` });
    expect(await mayAssume(trust, ROLE, pod("sales", "reporter"))).toBe(true);
    // What docs/session-policies.md says plainly: the trust cannot tell associations apart.
    expect(await mayAssume(trust, ROLE, pod("someone-else", "default"))).toBe(true);
  });
});
