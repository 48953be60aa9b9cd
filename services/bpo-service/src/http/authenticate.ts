import { requirePrincipal, resolvePrincipal } from "@crm/platform";
import type { Actor } from "../domain/actor";
import type { AuthService } from "../domain/auth-service";

/** Session cookie / bearer token → Actor, with this service's Actor type. */
export const resolveActor = (auth: AuthService) => resolvePrincipal<Actor>(auth);
export const requireActor = requirePrincipal<Actor>;
