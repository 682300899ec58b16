package dev.bigocean.identity;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.bigocean.identity.api.AuthResponse;
import dev.bigocean.identity.api.SignInRequest;
import dev.bigocean.identity.api.SignOutResponse;
import dev.bigocean.identity.api.SignUpRequest;
import dev.bigocean.web.ClientAddress;
import dev.bigocean.web.Ids;
import dev.bigocean.web.api.ErrorBodies;
import dev.bigocean.web.JsonBody;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** Better Auth-compatible email and password endpoints. */
@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Auth")
class AuthResource {

    private final AuthService auth;
    private final SessionCookies cookies;
    private final CookieSession cookieSession;
    private final ClientAddress clientAddress;
    private final JsonBody json;

    AuthResource(AuthService auth, SessionCookies cookies, CookieSession cookieSession, ClientAddress clientAddress,
            JsonBody json) {
        this.auth = auth;
        this.cookies = cookies;
        this.cookieSession = cookieSession;
        this.clientAddress = clientAddress;
        this.json = json;
    }

    @POST
    @Path("/sign-up/email")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "signUp", summary = "Create an account and sign in",
            description = "Sets the HttpOnly session cookie. With anonymousSessionId the anonymous assessment becomes the new "
                    + "user's. The password needs 12 or more characters and must not be weak.")
    @APIResponse(responseCode = "200", description = "The new user and session; the session cookie is set.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuthResponse.class)))
    @APIResponse(responseCode = "409", description = "UserAlreadyExists.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ErrorBodies.UserAlreadyExists.class)))
    public Uni<Response> signUp(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SignUpRequest.class))) String raw, @Context HttpServerRequest request) {
        SignUpRequest body = json.require(raw, SignUpRequest.class);
        var anonymousSession = Ids.optionalUuid("anonymousSessionId", body.anonymousSessionId());
        return auth.signUp(body.email(), body.password(), body.name(), anonymousSession, client(request))
                .map(signedIn -> signedIn(signedIn, request));
    }

    @POST
    @Path("/sign-in/email")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "signIn", summary = "Sign in with email and password",
            description = "Sets the HttpOnly session cookie. With anonymousSessionId that anonymous assessment becomes the user's.")
    @APIResponse(responseCode = "200", description = "The user and the new session; the session cookie is set.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuthResponse.class)))
    @APIResponse(responseCode = "401", description = "InvalidCredentials.", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ErrorBodies.InvalidCredentials.class)))
    public Uni<Response> signIn(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SignInRequest.class))) String raw, @Context HttpServerRequest request) {
        SignInRequest body = json.require(raw, SignInRequest.class);
        var anonymousSession = Ids.optionalUuid("anonymousSessionId", body.anonymousSessionId());
        return auth.signIn(body.email(), body.password(), anonymousSession, client(request))
                .map(signedIn -> signedIn(signedIn, request));
    }

    @POST
    @Path("/sign-out")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "signOut", summary = "End the cookie's session and clear the cookie")
    @APIResponse(responseCode = "200", description = "Always success: true.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SignOutResponse.class)))
    public Uni<Response> signOut(@Context HttpServerRequest request) {
        Uni<Void> delete = cookieSession.present() ? auth.signOut(cookieSession.id()) : Uni.createFrom().voidItem();
        cookieSession.handled();
        return delete.map(ignored -> Response.ok(new SignOutResponse(true))
                .header(HttpHeaders.SET_COOKIE, cookies.clear(request)).build());
    }

    /** The cookie's session with its user, or a JSON {@code null} when not signed in with a cookie. */
    @GET
    @Path("/get-session")
    @Operation(operationId = "getSession", summary = "The signed-in user and session, or null")
    @APIResponse(responseCode = "200", description = "The user and session of the session cookie; JSON null when not signed in.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuthResponse.class)))
    public Uni<Response> getSession() {
        if (!cookieSession.present()) {
            return Uni.createFrom().item(nullBody());
        }
        return auth.userOfSession(cookieSession.id()).map(user -> user == null ? nullBody()
                : Response.ok(new AuthResponse(view(user), new AuthResponse.SessionView(cookieSession.id().toString(),
                        cookieSession.expiresAt().toString()))).build());
    }

    private Response signedIn(AuthService.SignedIn signedIn, HttpServerRequest request) {
        cookieSession.handled();
        AuthResponse body = new AuthResponse(view(signedIn.user()),
                new AuthResponse.SessionView(signedIn.session().id.toString(), signedIn.session().expiresAt.toString()));
        return Response.ok(body)
                .header(HttpHeaders.SET_COOKIE, cookies.issue(signedIn.token(), signedIn.session().expiresAt, request))
                .build();
    }

    private static AuthResponse.UserView view(User user) {
        return new AuthResponse.UserView(user.id.toString(), user.email, user.name);
    }

    private static Response nullBody() {
        return Response.ok("null", MediaType.APPLICATION_JSON_TYPE).build();
    }

    private AuthService.Client client(HttpServerRequest request) {
        return new AuthService.Client(clientAddress.ip(request), request.getHeader(HttpHeaders.USER_AGENT));
    }
}
