/**
 * What a statement's resource ARN reaches, read against the ARN formats of the IAM action
 * catalogue (Service Authorization Reference, each service's "Resource types" table:
 * https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html):
 * - whether it reaches every resource of a kind: a wildcard in its region or account, or one that
 *   stands where the resource's name begins (`arn:aws:s3:::*`, `arn:aws:s3:::*` + `/*`,
 *   `arn:aws:iam::111122223333:role/*`);
 * - whether it has a region or account where the resource's ARN has none. IAM, S3 buckets and
 *   objects, Route 53 and the other global resources have an empty region field (and S3 buckets
 *   an empty account field): IAM user guide, reference-arns
 *   (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html). Such an ARN matches
 *   no resource, and for IAM resources IAM refuses the policy (MalformedPolicyDocument);
 * - whether it writes a name the format takes without its leading '/' with one (SSM parameters:
 *   `parameter/${ParameterNameWithoutLeadingSlash}`), which matches nothing.
 */
import { hasWildcard, parseArn, wildcardMatches, type Arn } from "../aws/arn";
import { resourceArnFormats } from "../aws/catalogue";

/** One catalogue ARN format, split into fields; `prefix` is the resource part's literal start. */
interface Format {
  readonly region: string;
  readonly account: string;
  readonly resource: string;
  readonly prefix: string;
}

async function formatsOf(service: string): Promise<Format[]> {
  const out: Format[] = [];
  for (const f of await resourceArnFormats(service)) {
    const a = parseArn(f);
    if (a) out.push({ region: a.region, account: a.account, resource: a.resource, prefix: a.resource.split("${")[0]! });
  }
  return out;
}

/** Whether a written field (which may hold wildcards) can stand where the format has `field`. */
function fits(written: string, field: string): boolean {
  return field.includes("${") ? written !== "" : wildcardMatches(written, field);
}

/** The written resource part up to its first wildcard. */
function headOf(resource: string): string {
  const w = resource.search(/[*?]/);
  return w < 0 ? resource : resource.slice(0, w);
}

/** The formats the written resource part could be meant for, by their literal start. */
function byResource(a: Arn, formats: ReadonlyArray<Format>): Format[] {
  const head = headOf(a.resource);
  return formats.filter((f) => head.startsWith(f.prefix) || (hasWildcard(a.resource) && f.prefix.startsWith(head)));
}

/**
 * The ARN with each placeholder or policy variable (`${namespace}`, `${aws:PrincipalTag/x}`)
 * read as one literal character: it stands for a value, never for a wildcard.
 */
function plainArn(r: string): Arn | undefined {
  return parseArn(r.replace(/\$\{[^}]*\}/g, "x"));
}

/** Whether `r` reaches every resource of some kind: `*`, or an ARN read as above. */
export async function reachesEveryResource(r: string): Promise<boolean> {
  if (r === "*") return true;
  const a = plainArn(r);
  if (a === undefined) return false;
  const all = await formatsOf(a.service.toLowerCase());
  // A wildcard region or account widens the ARN only where the resource's ARN has that field:
  // IAM roles have no region, so arn:aws:iam:*:…:role/app still names one role.
  const meant = byResource(a, all);
  const wide = (field: "region" | "account") => hasWildcard(a[field]) && (meant.length === 0 || meant.some((f) => f[field].includes("${")));
  if (wide("region") || wide("account")) return true;
  if (!hasWildcard(a.resource)) return false;
  const head = headOf(a.resource);
  const formats = all.filter((f) => fits(a.region, f.region) && fits(a.account, f.account));
  // A service the catalogue does not know: only a resource part that starts with a wildcard.
  if (formats.length === 0) return head === "";
  return formats.some((f) => f.prefix.startsWith(head));
}

/** Why ARN `r` can match no resource, or undefined; the message says what to write instead. */
export async function resourceArnProblem(r: string): Promise<string | undefined> {
  const a = plainArn(r);
  if (a === undefined || r.includes("${")) return undefined;
  const candidates = byResource(a, await formatsOf(a.service.toLowerCase()));
  if (candidates.length === 0) return undefined;
  const shapes = [...new Set(candidates.map((f) => `arn:${a.partition}:${a.service}:${f.region}:${f.account}:${f.resource}`))].slice(0, 2).join(", ");
  const extra = (field: "region" | "account") => a[field] !== "" && !hasWildcard(a[field]) && candidates.every((f) => f[field] === "");
  if (extra("region") || extra("account")) {
    const fields = (["region", "account"] as const).filter(extra);
    const fixed = `arn:${a.partition}:${a.service}:${extra("region") ? "" : a.region}:${extra("account") ? "" : a.account}:${a.resource}`;
    return `${JSON.stringify(r)} has ${fields.map((f) => `${f} ${JSON.stringify(a[f])}`).join(" and ")}, but ${a.service} ARNs of this kind have no ${fields.join(" and no ")} field (${shapes}), so it matches no resource${a.service === "iam" ? " and IAM refuses the policy (MalformedPolicyDocument)" : ""}; write ${fixed}`;
  }
  const slash = candidates.find((f) => f.resource.startsWith(`${f.prefix}\${`) && /^\$\{\w*WithoutLeadingSlash\}/.test(f.resource.slice(f.prefix.length)) && a.resource.startsWith(`${f.prefix}/`));
  if (slash) {
    const fixed = `arn:${a.partition}:${a.service}:${a.region}:${a.account}:${slash.prefix}${a.resource.slice(slash.prefix.length).replace(/^\/+/, "")}`;
    return `${JSON.stringify(r)} writes the name after ${JSON.stringify(slash.prefix)} with its leading '/', but AWS writes these ARNs without it (${slash.resource}), so it matches nothing; write ${fixed}`;
  }
  return undefined;
}
