/**
 * Schemas the routes share. Every route states its body, params, querystring and response as
 * TypeBox schemas: Fastify validates requests by them, serialises responses from them
 * (fast-json-stringify drops what a response schema does not name) and the handlers' types
 * come from them (@fastify/type-provider-typebox).
 */
import { Type, type TSchema } from 'typebox'

export const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
export const Uuid = Type.String({ pattern: UUID })

/** Route parameters `{ id }` of a record. */
export const IdParams = Type.Object({ id: Uuid })
/** Route parameters `{ id }` of a campaign (its slug). */
export const CampaignIdParams = Type.Object({ id: Type.String({ maxLength: 100 }) })

export const FieldErrorSchema = Type.Object({ field: Type.String(), code: Type.String(), message: Type.String() })

/**
 * Every error the server sends (server/errors.ts): a stable code, a Chinese message, the
 * field(s) at fault; and what an error adds for the client (e.g. `current` of a version
 * conflict), written out as it is.
 */
export const ApiErrorSchema = Type.Object(
  {
    code: Type.String(),
    message: Type.String(),
    field: Type.Optional(Type.String()),
    fields: Type.Optional(Type.Array(FieldErrorSchema))
  },
  { additionalProperties: true }
)

/** The error responses every route may give. */
const errorResponses = { '4xx': ApiErrorSchema, '5xx': ApiErrorSchema }

/** The responses of a route: `ok` under 200 (or `status`) and the error shape. */
export function replies<S extends TSchema>(ok: S): { 200: S; '4xx': typeof ApiErrorSchema; '5xx': typeof ApiErrorSchema }
export function replies<S extends TSchema, C extends 201 | 204>(ok: S, status: C): Record<C, S> & typeof errorResponses
export function replies(ok: TSchema, status = 200) {
  return { [status]: ok, ...errorResponses }
}

/**
 * A part of a response whose shape types/ describes for the app (a campaign definition, a
 * status timeline, the reviewer's records): written out whole (JSON.stringify), typed as `T`
 * for the handler.
 */
export const Described = <T>() => Type.Unsafe<T>({})

/** A file or a stream (downloads): the body is not JSON. */
export const Download = Type.Unsafe<unknown>({ description: 'a file download' })

/** No content (204). */
export const NoContent = Type.Null()

export const Unread = Type.Object({ unread: Type.Integer() })
