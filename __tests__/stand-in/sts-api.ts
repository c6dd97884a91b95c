/**
 * A stand-in for STS on 127.0.0.1, for the real SDK STS client: the query protocol, a form-encoded
 * POST with Action=AssumeRole, answered in XML (STS API reference, AssumeRole,
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html; errors as in
 * "Common Errors", https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface StsCall {
  readonly action: string | null;
  readonly version: string | null;
  readonly roleArn: string | null;
  readonly roleSessionName: string | null;
  readonly externalId: string | null;
  /** The access key ID the request was signed with: the caller's own credentials. */
  readonly signedWith: string | undefined;
}

export interface StsStandIn {
  readonly url: string;
  readonly calls: StsCall[];
  close(): Promise<void>;
}

export interface StsStandInOptions {
  /** The access key ID of the sessions handed out; the Nth session's is `${accessKeyId}${N}`. */
  readonly accessKeyId: string;
  /** Roles the caller may not assume: answered 403 AccessDenied. */
  readonly denied?: ReadonlyArray<string>;
  /** How long each session lasts. @default one hour, AssumeRole's default DurationSeconds */
  readonly lifetimeMs?: number;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const NS = "https://sts.amazonaws.com/doc/2011-06-15/";

export async function startStsStandIn(opts: StsStandInOptions): Promise<StsStandIn> {
  const calls: StsCall[] = [];
  const server: Server = createServer((req, res) => {
    let text = "";
    req.on("data", (d: Buffer) => (text += d.toString()));
    req.on("end", () => {
      const form = new URLSearchParams(text);
      const call: StsCall = {
        action: form.get("Action"),
        version: form.get("Version"),
        roleArn: form.get("RoleArn"),
        roleSessionName: form.get("RoleSessionName"),
        externalId: form.get("ExternalId"),
        signedWith: /Credential=([^/]+)\//.exec(req.headers.authorization ?? "")?.[1],
      };
      calls.push(call);
      const roleArn = call.roleArn ?? "";
      if (call.action !== "AssumeRole" || opts.denied?.includes(roleArn)) {
        const message = call.action !== "AssumeRole" ? `the stand-in does not serve ${call.action}` : `User: arn:aws:iam::999999999999:user/ci is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`;
        res.writeHead(call.action !== "AssumeRole" ? 400 : 403, { "content-type": "text/xml" });
        res.end(`<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${call.action !== "AssumeRole" ? "InvalidAction" : "AccessDenied"}</Code><Message>${esc(message)}</Message></Error><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>`);
        return;
      }
      const expiration = new Date(Date.now() + (opts.lifetimeMs ?? 3600_000)).toISOString();
      const role = roleArn.slice(roleArn.lastIndexOf("/") + 1);
      const account = roleArn.split(":")[4];
      res.writeHead(200, { "content-type": "text/xml" });
      res.end(
        `<AssumeRoleResponse xmlns="${NS}"><AssumeRoleResult><Credentials><AccessKeyId>${opts.accessKeyId}${calls.length}</AccessKeyId><SecretAccessKey>stand-in-session-secret</SecretAccessKey><SessionToken>stand-in-session-token</SessionToken><Expiration>${expiration}</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::${account}:assumed-role/${esc(role)}/${esc(call.roleSessionName ?? "")}</Arn><AssumedRoleId>AROASTANDIN:${esc(call.roleSessionName ?? "")}</AssumedRoleId></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata></AssumeRoleResponse>`,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, calls, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
