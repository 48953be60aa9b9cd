import { OpenAPIRegistry, OpenApiGeneratorV3 } from "@asteasolutions/zod-to-openapi";
import { type Request, type Response, Router } from "express";
import { z } from "zod";
import { AppError } from "../errors/app-error";
import { parseOrThrow } from "../errors/zod-issues";
import { sendAppError } from "./error-handler";
import { NUL_MESSAGE, containsNul } from "./nul-characters";

type Method = "get" | "post" | "patch" | "put" | "delete";

type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler may return for a response schema: its input side (dates as Date; JSON turns them into strings). */
type Reply<R> = R extends z.ZodType ? z.input<R> : unknown;

export interface RouteSpec<P, Q, B, R, Principal> {
  method: Method;
  /** Express-style path (`/leads/:id`); documented as `/leads/{id}`. */
  path: string;
  summary: string;
  tags?: string[];
  params?: P;
  query?: Q;
  body?: B;
  /**
   * The success body (Z…ResponseSchema), documented in OpenAPI; every route declares one (a test walks the
   * document). Omit only for 204 routes and routes that stream something other than JSON (then say so in
   * `produces`). Checked against the handler's result when the router is built with `checkResponses`.
   */
  response?: R;
  /** Content type of a non-JSON success body (CSV export), documented instead of a schema. */
  produces?: string;
  /** false only for login and similar; everything else requires a principal. */
  auth?: boolean;
  /** 200 by default; 201 for creations, 204 when the handler returns undefined. */
  status?: number;
  handler: (input: { params: Infer<P>; query: Infer<Q>; body: Infer<B>; principal: Principal; req: Request; res: Response }) => Promise<Reply<R>>;
}

/**
 * A router whose routes parse params, query and body with zod before the handler runs (a 400 naming the
 * fields otherwise) and describe themselves in one OpenAPI document.
 */
export class ApiRouter<Principal> {
  readonly router = Router();
  private readonly registry = new OpenAPIRegistry();
  /**
   * Routes grouped by their first path segment (`/leads/...` in one sub-router mounted at `/leads`): a request
   * is matched against a dozen prefixes and then its group, not against all ~80 patterns in turn (the router's
   * matching showed in the API's profile of the claim race). Literal first segments never overlap, so the
   * order within each group is all that matters, and it is kept.
   */
  private readonly groups = new Map<string, Router>();

  constructor(
    private readonly requirePrincipal: (req: Request, res: Response) => Principal,
    private readonly basePath = "/api",
    /** Tests: parse every JSON result with its response schema, so a schema cannot drift from the data. */
    private readonly checkResponses = false,
  ) {
    this.registry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer" });
    this.registry.registerComponent("securitySchemes", "cookie", { type: "apiKey", in: "cookie", name: "sid" });
  }

  route<
    P extends z.ZodType | undefined = undefined,
    Q extends z.ZodType | undefined = undefined,
    B extends z.ZodType | undefined = undefined,
    R extends z.ZodType | undefined = undefined,
  >(spec: RouteSpec<P, Q, B, R, Principal>): void {
    const needsAuth = spec.auth !== false;
    const status = spec.status ?? 200;
    const success = spec.response
      ? { content: { "application/json": { schema: spec.response as z.ZodType } } }
      : spec.produces
        ? { content: { [spec.produces]: { schema: { type: "string" as const } } } }
        : {};
    this.registry.registerPath({
      method: spec.method,
      path: this.basePath + spec.path.replace(/:(\w+)/g, "{$1}"),
      summary: spec.summary,
      tags: spec.tags,
      security: needsAuth ? [{ bearer: [] }, { cookie: [] }] : [],
      request: {
        ...(spec.params ? { params: spec.params as unknown as z.ZodObject } : {}),
        ...(spec.query ? { query: spec.query as unknown as z.ZodObject } : {}),
        ...(spec.body ? { body: { content: { "application/json": { schema: spec.body as z.ZodType } } } } : {}),
      },
      responses: {
        [String(status)]: { description: "Success", ...success },
        "400": { description: "Invalid input (error.issues names each field)" },
        ...(needsAuth ? { "401": { description: "Not logged in" }, "403": { description: "Role not allowed" } } : {}),
      },
    });
    const pattern = this.basePath + spec.path;
    const { router, path } = this.placed(spec.path);
    router[spec.method](path, async (req, res) => {
      // The matched pattern for metrics: kept here because an error reaching the app's handler loses req.baseUrl.
      res.locals.routePattern = pattern;
      const principal = needsAuth ? this.requirePrincipal(req, res) : (undefined as Principal);
      if (containsNul(req.body) || containsNul(req.query) || containsNul(req.params)) {
        throw new AppError("validation", "nul_character", NUL_MESSAGE);
      }
      const params = (spec.params ? parseOrThrow(spec.params, req.params, "path") : undefined) as Infer<P>;
      const query = (spec.query ? parseOrThrow(spec.query, req.query, "query") : undefined) as Infer<Q>;
      const body = (spec.body ? parseOrThrow(spec.body, req.body ?? {}, "body") : undefined) as Infer<B>;
      let result: Reply<R>;
      try {
        result = await spec.handler({ params, query, body, principal, req, res });
      } catch (error) {
        // A client's refusal (a lost claim race, a 404) is answered here: passed on, it would walk back through
        // every router layer to the app's error handler, which showed in the API's profile of the claim race.
        if (error instanceof AppError && error.isClientError && !res.headersSent) return sendAppError(req, res, error);
        throw error;
      }
      if (res.headersSent) return;
      if (result === undefined) res.status(204).end();
      else res.status(status).json(this.checkResponses && spec.response ? checked(spec, result) : result);
    });
  }

