/** lib/live/aws-errors.ts: one line per AWS failure, the same wording for every live command. */
import { describeAwsError } from "../lib/live/aws-errors";
import { describingCluster, readingRoles } from "../lib/live/aws";
import { DeployRoleError } from "../lib/live/deploy-role-credentials";
import { readingAssociations } from "../lib/live/drift-aws";

const err = (name: string, message: string, extra: object = {}) => Object.assign(new Error(message), { name }, extra);
const associations = readingAssociations("demo", "eu-west-1");

it("names a missing cluster, when the call is about one", () => {
  expect(describeAwsError(err("ResourceNotFoundException", "No cluster found for name: nope."), readingAssociations("nope", "us-east-1"))).toBe("cluster nope was not found in us-east-1: No cluster found for name: nope.");
  expect(describeAwsError(err("ResourceNotFoundException", "No cluster found for name: gone."), describingCluster("gone", "eu-west-1"))).toBe("cluster gone was not found in eu-west-1: No cluster found for name: gone.");
  expect(describeAwsError(err("ResourceNotFoundException", "gone"), readingRoles("eu-west-1"))).toBe("ResourceNotFoundException reading roles with IAM GetRole in eu-west-1: gone");
});

it("says how to give credentials, keeping only the first line of the SDK's message", () => {
  const line = "no AWS credentials for us-east-1: Could not load credentials from any providers (set AWS_PROFILE, or run where credentials are available)";
  expect(describeAwsError(err("CredentialsProviderError", "Could not load credentials from any providers\nmore"), readingAssociations("demo", "us-east-1"))).toBe(line);
  expect(describeAwsError(err("CredentialsProviderError", "Could not load credentials from any providers"), readingRoles("us-east-1"))).toBe(line);
});

it("names the IAM actions a denied call needs", () => {
  expect(describeAwsError(err("AccessDeniedException", "User is not authorized"), associations)).toBe(
    "access denied reading the Pod Identity associations of cluster demo in eu-west-1: User is not authorized (needs eks:ListPodIdentityAssociations and eks:DescribePodIdentityAssociation)",
  );
  expect(describeAwsError(err("AccessDeniedException", "User is not authorized"), describingCluster("demo", "eu-west-1"))).toBe("access denied describing cluster demo in eu-west-1: User is not authorized (needs eks:DescribeCluster)");
  expect(describeAwsError(err("AccessDenied", "User is not authorized to perform: iam:GetRole"), readingRoles("eu-west-1"))).toBe(
    "access denied reading roles with IAM GetRole in eu-west-1: User is not authorized to perform: iam:GetRole (needs iam:GetRole)",
  );
});

it("says an endpoint cannot be reached, by the error's code or by Node's network error in the message", () => {
  expect(describeAwsError(err("Error", "connect ECONNREFUSED 127.0.0.1:1"), readingRoles("eu-west-1"))).toBe("cannot reach AWS reading roles with IAM GetRole in eu-west-1: connect ECONNREFUSED 127.0.0.1:1");
  expect(describeAwsError(err("Error", "refused", { code: "ECONNREFUSED" }), associations)).toBe("cannot reach AWS reading the Pod Identity associations of cluster demo in eu-west-1: refused");
  expect(describeAwsError(err("Error", "getaddrinfo ENOTFOUND eks.eu-west-1.amazonaws.com"), associations)).toMatch(/^cannot reach AWS /);
});

it("names the request and HTTP status of a timeout and of any other error", () => {
  const request = { $metadata: { httpStatusCode: 503 }, $request: "GET https://eks.eu-west-1.amazonaws.com/clusters/demo" };
  expect(describeAwsError(err("TimeoutError", "socket hang up", request), describingCluster("demo", "eu-west-1"))).toBe(
    "timed out describing cluster demo in eu-west-1: socket hang up (HTTP 503 from GET https://eks.eu-west-1.amazonaws.com/clusters/demo)",
  );
  expect(describeAwsError(err("ThrottlingException", "Rate exceeded", request), describingCluster("demo", "eu-west-1"))).toBe(
    "ThrottlingException describing cluster demo in eu-west-1: Rate exceeded (HTTP 503 from GET https://eks.eu-west-1.amazonaws.com/clusters/demo)",
  );
  expect(describeAwsError("boom", associations)).toBe("Error reading the Pod Identity associations of cluster demo in eu-west-1: boom");
});

it("keeps the line of a failed AssumeRole of the deploy role and of a network limit, which name their own cause", () => {
  const e = Object.assign(new DeployRoleError("cannot assume the deploy role arn:aws:iam::111122223333:role/deploy: AccessDenied: not authorized"), { $metadata: { httpStatusCode: 403 }, $request: "POST https://sts.eu-west-1.amazonaws.com/" });
  expect(describeAwsError(e, readingRoles("eu-west-1"))).toBe(
    "cannot assume the deploy role arn:aws:iam::111122223333:role/deploy: AccessDenied: not authorized (HTTP 403 from POST https://sts.eu-west-1.amazonaws.com/)",
  );
  expect(describeAwsError(err("NetworkTimeout", "timed out after 30 s waiting for EKS"), associations)).toBe("timed out after 30 s waiting for EKS");
});
