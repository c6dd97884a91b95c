import { hasMemberPlaceholder, memberBoundaryProblem, memberPlaceholder, substituteMember, tokenize } from "../lib/policy/placeholder-boundaries";

const MEMBER = { namespace: "team", serviceAccount: "app.v1", cluster: "Prod_1" };

describe("member placeholders", () => {
  it("are the file's own and their session-tag forms, the tag key in any case", () => {
    expect(memberPlaceholder("namespace")).toBe("namespace");
    expect(memberPlaceholder("aws:PrincipalTag/kubernetes-namespace")).toBe("namespace");
    expect(memberPlaceholder("aws:principaltag/Kubernetes-Service-Account")).toBe("serviceAccount");
    expect(memberPlaceholder("aws:PrincipalTag/eks-cluster-name")).toBe("cluster");
    // Per pod, or the same for every member: these do not tell members apart.
    expect(memberPlaceholder("aws:PrincipalTag/kubernetes-pod-name")).toBeUndefined();
    expect(memberPlaceholder("aws:PrincipalTag/eks-cluster-arn")).toBeUndefined();
    expect(memberPlaceholder("aws:username")).toBeUndefined();
  });

  it("are filled in for one member in either form; IAM's literal characters stay characters", () => {
    expect(substituteMember("a/${namespace}/${aws:PrincipalTag/kubernetes-service-account}/${cluster}/${aws:username}", MEMBER)).toBe("a/team/app.v1/Prod_1/${aws:username}");
    expect(tokenize("${*}${aws:username}")).toEqual([{ kind: "char", ch: "*", escaped: true }, { kind: "unknown", text: "${aws:username}" }]);
    expect(hasMemberPlaceholder("arn:aws:s3:::b/${aws:username}/*")).toBe(false);
    expect(hasMemberPlaceholder("arn:aws:s3:::b/${aws:PrincipalTag/kubernetes-namespace}/*")).toBe(true);
  });
});

describe("a member placeholder's boundary", () => {
  it.each([
    "arn:aws:s3:::b/${namespace}/*",
    "arn:aws:s3:::b/team-${namespace}/*",
    "arn:aws:sqs:us-east-1:111122223333:jobs-${namespace}",
    "arn:aws:sqs:us-east-1:111122223333:${namespace}_${serviceAccount}_${cluster}",
    "arn:aws:s3:::b/${namespace}.${cluster}/*",
    "arn:aws:s3:::b/${cluster}.x*",
    "arn:aws:s3:::b/${namespace}:${serviceAccount}/*",
    "arn:aws:s3:::b/${namespace}${*}",
    "arn:aws:s3:::b/${namespace}/${aws:username}/*",
    // A wildcard before, with fixed text after and a delimiter right before: the mirror image.
    "arn:aws:s3:::b/*/${namespace}/",
    "arn:aws:dynamodb:*:111122223333:table/${namespace}",
    "arn:aws:ssm:*:*:parameter/teams/${namespace}/${serviceAccount}",
  ])("accepts %s: a character the value cannot hold comes first", (s) => {
    expect(memberBoundaryProblem(s)).toBeUndefined();
  });

  it.each([
    ["arn:aws:s3:::b/${namespace}*", "puts the wildcard '*' right after ${namespace}"],
    ["arn:aws:s3:::b/team-${namespace}*", "puts the wildcard '*' right after ${namespace}"],
    ["arn:aws:s3:::b/${namespace}-x*", "puts '-' right after ${namespace}"],
    ["arn:aws:s3:::b/${namespace}?", "puts the wildcard '?' right after ${namespace}"],
    ["arn:aws:s3:::b/${serviceAccount}.x", "puts '.' right after ${serviceAccount}"],
    ["arn:aws:s3:::b/${cluster}_x", "puts '_' right after ${cluster}"],
    ["arn:aws:s3:::b/${aws:PrincipalTag/kubernetes-namespace}-x/*", "puts '-' right after ${aws:PrincipalTag/kubernetes-namespace}"],
    ["arn:aws:s3:::b/${namespace}${serviceAccount}/", "puts ${serviceAccount} right after ${namespace}"],
    ["arn:aws:s3:::b/${namespace}${aws:username}/", "puts ${aws:username} right after ${namespace}"],
    ["arn:aws:s3:::b/*/${namespace}/*", "has '*' before ${namespace} and a wildcard after it"],
    ["arn:aws:s3:::b-?/${namespace}/?", "has '?' before ${namespace} and a wildcard after it"],
    ["arn:aws:ssm:*:*:parameter/teams/${namespace}/*", "has '*' before ${namespace} and a wildcard after it"],
    ["arn:aws:s3:::b/*-${namespace}", "has '*' before ${namespace} and '-' right before it"],
    ["arn:aws:s3:::b/*${namespace}", "has '*' before ${namespace} and the wildcard '*' right before it"],
    ["arn:aws:s3:::b/${aws:PrincipalTag/kubernetes-pod-name}-${namespace}/", "has ${aws:PrincipalTag/kubernetes-pod-name} before ${namespace} and '-' right before it"],
  ])("refuses %s", (s, why) => {
    expect(memberBoundaryProblem(s)).toContain(why);
  });

  it("names what a value may hold and what is allowed", () => {
    expect(memberBoundaryProblem("team-${namespace}*", { note: "the grant adds '*' after the prefix" })).toBe(
      `"team-\${namespace}*" (the grant adds '*' after the prefix) puts the wildcard '*' right after \${namespace}, so one member's value can run into another's (a namespace is a DNS-1123 label: a-z, 0-9 and '-'); follow each placeholder with a character its values cannot contain, such as '/' or ':', before any wildcard, as in \${namespace}/*`,
    );
    expect(memberBoundaryProblem("x/*/${namespace}/*")).toBe(
      `"x/*/\${namespace}/*" has '*' before \${namespace} and a wildcard after it: the first can stand for another member's value and what follows it, so one member would reach another's resources; put \${namespace} before any wildcard or policy variable`,
    );
    expect(memberBoundaryProblem("x*-${namespace}")).toBe(
      `"x*-\${namespace}" has '*' before \${namespace} and '-' right before it, so the wildcard can take part of another member's value (a namespace is a DNS-1123 label: a-z, 0-9 and '-'); put a character its values cannot contain, such as '/' or ':', right before it, or the placeholder before any wildcard`,
    );
  });

  it("treats '*' and '?' as plain characters where the operator does (StringEquals)", () => {
    expect(memberBoundaryProblem("${namespace}*", { wildcardChars: false })).toBeUndefined();
    expect(memberBoundaryProblem("${namespace}-x", { wildcardChars: false })).toContain("puts '-' right after ${namespace}");
  });
});
