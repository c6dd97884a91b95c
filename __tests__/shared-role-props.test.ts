import { SharedRole } from "../lib/constructs/shared-role";
import { stackOf } from "./helpers";
import { withCluster } from "./cluster-fixture";

describe("the SharedRole construct", () => {
  const members = [
    { name: "a", namespace: "a", serviceAccount: "app" },
    { name: "b", namespace: "b", serviceAccount: "app" },
  ];
  it("refuses the same placeholders and members as the tenants file", () => {
    expect(() =>
      stackOf((s) => new SharedRole(s, "teams", withCluster(s, { clusterName: "demo", accountId: "111122223333", region: "us-east-1", members, grants: [{ s3: { bucket: "acme", prefix: "${serviceAccount}/" } }, { sqs: { queue: "${namespace}-jobs", access: "send" } }] }))),
    ).toThrow(
      `SharedRole "teams": invalid props:
  - grants[1].sqs.queue: "\${namespace}-jobs" puts '-' right after \${namespace}, so one member's value can run into another's (a namespace is a DNS-1123 label: a-z, 0-9 and '-'); follow each placeholder with a character its values cannot contain, such as '/' or ':', before any wildcard, as in \${namespace}/*
  - members[1]: member "b" and member "a" (members[0]) would reach the same resources through shared role "teams": grants[0] gives member "a" "arn:<partition>:s3:::acme/app/*" and member "b" "arn:<partition>:s3:::acme/app/*". Its placeholders must tell members apart (for example \${namespace}/\${serviceAccount}/); change them, or give one of the two a role of its own`,
    );
  });

  it("accepts members that its placeholders tell apart", () => {
    expect(() => stackOf((s) => new SharedRole(s, "teams", withCluster(s, { clusterName: "demo", accountId: "111122223333", region: "us-east-1", members, grants: [{ s3: { bucket: "acme", prefix: "${namespace}/" } }] })))).not.toThrow();
  });
});