  /** The router a path goes on (its first segment's group) and the path within it. */
  private placed(path: string): { router: Router; path: string } {
    const seg = /^\/([^/:]+)(\/.*)?$/.exec(path);
    if (!seg) return { router: this.router, path };
    let group = this.groups.get(seg[1]!);
    if (!group) {
      group = Router();
      this.groups.set(seg[1]!, group);
      this.router.use(`/${seg[1]}`, group);
    }
    return { router: group, path: seg[2] ?? "/" };
  }

  openApiDocument(info: { title: string; version: string; description?: string }) {
    return new OpenApiGeneratorV3(this.registry.definitions).generateDocument({ openapi: "3.0.3", info });
  }
}

/** A result its schema refuses is the server's bug: a 500 naming the route and the fields, never sent as is. */
function checked(spec: { method: string; path: string; response?: z.ZodType }, result: unknown): unknown {
  const parsed = spec.response!.safeParse(result);
  if (parsed.success) return result;
  const fields = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
  throw new Error(`${spec.method.toUpperCase()} ${spec.path} answered outside its response schema: ${fields}`);
}

/** `:id` path parameter as a positive integer. */
export const ZIdParamsSchema = z.object({ id: z.coerce.number().int().positive("id must be a positive integer") });

type OpenApiPaths = Record<string, Record<string, { responses?: Record<string, { content?: object }> }>>;

/**
 * `METHOD /path` of every operation in an OpenAPI document whose success answer has no content (no response
 * schema, no declared media type); a 204 has no body and is left out. The services' tests keep this list empty.
 */
export function routesWithoutResponseSchema(doc: { paths?: OpenApiPaths }): string[] {
  const missing: string[] = [];
  for (const [path, operations] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(operations)) {
      const success = Object.entries(op.responses ?? {}).find(([code]) => code.startsWith("2"));
      if (!success || success[0] === "204") continue;
      if (!success[1].content) missing.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return missing;
}

/** What the shared lead routes call: the lead service of either CRM. */
export interface LeadRecordActions<Principal, View, Message> {
  setActive(principal: Principal, id: number, active: boolean): Promise<View>;
  messages(principal: Principal, id: number): Promise<Message[]>;
  postNote(principal: Principal, id: number, body: string): Promise<void>;
}

/**
 * The lead routes both CRMs answer alike: archive and restore (with each CRM's summary, naming who may), the
 * chatter newest first, and posting a note. Each service passes its own schemas, so OpenAPI shows its shapes.
 */
export function leadArchiveAndChatterRoutes<Principal, V extends z.ZodType, M extends z.ZodType>(
  api: ApiRouter<Principal>,
  leads: LeadRecordActions<Principal, Reply<V>, Reply<M> extends { messages: (infer X)[] } ? X : never>,
  schemas: { view: V; messages: M; note: z.ZodType<{ body: string }>; ok: z.ZodType<{ ok: true }> },
  summaries: { archive: string; restore: string },
): void {
  const tags = ["leads"];
  for (const [path, active] of [["archive", false], ["restore", true]] as const) {
    api.route({
      method: "post",
      path: `/leads/:id/${path}`,
      summary: summaries[path],
      tags,
      params: ZIdParamsSchema,
      response: schemas.view,
      handler: ({ principal, params }) => leads.setActive(principal, params.id, active),
    });
  }
  api.route({
    method: "get",
    path: "/leads/:id/messages",
    summary: "Chatter, newest first",
    tags,
    params: ZIdParamsSchema,
    response: schemas.messages,
    handler: async ({ principal, params }) => ({ messages: await leads.messages(principal, params.id) }) as Reply<M>,
  });
  api.route({
    method: "post",
    path: "/leads/:id/messages",
    summary: "Post a note to the chatter",
    tags,
    params: ZIdParamsSchema,
    body: schemas.note,
    status: 201,
    response: schemas.ok,
    handler: async ({ principal, params, body }) => {
      await leads.postNote(principal, params.id, body.body);
      return { ok: true as const };
    },
  });
}
