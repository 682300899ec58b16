package dev.bigocean.web;

import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * What every operation shares, in one place instead of on each resource method: the security schemes and who may call
 * what (anyone, optionally signed in; a signed-in user; or an internal caller), the optional {@code X-Request-Id}
 * request and response header, the 400/401/429/500 responses of every {@code /api} operation, 503 {@code DatabaseError}
 * (the connection pool stayed busy, or the database did not answer) of those that use it, and 403
 * {@code ForbiddenOrigin} of every operation ({@link OriginGuard}).
 */
public class OpenApiFilter implements OASFilter {

    static final String COOKIE = "sessionCookie";
    static final String BEARER = "bearerJwt";
    static final String INTERNAL_SECRET = "internalSecret";
    static final String INTERNAL_USER = "internalUserId";
    static final String REQUEST_ID = "X-Request-Id";
    static final String RETRY_AFTER = "Retry-After";

    /** Operations that need a signed-in user (anonymous callers get 401). */
    private static final Set<String> USER_REQUIRED = Set.of("setProfileVisibility", "exportAccount", "eraseAccount");

    /** Operations that never touch the database (so never answer 503 {@code DatabaseError}). */
    private static final Set<String> NO_DATABASE = Set.of("getQuestionnaire");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        Components components = openAPI.getComponents();
        securitySchemes(components);
        components.addParameter(REQUEST_ID, OASFactory.createParameter().name(REQUEST_ID).in(Parameter.In.HEADER)
                .required(false).description("Your id for this request (1-128 characters of A-Z a-z 0-9 . _ -), echoed in "
                        + "the X-Request-Id response header and in error bodies. A missing or malformed one is replaced by a UUID.")
                .schema(string().pattern("^[A-Za-z0-9._-]{1,128}$")));
        components.addHeader(REQUEST_ID, OASFactory.createHeader().schema(string())
                .description("The request id: yours when well-formed, otherwise a new UUID."));
        components.addHeader(RETRY_AFTER, OASFactory.createHeader().description("Seconds to wait before retrying.")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
        components.addResponse("ValidationFailed", error("ValidationError: a parameter, header or body field is missing or "
                + "malformed; field names it.", "ValidationError"));
        components.addResponse("Unauthenticated", error("Unauthorized: the session cookie, bearer token or internal "
                + "headers were sent but are not valid.", "Unauthorized"));
        components.addResponse("RateLimited", error("RateLimitExceeded: too many requests; Retry-After says when to retry.",
                "RateLimitExceeded").addHeader(RETRY_AFTER, OASFactory.createHeader().ref(RETRY_AFTER)));
        components.addResponse("ServerError", error("DatabaseError or InternalError; the body never carries internals.",
                "DatabaseError", "InternalError"));
        components.addResponse("DatabaseBusy", error("DatabaseError: every database connection stayed busy, or the database "
                + "did not answer in time; Retry-After says when to retry.",
                "DatabaseError").addHeader(RETRY_AFTER, OASFactory.createHeader().ref(RETRY_AFTER)));
        components.addResponse("PayloadTooLarge", error("PayloadTooLarge: the request body is over MAX_BODY_SIZE; maxBytes "
                + "says how large it may be.", "PayloadTooLarge"));
        components.addResponse("ForbiddenOrigin", error("ForbiddenOrigin: the Origin header is neither the frontend's nor "
                + "this service's; nothing ran.", "ForbiddenOrigin"));

        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations()
                .forEach((method, operation) -> apply(path, operation)));
    }

    private static void securitySchemes(Components components) {
        components.addSecurityScheme(COOKIE, OASFactory.createSecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.COOKIE).name("better-auth.session_token")
                .description("The HttpOnly session cookie set by sign-up and sign-in (its name is AUTH_COOKIE_NAME)."));
        components.addSecurityScheme(BEARER, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").bearerFormat("JWT")
                .description("An access token of the configured identity provider (only when OIDC_ISSUER_URL is set)."));
        components.addSecurityScheme(INTERNAL_SECRET, OASFactory.createSecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER).name("x-internal-secret")
                .description("INTERNAL_API_SECRET, for trusted internal callers and the admin endpoints."));
        components.addSecurityScheme(INTERNAL_USER, OASFactory.createSecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER).name("x-user-id")
                .description("The user id a trusted internal caller acts for; honoured only together with x-internal-secret."));
    }

    private void apply(String path, Operation operation) {
        operation.addParameter(OASFactory.createParameter().ref(REQUEST_ID));
        if (path.startsWith("/api/")) {
            boolean hasInput = operation.getRequestBody() != null || operation.getParameters().size() > 1;
            addIfAbsent(operation, "400", hasInput ? "ValidationFailed" : null);
            addIfAbsent(operation, "401", "Unauthenticated");
            addIfAbsent(operation, "429", "RateLimited");
            addIfAbsent(operation, "500", "ServerError");
            if (!named(NO_DATABASE, operation.getOperationId())) {
                addOrJoin(operation, "503", "DatabaseBusy", "DatabaseError");
            }
            operation.setSecurity(security(path, operation.getOperationId()));
        }
        if (operation.getRequestBody() != null) {
            addIfAbsent(operation, "413", "PayloadTooLarge");
        }
        addOrJoin(operation, "403", "ForbiddenOrigin", "ForbiddenOrigin");
        // The operation's own responses get the headers the shared ones carry themselves: the request id, and on a 429
        // or 503 when to retry.
        operation.getResponses().getAPIResponses().forEach((status, response) -> {
            if (response.getRef() == null) {
                response.addHeader(REQUEST_ID, OASFactory.createHeader().ref(REQUEST_ID));
                if (status.equals("429") || status.equals("503")) {
                    response.addHeader(RETRY_AFTER, OASFactory.createHeader().ref(RETRY_AFTER));
                }
            }
        });
    }

    /** Adds the shared response unless the operation describes that status itself (a bare generated one does not count). */
    private static void addIfAbsent(Operation operation, String status, String sharedResponse) {
        APIResponse own = operation.getResponses().getAPIResponse(status);
        if (sharedResponse != null && (own == null || (own.getRef() == null && own.getContent() == null))) {
            operation.getResponses().addAPIResponse(status, OASFactory.createAPIResponse().ref(sharedResponse));
        }
    }

    /**
     * Adds the shared response, or, when the operation describes that status with its own error schemas, adds
     * {@code tag} to them (a {@code oneOf} discriminated by {@code _tag}).
     */
    private static void addOrJoin(Operation operation, String status, String sharedResponse, String tag) {
        APIResponse own = operation.getResponses().getAPIResponse(status);
        if (own == null || own.getRef() != null || own.getContent() == null
                || own.getContent().getMediaType("application/json") == null) {
            addIfAbsent(operation, status, sharedResponse);
            return;
        }
        org.eclipse.microprofile.openapi.models.media.MediaType json = own.getContent().getMediaType("application/json");
        Schema schema = json.getSchema();
        if (schema.getOneOf() == null) {
            schema = OASFactory.createSchema().discriminator(OASFactory.createDiscriminator().propertyName("_tag"))
                    .addOneOf(schema);
            json.setSchema(schema);
        }
        String ref = "#/components/schemas/" + tag;
        if (schema.getOneOf().stream().noneMatch(s -> ref.equals(s.getRef()))) {
            schema.addOneOf(OASFactory.createSchema().ref(tag));
            own.setDescription(own.getDescription() == null ? tag + "." : own.getDescription() + " Or " + tag + ".");
        }
    }

    /** Whether an operation id (absent on an operation without one, which the document tests refuse) is in a set. */
    private static boolean named(Set<String> ids, String operationId) {
        return operationId != null && ids.contains(operationId);
    }

    private static List<SecurityRequirement> security(String path, String operationId) {
        SecurityRequirement cookie = OASFactory.createSecurityRequirement().addScheme(COOKIE);
        SecurityRequirement bearer = OASFactory.createSecurityRequirement().addScheme(BEARER);
        SecurityRequirement internalUser = OASFactory.createSecurityRequirement().addScheme(INTERNAL_SECRET)
                .addScheme(INTERNAL_USER);
        if (path.startsWith("/api/admin/")) {
            return List.of(OASFactory.createSecurityRequirement().addScheme(INTERNAL_SECRET));
        }
        if (named(USER_REQUIRED, operationId)) {
            return List.of(cookie, bearer, internalUser);
        }
        // The empty requirement first: anonymous callers are welcome, and a generated client needs no credentials.
        return List.of(OASFactory.createSecurityRequirement(), cookie, bearer, internalUser);
    }

    /** A JSON error response whose body is one of the given {@code _tag} schemas. */
    private static APIResponse error(String description, String... tags) {
        Schema schema;
        if (tags.length == 1) {
            schema = OASFactory.createSchema().ref(tags[0]);
        } else {
            schema = OASFactory.createSchema().discriminator(OASFactory.createDiscriminator().propertyName("_tag"));
            for (String tag : tags) {
                schema.addOneOf(OASFactory.createSchema().ref(tag));
            }
        }
        Content content = OASFactory.createContent().addMediaType("application/json",
                OASFactory.createMediaType().schema(schema));
        return OASFactory.createAPIResponse().description(description).content(content)
                .addHeader(REQUEST_ID, OASFactory.createHeader().ref(REQUEST_ID));
    }

    private static Schema string() {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING);
    }
}
