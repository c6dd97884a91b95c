/**
 * Grants and statements are TypeScript types of lib/policy (permission-types.ts), written once;
 * the tenants file's zod schemas must produce exactly them. The checks below are compile-time
 * (`npx tsc -p . --noEmit` fails when the types drift); the run-time test shows that the schema's
 * defaults are the ones the construct layer fills in by hand.
 */
import type { z } from "zod";
import type { Grant, GrantInput, StatementConfig, StatementInput, Tags } from "../lib/policy/permission-types";
import { completeGrant, completeStatement } from "../lib/policy/permission-defaults";
import { grantSchema, statementSchema } from "../lib/schema/schema";

type Equal<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same = <T extends true>(): T => true as T;

describe("permission types", () => {
  it("are exactly the schema's output and input types", () => {
    expect([
      same<Equal<z.output<typeof grantSchema>, Grant>>(),
      same<Equal<z.input<typeof grantSchema>, GrantInput>>(),
      same<Equal<z.output<typeof statementSchema>, StatementConfig>>(),
      same<Equal<z.input<typeof statementSchema>, StatementInput>>(),
      same<Equal<Tags, Record<string, string>>>(),
    ]).toEqual([true, true, true, true, true]);
  });

  it("fill in the same defaults as the schema", () => {
    const grants: GrantInput[] = [
      { s3: { bucket: "b" } },
      { s3: { bucket: "b", prefix: "p/", access: "write" } },
      { dynamodb: { table: "tbl" } },
      { sqs: { queue: "q", access: "consume" } },
      { sns: { topic: "t" } },
      { secretsManager: { secret: "s" } },
      { ssm: { path: "/p/" } },
      { kms: { keyArn: "arn:aws:kms:us-east-1:111122223333:key/k" } },
    ];
    for (const g of grants) expect(completeGrant(g)).toEqual(grantSchema.parse(g));
    const statements: StatementInput[] = [
      { actions: ["s3:GetObject"], resources: ["*"] },
      { sid: "A1", effect: "Deny", actions: ["s3:*"], resources: ["*"], conditions: { Bool: { "aws:SecureTransport": false } } },
    ];
    for (const s of statements) expect(completeStatement(s)).toEqual(statementSchema.parse(s));
  });
});
