import { accountRelation } from "../lib/aws/account-scope";

describe("accountRelation", () => {
  it("takes two clusters without accountId to share one account", () => {
    expect(accountRelation(undefined, undefined)).toBe("same");
  });

  it("says a cluster without accountId may be in the account another pins, in either order", () => {
    expect(accountRelation("111122223333", undefined)).toBe("maybe");
    expect(accountRelation(undefined, "111122223333")).toBe("maybe");
  });

  it("compares two pinned accounts", () => {
    expect(accountRelation("111122223333", "111122223333")).toBe("same");
    expect(accountRelation("111122223333", "444455556666")).toBe("different");
  });
});
