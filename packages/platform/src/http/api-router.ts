import { OpenAPIRegistry, OpenApiGeneratorV3 } from "@asteasolutions/zod-to-openapi";
import { type Request, type Response, Router } from "express";
import { z } from "zod";
import { AppError } from "../errors/app-error";
import { parseOrThrow } from "../errors/zod-issues";
import { NUL_MESSAGE, containsNul } from "./nul-characters";

type Method = "get" | "post" | "patch" | "put" | "delete";

type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteSpec<P, Q, B, Principal> {
  method: Method;
  /** Express-style path (`/leads/:id`); documented as `/leads/{id}`. */
  path: string;
  summary: string;
  tags?: string[];
  params?: P;
  query?: Q;
  body?: B;
  /** false only for login and similar; everything else requires a principal. */
  auth?: boolean;
  /** 200 by default; 201 for creations, 204 when the handler returns undefined. */
  status?: number;
  handler: (input: { params: Infer<P>; query: Infer<Q>; body: Infer<B>; principal: Principal; req: Request; res: Response }) => Promise<unknown>;
}

/**
 * A router whose routes parse params, query and body with zod before the handler runs (a 400 naming the
 * fields otherwise) and describe themselves in one OpenAPI document.
 */
export class ApiRouter<Principal> {
  readonly router = Router();
  private readonly registry = new OpenAPIRegistry();

  constructor(
    private readonly requirePrincipal: (req: Request, res: Response) => Principal,
    private readonly basePath = "/api",
  ) {
    this.registry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer" });
    this.registry.registerComponent("securitySchemes", "cookie", { type: "apiKey", in: "cookie", name: "sid" });
  }

  route<P extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, B extends z.ZodType | undefined = undefined>(
    spec: RouteSpec<P, Q, B, Principal>,
  ): void {
    const needsAuth = spec.auth !== false;
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
        [String(spec.status ?? 200)]: { description: "Success" },
        "400": { description: "Invalid input (error.issues names each field)" },
        ...(needsAuth ? { "401": { description: "Not logged in" }, "403": { description: "Role not allowed" } } : {}),
      },
    });
    this.router[spec.method](spec.path, async (req, res) => {
      // The matched pattern for metrics: kept here because an error reaching the app's handler loses req.baseUrl.
      res.locals.routePattern = `${req.baseUrl}${spec.path}`;
      const principal = needsAuth ? this.requirePrincipal(req, res) : (undefined as Principal);
      if (containsNul(req.body) || containsNul(req.query) || containsNul(req.params)) {
        throw new AppError("validation", "nul_character", NUL_MESSAGE);
      }
      const params = (spec.params ? parseOrThrow(spec.params, req.params, "path") : undefined) as Infer<P>;
      const query = (spec.query ? parseOrThrow(spec.query, req.query, "query") : undefined) as Infer<Q>;
      const body = (spec.body ? parseOrThrow(spec.body, req.body ?? {}, "body") : undefined) as Infer<B>;
      const result = await spec.handler({ params, query, body, principal, req, res });
      if (res.headersSent) return;
      if (result === undefined) res.status(204).end();
      else res.status(spec.status ?? 200).json(result);
    });
  }

  openApiDocument(info: { title: string; version: string; description?: string }) {
    return new OpenApiGeneratorV3(this.registry.definitions).generateDocument({ openapi: "3.0.3", info });
  }
}

/** `:id` path parameter as a positive integer. */
export const ZIdParamsSchema = z.object({ id: z.coerce.number().int().positive("id must be a positive integer") });
