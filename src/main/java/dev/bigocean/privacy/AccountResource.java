package dev.bigocean.privacy;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.bigocean.identity.IdentityService;
import dev.bigocean.privacy.api.AccountExport;
import dev.bigocean.privacy.api.EraseAccountRequest;
import dev.bigocean.web.JsonBody;
import dev.bigocean.web.api.ErrorBodies;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** Data rights of a signed-in user: export everything, erase everything. */
@Path("/api/account")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Account")
class AccountResource {

    private final AccountService service;
    private final IdentityService identity;
    private final JsonBody json;

    AccountResource(AccountService service, IdentityService identity, JsonBody json) {
        this.service = service;
        this.identity = identity;
        this.json = json;
    }

    @GET
    @Path("/export")
    @Operation(operationId = "exportAccount", summary = "Export all data held about the caller", description = "Account, sign-in sessions (without token "
            + "hashes), and per assessment session its messages, evidence, computed results, profile and analysis jobs.")
    @APIResponse(responseCode = "200", description = "The export document",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountExport.class)))
    @APIResponse(responseCode = "401", description = "Unauthorized: not signed in", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ErrorBodies.Unauthorized.class)))
    public Uni<AccountExport> export() {
        return service.export();
    }

    @DELETE
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "eraseAccount", summary = "Erase the caller's account and everything of it", description = "Body {\"password\": …}; the "
            + "password may be left out when the caller signed in within the last 10 minutes. Clears the session cookie.")
    @APIResponse(responseCode = "204", description = "Erased; the cookie, sessions and profile links are dead")
    @APIResponse(responseCode = "401", description = "Unauthorized (not signed in, or no recent sign-in and no password) "
            + "or InvalidCredentials (wrong password)", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(oneOf = { ErrorBodies.Unauthorized.class, ErrorBodies.InvalidCredentials.class },
                            discriminatorProperty = "_tag")))
    public Uni<Response> erase(@RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EraseAccountRequest.class))) String raw, @Context HttpServerRequest request) {
        EraseAccountRequest body = json.read(raw, EraseAccountRequest.class);
        return service.erase(body == null ? null : body.password())
                .map(v -> Response.noContent().header(HttpHeaders.SET_COOKIE, identity.clearedCookie(request)).build());
    }
}
