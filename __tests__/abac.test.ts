import { placeholderProblem, substitutePlaceholders, SESSION_TAG_VARIABLES } from "../lib/policy/abac";

describe("placeholders", () => {
  it("map to session-tag variables in a shared role", () => {
    expect(substitutePlaceholders("${namespace}/${serviceAccount}/${cluster}/${aws:username}", SESSION_TAG_VARIABLES)).toBe(
      "${aws:PrincipalTag/kubernetes-namespace}/${aws:PrincipalTag/kubernetes-service-account}/${aws:PrincipalTag/eks-cluster-name}/${aws:username}",
    );
  });

  it("accept IAM policy variables and special characters, and refuse anything else", () => {
    expect(placeholderProblem("${aws:username}/${*}/${namespace}")).toBeUndefined();
    expect(placeholderProblem("${ns}")).toBe('"${ns}" uses ${ns}, which is not a placeholder; allowed: ${namespace}, ${serviceAccount}, ${cluster}, or an IAM policy variable such as ${aws:username}');
    expect(placeholderProblem("a/${namespace")).toBe('"a/${namespace" has a "${" without its closing "}"');
  });
});
