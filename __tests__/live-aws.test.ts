/** lib/live/aws.ts: real SDK clients against the stand-in EKS and IAM on 127.0.0.1. */
import { awsEnv, startAwsStandIn, type AwsStandIn } from "./stand-in/aws-api";
import { contextMismatch, describeCluster, describingCluster, existingRoles, liveEksClient, liveIamClient } from "../lib/live/aws";
import { describeAwsError } from "../lib/live/aws-errors";

const saved = { ...process.env };
let api: AwsStandIn;

beforeAll(async () => {
  api = await startAwsStandIn({
    clusters: [{ name: "demo", account: "111122223333", region: "eu-west-1", associations: [], endpoint: "https://ABC.gr7.eu-west-1.eks.amazonaws.com", issuer: "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE" }],
    roles: [
      { name: "web.demo", path: "/", account: "111122223333" },
      { name: "jobs", path: "/teams/", account: "111122223333" },
    ],
    throttleOnce: ["GetRole", "DescribeCluster"],
  });
  Object.assign(process.env, awsEnv(api.url));
});

afterAll(async () => {
  process.env = saved;
  await api.close();
});

test("GetRole finds existing roles, treats NoSuchEntity as absent, and retries a throttled call", async () => {
  const roles = await existingRoles(liveIamClient("eu-west-1"), ["web.demo", "missing.demo", "jobs"], 1);
  expect([...roles.values()]).toEqual([
    { name: "web.demo", path: "/", arn: "arn:aws:iam::111122223333:role/web.demo" },
    { name: "jobs", path: "/teams/", arn: "arn:aws:iam::111122223333:role/teams/jobs" },
  ]);
  // The first GetRole was throttled and asked again; nothing else was repeated.
  expect(api.requests.filter((r) => r.startsWith("IAM"))).toEqual(["IAM GetRole web.demo", "IAM GetRole web.demo", "IAM GetRole missing.demo", "IAM GetRole jobs"]);
  expect(api.writes).toEqual([]);
});

test("DescribeCluster gives the ARN, endpoint and OIDC issuer, after a 429", async () => {
  const c = await describeCluster(liveEksClient("eu-west-1"), "demo");
  expect(c).toEqual({
    arn: "arn:aws:eks:eu-west-1:111122223333:cluster/demo",
    endpoint: "https://ABC.gr7.eu-west-1.eks.amazonaws.com",
    issuer: "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE",
  });
  expect(api.requests.filter((r) => r === "GET /clusters/demo")).toHaveLength(2);
});

test("a missing cluster is a ResourceNotFoundException, worded as one line", async () => {
  const e = await describeCluster(liveEksClient("eu-west-1"), "gone").catch((x: unknown) => x);
  expect(e).toMatchObject({ name: "ResourceNotFoundException" });
  expect(describeAwsError(e, describingCluster("gone", "eu-west-1"))).toMatch(/^cluster gone was not found in eu-west-1: \S/);
});

test("the kubeconfig context must point at the cluster's endpoint", () => {
  const cluster = { endpoint: "https://ABC.gr7.eu-west-1.eks.amazonaws.com" };
  expect(contextMismatch("https://abc.gr7.eu-west-1.eks.amazonaws.com/", cluster, "demo", "ctx")).toBeUndefined();
  expect(contextMismatch("https://other.example", cluster, "demo", "ctx")).toBe(
    "the kubeconfig's current context ctx points at https://other.example, but cluster demo is at https://ABC.gr7.eu-west-1.eks.amazonaws.com; switch context (aws eks update-kubeconfig --name demo)",
  );
});

test("for a cluster with a deploy role, the context hint writes a context that uses the role", () => {
  expect(contextMismatch("https://other.example", { endpoint: "https://ABC.gr7.eu-west-1.eks.amazonaws.com" }, "demo", "ctx", "arn:aws:iam::111122223333:role/pod-identity-deploy")).toBe(
    "the kubeconfig's current context ctx points at https://other.example, but cluster demo is at https://ABC.gr7.eu-west-1.eks.amazonaws.com; switch context (aws eks update-kubeconfig --name demo --role-arn arn:aws:iam::111122223333:role/pod-identity-deploy)",
  );
});
