/** lib/policy/session-tag-reads.ts: whether a role's policies read the EKS session tags. */
import { sessionTagRead } from "../lib/policy/session-tag-reads";
import { grantSchema, statementSchema } from "../lib/schema/schema";

const grant = (g: unknown) => grantSchema.parse(g);
const statement = (s: unknown) => statementSchema.parse(s);

describe("sessionTagRead", () => {
  it("finds each placeholder", () => {
    expect(sessionTagRead([grant({ s3: { bucket: "acme", prefix: "${namespace}/" } })], [])).toBe("${namespace}/");
    expect(sessionTagRead([], [statement({ actions: ["sqs:SendMessage"], resources: ["arn:aws:sqs:us-east-1:111122223333:${serviceAccount}"] })])).toBe("arn:aws:sqs:us-east-1:111122223333:${serviceAccount}");
    expect(sessionTagRead([grant({ dynamodb: { table: "${cluster}-orders" } })], [])).toBe("${cluster}-orders");
  });

  it("finds aws:PrincipalTag/ of any EKS session tag, in any case, as a variable or a condition key", () => {
    expect(sessionTagRead([], [statement({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::acme/${aws:PrincipalTag/kubernetes-pod-name}/*"] })])).toBe("arn:aws:s3:::acme/${aws:PrincipalTag/kubernetes-pod-name}/*");
    expect(sessionTagRead([], [statement({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::acme/*"], conditions: { StringEquals: { "aws:principaltag/EKS-Cluster-Name": "prod" } } })])).toBe("aws:principaltag/EKS-Cluster-Name");
  });

  it("ignores other tags and other policy variables", () => {
    expect(sessionTagRead([grant({ s3: { bucket: "acme", prefix: "${aws:username}/" } })], [])).toBeUndefined();
    expect(sessionTagRead([], [statement({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::acme/*"], conditions: { StringEquals: { "aws:PrincipalTag/kubernetes-namespace-owner": "x", "aws:PrincipalTag/team": "y" } } })])).toBeUndefined();
    expect(sessionTagRead([grant({ s3: { bucket: "acme", access: "read" } })], [])).toBeUndefined();
  });
});
